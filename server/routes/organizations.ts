// Organizations: the reference's six endpoints. Each handler: one service call, the envelope.
import { organizationsEndpoints } from '../../src/api/schemas/organizations';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute, type RouteRegistrar } from '../http/route';
import {
  createOrganization,
  findVisibleOrganization,
  listOrganizations,
  removeOrganizationMember,
  setOrganizationMember,
  toOrganizationV1,
} from '../services/organizations';

export const registerOrganizationRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, organizationsEndpoints.getUserOrgs, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { orgs, page } = listOrganizations(ctx, user, 'mine', query);
      return { orgs, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, organizationsEndpoints.createOrg, {
    access: 'user',
    handler: ({ body, user, requestId }) => ({ org: toOrganizationV1(createOrganization(ctx, user, body)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, organizationsEndpoints.getAllOrgs, {
    access: 'admin',
    handler: ({ query, user, requestId }) => {
      const { orgs, page } = listOrganizations(ctx, user, 'all', query);
      return { orgs, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, organizationsEndpoints.getOrg, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({
      org: toOrganizationV1(findVisibleOrganization(ctx, user, params.organizationId)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, organizationsEndpoints.addUserToOrg, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      org: toOrganizationV1(setOrganizationMember(ctx, user, params.organizationId, body.userId, body.organizationRole)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, organizationsEndpoints.removeUserFromOrg, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => ({
      org: toOrganizationV1(removeOrganizationMember(ctx, user, params.organizationId, query.memberToRemoveId)),
      metadata: metadata(requestId),
    }),
  });
};
