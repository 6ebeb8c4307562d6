// The model registry: /api/registeredmodels/beta (the reference) and /v1 (the spec) served by one
// handler each, and the registry's embedded extensions. Models and versions are answered bare.
// The list's paging follows the prefix: beta answers offset/limit, v1 a page token.
import type { FastifyRequest } from 'fastify';
import { mlflowEndpoints } from '../../src/api/schemas/mlflow';
import { DEFAULT_REGISTERED_MODEL_STAGES, modelsEndpoints } from '../../src/api/schemas/models';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { modelApisServing } from '../services/model-apis';
import { defineRoute, type RouteRegistrar } from '../http/route';
import {
  createModelFromRun,
  createReview,
  createVersion,
  getModel,
  getVersion,
  requireReadableModel,
  listModels,
  listVersions,
  patchModel,
  projectExperimentRuns,
  projectStages,
  requestProjectAccess,
  respondToReview,
  reviewInbox,
  reviewStages,
  setProjectStages,
  stageHistory,
  toModelForUI,
  toModelV1,
  updateReview,
  updateVersion,
  validateStageMove,
  versionActivity,
} from '../services/registry';

const pagingStyle = (request: FastifyRequest) => (request.url.startsWith('/api/registeredmodels/v1') ? 'token' : 'offset');

/** TokenPaginatedMetadataV1, with offset/limit/totalCount too (the beta path's readers look there). */
function listMetadata(requestId: string, page: { offset: number; limit: number; totalCount: number }, nextPageToken: string | undefined) {
  const paged = paginatedMetadata(requestId, page);
  return { ...paged, ...(nextPageToken ? { nextPageToken } : {}), pagination: { ...paged.pagination, ...(nextPageToken ? { nextPageToken } : {}) } };
}

export const registerRegistryRoutes: RouteRegistrar = (app, ctx, options) => {
  const e = modelsEndpoints;

  defineRoute(app, options, e.getRegisteredModels, {
    access: 'user',
    handler: ({ query, user, requestId, request }) => {
      const { items, page, nextPageToken } = listModels(ctx, user, query, pagingStyle(request));
      return { items: items.map((access) => toModelV1(ctx, access)), metadata: listMetadata(requestId, page, nextPageToken) };
    },
  });
  defineRoute(app, options, e.getRegisteredModelsForUI, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { items, page, nextPageToken } = listModels(ctx, user, query, 'token', { discoverableOthers: query.globallyDiscoverable ?? true });
      return { items: items.map((access) => toModelForUI(ctx, access)), metadata: listMetadata(requestId, page, nextPageToken) };
    },
  });
  defineRoute(app, options, e.getRegisteredModelNames, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { items, page } = listModels(ctx, user, query, 'offset');
      return { items: items.map(({ model }) => model.name), metadata: paginatedMetadata(requestId, page) };
    },
  });
  defineRoute(app, options, e.createRegisteredModelFromRun, {
    access: 'user',
    handler: ({ body, user }) => createModelFromRun(ctx, user, body),
  });
  defineRoute(app, options, e.getRegisteredModelByName, {
    access: 'user',
    handler: ({ params, user }) => getModel(ctx, user, params.modelName),
  });
  defineRoute(app, options, e.patchRegisteredModelByName, {
    access: 'user',
    handler: ({ params, body, user }) => patchModel(ctx, user, params.modelName, body),
  });
  // The Model APIs (readable by the caller) with a version serving the model.
  defineRoute(app, options, e.getModelApisFromRegisteredModel, {
    access: 'user',
    handler: ({ params, user, requestId }) => {
      requireReadableModel(ctx, user, params.modelName);
      const items = modelApisServing(ctx, user, params.modelName);
      return { items, metadata: paginatedMetadata(requestId, { offset: 0, limit: Math.max(10, items.length), totalCount: items.length }) };
    },
  });
  defineRoute(app, options, e.getRegisteredModelVersions, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => {
      const { items, page } = listVersions(ctx, user, params.modelName, query);
      return { items, metadata: paginatedMetadata(requestId, page) };
    },
  });
  defineRoute(app, options, e.createRegisteredModelVersionFromRun, {
    access: 'user',
    handler: ({ params, body, user }) => createVersion(ctx, user, params.modelName, body),
  });
  defineRoute(app, options, e.getRegisteredModelVersion, {
    access: 'user',
    handler: ({ params, user }) => getVersion(ctx, user, params.modelName, params.version),
  });
  defineRoute(app, options, e.updateRegisteredModelVersion, {
    access: 'user',
    handler: ({ params, body, user }) => updateVersion(ctx, user, params.modelName, params.version, body.currentStage),
  });
  defineRoute(app, options, e.getModelApisFromRegisteredModelVersion, {
    access: 'user',
    handler: ({ params, user, requestId }) => {
      getVersion(ctx, user, params.modelName, params.version);
      const items = modelApisServing(ctx, user, params.modelName, params.version);
      return { items, metadata: paginatedMetadata(requestId, { offset: 0, limit: Math.max(10, items.length), totalCount: items.length }) };
    },
  });
  defineRoute(app, options, e.getModelVersionReviewStages, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({
      items: reviewStages(ctx, user, params.modelName, params.version).map((label) => ({ label })),
      metadata: metadata(requestId),
    }),
  });
  defineRoute(app, options, e.validateRegisteredModelVersionStage, {
    access: 'user',
    handler: ({ params, body, user }) => validateStageMove(ctx, user, params.modelName, params.version, body.stage),
  });
  defineRoute(app, options, e.createRegisteredModelReview, {
    access: 'user',
    handler: ({ params, body, user }) => createReview(ctx, user, params.modelName, params.version, body),
  });
  defineRoute(app, options, e.updateRegisteredModelReview, {
    access: 'user',
    handler: ({ params, body, user }) => updateReview(ctx, user, params.modelName, params.version, params.modelReviewId, body),
  });
  defineRoute(app, options, e.createRegisteredModelReviewResponse, {
    access: 'user',
    handler: ({ params, body, user }) => respondToReview(ctx, user, params.modelName, params.version, params.modelReviewId, body),
  });
  defineRoute(app, options, e.getRegisteredModelStages, {
    access: 'user',
    handler: ({ requestId }) => ({ items: DEFAULT_REGISTERED_MODEL_STAGES.map((label) => ({ label })), metadata: metadata(requestId) }),
  });
  defineRoute(app, options, e.getRegisteredModelVersionStages, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => ({
      items: projectStages(ctx, user, params.projectId, query.includeDefaults ?? true).map((label) => ({ label })),
      metadata: metadata(requestId),
    }),
  });
  defineRoute(app, options, e.setRegisteredModelVersionStages, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      items: setProjectStages(
        ctx,
        user,
        params.projectId,
        body.stages.map((stage) => stage.label),
      ).map((label) => ({ label })),
      metadata: metadata(requestId),
    }),
  });
  defineRoute(app, options, e.requestProjectAccess, {
    access: 'user',
    handler: ({ params, user }) => requestProjectAccess(ctx, user, params.projectId),
  });

  defineRoute(app, options, mlflowEndpoints.getProjectExperimentRuns, {
    access: 'user',
    handler: async ({ params, query, user, requestId }) => {
      const { runs, page } = await projectExperimentRuns(ctx, user, params.projectId, query);
      return { runs, metadata: paginatedMetadata(requestId, page) };
    },
  });
  defineRoute(app, options, e.getReviewInbox, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { items, page } = reviewInbox(ctx, user, query.status, query);
      return { items, metadata: paginatedMetadata(requestId, page) };
    },
  });
  defineRoute(app, options, e.getModelStageHistory, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => ({ ...stageHistory(ctx, user, params.modelName, query.at), metadata: metadata(requestId) }),
  });
  defineRoute(app, options, e.getModelVersionActivity, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ ...versionActivity(ctx, user, params.modelName, params.version), metadata: metadata(requestId) }),
  });
};
