// Organizations: the six /api/organizations/v1/... endpoints.
import { z } from 'zod';
import { looseEnum, MetadataV1Schema, ObjectIdSchema, objectIdParams, PaginatedMetadataV1Schema, paginationQuery, requiredText } from './common';
import { endpoint } from './endpoint';

export const ORGANIZATION_ROLES = ['member', 'admin'] as const;
export const OrganizationRoleV1Schema = looseEnum(ORGANIZATION_ROLES);
export type OrganizationRoleV1 = (typeof ORGANIZATION_ROLES)[number];

export const OrganizationMemberV1Schema = z.object({
  userId: z.string(),
  organizationRole: OrganizationRoleV1Schema,
});
export type OrganizationMemberV1 = z.output<typeof OrganizationMemberV1Schema>;

export const OrganizationV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(OrganizationMemberV1Schema),
  defaultEnvironmentId: z.string().optional(),
});
export type OrganizationV1 = z.output<typeof OrganizationV1Schema>;

export const OrganizationEnvelopeV1Schema = z.object({ org: OrganizationV1Schema, metadata: MetadataV1Schema });

export const PaginatedOrganizationEnvelopeV1Schema = z.object({
  orgs: z.array(OrganizationV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const NewOrganizationV1Schema = z.object({
  name: requiredText('name'),
  members: z.array(OrganizationMemberV1Schema).default([]),
});
export type NewOrganizationV1 = z.input<typeof NewOrganizationV1Schema>;

export const ListOrganizationsQuerySchema = paginationQuery().extend({ nameFilter: z.string().optional() });

export const RemoveOrganizationMemberQuerySchema = z.object({ memberToRemoveId: ObjectIdSchema });

/** Body of PUT .../{organizationId}/user: a member and their role. */
export const OrganizationMemberBodySchema = OrganizationMemberV1Schema.extend({ userId: ObjectIdSchema });

const ORGS = '/api/organizations/v1/organizations';
const orgParams = objectIdParams('organizationId');

export const organizationsEndpoints = {
  getUserOrgs: endpoint({
    method: 'GET',
    path: ORGS,
    family: 'organizations',
    source: 'reference',
    query: ListOrganizationsQuerySchema,
    response: PaginatedOrganizationEnvelopeV1Schema,
  }),
  createOrg: endpoint({
    method: 'POST',
    path: ORGS,
    family: 'organizations',
    source: 'reference',
    body: NewOrganizationV1Schema,
    response: OrganizationEnvelopeV1Schema,
  }),
  getAllOrgs: endpoint({
    method: 'GET',
    path: `${ORGS}/all`,
    family: 'organizations',
    source: 'reference',
    query: ListOrganizationsQuerySchema,
    response: PaginatedOrganizationEnvelopeV1Schema,
  }),
  getOrg: endpoint({
    method: 'GET',
    path: `${ORGS}/{organizationId}`,
    family: 'organizations',
    source: 'reference',
    params: orgParams,
    response: OrganizationEnvelopeV1Schema,
  }),
  addUserToOrg: endpoint({
    method: 'PUT',
    path: `${ORGS}/{organizationId}/user`,
    family: 'organizations',
    source: 'reference',
    params: orgParams,
    body: OrganizationMemberBodySchema,
    response: OrganizationEnvelopeV1Schema,
  }),
  removeUserFromOrg: endpoint({
    method: 'DELETE',
    path: `${ORGS}/{organizationId}/user`,
    family: 'organizations',
    source: 'reference',
    params: orgParams,
    query: RemoveOrganizationMemberQuerySchema,
    response: OrganizationEnvelopeV1Schema,
  }),
};
