// The cost engine's tables (migration 21): label sets, executions as they ran, and the daily and
// hourly rollups. Reads for the query path are raw rows (arrays), iterated without an object per row.
import type { Db } from './database';

export interface CostDimRow {
  id: number;
  projectId: string;
  projectName: string;
  ownerId: string;
  ownerName: string;
  userId: string;
  userName: string;
  /** '' when none. */
  organizationId: string;
  organizationName: string;
  billingTag: string;
  tierId: string;
  tierName: string;
  workloadType: 'job' | 'workspace' | 'model_api';
}

/** An execution as the engine reads it (also what the demo and the benchmark write). */
export interface CostExecutionRow {
  id?: number;
  source: 'job' | 'workspace' | 'model_api';
  sourceId: string;
  dimId: number;
  cores: number;
  memoryGiB: number;
  gpus: number;
  rateUcpm: number;
  startedMs: number;
  endedMs: number | null;
  cpuSeconds: number;
}

/** Rollup levels of cost_daily_key: the keys the common aggregations read without a filter. */
export const ROLLUP_LEVELS = { project: 1, user: 2, projectUser: 3, tier: 4 } as const;

/** The measures of a rollup row, in column order after (bucket, key). */
export const MEASURES = ['cpu_uc', 'gpu_uc', 'ram_uc', 'run_ms', 'core_ms', 'usage_core_ms', 'gpu_ms', 'ram_gib_ms'] as const;
export const MEASURE_COUNT = MEASURES.length;

const measureList = MEASURES.join(', ');
const measureUpdate = MEASURES.map((m) => `${m} = ${m} + excluded.${m}`).join(', ');
const measureParams = MEASURES.map(() => '?').join(', ');
const executionColumns = 'id, dim_id, cores, memory_gib, gpus, rate_ucpm, started_ms, ended_ms, cpu_seconds';

interface RawDim {
  id: number;
  project_id: string;
  project_name: string;
  owner_id: string;
  owner_name: string;
  user_id: string;
  user_name: string;
  organization_id: string;
  organization_name: string;
  billing_tag: string;
  tier_id: string;
  tier_name: string;
  workload_type: CostDimRow['workloadType'];
}

const dimFromRaw = (r: RawDim): CostDimRow => ({
  id: r.id,
  projectId: r.project_id,
  projectName: r.project_name,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  userId: r.user_id,
  userName: r.user_name,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  billingTag: r.billing_tag,
  tierId: r.tier_id,
  tierName: r.tier_name,
  workloadType: r.workload_type,
});

/** An execution row as raw values: [id, dimId, cores, memoryGiB, gpus, rateUcpm, startedMs, endedMs, cpuSeconds]. */
export type RawExecution = [number, number, number, number, number, number, number, number | null, number];

export type CostRepository = ReturnType<typeof costRepository>;

export function costRepository(db: Db) {
  const s = {
    dimsAfter: db.prepare<[number], RawDim>('SELECT * FROM cost_dims WHERE id > ? ORDER BY id'),
    findDim: db.prepare<[Omit<RawDim, 'id'>], { id: number }>(
      `SELECT id FROM cost_dims WHERE project_id = @project_id AND user_id = @user_id AND tier_id = @tier_id AND workload_type = @workload_type
         AND organization_id = @organization_id AND billing_tag = @billing_tag AND project_name = @project_name AND owner_id = @owner_id
         AND owner_name = @owner_name AND user_name = @user_name AND organization_name = @organization_name AND tier_name = @tier_name`,
    ),
    insertDim: db.prepare<[Omit<RawDim, 'id'>]>(
      `INSERT INTO cost_dims (project_id, project_name, owner_id, owner_name, user_id, user_name, organization_id, organization_name, billing_tag, tier_id, tier_name, workload_type)
       VALUES (@project_id, @project_name, @owner_id, @owner_name, @user_id, @user_name, @organization_id, @organization_name, @billing_tag, @tier_id, @tier_name, @workload_type)`,
    ),
    insertExecution: db.prepare(
      `INSERT INTO cost_executions (source, source_id, dim_id, cores, memory_gib, gpus, rate_ucpm, started_ms, ended_ms, cpu_seconds, is_long, rolled)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    ),
    unrolled: db
      .prepare<[number], unknown[]>(`SELECT ${executionColumns} FROM cost_executions WHERE rolled = 0 AND ended_ms IS NOT NULL ORDER BY id LIMIT ?`)
      .raw(),
    markRolled: db.prepare<[number]>('UPDATE cost_executions SET rolled = 1 WHERE rolled = 0 AND ended_ms IS NOT NULL AND id <= ?'),
    upsertDaily: db.prepare(
      `INSERT INTO cost_daily (day, dim_id, ${measureList}) VALUES (?, ?, ${measureParams}) ON CONFLICT (day, dim_id) DO UPDATE SET ${measureUpdate}`,
    ),
    upsertHourly: db.prepare(
      `INSERT INTO cost_hourly (hour, dim_id, ${measureList}) VALUES (?, ?, ${measureParams}) ON CONFLICT (hour, dim_id) DO UPDATE SET ${measureUpdate}`,
    ),
    upsertDailyKey: db.prepare(
      `INSERT INTO cost_daily_key (level, day, key, ${measureList}) VALUES (?, ?, ?, ${measureParams}) ON CONFLICT (level, day, key) DO UPDATE SET ${measureUpdate}`,
    ),
    daysByDim: db.prepare<[number, number], unknown[]>(`SELECT day, dim_id, ${measureList} FROM cost_daily WHERE day >= ? AND day < ?`).raw(),
    daysByKey: db
      .prepare<[number, number, number], unknown[]>(`SELECT day, key, ${measureList} FROM cost_daily_key WHERE level = ? AND day >= ? AND day < ?`)
      .raw(),
    hoursByDim: db.prepare<[number, number], unknown[]>(`SELECT hour, dim_id, ${measureList} FROM cost_hourly WHERE hour >= ? AND hour < ?`).raw(),
    // Ended executions overlapping [a, b): the short ones started at most a day before a, and the long ones.
    overlappingShort: db
      .prepare<[number, number, number], unknown[]>(
        `SELECT ${executionColumns} FROM cost_executions WHERE ended_ms IS NOT NULL AND is_long = 0 AND started_ms >= ? AND started_ms < ? AND ended_ms > ?`,
      )
      .raw(),
    overlappingLong: db
      .prepare<[number, number], unknown[]>(
        `SELECT ${executionColumns} FROM cost_executions WHERE ended_ms IS NOT NULL AND is_long = 1 AND started_ms < ? AND ended_ms > ?`,
      )
      .raw(),
    open: db.prepare<[], unknown[]>(`SELECT ${executionColumns} FROM cost_executions WHERE ended_ms IS NULL`).raw(),
    // Each part reads one end of an index.
    dataStart: db.prepare<[], { start: number | null }>(
      `SELECT min(m) AS start FROM (
         SELECT min(started_ms) AS m FROM cost_executions WHERE ended_ms IS NOT NULL AND is_long = 0
         UNION ALL SELECT min(started_ms) FROM cost_executions WHERE ended_ms IS NOT NULL AND is_long = 1
         UNION ALL SELECT min(started_ms) FROM cost_executions WHERE ended_ms IS NULL)`,
    ),
    capture: db.prepare<[string, string, string], RawDim & { cores: number; memory_gib: number; gpus: number; rate_ucpm: number }>(
      'SELECT * FROM cost_capture WHERE project_id = ? AND user_id = ? AND tier_id = ?',
    ),
    // Who may run in a project: its owner and the collaborators who launch (not results consumers).
    teams: db.prepare<[], { project_id: string; project_name: string; is_archived: number; user_id: string }>(
      `SELECT p.id AS project_id, p.name AS project_name, p.is_archived, p.owner_id AS user_id FROM projects p
       UNION SELECT p.id, p.name, p.is_archived, c.user_id FROM projects p JOIN project_collaborators c ON c.project_id = p.id
         WHERE c.role IN ('contributor', 'launcherUser')
       ORDER BY 1, 4`,
    ),
    findTag: db.prepare<[string], { id: string }>('SELECT id FROM billing_tags WHERE tag = ? COLLATE NOCASE'),
    insertTag: db.prepare('INSERT INTO billing_tags (id, tag, active, created_at, updated_at) VALUES (?, ?, 1, ?, ?)'),
    setProjectTag: db.prepare('UPDATE projects SET billing_tag_id = ? WHERE id = ?'),
  };
  const rows = (statement: { all(...args: number[]): unknown[] }, ...args: number[]) => statement.all(...args) as unknown[][];
  return {
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    dimsAfter: (id: number): CostDimRow[] => s.dimsAfter.all(id).map(dimFromRaw),
    /** The id of a label set, made if new (the demo and the benchmark; live capture is the triggers'). */
    dimId(dim: Omit<CostDimRow, 'id'>): number {
      const params: Omit<RawDim, 'id'> = {
        project_id: dim.projectId,
        project_name: dim.projectName,
        owner_id: dim.ownerId,
        owner_name: dim.ownerName,
        user_id: dim.userId,
        user_name: dim.userName,
        organization_id: dim.organizationId,
        organization_name: dim.organizationName,
        billing_tag: dim.billingTag,
        tier_id: dim.tierId,
        tier_name: dim.tierName,
        workload_type: dim.workloadType,
      };
      const found = s.findDim.get(params);
      return found ? found.id : Number(s.insertDim.run(params).lastInsertRowid);
    },
    /** Historical executions, written in bulk (not yet in the rollups: the engine folds them in). */
    insertExecution(row: CostExecutionRow): void {
      const long = row.endedMs !== null && row.endedMs - row.startedMs > 86_400_000 ? 1 : 0;
      s.insertExecution.run(
        row.source,
        row.sourceId,
        row.dimId,
        row.cores,
        row.memoryGiB,
        row.gpus,
        row.rateUcpm,
        row.startedMs,
        row.endedMs,
        row.cpuSeconds,
        long,
      );
    },
    unrolled: (limit: number) => s.unrolled.all(limit) as RawExecution[],
    /** Marks every ended execution up to an id as in the rollups (what unrolled() read, in the same transaction). */
    markRolledUpTo: (id: number) => void s.markRolled.run(id),
    upsertDaily: (day: number, dimId: number, m: ArrayLike<number>) => void s.upsertDaily.run(day, dimId, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]),
    upsertHourly: (hour: number, dimId: number, m: ArrayLike<number>) => void s.upsertHourly.run(hour, dimId, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]),
    upsertDailyKey: (level: number, day: number, key: string, m: ArrayLike<number>) =>
      void s.upsertDailyKey.run(level, day, key, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]),
    /** [day, dimId, ...measures] for days in [from, to). */
    daysByDim: (from: number, to: number) => rows(s.daysByDim, from, to),
    /** [day, key, ...measures] of a level for days in [from, to). */
    daysByKey: (level: number, from: number, to: number) => s.daysByKey.all(level, from, to) as unknown[][],
    /** [hour, dimId, ...measures] for hours in [from, to). */
    hoursByDim: (from: number, to: number) => rows(s.hoursByDim, from, to),
    /** Ended executions overlapping [a, b) (b − a at most an hour: edges of a window). */
    overlapping(a: number, b: number, shortMaxMs: number): RawExecution[] {
      return [...(s.overlappingShort.all(a - shortMaxMs, b, a) as RawExecution[]), ...(s.overlappingLong.all(b, a) as RawExecution[])];
    },
    open: () => s.open.all() as RawExecution[],
    dataStart: (): number | undefined => s.dataStart.get()?.start ?? undefined,
    /** The labels and tier an execution of this project, user and tier would get if it started now. */
    capture(projectId: string, userId: string, tierId: string) {
      const raw = s.capture.get(projectId, userId, tierId);
      if (!raw) return undefined;
      const { id: _, ...dim } = dimFromRaw({ ...raw, id: 0, workload_type: 'job' });
      return { dim, cores: raw.cores, memoryGiB: raw.memory_gib, gpus: raw.gpus, rateUcpm: raw.rate_ucpm };
    },
    /** Each project with the people who may run in it. */
    teams(): Array<{ projectId: string; projectName: string; archived: boolean; userIds: string[] }> {
      const teams = new Map<string, { projectId: string; projectName: string; archived: boolean; userIds: string[] }>();
      for (const row of s.teams.all()) {
        let team = teams.get(row.project_id);
        if (!team)
          teams.set(row.project_id, (team = { projectId: row.project_id, projectName: row.project_name, archived: row.is_archived === 1, userIds: [] }));
        team.userIds.push(row.user_id);
      }
      return [...teams.values()];
    },
    /** Tests and the demo: give a project a billing tag (made, active, if it does not exist). */
    setProjectBillingTag(projectId: string, tag: string | null, at: string): void {
      let tagId: string | null = null;
      if (tag !== null) {
        tagId = s.findTag.get(tag)?.id ?? `tag-${tag}`;
        if (!s.findTag.get(tag)) s.insertTag.run(tagId, tag, at, at);
      }
      s.setProjectTag.run(tagId, projectId);
    },
  };
}
