// Experiment tracking's rules (decision 24): which project a request tracks into, who may read or
// write there, MLflow's own rules for runs (params never change, the latest metric is the highest
// step), and the mappers to MLflow's wire.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  MLFLOW_LIMITS,
  TERMINAL_RUN_STATUSES,
  type CreateExperimentSchema,
  type CreateRunSchema,
  type Experiment,
  type LogBatchSchema,
  type LogInputsSchema,
  type MetricIn,
  type Run,
  type RunStatus,
  type SearchExperimentsSchema,
  type SearchRunsSchema,
  type UpdateRunSchema,
} from '../../src/api/schemas/mlflow';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import type { ExperimentRow, KeyValueRow, MetricRow, RunRow } from '../db/mlflow-repository';
import type { ProjectRow } from '../db/projects-repository';
import { badRequest } from '../http/errors';
import { MlflowError } from '../http/mlflow-errors';
import { runOfRequest } from '../jobs/api-relay';
import { WORK_DIR } from '../jobs/sandbox';
import { accessProject } from './project-access';
import { EXPERIMENT_VOCABULARY, nextPageToken, pageOffset, parseFilter, parseOrderBy, RUN_VOCABULARY } from './mlflow-search';

const notFound = (message: string) => new MlflowError('RESOURCE_DOES_NOT_EXIST', message);

/** Reading runs needs read access to the project; recording them, the right to start executions there. */
type TrackingNeed = 'read' | 'launch';

export interface TrackingScope {
  project: ProjectRow;
  user: KeyOwner;
  /** The job whose relay the request came through, if any: its runs are linked to it. */
  jobId?: string;
}

/**
 * The project a request tracks into: the one its URL names, or else the job's whose API relay it
 * came through (a job's MLFLOW_TRACKING_URI has no project in it).
 */
export function trackingScope(ctx: ServerContext, request: FastifyRequest, user: KeyOwner, projectId: string | undefined, need: TrackingNeed): TrackingScope {
  const jobId = runOfRequest(request.raw);
  const job = jobId === undefined ? undefined : ctx.jobs.findById(jobId);
  const scopeProject = projectId ?? job?.projectId;
  if (scopeProject === undefined)
    throw badRequest(
      'This tracking URI names no project: outside a job, set MLFLOW_TRACKING_URI to <domino>/api/embedded/v1/mlflow/projects/<projectId> (a job has its own set for it)',
    );
  const { project } = accessProject(ctx, user, scopeProject, need);
  return { project, user, jobId: job && job.projectId === project.id ? job.id : undefined };
}

const nowMs = (ctx: ServerContext) => ctx.clock.now().getTime();
const wireExperimentId = (experiment: ExperimentRow) => (experiment.isDefault ? '0' : String(experiment.id));
const artifactLocation = (experimentId: string) => `file://${WORK_DIR}/mlruns/${experimentId}`;

/** An experiment of the scope's project by its wire id ("0": the Default, made when first used). */
function experimentIn(ctx: ServerContext, scope: TrackingScope, experimentId: string): ExperimentRow | undefined {
  if (experimentId === '0') return ctx.mlflow.defaultExperiment(scope.project.id, nowMs(ctx));
  const experiment = ctx.mlflow.experiment(Number(experimentId));
  return experiment && experiment.projectId === scope.project.id ? experiment : undefined;
}

function requireExperiment(ctx: ServerContext, scope: TrackingScope, experimentId: string): ExperimentRow {
  const experiment = experimentIn(ctx, scope, experimentId);
  if (!experiment) throw notFound(`No experiment with id ${experimentId} in project ${scope.project.ownerUserName}/${scope.project.name}`);
  return experiment;
}

function requireRun(ctx: ServerContext, scope: TrackingScope, runId: string, options: { active?: boolean } = {}): RunRow {
  const run = ctx.mlflow.run(runId);
  if (!run || run.projectId !== scope.project.id) throw notFound(`Run '${runId}' not found`);
  if (options.active && run.lifecycleStage !== 'active') throw badRequest(`The run ${runId} must be in the 'active' state; it is '${run.lifecycleStage}'`);
  return run;
}

export function toExperiment(ctx: ServerContext, experiment: ExperimentRow): Experiment {
  const id = wireExperimentId(experiment);
  return {
    experiment_id: id,
    name: experiment.name,
    artifact_location: artifactLocation(id),
    lifecycle_stage: experiment.lifecycleStage,
    last_update_time: experiment.updatedAt,
    creation_time: experiment.createdAt,
    tags: ctx.mlflow.experimentTags(experiment.id),
  };
}

/** A value JSON has no literal for goes out as protobuf's string for it (NaN is stored as NULL). */
function metricValueOut(value: number | null): number | 'NaN' | 'Infinity' | '-Infinity' {
  if (value === null || Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}
const toMetric = (row: MetricRow) => ({ key: row.key, value: metricValueOut(row.value), timestamp: row.timestamp, step: row.step });

export function toRun(ctx: ServerContext, run: RunRow): Run {
  const experiment = ctx.mlflow.experiment(run.experimentId)!;
  const data = ctx.mlflow.runData(run.id);
  return {
    info: {
      run_id: run.id,
      run_uuid: run.id,
      run_name: run.name,
      experiment_id: wireExperimentId(experiment),
      user_id: run.userName,
      status: run.status as RunStatus,
      start_time: run.startTime,
      ...(run.endTime !== null ? { end_time: run.endTime } : {}),
      artifact_uri: run.artifactUri,
      lifecycle_stage: run.lifecycleStage,
    },
    data: { metrics: data.metrics.map(toMetric), params: data.params, tags: data.tags },
    inputs: {
      dataset_inputs: data.inputs.map((input) => ({
        tags: JSON.parse(input.tagsJson) as KeyValueRow[],
        dataset: JSON.parse(input.datasetJson) as Run['inputs']['dataset_inputs'][number]['dataset'],
      })),
    },
  };
}

export function createExperiment(ctx: ServerContext, scope: TrackingScope, body: z.output<typeof CreateExperimentSchema>): string {
  const existing =
    body.name === 'Default' ? ctx.mlflow.defaultExperiment(scope.project.id, nowMs(ctx)) : ctx.mlflow.experimentByName(scope.project.id, body.name);
  if (existing) throw new MlflowError('RESOURCE_ALREADY_EXISTS', `Experiment(name=${body.name}) already exists`);
  return String(ctx.mlflow.insertExperiment(scope.project.id, body.name, nowMs(ctx), body.tags));
}

export function getExperiment(ctx: ServerContext, scope: TrackingScope, experimentId: string): Experiment {
  return toExperiment(ctx, requireExperiment(ctx, scope, experimentId));
}

export function getExperimentByName(ctx: ServerContext, scope: TrackingScope, name: string): Experiment {
  // `mlflow.set_experiment` creates the experiment only after this answers RESOURCE_DOES_NOT_EXIST.
  const experiment = name === 'Default' ? ctx.mlflow.defaultExperiment(scope.project.id, nowMs(ctx)) : ctx.mlflow.experimentByName(scope.project.id, name);
  if (!experiment) throw notFound(`Could not find experiment with name '${name}'`);
  return toExperiment(ctx, experiment);
}

export function searchExperiments(ctx: ServerContext, scope: TrackingScope, body: z.output<typeof SearchExperimentsSchema>) {
  ctx.mlflow.defaultExperiment(scope.project.id, nowMs(ctx));
  const offset = pageOffset(body.page_token);
  const rows = ctx.mlflow.searchExperiments({
    projectId: scope.project.id,
    comparisons: parseFilter(body.filter, EXPERIMENT_VOCABULARY),
    orderBy: parseOrderBy(body.order_by, EXPERIMENT_VOCABULARY),
    viewType: body.view_type,
    limit: body.max_results + 1,
    offset,
  });
  const page = rows.slice(0, body.max_results);
  const token = nextPageToken(offset, body.max_results, rows.length > body.max_results);
  return { experiments: page.map((row) => toExperiment(ctx, row)), ...(token ? { next_page_token: token } : {}) };
}

const ADJECTIVES = [
  'amber',
  'brisk',
  'calm',
  'deft',
  'eager',
  'fair',
  'gentle',
  'hardy',
  'keen',
  'lucid',
  'merry',
  'nimble',
  'placid',
  'quick',
  'rare',
  'steady',
];
const NOUNS = ['ant', 'bass', 'crane', 'doe', 'eel', 'finch', 'gull', 'hare', 'ibis', 'jay', 'kite', 'lynx', 'mole', 'newt', 'owl', 'pike'];
/** A readable name when none is given, as MLflow's server makes one (here from the run id, so it is stable). */
function generatedRunName(runId: string): string {
  const bytes = Buffer.from(runId, 'hex');
  return `${ADJECTIVES[bytes[0]! % ADJECTIVES.length]}-${NOUNS[bytes[1]! % NOUNS.length]}-${(bytes.readUInt16BE(2) % 1000).toString().padStart(3, '0')}`;
}

export function createRun(ctx: ServerContext, scope: TrackingScope, body: z.output<typeof CreateRunSchema>): Run {
  const experiment = requireExperiment(ctx, scope, body.experiment_id);
  if (experiment.lifecycleStage !== 'active') throw badRequest(`The experiment ${body.experiment_id} must be in the 'active' state`);
  const id = crypto.randomBytes(16).toString('hex');
  const tagName = body.tags.find((tag) => tag.key === 'mlflow.runName')?.value;
  const name = body.run_name ?? tagName ?? generatedRunName(id);
  const tags = new Map(body.tags.map((tag) => [tag.key, tag.value]));
  tags.set('mlflow.runName', name);
  tags.set('mlflow.user', scope.user.userName);
  if (scope.jobId) tags.set('domino.job_id', scope.jobId);
  ctx.mlflow.insertRun(
    {
      id,
      experimentId: experiment.id,
      projectId: scope.project.id,
      jobId: scope.jobId ?? null,
      userId: scope.user.id,
      // Who it is comes from the key, not from the user_id a client claims.
      userName: scope.user.userName,
      name,
      status: 'RUNNING',
      startTime: body.start_time ?? nowMs(ctx),
      artifactUri: `${artifactLocation(wireExperimentId(experiment))}/${id}/artifacts`,
    },
    [...tags].map(([key, value]) => ({ key, value })),
  );
  return toRun(ctx, ctx.mlflow.run(id)!);
}

export function updateRun(ctx: ServerContext, scope: TrackingScope, body: z.output<typeof UpdateRunSchema>): Run['info'] {
  requireRun(ctx, scope, body.run_id, { active: true });
  const ending = body.status !== undefined && TERMINAL_RUN_STATUSES.includes(body.status);
  ctx.mlflow.updateRun(body.run_id, { status: body.status, endTime: body.end_time ?? (ending ? nowMs(ctx) : undefined), name: body.run_name });
  if (body.run_name !== undefined) ctx.mlflow.logBatch(body.run_id, { params: [], metrics: [], tags: [{ key: 'mlflow.runName', value: body.run_name }] });
  return toRun(ctx, ctx.mlflow.run(body.run_id)!).info;
}

export function getRun(ctx: ServerContext, scope: TrackingScope, runId: string): Run {
  return toRun(ctx, requireRun(ctx, scope, runId));
}

export function searchRuns(ctx: ServerContext, scope: TrackingScope, body: z.output<typeof SearchRunsSchema>) {
  // Ids of experiments that are not this project's match no runs, as MLflow's own search.
  const experimentIds = body.experiment_ids.map((id) => experimentIn(ctx, scope, id)?.id).filter((id): id is number => id !== undefined);
  const comparisons = parseFilter(body.filter, RUN_VOCABULARY);
  const orderBy = parseOrderBy(body.order_by, RUN_VOCABULARY);
  const offset = pageOffset(body.page_token);
  if (experimentIds.length === 0) return { runs: [] };
  const rows = ctx.mlflow.searchRuns({ experimentIds, comparisons, orderBy, viewType: body.run_view_type, limit: body.max_results + 1, offset });
  const token = nextPageToken(offset, body.max_results, rows.length > body.max_results);
  return { runs: rows.slice(0, body.max_results).map((row) => toRun(ctx, row)), ...(token ? { next_page_token: token } : {}) };
}

/** Records metrics, params and tags at once, all or nothing; a param logged again must keep its value. */
export function logBatch(ctx: ServerContext, scope: TrackingScope, body: z.output<typeof LogBatchSchema>): void {
  requireRun(ctx, scope, body.run_id, { active: true });
  const seen = new Map<string, string>();
  for (const param of body.params) {
    const earlier = seen.get(param.key) ?? ctx.mlflow.param(body.run_id, param.key);
    if (earlier !== undefined && earlier !== param.value)
      throw badRequest(
        `Changing param values is not allowed. Param with key='${param.key}' was already logged with value='${earlier}' for run ID='${body.run_id}'. Attempted logging new value '${param.value}'.`,
      );
    seen.set(param.key, param.value);
  }
  ctx.mlflow.logBatch(body.run_id, { params: [...seen].map(([key, value]) => ({ key, value })), tags: body.tags, metrics: body.metrics.map(toMetricRow) });
}

function toMetricRow(metric: MetricIn): MetricRow {
  return { key: metric.key, value: Number.isNaN(metric.value) ? null : metric.value, timestamp: metric.timestamp, step: metric.step };
}

/** The run's `mlflow.log-model.history` tag (what MLflow's clients read back) gains the model. */
export function logModel(ctx: ServerContext, scope: TrackingScope, runId: string, modelJson: string): void {
  requireRun(ctx, scope, runId, { active: true });
  const model = JSON.parse(modelJson) as Record<string, unknown>;
  const artifactPath = typeof model.artifact_path === 'string' ? model.artifact_path : null;
  const historyTag = ctx.mlflow.runData(runId).tags.find((tag) => tag.key === 'mlflow.log-model.history')?.value;
  let history: unknown[] = [];
  try {
    const parsed: unknown = historyTag ? JSON.parse(historyTag) : [];
    if (Array.isArray(parsed)) history = parsed;
  } catch {
    history = [];
  }
  history.push(model);
  let text = JSON.stringify(history);
  // The tag keeps the latest models that fit its limit; every model stays in the table.
  while (text.length > MLFLOW_LIMITS.tagValue && history.length > 1) text = JSON.stringify((history = history.slice(1)));
  ctx.mlflow.logModel(runId, artifactPath, modelJson);
  if (text.length <= MLFLOW_LIMITS.tagValue) ctx.mlflow.logBatch(runId, { params: [], metrics: [], tags: [{ key: 'mlflow.log-model.history', value: text }] });
}

export function logInputs(ctx: ServerContext, scope: TrackingScope, body: z.output<typeof LogInputsSchema>): void {
  requireRun(ctx, scope, body.run_id, { active: true });
  ctx.mlflow.logInputs(
    body.run_id,
    body.datasets.map((input) => ({
      digest: input.dataset.digest,
      name: input.dataset.name,
      datasetJson: JSON.stringify(input.dataset),
      tagsJson: JSON.stringify(input.tags),
    })),
  );
}

export function metricHistory(
  ctx: ServerContext,
  scope: TrackingScope,
  query: { run_id: string; metric_key: string; max_results: number; page_token?: string },
) {
  requireRun(ctx, scope, query.run_id);
  const offset = pageOffset(query.page_token);
  const rows = ctx.mlflow.metricHistory(query.run_id, query.metric_key, query.max_results + 1, offset);
  const token = nextPageToken(offset, query.max_results, rows.length > query.max_results);
  return { metrics: rows.slice(0, query.max_results).map(toMetric), ...(token ? { next_page_token: token } : {}) };
}
