// Environments with Domino's rules: global ones are made by site administrators and seen by all;
// private ones by their owner; organization ones (private + orgOwnerId) by the organization's
// members. Changing one (a revision, archiving) needs its owner, an organization admin, or a site
// administrator; restricting a revision needs a site administrator. Revisions build in the
// background (environment-build.ts) as durable tasks (docs/decisions/0010-durable-tasks.md).
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import {
  LIVE_BUILD_STATUSES,
  type EnvironmentRevisionDetailsSchema,
  type EnvironmentRevisionV1Schema,
  type EnvironmentV1Schema,
  type NewEnvironmentRevisionV1,
  type NewEnvironmentV1Schema,
  type RevisionJobSchema,
  type SearchEnvironmentsQuerySchema,
} from '../../src/api/schemas/environments';
import type { JobLogsQuerySchema, LogsEnvelopeV1Schema } from '../../src/api/schemas/jobs';
import type { BaseContext, ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import { environmentsRepository, type EnvironmentRow, type EnvironmentsRepository, type RevisionRow } from '../db/environments-repository';
import { clampLimit } from '../http/envelopes';
import { badRequest, forbidden, notFound } from '../http/errors';
import { newObjectId } from '../http/ids';
import type { RunEnvironment } from '../jobs/runner';
import type { SandboxStatus } from '../jobs/sandbox';
import type { TaskKind } from '../tasks/task-queue';
import { imageProblem, readBuilt, revisionOutputDir, runBuild } from './environment-build';
import { logPage } from './log-page';
import { allows, roleIn } from './project-access';

export const ENVIRONMENTS_HELP_LINK = 'https://docs.dominodatalab.com/en/latest/user_guide/f51038/environments/';

/** What the environments family keeps on the server context. */
export interface EnvironmentsState {
  rows: EnvironmentsRepository;
  builds: TaskKind<{ revisionId: string }>;
  running: Map<string, { kill(): void }>;
}

export function installEnvironments(ctx: BaseContext, sandbox: () => SandboxStatus): EnvironmentsState {
  const rows = environmentsRepository(ctx.db);
  const running = new Map<string, { kill(): void }>();
  const state: EnvironmentsState = {
    rows,
    running,
    // One build at a time: RUN lines are real processes on a small machine.
    builds: ctx.tasks.define<{ revisionId: string }>('environment-build', {
      run: (task, context) => runBuild({ ctx, rows, sandbox, running }, task.revisionId, context.signal),
      onFailed: (task, reason) => {
        rows.finish(task.revisionId, 'failed', reason, ctx.clock.now().toISOString());
      },
    }),
  };
  ctx.environments = state;
  return state;
}

/** For tests and benchmarks: wait until no build is queued or running. */
export function buildsDrained(ctx: BaseContext): Promise<void> {
  return ctx.tasks.drained('environment-build');
}

function state(ctx: BaseContext): EnvironmentsState {
  if (!ctx.environments) throw new Error('the environments family is not installed');
  return ctx.environments;
}

function orgRoleOf(ctx: ServerContext, orgId: string, userId: string) {
  return ctx.organizations.findById(orgId)?.members.find((m) => m.userId === userId)?.role;
}

function canSee(ctx: ServerContext, user: KeyOwner, env: EnvironmentRow): boolean {
  if (user.isAdmin || env.visibility === 'global') return true;
  if (env.visibility === 'private') return env.ownerUserId === user.id;
  return env.ownerOrgId !== null && orgRoleOf(ctx, env.ownerOrgId, user.id) !== undefined;
}

function canEdit(ctx: ServerContext, user: KeyOwner, env: EnvironmentRow): boolean {
  if (user.isAdmin) return true;
  if (env.visibility === 'global') return false;
  if (env.visibility === 'private') return env.ownerUserId === user.id;
  return env.createdBy === user.id || (env.ownerOrgId !== null && orgRoleOf(ctx, env.ownerOrgId, user.id) === 'admin');
}

/**
 * An environment for an action, or throws: 404 when the caller may not see it (its existence is
 * not told), 403 when they may see it but not change it. Archived ones are found (jobs that used
 * them still resolve them) unless `live` is asked.
 */
export function accessEnvironment(ctx: ServerContext, user: KeyOwner, environmentId: string, need: 'view' | 'edit'): EnvironmentRow {
  const env = state(ctx).rows.findById(environmentId);
  if (!env || !canSee(ctx, user, env)) throw notFound(`Environment ${environmentId} not found`);
  if (need === 'edit' && !canEdit(ctx, user, env)) {
    throw forbidden(
      env.visibility === 'global'
        ? `Only site administrators may change the global environment ${env.name}`
        : `You may not change the environment ${env.name}: only its owner${env.visibility === 'organization' ? ", the organization's admins" : ''} and site administrators may`,
    );
  }
  return env;
}

function revisionOf(ctx: ServerContext, env: EnvironmentRow, revisionId: string): RevisionRow {
  const revision = state(ctx).rows.findRevision(revisionId);
  if (!revision || revision.environmentId !== env.id) throw notFound(`Revision ${revisionId} not found in environment ${env.name}`);
  return revision;
}

// ——— mappers ———

export function toRevisionV1(revision: RevisionRow): Wire<typeof EnvironmentRevisionV1Schema> {
  return { id: revision.id, number: revision.number, availableTools: revision.definition.workspaceTools ?? [], status: revision.status };
}

export function toEnvironmentV1(ctx: ServerContext, env: EnvironmentRow): Wire<typeof EnvironmentV1Schema> {
  const rows = state(ctx).rows;
  const active = rows.activeRevision(env.id);
  const latest = rows.latestRevision(env.id);
  const restricted = env.restrictedRevisionId ? rows.findRevision(env.restrictedRevisionId) : undefined;
  const owner =
    env.visibility === 'private' && env.ownerUserId
      ? { id: env.ownerUserId, username: ctx.users.findById(env.ownerUserId)?.userName ?? env.ownerUserId, ownerType: 'individual' as const }
      : env.visibility === 'organization' && env.ownerOrgId
        ? { id: env.ownerOrgId, username: ctx.organizations.findById(env.ownerOrgId)?.name ?? env.ownerOrgId, ownerType: 'organization' as const }
        : undefined;
  return {
    id: env.id,
    name: env.name,
    visibility: env.visibility,
    supportedClusters: (active ?? latest)?.definition.supportedClusters ?? [],
    archived: env.archived,
    activeRevisionTags: active?.definition.tags ?? [],
    internalTags: restricted ? ['restricted'] : [],
    isCurated: env.isCurated,
    ...(latest ? { latestRevision: toRevisionV1(latest) } : {}),
    ...(active ? { selectedRevision: toRevisionV1(active) } : {}),
    ...(restricted ? { restrictedRevision: toRevisionV1(restricted) } : {}),
    ...(owner ? { owner } : {}),
  };
}

function toRevisionDetails(
  ctx: ServerContext,
  env: EnvironmentRow,
  revision: RevisionRow,
  activeId: string | undefined,
): Wire<typeof EnvironmentRevisionDetailsSchema> {
  const d = revision.definition;
  const optional = <K extends keyof NewEnvironmentRevisionV1>(key: K) => (d[key] !== undefined ? { [key]: d[key] } : {});
  return {
    ...toRevisionV1(revision),
    status: revision.status,
    createdAt: revision.createdAt,
    createdBy: { id: revision.createdBy, userName: ctx.users.findById(revision.createdBy)?.userName ?? revision.createdBy },
    ...(revision.finishedAt ? { finishedAt: revision.finishedAt } : {}),
    ...(revision.failure ? { failure: revision.failure } : {}),
    isActive: revision.id === activeId,
    isRestricted: env.restrictedRevisionId === revision.id,
    ...optional('image'),
    ...optional('dockerfileInstructions'),
    environmentVariables: d.environmentVariables ?? [],
    ...optional('preRunScript'),
    ...optional('postRunScript'),
    ...optional('preSetupScript'),
    ...optional('postSetupScript'),
    ...optional('summary'),
    supportedClusters: d.supportedClusters ?? [],
    tags: d.tags ?? [],
    skipCache: d.skipCache ?? false,
    useVpn: d.useVpn ?? false,
  };
}

// ——— the reference's endpoints ———

export function listEnvironments(ctx: ServerContext, user: KeyOwner, query: z.output<typeof SearchEnvironmentsQuerySchema>) {
  const limit = clampLimit(query.limit);
  const { rows, totalCount } = state(ctx).rows.page(
    { viewerId: user.isAdmin ? undefined : user.id, search: query.search, visibility: query.visibility },
    query.offset,
    limit,
  );
  return { environments: rows.map((env) => toEnvironmentV1(ctx, env)), page: { offset: query.offset, limit, totalCount } };
}

type RevisionInput = Omit<
  z.output<typeof NewEnvironmentV1Schema>,
  'name' | 'description' | 'visibility' | 'addBaseDependencies' | 'duplicateFromEnvironmentId' | 'isCurated' | 'isRestricted' | 'orgOwnerId'
>;

/** The revision's definition as stored: only what was given. */
function definitionOf(input: RevisionInput): NewEnvironmentRevisionV1 {
  if (input.image !== undefined) {
    const problem = imageProblem(input.image);
    if (problem) throw badRequest(problem);
  }
  const keys = new Set<string>();
  for (const v of input.environmentVariables ?? []) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.key))
      throw badRequest(`environmentVariables: "${v.key}" is not a variable name (letters, digits and _, not starting with a digit)`);
    if (keys.has(v.key)) throw badRequest(`environmentVariables: ${v.key} is set twice`);
    keys.add(v.key);
  }
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as NewEnvironmentRevisionV1;
}

function addRevision(ctx: ServerContext, user: KeyOwner, env: EnvironmentRow, definition: NewEnvironmentRevisionV1): RevisionRow {
  const s = state(ctx);
  const revision = s.rows.insertRevision({
    id: newObjectId(ctx.clock),
    environmentId: env.id,
    definition,
    createdBy: user.id,
    createdAt: ctx.clock.now().toISOString(),
  });
  s.builds.enqueue({ revisionId: revision.id });
  return revision;
}

export function createEnvironment(ctx: ServerContext, user: KeyOwner, body: z.output<typeof NewEnvironmentV1Schema>): EnvironmentRow {
  const s = state(ctx);
  const now = ctx.clock.now().toISOString();
  if (body.duplicateFromEnvironmentId !== undefined) {
    const source = accessEnvironment(ctx, user, body.duplicateFromEnvironmentId, 'view');
    const active = s.rows.activeRevision(source.id) ?? s.rows.latestRevision(source.id);
    if (!active) throw badRequest(`Environment ${source.name} has no revision to duplicate`);
    const id = newObjectId(ctx.clock);
    return ctx.db.transaction(() => {
      s.rows.insert({
        id,
        name: `${source.name} (copy)`,
        description: source.description,
        visibility: 'private',
        ownerUserId: user.id,
        ownerOrgId: null,
        isCurated: false,
        addBaseDependencies: source.addBaseDependencies,
        createdBy: user.id,
        createdAt: now,
      });
      const env = s.rows.findById(id)!;
      addRevision(ctx, user, env, active.definition);
      return env;
    })();
  }
  const { name, description, visibility, addBaseDependencies, isCurated, isRestricted, orgOwnerId, ...revisionInput } = body;
  if (visibility === 'global' && !user.isAdmin) throw forbidden('Only site administrators may create global environments');
  if (isRestricted && !user.isAdmin) throw forbidden('Only site administrators may create a restricted environment');
  if (orgOwnerId !== undefined) {
    if (visibility === 'global') throw badRequest('orgOwnerId: a global environment has no owner (orgOwnerId is only for private environments)');
    const org = ctx.organizations.findById(orgOwnerId);
    if (!org) throw badRequest(`orgOwnerId: no organization ${orgOwnerId}`);
    if (!user.isAdmin && !org.members.some((m) => m.userId === user.id)) throw forbidden(`You are not a member of the organization ${org.name}`);
  }
  const definition = definitionOf(revisionInput);
  const id = newObjectId(ctx.clock);
  return ctx.db.transaction(() => {
    s.rows.insert({
      id,
      name: name!,
      description: description ?? '',
      visibility: orgOwnerId !== undefined ? 'organization' : visibility!,
      ownerUserId: visibility === 'global' || orgOwnerId !== undefined ? null : user.id,
      ownerOrgId: orgOwnerId ?? null,
      isCurated: isCurated ?? false,
      addBaseDependencies: addBaseDependencies!,
      createdBy: user.id,
      createdAt: now,
    });
    const env = s.rows.findById(id)!;
    const revision = addRevision(ctx, user, env, definition);
    if (isRestricted) s.rows.setRestrictedRevision(id, revision.id);
    return s.rows.findById(id)!;
  })();
}

export function createRevision(ctx: ServerContext, user: KeyOwner, environmentId: string, body: NewEnvironmentRevisionV1): RevisionRow {
  const env = accessEnvironment(ctx, user, environmentId, 'edit');
  if (env.archived) throw badRequest(`Environment ${env.name} is archived: it takes no new revisions`);
  const definition = definitionOf(body as RevisionInput);
  if (definition.image === undefined) {
    // Each revision states its image; one left out is the previous revision's.
    const latest = state(ctx).rows.latestRevision(env.id);
    if (latest?.definition.image) definition.image = latest.definition.image;
  }
  return addRevision(ctx, user, env, definition);
}

export function setRevisionRestricted(ctx: ServerContext, user: KeyOwner, environmentId: string, revisionId: string, isRestricted: boolean): RevisionRow {
  if (!user.isAdmin) throw forbidden('Only site administrators may mark a revision restricted (ClassifyEnvironments)');
  const env = accessEnvironment(ctx, user, environmentId, 'view');
  const revision = revisionOf(ctx, env, revisionId);
  if (isRestricted) state(ctx).rows.setRestrictedRevision(env.id, revision.id);
  else if (env.restrictedRevisionId === revision.id) state(ctx).rows.setRestrictedRevision(env.id, null);
  return revision;
}

/** Archives an environment: it leaves the lists, takes no revisions, and a build under way is killed. */
export function archiveEnvironment(ctx: ServerContext, user: KeyOwner, environmentId: string): EnvironmentRow {
  const s = state(ctx);
  const env = accessEnvironment(ctx, user, environmentId, 'edit');
  if (env.archived) return env;
  const now = ctx.clock.now().toISOString();
  s.rows.archive(env.id);
  for (const revision of s.rows.liveRevisions(env.id)) {
    s.rows.finish(revision.id, 'killed', 'The environment was archived during the build', now);
    s.running.get(revision.id)?.kill();
  }
  return s.rows.findById(env.id)!;
}

// ——— jobs on environments ———

/**
 * The revision a job starting on an environment runs on, or a 400 that says why it cannot:
 * `ActiveRevision` (the default) is the latest that built, `LatestRevision` the highest number
 * (which must have built), `SomeRevision(<id>)` that revision (which must have built).
 */
export function revisionForJob(
  ctx: ServerContext,
  user: KeyOwner,
  environmentId: string,
  spec: string | undefined,
): { env: EnvironmentRow; revision: RevisionRow } {
  const rows = state(ctx).rows;
  const env = rows.findById(environmentId);
  if (!env || !canSee(ctx, user, env)) throw badRequest(`environmentId: no environment ${environmentId} you may use`);
  if (env.archived) throw badRequest(`environmentId: the environment ${env.name} is archived`);
  const which = (spec ?? 'ActiveRevision').toLowerCase();
  const built = (revision: RevisionRow, what: string) => {
    if (revision.status === 'succeeded') return { env, revision };
    const why =
      revision.status === 'failed' || revision.status === 'killed'
        ? `its build ${revision.status === 'failed' ? 'failed' : 'was killed'}${revision.failure ? ` (${revision.failure})` : ''}`
        : `it is still building (${revision.status})`;
    throw badRequest(`environmentRevisionSpec: ${what} of ${env.name} is revision #${revision.number}, and ${why}`);
  };
  if (which === 'activerevision') {
    const active = rows.activeRevision(env.id);
    if (!active) throw badRequest(`environmentRevisionSpec: ${env.name} has no revision that built yet`);
    return { env, revision: active };
  }
  if (which === 'latestrevision') return built(rows.latestRevision(env.id)!, 'the latest revision');
  const revisionId = /^somerevision\(([0-9a-f]{24})\)$/.exec(which)![1]!;
  const revision = rows.findRevision(revisionId);
  if (!revision || revision.environmentId !== env.id) throw badRequest(`environmentRevisionSpec: ${revisionId} is not a revision of ${env.name}`);
  return built(revision, 'the revision asked for');
}

/** For the runner: the revision a job recorded, even when the environment was archived since. */
export function runEnvironmentOf(ctx: BaseContext, revisionId: string): RunEnvironment | undefined {
  const rows = ctx.environments?.rows;
  const revision = rows?.findRevision(revisionId);
  if (!revision) return undefined;
  const env = rows!.findById(revision.environmentId)!;
  const d = revision.definition;
  return {
    label: `${env.name} revision #${revision.number}`,
    variables: readBuilt(ctx.dataDir, revision.id)?.variables ?? Object.fromEntries((d.environmentVariables ?? []).map((v) => [v.key, v.value])),
    outputDir: revisionOutputDir(ctx.dataDir, revision.id),
    ...(d.preRunScript ? { preRunScript: d.preRunScript } : {}),
    ...(d.postRunScript ? { postRunScript: d.postRunScript } : {}),
  };
}

// ——— the embedded extensions ———

export function listRevisions(ctx: ServerContext, user: KeyOwner, environmentId: string): Array<Wire<typeof EnvironmentRevisionDetailsSchema>> {
  const env = accessEnvironment(ctx, user, environmentId, 'view');
  const rows = state(ctx).rows;
  const activeId = rows.activeRevision(env.id)?.id;
  return rows.revisionsOf(env.id).map((revision) => toRevisionDetails(ctx, env, revision, activeId));
}

export function readBuildLogs(
  ctx: ServerContext,
  user: KeyOwner,
  environmentId: string,
  revisionId: string,
  query: z.output<typeof JobLogsQuerySchema>,
  requestId: string,
): Wire<typeof LogsEnvelopeV1Schema> {
  const env = accessEnvironment(ctx, user, environmentId, 'view');
  // Read the revision before the lines: a build that ended before the read has all its lines written.
  const revision = revisionOf(ctx, env, revisionId);
  const ended = !(LIVE_BUILD_STATUSES as readonly string[]).includes(revision.status);
  return logPage(ctx, revision.id, query, ended, requestId, revision.failure ? { text: revision.failure, helpLink: ENVIRONMENTS_HELP_LINK } : undefined);
}

export function jobsOnRevision(
  ctx: ServerContext,
  user: KeyOwner,
  environmentId: string,
  revisionId: string,
  page: { offset: number; limit: number },
): { jobs: Array<Wire<typeof RevisionJobSchema>>; page: { offset: number; limit: number; totalCount: number } } {
  const env = accessEnvironment(ctx, user, environmentId, 'view');
  const revision = revisionOf(ctx, env, revisionId);
  // Only the jobs of projects the caller may read.
  const readable = new Map<string, boolean>();
  const visible = state(ctx)
    .rows.jobsOnRevision(revision.id)
    .filter((job) => {
      if (!readable.has(job.projectId)) {
        const project = ctx.projects.findById(job.projectId);
        readable.set(job.projectId, project !== undefined && allows(project, roleIn(ctx, project, user), 'read'));
      }
      return readable.get(job.projectId);
    });
  const limit = clampLimit(page.limit);
  return {
    jobs: visible.slice(page.offset, page.offset + limit).map((job) => ({
      jobId: job.jobId,
      projectId: job.projectId,
      projectName: job.projectName,
      number: job.number,
      ...(job.title ? { title: job.title } : {}),
      status: job.status,
      submittedAt: job.submittedAt,
    })),
    page: { offset: page.offset, limit, totalCount: visible.length },
  };
}
