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
  freeText,
  TEXT_LIMITS,
  requiredText as text,
} from './common';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';

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

/** 1–100 of letters, digits, ".", "_" and "-", not starting with "."; unique per project ignoring case. */
export const DATASET_NAME_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
export const DATASET_NAME_RULE = 'name must be 1–100 letters, digits, ".", "_" or "-", and must not start with "."';

/** The permissions in the order they include each other (EditSecurity, Delete and PermanentDelete are one level). */
export const DATASET_PERMISSION_LEVELS: Record<DatasetRwPermissionV1, number> = {
  ListDatasetRwV2: 1,
  ReadDatasetRwV2: 2,
  PerformDatasetRwActionsInProjectV2: 3,
  UpdateDatasetRwV2: 4,
  EditSecurityDatasetRwV2: 5,
  DeleteDatasetRwV2: 5,
  PermanentDeleteDatasetRwV2: 5,
  PerformDatasetRwActionsAsAdminV2: 6,
};

export const NewDatasetRwV1Schema = z
  .object({
    name: text('name'),
    description: freeText('description').optional(),
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
    description: freeText('description').optional(),
  })
  .refine((update) => update.name !== undefined || update.description !== undefined, {
    message: 'name or description must be provided',
  });
export type DatasetRwMetadataV1 = z.input<typeof DatasetRwMetadataV1Schema>;

// The server checks again (and also refuses symbolic links that leave the dataset); both name the path.
const relativePath = z
  .string()
  .min(1, 'a path in relativeFilePaths must not be empty')
  .max(1024, 'a path in relativeFilePaths is longer than 1024 characters')
  .superRefine((path, ctx) => {
    if (path.startsWith('/')) ctx.addIssue({ code: 'custom', message: `relativeFilePaths must be relative: ${JSON.stringify(path)} starts with "/"` });
    else if (path.split('/').includes('..')) ctx.addIssue({ code: 'custom', message: `relativeFilePaths must not contain "..": ${JSON.stringify(path)}` });
  });

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

// Embedded extensions (decision 11): what Domino's API has no room for. Search and sort of the
// list; a dataset's and a snapshot's size, file count and failure reason; the files themselves.

/** The caller's permissions on a dataset, so the dashboard offers only what will be allowed. */
export const DatasetStatsSchema = z.object({
  fileCount: z.number().int(),
  bytes: z.number().int(),
  lastMounted: z.string().optional(),
  yourPermissions: z.array(DatasetRwPermissionV1Schema),
});
export type DatasetStats = z.output<typeof DatasetStatsSchema>;
export const DatasetStatsEnvelopeSchema = z.object({ stats: DatasetStatsSchema, metadata: MetadataV1Schema });

export const SnapshotStatsSchema = z.object({
  fileCount: z.number().int(),
  bytes: z.number().int(),
  failureReason: z.string().optional(),
});
export type SnapshotStats = z.output<typeof SnapshotStatsSchema>;
export const SnapshotStatsEnvelopeSchema = z.object({ stats: SnapshotStatsSchema, metadata: MetadataV1Schema });

export const DATASET_SORT_FIELDS = ['name', 'createdAt'] as const;

export const SearchDatasetsQuerySchema = paginationQuery().extend({
  search: freeText('search', TEXT_LIMITS.search).optional(),
  sortBy: looseEnum(DATASET_SORT_FIELDS).default('name'),
  sortOrder: looseEnum(['asc', 'desc'] as const).default('asc'),
  projectId: ObjectIdSchema.optional(),
  minimumPermission: DatasetRwPermissionV1Schema.optional(),
});

export const DatasetSummarySchema = z.object({
  dataset: DatasetRwDetailsV1Schema,
  projectInfo: DatasetRwProjectInfoDtoV1Schema.optional(),
  fileCount: z.number().int(),
  bytes: z.number().int(),
});
export type DatasetSummary = z.output<typeof DatasetSummarySchema>;

export const DatasetSummariesEnvelopeSchema = z.object({ datasets: z.array(DatasetSummarySchema), metadata: PaginatedMetadataV1Schema });

export const DatasetFileEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  type: z.enum(['file', 'dir']),
  size: z.number().int().nullable(),
  modifiedAt: z.string().optional(),
});
export type DatasetFileEntry = z.output<typeof DatasetFileEntrySchema>;

export const DatasetDirectoryEnvelopeSchema = z.object({ path: z.string(), entries: z.array(DatasetFileEntrySchema), metadata: MetadataV1Schema });

/** A path inside a dataset; the server refuses "..", absolute paths, NUL and links that leave it (400 naming the path). */
export const DatasetPathQuerySchema = z.object({ path: z.string().max(1024, 'path must be at most 1024 characters').default('') });
export const DatasetFilePathQuerySchema = z.object({ path: z.string().min(1, 'path must not be empty').max(1024, 'path must be at most 1024 characters') });

export const UploadedDatasetFileEnvelopeSchema = z.object({ path: z.string(), size: z.number().int(), metadata: MetadataV1Schema });

// Declared from the reference, corrected against the 5.9.1 spec (DELETE of a dataset and of a
// grant answer 200 with an envelope there).
const DATASETS = '/api/datasetrw/v1/datasets';
const datasetParams = objectIdParams('datasetId');
const snapshotParams = objectIdParams('snapshotId');
const dataset = { family: 'datasets', source: 'reference' } as const;
const embedded = { family: 'datasets', source: 'embedded' } as const;
const EMBEDDED_DATASETS = `${EMBEDDED_PREFIX}/datasets`;
const EMBEDDED_SNAPSHOTS = `${EMBEDDED_PREFIX}/snapshots`;

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
  deleteDataset: endpoint({ method: 'DELETE', path: `${DATASETS}/{datasetId}`, ...dataset, params: datasetParams, response: DatasetRwEnvelopeV1Schema }),
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
    response: DatasetRwGrantEnvelopeV1Schema,
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
    params: snapshotParams,
    response: SnapshotEnvelopeV1Schema,
  }),
  getDatasetsV2: endpoint({
    method: 'GET',
    path: '/api/datasetrw/v2/datasets',
    ...dataset,
    query: ListDatasetsV2QuerySchema,
    response: PaginatedDatasetRwEnvelopeV2Schema,
  }),

  // Embedded extensions: `dataset-search`, `dataset-stats`, `dataset-files`.
  searchDatasets: endpoint({ method: 'GET', path: EMBEDDED_DATASETS, ...embedded, query: SearchDatasetsQuerySchema, response: DatasetSummariesEnvelopeSchema }),
  getDatasetStats: endpoint({
    method: 'GET',
    path: `${EMBEDDED_DATASETS}/{datasetId}/stats`,
    ...embedded,
    params: datasetParams,
    response: DatasetStatsEnvelopeSchema,
  }),
  getSnapshotStats: endpoint({
    method: 'GET',
    path: `${EMBEDDED_SNAPSHOTS}/{snapshotId}/stats`,
    ...embedded,
    params: snapshotParams,
    response: SnapshotStatsEnvelopeSchema,
  }),
  listDatasetFiles: endpoint({
    method: 'GET',
    path: `${EMBEDDED_DATASETS}/{datasetId}/files`,
    ...embedded,
    params: datasetParams,
    query: DatasetPathQuerySchema,
    response: DatasetDirectoryEnvelopeSchema,
  }),
  getDatasetFile: endpoint({
    method: 'GET',
    path: `${EMBEDDED_DATASETS}/{datasetId}/files/content`,
    ...embedded,
    params: datasetParams,
    query: DatasetFilePathQuerySchema,
    response: 'raw',
  }),
  uploadDatasetFile: endpoint({
    method: 'PUT',
    path: `${EMBEDDED_DATASETS}/{datasetId}/files`,
    ...embedded,
    params: datasetParams,
    query: DatasetFilePathQuerySchema,
    body: 'octet-stream',
    response: UploadedDatasetFileEnvelopeSchema,
  }),
  deleteDatasetFile: endpoint({
    method: 'DELETE',
    path: `${EMBEDDED_DATASETS}/{datasetId}/files`,
    ...embedded,
    params: datasetParams,
    query: DatasetFilePathQuerySchema,
    response: null,
    successStatus: 204,
  }),
  listSnapshotFiles: endpoint({
    method: 'GET',
    path: `${EMBEDDED_SNAPSHOTS}/{snapshotId}/files`,
    ...embedded,
    params: snapshotParams,
    query: DatasetPathQuerySchema,
    response: DatasetDirectoryEnvelopeSchema,
  }),
  getSnapshotFile: endpoint({
    method: 'GET',
    path: `${EMBEDDED_SNAPSHOTS}/{snapshotId}/files/content`,
    ...embedded,
    params: snapshotParams,
    query: DatasetFilePathQuerySchema,
    response: 'raw',
  }),
};
