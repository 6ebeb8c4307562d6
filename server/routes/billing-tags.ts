// Billing tags (Domino 6.2) and the embedded admin listing. Each handler: one service call, the
// envelope. Reading the active tags and the settings is for everyone signed in (the create-project
// form needs both); the rest is for site administrators.
import { billingTagsEndpoints } from '../../src/api/schemas/billing-tags';
import { metadata } from '../http/envelopes';
import { defineRoute, type RouteRegistrar } from '../http/route';
import {
  activeBillingTags,
  billingTagByName,
  billingTagSettings,
  billingTagSummaries,
  deactivateBillingTag,
  toBillingTagWithStatusV1,
  updateBillingTagSettings,
  upsertBillingTags,
} from '../services/billing-tags';

export const registerBillingTagRoutes: RouteRegistrar = (app, ctx, options) => {
  const endpoints = billingTagsEndpoints;

  defineRoute(app, options, endpoints.getActiveBillingTags, { access: 'user', handler: () => ({ billingTags: activeBillingTags(ctx) }) });

  defineRoute(app, options, endpoints.upsertBillingTags, {
    access: 'admin',
    handler: ({ body }) => ({ billingTags: upsertBillingTags(ctx, body.billingTags) }),
  });

  defineRoute(app, options, endpoints.getBillingTagByName, {
    access: 'admin',
    handler: ({ params }) => ({ billingTag: toBillingTagWithStatusV1(billingTagByName(ctx, params.tag)) }),
  });

  defineRoute(app, options, endpoints.deactivateBillingTag, {
    access: 'admin',
    handler: ({ params }) => ({ billingTag: toBillingTagWithStatusV1(deactivateBillingTag(ctx, params.tag)) }),
  });

  defineRoute(app, options, endpoints.getBillingTagSettings, { access: 'user', handler: () => billingTagSettings(ctx) });

  defineRoute(app, options, endpoints.updateBillingTagSettings, { access: 'admin', handler: ({ body }) => updateBillingTagSettings(ctx, body) });

  defineRoute(app, options, endpoints.getBillingTagMode, { access: 'user', handler: () => ({ mode: billingTagSettings(ctx).mode }) });

  defineRoute(app, options, endpoints.updateBillingTagMode, {
    access: 'admin',
    handler: ({ body }) => ({ mode: updateBillingTagSettings(ctx, { mode: body.mode }).mode }),
  });

  defineRoute(app, options, endpoints.getBillingTagNotification, {
    access: 'user',
    handler: () => ({ notifications: billingTagSettings(ctx).notifications }),
  });

  defineRoute(app, options, endpoints.updateBillingTagNotification, {
    access: 'admin',
    handler: ({ body }) => ({ notifications: updateBillingTagSettings(ctx, { notifications: body.notifications }).notifications }),
  });

  defineRoute(app, options, endpoints.listBillingTags, {
    access: 'admin',
    handler: ({ query, requestId }) => ({ billingTags: billingTagSummaries(ctx, query.status), metadata: metadata(requestId) }),
  });
};
