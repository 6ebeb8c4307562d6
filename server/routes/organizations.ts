import { z } from 'zod';
import { ObjectIdSchema } from '../../src/api/schemas/common';
import {
  ListOrganizationsQuerySchema,
  NewOrganizationV1Schema,
  OrganizationEnvelopeV1Schema,
  OrganizationMemberV1Schema,
  PaginatedOrganizationEnvelopeV1Schema,
  RemoveOrganizationMemberQuerySchema,
} from '../../src/api/schemas/organizations';
import type { RouteRegistrar } from '../app';
import { clampLimit, metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute } from '../http/route';
import {
  createOrganization,
  findVisibleOrganization,
  removeOrganizationMember,
  setOrganizationMember,
  toOrganizationV1,
} from '../services/organizations';

const OrganizationParams = z.object({ organizationId: ObjectIdSchema });

export const registerOrganizationRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, {
    method: 'GET',
    url: '/api/organizations/v1/organizations',
    access: 'user',
    query: ListOrganizationsQuerySchema,
    response: PaginatedOrganizationEnvelopeV1Schema,
    handler: ({ query, user, requestId }) => {
      const limit = clampLimit(query.limit);
      const { rows, totalCount } = ctx.organizations.listOfMember(user.id, query.nameFilter, query.offset, limit);
      return { orgs: rows.map(toOrganizationV1), metadata: paginatedMetadata(requestId, { offset: query.offset, limit, totalCount }) };
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: '/api/organizations/v1/organizations',
    access: 'user',
    body: NewOrganizationV1Schema,
    response: OrganizationEnvelopeV1Schema,
    handler: ({ body, user, requestId }) => ({ org: toOrganizationV1(createOrganization(ctx, user, body)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, {
    method: 'GET',
    url: '/api/organizations/v1/organizations/all',
    access: 'admin',
    query: ListOrganizationsQuerySchema,
    response: PaginatedOrganizationEnvelopeV1Schema,
    handler: ({ query, requestId }) => {
      const limit = clampLimit(query.limit);
      const { rows, totalCount } = ctx.organizations.listAll(query.nameFilter, query.offset, limit);
      return { orgs: rows.map(toOrganizationV1), metadata: paginatedMetadata(requestId, { offset: query.offset, limit, totalCount }) };
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: '/api/organizations/v1/organizations/:organizationId',
    access: 'user',
    params: OrganizationParams,
    response: OrganizationEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => ({
      org: toOrganizationV1(findVisibleOrganization(ctx, user, params.organizationId)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, {
    method: 'PUT',
    url: '/api/organizations/v1/organizations/:organizationId/user',
    access: 'user',
    params: OrganizationParams,
    body: OrganizationMemberV1Schema.extend({ userId: ObjectIdSchema }),
    response: OrganizationEnvelopeV1Schema,
    handler: ({ params, body, user, requestId }) => ({
      org: toOrganizationV1(setOrganizationMember(ctx, user, params.organizationId, body.userId, body.organizationRole)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, {
    method: 'DELETE',
    url: '/api/organizations/v1/organizations/:organizationId/user',
    access: 'user',
    params: OrganizationParams,
    query: RemoveOrganizationMemberQuerySchema.extend({ memberToRemoveId: ObjectIdSchema }),
    response: OrganizationEnvelopeV1Schema,
    handler: ({ params, query, user, requestId }) => ({
      org: toOrganizationV1(removeOrganizationMember(ctx, user, params.organizationId, query.memberToRemoveId)),
      metadata: metadata(requestId),
    }),
  });
};
