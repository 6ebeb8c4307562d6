import type { OrganizationRoleV1 } from '../../src/api/schemas/organizations';
import type { Db } from './database';

export interface OrganizationMemberRow {
  userId: string;
  role: OrganizationRoleV1;
}

export interface OrganizationRow {
  id: string;
  name: string;
  defaultEnvironmentId: string | null;
  createdAt: string;
  members: OrganizationMemberRow[];
}

interface RawOrganization {
  id: string;
  name: string;
  default_environment_id: string | null;
  created_at: string;
}

export type OrganizationsRepository = ReturnType<typeof organizationsRepository>;

export function organizationsRepository(db: Db) {
  const insert = db.prepare('INSERT INTO organizations (id, name, default_environment_id, created_at) VALUES (?, ?, ?, ?)');
  const byId = db.prepare<[string], RawOrganization>('SELECT * FROM organizations WHERE id = ?');
  const byName = db.prepare<[string], RawOrganization>('SELECT * FROM organizations WHERE name = ? COLLATE NOCASE');
  const membersOf = db.prepare<[string], { user_id: string; role: OrganizationRoleV1 }>(
    'SELECT user_id, role FROM organization_members WHERE organization_id = ? ORDER BY added_at, user_id',
  );
  const upsertMember = db.prepare(
    `INSERT INTO organization_members (organization_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role`,
  );
  const removeMember = db.prepare('DELETE FROM organization_members WHERE organization_id = ? AND user_id = ?');
  // An optional exact name filter, in any letter case (names are unique that way): NULL matches every name.
  const allPage = db.prepare<[string | null, string | null, number, number], RawOrganization>(
    `SELECT * FROM organizations WHERE (? IS NULL OR name = ? COLLATE NOCASE) ORDER BY name COLLATE NOCASE LIMIT ? OFFSET ?`,
  );
  const allCount = db.prepare<[string | null, string | null], { n: number }>(
    'SELECT count(*) AS n FROM organizations WHERE (? IS NULL OR name = ? COLLATE NOCASE)',
  );
  const mineFilter = `FROM organizations o JOIN organization_members m ON m.organization_id = o.id
     WHERE m.user_id = ? AND (? IS NULL OR o.name = ? COLLATE NOCASE)`;
  const minePage = db.prepare<[string, string | null, string | null, number, number], RawOrganization>(
    `SELECT o.* ${mineFilter} ORDER BY o.name COLLATE NOCASE LIMIT ? OFFSET ?`,
  );
  const mineCount = db.prepare<[string, string | null, string | null], { n: number }>(`SELECT count(*) AS n ${mineFilter}`);

  const withMembers = (raw: RawOrganization): OrganizationRow => ({
    id: raw.id,
    name: raw.name,
    defaultEnvironmentId: raw.default_environment_id,
    createdAt: raw.created_at,
    members: membersOf.all(raw.id).map((m) => ({ userId: m.user_id, role: m.role })),
  });

  return {
    insert(org: { id: string; name: string; defaultEnvironmentId: string | null; createdAt: string }): void {
      insert.run(org.id, org.name, org.defaultEnvironmentId, org.createdAt);
    },
    findById(id: string): OrganizationRow | undefined {
      const raw = byId.get(id);
      return raw && withMembers(raw);
    },
    findByName(name: string): OrganizationRow | undefined {
      const raw = byName.get(name);
      return raw && withMembers(raw);
    },
    setMember(organizationId: string, userId: string, role: OrganizationRoleV1, addedAt: string): void {
      upsertMember.run(organizationId, userId, role, addedAt);
    },
    removeMember(organizationId: string, userId: string): boolean {
      return removeMember.run(organizationId, userId).changes > 0;
    },
    listAll(nameFilter: string | undefined, offset: number, limit: number) {
      const name = nameFilter ?? null;
      return { rows: allPage.all(name, name, limit, offset).map(withMembers), totalCount: allCount.get(name, name)!.n };
    },
    listOfMember(userId: string, nameFilter: string | undefined, offset: number, limit: number) {
      const name = nameFilter ?? null;
      return {
        rows: minePage.all(userId, name, name, limit, offset).map(withMembers),
        totalCount: mineCount.get(userId, name, name)!.n,
      };
    },
  };
}
