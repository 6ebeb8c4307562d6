// Embedded-only extensions (not part of Domino's API), listed by GET /api/embedded/v1/info.
import { EMBEDDED_EXTENSIONS, embeddedEndpoints } from '../../src/api/schemas/embedded';
import { readSetting } from '../db/database';
import { DEMO_SETTING } from '../demo/demo-workspace';
import { defineRoute, type RouteRegistrar } from '../http/route';
import { addGitCredentialFor, createSignInLink, createUserWithKey, issueApiKey, redeemSignInLink, removeGitCredential, revokeApiKey } from '../services/users';
import { SERVER_VERSION } from '../version';

export const registerEmbeddedRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, embeddedEndpoints.getInfo, {
    access: 'user',
    handler: ({ user }) => {
      const sandbox = ctx.runner.sandbox();
      return {
        version: SERVER_VERSION,
        extensions: [...EMBEDDED_EXTENSIONS],
        demo: readSetting(ctx.db, DEMO_SETTING) !== undefined,
        sandbox: sandbox.mode,
        ...(sandbox.hint ? { sandboxHint: sandbox.hint } : {}),
        callerIsAdmin: user.isAdmin,
      };
    },
  });

  defineRoute(app, options, embeddedEndpoints.createUser, {
    access: 'admin',
    handler: ({ body }) => createUserWithKey(ctx, body),
  });

  defineRoute(app, options, embeddedEndpoints.addApiKey, {
    access: 'admin',
    handler: ({ params, body }) => issueApiKey(ctx, params.userId, body),
  });

  defineRoute(app, options, embeddedEndpoints.revokeApiKey, {
    access: 'user',
    handler: ({ params, user }) => revokeApiKey(ctx, user, params.keyId),
  });

  defineRoute(app, options, embeddedEndpoints.createSignInLink, {
    access: 'admin',
    handler: ({ params, user }) => createSignInLink(ctx, user, params.userId),
  });

  // The link's token is the credential: no key is needed to redeem it (the console's proxy does, never a browser).
  defineRoute(app, options, embeddedEndpoints.redeemSignInLink, {
    access: 'none',
    handler: ({ body }) => redeemSignInLink(ctx, body.token, body),
  });

  defineRoute(app, options, embeddedEndpoints.addGitCredential, {
    access: 'user',
    handler: ({ params, body, user }) => ({ credential: addGitCredentialFor(ctx, user, params.userId, body) }),
  });

  defineRoute(app, options, embeddedEndpoints.removeGitCredential, {
    access: 'user',
    handler: ({ params, user }) => removeGitCredential(ctx, user, params.userId, params.credentialId),
  });
};
