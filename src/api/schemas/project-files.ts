// Embedded-only project extensions (under /api/embedded/v1/projects/{projectId}/...): browse and
// edit files, read a project's status (ProjectV1 does not carry it), list workspaces and stop
// sessions, edit a project's name, description and visibility, find and restore archived
// projects. The dashboard shows these only where GET /api/embedded/v1/info lists them.
import { z } from 'zod';
import {
  freeText,
  hasControlCharacter,
  MetadataV1Schema,
  ObjectIdSchema,
  objectIdParams,
  PaginatedMetadataV1Schema,
  paginationQuery,
  TEXT_LIMITS,
} from './common';
import { ProjectBillingTagChangeSchema } from './billing-tags';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';
import { PROJECT_ROLES, projectName, ProjectEnvelopeV1Schema, ProjectStatusV1Schema, ProjectV1Schema, ProjectVisibilityV1Schema } from './projects';

export const TreeEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  type: z.enum(['file', 'dir']),
  size: z.number().int().nullable(),
});
export type TreeEntry = z.output<typeof TreeEntrySchema>;

export const DirectoryListingEnvelopeSchema = z.object({
  commitId: z.string(),
  path: z.string(),
  entries: z.array(TreeEntrySchema),
  metadata: MetadataV1Schema,
});

export const CommitSchema = z.object({
  id: z.string(),
  parentIds: z.array(z.string()),
  authorName: z.string(),
  authorEmail: z.string(),
  authoredAt: z.string(),
  message: z.string(),
});
export type Commit = z.output<typeof CommitSchema>;

export const CommitLogEnvelopeSchema = z.object({
  commits: z.array(CommitSchema),
  hasMore: z.boolean(),
  metadata: MetadataV1Schema,
});

export const CommitFileQuerySchema = z.object({
  path: z
    .string()
    .min(1, 'path must not be empty')
    .max(1024, 'path must be at most 1024 characters')
    .refine((value) => !hasControlCharacter(value), 'path must not contain control characters'),
  message: freeText('message', TEXT_LIMITS.message).trim().min(1, 'message must not be empty').optional(),
});

export const CommittedFileEnvelopeSchema = z.object({
  commitId: z.string(),
  path: z.string(),
  size: z.number().int(),
  metadata: MetadataV1Schema,
});

export const ProjectStatusEmbeddedEnvelopeSchema = z.object({
  status: ProjectStatusV1Schema,
  isArchived: z.boolean(),
  createdAt: z.string(),
  /** The caller's role in the project, so the dashboard offers only what will be allowed. */
  yourRole: z.enum(PROJECT_ROLES),
  metadata: MetadataV1Schema,
});

export const WorkspaceSessionSchema = z.object({
  id: z.string(),
  executionId: z.string(),
  status: z.string(),
  hardwareTierId: z.string(),
  startedBy: z.string(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
});
export type WorkspaceSession = z.output<typeof WorkspaceSessionSchema>;

export const WorkspaceSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  sessions: z.array(WorkspaceSessionSchema),
});

export const WorkspacesEnvelopeSchema = z.object({ workspaces: z.array(WorkspaceSchema), metadata: PaginatedMetadataV1Schema });
export const WorkspaceSessionEnvelopeSchema = z.object({ session: WorkspaceSessionSchema, metadata: MetadataV1Schema });

/**
 * Body of PATCH /api/embedded/v1/projects/{projectId} (`project-edit`): what changes, the rest
 * is kept. The reference has no endpoint that edits a project.
 */
export const ProjectChangesSchema = z
  .object({
    name: projectName.optional(),
    description: freeText('description', TEXT_LIMITS.description).optional(),
    visibility: ProjectVisibilityV1Schema.optional(),
  })
  .refine((changes) => changes.name !== undefined || changes.description !== undefined || changes.visibility !== undefined, {
    message: 'send at least one of name, description or visibility',
  });
export type ProjectChanges = z.input<typeof ProjectChangesSchema>;

/** An archived project and when it was archived (`archived-projects`). */
export const ArchivedProjectSchema = z.object({ project: ProjectV1Schema, archivedAt: z.string() });
export type ArchivedProject = z.output<typeof ArchivedProjectSchema>;

export const ArchivedProjectsEnvelopeSchema = z.object({
  archivedProjects: z.array(ArchivedProjectSchema),
  metadata: PaginatedMetadataV1Schema,
});

/** The branch the embedded Domino commits to; `ref=main` means its latest commit. */
export const MAIN_REF = 'main';

export const COMMIT_ID_PATTERN = /^[0-9a-f]{40}$/;

const EXTRAS = `${EMBEDDED_PREFIX}/projects/{projectId}`;
const projectParams = objectIdParams('projectId');
const embedded = { family: 'projects', source: 'embedded' } as const;

export const projectFilesEndpoints = {
  getProjectFileContents: endpoint({
    method: 'GET',
    // {path+}: python-domino sends the path with raw slashes (sometimes a leading one); Domino 6.2
    // serves it under /v1, the beta path being its deprecated twin.
    path: '/api/projects/beta/projects/{projectId}/files/{commitId}/{path+}/content',
    aliases: ['/api/projects/v1/projects/{projectId}/files/{commitId}/{path+}/content'],
    family: 'projects',
    source: 'reference',
    params: z.object({ projectId: ObjectIdSchema, commitId: z.string().regex(COMMIT_ID_PATTERN, 'commitId must be a 40-hex git commit id'), path: z.string() }),
    response: 'raw',
  }),
  listDirectory: endpoint({
    method: 'GET',
    path: `${EXTRAS}/tree/{commitRef}`,
    ...embedded,
    params: z.object({ projectId: ObjectIdSchema, commitRef: z.string() }),
    query: z.object({ path: z.string().default('') }),
    response: DirectoryListingEnvelopeSchema,
  }),
  listCommits: endpoint({
    method: 'GET',
    path: `${EXTRAS}/commits`,
    ...embedded,
    params: projectParams,
    query: paginationQuery(20).extend({ ref: z.string().default(MAIN_REF) }),
    response: CommitLogEnvelopeSchema,
  }),
  commitFile: endpoint({
    method: 'PUT',
    path: `${EXTRAS}/files`,
    ...embedded,
    params: projectParams,
    query: CommitFileQuerySchema,
    body: 'octet-stream',
    response: CommittedFileEnvelopeSchema,
  }),
  getProjectStatus: endpoint({ method: 'GET', path: `${EXTRAS}/status`, ...embedded, params: projectParams, response: ProjectStatusEmbeddedEnvelopeSchema }),
  listWorkspaces: endpoint({
    method: 'GET',
    path: `${EXTRAS}/workspaces`,
    ...embedded,
    params: projectParams,
    query: paginationQuery(),
    response: WorkspacesEnvelopeSchema,
  }),
  /** `project-edit`: owner or admin; a name taken by another of the owner's live projects is a 400. */
  updateProject: endpoint({
    method: 'PATCH',
    path: EXTRAS,
    ...embedded,
    params: projectParams,
    body: ProjectChangesSchema,
    response: ProjectEnvelopeV1Schema,
  }),
  /** `archived-projects`: those the caller owns or collaborates on (every one for an admin), latest archived first. */
  listArchivedProjects: endpoint({
    method: 'GET',
    path: `${EMBEDDED_PREFIX}/archived-projects`,
    ...embedded,
    query: paginationQuery(),
    response: ArchivedProjectsEnvelopeSchema,
  }),
  /** `archived-projects`: owner or admin; 400 when it is not archived or its name is taken again. */
  unarchiveProject: endpoint({
    method: 'POST',
    path: `${EXTRAS}/unarchive`,
    ...embedded,
    params: projectParams,
    response: ProjectEnvelopeV1Schema,
  }),
  /** `project-billing-tag` (owner or admin): retag a project, or clear its tag where the mode allows. */
  setProjectBillingTag: endpoint({
    method: 'PUT',
    path: `${EXTRAS}/billing-tag`,
    ...embedded,
    params: projectParams,
    body: ProjectBillingTagChangeSchema,
    response: ProjectEnvelopeV1Schema,
  }),
  stopWorkspaceSession: endpoint({
    method: 'POST',
    path: `${EXTRAS}/workspace-sessions/{sessionId}/stop`,
    ...embedded,
    params: objectIdParams('projectId', 'sessionId'),
    response: WorkspaceSessionEnvelopeSchema,
  }),
};
