import type { JobExecutionStatus, JobSortField, JobStatusFilter } from '../../src/api/schemas/jobs';
import { JOB_STATUS_FILTER_STATES } from '../../src/api/schemas/jobs';
import type { Db } from './database';

export interface JobRow {
  id: string;
  projectId: string;
  number: number;
  title: string | null;
  command: string;
  status: JobExecutionStatus;
  isArchived: boolean;
  startedBy: string;
  startedByName: string;
  hardwareTierId: string;
  environmentId: string | null;
  inputCommitId: string;
  outputCommitId: string | null;
  resultsBranch: string;
  submittedAt: string;
  preparingAt: string | null;
  runningAt: string | null;
  finishingAt: string | null;
  completedAt: string | null;
  durationMs: number | null;
  exitCode: number | null;
  problem: string | null;
  maxCpuPercent: number | null;
  maxMemoryGiB: number | null;
  dominoStats: Record<string, string | number>;
  pgid: number | null;
  commentCount: number;
}

interface RawJob {
  id: string;
  project_id: string;
  number: number;
  title: string | null;
  command: string;
  status: JobExecutionStatus;
  is_archived: number;
  started_by: string;
  started_by_name: string;
  hardware_tier_id: string;
  environment_id: string | null;
  input_commit_id: string;
  output_commit_id: string | null;
  results_branch: string;
  submitted_at: string;
  preparing_at: string | null;
  running_at: string | null;
  finishing_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  exit_code: number | null;
  problem: string | null;
  max_cpu_percent: number | null;
  max_memory_gib: number | null;
  domino_stats: string;
  pgid: number | null;
  comment_count: number;
}

const fromRaw = (r: RawJob): JobRow => ({
  id: r.id,
  projectId: r.project_id,
  number: r.number,
  title: r.title,
  command: r.command,
  status: r.status,
  isArchived: r.is_archived === 1,
  startedBy: r.started_by,
  startedByName: r.started_by_name,
  hardwareTierId: r.hardware_tier_id,
  environmentId: r.environment_id,
  inputCommitId: r.input_commit_id,
  outputCommitId: r.output_commit_id,
  resultsBranch: r.results_branch,
  submittedAt: r.submitted_at,
  preparingAt: r.preparing_at,
  runningAt: r.running_at,
  finishingAt: r.finishing_at,
  completedAt: r.completed_at,
  durationMs: r.duration_ms,
  exitCode: r.exit_code,
  problem: r.problem,
  maxCpuPercent: r.max_cpu_percent,
  maxMemoryGiB: r.max_memory_gib,
  dominoStats: JSON.parse(r.domino_stats) as Record<string, string | number>,
  pgid: r.pgid,
  commentCount: r.comment_count,
});

export const LIVE_STATUSES: readonly JobExecutionStatus[] = JOB_STATUS_FILTER_STATES.active;
export const RUNNING_STATUSES: readonly JobExecutionStatus[] = ['Preparing', 'Running', 'Finishing'];

// Sort columns; every one ends with number so pages are stable.
const SORT_COLUMNS: Record<Exclude<JobSortField, 'dominoStatsField'>, string> = {
  number: 'j.number',
  title: 'j.title',
  command: 'j.command',
  startedTime: 'j.submitted_at',
  duration: 'j.duration_ms',
  status: 'j.status',
  user: 'j.started_by_name',
  commentCount: 'j.comment_count',
};

export interface JobListQuery {
  projectId: string;
  offset: number;
  limit: number;
  sortBy: JobSortField;
  dominoStatsSortFieldName?: string;
  ascending: boolean;
  statusFilter: JobStatusFilter;
  tagFilter?: string;
  showArchived: boolean;
}

export type JobPatch = Partial<Omit<JobRow, 'id' | 'projectId' | 'number' | 'dominoStats'>> & { dominoStats?: Record<string, string | number> };

const COLUMN_OF: Record<keyof JobPatch, string> = {
  title: 'title',
  command: 'command',
  status: 'status',
  isArchived: 'is_archived',
  startedBy: 'started_by',
  startedByName: 'started_by_name',
  hardwareTierId: 'hardware_tier_id',
  environmentId: 'environment_id',
  inputCommitId: 'input_commit_id',
  outputCommitId: 'output_commit_id',
  resultsBranch: 'results_branch',
  submittedAt: 'submitted_at',
  preparingAt: 'preparing_at',
  runningAt: 'running_at',
  finishingAt: 'finishing_at',
  completedAt: 'completed_at',
  durationMs: 'duration_ms',
  exitCode: 'exit_code',
  problem: 'problem',
  maxCpuPercent: 'max_cpu_percent',
  maxMemoryGiB: 'max_memory_gib',
  dominoStats: 'domino_stats',
  pgid: 'pgid',
  commentCount: 'comment_count',
};

export type JobsRepository = ReturnType<typeof jobsRepository>;

export function jobsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO jobs (id, project_id, number, title, command, status, started_by, started_by_name, hardware_tier_id, environment_id, input_commit_id, results_branch, submitted_at)
     VALUES (@id, @projectId, (SELECT coalesce(max(number), 0) + 1 FROM jobs WHERE project_id = @projectId), @title, @command, @status, @startedBy, @startedByName, @hardwareTierId, @environmentId, @inputCommitId, @resultsBranch, @submittedAt)`,
  );
  const byId = db.prepare<[string], RawJob>('SELECT * FROM jobs WHERE id = ?');
  const live = db.prepare<[], RawJob>(`SELECT * FROM jobs WHERE status IN ('Queued', 'Pending', 'Preparing', 'Running', 'Finishing') ORDER BY submitted_at, number`);
  const tagsOf = db.prepare<[string], { id: string; name: string; creator_id: string; created_at: string }>('SELECT * FROM job_tags WHERE job_id = ? ORDER BY created_at, id');
  const tagsOfMany = db.prepare<[string], { job_id: string; id: string; name: string; creator_id: string; created_at: string }>(
    'SELECT * FROM job_tags WHERE job_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id',
  );
  const insertTag = db.prepare('INSERT INTO job_tags (id, job_id, project_id, name, creator_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const tagByName = db.prepare<[string, string], { id: string }>('SELECT id FROM job_tags WHERE job_id = ? AND name = ?');
  const deleteTag = db.prepare('DELETE FROM job_tags WHERE job_id = ? AND id = ?');
  const goalsOf = db.prepare<[string], { goal_id: string }>('SELECT goal_id FROM job_goals WHERE job_id = ? ORDER BY linked_at, goal_id');
  const linkGoal = db.prepare('INSERT OR IGNORE INTO job_goals (job_id, goal_id, linked_at) VALUES (?, ?, ?)');
  const unlinkGoal = db.prepare('DELETE FROM job_goals WHERE job_id = ? AND goal_id = ?');
  const patchCache = new Map<string, ReturnType<Db['prepare']>>();
  const listCache = new Map<string, ReturnType<Db['prepare']>>();

  function listStatement(query: JobListQuery) {
    const where = ['j.project_id = @projectId'];
    if (query.statusFilter === 'archived') where.push('j.is_archived = 1');
    else {
      if (!query.showArchived) where.push('j.is_archived = 0');
      if (query.statusFilter !== 'all') {
        where.push(`j.status IN (${JOB_STATUS_FILTER_STATES[query.statusFilter].map((s) => `'${s}'`).join(', ')})`);
      }
    }
    const jobWhere = where.join(' AND ');
    // Probed per job in list order, so a first page stops after a few dozen probes.
    if (query.tagFilter !== undefined) where.push('EXISTS (SELECT 1 FROM job_tags t WHERE t.project_id = j.project_id AND t.name = @tagFilter AND t.job_id = j.id)');
    const direction = query.ascending ? 'ASC' : 'DESC';
    const sortColumn = query.sortBy === 'dominoStatsField' ? `json_extract(j.domino_stats, '$.' || json_quote(@statsField))` : SORT_COLUMNS[query.sortBy];
    // A filter on the live states matches few jobs (only unfinished ones): find them through
    // jobs_project_status and sort that handful. The unary + (a no-op on the value) keeps SQLite
    // from choosing instead to walk all of the project's jobs in sort order looking for them.
    const live = query.statusFilter === 'queued' || query.statusFilter === 'running' || query.statusFilter === 'active' ? '+' : '';
    // NULLs (a running job's duration, an untitled job) sort last either way. NULLS LAST, unlike
    // an "x IS NULL" term, lets SQLite walk the (project_id, is_archived, column, number) index
    // in order and stop at the page, instead of sorting every job of the project.
    const order = query.sortBy === 'number' ? `${live}j.number ${direction}` : `${live}${sortColumn} ${direction} NULLS LAST, ${live}j.number ${direction}`;
    const key = `${where.join(' AND ')}|${order}`;
    let statements = listCache.get(key) as { page: ReturnType<Db['prepare']>; count: ReturnType<Db['prepare']> } | undefined;
    if (!statements) {
      const whereSql = where.join(' AND ');
      statements = {
        page: db.prepare(`SELECT j.* FROM jobs j WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`),
        // A tag's count starts from its (fewer) tag rows, each looking up its job, instead of
        // probing the tags for every job of the project (CROSS JOIN fixes that order). A job has
        // a tag name at most once (UNIQUE (job_id, name)), so nothing is counted twice.
        count: db.prepare(
          query.tagFilter === undefined
            ? `SELECT count(*) AS n FROM jobs j WHERE ${whereSql}`
            : `SELECT count(*) AS n FROM job_tags t CROSS JOIN jobs j ON j.id = t.job_id WHERE t.project_id = @projectId AND t.name = @tagFilter AND ${jobWhere}`,
        ),
      };
      listCache.set(key, statements as never);
    }
    return statements;
  }

  return {
    insert(job: Pick<JobRow, 'id' | 'projectId' | 'title' | 'command' | 'status' | 'startedBy' | 'startedByName' | 'hardwareTierId' | 'environmentId' | 'inputCommitId' | 'resultsBranch' | 'submittedAt'>): JobRow {
      insert.run(job);
      return fromRaw(byId.get(job.id)!);
    },
    findById(id: string): JobRow | undefined {
      const raw = byId.get(id);
      return raw && fromRaw(raw);
    },
    /** Jobs not yet finished, oldest first: what a restart must recover and the queue holds. */
    live(): JobRow[] {
      return live.all().map(fromRaw);
    },
    update(id: string, patch: JobPatch): void {
      const keys = Object.keys(patch).sort() as Array<keyof JobPatch>;
      const cacheKey = keys.join(',');
      let statement = patchCache.get(cacheKey);
      if (!statement) {
        statement = db.prepare(`UPDATE jobs SET ${keys.map((k) => `${COLUMN_OF[k]} = @${k}`).join(', ')} WHERE id = @id`);
        patchCache.set(cacheKey, statement);
      }
      const values: Record<string, unknown> = { id };
      for (const k of keys) {
        const v = patch[k];
        values[k] = k === 'dominoStats' ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
      }
      statement.run(values);
    },
    list(query: JobListQuery): { rows: JobRow[]; totalCount: number } {
      const statements = listStatement(query);
      const params: Record<string, unknown> = { projectId: query.projectId, limit: query.limit, offset: query.offset };
      if (query.tagFilter !== undefined) params.tagFilter = query.tagFilter;
      if (query.sortBy === 'dominoStatsField') params.statsField = query.dominoStatsSortFieldName;
      return {
        rows: (statements.page.all(params) as RawJob[]).map(fromRaw),
        totalCount: (statements.count.get(params) as { n: number }).n,
      };
    },
    tags(jobId: string) {
      return tagsOf.all(jobId).map((t) => ({ id: t.id, name: t.name, creatorId: t.creator_id, createdAt: t.created_at }));
    },
    /** Tags of many jobs in one query (a list page). */
    tagsOfMany(jobIds: string[]): Map<string, Array<{ id: string; name: string; creatorId: string; createdAt: string }>> {
      const byJob = new Map<string, Array<{ id: string; name: string; creatorId: string; createdAt: string }>>(jobIds.map((id) => [id, []]));
      for (const t of tagsOfMany.all(JSON.stringify(jobIds))) byJob.get(t.job_id)?.push({ id: t.id, name: t.name, creatorId: t.creator_id, createdAt: t.created_at });
      return byJob;
    },
    findTagByName(jobId: string, name: string): string | undefined {
      return tagByName.get(jobId, name)?.id;
    },
    addTag(tag: { id: string; jobId: string; projectId: string; name: string; creatorId: string; createdAt: string }): void {
      insertTag.run(tag.id, tag.jobId, tag.projectId, tag.name, tag.creatorId, tag.createdAt);
    },
    removeTag(jobId: string, tagId: string): boolean {
      return deleteTag.run(jobId, tagId).changes > 0;
    },
    goalIds(jobId: string): string[] {
      return goalsOf.all(jobId).map((g) => g.goal_id);
    },
    linkGoal(jobId: string, goalId: string, linkedAt: string): void {
      linkGoal.run(jobId, goalId, linkedAt);
    },
    unlinkGoal(jobId: string, goalId: string): boolean {
      return unlinkGoal.run(jobId, goalId).changes > 0;
    },
  };
}
