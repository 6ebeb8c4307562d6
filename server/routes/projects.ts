import { z } from 'zod';
import { ObjectIdSchema } from '../../src/api/schemas/common';
import {
  CopyProjectSpecBetaSchema,
  CopyProjectSpecV1Schema,
  DatasetToAddV1Schema,
  DeleteEnvelopeV1Schema,
  ListImportedReposQuerySchema,
  ListProjectsQuerySchema,
  NewProjectGitRepositoryV1Schema,
  NewProjectGoalV1Schema,
  NewProjectV1Schema,
  NewWorkspaceSessionV1Schema,
  PaginatedGitRepositoriesEnvelopeV1Schema,
  PaginatedProjectsEnvelopeV1Schema,
  ProjectCollaboratorBodySchema,
  ProjectCollaboratorEnvelopeV1Schema,
  ProjectCopyResultEnvelopeV1Schema,
  ProjectEnvelopeV1Schema,
  ProjectGitRepositoryEnvelopeV1Schema,
  ProjectGoalEnvelopeV1Schema,
  ProjectGoalForUpdateV1Schema,
  ProjectGoalsEnvelopeV1Schema,
  ProjectResultsSettingsEnvelopeV1Schema,
  ProjectResultsSettingsV1Schema,
  ProjectStatusEnvelopeV1Schema,
  ProjectStatusV1Schema,
  SharedDatasetsEnvelopeV1Schema,
  WorkspaceSessionCreatedEnvelopeV1Schema,
} from '../../src/api/schemas/projects';
import type { RouteRegistrar } from '../app';
import { clampLimit, metadata, paginatedMetadata } from '../http/envelopes';
import { notFound } from '../http/errors';
import { defineRoute, JsonText } from '../http/route';
import { VersionedCache } from '../http/versioned-cache';
import { accessProject } from '../services/project-access';
import {
  addGoal,
  addImportedRepository,
  archiveProject,
  copyProject,
  createProject,
  deleteGoal,
  removeCollaborator,
  removeImportedRepository,
  setCollaborator,
  setGoalComplete,
  startWorkspaceSession,
  toGoalV1,
  toImportedRepositoryV1,
  toProjectV1,
  updateStatus,
} from '../services/projects';

const ProjectParams = z.object({ projectId: ObjectIdSchema });
const BETA = '/api/projects/beta/projects';
const V1 = '/api/projects/v1/projects';

export const registerProjectRoutes: RouteRegistrar = (app, ctx, options) => {
  // Lists are read far more than projects change: a page is built once per viewer and kept until
  // any project or collaboration changes (bench/projects-list.ts: 50 clients paging 10,000 projects).
  const listPages = new VersionedCache<{ projectsJson: string; totalCount: number }>(() => ctx.projects.listVersion());
  const deleted = (requestId: string) => ({ success: true, metadata: metadata(requestId) });

  defineRoute(app, options, {
    method: 'GET',
    url: BETA,
    access: 'user',
    query: ListProjectsQuerySchema,
    response: PaginatedProjectsEnvelopeV1Schema,
    handler: ({ query, user, requestId }) => {
      const limit = clampLimit(query.limit);
      const viewer = user.isAdmin ? 'admin' : user.id;
      const page = listPages.get(`${viewer}:${query.offset}:${limit}`, () => {
        const { rows, totalCount } = ctx.projects.listVisible(user, query.offset, limit);
        const collaborators = ctx.projects.collaboratorsOfMany(rows.map((p) => p.id));
        return { projectsJson: JSON.stringify(rows.map((p) => toProjectV1(ctx, p, collaborators.get(p.id)))), totalCount };
      });
      const meta = paginatedMetadata(requestId, { offset: query.offset, limit, totalCount: page.totalCount });
      return new JsonText(`{"projects":${page.projectsJson},"metadata":${JSON.stringify(meta)}}`);
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: BETA,
    access: 'user',
    body: NewProjectV1Schema,
    response: ProjectEnvelopeV1Schema,
    handler: async ({ body, user, requestId }) => ({ project: toProjectV1(ctx, await createProject(ctx, user, body)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, {
    method: 'DELETE',
    url: `${BETA}/:projectId`,
    access: 'user',
    params: ProjectParams,
    response: DeleteEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => {
      archiveProject(ctx, user, params.projectId);
      return deleted(requestId);
    },
  });

  for (const [url, body] of [
    [`${BETA}/:projectId/copy-project`, CopyProjectSpecBetaSchema],
    [`${V1}/:projectId/copy-project`, CopyProjectSpecV1Schema],
  ] as const) {
    defineRoute(app, options, {
      method: 'POST',
      url,
      access: 'user',
      params: ProjectParams,
      body: body as typeof CopyProjectSpecV1Schema,
      response: ProjectCopyResultEnvelopeV1Schema,
      handler: async ({ params, body: spec, user, requestId }) => {
        const result = await copyProject(ctx, user, params.projectId, spec);
        return { project: toProjectV1(ctx, result.project), datasetsNotCopied: result.datasetsNotCopied, metadata: metadata(requestId) };
      },
    });
  }

  defineRoute(app, options, {
    method: 'GET',
    url: `${BETA}/:projectId/results-settings`,
    access: 'user',
    params: ProjectParams,
    response: ProjectResultsSettingsEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => {
      const { project } = accessProject(ctx, user, params.projectId, 'read');
      return { resultsSettings: { branch: project.resultsBranch }, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'PUT',
    url: `${BETA}/:projectId/results-settings`,
    access: 'user',
    params: ProjectParams,
    body: ProjectResultsSettingsV1Schema,
    response: ProjectResultsSettingsEnvelopeV1Schema,
    handler: ({ params, body, user, requestId }) => {
      accessProject(ctx, user, params.projectId, 'edit');
      ctx.projects.setResultsBranch(params.projectId, body.branch);
      return { resultsSettings: { branch: body.branch }, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: `${V1}/:projectId`,
    access: 'user',
    params: ProjectParams,
    response: ProjectEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => ({ project: toProjectV1(ctx, accessProject(ctx, user, params.projectId, 'find').project), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, {
    method: 'PUT',
    url: `${V1}/:projectId/status`,
    access: 'user',
    params: ProjectParams,
    body: ProjectStatusV1Schema,
    response: ProjectStatusEnvelopeV1Schema,
    handler: ({ params, body, user, requestId }) => ({ status: updateStatus(ctx, user, params.projectId, body), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, {
    method: 'POST',
    url: `${V1}/:projectId/collaborators`,
    access: 'user',
    params: ProjectParams,
    body: ProjectCollaboratorBodySchema,
    response: ProjectCollaboratorEnvelopeV1Schema,
    handler: ({ params, body, user, requestId }) => ({ collaborator: setCollaborator(ctx, user, params.projectId, body.id, body.role), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, {
    method: 'DELETE',
    url: `${V1}/:projectId/collaborators/:collaboratorId`,
    access: 'user',
    params: ProjectParams.extend({ collaboratorId: ObjectIdSchema }),
    response: DeleteEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => {
      removeCollaborator(ctx, user, params.projectId, params.collaboratorId);
      return deleted(requestId);
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: `${V1}/:projectId/goals`,
    access: 'user',
    params: ProjectParams,
    response: ProjectGoalsEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => {
      accessProject(ctx, user, params.projectId, 'read');
      return { goals: ctx.projectParts.goals(params.projectId).map(toGoalV1), metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: `${V1}/:projectId/goals`,
    access: 'user',
    params: ProjectParams,
    body: NewProjectGoalV1Schema,
    response: ProjectGoalEnvelopeV1Schema,
    handler: ({ params, body, user, requestId }) => ({ goal: toGoalV1(addGoal(ctx, user, params.projectId, body)), metadata: metadata(requestId) }),
  });

  const GoalParams = ProjectParams.extend({ goalId: ObjectIdSchema });
  defineRoute(app, options, {
    method: 'PATCH',
    url: `${V1}/:projectId/goals/:goalId`,
    access: 'user',
    params: GoalParams,
    body: ProjectGoalForUpdateV1Schema,
    response: ProjectGoalEnvelopeV1Schema,
    handler: ({ params, body, user, requestId }) => ({
      goal: toGoalV1(setGoalComplete(ctx, user, params.projectId, params.goalId, body.isComplete)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, {
    method: 'DELETE',
    url: `${V1}/:projectId/goals/:goalId`,
    access: 'user',
    params: GoalParams,
    response: DeleteEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => {
      deleteGoal(ctx, user, params.projectId, params.goalId);
      return deleted(requestId);
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: `${V1}/:projectId/repositories`,
    access: 'user',
    params: ProjectParams,
    query: ListImportedReposQuerySchema,
    response: PaginatedGitRepositoriesEnvelopeV1Schema,
    handler: ({ params, query, user, requestId }) => {
      accessProject(ctx, user, params.projectId, 'read');
      const limit = clampLimit(query.limit);
      const { rows, totalCount } = ctx.projectParts.repositories(params.projectId, query.offset, limit);
      return { repositories: rows.map(toImportedRepositoryV1), metadata: paginatedMetadata(requestId, { offset: query.offset, limit, totalCount }) };
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: `${V1}/:projectId/repositories`,
    access: 'user',
    params: ProjectParams,
    body: NewProjectGitRepositoryV1Schema,
    response: ProjectGitRepositoryEnvelopeV1Schema,
    handler: ({ params, body, user, requestId }) => ({
      repository: toImportedRepositoryV1(addImportedRepository(ctx, user, params.projectId, body)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, {
    method: 'DELETE',
    url: `${V1}/:projectId/repositories/:repositoryId`,
    access: 'user',
    params: ProjectParams.extend({ repositoryId: ObjectIdSchema }),
    response: DeleteEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => {
      removeImportedRepository(ctx, user, params.projectId, params.repositoryId);
      return deleted(requestId);
    },
  });

  const sharedDatasets = (projectId: string, requestId: string) => ({
    dataset: { projectId, sharedDatasetIds: ctx.projectParts.sharedDatasetIds(projectId) },
    metadata: metadata(requestId),
  });

  defineRoute(app, options, {
    method: 'GET',
    url: `${V1}/:projectId/shared-datasets`,
    access: 'user',
    params: ProjectParams,
    response: SharedDatasetsEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => {
      accessProject(ctx, user, params.projectId, 'read');
      return sharedDatasets(params.projectId, requestId);
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: `${V1}/:projectId/shared-datasets`,
    access: 'user',
    params: ProjectParams,
    body: DatasetToAddV1Schema,
    response: SharedDatasetsEnvelopeV1Schema,
    handler: ({ params, body, user, requestId }) => {
      accessProject(ctx, user, params.projectId, 'edit');
      // Datasets themselves arrive with the datasets family; until then no id names one.
      if (!ctx.datasetExists(body.datasetId)) throw notFound(`Dataset ${body.datasetId} not found`);
      ctx.projectParts.linkDataset(params.projectId, body.datasetId, ctx.clock.now().toISOString());
      return sharedDatasets(params.projectId, requestId);
    },
  });

  defineRoute(app, options, {
    method: 'DELETE',
    url: `${V1}/:projectId/shared-datasets/:datasetId`,
    access: 'user',
    params: ProjectParams.extend({ datasetId: ObjectIdSchema }),
    response: DeleteEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => {
      accessProject(ctx, user, params.projectId, 'edit');
      if (!ctx.projectParts.unlinkDataset(params.projectId, params.datasetId)) throw notFound(`Dataset ${params.datasetId} is not linked to project ${params.projectId}`);
      return deleted(requestId);
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: `${V1}/:projectId/workspaces/:workspaceId/sessions`,
    access: 'user',
    params: ProjectParams.extend({ workspaceId: ObjectIdSchema }),
    body: NewWorkspaceSessionV1Schema,
    response: WorkspaceSessionCreatedEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => ({
      workspaceSession: startWorkspaceSession(ctx, user, params.projectId, params.workspaceId),
      metadata: metadata(requestId),
    }),
  });
};
