// Experiment tracking: the subset of MLflow's tracking REST protocol (API 2.0) that MLflow 2.x
// clients call to record runs, served by the embedded Domino under /api/embedded/v1/mlflow
// (decision 24). The wire is MLflow's, not Domino's: snake_case fields, int64 times as numbers,
// `{}` for an empty answer, and errors as `{error_code, message}` instead of FailureEnvelopeV1.
// A job's MLFLOW_TRACKING_URI is the first form and tracks into the job's project; from elsewhere,
// the `/projects/{projectId}` form names the project.
import { z } from 'zod';
import { hasControlCharacter, OBJECT_ID_PATTERN, objectIdParams, PaginatedMetadataV1Schema, paginationQuery } from './common';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';

export const MLFLOW_PREFIX = `${EMBEDDED_PREFIX}/mlflow`;

/** MLflow's error codes the subset answers, with the HTTP status each comes with. */
export const MLFLOW_ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
} as const;
export type MlflowErrorCode = keyof typeof MLFLOW_ERROR_STATUS;

export const MlflowErrorSchema = z.object({ error_code: z.string(), message: z.string() });

/** MLflow's limits (2.x): longer keys or values are refused, as its own server does. */
export const MLFLOW_LIMITS = {
  key: 250,
  paramValue: 6000,
  tagValue: 8000,
  experimentName: 500,
  runName: 250,
  batchMetrics: 1000,
  batchParams: 100,
  batchTags: 100,
  batchTotal: 1000,
  modelJson: 1_000_000,
  maxResults: 50_000,
  defaultMaxResults: 1000,
} as const;

/** What MLflow allows in a metric, param or tag key: alphanumerics, `_ - . / ` and spaces. */
export const MLFLOW_KEY_PATTERN = /^[A-Za-z0-9_\-./ ]+$/;

/** A 32-hex run id, as MLflow makes them. */
export const MLFLOW_RUN_ID_PATTERN = /^[0-9a-f]{32}$/;

/** The statuses of a run. */
export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['FINISHED', 'FAILED', 'KILLED'];

export const VIEW_TYPES = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const;

// MLflow's clients send int64 fields as JSON numbers, but protobuf's JSON form allows strings too.
const int64 = (label: string) =>
  z
    .union([z.number(), z.string().regex(/^-?\d+$/, `${label} must be an integer`)], { error: `${label} must be an integer` })
    .transform((value) => Number(value));
const key = (label: string) =>
  z
    .string({ error: `${label} must be a string` })
    .min(1, `${label} must not be empty`)
    .max(MLFLOW_LIMITS.key, `${label} must be at most ${MLFLOW_LIMITS.key} characters`)
    .regex(MLFLOW_KEY_PATTERN, `${label} may contain only letters, digits, spaces and "_", "-", ".", "/"`);
const value = (label: string, max: number) =>
  z
    .string({ error: `${label} must be a string` })
    .max(max, `${label} must be at most ${max} characters`)
    .refine((text) => !hasControlCharacter(text, true), `${label} must not contain control characters`);
/** A metric's value: a number, or protobuf's JSON spelling of the ones JSON has no literal for. */
const metricValue = z
  .union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])], { error: 'value must be a number' })
  .transform((v) => (typeof v === 'number' ? v : Number(v)));
const runId = z
  .string({ error: (issue) => (issue.input === undefined ? 'run_id is required' : 'run_id must be a string') })
  .regex(MLFLOW_RUN_ID_PATTERN, 'run_id must be a 32-character hex run id');
/** Experiment ids are decimal strings; "0" is the project's Default experiment. */
const experimentId = z
  .union([z.string(), z.number()], { error: 'experiment_id must be a string' })
  .transform(String)
  .pipe(z.string().regex(/^\d{1,18}$/, 'experiment_id must be a decimal experiment id'));
const pageToken = z.string().max(200).optional();
const maxResults = (fallback: number) =>
  int64('max_results')
    .pipe(z.number().int().min(1, 'max_results must be at least 1').max(MLFLOW_LIMITS.maxResults, `max_results must be at most ${MLFLOW_LIMITS.maxResults}`))
    .optional()
    .default(fallback);

export const KeyValueSchema = z.object({ key: z.string(), value: z.string() });
const TagInSchema = z.object({ key: key('tag key'), value: value('tag value', MLFLOW_LIMITS.tagValue) });
const ParamInSchema = z.object({ key: key('param key'), value: value('param value', MLFLOW_LIMITS.paramValue) });
const MetricInSchema = z.object({ key: key('metric key'), value: metricValue, timestamp: int64('timestamp'), step: int64('step').optional().default(0) });
export type MetricIn = z.output<typeof MetricInSchema>;

// Answers. A number that JSON cannot carry (NaN, ±Infinity) goes out as protobuf's string for it.
const MetricValueOut = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);
export const MetricSchema = z.object({ key: z.string(), value: MetricValueOut, timestamp: z.number(), step: z.number() });
export const ExperimentSchema = z.object({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.string(),
  lifecycle_stage: z.enum(['active', 'deleted']),
  last_update_time: z.number(),
  creation_time: z.number(),
  tags: z.array(KeyValueSchema),
});
export type Experiment = z.output<typeof ExperimentSchema>;
export const RunInfoSchema = z.object({
  run_id: z.string(),
  run_uuid: z.string(),
  run_name: z.string(),
  experiment_id: z.string(),
  user_id: z.string(),
  status: z.enum(RUN_STATUSES),
  start_time: z.number(),
  end_time: z.number().optional(),
  artifact_uri: z.string(),
  lifecycle_stage: z.enum(['active', 'deleted']),
});
export const DatasetInputSchema = z.object({
  tags: z.array(KeyValueSchema),
  dataset: z.object({
    name: z.string(),
    digest: z.string(),
    source_type: z.string(),
    source: z.string(),
    schema: z.string().optional(),
    profile: z.string().optional(),
  }),
});
export const RunSchema = z.object({
  info: RunInfoSchema,
  data: z.object({ metrics: z.array(MetricSchema), params: z.array(KeyValueSchema), tags: z.array(KeyValueSchema) }),
  inputs: z.object({ dataset_inputs: z.array(DatasetInputSchema) }),
});
export type Run = z.output<typeof RunSchema>;

// Requests.
export const CreateExperimentSchema = z.object({
  name: z
    .string({ error: 'name must be a string' })
    .trim()
    .min(1, 'name must not be empty')
    .max(MLFLOW_LIMITS.experimentName, `name must be at most ${MLFLOW_LIMITS.experimentName} characters`)
    .refine((text) => !hasControlCharacter(text), 'name must not contain control characters'),
  // Where artifacts go is the project's files (decision 24): a location sent is not used.
  artifact_location: z.string().max(2000).optional(),
  tags: z.array(TagInSchema).max(MLFLOW_LIMITS.batchTags).optional().default([]),
});
export const ExperimentIdQuerySchema = z.object({ experiment_id: experimentId });
export const ExperimentNameQuerySchema = z.object({
  experiment_name: z.string({ error: 'experiment_name is required' }).min(1, 'experiment_name must not be empty').max(MLFLOW_LIMITS.experimentName),
});
export const SearchExperimentsSchema = z.object({
  max_results: maxResults(MLFLOW_LIMITS.defaultMaxResults),
  page_token: pageToken,
  filter: z.string().max(4000).optional(),
  order_by: z.array(z.string().max(500)).max(10).optional().default([]),
  view_type: z
    .enum(VIEW_TYPES, { error: `view_type must be one of ${VIEW_TYPES.join(', ')}` })
    .optional()
    .default('ACTIVE_ONLY'),
});
export const CreateRunSchema = z.object({
  experiment_id: experimentId.optional().default('0'),
  user_id: z.string().max(MLFLOW_LIMITS.key).optional(),
  run_name: value('run_name', MLFLOW_LIMITS.runName).optional(),
  start_time: int64('start_time').optional(),
  tags: z.array(TagInSchema).max(MLFLOW_LIMITS.batchTags).optional().default([]),
});
/** MLflow's older clients send `run_uuid`; newer ones `run_id` (and often both). */
function acceptingRunUuid<S extends z.ZodType>(schema: S) {
  return z.preprocess((input) => {
    if (typeof input !== 'object' || input === null) return input;
    const fields = input as Record<string, unknown>;
    return fields.run_id === undefined && fields.run_uuid !== undefined ? { ...fields, run_id: fields.run_uuid } : input;
  }, schema);
}
const runIdOf = <T extends z.ZodRawShape>(shape: T) => acceptingRunUuid(z.object({ run_id: runId, ...shape }));
export const UpdateRunSchema = runIdOf({
  status: z.enum(RUN_STATUSES, { error: `status must be one of ${RUN_STATUSES.join(', ')}` }).optional(),
  end_time: int64('end_time').optional(),
  run_name: value('run_name', MLFLOW_LIMITS.runName).optional(),
});
export const RunIdQuerySchema = runIdOf({});
export const SearchRunsSchema = z.object({
  experiment_ids: z.array(experimentId).min(1, 'experiment_ids must name at least one experiment').max(100),
  filter: z.string().max(4000).optional(),
  run_view_type: z
    .enum(VIEW_TYPES, { error: `run_view_type must be one of ${VIEW_TYPES.join(', ')}` })
    .optional()
    .default('ACTIVE_ONLY'),
  max_results: maxResults(MLFLOW_LIMITS.defaultMaxResults),
  order_by: z.array(z.string().max(500)).max(10).optional().default([]),
  page_token: pageToken,
});
export const LogBatchSchema = z
  .object({
    run_id: runId,
    metrics: z.array(MetricInSchema).max(MLFLOW_LIMITS.batchMetrics, `at most ${MLFLOW_LIMITS.batchMetrics} metrics a batch`).optional().default([]),
    params: z.array(ParamInSchema).max(MLFLOW_LIMITS.batchParams, `at most ${MLFLOW_LIMITS.batchParams} params a batch`).optional().default([]),
    tags: z.array(TagInSchema).max(MLFLOW_LIMITS.batchTags, `at most ${MLFLOW_LIMITS.batchTags} tags a batch`).optional().default([]),
  })
  .refine((batch) => batch.metrics.length + batch.params.length + batch.tags.length <= MLFLOW_LIMITS.batchTotal, {
    message: `at most ${MLFLOW_LIMITS.batchTotal} metrics, params and tags together a batch`,
  });
export const LogMetricSchema = runIdOf(MetricInSchema.shape);
export const LogParamSchema = runIdOf(ParamInSchema.shape);
export const SetTagSchema = runIdOf(TagInSchema.shape);
export const LogModelSchema = z.object({
  run_id: runId,
  model_json: z
    .string({ error: 'model_json must be a string' })
    .max(MLFLOW_LIMITS.modelJson)
    .refine((text) => {
      try {
        const parsed: unknown = JSON.parse(text);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
      } catch {
        return false;
      }
    }, 'model_json must be a JSON object'),
});
export const LogInputsSchema = z.object({
  run_id: runId,
  datasets: z
    .array(
      z.object({
        tags: z.array(TagInSchema).optional().default([]),
        dataset: z.object({
          name: value('dataset name', MLFLOW_LIMITS.key).pipe(z.string().min(1, 'dataset name must not be empty')),
          digest: value('dataset digest', 36),
          source_type: value('dataset source_type', 36),
          source: value('dataset source', 65_535),
          schema: value('dataset schema', 1_048_575).optional(),
          profile: value('dataset profile', 16_384).optional(),
        }),
      }),
    )
    .max(100)
    .optional()
    .default([]),
});
export const MetricHistoryQuerySchema = runIdOf({ metric_key: key('metric_key'), max_results: maxResults(25_000), page_token: pageToken });

// Embedded extension `project-experiment-runs` (a Domino envelope, not MLflow's wire): a project's
// runs across its experiments, newest first, each with its params, latest metrics and the
// logged-model directories a version can be registered from. What the registry's run and artifact
// pickers need in one request, where MLflow's protocol would take a search per experiment and a
// look at each run's files.
export const ProjectExperimentRunSchema = z.object({
  runId: z.string(),
  runName: z.string(),
  experimentId: z.string(),
  experimentName: z.string(),
  status: z.enum(RUN_STATUSES),
  startTime: z.string(),
  endTime: z.string().optional(),
  userName: z.string(),
  /** The job that recorded it (none: recorded from outside a job). */
  jobId: z.string().optional(),
  params: z.array(KeyValueSchema),
  /** Each key's latest value; NaN and ±Infinity are left out. */
  metrics: z.array(z.object({ key: z.string(), value: z.number() })),
  /** Directories (relative to the run's artifacts, "." for the top) holding an MLmodel file in the job's output commit. */
  loggedModels: z.array(z.string()),
});
export type ProjectExperimentRun = z.output<typeof ProjectExperimentRunSchema>;
export const ProjectExperimentRunsEnvelopeSchema = z.object({ runs: z.array(ProjectExperimentRunSchema), metadata: PaginatedMetadataV1Schema });

const EmptySchema = z.object({});
export const ProjectScopeParamsSchema = z.object({
  projectId: z
    .string()
    .regex(OBJECT_ID_PATTERN, { error: (issue) => `${String(issue.input)} is not a valid ID` })
    .optional(),
});

const mlflow = { family: 'mlflow', source: 'embedded' } as const;
/** Both forms of an endpoint's URL: a job's (its project implied) and the one naming a project. */
function tracking<const M extends 'GET' | 'POST', const P extends string>(method: M, protocolPath: P) {
  return {
    method,
    path: `${MLFLOW_PREFIX}/api/2.0/mlflow/${protocolPath}` as const,
    aliases: [`${MLFLOW_PREFIX}/projects/{projectId}/api/2.0/mlflow/${protocolPath}`] as const,
    params: ProjectScopeParamsSchema,
    ...mlflow,
  };
}

export const mlflowEndpoints = {
  createExperiment: endpoint({ ...tracking('POST', 'experiments/create'), body: CreateExperimentSchema, response: z.object({ experiment_id: z.string() }) }),
  getExperiment: endpoint({ ...tracking('GET', 'experiments/get'), query: ExperimentIdQuerySchema, response: z.object({ experiment: ExperimentSchema }) }),
  getExperimentByName: endpoint({
    ...tracking('GET', 'experiments/get-by-name'),
    query: ExperimentNameQuerySchema,
    response: z.object({ experiment: ExperimentSchema }),
  }),
  searchExperiments: endpoint({
    ...tracking('POST', 'experiments/search'),
    body: SearchExperimentsSchema,
    response: z.object({ experiments: z.array(ExperimentSchema), next_page_token: z.string().optional() }),
  }),
  createRun: endpoint({ ...tracking('POST', 'runs/create'), body: CreateRunSchema, response: z.object({ run: RunSchema }) }),
  updateRun: endpoint({ ...tracking('POST', 'runs/update'), body: UpdateRunSchema, response: z.object({ run_info: RunInfoSchema }) }),
  getRun: endpoint({ ...tracking('GET', 'runs/get'), query: RunIdQuerySchema, response: z.object({ run: RunSchema }) }),
  searchRuns: endpoint({
    ...tracking('POST', 'runs/search'),
    body: SearchRunsSchema,
    response: z.object({ runs: z.array(RunSchema), next_page_token: z.string().optional() }),
  }),
  logBatch: endpoint({ ...tracking('POST', 'runs/log-batch'), body: LogBatchSchema, response: EmptySchema }),
  logMetric: endpoint({ ...tracking('POST', 'runs/log-metric'), body: LogMetricSchema, response: EmptySchema }),
  logParam: endpoint({ ...tracking('POST', 'runs/log-parameter'), body: LogParamSchema, response: EmptySchema }),
  setTag: endpoint({ ...tracking('POST', 'runs/set-tag'), body: SetTagSchema, response: EmptySchema }),
  logModel: endpoint({ ...tracking('POST', 'runs/log-model'), body: LogModelSchema, response: EmptySchema }),
  logInputs: endpoint({ ...tracking('POST', 'runs/log-inputs'), body: LogInputsSchema, response: EmptySchema }),
  getMetricHistory: endpoint({
    ...tracking('GET', 'metrics/get-history'),
    query: MetricHistoryQuerySchema,
    response: z.object({ metrics: z.array(MetricSchema), next_page_token: z.string().optional() }),
  }),
  getProjectExperimentRuns: endpoint({
    method: 'GET',
    path: `${EMBEDDED_PREFIX}/projects/{projectId}/experiment-runs`,
    family: 'mlflow',
    source: 'embedded',
    params: objectIdParams('projectId'),
    query: paginationQuery(25),
    response: ProjectExperimentRunsEnvelopeSchema,
  }),
};
