import { z } from 'zod';
import { ObjectIdSchema } from '../../src/api/schemas/common';
import {
  ListUsersQuerySchema,
  PaginatedGitCredentialsAccessorEnvelopeV1Schema,
  PaginatedUserEnvelopeV1Schema,
  UserEnvelopeV1Schema,
} from '../../src/api/schemas/users';
import type { RouteRegistrar } from '../app';
import { forbidden, notFound } from '../http/errors';
import { clampLimit, metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute } from '../http/route';
import { toGitCredentialsAccessorV1, toUserV1 } from '../services/users';

export const registerUserRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, {
    method: 'GET',
    url: '/api/users/v1/self',
    access: 'user',
    response: UserEnvelopeV1Schema,
    handler: ({ user, requestId }) => {
      const row = ctx.users.findById(user.id);
      if (!row) throw notFound(`User ${user.id} not found`);
      return { user: toUserV1(row), metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: '/api/users/v1/users',
    access: 'user',
    query: ListUsersQuerySchema,
    response: PaginatedUserEnvelopeV1Schema,
    handler: ({ query, requestId }) => {
      const limit = clampLimit(query.limit);
      const { rows, totalCount } = ctx.users.list(query.offset, limit);
      return { users: rows.map(toUserV1), metadata: paginatedMetadata(requestId, { offset: query.offset, limit, totalCount }) };
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: '/api/users/beta/credentials/:userId',
    access: 'user',
    params: z.object({ userId: ObjectIdSchema }),
    response: PaginatedGitCredentialsAccessorEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => {
      if (!ctx.users.findById(params.userId)) throw notFound(`User ${params.userId} not found`);
      // Required permission UpdateUser: the user themself or an administrator.
      if (params.userId !== user.id && !user.isAdmin) throw forbidden("Only the user or an administrator may see a user's git credentials");
      return {
        credentials: ctx.gitCredentials.listOfUser(params.userId).map(toGitCredentialsAccessorV1),
        metadata: metadata(requestId),
      };
    },
  });
};
