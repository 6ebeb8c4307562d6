// Environments: the reference's /api/environments endpoints and the embedded extensions (search,
// revisions, build logs, the jobs that used a revision). Each handler: one service call, the envelope.
import { environmentsEndpoints } from '../../src/api/schemas/environments';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute, type RouteRegistrar } from '../http/route';
import {
  archiveEnvironment,
  accessEnvironment,
  createEnvironment,
  createRevision,
  jobsOnRevision,
  listEnvironments,
  listRevisions,
  readBuildLogs,
  setRevisionRestricted,
  toEnvironmentV1,
  toRevisionV1,
} from '../services/environments';

export const registerEnvironmentRoutes: RouteRegistrar = (app, ctx, options) => {
  const e = environmentsEndpoints;
  defineRoute(app, options, e.getEnvironments, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { environments, page } = listEnvironments(ctx, user, query);
      return { environments, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, e.createEnvironment, {
    access: 'user',
    handler: ({ body, user, requestId }) => ({ environment: toEnvironmentV1(ctx, createEnvironment(ctx, user, body)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.getEnvironment, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({
      environment: toEnvironmentV1(ctx, accessEnvironment(ctx, user, params.environmentId, 'view')),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.archiveEnvironment, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({
      environment: toEnvironmentV1(ctx, archiveEnvironment(ctx, user, params.environmentId)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.createEnvironmentRevision, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      environmentRevision: toRevisionV1(createRevision(ctx, user, params.environmentId, body)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.updateEnvironmentRevisionIsRestricted, {
    access: 'user',
    handler: ({ params, body, user }) => ({ id: setRevisionRestricted(ctx, user, params.environmentId, params.revisionId, body.isRestricted).id }),
  });

  defineRoute(app, options, e.searchEnvironments, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { environments, page } = listEnvironments(ctx, user, query);
      return { environments, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, e.getEnvironmentRevisions, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ revisions: listRevisions(ctx, user, params.environmentId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.getRevisionBuildLogs, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => readBuildLogs(ctx, user, params.environmentId, params.revisionId, query, requestId),
  });

  defineRoute(app, options, e.getRevisionJobs, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => {
      const { jobs, page } = jobsOnRevision(ctx, user, params.environmentId, params.revisionId, query);
      return { jobs, metadata: paginatedMetadata(requestId, page) };
    },
  });
};
