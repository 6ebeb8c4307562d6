// Model APIs in Domino 6.2's shape (/api/modelServing/v1/modelApis): a Model API serves one active
// version; a version's source is a project file + function or a registered model version. None of
// these answers is enveloped: the spec returns the entity (or a list) bare. The status vocabulary
// is fixed here (decision 0031).
import { z } from 'zod';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';
import { freeText, ObjectIdSchema, PaginatedMetadataV1Schema, QueryBooleanSchema, requiredText } from './common';

/**
 * A version's deployment status. `Running`: the active version with workers ready; `Starting`:
 * its workers are starting (isPending); `Stopped`: the active version at 0 replicas; `Inactive`:
 * built, but not the active version; `Failed`: its build failed or its workers cannot start.
 */
export const MODEL_API_VERSION_STATUSES = ['Starting', 'Running', 'Stopped', 'Inactive', 'Failed'] as const;
export type ModelApiVersionStatus = (typeof MODEL_API_VERSION_STATUSES)[number];
/** A version's build (resolving and copying its source): it succeeded or failed, with its log. */
export const MODEL_API_BUILD_STATUSES = ['Succeeded', 'Failed'] as const;
/** Most worker processes a Model API may ask for (this machine's cores are few). */
export const MAX_MODEL_API_REPLICAS = 8;
export const DEFAULT_REQUEST_TIMEOUT_SECS = 60;
export const MAX_REQUEST_TIMEOUT_SECS = 3600;

export const ModelApiSourceSchema = z.object({
  type: z.enum(['File', 'Registry'], { error: 'source.type must be File or Registry' }),
  file: z.string().optional(),
  function: z.string().optional(),
  registeredModelName: z.string().optional(),
  registeredModelVersion: z.number().int().optional(),
  excludeFiles: z.array(z.string()).optional(),
});
export type ModelApiSource = z.output<typeof ModelApiSourceSchema>;

export const ModelApiEnvironmentVariableSchema = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environmentVariables: a key must be a letter or "_" followed by letters, digits or "_"')
    .max(256),
  value: z.string().max(32_768, 'environmentVariables: a value must be at most 32768 characters'),
});

const replicas = z
  .number({ error: 'replicas must be a number' })
  .int('replicas must be a whole number')
  .min(0, 'replicas must be at least 0 (0 stops the Model API)')
  .max(MAX_MODEL_API_REPLICAS, `replicas must be at most ${MAX_MODEL_API_REPLICAS}`);
const timeoutSecs = z
  .number({ error: 'overrideRequestTimeoutSecs must be a number' })
  .int('overrideRequestTimeoutSecs must be a whole number of seconds')
  .min(1, 'overrideRequestTimeoutSecs must be at least 1')
  .max(MAX_REQUEST_TIMEOUT_SECS, `overrideRequestTimeoutSecs must be at most ${MAX_REQUEST_TIMEOUT_SECS}`);

export const ModelApiVersionCreationRequestSchema = z.object({
  projectId: ObjectIdSchema,
  source: ModelApiSourceSchema,
  commitId: z.string().optional(),
  description: freeText('description').default(''),
  environmentId: z.string().optional(),
  logHttpRequestResponse: z.boolean().default(false),
  monitoringEnabled: z.boolean().default(false),
  recordInvocation: z.boolean().default(false),
  shouldDeploy: z.boolean().default(false),
  provenanceCheckpointId: z.string().optional(),
  predictionDatasetResourceId: z.string().nullish(),
});
export type ModelApiVersionCreationRequest = z.input<typeof ModelApiVersionCreationRequestSchema>;

export const ModelApiCreationRequestSchema = z.object({
  name: requiredText('name'),
  description: freeText('description').default(''),
  environmentId: z.string({ error: 'environmentId is required' }).min(1, 'environmentId is required'),
  isAsync: z.boolean().default(false),
  strictNodeAntiAffinity: z.boolean().default(false),
  environmentVariables: z.array(ModelApiEnvironmentVariableSchema).max(100).default([]),
  hardwareTierId: z.string().nullish(),
  replicas: replicas.default(1),
  resourceQuotaId: z.string().nullish(),
  bundleId: z.string().nullish(),
  /** Not in 6.2's creation request (only on the Model API); accepted so one call sets it. */
  overrideRequestTimeoutSecs: timeoutSecs.optional(),
  version: ModelApiVersionCreationRequestSchema,
});
export type ModelApiCreationRequest = z.input<typeof ModelApiCreationRequestSchema>;

export const ModelApiUpdateRequestSchema = z.object({
  name: requiredText('name'),
  description: freeText('description'),
  replicas,
  environmentId: z.string({ error: 'environmentId is required' }).min(1, 'environmentId is required'),
  hardwareTierId: z.string().nullish(),
  resourceQuotaId: z.string().nullish(),
  overrideRequestTimeoutSecs: timeoutSecs.optional(),
  environmentVariables: z.array(ModelApiEnvironmentVariableSchema).max(100).optional(),
});
export type ModelApiUpdateRequest = z.input<typeof ModelApiUpdateRequestSchema>;

export const ModelApiVersionDeploymentSchema = z.object({ status: z.string(), isPending: z.boolean() });

export const ModelApiVersionSummarySchema = z.object({
  id: z.string(),
  dataPlaneId: z.string(),
  number: z.number().int().optional(),
  deployment: ModelApiVersionDeploymentSchema.optional(),
});

export const ModelApiAccessTokenSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  created: z.number(),
  createdBy: z.string(),
  lastGenerated: z.number(),
  lastGeneratedBy: z.string(),
});

export const ModelApiSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  isArchived: z.boolean(),
  environmentId: z.string(),
  hardwareTierId: z.string().nullish(),
  replicas: z.number().int(),
  routingMode: z.string(),
  isAsync: z.boolean(),
  strictNodeAntiAffinity: z.boolean(),
  overrideRequestTimeoutSecs: z.number().int().nullish(),
  resourceQuotaId: z.string().nullish(),
  bundleId: z.string().nullish(),
  access: z.object({ isPublic: z.boolean(), accessTokens: z.array(ModelApiAccessTokenSchema) }),
  healthCheck: z.object({
    failureThreshold: z.number().int(),
    initialDelaySeconds: z.number().int(),
    periodSeconds: z.number().int(),
    timeoutSeconds: z.number().int(),
  }),
  collaborators: z.array(z.object({ collaborator: z.string(), role: z.string() })),
  volumes: z.array(z.object({ name: z.string(), mountPath: z.string(), volumeType: z.string(), readOnly: z.boolean() })),
  metadata: z.object({ created: z.number(), createdBy: z.string(), lastModified: z.number() }),
  activeVersion: ModelApiVersionSummarySchema.optional(),
  /** Beyond 6.2's shape: the project the Model API's versions belong to (the spec filters by it). */
  projectId: z.string().optional(),
});
export type ModelApi = z.output<typeof ModelApiSchema>;

export const ModelApiVersionSchema = z.object({
  id: z.string(),
  modelApiId: z.string(),
  projectId: z.string(),
  number: z.number().int().optional(),
  description: z.string().optional(),
  source: ModelApiSourceSchema,
  commitId: z.string(),
  dataPlaneId: z.string(),
  environmentRevisionId: z.string(),
  logHttpRequestResponse: z.boolean(),
  monitoringEnabled: z.boolean(),
  recordInvocation: z.boolean(),
  labels: z.array(z.string()),
  metadata: z.object({ created: z.number(), createdBy: z.string(), summary: z.string().nullish() }),
  deployment: ModelApiVersionDeploymentSchema.optional(),
  bundleId: z.string().nullish(),
  predictionDatasetResourceId: z.string().nullish(),
  provenanceCheckpointId: z.string().nullish(),
});
export type ModelApiVersion = z.output<typeof ModelApiVersionSchema>;

export const ModelApiPaginatedListSchema = z.object({ items: z.array(ModelApiSchema), metadata: PaginatedMetadataV1Schema });

export const ModelApiVersionLogLineSchema = z.object({
  timestamp: z.number(),
  timeNano: z.number(),
  log: z.string(),
  streamType: z.string(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
});
export type ModelApiVersionLogLine = z.output<typeof ModelApiVersionLogLineSchema>;

const logsBase = {
  modelId: z.string(),
  modelVersionId: z.string(),
  sinceTimeNano: z.string().optional(),
  logs: z.array(ModelApiVersionLogLineSchema),
};
export const ModelApiVersionBuildLogsSchema = z.object({ ...logsBase, buildId: z.string().optional(), status: z.string() });
export const ModelApiVersionExportLogsSchema = z.object({ ...logsBase, status: z.string() });
export const ModelApiVersionInstanceLogsSchema = z.object({
  ...logsBase,
  maxResults: z.number().int(),
  podName: z.string().optional(),
  containerName: z.string().optional(),
  tail: z.boolean().optional(),
});

const SinceTimeNanoSchema = z.string().regex(/^\d{1,20}$/, 'sinceTimeNano must be a number of nanoseconds since the epoch');

export const ListModelApisQuerySchema = z.object({
  environmentId: z.string().optional(),
  projectId: ObjectIdSchema.optional(),
  name: z.string().max(1000).optional(),
  registeredModelName: z.string().optional(),
  registeredModelVersion: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1').default(25),
  offset: z.coerce.number().int().min(0, 'offset must be at least 0').default(0),
  orderBy: z.string().optional(),
});

export const ModelApiAccessTokenSecretSchema = z.object({ id: z.string(), token: z.string() });

const MODEL_APIS = '/api/modelServing/v1/modelApis';
const modelApi = { family: 'modelApis', source: 'domino-6.2' } as const;
const apiParams = z.object({ modelApiId: ObjectIdSchema });
const versionParams = z.object({ modelApiId: ObjectIdSchema, modelApiVersionId: ObjectIdSchema });

export const modelApisEndpoints = {
  listModelAPIs: endpoint({ method: 'GET', path: MODEL_APIS, ...modelApi, query: ListModelApisQuerySchema, response: ModelApiPaginatedListSchema }),
  createModelApi: endpoint({
    method: 'POST',
    path: MODEL_APIS,
    ...modelApi,
    body: ModelApiCreationRequestSchema,
    response: ModelApiSchema,
    successStatus: 201,
  }),
  getModelApi: endpoint({ method: 'GET', path: `${MODEL_APIS}/{modelApiId}`, ...modelApi, params: apiParams, response: ModelApiSchema }),
  updateModelApi: endpoint({
    method: 'PUT',
    path: `${MODEL_APIS}/{modelApiId}`,
    ...modelApi,
    params: apiParams,
    body: ModelApiUpdateRequestSchema,
    response: ModelApiSchema,
  }),
  deleteModelApi: endpoint({ method: 'DELETE', path: `${MODEL_APIS}/{modelApiId}`, ...modelApi, params: apiParams, response: null, successStatus: 204 }),
  listModelApiVersions: endpoint({
    method: 'GET',
    path: `${MODEL_APIS}/{modelApiId}/versions`,
    ...modelApi,
    params: apiParams,
    response: z.array(ModelApiVersionSchema),
  }),
  createModelApiVersion: endpoint({
    method: 'POST',
    path: `${MODEL_APIS}/{modelApiId}/versions`,
    ...modelApi,
    params: apiParams,
    body: ModelApiVersionCreationRequestSchema,
    response: ModelApiVersionSchema,
    successStatus: 201,
  }),
  getModelApiVersion: endpoint({
    method: 'GET',
    path: `${MODEL_APIS}/{modelApiId}/versions/{modelApiVersionId}`,
    ...modelApi,
    params: versionParams,
    response: ModelApiVersionSchema,
  }),
  getModelApiVersionBuildLogs: endpoint({
    method: 'GET',
    path: `${MODEL_APIS}/{modelApiId}/versions/{modelApiVersionId}/buildLogs`,
    ...modelApi,
    params: versionParams,
    query: z.object({ buildId: z.string().optional(), sinceTimeNano: SinceTimeNanoSchema.optional() }),
    response: ModelApiVersionBuildLogsSchema,
  }),
  getModelApiVersionExportLogs: endpoint({
    method: 'GET',
    path: `${MODEL_APIS}/{modelApiId}/versions/{modelApiVersionId}/exportLogs`,
    ...modelApi,
    params: versionParams,
    query: z.object({ sinceTimeNano: SinceTimeNanoSchema.optional() }),
    response: ModelApiVersionExportLogsSchema,
  }),
  getModelApiVersionInstanceLogs: endpoint({
    method: 'GET',
    path: `${MODEL_APIS}/{modelApiId}/versions/{modelApiVersionId}/instanceLogs`,
    ...modelApi,
    params: versionParams,
    query: z.object({
      podName: z.string().optional(),
      containerName: z.string().optional(),
      sinceTimeNano: SinceTimeNanoSchema.optional(),
      tail: QueryBooleanSchema.optional(),
      maxResults: z.coerce.number().int().min(1, 'maxResults must be at least 1').max(10_000, 'maxResults must be at most 10000').default(1000),
    }),
    response: ModelApiVersionInstanceLogsSchema,
  }),
  /** Embedded: (re)generates the Model API's access token and answers its secret, once. */
  generateModelApiAccessToken: endpoint({
    method: 'POST',
    path: `${EMBEDDED_PREFIX}/modelApis/{modelApiId}/accessToken`,
    family: 'modelApis',
    source: 'embedded',
    params: apiParams,
    response: ModelApiAccessTokenSecretSchema,
  }),
};
