// Environments and their revisions: prepared statements, rows mapped once.
import type { EnvironmentRevisionBuildStatusV1, EnvironmentVisibilityV1, NewEnvironmentRevisionV1 } from '../../src/api/schemas/environments';
import type { Db } from './database';

export interface EnvironmentRow {
  id: string;
  name: string;
  description: string;
  visibility: EnvironmentVisibilityV1;
  ownerUserId: string | null;
  ownerOrgId: string | null;
  isCurated: boolean;
  addBaseDependencies: boolean;
  archived: boolean;
  restrictedRevisionId: string | null;
  createdBy: string;
  createdAt: string;
}

export interface RevisionRow {
  id: string;
  environmentId: string;
  number: number;
  status: EnvironmentRevisionBuildStatusV1;
  definition: NewEnvironmentRevisionV1;
  failure: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

interface RawEnvironment {
  id: string;
  name: string;
  description: string;
  visibility: EnvironmentVisibilityV1;
  owner_user_id: string | null;
  owner_org_id: string | null;
  is_curated: number;
  add_base_dependencies: number;
  archived: number;
  restricted_revision_id: string | null;
  created_by: string;
  created_at: string;
}

interface RawRevision {
  id: string;
  environment_id: string;
  number: number;
  status: EnvironmentRevisionBuildStatusV1;
  definition: string;
  failure: string | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
}

const toEnvironment = (r: RawEnvironment): EnvironmentRow => ({
  id: r.id,
  name: r.name,
  description: r.description,
  visibility: r.visibility,
  ownerUserId: r.owner_user_id,
  ownerOrgId: r.owner_org_id,
  isCurated: r.is_curated === 1,
  addBaseDependencies: r.add_base_dependencies === 1,
  archived: r.archived === 1,
  restrictedRevisionId: r.restricted_revision_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const toRevision = (r: RawRevision): RevisionRow => ({
  id: r.id,
  environmentId: r.environment_id,
  number: r.number,
  status: r.status,
  definition: JSON.parse(r.definition) as NewEnvironmentRevisionV1,
  failure: r.failure,
  createdBy: r.created_by,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/** Which environments a listing shows: what the caller may see, optionally narrowed. */
export interface EnvironmentFilter {
  /** Undefined for a site administrator, who sees every environment. */
  viewerId?: string;
  search?: string;
  visibility?: EnvironmentVisibilityV1;
}

export interface JobOnRevisionRow {
  jobId: string;
  projectId: string;
  projectName: string;
  number: number;
  title: string | null;
  status: string;
  submittedAt: string;
}

export type EnvironmentsRepository = ReturnType<typeof environmentsRepository>;

const LIVE = "('queued', 'starting', 'pulling', 'building', 'pushing')";

export function environmentsRepository(db: Db) {
  const insertEnvironment = db.prepare(
    `INSERT INTO environments (id, name, description, visibility, owner_user_id, owner_org_id, is_curated, add_base_dependencies, created_by, created_at)
     VALUES (@id, @name, @description, @visibility, @ownerUserId, @ownerOrgId, @isCurated, @addBaseDependencies, @createdBy, @createdAt)`,
  );
  const byId = db.prepare<[string], RawEnvironment>('SELECT * FROM environments WHERE id = ?');
  // What a viewer sees: global ones, their own private ones, and their organizations' ones.
  const visible = `archived = 0
    AND (@viewerId IS NULL OR visibility = 'global' OR owner_user_id = @viewerId
         OR owner_org_id IN (SELECT organization_id FROM organization_members WHERE user_id = @viewerId))
    AND (@visibility IS NULL OR visibility = @visibility)
    AND (@search IS NULL OR instr(lower(name), lower(@search)) > 0)`;
  const page = db.prepare<Record<string, unknown>, RawEnvironment>(
    `SELECT * FROM environments WHERE ${visible} ORDER BY name COLLATE NOCASE, id LIMIT @limit OFFSET @offset`,
  );
  const count = db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n FROM environments WHERE ${visible}`);
  const archive = db.prepare('UPDATE environments SET archived = 1 WHERE id = ?');
  const setRestricted = db.prepare('UPDATE environments SET restricted_revision_id = ? WHERE id = ?');

  // The number is taken in the insert itself: numbers increase without gaps, even when two land at once.
  const insertRevision = db.prepare(
    `INSERT INTO environment_revisions (id, environment_id, number, status, definition, created_by, created_at)
     VALUES (@id, @environmentId, (SELECT coalesce(max(number), 0) + 1 FROM environment_revisions WHERE environment_id = @environmentId),
             'queued', @definition, @createdBy, @createdAt)`,
  );
  const revisionById = db.prepare<[string], RawRevision>('SELECT * FROM environment_revisions WHERE id = ?');
  const revisionsOf = db.prepare<[string], RawRevision>('SELECT * FROM environment_revisions WHERE environment_id = ? ORDER BY number DESC');
  const latestOf = db.prepare<[string], RawRevision>('SELECT * FROM environment_revisions WHERE environment_id = ? ORDER BY number DESC LIMIT 1');
  const activeOf = db.prepare<[string], RawRevision>(
    "SELECT * FROM environment_revisions WHERE environment_id = ? AND status = 'succeeded' ORDER BY number DESC LIMIT 1",
  );
  // A state change only from a live state: a killed or finished build is never walked back.
  const setStatus = db.prepare(`UPDATE environment_revisions SET status = ? WHERE id = ? AND status IN ${LIVE}`);
  const finish = db.prepare(`UPDATE environment_revisions SET status = ?, failure = ?, finished_at = ? WHERE id = ? AND status IN ${LIVE}`);
  const liveOf = db.prepare<[string], RawRevision>(`SELECT * FROM environment_revisions WHERE environment_id = ? AND status IN ${LIVE}`);
  const jobsOn = db.prepare<[string], JobOnRevisionRow>(
    `SELECT j.id AS jobId, j.project_id AS projectId, p.name AS projectName, j.number AS number, j.title AS title, j.status AS status, j.submitted_at AS submittedAt
     FROM jobs j JOIN projects p ON p.id = j.project_id
     WHERE j.environment_revision_id = ? ORDER BY j.submitted_at DESC, j.id DESC`,
  );

  const filterParams = (filter: EnvironmentFilter) => ({
    viewerId: filter.viewerId ?? null,
    search: filter.search ? filter.search : null,
    visibility: filter.visibility ?? null,
  });

  return {
    insert(env: Omit<EnvironmentRow, 'archived' | 'restrictedRevisionId'>): void {
      insertEnvironment.run({ ...env, isCurated: env.isCurated ? 1 : 0, addBaseDependencies: env.addBaseDependencies ? 1 : 0 });
    },
    findById(id: string): EnvironmentRow | undefined {
      const raw = byId.get(id);
      return raw && toEnvironment(raw);
    },
    page(filter: EnvironmentFilter, offset: number, limit: number): { rows: EnvironmentRow[]; totalCount: number } {
      const params = filterParams(filter);
      return { rows: page.all({ ...params, offset, limit }).map(toEnvironment), totalCount: count.get(params)!.n };
    },
    archive(id: string): void {
      archive.run(id);
    },
    setRestrictedRevision(environmentId: string, revisionId: string | null): void {
      setRestricted.run(revisionId, environmentId);
    },
    insertRevision(revision: { id: string; environmentId: string; definition: NewEnvironmentRevisionV1; createdBy: string; createdAt: string }): RevisionRow {
      insertRevision.run({ ...revision, definition: JSON.stringify(revision.definition) });
      return toRevision(revisionById.get(revision.id)!);
    },
    findRevision(id: string): RevisionRow | undefined {
      const raw = revisionById.get(id);
      return raw && toRevision(raw);
    },
    revisionsOf(environmentId: string): RevisionRow[] {
      return revisionsOf.all(environmentId).map(toRevision);
    },
    latestRevision(environmentId: string): RevisionRow | undefined {
      const raw = latestOf.get(environmentId);
      return raw && toRevision(raw);
    },
    /** The active revision: the latest that built. */
    activeRevision(environmentId: string): RevisionRow | undefined {
      const raw = activeOf.get(environmentId);
      return raw && toRevision(raw);
    },
    liveRevisions(environmentId: string): RevisionRow[] {
      return liveOf.all(environmentId).map(toRevision);
    },
    /** Moves a live build to its next state; false when it is no longer live (killed meanwhile). */
    setStatus(revisionId: string, status: EnvironmentRevisionBuildStatusV1): boolean {
      return setStatus.run(status, revisionId).changes === 1;
    },
    finish(revisionId: string, status: 'succeeded' | 'failed' | 'killed', failure: string | null, at: string): boolean {
      return finish.run(status, failure, at, revisionId).changes === 1;
    },
    /** Every job that ran on a revision, newest first (the caller filters by what the viewer may read). */
    jobsOnRevision(revisionId: string): JobOnRevisionRow[] {
      return jobsOn.all(revisionId);
    },
  };
}
