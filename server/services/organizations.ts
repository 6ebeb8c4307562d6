// Organizations and their members, with Domino's rules: the creator is an admin, only org admins
// (or system admins) edit members, and an organization always keeps at least one admin.
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import type { NewOrganizationV1Schema, OrganizationRoleV1, OrganizationV1Schema } from '../../src/api/schemas/organizations';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import type { OrganizationRow } from '../db/organizations-repository';
import { clampLimit } from '../http/envelopes';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { newObjectId } from '../http/ids';

export function toOrganizationV1(org: OrganizationRow): Wire<typeof OrganizationV1Schema> {
  return {
    id: org.id,
    name: org.name,
    members: org.members.map((m) => ({ userId: m.userId, organizationRole: m.role })),
    ...(org.defaultEnvironmentId ? { defaultEnvironmentId: org.defaultEnvironmentId } : {}),
  };
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;

/** A page of organizations: the viewer's own, or (for site admins) every one; `nameFilter` is an exact, case-insensitive name. */
export function listOrganizations(ctx: ServerContext, viewer: KeyOwner, scope: 'mine' | 'all', query: { nameFilter?: string; offset: number; limit: number }) {
  const limit = clampLimit(query.limit);
  const { rows, totalCount } =
    scope === 'all'
      ? ctx.organizations.listAll(query.nameFilter, query.offset, limit)
      : ctx.organizations.listOfMember(viewer.id, query.nameFilter, query.offset, limit);
  return { orgs: rows.map(toOrganizationV1), page: { offset: query.offset, limit, totalCount } };
}

export function createOrganization(ctx: ServerContext, creator: KeyOwner, input: z.output<typeof NewOrganizationV1Schema>): OrganizationRow {
  if (!NAME_PATTERN.test(input.name)) {
    throw badRequest('name may contain only letters, digits, spaces, ".", "_" and "-", and must start with a letter or digit');
  }
  // In Domino an organization is a kind of user, so it shares the user namespace.
  if (ctx.organizations.findByName(input.name)) throw conflict(`An organization named "${input.name}" already exists`);
  if (ctx.users.findByUserName(input.name)) throw conflict(`"${input.name}" is already the name of a user`);
  for (const member of input.members) {
    if (!ctx.users.findById(member.userId)) throw badRequest(`members: user ${member.userId} does not exist`);
  }
  const now = ctx.clock.now().toISOString();
  const id = newObjectId(ctx.clock);
  ctx.db.transaction(() => {
    ctx.organizations.insert({ id, name: input.name, defaultEnvironmentId: null, createdAt: now });
    ctx.organizations.setMember(id, creator.id, 'admin', now);
    for (const member of input.members) {
      if (member.userId === creator.id) continue;
      ctx.organizations.setMember(id, member.userId, member.organizationRole, now);
    }
  })();
  return ctx.organizations.findById(id)!;
}

export function findVisibleOrganization(ctx: ServerContext, viewer: KeyOwner, id: string): OrganizationRow {
  const org = ctx.organizations.findById(id);
  if (!org) throw notFound(`Organization ${id} not found`);
  if (!viewer.isAdmin && !org.members.some((m) => m.userId === viewer.id)) {
    throw forbidden(`You are not a member of organization ${org.name}`);
  }
  return org;
}

function requireMemberEditor(org: OrganizationRow, actor: KeyOwner): void {
  const isOrgAdmin = org.members.some((m) => m.userId === actor.id && m.role === 'admin');
  if (!actor.isAdmin && !isOrgAdmin) throw forbidden(`Only admins of ${org.name} may change its members`);
}

function adminCountAfter(org: OrganizationRow, userId: string, newRole: OrganizationRoleV1 | null): number {
  return org.members.filter((m) => (m.userId === userId ? newRole === 'admin' : m.role === 'admin')).length;
}

export function setOrganizationMember(ctx: ServerContext, actor: KeyOwner, orgId: string, userId: string, role: OrganizationRoleV1): OrganizationRow {
  const org = findVisibleOrganization(ctx, actor, orgId);
  requireMemberEditor(org, actor);
  if (!ctx.users.findById(userId)) throw notFound(`User ${userId} not found`);
  if (adminCountAfter(org, userId, role) === 0) throw conflict(`${org.name} must keep at least one admin`);
  ctx.organizations.setMember(org.id, userId, role, ctx.clock.now().toISOString());
  return ctx.organizations.findById(org.id)!;
}

export function removeOrganizationMember(ctx: ServerContext, actor: KeyOwner, orgId: string, userId: string): OrganizationRow {
  const org = findVisibleOrganization(ctx, actor, orgId);
  // A member may always leave; removing someone else needs an org admin.
  if (userId !== actor.id) requireMemberEditor(org, actor);
  if (!org.members.some((m) => m.userId === userId)) throw badRequest(`User ${userId} is not a member of ${org.name}`);
  if (adminCountAfter(org, userId, null) === 0) throw conflict(`${org.name} must keep at least one admin`);
  ctx.organizations.removeMember(org.id, userId);
  return ctx.organizations.findById(org.id)!;
}
