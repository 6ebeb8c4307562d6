// Projects: the reference's /api/projects/beta/... and /v1/... endpoints. Each handler: one
// service call, the envelope.
import { projectsEndpoints } from '../../src/api/schemas/projects';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute, JsonText, type RouteRegistrar } from '../http/route';
import {
  addGoal,
  addImportedRepository,
  archiveProject,
  copyProject,
  createProject,
  deleteGoal,
  goalsOf,
  importedRepositoriesOf,
  linkSharedDataset,
  removeCollaborator,
  removeImportedRepository,
  resultsSettingsOf,
  setCollaborator,
  setGoalComplete,
  setResultsSettings,
  sharedDatasetsOf,
  toGoalV1,
  toImportedRepositoryV1,
  toProjectV1,
  unlinkSharedDataset,
  updateStatus,
  visibleProject,
  visibleProjectsPage,
} from '../services/projects';
import { startWorkspaceSession } from '../services/workspaces';

export const registerProjectRoutes: RouteRegistrar = (app, ctx, options) => {
  const deleted = (requestId: string) => ({ success: true, metadata: metadata(requestId) });

  defineRoute(app, options, projectsEndpoints.getProjects, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { projectsJson, page } = visibleProjectsPage(ctx, user, query);
      return new JsonText(`{"projects":${projectsJson},"metadata":${JSON.stringify(paginatedMetadata(requestId, page))}}`);
    },
  });

  defineRoute(app, options, projectsEndpoints.createProject, {
    access: 'user',
    handler: async ({ body, user, requestId }) => ({ project: toProjectV1(ctx, await createProject(ctx, user, body)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectsEndpoints.archiveProject, {
    access: 'user',
    handler: ({ params, user, requestId }) => {
      archiveProject(ctx, user, params.projectId);
      return deleted(requestId);
    },
  });

  for (const copyEndpoint of [projectsEndpoints.copyProjectBeta, projectsEndpoints.copyProject]) {
    defineRoute(app, options, copyEndpoint, {
      access: 'user',
      handler: async ({ params, body, user, requestId }) => {
        const result = await copyProject(ctx, user, params.projectId, body);
        return { project: toProjectV1(ctx, result.project), datasetsNotCopied: result.datasetsNotCopied, metadata: metadata(requestId) };
      },
    });
  }

  defineRoute(app, options, projectsEndpoints.getProjectResultSettings, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ resultsSettings: resultsSettingsOf(ctx, user, params.projectId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectsEndpoints.updateProjectResultSettings, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({ resultsSettings: setResultsSettings(ctx, user, params.projectId, body), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectsEndpoints.getProjectById, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ project: toProjectV1(ctx, visibleProject(ctx, user, params.projectId)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectsEndpoints.updateProjectStatus, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({ status: updateStatus(ctx, user, params.projectId, body), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectsEndpoints.addCollaboratorToProject, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      collaborator: setCollaborator(ctx, user, params.projectId, body.id, body.role),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, projectsEndpoints.removeCollaboratorFromProject, {
    access: 'user',
    handler: ({ params, user, requestId }) => {
      removeCollaborator(ctx, user, params.projectId, params.collaboratorId);
      return deleted(requestId);
    },
  });

  defineRoute(app, options, projectsEndpoints.getProjectGoals, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ goals: goalsOf(ctx, user, params.projectId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectsEndpoints.addGoalToProject, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({ goal: toGoalV1(addGoal(ctx, user, params.projectId, body)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectsEndpoints.updateProjectGoal, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      goal: toGoalV1(setGoalComplete(ctx, user, params.projectId, params.goalId, body.isComplete)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, projectsEndpoints.deleteProjectGoal, {
    access: 'user',
    handler: ({ params, user, requestId }) => {
      deleteGoal(ctx, user, params.projectId, params.goalId);
      return deleted(requestId);
    },
  });

  defineRoute(app, options, projectsEndpoints.getImportedRepos, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => {
      const { repositories, page } = importedRepositoriesOf(ctx, user, params.projectId, query);
      return { repositories, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, projectsEndpoints.addRepoToProject, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      repository: toImportedRepositoryV1(addImportedRepository(ctx, user, params.projectId, body)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, projectsEndpoints.removeRepoFromProject, {
    access: 'user',
    handler: ({ params, user, requestId }) => {
      removeImportedRepository(ctx, user, params.projectId, params.repositoryId);
      return deleted(requestId);
    },
  });

  defineRoute(app, options, projectsEndpoints.listProjectSharedDatasets, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ dataset: sharedDatasetsOf(ctx, user, params.projectId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectsEndpoints.linkProjectToDataset, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      dataset: linkSharedDataset(ctx, user, params.projectId, body.datasetId),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, projectsEndpoints.unlinkDatasetFromProject, {
    access: 'user',
    handler: ({ params, user, requestId }) => {
      unlinkSharedDataset(ctx, user, params.projectId, params.datasetId);
      return deleted(requestId);
    },
  });

  defineRoute(app, options, projectsEndpoints.createWorkspaceSession, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({
      workspaceSession: startWorkspaceSession(ctx, user, params.projectId, params.workspaceId),
      metadata: metadata(requestId),
    }),
  });
};
