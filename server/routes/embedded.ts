// Embedded-only extensions (not part of Domino's API), listed by GET /api/embedded/v1/info.
import { z } from 'zod';
import { ObjectIdSchema } from '../../src/api/schemas/common';
import {
  ApiKeyEnvelopeSchema,
  CreatedEmbeddedUserSchema,
  EMBEDDED_EXTENSIONS,
  EmbeddedInfoSchema,
  NewEmbeddedUserSchema,
  NewGitCredentialSchema,
} from '../../src/api/schemas/embedded';
import { GitCredentialsAccessorV1Schema } from '../../src/api/schemas/users';
import type { RouteRegistrar } from '../app';
import { readSetting } from '../db/database';
import { forbidden, notFound } from '../http/errors';
import { defineRoute } from '../http/route';
import { addApiKey, addGitCredential, createUser, toGitCredentialsAccessorV1, toUserV1 } from '../services/users';
import { DEMO_SETTING } from '../demo/seed-demo';
import { SERVER_VERSION } from '../version';

const UserParams = z.object({ userId: ObjectIdSchema });

export const registerEmbeddedRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, {
    method: 'GET',
    url: '/api/embedded/v1/info',
    access: 'user',
    response: EmbeddedInfoSchema,
    handler: () => {
      const sandbox = ctx.runner.sandbox();
      return { version: SERVER_VERSION, extensions: [...EMBEDDED_EXTENSIONS], demo: readSetting(ctx.db, DEMO_SETTING) !== undefined, sandbox: sandbox.mode, ...(sandbox.hint ? { sandboxHint: sandbox.hint } : {}) };
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: '/api/embedded/v1/users',
    access: 'admin',
    body: NewEmbeddedUserSchema,
    response: CreatedEmbeddedUserSchema,
    handler: ({ body }) =>
      ctx.db.transaction(() => {
        const user = createUser(ctx, body);
        return { user: toUserV1(user), apiKey: addApiKey(ctx, user.id) };
      })(),
  });

  defineRoute(app, options, {
    method: 'POST',
    url: '/api/embedded/v1/users/:userId/api-keys',
    access: 'admin',
    params: UserParams,
    response: ApiKeyEnvelopeSchema,
    handler: ({ params }) => {
      if (!ctx.users.findById(params.userId)) throw notFound(`User ${params.userId} not found`);
      return { apiKey: addApiKey(ctx, params.userId) };
    },
  });

  const requireSelfOrAdmin = (userId: string, actor: { id: string; isAdmin: boolean }) => {
    if (!ctx.users.findById(userId)) throw notFound(`User ${userId} not found`);
    if (userId !== actor.id && !actor.isAdmin) throw forbidden("Only the user or an administrator may change a user's git credentials");
  };

  defineRoute(app, options, {
    method: 'POST',
    url: '/api/embedded/v1/users/:userId/git-credentials',
    access: 'user',
    params: UserParams,
    body: NewGitCredentialSchema,
    response: z.object({ credential: GitCredentialsAccessorV1Schema }),
    handler: ({ params, body, user }) => {
      requireSelfOrAdmin(params.userId, user);
      return { credential: toGitCredentialsAccessorV1(addGitCredential(ctx, params.userId, body)) };
    },
  });

  defineRoute(app, options, {
    method: 'DELETE',
    url: '/api/embedded/v1/users/:userId/git-credentials/:credentialId',
    access: 'user',
    params: UserParams.extend({ credentialId: ObjectIdSchema }),
    response: null,
    successStatus: 204,
    handler: ({ params, user }) => {
      requireSelfOrAdmin(params.userId, user);
      if (!ctx.gitCredentials.remove(params.userId, params.credentialId)) throw notFound(`Git credential ${params.credentialId} not found`);
    },
  });
};
