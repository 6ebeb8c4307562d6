// Datasets: rows, grants, snapshots and their manifests, tags, and what jobs mounted. The
// effective permission of a user is one SQL expression (LEVEL_SQL below), used for one dataset
// and for lists alike, so a list never shows what a GET would refuse.
import type { DatasetRwRoleV1, SnapshotStatusV1 } from '../../src/api/schemas/datasets';
import type { Db } from './database';

export interface DatasetRow {
  id: string;
  projectId: string;
  name: string;
  description: string | null;
  creatorId: string;
  createdAt: string;
  fileCount: number;
  bytes: number;
  lastMounted: string | null;
  deletedAt: string | null;
}

export interface GrantRow {
  targetId: string;
  role: DatasetRwRoleV1;
  isOrganization: boolean;
  targetName: string;
}

export interface SnapshotRow {
  id: string;
  datasetId: string;
  creatorId: string;
  createdAt: string;
  status: SnapshotStatusV1;
  relativePaths: string[];
  fileCount: number;
  bytes: number;
  failureReason: string | null;
  lastMounted: string | null;
}

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
  mtimeNs: string;
  ctimeNs: string;
  inode: string;
}

export interface JobMountRow {
  jobId: string;
  datasetId: string;
  datasetName: string;
  projectId: string;
  containerPath: string;
  readOnly: boolean;
}

interface RawDataset {
  id: string;
  project_id: string;
  name: string;
  description: string | null;
  creator_id: string;
  created_at: string;
  file_count: number;
  bytes: number;
  last_mounted: string | null;
  deleted_at: string | null;
}

const dataset = (r: RawDataset): DatasetRow => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  description: r.description,
  creatorId: r.creator_id,
  createdAt: r.created_at,
  fileCount: r.file_count,
  bytes: r.bytes,
  lastMounted: r.last_mounted,
  deletedAt: r.deleted_at,
});

interface RawSnapshot {
  id: string;
  dataset_id: string;
  creator_id: string;
  created_at: string;
  status: SnapshotStatusV1;
  relative_paths: string;
  file_count: number;
  bytes: number;
  failure_reason: string | null;
  last_mounted: string | null;
}

const snapshot = (r: RawSnapshot): SnapshotRow => ({
  id: r.id,
  datasetId: r.dataset_id,
  creatorId: r.creator_id,
  createdAt: r.created_at,
  status: r.status,
  relativePaths: JSON.parse(r.relative_paths) as string[],
  fileCount: r.file_count,
  bytes: r.bytes,
  failureReason: r.failure_reason,
  lastMounted: r.last_mounted,
});

const ROLE_LEVEL = (column: string) => `CASE ${column} WHEN 'DatasetRwOwner' THEN 5 WHEN 'DatasetRwEditor' THEN 4 ELSE 3 END`;

/**
 * Every (dataset, level) a user reaches, one row per way in: a grant to them, a grant to one of
 * their organizations, owning the project, collaborating on it, the project being public (Reader)
 * or searchable (List), being a site admin (all). Levels: 1 List, 2 Read, 3 Reader's actions,
 * 4 Update (Editor), 5 Owner's, 6 admin. Each branch starts from an index on the user (or on
 * visibility), so the work follows what the user can reach, not the number of datasets.
 */
const LEVELS_CTE = `
  orgs AS (SELECT organization_id AS id FROM organization_members WHERE user_id = @userId),
  levels AS (
    SELECT g.dataset_id AS id, ${ROLE_LEVEL('g.role')} AS level FROM dataset_grants g WHERE g.target_id = @userId
    UNION ALL SELECT g.dataset_id, ${ROLE_LEVEL('g.role')} FROM orgs JOIN dataset_grants g ON g.target_id = orgs.id
    UNION ALL SELECT d.id, 5 FROM projects p JOIN datasets d ON d.project_id = p.id AND d.deleted_at IS NULL WHERE p.owner_id = @userId
    UNION ALL SELECT d.id, CASE c.role WHEN 'contributor' THEN 4 ELSE 3 END
      FROM project_collaborators c JOIN datasets d ON d.project_id = c.project_id AND d.deleted_at IS NULL WHERE c.user_id = @userId
    UNION ALL SELECT d.id, CASE p.visibility WHEN 'public' THEN 3 ELSE 1 END
      FROM projects p JOIN datasets d ON d.project_id = p.id AND d.deleted_at IS NULL
      WHERE p.visibility IN ('public', 'searchable') AND @minLevel <= 3
    UNION ALL SELECT d.id, 6 FROM datasets d WHERE @isAdmin = 1 AND d.deleted_at IS NULL
  ),
  visible AS (SELECT id, max(level) AS level FROM levels GROUP BY id HAVING max(level) >= @minLevel)`;

/** One dataset's level for one user: the same ways in as LEVELS_CTE. */
const LEVEL_OF_ONE = `
  SELECT max(
    CASE WHEN @isAdmin = 1 THEN 6 ELSE 0 END,
    coalesce((SELECT max(${ROLE_LEVEL('g.role')}) FROM dataset_grants g WHERE g.dataset_id = d.id
      AND (g.target_id = @userId OR g.target_id IN (SELECT organization_id FROM organization_members WHERE user_id = @userId))), 0),
    CASE WHEN p.owner_id = @userId THEN 5 ELSE 0 END,
    coalesce((SELECT CASE c.role WHEN 'contributor' THEN 4 ELSE 3 END FROM project_collaborators c WHERE c.project_id = p.id AND c.user_id = @userId), 0),
    CASE p.visibility WHEN 'public' THEN 3 WHEN 'searchable' THEN 1 ELSE 0 END
  ) AS level
  FROM datasets d JOIN projects p ON p.id = d.project_id WHERE d.id = @datasetId`;

export interface DatasetListFilter {
  userId: string;
  isAdmin: boolean;
  minLevel: number;
  projectIdsToInclude?: string[];
  projectIdsToExclude?: string[];
  /** A case-insensitive substring of name or description (the embedded search). */
  search?: string;
  sortBy: 'name' | 'createdAt';
  descending: boolean;
  offset: number;
  limit: number;
}

export type DatasetsRepository = ReturnType<typeof datasetsRepository>;

export function datasetsRepository(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT INTO datasets (id, project_id, name, description, creator_id, created_at) VALUES (@id, @projectId, @name, @description, @creatorId, @createdAt)`,
    ),
    byId: db.prepare<[string], RawDataset>('SELECT * FROM datasets WHERE id = ?'),
    liveByName: db.prepare<[string, string], RawDataset>('SELECT * FROM datasets WHERE project_id = ? AND name = ? COLLATE NOCASE AND deleted_at IS NULL'),
    liveOfProject: db.prepare<[string], RawDataset>('SELECT * FROM datasets WHERE project_id = ? AND deleted_at IS NULL ORDER BY name COLLATE NOCASE, id'),
    update: db.prepare('UPDATE datasets SET name = @name, description = @description WHERE id = @id'),
    setStats: db.prepare('UPDATE datasets SET file_count = ?, bytes = ? WHERE id = ?'),
    setLastMounted: db.prepare('UPDATE datasets SET last_mounted = ? WHERE id = ?'),
    markDeleted: db.prepare('UPDATE datasets SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
    markPurged: db.prepare('UPDATE datasets SET purged_at = ? WHERE id = ?'),
    levelOf: db.prepare<{ datasetId: string; userId: string; isAdmin: number }, { level: number }>(LEVEL_OF_ONE),

    grants: db.prepare<[string], { target_id: string; role: DatasetRwRoleV1; is_organization: number; target_name: string | null }>(
      `SELECT g.target_id, g.role, g.is_organization, coalesce(u.user_name, o.name) AS target_name FROM dataset_grants g
       LEFT JOIN users u ON u.id = g.target_id LEFT JOIN organizations o ON o.id = g.target_id
       WHERE g.dataset_id = ? ORDER BY g.added_at, g.target_id`,
    ),
    upsertGrant: db.prepare(
      `INSERT INTO dataset_grants (dataset_id, target_id, role, is_organization, added_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (dataset_id, target_id) DO UPDATE SET role = excluded.role`,
    ),
    deleteGrant: db.prepare('DELETE FROM dataset_grants WHERE dataset_id = ? AND target_id = ?'),
    deleteGrants: db.prepare('DELETE FROM dataset_grants WHERE dataset_id = ?'),

    insertSnapshot: db.prepare(
      `INSERT INTO dataset_snapshots (id, dataset_id, creator_id, created_at, status, relative_paths) VALUES (@id, @datasetId, @creatorId, @createdAt, @status, @relativePaths)`,
    ),
    snapshotById: db.prepare<[string], RawSnapshot>('SELECT * FROM dataset_snapshots WHERE id = ?'),
    snapshotsOf: db.prepare<[string, number, number], RawSnapshot>(
      'SELECT * FROM dataset_snapshots WHERE dataset_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?',
    ),
    snapshotCount: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM dataset_snapshots WHERE dataset_id = ?'),
    snapshotIdsOf: db.prepare<[string], { id: string }>('SELECT id FROM dataset_snapshots WHERE dataset_id = ? ORDER BY created_at, id'),
    latestActive: db.prepare<[string], RawSnapshot>(
      `SELECT * FROM dataset_snapshots WHERE dataset_id = ? AND status = 'active' ORDER BY created_at DESC, id DESC LIMIT 1`,
    ),
    setSnapshotStatus: db.prepare('UPDATE dataset_snapshots SET status = ? WHERE id = ?'),
    setSnapshotStatusOfDataset: db.prepare(`UPDATE dataset_snapshots SET status = ? WHERE dataset_id = ? AND status != 'deleted'`),
    finishSnapshot: db.prepare(`UPDATE dataset_snapshots SET status = 'active', file_count = ?, bytes = ? WHERE id = ?`),
    failSnapshot: db.prepare(`UPDATE dataset_snapshots SET status = 'failed', failure_reason = ? WHERE id = ? AND status IN ('pending', 'copying')`),
    setSnapshotLastMounted: db.prepare('UPDATE dataset_snapshots SET last_mounted = ? WHERE id = ?'),

    insertManifest: db.prepare('INSERT INTO snapshot_files (snapshot_id, path, size, sha256, mtime_ns, ctime_ns, inode) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    manifest: db.prepare<[string], { path: string; size: number; sha256: string; mtime_ns: string; ctime_ns: string; inode: string }>(
      'SELECT path, size, sha256, mtime_ns, ctime_ns, inode FROM snapshot_files WHERE snapshot_id = ? ORDER BY path',
    ),
    manifestEntry: db.prepare<[string, string], { size: number; sha256: string }>('SELECT size, sha256 FROM snapshot_files WHERE snapshot_id = ? AND path = ?'),
    manifestUnder: db.prepare<[string, string, string], { path: string; size: number }>(
      // Every file below a directory prefix: path > 'dir/' AND path < 'dir0' ('0' follows '/').
      'SELECT path, size FROM snapshot_files WHERE snapshot_id = ? AND path > ? AND path < ? ORDER BY path',
    ),
    deleteManifest: db.prepare('DELETE FROM snapshot_files WHERE snapshot_id = ?'),
    // The blobs only these snapshots use: safe to remove once they are gone.
    blobsOnlyIn: db.prepare<{ ids: string }, { sha256: string }>(
      `SELECT DISTINCT f.sha256 FROM snapshot_files f WHERE f.snapshot_id IN (SELECT value FROM json_each(@ids))
       AND NOT EXISTS (SELECT 1 FROM snapshot_files o WHERE o.sha256 = f.sha256 AND o.snapshot_id NOT IN (SELECT value FROM json_each(@ids)))`,
    ),
    blobInUse: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM snapshot_files WHERE sha256 = ? LIMIT 1'),

    tags: db.prepare<[string], { name: string; snapshot_id: string }>('SELECT name, snapshot_id FROM dataset_tags WHERE dataset_id = ? ORDER BY name'),
    upsertTag: db.prepare(
      'INSERT INTO dataset_tags (dataset_id, name, snapshot_id) VALUES (?, ?, ?) ON CONFLICT (dataset_id, name) DO UPDATE SET snapshot_id = excluded.snapshot_id',
    ),
    deleteTag: db.prepare('DELETE FROM dataset_tags WHERE dataset_id = ? AND name = ?'),
    deleteTags: db.prepare('DELETE FROM dataset_tags WHERE dataset_id = ?'),
    unlinkEverywhere: db.prepare('DELETE FROM project_shared_datasets WHERE dataset_id = ?'),
    projectsLinking: db.prepare<[string], { project_id: string }>('SELECT project_id FROM project_shared_datasets WHERE dataset_id = ?'),

    insertMount: db.prepare(
      `INSERT OR REPLACE INTO job_dataset_mounts (job_id, dataset_id, dataset_name, project_id, container_path, read_only) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    // One query for a job page's mounts (the JSON array of its ids), not one per job.
    mountsOfMany: db.prepare<
      [string],
      { job_id: string; dataset_id: string; dataset_name: string; project_id: string; container_path: string; read_only: number }
    >('SELECT * FROM job_dataset_mounts WHERE job_id IN (SELECT value FROM json_each(?)) ORDER BY job_id, container_path'),
    setJobOptions: db.prepare('INSERT OR REPLACE INTO job_dataset_options (job_id, snapshot_on_completion) VALUES (?, ?)'),
    jobOptions: db.prepare<[string], { snapshot_on_completion: number }>('SELECT snapshot_on_completion FROM job_dataset_options WHERE job_id = ?'),
  };

  /** The mounts of each of the jobs (every id a key, [] for none), in one query. */
  function mountsOfMany(jobIds: string[]): Map<string, JobMountRow[]> {
    const byJob = new Map<string, JobMountRow[]>(jobIds.map((id) => [id, []]));
    for (const r of s.mountsOfMany.all(JSON.stringify(jobIds)))
      byJob.get(r.job_id)?.push({
        jobId: r.job_id,
        datasetId: r.dataset_id,
        datasetName: r.dataset_name,
        projectId: r.project_id,
        containerPath: r.container_path,
        readOnly: r.read_only === 1,
      });
    return byJob;
  }

  const listStatements = new Map<string, ReturnType<Db['prepare']>>();
  /** The page and the total of one query shape, prepared once per shape (which filters are present). */
  function listStatement(filter: DatasetListFilter) {
    const where = ['d.deleted_at IS NULL'];
    if (filter.projectIdsToInclude) where.push('d.project_id IN (SELECT value FROM json_each(@include))');
    if (filter.projectIdsToExclude) where.push('d.project_id NOT IN (SELECT value FROM json_each(@exclude))');
    if (filter.search !== undefined) where.push(`(instr(lower(d.name), @search) > 0 OR instr(lower(coalesce(d.description, '')), @search) > 0)`);
    const order = filter.sortBy === 'createdAt' ? 'd.created_at' : 'd.name COLLATE NOCASE';
    const direction = filter.descending ? 'DESC' : 'ASC';
    const key = `${where.join(' AND ')}|${order}|${direction}`;
    let statement = listStatements.get(key);
    if (!statement) {
      statement = db.prepare(
        `WITH ${LEVELS_CTE}
         SELECT d.*, v.level, count(*) OVER () AS total FROM visible v JOIN datasets d ON d.id = v.id
         WHERE ${where.join(' AND ')} ORDER BY ${order} ${direction}, d.id ${direction} LIMIT @limit OFFSET @offset`,
      );
      listStatements.set(key, statement);
    }
    return statement;
  }

  return {
    insert(row: { id: string; projectId: string; name: string; description: string | null; creatorId: string; createdAt: string }): void {
      s.insert.run(row);
    },
    findById(id: string): DatasetRow | undefined {
      const raw = s.byId.get(id);
      return raw && dataset(raw);
    },
    findLive(id: string): DatasetRow | undefined {
      const raw = s.byId.get(id);
      return raw && raw.deleted_at === null ? dataset(raw) : undefined;
    },
    findLiveByName(projectId: string, name: string): DatasetRow | undefined {
      const raw = s.liveByName.get(projectId, name);
      return raw && dataset(raw);
    },
    liveOfProject(projectId: string): DatasetRow[] {
      return s.liveOfProject.all(projectId).map(dataset);
    },
    update(id: string, name: string, description: string | null): void {
      s.update.run({ id, name, description });
    },
    setStats(id: string, fileCount: number, bytes: number): void {
      s.setStats.run(fileCount, bytes, id);
    },
    setLastMounted(id: string, at: string): void {
      s.setLastMounted.run(at, id);
    },
    markDeleted(id: string, at: string): boolean {
      return s.markDeleted.run(at, id).changes > 0;
    },
    markPurged(id: string, at: string): void {
      s.markPurged.run(at, id);
    },
    /** The user's level on a dataset (0: none): see LEVELS_CTE. */
    levelOf(datasetId: string, user: { id: string; isAdmin: boolean }): number {
      return s.levelOf.get({ datasetId, userId: user.id, isAdmin: user.isAdmin ? 1 : 0 })?.level ?? 0;
    },
    /** A page of the datasets a user reaches at `minLevel` or above, with the total. */
    list(filter: DatasetListFilter): { rows: Array<DatasetRow & { level: number }>; totalCount: number } {
      const raws = listStatement(filter).all({
        userId: filter.userId,
        isAdmin: filter.isAdmin ? 1 : 0,
        minLevel: filter.minLevel,
        limit: filter.limit,
        offset: filter.offset,
        ...(filter.projectIdsToInclude ? { include: JSON.stringify(filter.projectIdsToInclude) } : {}),
        ...(filter.projectIdsToExclude ? { exclude: JSON.stringify(filter.projectIdsToExclude) } : {}),
        ...(filter.search !== undefined ? { search: filter.search.toLowerCase() } : {}),
      }) as Array<RawDataset & { level: number; total: number }>;
      if (raws.length === 0 && filter.offset > 0) {
        // Past the last page: the window count has no row to ride on, so count the set once.
        const all = listStatement({ ...filter, offset: 0, limit: 1 }).all({
          userId: filter.userId,
          isAdmin: filter.isAdmin ? 1 : 0,
          minLevel: filter.minLevel,
          limit: 1,
          offset: 0,
          ...(filter.projectIdsToInclude ? { include: JSON.stringify(filter.projectIdsToInclude) } : {}),
          ...(filter.projectIdsToExclude ? { exclude: JSON.stringify(filter.projectIdsToExclude) } : {}),
          ...(filter.search !== undefined ? { search: filter.search.toLowerCase() } : {}),
        }) as Array<{ total: number }>;
        return { rows: [], totalCount: all[0]?.total ?? 0 };
      }
      return { rows: raws.map((r) => ({ ...dataset(r), level: r.level })), totalCount: raws[0]?.total ?? 0 };
    },

    grants(datasetId: string): GrantRow[] {
      return s.grants
        .all(datasetId)
        .map((r) => ({ targetId: r.target_id, role: r.role, isOrganization: r.is_organization === 1, targetName: r.target_name ?? r.target_id }));
    },
    setGrant(datasetId: string, targetId: string, role: DatasetRwRoleV1, isOrganization: boolean, at: string): void {
      s.upsertGrant.run(datasetId, targetId, role, isOrganization ? 1 : 0, at);
    },
    removeGrant(datasetId: string, targetId: string): boolean {
      return s.deleteGrant.run(datasetId, targetId).changes > 0;
    },

    insertSnapshot(row: { id: string; datasetId: string; creatorId: string; createdAt: string; status: SnapshotStatusV1; relativePaths: string[] }): void {
      s.insertSnapshot.run({ ...row, relativePaths: JSON.stringify(row.relativePaths) });
    },
    findSnapshot(id: string): SnapshotRow | undefined {
      const raw = s.snapshotById.get(id);
      return raw && snapshot(raw);
    },
    snapshots(datasetId: string, offset: number, limit: number): { rows: SnapshotRow[]; totalCount: number } {
      return { rows: s.snapshotsOf.all(datasetId, limit, offset).map(snapshot), totalCount: s.snapshotCount.get(datasetId)!.n };
    },
    snapshotIds(datasetId: string): string[] {
      return s.snapshotIdsOf.all(datasetId).map((r) => r.id);
    },
    latestActiveSnapshot(datasetId: string): SnapshotRow | undefined {
      const raw = s.latestActive.get(datasetId);
      return raw && snapshot(raw);
    },
    setSnapshotStatus(id: string, status: SnapshotStatusV1): void {
      s.setSnapshotStatus.run(status, id);
    },
    setSnapshotStatusOfDataset(datasetId: string, status: SnapshotStatusV1): void {
      s.setSnapshotStatusOfDataset.run(status, datasetId);
    },
    /** Writes a snapshot's manifest and makes it active, in one transaction: a rerun starts over cleanly. */
    commitSnapshot: db.transaction((snapshotId: string, entries: ManifestEntry[]) => {
      s.deleteManifest.run(snapshotId);
      let bytes = 0;
      for (const e of entries) {
        s.insertManifest.run(snapshotId, e.path, e.size, e.sha256, e.mtimeNs, e.ctimeNs, e.inode);
        bytes += e.size;
      }
      s.finishSnapshot.run(entries.length, bytes, snapshotId);
    }),
    failSnapshot(id: string, reason: string): void {
      s.failSnapshot.run(reason, id);
    },
    setSnapshotLastMounted(id: string, at: string): void {
      s.setSnapshotLastMounted.run(at, id);
    },
    manifest(snapshotId: string): ManifestEntry[] {
      return s.manifest
        .all(snapshotId)
        .map((r) => ({ path: r.path, size: r.size, sha256: r.sha256, mtimeNs: r.mtime_ns, ctimeNs: r.ctime_ns, inode: r.inode }));
    },
    manifestEntry(snapshotId: string, filePath: string): { size: number; sha256: string } | undefined {
      return s.manifestEntry.get(snapshotId, filePath);
    },
    /** Files below a directory of a snapshot ('' for the root). */
    manifestUnder(snapshotId: string, dir: string): Array<{ path: string; size: number }> {
      if (dir === '') return s.manifest.all(snapshotId).map((r) => ({ path: r.path, size: r.size }));
      return s.manifestUnder.all(snapshotId, `${dir}/`, `${dir}0`);
    },
    blobsOnlyIn(snapshotIds: string[]): string[] {
      return s.blobsOnlyIn.all({ ids: JSON.stringify(snapshotIds) }).map((r) => r.sha256);
    },
    blobInUse(sha256: string): boolean {
      return s.blobInUse.get(sha256) !== undefined;
    },
    deleteManifest(snapshotId: string): void {
      s.deleteManifest.run(snapshotId);
    },

    tags(datasetId: string): Record<string, string> {
      return Object.fromEntries(s.tags.all(datasetId).map((r) => [r.name, r.snapshot_id]));
    },
    setTag(datasetId: string, name: string, snapshotId: string): void {
      s.upsertTag.run(datasetId, name, snapshotId);
    },
    removeTag(datasetId: string, name: string): boolean {
      return s.deleteTag.run(datasetId, name).changes > 0;
    },
    /** What a delete takes away at once: grants, tags, links from other projects. */
    detach(datasetId: string): void {
      s.deleteGrants.run(datasetId);
      s.deleteTags.run(datasetId);
      s.unlinkEverywhere.run(datasetId);
    },
    projectsLinking(datasetId: string): string[] {
      return s.projectsLinking.all(datasetId).map((r) => r.project_id);
    },

    recordMount(m: JobMountRow): void {
      s.insertMount.run(m.jobId, m.datasetId, m.datasetName, m.projectId, m.containerPath, m.readOnly ? 1 : 0);
    },
    mountsOf(jobId: string): JobMountRow[] {
      return mountsOfMany([jobId]).get(jobId)!;
    },
    /** The mounts of each of the jobs (every id a key, [] for none), in one query. */
    mountsOfMany,
    setSnapshotOnCompletion(jobId: string, value: boolean): void {
      s.setJobOptions.run(jobId, value ? 1 : 0);
    },
    snapshotOnCompletion(jobId: string): boolean {
      return s.jobOptions.get(jobId)?.snapshot_on_completion === 1;
    },
  };
}
