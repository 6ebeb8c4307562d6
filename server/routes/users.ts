// Users: the reference's three endpoints. Each handler: one service call, the envelope.
import { usersEndpoints } from '../../src/api/schemas/users';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute, type RouteRegistrar } from '../http/route';
import { currentUser, gitCredentialsOf, listUsers } from '../services/users';

export const registerUserRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, usersEndpoints.getCurrentUser, {
    access: 'user',
    handler: ({ user, requestId }) => ({ user: currentUser(ctx, user), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, usersEndpoints.getVisibleUsers, {
    access: 'user',
    handler: ({ query, requestId }) => {
      const { users, page } = listUsers(ctx, query);
      return { users, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, usersEndpoints.getUserGitCreds, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ credentials: gitCredentialsOf(ctx, user, params.userId), metadata: metadata(requestId) }),
  });
};
