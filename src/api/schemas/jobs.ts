// Jobs: /api/jobs/beta/jobs..., /api/jobs/v1/jobs..., /api/jobs/v1/goals...
import { z } from 'zod';
import {
  ClusterTypeV1Schema,
  DeleteEnvelopeV1Schema,
  looseEnum,
  MetadataV1Schema,
  ObjectIdSchema,
  objectIdParams,
  PaginatedMetadataV1Schema,
  paginationQuery,
  QueryBooleanSchema,
  requiredText as text,
  TEXT_LIMITS,
} from './common';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';
import { GitServiceProviderV1Schema } from './users';

/** Domino's documented job states: Error is the platform's failure, Failed the user code's. */
export const JOB_EXECUTION_STATUSES = ['Queued', 'Pending', 'Preparing', 'Running', 'Finishing', 'Succeeded', 'Stopped', 'Failed', 'Error'] as const;
export type JobExecutionStatus = (typeof JOB_EXECUTION_STATUSES)[number];

export const JobStatusV1Schema = z.object({
  // The spec types it as a plain string: known states get their canonical spelling, others pass.
  executionStatus: z.union([looseEnum(JOB_EXECUTION_STATUSES), z.string()]),
  isCompleted: z.boolean(),
  isArchived: z.boolean(),
  isScheduled: z.boolean(),
});
export type JobStatusV1 = z.output<typeof JobStatusV1Schema>;

export const StageTimesV1Schema = z.object({
  submissionTime: z.string(),
  startTime: z.string().optional(),
  completedTime: z.string().optional(),
  // Beyond the spec, sent by the embedded Domino: the other stages of the walk.
  preparingTime: z.string().optional(),
  finishingTime: z.string().optional(),
});
export type StageTimesV1 = z.output<typeof StageTimesV1Schema>;

export const JobUsageV1Schema = z.object({
  cpuPercentage: z.number(),
  memoryGiB: z.number(),
});

export const CommitDetailsV1Schema = z.object({
  inputCommitId: z.string(),
  outputCommitId: z.string().optional(),
});

export const DominoStatsV1Schema = z.object({
  name: z.string(),
  // A string in the spec, but its own example is the number 0.89.
  value: z.union([z.string(), z.number().transform(String)]),
});
export type DominoStatsV1 = z.output<typeof DominoStatsV1Schema>;

/** `ActiveRevision`, `LatestRevision` or `SomeRevision(<revisionId>)`. */
export const EnvironmentRevisionSpecV1Schema = z
  .string()
  .regex(
    /^(ActiveRevision|LatestRevision|SomeRevision\([0-9a-f]{24}\))$/i,
    'environmentRevisionSpec must be ActiveRevision, LatestRevision or SomeRevision(<revisionId>)',
  );

export const ComputeClusterConfigV1Schema = z.object({
  clusterType: ClusterTypeV1Schema,
  computeEnvironmentId: z.string(),
  workerCount: z.number().int(),
  workerHardwareTier: z.string(),
  computeEnvironmentRevisionSpec: z.string().optional(),
  masterHardwareTierId: z.string().optional(),
  maxWorkerCount: z.number().int().optional(),
  workerStorageMB: z.number().optional(),
});
export type ComputeClusterConfigV1 = z.output<typeof ComputeClusterConfigV1Schema>;

export const DatasetMountV1Schema = z.object({
  id: z.string(),
  datasetName: z.string(),
  projectId: z.string(),
  isInput: z.boolean(),
  containerPath: z.string().optional(),
  snapshotId: z.string().optional(),
  snapshotVersion: z.number().int().optional(),
});

export const ExternalVolumeMountV1Schema = z.object({
  name: z.string(),
  mountPath: z.string(),
  readOnly: z.boolean(),
  subPath: z.string().optional(),
});

export const MountedGitRepoV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  uri: z.string(),
  ref: z.string(),
  serviceProvider: GitServiceProviderV1Schema,
  startingBranch: z.string().optional(),
  startingCommitId: z.string().optional(),
  endingBranch: z.string().optional(),
  endingCommitId: z.string().optional(),
});

export const MountedProjectV1Schema = z.object({ projectId: z.string(), commitId: z.string() });

/** refType is a free string in the spec: head | commitId | tags | branches. */
export const GitRefV1Schema = z.object({
  refType: z.string(),
  value: z.string().optional(),
});

export const TagV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  creatorId: z.string(),
  createdAt: z.string(),
});
export type TagV1 = z.output<typeof TagV1Schema>;

const jobShape = {
  id: z.string(),
  number: z.number().int(),
  runCommand: z.string(),
  stageTimes: StageTimesV1Schema,
  status: JobStatusV1Schema,
  commitDetails: CommitDetailsV1Schema,
  dominoStats: z.array(DominoStatsV1Schema),
  projects: z.array(MountedProjectV1Schema),
  gitRepos: z.array(MountedGitRepoV1Schema),
  datasetMounts: z.array(DatasetMountV1Schema),
  externalVolumeMounts: z.array(ExternalVolumeMountV1Schema),
  title: z.string().optional(),
  startedById: z.string().optional(),
  runLauncherId: z.string().optional(),
  usage: JobUsageV1Schema.optional(),
  mainRepoGitRef: GitRefV1Schema.optional(),
  computeCluster: ComputeClusterConfigV1Schema.optional(),
  // Beyond the spec, sent by the embedded Domino: its project, the tier it ran on and how long it ran.
  projectId: z.string().optional(),
  hardwareTierId: z.string().optional(),
  durationMs: z.number().optional(),
  // Beyond the spec, optional: a server that lists tags with each job spares the dashboard one
  // details request per row (the details answer always carries them, see JobDetailsV1Schema).
  tags: z.array(TagV1Schema).optional(),
};

/** A job as the list answers it. */
export const JobV1Schema = z.object(jobShape);
export type JobV1 = z.output<typeof JobV1Schema>;

export const QueuedJobStatusDetailsV1Schema = z.object({
  expectedWait: z.string(),
  explanation: z.string(),
  helpText: z.string(),
});

/** A job as GET /api/jobs/beta/jobs/{jobId} and POST /api/jobs/v1/jobs answer it. */
export const JobDetailsV1Schema = z.object({
  ...jobShape,
  tags: z.array(TagV1Schema),
  commentsCount: z.number().int(),
  goalIds: z.array(z.string()),
  queuedJobStatusDetails: QueuedJobStatusDetailsV1Schema.optional(),
});
export type JobDetailsV1 = z.output<typeof JobDetailsV1Schema>;

export const JobEnvelopeV1Schema = z.object({ job: JobDetailsV1Schema, metadata: MetadataV1Schema });

export const PaginatedJobEnvelopeV1Schema = z.object({
  jobs: z.array(JobV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const JOB_SORT_FIELDS = ['number', 'title', 'command', 'startedTime', 'duration', 'status', 'user', 'commentCount', 'dominoStatsField'] as const;
export type JobSortField = (typeof JOB_SORT_FIELDS)[number];

export const JOB_STATUS_FILTERS = ['all', 'queued', 'running', 'completed', 'archived', 'active'] as const;
export type JobStatusFilter = (typeof JOB_STATUS_FILTERS)[number];

/**
 * Which execution states each statusFilter selects. `all` and `archived` are not
 * state-based; archived jobs are left out of every other filter unless showArchived.
 */
export const JOB_STATUS_FILTER_STATES = {
  queued: ['Queued', 'Pending', 'Preparing'],
  running: ['Running', 'Finishing'],
  completed: ['Succeeded', 'Failed', 'Stopped', 'Error'],
  active: ['Queued', 'Pending', 'Preparing', 'Running', 'Finishing'],
} as const satisfies Record<string, readonly JobExecutionStatus[]>;

/**
 * How a finished job ended, for the `executionStatus` list parameter: an embedded extension
 * (`job-execution-status-filter` in /info) that Domino's statusFilter lacks; never sent to a real Domino.
 */
export const JOB_OUTCOMES = ['Succeeded', 'Failed', 'Stopped', 'Error'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

export const ListJobsQuerySchema = paginationQuery()
  .extend({
    projectId: ObjectIdSchema,
    sortBy: looseEnum(JOB_SORT_FIELDS).default('number'),
    dominoStatsSortFieldName: z.string().min(1).optional(),
    ascending: QueryBooleanSchema.default(false),
    showArchived: QueryBooleanSchema.default(false),
    statusFilter: looseEnum(JOB_STATUS_FILTERS).default('all'),
    tagFilter: z.string().optional(),
    executionStatus: z.enum(JOB_OUTCOMES).optional(),
  })
  .refine((query) => query.sortBy !== 'dominoStatsField' || query.dominoStatsSortFieldName !== undefined, {
    message: 'dominoStatsSortFieldName is required when sortBy is dominoStatsField',
    path: ['dominoStatsSortFieldName'],
  });
/** A page of a project's jobs, as the dashboard asks for it and the server's repository reads it. */
export type JobListQuery = z.output<typeof ListJobsQuerySchema>;

/** The statuses the cross-project list filters by (archived jobs are left out of it). */
export const CROSS_PROJECT_STATUS_FILTERS = ['all', 'queued', 'running', 'active', 'completed'] as const;
export type CrossProjectStatusFilter = (typeof CROSS_PROJECT_STATUS_FILTERS)[number];

/**
 * Embedded `jobs-across-projects`: a page of the jobs of every live project whose jobs the caller
 * may read, newest first (the reference's list needs a projectId). `startedBy=me` keeps the
 * caller's own; executionStatus narrows `completed` as on the project list.
 */
export const CrossProjectJobsQuerySchema = paginationQuery(20).extend({
  startedBy: looseEnum(['me', 'anyone']).default('me'),
  statusFilter: looseEnum(CROSS_PROJECT_STATUS_FILTERS).default('all'),
  executionStatus: z.enum(JOB_OUTCOMES).optional(),
  ascending: QueryBooleanSchema.default(false),
});
export type CrossProjectJobsQuery = z.output<typeof CrossProjectJobsQuerySchema>;

/** The project of a listed job, so a row can name and link it without one request per project. */
export const JobProjectRefSchema = z.object({ id: z.string(), name: z.string(), ownerUsername: z.string() });
export type JobProjectRef = z.output<typeof JobProjectRefSchema>;

export const CrossProjectJobsEnvelopeSchema = z.object({
  jobs: z.array(JobV1Schema),
  projects: z.array(JobProjectRefSchema),
  metadata: PaginatedMetadataV1Schema,
});

export const LOG_TYPES = ['stdOut', 'stdErr', 'prepareOutput', 'complete'] as const;
export const LogTypeV1Schema = looseEnum(LOG_TYPES);
export type LogTypeV1 = (typeof LOG_TYPES)[number];

export const MAX_LOG_LINES = 10_000;

export const JobLogsQuerySchema = z.object({
  logType: LogTypeV1Schema.default('complete'),
  // Larger limits are clamped to 10,000, not refused: a client asking for more still gets a page.
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be at least 1')
    .default(MAX_LOG_LINES)
    .transform((limit) => Math.min(limit, MAX_LOG_LINES)),
  latestTimeNano: z
    .string()
    .regex(/^\d{1,19}$/, 'latestTimeNano must be epoch nanoseconds (up to 19 digits)')
    // The cursor is a signed 64-bit integer in storage: larger values cannot name a line.
    .refine((value) => !/^\d{1,19}$/.test(value) || BigInt(value) <= 9_223_372_036_854_775_807n, 'latestTimeNano is beyond any log line')
    .optional(),
});

export const LogContentV1Schema = z.object({
  timestamp: z.string(),
  logType: LogTypeV1Schema,
  log: z.string(),
  size: z.number().int(),
});
export type LogContentV1 = z.output<typeof LogContentV1Schema>;

export const JobLogsV1Schema = z.object({
  logContent: z.array(LogContentV1Schema),
  isComplete: z.boolean(),
  helpLink: z.string().optional(),
  problem: z.string().optional(),
});
export type JobLogsV1 = z.output<typeof JobLogsV1Schema>;

export const LogsPaginationV1Schema = z.object({
  limit: z.number().int(),
  /** Epoch nanoseconds as a string (beyond a double's precision): the tail cursor. */
  latestTimeNano: z.string().optional(),
});

export const LogsEnvelopeV1Schema = z.object({
  logs: JobLogsV1Schema,
  metadata: z.object({
    requestId: z.string(),
    notices: z.array(z.string()).default([]),
    pagination: LogsPaginationV1Schema,
  }),
});

export const NewJobV1Schema = z.object({
  projectId: ObjectIdSchema,
  runCommand: text('runCommand', TEXT_LIMITS.command),
  title: text('title', TEXT_LIMITS.title).optional(),
  commitId: z
    .string()
    .regex(/^[0-9a-f]{40}$/i, 'commitId must be a 40-hex git commit id')
    .optional(),
  environmentId: ObjectIdSchema.optional(),
  environmentRevisionSpec: EnvironmentRevisionSpecV1Schema.optional(),
  hardwareTier: text('hardwareTier').optional(),
  computeCluster: ComputeClusterConfigV1Schema.optional(),
  externalVolumeMountIds: z.array(ObjectIdSchema).optional(),
  mainRepoGitRef: GitRefV1Schema.optional(),
  snapshotDatasetsOnCompletion: z.boolean().optional(),
});
export type NewJobV1 = z.input<typeof NewJobV1Schema>;

export const TagToAddV1Schema = z.object({
  tagName: text('tagName'),
  projectId: ObjectIdSchema,
});
export type TagToAddV1 = z.input<typeof TagToAddV1Schema>;

export const TagEnvelopeV1Schema = z.object({ tag: TagV1Schema, metadata: MetadataV1Schema });

// DELETE .../tags/{tagId} and DELETE /api/jobs/v1/goals/{goalId} answer DeleteEnvelopeV1 (projects.ts).
export const RemoveJobTagQuerySchema = z.object({ projectId: ObjectIdSchema });

export const LinkedGoalV1Schema = z.object({
  goalId: z.string(),
  jobId: z.string(),
  projectId: z.string(),
  title: z.string(),
  currentStage: z.string(),
  description: z.string().optional(),
});
export type LinkedGoalV1 = z.output<typeof LinkedGoalV1Schema>;

// The spec calls it "Paginated" but gives it plain MetadataV1.
export const PaginatedGoalEnvelopeV1Schema = z.object({
  goals: z.array(LinkedGoalV1Schema),
  metadata: MetadataV1Schema,
});

export const GoalEnvelopeV1Schema = z.object({ goal: LinkedGoalV1Schema, metadata: MetadataV1Schema });

export const GoalToLinkV1Schema = z.object({
  goalId: ObjectIdSchema,
  projectId: ObjectIdSchema,
});
export type GoalToLinkV1 = z.input<typeof GoalToLinkV1Schema>;

/** Query of GET and POST /api/jobs/v1/goals. */
export const JobGoalsQuerySchema = z.object({ jobId: ObjectIdSchema });

/** Query of DELETE /api/jobs/v1/goals/{goalId}. */
export const UnlinkJobFromGoalQuerySchema = z.object({ jobId: ObjectIdSchema, projectId: ObjectIdSchema });

const jobParams = objectIdParams('jobId');

export const jobsEndpoints = {
  getJobs: endpoint({
    method: 'GET',
    path: '/api/jobs/beta/jobs',
    family: 'jobs',
    source: 'reference',
    query: ListJobsQuerySchema,
    response: PaginatedJobEnvelopeV1Schema,
  }),
  getJobDetails: endpoint({
    method: 'GET',
    path: '/api/jobs/beta/jobs/{jobId}',
    family: 'jobs',
    source: 'reference',
    params: jobParams,
    response: JobEnvelopeV1Schema,
  }),
  getJobLogs: endpoint({
    method: 'GET',
    path: '/api/jobs/beta/jobs/{jobId}/logs',
    family: 'jobs',
    source: 'reference',
    params: jobParams,
    query: JobLogsQuerySchema,
    response: LogsEnvelopeV1Schema,
  }),
  startJob: endpoint({ method: 'POST', path: '/api/jobs/v1/jobs', family: 'jobs', source: 'reference', body: NewJobV1Schema, response: JobEnvelopeV1Schema }),
  addJobTag: endpoint({
    method: 'POST',
    path: '/api/jobs/v1/jobs/{jobId}/tags',
    family: 'jobs',
    source: 'reference',
    params: jobParams,
    body: TagToAddV1Schema,
    response: TagEnvelopeV1Schema,
  }),
  removeJobTag: endpoint({
    method: 'DELETE',
    path: '/api/jobs/v1/jobs/{jobId}/tags/{tagId}',
    family: 'jobs',
    source: 'reference',
    params: objectIdParams('jobId', 'tagId'),
    query: RemoveJobTagQuerySchema,
    response: DeleteEnvelopeV1Schema,
  }),
  getLinkedGoalsForJob: endpoint({
    method: 'GET',
    path: '/api/jobs/v1/goals',
    family: 'jobs',
    source: 'reference',
    query: JobGoalsQuerySchema,
    response: PaginatedGoalEnvelopeV1Schema,
  }),
  linkJobToGoal: endpoint({
    method: 'POST',
    path: '/api/jobs/v1/goals',
    family: 'jobs',
    source: 'reference',
    query: JobGoalsQuerySchema,
    body: GoalToLinkV1Schema,
    response: GoalEnvelopeV1Schema,
  }),
  unlinkJobFromGoal: endpoint({
    method: 'DELETE',
    path: '/api/jobs/v1/goals/{goalId}',
    family: 'jobs',
    source: 'reference',
    params: objectIdParams('goalId'),
    query: UnlinkJobFromGoalQuerySchema,
    response: DeleteEnvelopeV1Schema,
  }),
  /** Embedded: stop a job (the public API has no stop). */
  stopJob: endpoint({
    method: 'POST',
    path: `${EMBEDDED_PREFIX}/jobs/{jobId}/stop`,
    family: 'jobs',
    source: 'embedded',
    params: jobParams,
    response: JobEnvelopeV1Schema,
  }),
  /** Embedded: jobs across the caller's readable projects (`jobs-across-projects` in /info). */
  listJobsAcrossProjects: endpoint({
    method: 'GET',
    path: `${EMBEDDED_PREFIX}/jobs`,
    family: 'jobs',
    source: 'embedded',
    query: CrossProjectJobsQuerySchema,
    response: CrossProjectJobsEnvelopeSchema,
  }),
};
