// Environments: /api/environments/beta/environments... and /api/environments/v1/environments/{id}.
import { z } from 'zod';
import {
  ClusterTypeV1Schema,
  looseEnum,
  MetadataV1Schema,
  ObjectIdSchema,
  objectIdParams,
  PaginatedMetadataV1Schema,
  paginationQuery,
  requiredText as text,
} from './common';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';
import { JobLogsQuerySchema, LogsEnvelopeV1Schema } from './jobs';

// Cluster types live in common: jobs' cluster configs use them, and jobs is imported here (build logs).
export { CLUSTER_TYPES, ClusterTypeV1Schema, type ClusterTypeV1 } from './common';

export const ENVIRONMENT_VISIBILITIES = ['global', 'private', 'organization'] as const;
export const EnvironmentVisibilityV1Schema = looseEnum(ENVIRONMENT_VISIBILITIES);
export type EnvironmentVisibilityV1 = (typeof ENVIRONMENT_VISIBILITIES)[number];

export const NEW_ENVIRONMENT_VISIBILITIES = ['global', 'private'] as const;
export const NewEnvironmentVisibilityV1Schema = looseEnum(NEW_ENVIRONMENT_VISIBILITIES);

export const ENVIRONMENT_OWNER_TYPES = ['individual', 'organization'] as const;
export const EnvironmentOwnerTypeV1Schema = looseEnum(ENVIRONMENT_OWNER_TYPES);

export const ENVIRONMENT_BUILD_STATUSES = ['queued', 'starting', 'pulling', 'building', 'pushing', 'succeeded', 'failed', 'killed'] as const;
export const EnvironmentRevisionBuildStatusV1Schema = looseEnum(ENVIRONMENT_BUILD_STATUSES);
export type EnvironmentRevisionBuildStatusV1 = (typeof ENVIRONMENT_BUILD_STATUSES)[number];

export const ProxyConfigV1Schema = z.object({
  internalPath: z.string(),
  port: z.number().int(),
  requireSubdomain: z.boolean().optional(),
  rewrite: z.boolean().optional(),
});

/** A workspace tool: in revisions' answers and in new-revision bodies. */
export const EnvironmentToolV1Schema = z.object({
  name: z.string(),
  title: z.string(),
  startScripts: z.array(z.string()),
  iconUrl: z.string().optional(),
  proxyConfig: ProxyConfigV1Schema.optional(),
  supportedFileExtensions: z.array(z.string()).optional(),
});
export type EnvironmentToolV1 = z.output<typeof EnvironmentToolV1Schema>;

export const EnvironmentRevisionV1Schema = z.object({
  id: z.string(),
  number: z.number().int(),
  availableTools: z.array(EnvironmentToolV1Schema),
  status: EnvironmentRevisionBuildStatusV1Schema.optional(),
});
export type EnvironmentRevisionV1 = z.output<typeof EnvironmentRevisionV1Schema>;

export const EnvironmentOwnerV1Schema = z.object({
  id: z.string(),
  username: z.string(),
  ownerType: EnvironmentOwnerTypeV1Schema,
});

export const EnvironmentV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  visibility: EnvironmentVisibilityV1Schema,
  supportedClusters: z.array(ClusterTypeV1Schema),
  archived: z.boolean(),
  activeRevisionTags: z.array(z.string()).optional(),
  internalTags: z.array(z.string()).optional(),
  isCurated: z.boolean().optional(),
  latestRevision: EnvironmentRevisionV1Schema.optional(),
  selectedRevision: EnvironmentRevisionV1Schema.optional(),
  restrictedRevision: EnvironmentRevisionV1Schema.optional(),
  owner: EnvironmentOwnerV1Schema.optional(),
});
export type EnvironmentV1 = z.output<typeof EnvironmentV1Schema>;

export const EnvironmentEnvelopeV1Schema = z.object({ environment: EnvironmentV1Schema, metadata: MetadataV1Schema });

export const PaginatedEnvironmentEnvelopeV1Schema = z.object({
  environments: z.array(EnvironmentV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const EnvironmentRevisionEnvelopeV1Schema = z.object({
  environmentRevision: EnvironmentRevisionV1Schema,
  metadata: MetadataV1Schema,
});

/** The answer to PATCH .../revisions/{revisionId}: no metadata, only the revision id. */
export const EnvironmentRevisionUpdateEnvelopeV1Schema = z.object({ id: z.string() });

export const ListEnvironmentsQuerySchema = paginationQuery();

export const EnvironmentVariableV1Schema = z.object({
  key: text('environmentVariables.key', 256),
  value: z.string({ error: 'environmentVariables.value must be a string' }),
});

const newRevisionShape = {
  image: text('image', 512).optional(),
  dockerfileInstructions: z.string().optional(),
  environmentVariables: z.array(EnvironmentVariableV1Schema).optional(),
  preRunScript: z.string().optional(),
  postRunScript: z.string().optional(),
  preSetupScript: z.string().optional(),
  postSetupScript: z.string().optional(),
  skipCache: z.boolean().optional(),
  summary: z.string().optional(),
  supportedClusters: z.array(ClusterTypeV1Schema).optional(),
  tags: z.array(text('a tag')).optional(),
  useVpn: z.boolean().optional(),
  workspaceTools: z.array(EnvironmentToolV1Schema).optional(),
};

/** Body of POST /api/environments/beta/environments/{environmentId}/revisions. */
export const NewEnvironmentRevisionV1Schema = z.object(newRevisionShape);
export type NewEnvironmentRevisionV1 = z.input<typeof NewEnvironmentRevisionV1Schema>;

/**
 * Body of POST /api/environments/beta/environments: either a duplicate (only
 * duplicateFromEnvironmentId) or a new environment (name, image, visibility, addBaseDependencies).
 */
export const NewEnvironmentV1Schema = z
  .object({
    ...newRevisionShape,
    name: text('name').optional(),
    description: z.string().optional(),
    visibility: NewEnvironmentVisibilityV1Schema.optional(),
    addBaseDependencies: z.boolean({ error: 'addBaseDependencies must be true or false' }).optional(),
    duplicateFromEnvironmentId: ObjectIdSchema.optional(),
    isCurated: z.boolean().optional(),
    isRestricted: z.boolean().optional(),
    orgOwnerId: ObjectIdSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.duplicateFromEnvironmentId !== undefined) {
      const others = Object.entries(body).filter(([key, value]) => key !== 'duplicateFromEnvironmentId' && value !== undefined);
      if (others.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `no other property may be set with duplicateFromEnvironmentId (got ${others.map(([key]) => key).join(', ')})`,
          path: ['duplicateFromEnvironmentId'],
        });
      }
      return;
    }
    for (const key of ['name', 'image', 'visibility', 'addBaseDependencies'] as const) {
      if (body[key] === undefined) {
        ctx.addIssue({ code: 'custom', message: `${key} is required when creating a new environment`, path: [key] });
      }
    }
  });
export type NewEnvironmentV1 = z.input<typeof NewEnvironmentV1Schema>;

export const UpdateEnvironmentRevisionV1Schema = z.object({
  isRestricted: z.boolean({ error: 'isRestricted must be true or false' }),
});
export type UpdateEnvironmentRevisionV1 = z.input<typeof UpdateEnvironmentRevisionV1Schema>;

/** The build states a revision is still walking through (archiving the environment kills these). */
export const LIVE_BUILD_STATUSES = ['queued', 'starting', 'pulling', 'building', 'pushing'] as const satisfies readonly EnvironmentRevisionBuildStatusV1[];

/** Query of the embedded list: the spec's paging, a name search and a visibility filter. */
export const SearchEnvironmentsQuerySchema = paginationQuery().extend({
  search: z.string().trim().max(200, 'search must be at most 200 characters').optional(),
  visibility: EnvironmentVisibilityV1Schema.optional(),
});

/** A revision as the embedded revisions list answers it: what it was built from, and how the build went. */
export const EnvironmentRevisionDetailsSchema = EnvironmentRevisionV1Schema.extend({
  status: EnvironmentRevisionBuildStatusV1Schema,
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), userName: z.string() }),
  finishedAt: z.string().optional(),
  /** Why the build failed (or was killed): the line and the reason. */
  failure: z.string().optional(),
  isActive: z.boolean(),
  isRestricted: z.boolean(),
  image: z.string().optional(),
  dockerfileInstructions: z.string().optional(),
  environmentVariables: z.array(z.object({ key: z.string(), value: z.string() })),
  preRunScript: z.string().optional(),
  postRunScript: z.string().optional(),
  preSetupScript: z.string().optional(),
  postSetupScript: z.string().optional(),
  summary: z.string().optional(),
  supportedClusters: z.array(ClusterTypeV1Schema),
  tags: z.array(z.string()),
  skipCache: z.boolean(),
  useVpn: z.boolean(),
});
export type EnvironmentRevisionDetails = z.output<typeof EnvironmentRevisionDetailsSchema>;

export const EnvironmentRevisionsEnvelopeSchema = z.object({ revisions: z.array(EnvironmentRevisionDetailsSchema), metadata: MetadataV1Schema });

/** A job that ran on a revision, as the caller may see it. */
export const RevisionJobSchema = z.object({
  jobId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  number: z.number().int(),
  title: z.string().optional(),
  status: z.string(),
  submittedAt: z.string(),
});
export const RevisionJobsEnvelopeSchema = z.object({ jobs: z.array(RevisionJobSchema), metadata: PaginatedMetadataV1Schema });

const environment = { family: 'environments', source: 'reference' } as const;
const embedded = { family: 'environments', source: 'embedded' } as const;
const EMBEDDED_ENVIRONMENTS = `${EMBEDDED_PREFIX}/environments`;

export const environmentsEndpoints = {
  getEnvironments: endpoint({
    method: 'GET',
    path: '/api/environments/beta/environments',
    ...environment,
    query: ListEnvironmentsQuerySchema,
    response: PaginatedEnvironmentEnvelopeV1Schema,
  }),
  createEnvironment: endpoint({
    method: 'POST',
    path: '/api/environments/beta/environments',
    ...environment,
    body: NewEnvironmentV1Schema,
    response: EnvironmentEnvelopeV1Schema,
  }),
  createEnvironmentRevision: endpoint({
    method: 'POST',
    path: '/api/environments/beta/environments/{environmentId}/revisions',
    ...environment,
    params: objectIdParams('environmentId'),
    body: NewEnvironmentRevisionV1Schema,
    response: EnvironmentRevisionEnvelopeV1Schema,
  }),
  updateEnvironmentRevisionIsRestricted: endpoint({
    method: 'PATCH',
    path: '/api/environments/beta/environments/{environmentId}/revisions/{revisionId}',
    ...environment,
    params: objectIdParams('environmentId', 'revisionId'),
    body: UpdateEnvironmentRevisionV1Schema,
    response: EnvironmentRevisionUpdateEnvelopeV1Schema,
  }),
  getEnvironment: endpoint({
    method: 'GET',
    path: '/api/environments/v1/environments/{environmentId}',
    ...environment,
    params: objectIdParams('environmentId'),
    response: EnvironmentEnvelopeV1Schema,
  }),
  archiveEnvironment: endpoint({
    method: 'DELETE',
    path: '/api/environments/v1/environments/{environmentId}',
    ...environment,
    params: objectIdParams('environmentId'),
    response: EnvironmentEnvelopeV1Schema,
  }),
  // Embedded extensions: `environment-search`, `environment-revisions`, `environment-build-logs`, `environment-revision-jobs`.
  searchEnvironments: endpoint({
    method: 'GET',
    path: EMBEDDED_ENVIRONMENTS,
    ...embedded,
    query: SearchEnvironmentsQuerySchema,
    response: PaginatedEnvironmentEnvelopeV1Schema,
  }),
  getEnvironmentRevisions: endpoint({
    method: 'GET',
    path: `${EMBEDDED_ENVIRONMENTS}/{environmentId}/revisions`,
    ...embedded,
    params: objectIdParams('environmentId'),
    response: EnvironmentRevisionsEnvelopeSchema,
  }),
  getRevisionBuildLogs: endpoint({
    method: 'GET',
    path: `${EMBEDDED_ENVIRONMENTS}/{environmentId}/revisions/{revisionId}/logs`,
    ...embedded,
    params: objectIdParams('environmentId', 'revisionId'),
    query: JobLogsQuerySchema,
    response: LogsEnvelopeV1Schema,
  }),
  getRevisionJobs: endpoint({
    method: 'GET',
    path: `${EMBEDDED_ENVIRONMENTS}/{environmentId}/revisions/{revisionId}/jobs`,
    ...embedded,
    params: objectIdParams('environmentId', 'revisionId'),
    query: paginationQuery(),
    response: RevisionJobsEnvelopeSchema,
  }),
};
