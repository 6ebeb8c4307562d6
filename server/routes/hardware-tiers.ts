// Hardware tiers, served as Domino 6.2 does. Each handler: one service call, the envelope.
import { hardwareTiersEndpoints } from '../../src/api/schemas/hardware-tiers';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute, type RouteRegistrar } from '../http/route';
import { hardwareTier, listHardwareTiers } from '../services/hardware-tiers';

export const registerHardwareTierRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, hardwareTiersEndpoints.getHardwareTiers, {
    access: 'user',
    handler: ({ query, requestId }) => {
      const { hardwareTiers, page } = listHardwareTiers(ctx, query);
      return { hardwareTiers, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, hardwareTiersEndpoints.getHardwareTier, {
    access: 'user',
    handler: ({ params, requestId }) => ({ hardwareTier: hardwareTier(ctx, params.hardwareTierId), metadata: metadata(requestId) }),
  });
};
