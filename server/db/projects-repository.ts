import type { ProjectCollaboratorRoleV1, ProjectVisibilityV1 } from '../../src/api/schemas/projects';
import type { Db } from './database';

export interface MainRepository {
  id: string;
  uri: string;
  name: string;
  serviceProvider: string;
  refType: string;
  refValue?: string;
}

export interface ProjectRow {
  id: string;
  name: string;
  description: string;
  visibility: ProjectVisibilityV1;
  ownerId: string;
  ownerUserName: string;
  isArchived: boolean;
  archivedAt: string | null;
  status: 'active' | 'complete';
  isBlocked: boolean;
  blockedReason: string | null;
  completedMessage: string | null;
  resultsBranch: 'main' | 'isolated';
  defaultHardwareTierId: string;
  mainRepository: MainRepository | null;
  /** The billing tag's id and name (Domino 6.2), null when the project has none. */
  billingTagId: string | null;
  billingTag: string | null;
  createdAt: string;
}

export interface CollaboratorRow {
  userId: string;
  role: ProjectCollaboratorRoleV1;
}

interface RawProject {
  id: string;
  name: string;
  description: string;
  visibility: ProjectVisibilityV1;
  owner_id: string;
  owner_user_name: string;
  is_archived: number;
  archived_at: string | null;
  status: 'active' | 'complete';
  is_blocked: number;
  blocked_reason: string | null;
  completed_message: string | null;
  results_branch: 'main' | 'isolated';
  default_hardware_tier_id: string;
  main_repository: string | null;
  billing_tag_id: string | null;
  billing_tag: string | null;
  created_at: string;
}

const fromRaw = (raw: RawProject): ProjectRow => ({
  id: raw.id,
  name: raw.name,
  description: raw.description,
  visibility: raw.visibility,
  ownerId: raw.owner_id,
  ownerUserName: raw.owner_user_name,
  isArchived: raw.is_archived === 1,
  archivedAt: raw.archived_at,
  status: raw.status,
  isBlocked: raw.is_blocked === 1,
  blockedReason: raw.blocked_reason,
  completedMessage: raw.completed_message,
  resultsBranch: raw.results_branch,
  defaultHardwareTierId: raw.default_hardware_tier_id,
  mainRepository: raw.main_repository ? (JSON.parse(raw.main_repository) as MainRepository) : null,
  billingTagId: raw.billing_tag_id,
  billingTag: raw.billing_tag,
  createdAt: raw.created_at,
});

const SELECT = `SELECT p.*, u.user_name AS owner_user_name, bt.tag AS billing_tag FROM projects p JOIN users u ON u.id = p.owner_id
  LEFT JOIN billing_tags bt ON bt.id = p.billing_tag_id`;

export type NewProjectRow = Pick<
  ProjectRow,
  'id' | 'name' | 'description' | 'visibility' | 'ownerId' | 'resultsBranch' | 'defaultHardwareTierId' | 'mainRepository' | 'createdAt'
> & { billingTagId?: string | null };

export type ProjectsRepository = ReturnType<typeof projectsRepository>;

export function projectsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO projects (id, name, description, visibility, owner_id, results_branch, default_hardware_tier_id, main_repository, billing_tag_id, created_at)
     VALUES (@id, @name, @description, @visibility, @ownerId, @resultsBranch, @defaultHardwareTierId, @mainRepository, @billingTagId, @createdAt)`,
  );
  const byId = db.prepare<[string], RawProject>(`${SELECT} WHERE p.id = ?`);
  const byOwnerAndName = db.prepare<[string, string], RawProject>(`${SELECT} WHERE p.owner_id = ? AND p.name = ? COLLATE NOCASE AND p.is_archived = 0`);
  const collaboratorsOf = db.prepare<[string], { user_id: string; role: ProjectCollaboratorRoleV1 }>(
    'SELECT user_id, role FROM project_collaborators WHERE project_id = ? ORDER BY added_at, user_id',
  );
  const collaboratorsOfMany = db.prepare<[string], { project_id: string; user_id: string; role: ProjectCollaboratorRoleV1 }>(
    `SELECT project_id, user_id, role FROM project_collaborators WHERE project_id IN (SELECT value FROM json_each(?)) ORDER BY added_at, user_id`,
  );
  const upsertCollaborator = db.prepare(
    `INSERT INTO project_collaborators (project_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`,
  );
  const deleteCollaborator = db.prepare('DELETE FROM project_collaborators WHERE project_id = ? AND user_id = ?');

  // What a user may list: live projects they own, collaborate on, or that are not private.
  // Shaped for a deep OFFSET (bench/projects-list.ts): projects_live_name covers the test, so the
  // walk over skipped rows reads index entries only, and the user's collaborations are looked up
  // once (IN), not once per row (EXISTS).
  const visibleWhere = `p.is_archived = 0 AND (@isAdmin = 1 OR p.visibility != 'private' OR p.owner_id = @userId
      OR p.id IN (SELECT project_id FROM project_collaborators WHERE user_id = @userId))`;
  // The page's rows are found first and only those 100 are read and joined to their owner.
  const visiblePage = db.prepare<{ userId: string; isAdmin: number; limit: number; offset: number }, RawProject>(
    `WITH page AS (SELECT p.rowid AS r FROM projects p WHERE ${visibleWhere} ORDER BY p.name COLLATE NOCASE, p.id LIMIT @limit OFFSET @offset)
     ${SELECT} JOIN page ON p.rowid = page.r ORDER BY p.name COLLATE NOCASE, p.id`,
  );
  // The same set counted as three disjoint index ranges: not private (the CHECK allows only these
  // three visibilities), private and owned, private and shared with the user. The unary + keeps
  // the planner on the user's own rows instead of walking every private project.
  const visibleCount = db.prepare<{ userId: string; isAdmin: number }, { n: number }>(
    `SELECT CASE WHEN @isAdmin = 1 THEN (SELECT count(*) FROM projects WHERE is_archived = 0)
     ELSE (SELECT count(*) FROM projects WHERE visibility IN ('public', 'searchable') AND is_archived = 0)
       + (SELECT count(*) FROM projects WHERE owner_id = @userId AND is_archived = 0 AND visibility = 'private')
       + (SELECT count(*) FROM project_collaborators c JOIN projects p ON p.id = c.project_id
          WHERE c.user_id = @userId AND +p.is_archived = 0 AND +p.visibility = 'private' AND p.owner_id != @userId) END AS n`,
  );

  // Whose jobs a user may read: live projects they own or collaborate on (every role reads), public
  // ones, every one for an admin (project-access.ts's rules, as a set).
  const readableIds = db.prepare<{ userId: string; isAdmin: number }, { id: string }>(
    `SELECT id FROM projects WHERE is_archived = 0 AND (@isAdmin = 1 OR visibility = 'public' OR owner_id = @userId
       OR id IN (SELECT project_id FROM project_collaborators WHERE user_id = @userId))`,
  );
  const namesOf = db.prepare<[string], { id: string; name: string; owner_user_name: string }>(
    'SELECT p.id, p.name, u.user_name AS owner_user_name FROM projects p JOIN users u ON u.id = p.owner_id WHERE p.id IN (SELECT value FROM json_each(?))',
  );
  // Archived projects a user may bring back or look at: owned or collaborated on, all for an admin.
  // Few per person, so no index of their own: the owner index and the collaborations find them.
  const archivedWhere = `p.is_archived = 1 AND (@isAdmin = 1 OR p.owner_id = @userId
      OR p.id IN (SELECT project_id FROM project_collaborators WHERE user_id = @userId))`;
  const archivedPage = db.prepare<{ userId: string; isAdmin: number; limit: number; offset: number }, RawProject>(
    `${SELECT} WHERE ${archivedWhere} ORDER BY p.archived_at DESC, p.id LIMIT @limit OFFSET @offset`,
  );
  const archivedCount = db.prepare<{ userId: string; isAdmin: number }, { n: number }>(`SELECT count(*) AS n FROM projects p WHERE ${archivedWhere}`);
  const liveCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM projects WHERE is_archived = 0');

  const update = (column: string) => db.prepare(`UPDATE projects SET ${column} WHERE id = @id`);
  const setStatus = update('status = @status, is_blocked = @isBlocked, blocked_reason = @blockedReason, completed_message = @completedMessage');
  const setResultsBranch = update('results_branch = @resultsBranch');
  const archive = update('is_archived = 1, archived_at = @archivedAt');
  const unarchive = update('is_archived = 0, archived_at = NULL');
  const setDetails = update('name = @name, description = @description, visibility = @visibility');
  const setBillingTag = update('billing_tag_id = @billingTagId');

  // Moves on with every write that changes what a project list shows (ProjectV1 and who sees it).
  let listVersion = 0;

  return {
    /** Changes whenever a project list could answer differently: for caching list pages. */
    listVersion: () => listVersion,
    insert(project: NewProjectRow): void {
      insert.run({
        ...project,
        mainRepository: project.mainRepository ? JSON.stringify(project.mainRepository) : null,
        billingTagId: project.billingTagId ?? null,
      });
      listVersion++;
    },
    findById(id: string): ProjectRow | undefined {
      const raw = byId.get(id);
      return raw && fromRaw(raw);
    },
    findLiveByOwnerAndName(ownerId: string, name: string): ProjectRow | undefined {
      const raw = byOwnerAndName.get(ownerId, name);
      return raw && fromRaw(raw);
    },
    collaborators(projectId: string): CollaboratorRow[] {
      return collaboratorsOf.all(projectId).map((r) => ({ userId: r.user_id, role: r.role }));
    },
    /** Collaborators of many projects in one query (list pages). */
    collaboratorsOfMany(projectIds: string[]): Map<string, CollaboratorRow[]> {
      const byProject = new Map<string, CollaboratorRow[]>(projectIds.map((id) => [id, []]));
      for (const r of collaboratorsOfMany.all(JSON.stringify(projectIds))) byProject.get(r.project_id)?.push({ userId: r.user_id, role: r.role });
      return byProject;
    },
    setCollaborator(projectId: string, userId: string, role: ProjectCollaboratorRoleV1, addedAt: string): void {
      upsertCollaborator.run(projectId, userId, role, addedAt);
      listVersion++;
    },
    removeCollaborator(projectId: string, userId: string): boolean {
      listVersion++;
      return deleteCollaborator.run(projectId, userId).changes > 0;
    },
    listVisible(user: { id: string; isAdmin: boolean }, offset: number, limit: number) {
      const who = { userId: user.id, isAdmin: user.isAdmin ? 1 : 0 };
      return { rows: visiblePage.all({ ...who, limit, offset }).map(fromRaw), totalCount: visibleCount.get(who)!.n };
    },
    /** Ids of the live projects whose jobs the user may read, and how many live projects there are. */
    readableIds(user: { id: string; isAdmin: boolean }): { ids: string[]; liveCount: number } {
      const ids = readableIds.all({ userId: user.id, isAdmin: user.isAdmin ? 1 : 0 }).map((r) => r.id);
      return { ids, liveCount: liveCount.get()!.n };
    },
    /** Name and owner of many projects in one query (the projects a page of jobs names). */
    namesOf(ids: string[]): Array<{ id: string; name: string; ownerUserName: string }> {
      return namesOf.all(JSON.stringify(ids)).map((r) => ({ id: r.id, name: r.name, ownerUserName: r.owner_user_name }));
    },
    setStatus(id: string, status: { status: string; isBlocked: boolean; blockedReason: string | null; completedMessage: string | null }): void {
      setStatus.run({ id, ...status, isBlocked: status.isBlocked ? 1 : 0 });
    },
    setResultsBranch(id: string, resultsBranch: 'main' | 'isolated'): void {
      setResultsBranch.run({ id, resultsBranch });
    },
    archive(id: string, archivedAt: string): void {
      archive.run({ id, archivedAt });
      listVersion++;
    },
    unarchive(id: string): void {
      unarchive.run({ id });
      listVersion++;
    },
    setDetails(id: string, details: Pick<ProjectRow, 'name' | 'description' | 'visibility'>): void {
      setDetails.run({ id, ...details });
      listVersion++;
    },
    /** The project's billing tag (a tag id, or null for none); past executions keep the tag they ran with. */
    setBillingTag(id: string, billingTagId: string | null): void {
      setBillingTag.run({ id, billingTagId });
      listVersion++;
    },
    listArchived(user: { id: string; isAdmin: boolean }, offset: number, limit: number) {
      const who = { userId: user.id, isAdmin: user.isAdmin ? 1 : 0 };
      return { rows: archivedPage.all({ ...who, limit, offset }).map(fromRaw), totalCount: archivedCount.get(who)!.n };
    },
  };
}
