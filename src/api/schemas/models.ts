// Model registry: /api/registeredmodels/beta/... (the reference) and /v1/... (the spec), plus
// /api/registeredmodelstages/beta. Models and versions are answered bare, not in an envelope.
import { z } from 'zod';
import {
  freeText,
  looseEnum,
  objectIdParams as objectIdParamsOf,
  MetadataV1Schema,
  ObjectIdSchema,
  PaginatedMetadataV1Schema,
  paginationQuery,
  QueryBooleanSchema,
  requiredText as text,
} from './common';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';

/** Stages are configurable labels; these are the usual defaults. */
export const DEFAULT_REGISTERED_MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;

export const REVIEW_STATUSES = ['Open', 'Approved', 'Canceled'] as const;
export type RegisteredModelReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_DECISIONS = ['Approved', 'RequestChanges'] as const;
export type RegisteredModelReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** key -> value. */
export const RegisteredModelTagsV1Schema = z.record(z.string(), z.string());

export const RegisteredModelProjectSummaryV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  ownerUsername: z.string(),
  isGitBasedProject: z.boolean(),
});
export type RegisteredModelProjectSummaryV1 = z.output<typeof RegisteredModelProjectSummaryV1Schema>;

export const RegisteredModelRequestingUserAccessV1Schema = z.object({
  canEditModel: z.boolean(),
  canEditProjectAssets: z.boolean(),
  canViewExperimentRuns: z.boolean(),
  canViewModelApis: z.boolean(),
  canViewProject: z.boolean(),
  canViewProjectFiles: z.boolean(),
});

export const RegisteredModelV1Schema = z.object({
  name: z.string(),
  description: z.string(),
  project: RegisteredModelProjectSummaryV1Schema,
  tags: RegisteredModelTagsV1Schema,
  ownerUsername: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  requestingUserAccess: RegisteredModelRequestingUserAccessV1Schema,
  latestVersion: z.number().int().optional(),
  // Omitted when false.
  discoverable: z.boolean().default(false),
});
export type RegisteredModelV1 = z.output<typeof RegisteredModelV1Schema>;

/**
 * The model list's metadata: offset/limit on the beta path (PaginatedMetadataV1, flat or nested)
 * and a nextPageToken on the v1 path (TokenPaginatedMetadataV1). Parses either, nested out.
 */
export const TokenPaginatedMetadataV1Schema = z
  .object({
    requestId: z.string(),
    notices: z.array(z.string()).default([]),
    offset: z.number().int().optional(),
    limit: z.number().int().optional(),
    totalCount: z.number().int().optional(),
    nextPageToken: z.string().optional(),
    pagination: z
      .object({
        offset: z.number().int().optional(),
        limit: z.number().int().optional(),
        totalCount: z.number().int().optional(),
        nextPageToken: z.string().optional(),
      })
      .optional(),
  })
  .transform((meta) => ({
    requestId: meta.requestId,
    notices: meta.notices,
    pagination: {
      offset: meta.pagination?.offset ?? meta.offset,
      limit: meta.pagination?.limit ?? meta.limit,
      totalCount: meta.pagination?.totalCount ?? meta.totalCount,
      nextPageToken: meta.pagination?.nextPageToken ?? meta.nextPageToken,
    },
  }));

export const PaginatedRegisteredModelsEnvelopeV1Schema = z.object({
  items: z.array(RegisteredModelV1Schema),
  metadata: TokenPaginatedMetadataV1Schema,
});

/** Both the reference's offset/limit/search and the v1 spec's pageToken/maxResults/searchPattern. */
export const ListRegisteredModelsQuerySchema = paginationQuery().extend({
  projectId: ObjectIdSchema.optional(),
  search: z.string().optional(),
  searchPattern: z.string().optional(),
  pageToken: z.string().optional(),
  maxResults: z.coerce.number().int().min(1, 'maxResults must be at least 1').optional(),
  orderBy: z.string().optional(),
});

export const PaginatedRegisteredModelNamesV1Schema = z.object({
  items: z.array(z.string()),
  metadata: PaginatedMetadataV1Schema,
});

export const ListRegisteredModelNamesQuerySchema = paginationQuery().extend({
  projectId: ObjectIdSchema.optional(),
  search: z.string().optional(),
});

export const RegisteredModelVersionModelApiV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  project: RegisteredModelProjectSummaryV1Schema,
  updatedAt: z.string(),
  activeModelVersionId: z.string().optional(),
  activeVersionNumber: z.number().int().optional(),
  activeVersionStatus: z.string().optional(),
});
export type RegisteredModelVersionModelApiV1 = z.output<typeof RegisteredModelVersionModelApiV1Schema>;

export const PaginatedRegisteredModelVersionModelApiEnvelopeV1Schema = z.object({
  items: z.array(RegisteredModelVersionModelApiV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const RegisteredModelVersionOverviewV1Schema = z.object({
  modelName: z.string(),
  modelVersion: z.number().int(),
  experimentRunId: z.string(),
  project: RegisteredModelProjectSummaryV1Schema,
  ownerUsername: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RegisteredModelVersionOverviewV1 = z.output<typeof RegisteredModelVersionOverviewV1Schema>;

export const PaginatedRegisteredModelVersionOverviewEnvelopeV1Schema = z.object({
  items: z.array(RegisteredModelVersionOverviewV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

/** Model versions default to 20 a page, not 10. */
export const ListRegisteredModelVersionsQuerySchema = paginationQuery(20);

export const RegisteredModelReviewUserInfoV1Schema = z.object({
  id: z.string(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
});

// Status and decision are plain strings in the spec: known values get their canonical spelling,
// unknown ones pass so a newer deployment still parses.
export const RegisteredModelReviewerResponseV1Schema = z.object({
  reviewer: RegisteredModelReviewUserInfoV1Schema,
  decision: z.union([looseEnum(REVIEW_DECISIONS), z.string()]).optional(),
});

export const RegisteredModelReviewSummaryV1Schema = z.object({
  modelReviewId: z.string(),
  targetStage: z.string(),
  notes: z.string(),
  status: z.union([looseEnum(REVIEW_STATUSES), z.string()]),
  reviewerResponses: z.array(RegisteredModelReviewerResponseV1Schema),
});
export type RegisteredModelReviewSummaryV1 = z.output<typeof RegisteredModelReviewSummaryV1Schema>;

export const RegisteredModelVersionExperimentRunMetricV1Schema = z.object({
  key: z.string(),
  value: z.number(),
  timestamp: z.string(),
});

export const RegisteredModelVersionExperimentRunParamV1Schema = z.object({ key: z.string(), value: z.string() });

export const RegisteredModelVersionExperimentRunInfoV1Schema = z.object({
  metrics: z.array(RegisteredModelVersionExperimentRunMetricV1Schema),
  params: z.array(RegisteredModelVersionExperimentRunParamV1Schema),
  runUrl: z.string(),
});

export const RegisteredModelVersionDataSourceDetailsV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  dataSourceType: z.string(),
});

export const RegisteredModelVersionDatasetDetailsV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  snapshotId: z.string(),
});

export const RegisteredModelVersionUiDetailsV1Schema = z.object({
  experimentRunInfo: RegisteredModelVersionExperimentRunInfoV1Schema,
  modelVersionDataSources: z.array(RegisteredModelVersionDataSourceDetailsV1Schema),
  modelVersionDatasets: z.array(RegisteredModelVersionDatasetDetailsV1Schema),
});

export const RegisteredModelVersionDetailsV1Schema = z.object({
  modelName: z.string(),
  modelVersion: z.number().int(),
  modelVersionDescription: z.string(),
  experimentRunId: z.string(),
  currentStage: z.string(),
  project: RegisteredModelProjectSummaryV1Schema,
  versionUiDetails: RegisteredModelVersionUiDetailsV1Schema,
  tags: RegisteredModelTagsV1Schema,
  ownerUsername: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  reviewSummary: RegisteredModelReviewSummaryV1Schema.optional(),
});
export type RegisteredModelVersionDetailsV1 = z.output<typeof RegisteredModelVersionDetailsV1Schema>;

export const RegisteredModelStageV1Schema = z.object({ label: z.string() });

export const RegisteredModelStageEnvelopeV1Schema = z.object({
  items: z.array(RegisteredModelStageV1Schema),
  metadata: MetadataV1Schema,
});

/** Body of POST /api/registeredmodels/v1 (not in the reference list, but the only way to make a model). */
export const NewRegisteredModelV1Schema = z.object({
  modelName: text('modelName', 255),
  experimentRunId: text('experimentRunId'),
  discoverable: z.boolean({ error: 'discoverable must be true or false' }),
  description: z.string().optional(),
  tags: RegisteredModelTagsV1Schema.optional(),
});
export type NewRegisteredModelV1 = z.input<typeof NewRegisteredModelV1Schema>;

export const NewRegisteredModelVersionV1Schema = z.object({
  experimentRunId: text('experimentRunId'),
  artifact: text('artifact', 1024),
  description: z.string({ error: 'description is required (it may be empty)' }),
});
export type NewRegisteredModelVersionV1 = z.input<typeof NewRegisteredModelVersionV1Schema>;

export const UpdatedRegisteredModelVersionV1Schema = z.object({
  currentStage: text('currentStage').optional(),
});
export type UpdatedRegisteredModelVersionV1 = z.input<typeof UpdatedRegisteredModelVersionV1Schema>;

export const NewRegisteredModelReviewReviewersV1Schema = z.object({ userId: ObjectIdSchema });

const reviewers = z
  .array(NewRegisteredModelReviewReviewersV1Schema, { error: 'reviewers must be a list of {userId}' })
  .min(1, 'reviewers must not be empty')
  .refine((list) => new Set(list.map((reviewer) => reviewer.userId)).size === list.length, 'reviewers must not repeat a user');

export const NewRegisteredModelReviewV1Schema = z.object({
  targetStage: text('targetStage'),
  reviewers,
  notes: z.string().optional(),
});
export type NewRegisteredModelReviewV1 = z.input<typeof NewRegisteredModelReviewV1Schema>;

/** PATCH .../reviews/{id}: reviewers (+ notes), or status Canceled (+ notes), or notes alone. */
export const UpdatedRegisteredModelReviewV1Schema = z
  .object({
    notes: z.string().optional(),
    reviewers: reviewers.optional(),
    status: looseEnum(['Canceled']).optional(),
  })
  .refine((update) => update.reviewers === undefined || update.status === undefined, {
    message: 'change reviewers or cancel the review, not both at once',
  })
  .refine((update) => update.notes !== undefined || update.reviewers !== undefined || update.status !== undefined, {
    message: 'notes, reviewers or status must be provided',
  });
export type UpdatedRegisteredModelReviewV1 = z.input<typeof UpdatedRegisteredModelReviewV1Schema>;

export const NewRegisteredModelReviewResponseV1Schema = z
  .object({
    decision: looseEnum(REVIEW_DECISIONS),
    notes: z.string().optional(),
  })
  .refine((response) => response.decision !== 'RequestChanges' || (response.notes ?? '').trim() !== '', {
    message: 'notes must give a reason when the decision is RequestChanges',
    path: ['notes'],
  });
export type NewRegisteredModelReviewResponseV1 = z.input<typeof NewRegisteredModelReviewResponseV1Schema>;

/** Body of PATCH /api/registeredmodels/v1/{modelName} (the spec's PatchRegisteredModelV1). */
export const PatchRegisteredModelV1Schema = z
  .object({
    description: freeText('description').optional(),
    discoverable: z.boolean({ error: 'discoverable must be true or false' }).optional(),
  })
  .refine((patch) => patch.description !== undefined || patch.discoverable !== undefined, { message: 'description or discoverable must be provided' });

/** A model in the registry's UI list: the latest version's stage and metrics, and its Model APIs. */
export const RegisteredModelForUIV1Schema = RegisteredModelV1Schema.omit({ requestingUserAccess: true }).extend({
  latestVersionStage: z.string().optional(),
  latestVersionExperimentMetrics: z.record(z.string(), z.number()).optional(),
  modelApiCount: z.number().int(),
  predictionCount: z.number().int().optional(),
});
export type RegisteredModelForUIV1 = z.output<typeof RegisteredModelForUIV1Schema>;

export const PaginatedRegisteredModelsForUIEnvelopeV1Schema = z.object({
  items: z.array(RegisteredModelForUIV1Schema),
  metadata: TokenPaginatedMetadataV1Schema,
});

export const ListRegisteredModelsForUIQuerySchema = ListRegisteredModelsQuerySchema.extend({
  globallyDiscoverable: QueryBooleanSchema.optional(),
});

export const RegisteredModelVersionStagesV1Schema = z.object({
  stages: z
    .array(z.object({ label: text('label', 100) }), { error: 'stages must be a list of {label}' })
    .min(1, 'stages must not be empty')
    .max(20, 'at most 20 stages')
    .refine((list) => new Set(list.map((stage) => stage.label.toLowerCase())).size === list.length, 'stages must not repeat a label'),
});
export const RegisteredModelVersionStagesResponseV1Schema = z.object({ items: z.array(z.object({ label: z.string() })), metadata: MetadataV1Schema });
export const StagesQuerySchema = z.object({ includeDefaults: QueryBooleanSchema.optional() });
export const RegisteredModelVersionStageValidationV1Schema = z.object({ stage: text('stage', 100) });

// Embedded extensions (decision 25): what the registry's pages need that the API has no endpoint for.
export const STAGE_CHANGE_CAUSES = ['direct', 'review', 'displaced'] as const;
export const StageChangeSchema = z.object({
  modelName: z.string(),
  modelVersion: z.number().int(),
  fromStage: z.string(),
  toStage: z.string(),
  at: z.string(),
  by: RegisteredModelReviewUserInfoV1Schema,
  cause: z.enum(STAGE_CHANGE_CAUSES),
  modelReviewId: z.string().optional(),
});
export type StageChange = z.output<typeof StageChangeSchema>;
export const StageHistoryEnvelopeSchema = z.object({
  items: z.array(StageChangeSchema),
  /** With `at`: which version was in each stage then. */
  occupants: z.array(z.object({ stage: z.string(), modelVersion: z.number().int() })).optional(),
  metadata: MetadataV1Schema,
});
export const StageHistoryQuerySchema = z.object({ at: z.iso.datetime({ offset: true, error: 'at must be an RFC 3339 time' }).optional() });

export const REVIEW_EVENT_KINDS = ['requested', 'edited', 'rerequested', 'responded', 'approved', 'canceled'] as const;
export const ReviewEventSchema = z.object({
  modelReviewId: z.string(),
  kind: z.enum(REVIEW_EVENT_KINDS),
  at: z.string(),
  by: RegisteredModelReviewUserInfoV1Schema,
  decision: z.string().optional(),
  notes: z.string().optional(),
  targetStage: z.string(),
});
/** A version's activity: its review events and stage changes, oldest first. */
export const VersionActivityEnvelopeSchema = z.object({
  reviews: z.array(ReviewEventSchema),
  stageChanges: z.array(StageChangeSchema),
  /** The logged-model directory the version was registered from (relative to its run's artifacts). */
  artifact: z.string().optional(),
  metadata: MetadataV1Schema,
});

export const ReviewInboxItemSchema = z.object({
  modelName: z.string(),
  modelVersion: z.number().int(),
  project: RegisteredModelProjectSummaryV1Schema,
  requestedBy: RegisteredModelReviewUserInfoV1Schema,
  requestedAt: z.string(),
  currentStage: z.string(),
  review: RegisteredModelReviewSummaryV1Schema,
  /** The reviewer's own decision so far (none: not yet answered). */
  myDecision: z.string().optional(),
});
export const ReviewInboxQuerySchema = paginationQuery(20).extend({
  reviewer: z.literal('me', { error: 'reviewer must be "me"' }).default('me'),
  status: looseEnum(REVIEW_STATUSES).default('Open'),
});
export const ReviewInboxEnvelopeSchema = z.object({ items: z.array(ReviewInboxItemSchema), metadata: PaginatedMetadataV1Schema });

// Declared from the reference with the schemas above; the model registry family corrects them as
// it builds. Domino's 5.9.1 spec serves the same endpoints under /v1: one handler for both.
const MODELS = '/api/registeredmodels/beta';
const model = { family: 'models', source: 'reference' } as const;
const twin = (path: string) => [path.replace(MODELS, '/api/registeredmodels/v1')];
const modelParams = z.object({ modelName: z.string().min(1, 'modelName must not be empty') });
const versionParams = modelParams.extend({ version: z.coerce.number({ error: 'version must be a number' }).int().positive() });
const reviewParams = versionParams.extend({ modelReviewId: ObjectIdSchema });

export const modelsEndpoints = {
  getRegisteredModels: endpoint({
    method: 'GET',
    path: MODELS,
    aliases: twin(MODELS),
    ...model,
    query: ListRegisteredModelsQuerySchema,
    response: PaginatedRegisteredModelsEnvelopeV1Schema,
  }),
  getRegisteredModelNames: endpoint({
    method: 'GET',
    path: `${MODELS}/names`,
    aliases: twin(`${MODELS}/names`),
    ...model,
    query: ListRegisteredModelNamesQuerySchema,
    response: PaginatedRegisteredModelNamesV1Schema,
  }),
  getRegisteredModelByName: endpoint({
    method: 'GET',
    path: `${MODELS}/{modelName}`,
    aliases: twin(`${MODELS}/{modelName}`),
    ...model,
    params: modelParams,
    response: RegisteredModelV1Schema,
  }),
  getModelApisFromRegisteredModel: endpoint({
    method: 'GET',
    path: `${MODELS}/{modelName}/modelapis`,
    aliases: twin(`${MODELS}/{modelName}/modelapis`),
    ...model,
    params: modelParams,
    response: PaginatedRegisteredModelVersionModelApiEnvelopeV1Schema,
  }),
  getRegisteredModelVersions: endpoint({
    method: 'GET',
    path: `${MODELS}/{modelName}/versions`,
    aliases: twin(`${MODELS}/{modelName}/versions`),
    ...model,
    params: modelParams,
    query: ListRegisteredModelVersionsQuerySchema,
    response: PaginatedRegisteredModelVersionOverviewEnvelopeV1Schema,
  }),
  createRegisteredModelVersionFromRun: endpoint({
    method: 'POST',
    path: `${MODELS}/{modelName}/versions`,
    aliases: twin(`${MODELS}/{modelName}/versions`),
    ...model,
    params: modelParams,
    body: NewRegisteredModelVersionV1Schema,
    response: RegisteredModelVersionDetailsV1Schema,
  }),
  getRegisteredModelVersion: endpoint({
    method: 'GET',
    path: `${MODELS}/{modelName}/versions/{version}`,
    aliases: twin(`${MODELS}/{modelName}/versions/{version}`),
    ...model,
    params: versionParams,
    response: RegisteredModelVersionDetailsV1Schema,
  }),
  updateRegisteredModelVersion: endpoint({
    method: 'PATCH',
    path: `${MODELS}/{modelName}/versions/{version}`,
    aliases: twin(`${MODELS}/{modelName}/versions/{version}`),
    ...model,
    params: versionParams,
    body: UpdatedRegisteredModelVersionV1Schema,
    response: RegisteredModelVersionDetailsV1Schema,
  }),
  getModelApisFromRegisteredModelVersion: endpoint({
    method: 'GET',
    path: `${MODELS}/{modelName}/versions/{version}/modelapis`,
    aliases: twin(`${MODELS}/{modelName}/versions/{version}/modelapis`),
    ...model,
    params: versionParams,
    response: PaginatedRegisteredModelVersionModelApiEnvelopeV1Schema,
  }),
  createRegisteredModelReview: endpoint({
    method: 'POST',
    path: `${MODELS}/{modelName}/versions/{version}/reviews`,
    aliases: twin(`${MODELS}/{modelName}/versions/{version}/reviews`),
    ...model,
    params: versionParams,
    body: NewRegisteredModelReviewV1Schema,
    response: RegisteredModelReviewSummaryV1Schema,
    successStatus: 201,
  }),
  updateRegisteredModelReview: endpoint({
    method: 'PATCH',
    path: `${MODELS}/{modelName}/versions/{version}/reviews/{modelReviewId}`,
    aliases: twin(`${MODELS}/{modelName}/versions/{version}/reviews/{modelReviewId}`),
    ...model,
    params: reviewParams,
    body: UpdatedRegisteredModelReviewV1Schema,
    response: null,
    successStatus: 204,
  }),
  createRegisteredModelReviewResponse: endpoint({
    method: 'POST',
    path: `${MODELS}/{modelName}/versions/{version}/reviews/{modelReviewId}/responses`,
    aliases: twin(`${MODELS}/{modelName}/versions/{version}/reviews/{modelReviewId}/responses`),
    ...model,
    params: reviewParams,
    body: NewRegisteredModelReviewResponseV1Schema,
    response: RegisteredModelReviewerResponseV1Schema,
    successStatus: 201,
  }),
  getRegisteredModelStages: endpoint({
    method: 'GET',
    path: '/api/registeredmodelstages/beta',
    aliases: ['/api/registeredmodelstages/v1'],
    ...model,
    response: RegisteredModelStageEnvelopeV1Schema,
  }),
  // The 5.9.1 spec's endpoints beyond the reference: on /v1, and on beta too (the family's
  // reference prefix: clients of either find every endpoint under the one they use).
  createRegisteredModelFromRun: endpoint({
    method: 'POST',
    path: '/api/registeredmodels/v1',
    aliases: ['/api/registeredmodels/beta'],
    family: 'models',
    source: 'spec',
    body: NewRegisteredModelV1Schema,
    response: RegisteredModelV1Schema,
  }),
  patchRegisteredModelByName: endpoint({
    method: 'PATCH',
    path: '/api/registeredmodels/v1/{modelName}',
    aliases: ['/api/registeredmodels/beta/{modelName}'],
    family: 'models',
    source: 'spec',
    params: modelParams,
    body: PatchRegisteredModelV1Schema,
    response: RegisteredModelV1Schema,
  }),
  getRegisteredModelsForUI: endpoint({
    method: 'GET',
    path: '/api/registeredmodels/v1/ui',
    aliases: ['/api/registeredmodels/beta/ui'],
    family: 'models',
    source: 'spec',
    query: ListRegisteredModelsForUIQuerySchema,
    response: PaginatedRegisteredModelsForUIEnvelopeV1Schema,
  }),
  requestProjectAccess: endpoint({
    method: 'POST',
    path: '/api/registeredmodels/v1/access/{projectId}',
    aliases: ['/api/registeredmodels/beta/access/{projectId}'],
    family: 'models',
    source: 'spec',
    params: objectIdParamsOf('projectId'),
    response: null,
    successStatus: 204,
  }),
  getModelVersionReviewStages: endpoint({
    method: 'GET',
    path: '/api/registeredmodels/v1/{modelName}/versions/{version}/reviewstages',
    aliases: ['/api/registeredmodels/beta/{modelName}/versions/{version}/reviewstages'],
    family: 'models',
    source: 'spec',
    params: versionParams,
    response: RegisteredModelVersionStagesResponseV1Schema,
  }),
  validateRegisteredModelVersionStage: endpoint({
    method: 'PUT',
    path: '/api/registeredmodels/v1/{modelName}/versions/{version}/stages/validation',
    aliases: ['/api/registeredmodels/beta/{modelName}/versions/{version}/stages/validation'],
    family: 'models',
    source: 'spec',
    params: versionParams,
    body: RegisteredModelVersionStageValidationV1Schema,
    response: null,
  }),
  getRegisteredModelVersionStages: endpoint({
    method: 'GET',
    path: '/api/registeredmodels/v1/versions/stages/projects/{projectId}',
    aliases: ['/api/registeredmodels/beta/versions/stages/projects/{projectId}'],
    family: 'models',
    source: 'spec',
    params: objectIdParamsOf('projectId'),
    query: StagesQuerySchema,
    response: RegisteredModelVersionStagesResponseV1Schema,
  }),
  setRegisteredModelVersionStages: endpoint({
    method: 'PUT',
    path: '/api/registeredmodels/v1/versions/stages/projects/{projectId}',
    aliases: ['/api/registeredmodels/beta/versions/stages/projects/{projectId}'],
    family: 'models',
    source: 'spec',
    params: objectIdParamsOf('projectId'),
    body: RegisteredModelVersionStagesV1Schema,
    response: RegisteredModelVersionStagesResponseV1Schema,
  }),
  // Embedded extensions (`model-review-inbox`, `model-stage-history`): hidden against a real Domino.
  getReviewInbox: endpoint({
    method: 'GET',
    path: `${EMBEDDED_PREFIX}/model-reviews`,
    family: 'models',
    source: 'embedded',
    query: ReviewInboxQuerySchema,
    response: ReviewInboxEnvelopeSchema,
  }),
  getModelStageHistory: endpoint({
    method: 'GET',
    path: `${EMBEDDED_PREFIX}/registered-models/{modelName}/stage-history`,
    family: 'models',
    source: 'embedded',
    params: modelParams,
    query: StageHistoryQuerySchema,
    response: StageHistoryEnvelopeSchema,
  }),
  getModelVersionActivity: endpoint({
    method: 'GET',
    path: `${EMBEDDED_PREFIX}/registered-models/{modelName}/versions/{version}/activity`,
    family: 'models',
    source: 'embedded',
    params: versionParams,
    response: VersionActivityEnvelopeSchema,
  }),
};
