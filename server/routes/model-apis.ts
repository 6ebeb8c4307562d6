// Model APIs (Domino 6.2's /api/modelServing/v1/modelApis), the embedded access-token extension,
// and async predictions (/api/modelApis/async/v1). Each handler: one service call.
import type { FastifyRequest } from 'fastify';
import { asyncPredictionsEndpoints } from '../../src/api/schemas/async-predictions';
import { modelApisEndpoints as e } from '../../src/api/schemas/model-apis';
import { paginatedMetadata } from '../http/envelopes';
import { defineRoute, type RouteRegistrar } from '../http/route';
import {
  archiveModelApi,
  createModelApi,
  createModelApiVersion,
  generateAccessToken,
  getModelApi,
  getModelApiVersion,
  listModelApis,
  listModelApiVersions,
  predictionCaller,
  predictionResult,
  requestPrediction,
  updateModelApi,
  versionLogs,
} from '../services/model-apis';

/** Every credential a prediction request carries: an API key header, a bearer token, or HTTP Basic's user and password. */
function credentialsOf(request: FastifyRequest): string[] {
  const found: string[] = [];
  const key = request.headers['x-domino-api-key'];
  if (typeof key === 'string' && key) found.push(key);
  const authorization = request.headers.authorization ?? '';
  const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme) && value) found.push(value);
  if (/^basic$/i.test(scheme) && value) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    for (const part of colon >= 0 ? [decoded.slice(0, colon), decoded.slice(colon + 1)] : [decoded]) if (part) found.push(part);
  }
  return found;
}

export const registerModelApiRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, e.listModelAPIs, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { items, page } = listModelApis(ctx, user, query);
      return { items, metadata: paginatedMetadata(requestId, page) };
    },
  });
  defineRoute(app, options, e.createModelApi, { access: 'user', handler: ({ body, user }) => createModelApi(ctx, user, body) });
  defineRoute(app, options, e.getModelApi, { access: 'user', handler: ({ params, user }) => getModelApi(ctx, user, params.modelApiId) });
  defineRoute(app, options, e.updateModelApi, { access: 'user', handler: ({ params, body, user }) => updateModelApi(ctx, user, params.modelApiId, body) });
  defineRoute(app, options, e.deleteModelApi, { access: 'user', handler: ({ params, user }) => archiveModelApi(ctx, user, params.modelApiId) });
  defineRoute(app, options, e.listModelApiVersions, { access: 'user', handler: ({ params, user }) => listModelApiVersions(ctx, user, params.modelApiId) });
  defineRoute(app, options, e.createModelApiVersion, {
    access: 'user',
    handler: ({ params, body, user }) => createModelApiVersion(ctx, user, params.modelApiId, body),
  });
  defineRoute(app, options, e.getModelApiVersion, {
    access: 'user',
    handler: ({ params, user }) => getModelApiVersion(ctx, user, params.modelApiId, params.modelApiVersionId),
  });
  defineRoute(app, options, e.getModelApiVersionBuildLogs, {
    access: 'user',
    handler: ({ params, query, user }) => {
      const { api, version, logs, sinceTimeNano } = versionLogs(ctx, user, params.modelApiId, params.modelApiVersionId, 'build', query);
      return { modelId: api.id, modelVersionId: version.id, buildId: version.id, status: version.buildStatus, sinceTimeNano, logs };
    },
  });
  // No image is exported from this Domino: the export log is empty, and says so.
  defineRoute(app, options, e.getModelApiVersionExportLogs, {
    access: 'user',
    handler: ({ params, query, user }) => {
      const { api, version, logs, sinceTimeNano } = versionLogs(ctx, user, params.modelApiId, params.modelApiVersionId, 'export', query);
      return { modelId: api.id, modelVersionId: version.id, status: 'NotExported', sinceTimeNano, logs };
    },
  });
  defineRoute(app, options, e.getModelApiVersionInstanceLogs, {
    access: 'user',
    handler: ({ params, query, user }) => {
      const { api, version, logs, sinceTimeNano } = versionLogs(ctx, user, params.modelApiId, params.modelApiVersionId, 'instance', query);
      return { modelId: api.id, modelVersionId: version.id, maxResults: query.maxResults, tail: query.tail ?? false, sinceTimeNano, logs };
    },
  });
  defineRoute(app, options, e.generateModelApiAccessToken, {
    access: 'user',
    handler: ({ params, user }) => generateAccessToken(ctx, user, params.modelApiId),
  });

  // Async predictions take a user's key or the Model API's own access token: authenticated here.
  defineRoute(app, options, asyncPredictionsEndpoints.requestAsyncPrediction, {
    access: 'none',
    handler: ({ params, body, request, reply }) => {
      const { api, by } = predictionCaller(ctx, options.authenticate(request), credentialsOf(request), params.asyncModelId);
      return requestPrediction(ctx, api, by, body.parameters, (secs) => void reply.header('retry-after', String(secs)));
    },
  });
  defineRoute(app, options, asyncPredictionsEndpoints.retrieveAsyncPredictionResult, {
    access: 'none',
    handler: ({ params, request }) => {
      const { api } = predictionCaller(ctx, options.authenticate(request), credentialsOf(request), params.asyncModelId);
      return predictionResult(ctx, api, params.asyncPredictionId);
    },
  });
};
