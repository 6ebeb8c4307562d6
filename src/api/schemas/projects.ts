// Projects: /api/projects/beta/projects... and /api/projects/v1/projects/{projectId}/...
import { z } from 'zod';
import {
  DeleteEnvelopeV1Schema,
  freeText,
  hasControlCharacter,
  looseEnum,
  MetadataV1Schema,
  ObjectIdSchema,
  objectIdParams,
  PaginatedMetadataV1Schema,
  paginationQuery,
  requiredText as text,
  TEXT_LIMITS,
} from './common';
import { endpoint } from './endpoint';
import { BillingTagBodySchema, BillingTagV1Schema } from './billing-tags';
import { DatasetInfoV1Schema } from './datasets';
import { GitServiceProviderV1Schema } from './users';

/** A project name: unique per owner and without white space (NewProjectV1). */
export const projectName = z
  .string({ error: (issue) => (issue.input === undefined ? 'name is required' : 'name must be a string') })
  .min(1, 'name must not be empty')
  .max(100, 'name must be at most 100 characters')
  .regex(/^\S+$/, 'name must not contain white space')
  .refine((value) => !hasControlCharacter(value), 'name must not contain control characters');

export const PROJECT_VISIBILITIES = ['public', 'searchable', 'private'] as const;
export const ProjectVisibilityV1Schema = looseEnum(PROJECT_VISIBILITIES);
export type ProjectVisibilityV1 = (typeof PROJECT_VISIBILITIES)[number];

export const COLLABORATOR_ROLES = ['contributor', 'launcherUser', 'resultsConsumer', 'projectImporter'] as const;
/** Everyone's role in a project: its owner, a site admin, a collaborator's role, or none. */
export const PROJECT_ROLES = ['owner', 'admin', ...COLLABORATOR_ROLES, 'none'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export const ProjectCollaboratorRoleV1Schema = looseEnum(COLLABORATOR_ROLES);
export type ProjectCollaboratorRoleV1 = (typeof COLLABORATOR_ROLES)[number];

// Collaborators appear in answers too, so the component keeps any id; the request body is the *Body form.
export const ProjectCollaboratorV1Schema = z.object({
  id: z.string(),
  role: ProjectCollaboratorRoleV1Schema,
});
export type ProjectCollaboratorV1 = z.output<typeof ProjectCollaboratorV1Schema>;

/** Body of POST /api/projects/v1/projects/{projectId}/collaborators. */
export const ProjectCollaboratorBodySchema = z.object({
  id: ObjectIdSchema,
  role: ProjectCollaboratorRoleV1Schema,
});
export type ProjectCollaboratorBody = z.input<typeof ProjectCollaboratorBodySchema>;

export const ProjectCollaboratorEnvelopeV1Schema = z.object({
  collaborator: ProjectCollaboratorV1Schema,
  metadata: MetadataV1Schema,
});

export const GIT_REFERENCE_TYPES = ['head', 'branch', 'tag', 'commit'] as const;
export const GitReferenceTypeV1Schema = looseEnum(GIT_REFERENCE_TYPES);

export const ProjectRepositoryReferenceV1Schema = z.object({
  refType: GitReferenceTypeV1Schema,
  value: z.string().optional(),
});

export const ProjectGitRepositoryV1Schema = z.object({
  id: z.string(),
  uri: z.string(),
  defaultRef: ProjectRepositoryReferenceV1Schema,
  serviceProvider: GitServiceProviderV1Schema,
  name: z.string().optional(),
});
export type ProjectGitRepositoryV1 = z.output<typeof ProjectGitRepositoryV1Schema>;

export const ProjectV1Schema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    visibility: ProjectVisibilityV1Schema,
    ownerId: z.string(),
    ownerUsername: z.string(),
    collaborators: z.array(ProjectCollaboratorV1Schema),
    // 5.9.1 declares the property as "internal tags" but requires "internalTags"; 6.2 uses
    // internalTags (optional). Read either, expose internalTags.
    internalTags: z.array(z.string()).optional(),
    'internal tags': z.array(z.string()).optional(),
    mainRepository: ProjectGitRepositoryV1Schema.optional(),
    isRestricted: z.boolean().optional(),
    /** Domino 6.2: who pays for the project's compute (absent when it has no tag). */
    billingTag: BillingTagV1Schema.optional(),
  })
  .transform(({ 'internal tags': spaced, ...project }) => ({
    ...project,
    internalTags: project.internalTags ?? spaced ?? [],
  }));
export type ProjectV1 = z.output<typeof ProjectV1Schema>;

export const ProjectEnvelopeV1Schema = z.object({ project: ProjectV1Schema, metadata: MetadataV1Schema });

export const PaginatedProjectsEnvelopeV1Schema = z.object({
  projects: z.array(ProjectV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const ListProjectsQuerySchema = paginationQuery();

export const NewProjectGitRepositoryV1Schema = z.object({
  uri: text('uri', 2048),
  name: text('name').optional(),
  serviceProvider: GitServiceProviderV1Schema.optional(),
  defaultRef: ProjectRepositoryReferenceV1Schema.optional(),
  gitCredentialId: ObjectIdSchema.optional(),
});
export type NewProjectGitRepositoryV1 = z.input<typeof NewProjectGitRepositoryV1Schema>;

export const ProjectTemplateDetailsV1Schema = z.object({
  name: text('templateDetails.name'),
  templateId: text('templateDetails.templateId'),
  templateRevisionId: z.string().optional(),
});

export const NewProjectV1Schema = z.object({
  name: projectName,
  description: freeText('description', TEXT_LIMITS.description, 'description is required (it may be empty)'),
  visibility: ProjectVisibilityV1Schema,
  ownerId: ObjectIdSchema.optional(),
  isRestricted: z.boolean().optional(),
  mainRepository: NewProjectGitRepositoryV1Schema.optional(),
  templateDetails: ProjectTemplateDetailsV1Schema.optional(),
  /** Domino 6.2: an active tag; required in `required` mode, refused in `disabled` mode. */
  billingTag: BillingTagBodySchema.optional(),
});
export type NewProjectV1 = z.input<typeof NewProjectV1Schema>;

export const PROVIDER_REPO_VISIBILITIES = ['public', 'private', 'internal'] as const;
export const ProviderRepoVisibilityV1Schema = looseEnum(PROVIDER_REPO_VISIBILITIES);

export const ReferenceCopyGitRepoSpecV1Schema = z.object({
  mainRepoUrl: text('mainRepoUrl', 2048).regex(/^https?:\/\//i, 'mainRepoUrl must be an http(s) URL'),
});

export const DeepCopyGitRepoSpecBetaSchema = z.object({
  newRepoName: text('newRepoName'),
  newRepoOwnerName: text('newRepoOwnerName'),
  isPrivate: z.boolean({ error: 'isPrivate must be true or false' }),
});

export const DeepCopyGitRepoSpecV1Schema = z.object({
  newRepoName: text('newRepoName'),
  newRepoOwnerName: text('newRepoOwnerName'),
  visibility: ProviderRepoVisibilityV1Schema,
});

const exactlyOneCopyMode = (spec: { deepCopy?: unknown; referenceCopy?: unknown }) => (spec.deepCopy === undefined) !== (spec.referenceCopy === undefined);
const copyModeMessage = { message: 'gitCodeRepoSpec needs exactly one of deepCopy or referenceCopy' };

export const GitCodeRepoSpecBetaSchema = z
  .object({
    credentialId: ObjectIdSchema,
    deepCopy: DeepCopyGitRepoSpecBetaSchema.optional(),
    referenceCopy: ReferenceCopyGitRepoSpecV1Schema.optional(),
  })
  .refine(exactlyOneCopyMode, copyModeMessage);

export const GitCodeRepoSpecV1Schema = z
  .object({
    credentialId: ObjectIdSchema,
    deepCopy: DeepCopyGitRepoSpecV1Schema.optional(),
    referenceCopy: ReferenceCopyGitRepoSpecV1Schema.optional(),
  })
  .refine(exactlyOneCopyMode, copyModeMessage);

const copyProjectShape = {
  copyDatasets: z.boolean({ error: 'copyDatasets must be true or false' }),
  name: projectName.optional(),
  ownerId: ObjectIdSchema.optional(),
  visibility: ProjectVisibilityV1Schema.optional(),
  importedGitReposCredentialId: ObjectIdSchema.optional(),
  /** Domino 6.2: the copy's tag (a copy does not inherit the source's). */
  billingTag: BillingTagBodySchema.optional(),
};

/** Body of the deprecated POST /api/projects/beta/projects/{projectId}/copy-project. */
export const CopyProjectSpecBetaSchema = z.object({ ...copyProjectShape, gitCodeRepoSpec: GitCodeRepoSpecBetaSchema.optional() });
export type CopyProjectSpecBeta = z.input<typeof CopyProjectSpecBetaSchema>;

/** Body of POST /api/projects/v1/projects/{projectId}/copy-project. */
export const CopyProjectSpecV1Schema = z.object({ ...copyProjectShape, gitCodeRepoSpec: GitCodeRepoSpecV1Schema.optional() });
export type CopyProjectSpecV1 = z.input<typeof CopyProjectSpecV1Schema>;

export const DatasetNotCopiedV1Schema = z.object({
  datasetInfo: DatasetInfoV1Schema,
  errorMessage: z.string(),
});

export const ProjectCopyResultEnvelopeV1Schema = z.object({
  project: ProjectV1Schema,
  metadata: MetadataV1Schema,
  datasetsNotCopied: z.array(DatasetNotCopiedV1Schema).optional(),
});

export const RESULTS_BRANCHES = ['isolated', 'main'] as const;

/** Both the body of PUT .../results-settings and the settings in its answer. */
export const ProjectResultsSettingsV1Schema = z.object({ branch: looseEnum(RESULTS_BRANCHES) });
export type ProjectResultsSettingsV1 = z.output<typeof ProjectResultsSettingsV1Schema>;

export const ProjectResultsSettingsEnvelopeV1Schema = z.object({
  resultsSettings: ProjectResultsSettingsV1Schema,
  metadata: MetadataV1Schema,
});

export const ProjectGoalV1Schema = z.object({
  id: z.string(),
  title: z.string(),
  isComplete: z.boolean(),
  projectId: z.string(),
  createdAt: z.string(),
  creatorId: z.string(),
  description: z.string().optional(),
});
export type ProjectGoalV1 = z.output<typeof ProjectGoalV1Schema>;

export const ProjectGoalsEnvelopeV1Schema = z.object({ goals: z.array(ProjectGoalV1Schema), metadata: MetadataV1Schema });

export const ProjectGoalEnvelopeV1Schema = z.object({ goal: ProjectGoalV1Schema, metadata: MetadataV1Schema });

export const NewProjectGoalV1Schema = z.object({
  title: text('title', 200),
  description: freeText('description').optional(),
  assigneeId: ObjectIdSchema.optional(),
  stageId: z.string().optional(),
});
export type NewProjectGoalV1 = z.input<typeof NewProjectGoalV1Schema>;

export const ProjectGoalForUpdateV1Schema = z.object({
  isComplete: z.boolean({ error: 'isComplete must be true or false' }),
});
export type ProjectGoalForUpdateV1 = z.input<typeof ProjectGoalForUpdateV1Schema>;

export const PaginatedGitRepositoriesEnvelopeV1Schema = z.object({
  repositories: z.array(ProjectGitRepositoryV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const ProjectGitRepositoryEnvelopeV1Schema = z.object({
  repository: ProjectGitRepositoryV1Schema,
  metadata: MetadataV1Schema,
});

export const ListImportedReposQuerySchema = paginationQuery();

export const PROJECT_STATUSES = ['active', 'complete'] as const;

/** Both the body of PUT .../status and the status in its answer. */
export const ProjectStatusV1Schema = z.object({
  status: looseEnum(PROJECT_STATUSES),
  isBlocked: z.boolean({ error: 'isBlocked must be true or false' }),
  blockedReason: freeText('blockedReason', TEXT_LIMITS.message).optional(),
  completedMessage: freeText('completedMessage', TEXT_LIMITS.message).optional(),
});
export type ProjectStatusV1 = z.output<typeof ProjectStatusV1Schema>;

export const ProjectStatusEnvelopeV1Schema = z.object({ status: ProjectStatusV1Schema, metadata: MetadataV1Schema });

export const SharedDatasetRwEntryV1Schema = z.object({
  projectId: z.string(),
  sharedDatasetIds: z.array(z.string()),
});
export type SharedDatasetRwEntryV1 = z.output<typeof SharedDatasetRwEntryV1Schema>;

export const SharedDatasetsEnvelopeV1Schema = z.object({ dataset: SharedDatasetRwEntryV1Schema, metadata: MetadataV1Schema });

export const DatasetToAddV1Schema = z.object({ datasetId: ObjectIdSchema });
export type DatasetToAddV1 = z.input<typeof DatasetToAddV1Schema>;

export const NewWorkspaceSessionV1Schema = z.object({
  externalVolumeMounts: z.array(ObjectIdSchema).default([]),
});
export type NewWorkspaceSessionV1 = z.input<typeof NewWorkspaceSessionV1Schema>;

export const WorkspaceSessionCreatedV1Schema = z.object({ id: z.string(), executionId: z.string() });
export type WorkspaceSessionCreatedV1 = z.output<typeof WorkspaceSessionCreatedV1Schema>;

export const WorkspaceSessionCreatedEnvelopeV1Schema = z.object({
  workspaceSession: WorkspaceSessionCreatedV1Schema,
  metadata: MetadataV1Schema,
});

const BETA = '/api/projects/beta/projects';
const V1 = '/api/projects/v1/projects';
const projectParams = objectIdParams('projectId');
const project = { family: 'projects', source: 'reference' } as const;

export const projectsEndpoints = {
  getProjects: endpoint({ method: 'GET', path: BETA, ...project, query: ListProjectsQuerySchema, response: PaginatedProjectsEnvelopeV1Schema }),
  createProject: endpoint({ method: 'POST', path: BETA, ...project, body: NewProjectV1Schema, response: ProjectEnvelopeV1Schema }),
  archiveProject: endpoint({ method: 'DELETE', path: `${BETA}/{projectId}`, ...project, params: projectParams, response: DeleteEnvelopeV1Schema }),
  copyProjectBeta: endpoint({
    method: 'POST',
    path: `${BETA}/{projectId}/copy-project`,
    ...project,
    params: projectParams,
    body: CopyProjectSpecBetaSchema,
    response: ProjectCopyResultEnvelopeV1Schema,
  }),
  copyProject: endpoint({
    method: 'POST',
    path: `${V1}/{projectId}/copy-project`,
    ...project,
    params: projectParams,
    body: CopyProjectSpecV1Schema,
    response: ProjectCopyResultEnvelopeV1Schema,
  }),
  getProjectResultSettings: endpoint({
    method: 'GET',
    path: `${BETA}/{projectId}/results-settings`,
    ...project,
    params: projectParams,
    response: ProjectResultsSettingsEnvelopeV1Schema,
  }),
  updateProjectResultSettings: endpoint({
    method: 'PUT',
    path: `${BETA}/{projectId}/results-settings`,
    ...project,
    params: projectParams,
    body: ProjectResultsSettingsV1Schema,
    response: ProjectResultsSettingsEnvelopeV1Schema,
  }),
  getProjectById: endpoint({ method: 'GET', path: `${V1}/{projectId}`, ...project, params: projectParams, response: ProjectEnvelopeV1Schema }),
  updateProjectStatus: endpoint({
    method: 'PUT',
    path: `${V1}/{projectId}/status`,
    ...project,
    params: projectParams,
    body: ProjectStatusV1Schema,
    response: ProjectStatusEnvelopeV1Schema,
  }),
  addCollaboratorToProject: endpoint({
    method: 'POST',
    path: `${V1}/{projectId}/collaborators`,
    ...project,
    params: projectParams,
    body: ProjectCollaboratorBodySchema,
    response: ProjectCollaboratorEnvelopeV1Schema,
  }),
  removeCollaboratorFromProject: endpoint({
    method: 'DELETE',
    path: `${V1}/{projectId}/collaborators/{collaboratorId}`,
    ...project,
    params: objectIdParams('projectId', 'collaboratorId'),
    response: DeleteEnvelopeV1Schema,
  }),
  getProjectGoals: endpoint({ method: 'GET', path: `${V1}/{projectId}/goals`, ...project, params: projectParams, response: ProjectGoalsEnvelopeV1Schema }),
  addGoalToProject: endpoint({
    method: 'POST',
    path: `${V1}/{projectId}/goals`,
    ...project,
    params: projectParams,
    body: NewProjectGoalV1Schema,
    response: ProjectGoalEnvelopeV1Schema,
  }),
  updateProjectGoal: endpoint({
    method: 'PATCH',
    path: `${V1}/{projectId}/goals/{goalId}`,
    ...project,
    params: objectIdParams('projectId', 'goalId'),
    body: ProjectGoalForUpdateV1Schema,
    response: ProjectGoalEnvelopeV1Schema,
  }),
  deleteProjectGoal: endpoint({
    method: 'DELETE',
    path: `${V1}/{projectId}/goals/{goalId}`,
    ...project,
    params: objectIdParams('projectId', 'goalId'),
    response: DeleteEnvelopeV1Schema,
  }),
  getImportedRepos: endpoint({
    method: 'GET',
    path: `${V1}/{projectId}/repositories`,
    ...project,
    params: projectParams,
    query: ListImportedReposQuerySchema,
    response: PaginatedGitRepositoriesEnvelopeV1Schema,
  }),
  addRepoToProject: endpoint({
    method: 'POST',
    path: `${V1}/{projectId}/repositories`,
    ...project,
    params: projectParams,
    body: NewProjectGitRepositoryV1Schema,
    response: ProjectGitRepositoryEnvelopeV1Schema,
  }),
  removeRepoFromProject: endpoint({
    method: 'DELETE',
    path: `${V1}/{projectId}/repositories/{repositoryId}`,
    ...project,
    params: objectIdParams('projectId', 'repositoryId'),
    response: DeleteEnvelopeV1Schema,
  }),
  listProjectSharedDatasets: endpoint({
    method: 'GET',
    path: `${V1}/{projectId}/shared-datasets`,
    ...project,
    params: projectParams,
    response: SharedDatasetsEnvelopeV1Schema,
  }),
  linkProjectToDataset: endpoint({
    method: 'POST',
    path: `${V1}/{projectId}/shared-datasets`,
    ...project,
    params: projectParams,
    body: DatasetToAddV1Schema,
    response: SharedDatasetsEnvelopeV1Schema,
  }),
  unlinkDatasetFromProject: endpoint({
    method: 'DELETE',
    path: `${V1}/{projectId}/shared-datasets/{datasetId}`,
    ...project,
    params: objectIdParams('projectId', 'datasetId'),
    response: DeleteEnvelopeV1Schema,
  }),
  createWorkspaceSession: endpoint({
    method: 'POST',
    path: `${V1}/{projectId}/workspaces/{workspaceId}/sessions`,
    ...project,
    params: objectIdParams('projectId', 'workspaceId'),
    body: NewWorkspaceSessionV1Schema,
    response: WorkspaceSessionCreatedEnvelopeV1Schema,
  }),
};
