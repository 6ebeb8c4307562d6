// Organizations: fetchers, query keys, the `organizationsQueries` factory and the mutations.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { DominoApiError, request } from './http';
import { organizationsEndpoints, type NewOrganizationV1, type OrganizationRoleV1, type OrganizationV1 } from './schemas/organizations';

export type OrganizationScope = 'mine' | 'all';

export interface OrganizationListRequest {
  offset: number;
  limit: number;
  /** Domino matches the exact organization name. */
  nameFilter?: string;
}

export const organizationsKeys = {
  all: ['organizations'] as const,
  lists: () => [...organizationsKeys.all, 'list'] as const,
  list: (scope: OrganizationScope, page: OrganizationListRequest) => [...organizationsKeys.lists(), scope, page] as const,
  canListAll: () => [...organizationsKeys.all, 'can-list-all'] as const,
  detail: (organizationId: string) => [...organizationsKeys.all, 'detail', organizationId] as const,
};

function listQuery(page: OrganizationListRequest) {
  // An empty filter means "no filter"; sending nameFilter= would ask for orgs named "".
  return { offset: page.offset, limit: page.limit, nameFilter: page.nameFilter ? page.nameFilter : undefined };
}

export async function fetchOrganizations(scope: OrganizationScope, page: OrganizationListRequest, signal?: AbortSignal) {
  const endpoint = scope === 'all' ? organizationsEndpoints.getAllOrgs : organizationsEndpoints.getUserOrgs;
  const envelope = await request(endpoint, { query: listQuery(page), signal });
  return { orgs: envelope.orgs, pagination: envelope.metadata.pagination };
}

/**
 * Whether the caller may list every organization. The API has no isAdmin flag: admin-ness shows
 * only in whether organizations/all answers 200, so this asks once with the smallest page.
 */
export async function probeCanListAllOrganizations(signal?: AbortSignal): Promise<boolean> {
  try {
    await request(organizationsEndpoints.getAllOrgs, { query: { offset: 0, limit: 1 }, signal });
    return true;
  } catch (error) {
    if (error instanceof DominoApiError && (error.status === 403 || error.status === 401)) return false;
    throw error;
  }
}

export async function fetchOrganization(organizationId: string, signal?: AbortSignal): Promise<OrganizationV1> {
  const envelope = await request(organizationsEndpoints.getOrg, { params: { organizationId }, signal });
  return envelope.org;
}

export async function createOrganization(input: NewOrganizationV1): Promise<OrganizationV1> {
  const envelope = await request(organizationsEndpoints.createOrg, { body: input });
  return envelope.org;
}

export interface SetMemberInput {
  organizationId: string;
  userId: string;
  organizationRole: OrganizationRoleV1;
}

/** Adds a member or changes a member's role: Domino uses one PUT for both. */
export async function setOrganizationMember({ organizationId, userId, organizationRole }: SetMemberInput): Promise<OrganizationV1> {
  const envelope = await request(organizationsEndpoints.addUserToOrg, {
    params: { organizationId },
    body: { userId, organizationRole },
  });
  return envelope.org;
}

export interface RemoveMemberInput {
  organizationId: string;
  userId: string;
}

export async function removeOrganizationMember({ organizationId, userId }: RemoveMemberInput): Promise<OrganizationV1> {
  const envelope = await request(organizationsEndpoints.removeUserFromOrg, {
    params: { organizationId },
    query: { memberToRemoveId: userId },
  });
  return envelope.org;
}

export const organizationsQueries = {
  list: (scope: OrganizationScope, page: OrganizationListRequest) =>
    queryOptions({
      queryKey: organizationsKeys.list(scope, page),
      queryFn: ({ signal }) => fetchOrganizations(scope, page, signal),
    }),
  canListAll: () =>
    queryOptions({
      queryKey: organizationsKeys.canListAll(),
      queryFn: ({ signal }) => probeCanListAllOrganizations(signal),
      // Probed once per visit: whether the key is an admin's does not change under us.
      staleTime: Infinity,
    }),
  detail: (organizationId: string) =>
    queryOptions({
      queryKey: organizationsKeys.detail(organizationId),
      queryFn: ({ signal }) => fetchOrganization(organizationId, signal),
    }),
};

// The probe is left out of invalidation: a membership change never changes admin-ness.
const organizationDataKeys = [organizationsKeys.lists(), [...organizationsKeys.all, 'detail']] as const;

export const organizationsMutations = {
  create: () =>
    mutationOptions({
      mutationKey: [...organizationsKeys.all, 'create'],
      mutationFn: createOrganization,
      meta: { invalidates: organizationDataKeys },
    }),
  setMember: () =>
    mutationOptions({
      mutationKey: [...organizationsKeys.all, 'set-member'],
      mutationFn: setOrganizationMember,
      meta: { invalidates: organizationDataKeys },
    }),
  removeMember: () =>
    mutationOptions({
      mutationKey: [...organizationsKeys.all, 'remove-member'],
      mutationFn: removeOrganizationMember,
      meta: { invalidates: organizationDataKeys },
    }),
};
