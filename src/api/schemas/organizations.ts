// Organizations: the six /api/organizations/v1/... endpoints.
import { z } from 'zod';
import { looseEnum, MetadataV1Schema, PaginatedMetadataV1Schema, paginationQuery, requiredText } from './common';

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

export const RemoveOrganizationMemberQuerySchema = z.object({ memberToRemoveId: z.string() });
