// The model registry's rules (decision 25): models registered from experiment runs, gapless
// versions, stages per project with Staging and Production held by one version each, direct
// moves for project owners and admins only, and the review flow that moves a version when every
// reviewer has approved. Every stage change and review event is recorded, append-only.
import type { z } from 'zod';
import {
  DEFAULT_REGISTERED_MODEL_STAGES,
  type NewRegisteredModelReviewResponseV1Schema,
  type NewRegisteredModelReviewV1Schema,
  type NewRegisteredModelV1Schema,
  type NewRegisteredModelVersionV1Schema,
  type PatchRegisteredModelV1Schema,
  type RegisteredModelForUIV1,
  type RegisteredModelReviewSummaryV1,
  type RegisteredModelV1,
  type RegisteredModelVersionDetailsV1,
  type RegisteredModelVersionOverviewV1,
  type StageChange,
  type UpdatedRegisteredModelReviewV1Schema,
} from '../../src/api/schemas/models';
import type { ProjectExperimentRun } from '../../src/api/schemas/mlflow';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import type { ProjectRow } from '../db/projects-repository';
import type { RunRow } from '../db/mlflow-repository';
import type { ModelRow, ReviewRow, VersionRow } from '../db/registry-repository';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { newObjectId } from '../http/ids';
import { accessProject, allows, roleIn } from './project-access';

/** Stages held by one version at a time; the version there before moves to Archived. */
const EXCLUSIVE_STAGES = ['staging', 'production'];
const ARCHIVED = 'Archived';
const INITIAL_STAGE = 'None';
/** Names the API's own paths take (`/v1/ui`, `/v1/names`, ...): a model cannot be called that. */
const RESERVED_NAMES = ['names', 'ui', 'access', 'versions'];

const nowIso = (ctx: ServerContext) => ctx.clock.now().toISOString();

interface ModelAccess {
  model: ModelRow;
  project: ProjectRow;
  /** Whether the caller may read the project (else they see a discoverable model's basics only). */
  canRead: boolean;
  canEdit: boolean;
  canManage: boolean;
}

/**
 * A model for an action: `see` (a discoverable model's basics), `read` (versions, runs, reviews),
 * `edit` (register versions, request reviews), `manage` (move stages directly). Unknown or
 * invisible: 404; visible but not allowed: 403.
 */
function accessModel(ctx: ServerContext, user: KeyOwner, name: string, need: 'see' | 'read' | 'edit' | 'manage'): ModelAccess {
  const model = ctx.registry.modelByName(name);
  const project = model && ctx.projects.findById(model.projectId);
  if (!model || !project || project.isArchived) throw notFound(`Registered model ${name} not found`);
  const role = roleIn(ctx, project, user);
  const canRead = allows(project, role, 'read');
  const access = { model, project, canRead, canEdit: allows(project, role, 'edit'), canManage: allows(project, role, 'manage') };
  if (!canRead && !(need === 'see' && model.discoverable)) {
    if (model.discoverable) throw forbidden(`You may not read the versions of ${model.name}: ask for access to its project`);
    throw notFound(`Registered model ${name} not found`);
  }
  if (need === 'edit' && !access.canEdit)
    throw forbidden(`You may not change registered model ${model.name}: only the project's owner, admins and contributors may`);
  if (need === 'manage' && !access.canManage) throw forbidden(`Only the project's owner and admins may do this to ${model.name}`);
  return access;
}

function userInfo(ctx: ServerContext, userId: string) {
  const user = ctx.users.findById(userId);
  return { id: userId, username: user?.userName ?? 'unknown', firstName: user?.firstName ?? '', lastName: user?.lastName ?? '' };
}

export function projectSummary(project: ProjectRow) {
  // Every project here keeps its files in its own git repository, not an external one.
  return { id: project.id, name: project.name, ownerUsername: project.ownerUserName, isGitBasedProject: false };
}

/** What both shapes of a model in a list say of it. */
function modelBasics(ctx: ServerContext, model: ModelRow, project: ProjectRow) {
  return {
    name: model.name,
    description: model.description,
    project: projectSummary(project),
    tags: ctx.registry.tags(model.id),
    ownerUsername: ctx.users.findById(model.ownerId)?.userName ?? 'unknown',
    createdAt: model.createdAt,
    updatedAt: model.updatedAt,
    discoverable: model.discoverable,
  };
}

export function toModelV1(ctx: ServerContext, access: Pick<ModelAccess, 'model' | 'project' | 'canRead' | 'canEdit'>): RegisteredModelV1 {
  const { model, project } = access;
  const latest = ctx.registry.latestVersion(model.id);
  return {
    ...modelBasics(ctx, model, project),
    requestingUserAccess: {
      canEditModel: access.canEdit,
      canEditProjectAssets: access.canEdit,
      canViewExperimentRuns: access.canRead,
      canViewModelApis: access.canRead,
      canViewProject: access.canRead,
      canViewProjectFiles: access.canRead,
    },
    ...(latest ? { latestVersion: latest.version } : {}),
  };
}

function reviewSummary(ctx: ServerContext, review: ReviewRow): RegisteredModelReviewSummaryV1 {
  return {
    modelReviewId: review.id,
    targetStage: review.targetStage,
    notes: review.notes,
    status: review.status,
    reviewerResponses: ctx.registry.reviewers(review.id).map((reviewer) => ({
      reviewer: userInfo(ctx, reviewer.userId),
      ...(reviewer.decision ? { decision: reviewer.decision } : {}),
    })),
  };
}

function runMetrics(ctx: ServerContext, runId: string) {
  return ctx.mlflow
    .runData(runId)
    .metrics.filter((metric) => metric.value !== null && Number.isFinite(metric.value))
    .map((metric) => ({ key: metric.key, value: metric.value!, timestamp: new Date(metric.timestamp).toISOString() }));
}

export function toVersionDetails(ctx: ServerContext, model: ModelRow, project: ProjectRow, version: VersionRow): RegisteredModelVersionDetailsV1 {
  const run = ctx.mlflow.run(version.runId);
  const review = ctx.registry.latestReview(model.id, version.version);
  return {
    modelName: model.name,
    modelVersion: version.version,
    modelVersionDescription: version.description,
    experimentRunId: version.runId,
    currentStage: version.stage,
    project: projectSummary(project),
    versionUiDetails: {
      experimentRunInfo: {
        metrics: runMetrics(ctx, version.runId),
        params: run ? ctx.mlflow.runData(run.id).params : [],
        // The dashboard's page of the job that recorded the run (a run from outside a job has none).
        runUrl: run?.jobId ? `/jobs/${run.jobId}` : '',
      },
      modelVersionDataSources: [],
      modelVersionDatasets: [],
    },
    tags: {},
    ownerUsername: project.ownerUserName,
    createdAt: version.createdAt,
    updatedAt: version.updatedAt,
    ...(review ? { reviewSummary: reviewSummary(ctx, review) } : {}),
  };
}

function toVersionOverview(ctx: ServerContext, model: ModelRow, project: ProjectRow, version: VersionRow): RegisteredModelVersionOverviewV1 {
  return {
    modelName: model.name,
    modelVersion: version.version,
    experimentRunId: version.runId,
    project: projectSummary(project),
    ownerUsername: ctx.users.findById(version.ownerId)?.userName ?? 'unknown',
    createdAt: version.createdAt,
    updatedAt: version.updatedAt,
  };
}

// --- Runs and their logged models ----------------------------------------------------------

/** Where a run's artifacts are in the project's files: what MLflow's client wrote under artifact_uri. */
function artifactsDir(run: RunRow): string {
  return run.artifactUri.replace(/^file:\/\/\/mnt\//, '');
}

/** The run's artifacts as committed by the job that recorded it: the commit, and each logged-model directory (holding an MLmodel). */
async function loggedModels(ctx: ServerContext, run: RunRow): Promise<{ commitId: string; models: string[] }> {
  const job = run.jobId ? ctx.jobs.findById(run.jobId) : undefined;
  if (!job) throw badRequest(`Run ${run.id} has no artifacts: it was not recorded by a job of this project`);
  if (!job.outputCommitId) throw badRequest(`Run ${run.id}'s job has not finished (or committed nothing): its artifacts are not in the project's files yet`);
  const dir = artifactsDir(run);
  const files = await ctx.git.listFilesUnder(run.projectId, job.outputCommitId, dir);
  const models = files
    .filter((file) => file === 'MLmodel' || file.endsWith('/MLmodel'))
    .map((file) => (file === 'MLmodel' ? '.' : file.slice(0, -'/MLmodel'.length)))
    .sort();
  return { commitId: job.outputCommitId, models };
}

/**
 * What a Model API serving a registered model version reads (decision 0031): the model's project,
 * the commit that holds the run's artifacts and the version's logged-model directory in it.
 */
export function modelVersionFiles(
  ctx: ServerContext,
  user: KeyOwner,
  modelName: string,
  number: number,
): { projectId: string; commitId: string; modelDir: string } {
  const { model } = accessModel(ctx, user, modelName, 'read');
  const version = versionOf(ctx, model, number);
  const run = ctx.mlflow.run(version.runId);
  const job = run?.jobId ? ctx.jobs.findById(run.jobId) : undefined;
  if (!run || !job?.outputCommitId) throw badRequest(`Version ${number} of ${model.name} has no files to serve: its run's job committed no artifacts`);
  const dir = artifactsDir(run);
  return { projectId: model.projectId, commitId: job.outputCommitId, modelDir: version.artifact === '.' ? dir : `${dir}/${version.artifact}` };
}

/** The run's logged-model directories, or none while it has no committed artifacts (a run outside a job, a job still running). */
async function modelDirsOf(ctx: ServerContext, run: RunRow): Promise<string[]> {
  const job = run.jobId ? ctx.jobs.findById(run.jobId) : undefined;
  if (!job?.outputCommitId) return [];
  return (await loggedModels(ctx, run)).models;
}

/** A page of a project's experiment runs for the register pickers: params, latest metrics, logged-model directories. */
export async function projectExperimentRuns(ctx: ServerContext, user: KeyOwner, projectId: string, page: { offset: number; limit: number }) {
  accessProject(ctx, user, projectId, 'read');
  const limit = Math.min(page.limit, 100);
  const { rows, total } = ctx.mlflow.runsOfProject(projectId, limit, page.offset);
  const runs = await Promise.all(
    rows.map(async (run) => {
      const data = ctx.mlflow.runData(run.id);
      return {
        runId: run.id,
        runName: run.name,
        experimentId: String(run.experimentId),
        experimentName: run.experimentName,
        status: run.status as ProjectExperimentRun['status'],
        startTime: new Date(run.startTime).toISOString(),
        ...(run.endTime !== null ? { endTime: new Date(run.endTime).toISOString() } : {}),
        userName: run.userName,
        ...(run.jobId ? { jobId: run.jobId } : {}),
        params: data.params,
        metrics: data.metrics.filter((m) => m.value !== null && Number.isFinite(m.value)).map((m) => ({ key: m.key, value: m.value! })),
        loggedModels: await modelDirsOf(ctx, run),
      };
    }),
  );
  return { runs, page: { offset: page.offset, limit, totalCount: total } };
}

function runOf(ctx: ServerContext, user: KeyOwner, runId: string, projectId?: string): RunRow {
  const run = /^[0-9a-f]{32}$/.test(runId) ? ctx.mlflow.run(runId) : undefined;
  if (!run || (projectId !== undefined && run.projectId !== projectId))
    throw notFound(`Experiment run ${runId} not found${projectId ? ' in the model’s project' : ''}`);
  try {
    accessProject(ctx, user, run.projectId, 'read');
  } catch {
    throw notFound(`Experiment run ${runId} not found`);
  }
  return run;
}

function checkModelName(name: string): string {
  const trimmed = name.trim();
  if (RESERVED_NAMES.includes(trimmed.toLowerCase())) throw badRequest(`modelName: "${trimmed}" is reserved by the API's own paths; choose another name`);
  if (/[/\\]/.test(trimmed)) throw badRequest('modelName must not contain "/" or "\\"');
  return trimmed;
}

export async function createModelFromRun(ctx: ServerContext, user: KeyOwner, body: z.output<typeof NewRegisteredModelV1Schema>): Promise<RegisteredModelV1> {
  const name = checkModelName(body.modelName);
  const run = runOf(ctx, user, body.experimentRunId);
  const { project } = accessProject(ctx, user, run.projectId, 'edit');
  if (ctx.registry.modelByName(name)) throw conflict(`A registered model named ${name} already exists`);
  const { models } = await loggedModels(ctx, run);
  if (models.length !== 1)
    throw badRequest(
      models.length === 0
        ? `Run ${run.id} logged no model (no directory with an MLmodel file under its artifacts)`
        : `Run ${run.id} logged ${models.length} models (${models.join(', ')}): register one by name with POST /api/registeredmodels/v1/{modelName}/versions and its artifact`,
    );
  const now = nowIso(ctx);
  const model: ModelRow = {
    id: newObjectId(ctx.clock),
    name,
    projectId: project.id,
    description: body.description ?? '',
    discoverable: body.discoverable,
    ownerId: user.id,
    createdAt: now,
    updatedAt: now,
  };
  ctx.registry.transaction(() => {
    // Checked again inside the transaction: two registrations of one name cannot both land.
    if (ctx.registry.modelByName(name)) throw conflict(`A registered model named ${name} already exists`);
    ctx.registry.insertModel(model, body.tags ?? {});
    ctx.registry.insertVersion({
      modelId: model.id,
      runId: run.id,
      artifact: models[0]!,
      description: body.description ?? '',
      stage: INITIAL_STAGE,
      ownerId: user.id,
      createdAt: now,
    });
  });
  return toModelV1(ctx, { model: ctx.registry.modelByName(name)!, project, canRead: true, canEdit: true });
}

export async function createVersion(
  ctx: ServerContext,
  user: KeyOwner,
  modelName: string,
  body: z.output<typeof NewRegisteredModelVersionV1Schema>,
): Promise<RegisteredModelVersionDetailsV1> {
  const { model, project } = accessModel(ctx, user, modelName, 'edit');
  const run = runOf(ctx, user, body.experimentRunId, model.projectId);
  const { models } = await loggedModels(ctx, run);
  const artifact = body.artifact.replace(/^\.?\/+|\/+$/g, '') || '.';
  if (!models.includes(artifact))
    throw notFound(`Run ${run.id} has no logged model at "${body.artifact}"${models.length ? ` (it has: ${models.join(', ')})` : ' (it logged none)'}`);
  const number = ctx.registry.insertVersion({
    modelId: model.id,
    runId: run.id,
    artifact,
    description: body.description,
    stage: INITIAL_STAGE,
    ownerId: user.id,
    createdAt: nowIso(ctx),
  });
  return toVersionDetails(ctx, model, project, ctx.registry.version(model.id, number)!);
}

export function patchModel(ctx: ServerContext, user: KeyOwner, modelName: string, patch: z.output<typeof PatchRegisteredModelV1Schema>): RegisteredModelV1 {
  const access = accessModel(ctx, user, modelName, 'edit');
  ctx.registry.patchModel(access.model.id, patch, nowIso(ctx));
  return toModelV1(ctx, { ...access, model: ctx.registry.modelByName(access.model.name)! });
}

/** Throws unless the caller may read the model's versions (its project). */
export function requireReadableModel(ctx: ServerContext, user: KeyOwner, modelName: string): void {
  accessModel(ctx, user, modelName, 'read');
}

export function getModel(ctx: ServerContext, user: KeyOwner, modelName: string): RegisteredModelV1 {
  return toModelV1(ctx, accessModel(ctx, user, modelName, 'see'));
}

/** `name`, `-name`, `name desc`, `createdAt asc`...; unknown fields are a 400. */
function parseOrderBy(orderBy: string | undefined): { field: string; descending: boolean } {
  if (!orderBy) return { field: 'name', descending: false };
  const match = /^(-?)(name|createdAt|updatedAt)(?:[ :](asc|desc))?$/i.exec(orderBy.trim());
  if (!match) throw badRequest('orderBy must be name, createdAt or updatedAt, optionally with asc or desc (or a leading -)');
  const field = ['name', 'createdAt', 'updatedAt'].find((f) => f.toLowerCase() === match[2]!.toLowerCase())!;
  return { field, descending: match[1] === '-' || match[3]?.toLowerCase() === 'desc' };
}

/** A v1 page token: an offset, opaque to clients. */
export function tokenOffset(token: string | undefined): number {
  if (!token) return 0;
  const match = /^o(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw badRequest('pageToken is not a token this server gave');
  return Number(match[1]);
}
export const tokenFor = (offset: number) => Buffer.from(`o${offset}`, 'utf8').toString('base64url');

export interface ListModelsQuery {
  projectId?: string;
  search?: string;
  searchPattern?: string;
  offset: number;
  limit: number;
  pageToken?: string;
  maxResults?: number;
  orderBy?: string;
}

/** A page of models: v1's token paging when the v1 parameters (or prefix) ask for it, else offset/limit. */
export function listModels(
  ctx: ServerContext,
  user: KeyOwner,
  query: ListModelsQuery,
  style: 'offset' | 'token',
  options: { discoverableOthers?: boolean } = {},
) {
  const token = style === 'token' || query.pageToken !== undefined || query.maxResults !== undefined;
  const offset = token ? tokenOffset(query.pageToken) : query.offset;
  const limit = Math.min(token ? (query.maxResults ?? 25) : query.limit, 1000);
  const { rows, total } = ctx.registry.listModels({
    viewer: { userId: user.id, isAdmin: user.isAdmin },
    projectId: query.projectId,
    search: query.searchPattern ?? query.search,
    discoverableOthers: options.discoverableOthers ?? true,
    orderBy: parseOrderBy(query.orderBy),
    limit,
    offset,
  });
  const items = rows.map((model) => {
    const project = ctx.projects.findById(model.projectId)!;
    const role = roleIn(ctx, project, user);
    return { model, project, canRead: allows(project, role, 'read'), canEdit: allows(project, role, 'edit') };
  });
  const nextPageToken = offset + rows.length < total ? tokenFor(offset + rows.length) : undefined;
  return { items, page: { offset, limit, totalCount: total }, token, nextPageToken };
}

export function toModelForUI(ctx: ServerContext, access: { model: ModelRow; project: ProjectRow; canRead: boolean }): RegisteredModelForUIV1 {
  const { model, project } = access;
  const latest = ctx.registry.latestVersion(model.id);
  const metrics = latest && access.canRead ? Object.fromEntries(runMetrics(ctx, latest.runId).map((m) => [m.key, m.value])) : undefined;
  return {
    ...modelBasics(ctx, model, project),
    ...(latest ? { latestVersion: latest.version, latestVersionStage: latest.stage } : {}),
    ...(metrics ? { latestVersionExperimentMetrics: metrics } : {}),
    modelApiCount: ctx.modelApis.countServing(model.name),
    predictionCount: ctx.modelApis.predictionsServing(model.name),
  };
}

export function listVersions(ctx: ServerContext, user: KeyOwner, modelName: string, page: { offset: number; limit: number }) {
  const { model, project } = accessModel(ctx, user, modelName, 'read');
  const limit = Math.min(page.limit, 1000);
  const { rows, total } = ctx.registry.versions(model.id, limit, page.offset);
  return { items: rows.map((version) => toVersionOverview(ctx, model, project, version)), page: { offset: page.offset, limit, totalCount: total } };
}

function versionOf(ctx: ServerContext, model: ModelRow, number: number): VersionRow {
  const version = ctx.registry.version(model.id, number);
  if (!version) throw notFound(`Version ${number} of registered model ${model.name} not found`);
  return version;
}

export function getVersion(ctx: ServerContext, user: KeyOwner, modelName: string, number: number): RegisteredModelVersionDetailsV1 {
  const { model, project } = accessModel(ctx, user, modelName, 'read');
  return toVersionDetails(ctx, model, project, versionOf(ctx, model, number));
}

// --- Stages ---------------------------------------------------------------------------------

/** A project's stage labels: its own list, or the defaults. */
export function stagesOf(ctx: ServerContext, projectId: string): string[] {
  const own = ctx.registry.projectStages(projectId);
  return own.length > 0 ? own : [...DEFAULT_REGISTERED_MODEL_STAGES];
}

/** The project's spelling of a stage, or a 400 listing the stages there are. */
function canonicalStage(ctx: ServerContext, projectId: string, stage: string): string {
  const stages = stagesOf(ctx, projectId);
  const found = [...stages, INITIAL_STAGE].find((label) => label.toLowerCase() === stage.trim().toLowerCase());
  if (!found) throw badRequest(`"${stage}" is not a stage of this project (its stages: ${stages.join(', ')})`);
  return found;
}

export function projectStages(ctx: ServerContext, user: KeyOwner, projectId: string, includeDefaults: boolean): string[] {
  accessProject(ctx, user, projectId, 'read');
  const own = ctx.registry.projectStages(projectId);
  return own.length > 0 || !includeDefaults ? own : [...DEFAULT_REGISTERED_MODEL_STAGES];
}

export function setProjectStages(ctx: ServerContext, user: KeyOwner, projectId: string, labels: string[]): string[] {
  accessProject(ctx, user, projectId, 'manage');
  ctx.registry.setProjectStages(projectId, labels);
  return ctx.registry.projectStages(projectId);
}

/**
 * Moves a version, in the caller's transaction: a version already in an exclusive stage moves to
 * Archived first; both changes are recorded.
 */
function moveStage(
  ctx: ServerContext,
  model: ModelRow,
  version: VersionRow,
  toStage: string,
  actorId: string,
  cause: 'direct' | 'review',
  reviewId: string | null,
): void {
  const at = nowIso(ctx);
  if (EXCLUSIVE_STAGES.includes(toStage.toLowerCase())) {
    for (const occupant of ctx.registry.occupants(model.id, toStage)) {
      if (occupant.version === version.version) continue;
      ctx.registry.setStage(model.id, occupant.version, ARCHIVED, at);
      ctx.registry.recordStageChange({
        modelId: model.id,
        version: occupant.version,
        fromStage: occupant.stage,
        toStage: ARCHIVED,
        actorId,
        at,
        cause: 'displaced',
        reviewId,
      });
    }
  }
  ctx.registry.setStage(model.id, version.version, toStage, at);
  ctx.registry.recordStageChange({ modelId: model.id, version: version.version, fromStage: version.stage, toStage, actorId, at, cause, reviewId });
}

/** Whether the caller may move this version to `stage` now, and the stage's canonical label; throws why not. */
function checkDirectMove(ctx: ServerContext, user: KeyOwner, modelName: string, number: number, stage: string) {
  const access = accessModel(ctx, user, modelName, 'read');
  const version = versionOf(ctx, access.model, number);
  const label = canonicalStage(ctx, access.project.id, stage);
  if (!access.canManage)
    throw forbidden(`Moving ${access.model.name} version ${number} to ${label} needs a review: only the project's owner and admins move stages directly`);
  if (ctx.registry.openReview(access.model.id, number))
    throw badRequest(`Version ${number} of ${access.model.name} has an open review: cancel it or let it finish before moving the version directly`);
  return { ...access, version, label };
}

export function validateStageMove(ctx: ServerContext, user: KeyOwner, modelName: string, number: number, stage: string): void {
  checkDirectMove(ctx, user, modelName, number, stage);
}

export function updateVersion(
  ctx: ServerContext,
  user: KeyOwner,
  modelName: string,
  number: number,
  stage: string | undefined,
): RegisteredModelVersionDetailsV1 {
  if (stage === undefined) return getVersion(ctx, user, modelName, number);
  const { model, project, version, label } = checkDirectMove(ctx, user, modelName, number, stage);
  if (label !== version.stage) ctx.registry.transaction(() => moveStage(ctx, model, version, label, user.id, 'direct', null));
  return toVersionDetails(ctx, model, project, ctx.registry.version(model.id, number)!);
}

export function reviewStages(ctx: ServerContext, user: KeyOwner, modelName: string, number: number): string[] {
  const { model, project } = accessModel(ctx, user, modelName, 'read');
  const version = versionOf(ctx, model, number);
  return stagesOf(ctx, project.id).filter((label) => label.toLowerCase() !== version.stage.toLowerCase() && label !== INITIAL_STAGE);
}

// --- Reviews --------------------------------------------------------------------------------

/** Reviewers are the project's members (owner or collaborators), never the one who asks. */
function checkReviewers(ctx: ServerContext, project: ProjectRow, requesterId: string, reviewerIds: string[]): void {
  const members = new Set([project.ownerId, ...ctx.projects.collaborators(project.id).map((c) => c.userId)]);
  for (const id of reviewerIds) {
    if (id === requesterId) throw badRequest(`reviewers: the one requesting a review (${id}) cannot review it`);
    if (!members.has(id)) throw badRequest(`reviewers: ${id} is not a member of project ${project.ownerUserName}/${project.name}`);
  }
}

function reviewIn(ctx: ServerContext, model: ModelRow, number: number, reviewId: string): ReviewRow {
  const review = ctx.registry.review(reviewId);
  if (!review || review.modelId !== model.id || review.version !== number) throw notFound(`Review ${reviewId} of ${model.name} version ${number} not found`);
  return review;
}

function requireOpen(review: ReviewRow): void {
  if (review.status !== 'Open') throw badRequest(`The review is already ${review.status.toLowerCase()}: nothing can change it now`);
}

/** When every reviewer has approved (and there is one), the review is Approved and the version moves, in the caller's transaction. */
function approveIfDone(ctx: ServerContext, model: ModelRow, review: ReviewRow, actorId: string): void {
  const reviewers = ctx.registry.reviewers(review.id);
  if (reviewers.length === 0 || !reviewers.every((r) => r.decision === 'Approved')) return;
  const at = nowIso(ctx);
  ctx.registry.updateReview(review.id, { status: 'Approved', closedAt: at });
  ctx.registry.recordEvent({ reviewId: review.id, kind: 'approved', actorId, at, decision: null, notes: null });
  const version = ctx.registry.version(model.id, review.version)!;
  const label = canonicalStage(ctx, model.projectId, review.targetStage);
  if (label !== version.stage) moveStage(ctx, model, version, label, actorId, 'review', review.id);
}

export function createReview(
  ctx: ServerContext,
  user: KeyOwner,
  modelName: string,
  number: number,
  body: z.output<typeof NewRegisteredModelReviewV1Schema>,
): RegisteredModelReviewSummaryV1 {
  const { model, project } = accessModel(ctx, user, modelName, 'edit');
  const version = versionOf(ctx, model, number);
  const target = canonicalStage(ctx, project.id, body.targetStage);
  if (target.toLowerCase() === version.stage.toLowerCase()) throw badRequest(`Version ${number} is already in ${target}`);
  const reviewerIds = body.reviewers.map((r) => r.userId);
  checkReviewers(ctx, project, user.id, reviewerIds);
  const review = {
    id: newObjectId(ctx.clock),
    modelId: model.id,
    version: number,
    targetStage: target,
    notes: body.notes ?? '',
    requesterId: user.id,
    createdAt: nowIso(ctx),
  };
  ctx.registry.transaction(() => {
    if (ctx.registry.openReview(model.id, number)) throw conflict(`Version ${number} of ${model.name} already has an open review`);
    ctx.registry.insertReview(review, reviewerIds);
    ctx.registry.recordEvent({ reviewId: review.id, kind: 'requested', actorId: user.id, at: review.createdAt, decision: null, notes: review.notes || null });
  });
  return reviewSummary(ctx, ctx.registry.review(review.id)!);
}

export function respondToReview(
  ctx: ServerContext,
  user: KeyOwner,
  modelName: string,
  number: number,
  reviewId: string,
  body: z.output<typeof NewRegisteredModelReviewResponseV1Schema>,
) {
  const { model } = accessModel(ctx, user, modelName, 'read');
  versionOf(ctx, model, number);
  return ctx.registry.transaction(() => {
    // Read inside the transaction: two reviewers answering at once see each other's decision.
    const review = reviewIn(ctx, model, number, reviewId);
    requireOpen(review);
    if (!ctx.registry.reviewers(review.id).some((r) => r.userId === user.id)) throw forbidden('Only the review’s reviewers may respond to it');
    const at = nowIso(ctx);
    const notes = body.notes?.trim() ? body.notes : null;
    ctx.registry.decide(review.id, user.id, body.decision, notes, at);
    ctx.registry.recordEvent({ reviewId: review.id, kind: 'responded', actorId: user.id, at, decision: body.decision, notes });
    approveIfDone(ctx, model, review, user.id);
    return { reviewer: userInfo(ctx, user.id), decision: body.decision };
  });
}

export function updateReview(
  ctx: ServerContext,
  user: KeyOwner,
  modelName: string,
  number: number,
  reviewId: string,
  body: z.output<typeof UpdatedRegisteredModelReviewV1Schema>,
): void {
  const { model, project } = accessModel(ctx, user, modelName, 'edit');
  versionOf(ctx, model, number);
  ctx.registry.transaction(() => {
    const review = reviewIn(ctx, model, number, reviewId);
    requireOpen(review);
    const at = nowIso(ctx);
    if (body.status !== undefined) {
      ctx.registry.updateReview(review.id, { status: 'Canceled', closedAt: at, notes: body.notes });
      ctx.registry.recordEvent({ reviewId: review.id, kind: 'canceled', actorId: user.id, at, decision: null, notes: body.notes ?? null });
      return;
    }
    // An edit after someone asked for changes is a new request: every decision starts again.
    const changesRequested = ctx.registry.reviewers(review.id).some((r) => r.decision === 'RequestChanges');
    if (body.reviewers !== undefined) {
      const ids = body.reviewers.map((r) => r.userId);
      checkReviewers(ctx, project, review.requesterId, ids);
      ctx.registry.replaceReviewers(review.id, ids);
    }
    if (body.notes !== undefined) ctx.registry.updateReview(review.id, { notes: body.notes });
    if (changesRequested) ctx.registry.resetDecisions(review.id);
    ctx.registry.recordEvent({
      reviewId: review.id,
      kind: changesRequested ? 'rerequested' : 'edited',
      actorId: user.id,
      at,
      decision: null,
      notes: body.notes ?? null,
    });
    // Removing the last reviewer who had not approved leaves only approvals: the review is done.
    approveIfDone(ctx, model, ctx.registry.review(review.id)!, user.id);
  });
}

// --- Extensions: the inbox, stage history, a version's activity ------------------------------

export function reviewInbox(ctx: ServerContext, user: KeyOwner, status: ReviewRow['status'], page: { offset: number; limit: number }) {
  const limit = Math.min(page.limit, 1000);
  const { rows, total } = ctx.registry.inbox(user.id, status, limit, page.offset);
  const items = rows.flatMap((review) => {
    const model = ctx.registry.modelById(review.modelId);
    const project = model && ctx.projects.findById(model.projectId);
    const version = model && ctx.registry.version(model.id, review.version);
    if (!model || !project || !version) return [];
    const mine = ctx.registry.reviewers(review.id).find((r) => r.userId === user.id);
    return [
      {
        modelName: model.name,
        modelVersion: review.version,
        project: projectSummary(project),
        requestedBy: userInfo(ctx, review.requesterId),
        requestedAt: review.createdAt,
        currentStage: version.stage,
        review: reviewSummary(ctx, review),
        ...(mine?.decision ? { myDecision: mine.decision } : {}),
      },
    ];
  });
  return { items, page: { offset: page.offset, limit, totalCount: total } };
}

function toStageChange(ctx: ServerContext, model: ModelRow, change: ReturnType<ServerContext['registry']['stageChanges']>[number]): StageChange {
  return {
    modelName: model.name,
    modelVersion: change.version,
    fromStage: change.fromStage,
    toStage: change.toStage,
    at: change.at,
    by: userInfo(ctx, change.actorId),
    cause: change.cause,
    ...(change.reviewId ? { modelReviewId: change.reviewId } : {}),
  };
}

/** Every stage change of the model; with `at`, also which version was in each stage then. */
export function stageHistory(ctx: ServerContext, user: KeyOwner, modelName: string, at: string | undefined) {
  const { model } = accessModel(ctx, user, modelName, 'read');
  const changes = ctx.registry.stageChanges(model.id);
  const items = changes.map((change) => toStageChange(ctx, model, change));
  if (at === undefined) return { items };
  const when = Date.parse(at);
  const stageOf = new Map<number, string>();
  for (const version of ctx.registry.versions(model.id, 1_000_000, 0).rows)
    if (Date.parse(version.createdAt) <= when) stageOf.set(version.version, INITIAL_STAGE);
  for (const change of changes) if (Date.parse(change.at) <= when && stageOf.has(change.version)) stageOf.set(change.version, change.toStage);
  const occupants = [...stageOf]
    .filter(([, stage]) => stage !== INITIAL_STAGE)
    .map(([modelVersion, stage]) => ({ stage, modelVersion }))
    .sort((a, b) => a.stage.localeCompare(b.stage) || a.modelVersion - b.modelVersion);
  return { items, occupants };
}

export function versionActivity(ctx: ServerContext, user: KeyOwner, modelName: string, number: number) {
  const { model } = accessModel(ctx, user, modelName, 'read');
  versionOf(ctx, model, number);
  const targets = new Map(ctx.registry.reviewsOfVersion(model.id, number).map((review) => [review.id, review.targetStage]));
  const reviews = ctx.registry.eventsOfVersion(model.id, number).map((event) => ({
    modelReviewId: event.reviewId,
    kind: event.kind as 'requested',
    at: event.at,
    by: userInfo(ctx, event.actorId),
    ...(event.decision ? { decision: event.decision } : {}),
    ...(event.notes ? { notes: event.notes } : {}),
    targetStage: targets.get(event.reviewId) ?? '',
  }));
  const stageChanges = ctx.registry
    .stageChanges(model.id)
    .filter((change) => change.version === number)
    .map((change) => toStageChange(ctx, model, change));
  return { reviews, stageChanges, artifact: versionOf(ctx, model, number).artifact };
}

export function requestProjectAccess(ctx: ServerContext, user: KeyOwner, projectId: string): void {
  const project = ctx.projects.findById(projectId);
  // Known through a discoverable model, or findable: otherwise the project does not exist for them.
  const known = project && (allows(project, roleIn(ctx, project, user), 'find') || ctx.registry.hasDiscoverableModel(projectId));
  if (!project || !known) throw notFound(`Project ${projectId} not found`);
  if (allows(project, roleIn(ctx, project, user), 'read')) return;
  ctx.registry.recordAccessRequest(projectId, user.id, nowIso(ctx));
}
