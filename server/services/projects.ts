// Projects: creation (with a git repository and a default workspace), copies, status, settings,
// collaborators, goals, imported repositories, shared-dataset links and workspace sessions.
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import type {
  CopyProjectSpecBetaSchema,
  CopyProjectSpecV1Schema,
  NewProjectGitRepositoryV1Schema,
  NewProjectV1Schema,
  ProjectCollaboratorRoleV1,
  ProjectGitRepositoryV1Schema,
  ProjectGoalV1Schema,
  ProjectStatusV1Schema,
  ProjectV1Schema,
} from '../../src/api/schemas/projects';
import type { ArchivedProjectSchema, ProjectChangesSchema } from '../../src/api/schemas/project-files';
import type { BaseContext, ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import type { GoalRow, ImportedRepositoryRow } from '../db/project-parts-repository';
import type { MainRepository, ProjectRow } from '../db/projects-repository';
import { clampLimit } from '../http/envelopes';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { newObjectId } from '../http/ids';
import type { GitAuthor } from '../git/git-repositories';
import { VersionedCache } from '../http/versioned-cache';
import { billingTagForNewProject } from './billing-tags';
import { accessProject } from './project-access';
import { READ_LEVEL, type NotCopiedDataset } from './dataset-catalog';

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
    ...(project.billingTag ? { billingTag: { tag: project.billingTag } } : {}),
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

export function authorOf(ctx: Pick<BaseContext, 'users' | 'clock'>, userId: string): GitAuthor {
  const user = ctx.users.findById(userId);
  return { name: user ? `${user.firstName} ${user.lastName}` : 'Domino', email: user?.email ?? 'domino@localhost', date: ctx.clock.now() };
}

const GIT_URI = /^(https?:\/\/[^\s/]+\/\S+|git@[^\s:]+:\S+|ssh:\/\/\S+)$/i;

/** Provider and name from a repository URL, e.g. https://github.com/acme/churn.git → github, churn. */
export function describeRepositoryUri(uri: string): { name: string; serviceProvider: string } {
  const host = (uri.match(/^[a-z]+:\/\/(?:[^@/]+@)?([^/:]+)/i) ?? uri.match(/^git@([^:]+):/i))?.[1]?.toLowerCase() ?? '';
  const serviceProvider =
    host === 'github.com'
      ? 'github'
      : host === 'gitlab.com'
        ? 'gitLab'
        : host === 'bitbucket.org'
          ? 'bitbucket'
          : host.includes('github')
            ? 'githubEnterprise'
            : host.includes('gitlab')
              ? 'gitLabEnterprise'
              : host.includes('bitbucket')
                ? 'bitbucketServer'
                : 'unknown';
  const name = uri
    .replace(/\/+$/, '')
    .split(/[/:]/)
    .pop()!
    .replace(/\.git$/i, '');
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
  billingTagId: string | null;
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
  const billingTagId = billingTagForNewProject(ctx, input.billingTag);
  const project = insertProject(ctx, {
    name: input.name,
    description: input.description,
    visibility: input.visibility,
    ownerId: owner.id,
    resultsBranch: 'main',
    defaultHardwareTierId: DEFAULT_HARDWARE_TIER_ID,
    mainRepository: input.mainRepository ? newRepository(ctx, input.mainRepository) : null,
    billingTagId,
  });
  await ctx.git.ensure(project.id, { content: readmeFor(project), author: authorOf(ctx, actor.id) });
  return project;
}

export function readmeFor(project: Pick<ProjectRow, 'name' | 'description'>): string {
  return `# ${project.name}\n\n${project.description || 'A Domino project.'}\n`;
}

/** Makes sure the project's repository exists (rows seeded without one get it on first use). */
export async function ensureRepository(ctx: Pick<BaseContext, 'users' | 'clock' | 'git'>, project: ProjectRow): Promise<void> {
  await ctx.git.ensure(project.id, { content: readmeFor(project), author: { ...authorOf(ctx, project.ownerId), date: new Date(project.createdAt) } });
}

export interface CopyResult {
  project: ProjectRow;
  datasetsNotCopied: NotCopiedDataset[];
}

export async function copyProject(
  ctx: ServerContext,
  actor: KeyOwner,
  sourceId: string,
  spec: z.output<typeof CopyProjectSpecV1Schema> | z.output<typeof CopyProjectSpecBetaSchema>,
): Promise<CopyResult> {
  const { project: source } = accessProject(ctx, actor, sourceId, 'read');
  if (spec.gitCodeRepoSpec?.deepCopy) {
    throw badRequest('gitCodeRepoSpec.deepCopy: the embedded Domino cannot create repositories at a git provider; use referenceCopy');
  }
  const owner = ownerFor(ctx, actor, spec.ownerId);
  // The copy's own tag, as for a new project: it does not inherit the source's.
  const billingTagId = billingTagForNewProject(ctx, spec.billingTag);
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
    billingTagId,
  });
  await ctx.git.copy(source.id, copy.id);
  const now = ctx.clock.now().toISOString();
  const links = ctx.datasets.sharedLinksToCopy(actor, source.id);
  ctx.db.transaction(() => {
    for (const goal of ctx.projectParts.goals(source.id)) {
      ctx.projectParts.insertGoal({ ...goal, id: newObjectId(ctx.clock), projectId: copy.id, creatorId: actor.id, createdAt: now });
    }
    for (const repo of ctx.projectParts.allRepositories(source.id)) {
      ctx.projectParts.insertRepository({ ...repo, id: newObjectId(ctx.clock), projectId: copy.id, createdAt: now });
    }
    // Shared datasets are links to datasets owned elsewhere: the copy links those the caller may read.
    for (const datasetId of links.readable) ctx.projectParts.linkDataset(copy.id, datasetId, now);
    if (source.status !== 'active' || source.isBlocked) {
      ctx.projects.setStatus(copy.id, { status: 'active', isBlocked: false, blockedReason: null, completedMessage: null });
    }
  })();
  // The project's own datasets: copied with their live files (no snapshots, tags or grants), the caller as Owner.
  const datasetsNotCopied = [...links.notCopied, ...(spec.copyDatasets ? await ctx.datasets.copyProjectDatasets(actor, source.id, copy.id) : [])];
  return { project: ctx.projects.findById(copy.id)!, datasetsNotCopied };
}

export function archiveProject(ctx: ServerContext, actor: KeyOwner, projectId: string): void {
  accessProject(ctx, actor, projectId, 'manage');
  ctx.projects.archive(projectId, ctx.clock.now().toISOString());
}

/**
 * Embedded `project-edit`: a new name, description or visibility, by the owner or an admin. The
 * name stays unique among the owner's live projects in any letter case (400, as Domino answers
 * conflicts); the project's id, files and jobs do not change with it.
 */
export function updateProjectDetails(ctx: ServerContext, actor: KeyOwner, projectId: string, changes: z.output<typeof ProjectChangesSchema>): ProjectRow {
  const { project } = accessProject(ctx, actor, projectId, 'manage');
  const name = changes.name ?? project.name;
  const taken = ctx.projects.findLiveByOwnerAndName(project.ownerId, name);
  if (taken && taken.id !== project.id) throw conflict(`${project.ownerUserName} already has a project named "${taken.name}"`);
  ctx.projects.setDetails(project.id, {
    name,
    description: changes.description ?? project.description,
    visibility: changes.visibility ?? project.visibility,
  });
  return ctx.projects.findById(project.id)!;
}

/**
 * Embedded `archived-projects`: brings an archived project back, by the owner or an admin. Its
 * name may have been reused meanwhile (names are unique among live projects only): then the
 * other project must be renamed or archived first.
 */
export function unarchiveProject(ctx: ServerContext, actor: KeyOwner, projectId: string): ProjectRow {
  const { project } = accessProject(ctx, actor, projectId, 'manage', { archived: 'allowed' });
  const fullName = `${project.ownerUserName}/${project.name}`;
  if (!project.isArchived) throw badRequest(`Project ${fullName} is not archived`);
  if (ctx.projects.findLiveByOwnerAndName(project.ownerId, project.name)) {
    throw conflict(`${project.ownerUserName} has another project named "${project.name}" now: rename or archive that one before restoring this one`);
  }
  ctx.projects.unarchive(project.id);
  return ctx.projects.findById(project.id)!;
}

/** Embedded `archived-projects`: a page of the archived projects the actor owns or collaborates on (all for an admin). */
export function archivedProjectsPage(ctx: ServerContext, actor: KeyOwner, query: { offset: number; limit: number }) {
  const limit = clampLimit(query.limit);
  const { rows, totalCount } = ctx.projects.listArchived(actor, query.offset, limit);
  const collaborators = ctx.projects.collaboratorsOfMany(rows.map((p) => p.id));
  const archivedProjects: Array<Wire<typeof ArchivedProjectSchema>> = rows.map((p) => ({
    project: toProjectV1(ctx, p, collaborators.get(p.id)),
    archivedAt: p.archivedAt ?? p.createdAt,
  }));
  return { archivedProjects, page: { offset: query.offset, limit, totalCount } };
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

export function addImportedRepository(
  ctx: ServerContext,
  actor: KeyOwner,
  projectId: string,
  input: z.output<typeof NewProjectGitRepositoryV1Schema>,
): ImportedRepositoryRow {
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

/** The project if the actor may see it (a searchable one is found without being readable). */
export function visibleProject(ctx: ServerContext, actor: KeyOwner, projectId: string): ProjectRow {
  return accessProject(ctx, actor, projectId, 'find').project;
}

export function resultsSettingsOf(ctx: ServerContext, actor: KeyOwner, projectId: string) {
  return { branch: accessProject(ctx, actor, projectId, 'read').project.resultsBranch };
}

export function setResultsSettings(ctx: ServerContext, actor: KeyOwner, projectId: string, settings: { branch: 'main' | 'isolated' }) {
  accessProject(ctx, actor, projectId, 'edit');
  ctx.projects.setResultsBranch(projectId, settings.branch);
  return { branch: settings.branch };
}

export function goalsOf(ctx: ServerContext, actor: KeyOwner, projectId: string): Array<Wire<typeof ProjectGoalV1Schema>> {
  accessProject(ctx, actor, projectId, 'read');
  return ctx.projectParts.goals(projectId).map(toGoalV1);
}

export function importedRepositoriesOf(ctx: ServerContext, actor: KeyOwner, projectId: string, query: { offset: number; limit: number }) {
  accessProject(ctx, actor, projectId, 'read');
  const limit = clampLimit(query.limit);
  const { rows, totalCount } = ctx.projectParts.repositories(projectId, query.offset, limit);
  return { repositories: rows.map(toImportedRepositoryV1), page: { offset: query.offset, limit, totalCount } };
}

function sharedDatasetsEntry(ctx: ServerContext, projectId: string) {
  return { projectId, sharedDatasetIds: ctx.projectParts.sharedDatasetIds(projectId) };
}

export function sharedDatasetsOf(ctx: ServerContext, actor: KeyOwner, projectId: string) {
  accessProject(ctx, actor, projectId, 'read');
  return sharedDatasetsEntry(ctx, projectId);
}

/** Links a dataset owned elsewhere to a project: editing the project, and Read on the dataset. */
export function linkSharedDataset(ctx: ServerContext, actor: KeyOwner, projectId: string, datasetId: string) {
  accessProject(ctx, actor, projectId, 'edit');
  const level = ctx.datasets.levelOf(actor, datasetId);
  if (level === 0) throw notFound(`Dataset ${datasetId} not found`);
  if (level < READ_LEVEL) throw forbidden(`You need Read access to dataset ${datasetId} to link it`);
  if (ctx.datasets.ownDatasetIds(projectId).includes(datasetId)) throw badRequest(`Dataset ${datasetId} belongs to this project already`);
  ctx.projectParts.linkDataset(projectId, datasetId, ctx.clock.now().toISOString());
  return sharedDatasetsEntry(ctx, projectId);
}

export function unlinkSharedDataset(ctx: ServerContext, actor: KeyOwner, projectId: string, datasetId: string): void {
  accessProject(ctx, actor, projectId, 'edit');
  if (!ctx.projectParts.unlinkDataset(projectId, datasetId)) throw notFound(`Dataset ${datasetId} is not linked to project ${projectId}`);
}

const listPageCaches = new WeakMap<ServerContext, VersionedCache<{ projectsJson: string; totalCount: number }>>();

/**
 * A page of the projects the actor can see, already serialized. Lists are read far more than
 * projects change: a page is built once per viewer and kept until any project or collaboration
 * changes (bench/projects-list.ts: 50 clients paging 10,000 projects).
 */
export function visibleProjectsPage(
  ctx: ServerContext,
  actor: KeyOwner,
  query: { offset: number; limit: number },
): { projectsJson: string; page: { offset: number; limit: number; totalCount: number } } {
  let cache = listPageCaches.get(ctx);
  if (!cache) listPageCaches.set(ctx, (cache = new VersionedCache(() => ctx.projects.listVersion())));
  const limit = clampLimit(query.limit);
  const viewer = actor.isAdmin ? 'admin' : actor.id;
  const cached = cache.get(`${viewer}:${query.offset}:${limit}`, () => {
    const { rows, totalCount } = ctx.projects.listVisible(actor, query.offset, limit);
    const collaborators = ctx.projects.collaboratorsOfMany(rows.map((p) => p.id));
    return { projectsJson: JSON.stringify(rows.map((p) => toProjectV1(ctx, p, collaborators.get(p.id)))), totalCount };
  });
  return { projectsJson: cached.projectsJson, page: { offset: query.offset, limit, totalCount: cached.totalCount } };
}
