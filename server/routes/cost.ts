// Cost allocation and assets, as Domino serves them: site admins only. Each handler: one service call.
import { costEndpoints } from '../../src/api/schemas/cost';
import { defineRoute, type RouteRegistrar } from '../http/route';
import { costAllocation, costAssets } from '../services/cost';

export const registerCostRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, costEndpoints.getCostAllocation, {
    access: 'admin',
    handler: ({ query }) => ({ data: costAllocation(ctx, query) }),
  });

  defineRoute(app, options, costEndpoints.getCostAssets, {
    access: 'admin',
    handler: ({ query }) => ({ data: costAssets(ctx, query) }),
  });
};
