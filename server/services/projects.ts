// Projects: creation (with a git repository and a default workspace), copies, status, settings,
// collaborators, goals, imported repositories, shared-dataset links and workspace sessions.
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import type {
  CopyProjectSpecV1Schema,
  NewProjectGitRepositoryV1Schema,
  NewProjectV1Schema,
  ProjectCollaboratorRoleV1,
  ProjectGitRepositoryV1Schema,
  ProjectGoalV1Schema,
  ProjectStatusV1Schema,
  ProjectV1Schema,
} from '../../src/api/schemas/projects';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import type { GoalRow, ImportedRepositoryRow } from '../db/project-parts-repository';
import type { MainRepository, ProjectRow } from '../db/projects-repository';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { newObjectId } from '../http/ids';
import type { GitAuthor } from '../git/git-repositories';
import { accessProject } from './project-access';

export const DEFAULT_HARDWARE_TIER_ID = 'small-k8s';

export function toProjectV1(ctx: ServerContext, project: ProjectRow, collaborators = ctx.projects.collaborators(project.id)): Wire<typeof ProjectV1Schema> {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    visibility: project.visibility,
    ownerId: project.ownerId,
    ownerUsername: project.ownerUserName,
    collaborators: collaborators.map((c) => ({ id: c.userId, role: c.role })),
    internalTags: [],
    isRestricted: false,
    ...(project.mainRepository ? { mainRepository: toRepositoryV1(project.mainRepository) } : {}),
  };
}

function toRepositoryV1(repo: MainRepository): Wire<typeof ProjectGitRepositoryV1Schema> {
  return {
    id: repo.id,
    uri: repo.uri,
    name: repo.name,
    serviceProvider: repo.serviceProvider,
    defaultRef: { refType: repo.refType, ...(repo.refValue ? { value: repo.refValue } : {}) },
  };
}

export function toImportedRepositoryV1(row: ImportedRepositoryRow): Wire<typeof ProjectGitRepositoryV1Schema> {
  return toRepositoryV1({ ...row, refValue: row.refValue ?? undefined });
}

export function toGoalV1(goal: GoalRow): Wire<typeof ProjectGoalV1Schema> {
  return {
    id: goal.id,
    title: goal.title,
    isComplete: goal.isComplete,
    projectId: goal.projectId,
    createdAt: goal.createdAt,
    creatorId: goal.creatorId,
    ...(goal.description ? { description: goal.description } : {}),
  };
}

export function authorOf(ctx: ServerContext, userId: string): GitAuthor {
  const user = ctx.users.findById(userId);
  return { name: user ? `${user.firstName} ${user.lastName}` : 'Domino', email: user?.email ?? 'domino@localhost', date: ctx.clock.now() };
}

const GIT_URI = /^(https?:\/\/[^\s/]+\/\S+|git@[^\s:]+:\S+|ssh:\/\/\S+)$/i;

/** Provider and name from a repository URL, e.g. https://github.com/acme/churn.git → github, churn. */
export function describeRepositoryUri(uri: string): { name: string; serviceProvider: string } {
  const host = (uri.match(/^[a-z]+:\/\/(?:[^@/]+@)?([^/:]+)/i) ?? uri.match(/^git@([^:]+):/i))?.[1]?.toLowerCase() ?? '';
  const serviceProvider = host === 'github.com' ? 'github' : host === 'gitlab.com' ? 'gitLab' : host === 'bitbucket.org' ? 'bitbucket' : host.includes('github') ? 'githubEnterprise' : host.includes('gitlab') ? 'gitLabEnterprise' : host.includes('bitbucket') ? 'bitbucketServer' : 'unknown';
  const name = uri.replace(/\/+$/, '').split(/[/:]/).pop()!.replace(/\.git$/i, '');
  return { name, serviceProvider };
}

function newRepository(ctx: ServerContext, input: z.output<typeof NewProjectGitRepositoryV1Schema>): MainRepository {
  if (!GIT_URI.test(input.uri)) throw badRequest(`uri: "${input.uri}" is not a git repository URL (https://host/owner/repo or git@host:owner/repo)`);
  const described = describeRepositoryUri(input.uri);
  return {
    id: newObjectId(ctx.clock),
    uri: input.uri,
    name: input.name ?? described.name,
    serviceProvider: input.serviceProvider ?? described.serviceProvider,
    refType: input.defaultRef?.refType ?? 'head',
    ...(input.defaultRef?.value ? { refValue: input.defaultRef.value } : {}),
  };
}

function ownerFor(ctx: ServerContext, actor: KeyOwner, ownerId: string | undefined) {
  if (ownerId === undefined || ownerId === actor.id) return ctx.users.findById(actor.id)!;
  if (!actor.isAdmin) throw forbidden('Only administrators may create projects for another owner');
  const owner = ctx.users.findById(ownerId);
  if (!owner) throw notFound(`User ${ownerId} not found`);
  return owner;
}

interface ProjectDraft {
  name: string;
  description: string;
  visibility: ProjectRow['visibility'];
  ownerId: string;
  resultsBranch: ProjectRow['resultsBranch'];
  defaultHardwareTierId: string;
  mainRepository: MainRepository | null;
}

/** Inserts the project and its default workspace; the caller makes its git repository. */
function insertProject(ctx: ServerContext, draft: ProjectDraft): ProjectRow {
  const owner = ctx.users.findById(draft.ownerId)!;
  if (ctx.projects.findLiveByOwnerAndName(owner.id, draft.name)) throw conflict(`${owner.userName} already has a project named "${draft.name}"`);
  const now = ctx.clock.now().toISOString();
  const id = newObjectId(ctx.clock);
  ctx.db.transaction(() => {
    ctx.projects.insert({ id, ...draft, createdAt: now });
    ctx.projectParts.insertWorkspace({ id: newObjectId(ctx.clock), projectId: id, name: 'Default workspace', createdAt: now });
  })();
  return ctx.projects.findById(id)!;
}

export async function createProject(ctx: ServerContext, actor: KeyOwner, input: z.output<typeof NewProjectV1Schema>): Promise<ProjectRow> {
  const owner = ownerFor(ctx, actor, input.ownerId);
  const project = insertProject(ctx, {
    name: input.name,
    description: input.description,
    visibility: input.visibility,
    ownerId: owner.id,
    resultsBranch: 'main',
    defaultHardwareTierId: DEFAULT_HARDWARE_TIER_ID,
    mainRepository: input.mainRepository ? newRepository(ctx, input.mainRepository) : null,
  });
  await ctx.git.ensure(project.id, { content: readmeFor(project), author: authorOf(ctx, actor.id) });
  return project;
}

export function readmeFor(project: Pick<ProjectRow, 'name' | 'description'>): string {
  return `# ${project.name}\n\n${project.description || 'A Domino project.'}\n`;
}

/** Makes sure the project's repository exists (rows seeded without one get it on first use). */
export async function ensureRepository(ctx: ServerContext, project: ProjectRow): Promise<void> {
  await ctx.git.ensure(project.id, { content: readmeFor(project), author: { ...authorOf(ctx, project.ownerId), date: new Date(project.createdAt) } });
}

export interface CopyResult {
  project: ProjectRow;
  datasetsNotCopied: Array<{ datasetInfo: { id: string; name: string; createdAt: string }; errorMessage: string }>;
}

export async function copyProject(ctx: ServerContext, actor: KeyOwner, sourceId: string, spec: z.output<typeof CopyProjectSpecV1Schema>): Promise<CopyResult> {
  const { project: source } = accessProject(ctx, actor, sourceId, 'read');
  if (spec.gitCodeRepoSpec?.deepCopy) {
    throw badRequest('gitCodeRepoSpec.deepCopy: the embedded Domino cannot create repositories at a git provider; use referenceCopy');
  }
  const owner = ownerFor(ctx, actor, spec.ownerId);
  const name = spec.name ?? (owner.id === source.ownerId ? `${source.name}-copy` : source.name);
  const mainRepository = spec.gitCodeRepoSpec?.referenceCopy
    ? newRepository(ctx, { uri: spec.gitCodeRepoSpec.referenceCopy.mainRepoUrl })
    : source.mainRepository && { ...source.mainRepository, id: newObjectId(ctx.clock) };
  await ensureRepository(ctx, source);
  const copy = insertProject(ctx, {
    name,
    description: source.description,
    visibility: spec.visibility ?? source.visibility,
    ownerId: owner.id,
    resultsBranch: source.resultsBranch,
    defaultHardwareTierId: source.defaultHardwareTierId,
    mainRepository,
  });
  await ctx.git.copy(source.id, copy.id);
  const now = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    for (const goal of ctx.projectParts.goals(source.id)) {
      ctx.projectParts.insertGoal({ ...goal, id: newObjectId(ctx.clock), projectId: copy.id, creatorId: actor.id, createdAt: now });
    }
    for (const repo of ctx.projectParts.allRepositories(source.id)) {
      ctx.projectParts.insertRepository({ ...repo, id: newObjectId(ctx.clock), projectId: copy.id, createdAt: now });
    }
    // Shared datasets are links to datasets owned elsewhere: the copy links them too.
    for (const datasetId of ctx.projectParts.sharedDatasetIds(source.id)) ctx.projectParts.linkDataset(copy.id, datasetId, now);
    if (source.status !== 'active' || source.isBlocked) {
      ctx.projects.setStatus(copy.id, { status: 'active', isBlocked: false, blockedReason: null, completedMessage: null });
    }
  })();
  // Datasets owned by a project arrive with the datasets family; until then there are none to copy.
  return { project: ctx.projects.findById(copy.id)!, datasetsNotCopied: [] };
}

export function archiveProject(ctx: ServerContext, actor: KeyOwner, projectId: string): void {
  accessProject(ctx, actor, projectId, 'manage');
  ctx.projects.archive(projectId, ctx.clock.now().toISOString());
}

export function updateStatus(ctx: ServerContext, actor: KeyOwner, projectId: string, status: z.output<typeof ProjectStatusV1Schema>) {
  accessProject(ctx, actor, projectId, 'edit');
  const blockedReason = status.blockedReason?.trim() || null;
  if (status.isBlocked && !blockedReason) throw badRequest('blockedReason: say why the project is blocked');
  ctx.projects.setStatus(projectId, {
    status: status.status,
    isBlocked: status.isBlocked,
    blockedReason: status.isBlocked ? blockedReason : null,
    completedMessage: status.status === 'complete' ? status.completedMessage?.trim() || null : null,
  });
  return statusOf(ctx.projects.findById(projectId)!);
}

export function statusOf(project: ProjectRow): Wire<typeof ProjectStatusV1Schema> {
  return {
    status: project.status,
    isBlocked: project.isBlocked,
    ...(project.blockedReason ? { blockedReason: project.blockedReason } : {}),
    ...(project.completedMessage ? { completedMessage: project.completedMessage } : {}),
  };
}

export function setCollaborator(ctx: ServerContext, actor: KeyOwner, projectId: string, userId: string, role: ProjectCollaboratorRoleV1) {
  const { project } = accessProject(ctx, actor, projectId, 'manage');
  if (!ctx.users.findById(userId)) throw notFound(`User ${userId} not found`);
  if (userId === project.ownerId) throw badRequest('The owner of a project cannot also be its collaborator');
  // Adding an existing collaborator again with another role changes the role.
  ctx.projects.setCollaborator(projectId, userId, role, ctx.clock.now().toISOString());
  return { id: userId, role };
}

export function removeCollaborator(ctx: ServerContext, actor: KeyOwner, projectId: string, userId: string): void {
  accessProject(ctx, actor, projectId, 'manage');
  if (!ctx.projects.removeCollaborator(projectId, userId)) throw notFound(`User ${userId} is not a collaborator of project ${projectId}`);
}

export function addGoal(ctx: ServerContext, actor: KeyOwner, projectId: string, input: { title: string; description?: string }): GoalRow {
  accessProject(ctx, actor, projectId, 'edit');
  const goal: GoalRow = {
    id: newObjectId(ctx.clock),
    projectId,
    title: input.title,
    description: input.description?.trim() || null,
    isComplete: false,
    creatorId: actor.id,
    createdAt: ctx.clock.now().toISOString(),
  };
  ctx.projectParts.insertGoal(goal);
  return goal;
}

export function setGoalComplete(ctx: ServerContext, actor: KeyOwner, projectId: string, goalId: string, isComplete: boolean): GoalRow {
  accessProject(ctx, actor, projectId, 'edit');
  if (!ctx.projectParts.setGoalComplete(projectId, goalId, isComplete)) throw notFound(`Goal ${goalId} not found in project ${projectId}`);
  return ctx.projectParts.goal(projectId, goalId)!;
}

export function deleteGoal(ctx: ServerContext, actor: KeyOwner, projectId: string, goalId: string): void {
  accessProject(ctx, actor, projectId, 'edit');
  if (!ctx.projectParts.deleteGoal(projectId, goalId)) throw notFound(`Goal ${goalId} not found in project ${projectId}`);
}

export function addImportedRepository(ctx: ServerContext, actor: KeyOwner, projectId: string, input: z.output<typeof NewProjectGitRepositoryV1Schema>): ImportedRepositoryRow {
  accessProject(ctx, actor, projectId, 'edit');
  const repo = newRepository(ctx, input);
  if (ctx.projectParts.allRepositories(projectId).some((r) => r.uri === repo.uri)) throw conflict(`${repo.uri} is already imported into this project`);
  const row: ImportedRepositoryRow = { ...repo, projectId, refValue: repo.refValue ?? null, createdAt: ctx.clock.now().toISOString() };
  ctx.projectParts.insertRepository(row);
  return row;
}

export function removeImportedRepository(ctx: ServerContext, actor: KeyOwner, projectId: string, repositoryId: string): void {
  accessProject(ctx, actor, projectId, 'edit');
  if (!ctx.projectParts.deleteRepository(projectId, repositoryId)) throw notFound(`Repository ${repositoryId} not found in project ${projectId}`);
}

export function startWorkspaceSession(ctx: ServerContext, actor: KeyOwner, projectId: string, workspaceId: string) {
  const { project } = accessProject(ctx, actor, projectId, 'launch');
  if (!ctx.projectParts.workspaces(projectId).some((w) => w.id === workspaceId)) throw notFound(`Workspace ${workspaceId} not found in project ${projectId}`);
  const running = ctx.projectParts.executionsOfWorkspace(workspaceId).find((e) => e.endedAt === null);
  if (running) throw conflict(`Workspace ${workspaceId} already has a running session (${running.sessionId})`);
  const session = { id: newObjectId(ctx.clock), executionId: newObjectId(ctx.clock) };
  ctx.projectParts.insertExecution({
    id: session.executionId,
    projectId,
    kind: 'workspace',
    workspaceId,
    sessionId: session.id,
    hardwareTierId: project.defaultHardwareTierId,
    startedBy: actor.id,
    status: 'Running',
    startedAt: ctx.clock.now().toISOString(),
    endedAt: null,
  });
  return session;
}

export function stopWorkspaceSession(ctx: ServerContext, actor: KeyOwner, projectId: string, sessionId: string) {
  const execution = ctx.projectParts.sessionExecution(sessionId);
  if (!execution || execution.projectId !== projectId) throw notFound(`Workspace session ${sessionId} not found in project ${projectId}`);
  const { role } = accessProject(ctx, actor, projectId, 'find');
  const mayStop = execution.startedBy === actor.id || role === 'owner' || role === 'admin' || role === 'contributor';
  if (!mayStop) throw forbidden('Only whoever started a session, or a project editor, may stop it');
  if (!ctx.projectParts.finishExecution(execution.id, 'Stopped', ctx.clock.now().toISOString())) throw conflict(`Workspace session ${sessionId} has already stopped`);
  return ctx.projectParts.sessionExecution(sessionId)!;
}
