// Datasets: /api/datasetrw/v1/datasets..., /api/datasetrw/v1/snapshots/{id}, /api/datasetrw/v2/datasets.
import { z } from 'zod';
import {
  looseEnum,
  MetadataV1Schema,
  ObjectIdSchema,
  objectIdParams,
  PaginatedMetadataV1Schema,
  paginationQuery,
  QueryBooleanSchema,
  requiredText as text,
} from './common';
import { endpoint } from './endpoint';

export const DATASET_ROLES = ['DatasetRwOwner', 'DatasetRwEditor', 'DatasetRwReader'] as const;
export const DatasetRwRoleV1Schema = looseEnum(DATASET_ROLES);
export type DatasetRwRoleV1 = (typeof DATASET_ROLES)[number];

export const DATASET_PERMISSIONS = [
  'DeleteDatasetRwV2',
  'EditSecurityDatasetRwV2',
  'ListDatasetRwV2',
  'PerformDatasetRwActionsInProjectV2',
  'PermanentDeleteDatasetRwV2',
  'ReadDatasetRwV2',
  'UpdateDatasetRwV2',
  'PerformDatasetRwActionsAsAdminV2',
] as const;
export const DatasetRwPermissionV1Schema = looseEnum(DATASET_PERMISSIONS);
export type DatasetRwPermissionV1 = (typeof DATASET_PERMISSIONS)[number];

export const SNAPSHOT_STATUSES = ['active', 'markForDeletion', 'deletionInProgress', 'deleted', 'pending', 'failed', 'copying'] as const;
export const SnapshotStatusV1Schema = looseEnum(SNAPSHOT_STATUSES);
export type SnapshotStatusV1 = (typeof SNAPSHOT_STATUSES)[number];

/** tagName -> snapshotId. */
export const DatasetRwTagsV1Schema = z.record(z.string(), z.string());

export const DatasetRwDetailsV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  snapshotIds: z.array(z.string()),
  tags: DatasetRwTagsV1Schema,
  description: z.string().optional(),
  projectId: z.string().optional(),
});
export type DatasetRwDetailsV1 = z.output<typeof DatasetRwDetailsV1Schema>;

/** The short dataset form the project copy answer uses. */
export const DatasetInfoV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  description: z.string().optional(),
  projectId: z.string().optional(),
});
export type DatasetInfoV1 = z.output<typeof DatasetInfoV1Schema>;

export const DatasetRwEnvelopeV1Schema = z.object({ dataset: DatasetRwDetailsV1Schema, metadata: MetadataV1Schema });

export const PaginatedDatasetRwEnvelopeV1Schema = z.object({
  datasets: z.array(DatasetRwDetailsV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const DatasetRwProjectInfoDtoV1Schema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  projectOwnerUsername: z.string(),
});

export const DatasetRwInfoDtoV1Schema = z.object({
  dataset: DatasetRwDetailsV1Schema,
  projectInfo: DatasetRwProjectInfoDtoV1Schema.optional(),
});
export type DatasetRwInfoDtoV1 = z.output<typeof DatasetRwInfoDtoV1Schema>;

export const PaginatedDatasetRwEnvelopeV2Schema = z.object({
  datasets: z.array(DatasetRwInfoDtoV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

// Grants appear in answers too, so the component keeps any id; request bodies use the *Body form.
export const DatasetRwGrantV1Schema = z.object({
  targetId: z.string(),
  targetRole: DatasetRwRoleV1Schema,
});
export type DatasetRwGrantV1 = z.output<typeof DatasetRwGrantV1Schema>;

/** Body of POST and DELETE .../grants: both carry the same JSON body, `{targetId, targetRole}`. */
export const DatasetRwGrantBodySchema = z.object({
  targetId: ObjectIdSchema,
  targetRole: DatasetRwRoleV1Schema,
});
export type DatasetRwGrantBody = z.input<typeof DatasetRwGrantBodySchema>;

export const DatasetRwGrantEnvelopeV1Schema = z.object({
  grants: z.array(DatasetRwGrantV1Schema),
  metadata: MetadataV1Schema,
});

export const DatasetRwGrantDetailsV1Schema = z.object({
  targetId: z.string(),
  targetName: z.string(),
  targetRole: DatasetRwRoleV1Schema,
  isOrganization: z.boolean(),
});
export type DatasetRwGrantDetailsV1 = z.output<typeof DatasetRwGrantDetailsV1Schema>;

export const DatasetRwGrantDetailsEnvelopeV1Schema = z.object({
  grantDetails: z.array(DatasetRwGrantDetailsV1Schema),
  metadata: MetadataV1Schema,
});

export const SnapshotDetailsV1Schema = z.object({
  id: z.string(),
  datasetId: z.string(),
  createdAt: z.string(),
  status: SnapshotStatusV1Schema,
  creatorId: z.string().optional(),
  description: z.string().optional(),
  lastMounted: z.string().optional(),
});
export type SnapshotDetailsV1 = z.output<typeof SnapshotDetailsV1Schema>;

export const SnapshotEnvelopeV1Schema = z.object({ snapshot: SnapshotDetailsV1Schema, metadata: MetadataV1Schema });

export const PaginatedSnapshotEnvelopeV1Schema = z.object({
  snapshots: z.array(SnapshotDetailsV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const NewDatasetRwV1Schema = z
  .object({
    name: text('name'),
    description: z.string({ error: 'description must be a string' }).optional(),
    projectId: ObjectIdSchema.optional(),
    snapshotId: ObjectIdSchema.optional(),
    grants: z.array(DatasetRwGrantBodySchema).optional(),
  })
  .refine((dataset) => dataset.projectId !== undefined || dataset.snapshotId !== undefined, {
    message: 'either projectId or snapshotId must be provided',
    path: ['projectId'],
  });
export type NewDatasetRwV1 = z.input<typeof NewDatasetRwV1Schema>;

/** Body of PATCH /api/datasetrw/v1/datasets/{datasetId}. */
export const DatasetRwMetadataV1Schema = z
  .object({
    name: text('name').optional(),
    description: z.string({ error: 'description must be a string' }).optional(),
  })
  .refine((update) => update.name !== undefined || update.description !== undefined, {
    message: 'name or description must be provided',
  });
export type DatasetRwMetadataV1 = z.input<typeof DatasetRwMetadataV1Schema>;

const relativePath = z
  .string()
  .min(1, 'a path in relativeFilePaths must not be empty')
  .refine((path) => !path.startsWith('/'), 'relativeFilePaths must be relative (no leading "/")')
  .refine((path) => !path.split(/[\\/]/).includes('..'), 'relativeFilePaths must not contain ".."');

export const NewSnapshotV1Schema = z.object({
  relativeFilePaths: z.array(relativePath, { error: 'relativeFilePaths must be a list of paths' }),
});
export type NewSnapshotV1 = z.input<typeof NewSnapshotV1Schema>;

export const DatasetRwTagToAddV1Schema = z.object({
  tagName: text('tagName'),
  snapshotId: ObjectIdSchema,
});
export type DatasetRwTagToAddV1 = z.input<typeof DatasetRwTagToAddV1Schema>;

export const ListDatasetsQuerySchema = paginationQuery().extend({ projectId: ObjectIdSchema.optional() });

export const ListSnapshotsQuerySchema = paginationQuery();

/** A repeated (`?a=1&a=2`) or comma-separated (`?a=1,2`) list of ids. */
const QueryIdListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((raw) => (Array.isArray(raw) ? raw : [raw]).flatMap((part) => part.split(',')).filter((id) => id !== ''))
  .pipe(z.array(ObjectIdSchema));

export const ListDatasetsV2QuerySchema = paginationQuery()
  .extend({
    minimumPermission: DatasetRwPermissionV1Schema.optional(),
    projectIdsToInclude: QueryIdListSchema.optional(),
    projectIdsToExclude: QueryIdListSchema.optional(),
    includeProjectInfo: QueryBooleanSchema.default(false),
  })
  .refine((query) => query.projectIdsToInclude === undefined || query.projectIdsToExclude === undefined, {
    message: 'pass projectIdsToInclude or projectIdsToExclude, not both',
  });

// Declared from the reference with the schemas above; the datasets family corrects them as it builds.
const DATASETS = '/api/datasetrw/v1/datasets';
const datasetParams = objectIdParams('datasetId');
const dataset = { family: 'datasets', source: 'reference' } as const;

export const datasetsEndpoints = {
  getDatasets: endpoint({ method: 'GET', path: DATASETS, ...dataset, query: ListDatasetsQuerySchema, response: PaginatedDatasetRwEnvelopeV1Schema }),
  createDataset: endpoint({ method: 'POST', path: DATASETS, ...dataset, body: NewDatasetRwV1Schema, response: DatasetRwEnvelopeV1Schema }),
  getDataset: endpoint({ method: 'GET', path: `${DATASETS}/{datasetId}`, ...dataset, params: datasetParams, response: DatasetRwEnvelopeV1Schema }),
  updateDataset: endpoint({
    method: 'PATCH',
    path: `${DATASETS}/{datasetId}`,
    ...dataset,
    params: datasetParams,
    body: DatasetRwMetadataV1Schema,
    response: DatasetRwEnvelopeV1Schema,
  }),
  deleteDataset: endpoint({ method: 'DELETE', path: `${DATASETS}/{datasetId}`, ...dataset, params: datasetParams, response: null, successStatus: 204 }),
  getDatasetGrants: endpoint({
    method: 'GET',
    path: `${DATASETS}/{datasetId}/grants`,
    ...dataset,
    params: datasetParams,
    response: DatasetRwGrantDetailsEnvelopeV1Schema,
  }),
  addDatasetGrant: endpoint({
    method: 'POST',
    path: `${DATASETS}/{datasetId}/grants`,
    ...dataset,
    params: datasetParams,
    body: DatasetRwGrantBodySchema,
    response: DatasetRwGrantEnvelopeV1Schema,
  }),
  removeDatasetGrant: endpoint({
    method: 'DELETE',
    path: `${DATASETS}/{datasetId}/grants`,
    ...dataset,
    params: datasetParams,
    body: DatasetRwGrantBodySchema,
    response: null,
    successStatus: 204,
  }),
  getDatasetSnapshots: endpoint({
    method: 'GET',
    path: `${DATASETS}/{datasetId}/snapshots`,
    ...dataset,
    params: datasetParams,
    query: ListSnapshotsQuerySchema,
    response: PaginatedSnapshotEnvelopeV1Schema,
  }),
  createSnapshot: endpoint({
    method: 'POST',
    path: `${DATASETS}/{datasetId}/snapshots`,
    ...dataset,
    params: datasetParams,
    body: NewSnapshotV1Schema,
    response: SnapshotEnvelopeV1Schema,
  }),
  addDatasetTag: endpoint({
    method: 'POST',
    path: `${DATASETS}/{datasetId}/tags`,
    ...dataset,
    params: datasetParams,
    body: DatasetRwTagToAddV1Schema,
    response: DatasetRwEnvelopeV1Schema,
  }),
  removeDatasetTag: endpoint({
    method: 'DELETE',
    path: `${DATASETS}/{datasetId}/tags/{tagName}`,
    ...dataset,
    params: z.object({ datasetId: ObjectIdSchema, tagName: z.string().min(1) }),
    response: DatasetRwEnvelopeV1Schema,
  }),
  getSnapshot: endpoint({
    method: 'GET',
    path: '/api/datasetrw/v1/snapshots/{snapshotId}',
    ...dataset,
    params: objectIdParams('snapshotId'),
    response: SnapshotEnvelopeV1Schema,
  }),
  getDatasetsV2: endpoint({
    method: 'GET',
    path: '/api/datasetrw/v2/datasets',
    ...dataset,
    query: ListDatasetsV2QuerySchema,
    response: PaginatedDatasetRwEnvelopeV2Schema,
  }),
};
