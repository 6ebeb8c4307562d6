import { createHash } from 'node:crypto';
import type { CrossProjectJobsQuery, JobExecutionStatus, JobListQuery, JobSortField } from '../../src/api/schemas/jobs';
import { JOB_STATUS_FILTER_STATES } from '../../src/api/schemas/jobs';
import { VersionedCache } from '../http/versioned-cache';
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
  /** The environment revision it ran on (recorded when it was started with an environment). */
  environmentRevisionId: string | null;
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
  /** CPU used by the job's processes, in core-seconds (utime + stime), as sampled. */
  cpuSeconds: number | null;
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
  environment_revision_id: string | null;
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
  cpu_seconds: number | null;
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
  environmentRevisionId: r.environment_revision_id,
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
  cpuSeconds: r.cpu_seconds,
  dominoStats: JSON.parse(r.domino_stats) as Record<string, string | number>,
  pgid: r.pgid,
  commentCount: r.comment_count,
});

export const LIVE_STATUSES: readonly JobExecutionStatus[] = JOB_STATUS_FILTER_STATES.active;
export const RUNNING_STATUSES: readonly JobExecutionStatus[] = ['Preparing', 'Running', 'Finishing'];

// The column each sort orders by (then by number, so pages are stable): on jobs as named here,
// on a tag row as job_<name> (migration 4 keeps those copies).
const SORT_COLUMNS: Record<Exclude<JobSortField, 'dominoStatsField'>, string> = {
  number: 'number',
  title: 'title',
  command: 'command',
  startedTime: 'submitted_at',
  duration: 'duration_ms',
  status: 'status',
  user: 'started_by_name',
  commentCount: 'comment_count',
};

interface ListStatements {
  count: Statement;
  /** The page; sorted by a dominoStats field, its part among the jobs that have the field. */
  page: Statement;
  /** Sorted by a dominoStats field: how many jobs have it, and a page of those that don't. */
  byStat?: { count: Statement; pageWithout: Statement };
}

type Statement = ReturnType<Db['prepare']>;

/** The parts of a list query that decide its SQL (not the values bound to it). */
const listShape = (query: JobListQuery) =>
  `${query.sortBy}|${query.ascending}|${query.statusFilter}|${query.showArchived}|${query.tagFilter !== undefined}|${query.executionStatus ?? ''}`;

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
  environmentRevisionId: 'environment_revision_id',
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
  cpuSeconds: 'cpu_seconds',
  dominoStats: 'domino_stats',
  pgid: 'pgid',
  commentCount: 'comment_count',
};

export type JobsRepository = ReturnType<typeof jobsRepository>;

export function jobsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO jobs (id, project_id, number, title, command, status, started_by, started_by_name, hardware_tier_id, environment_id, environment_revision_id, input_commit_id, results_branch, submitted_at)
     VALUES (@id, @projectId, (SELECT coalesce(max(number), 0) + 1 FROM jobs WHERE project_id = @projectId), @title, @command, @status, @startedBy, @startedByName, @hardwareTierId, @environmentId, @environmentRevisionId, @inputCommitId, @resultsBranch, @submittedAt)`,
  );
  const byId = db.prepare<[string], RawJob>('SELECT * FROM jobs WHERE id = ?');
  const live = db.prepare<[], RawJob>(
    `SELECT * FROM jobs WHERE status IN ('Queued', 'Pending', 'Preparing', 'Running', 'Finishing') ORDER BY submitted_at, number`,
  );
  const queueOfTier = db.prepare<{ tier: string; submittedAt: string; number: number }, { running: number | null; ahead: number | null }>(
    `SELECT sum(status <> 'Queued') AS running, sum(status = 'Queued' AND (submitted_at < @submittedAt OR (submitted_at = @submittedAt AND number < @number))) AS ahead
     FROM jobs WHERE status IN ('Queued', 'Pending', 'Preparing', 'Running', 'Finishing') AND hardware_tier_id = @tier`,
  );
  const tagsOf = db.prepare<[string], { id: string; name: string; creator_id: string; created_at: string }>(
    'SELECT * FROM job_tags WHERE job_id = ? ORDER BY created_at, id',
  );
  const tagsOfMany = db.prepare<[string], { job_id: string; id: string; name: string; creator_id: string; created_at: string }>(
    'SELECT * FROM job_tags WHERE job_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id',
  );
  // The job fields the list sorts and filters on are copied onto the row by the job_tags_copy_job trigger.
  const insertTag = db.prepare('INSERT INTO job_tags (id, job_id, project_id, name, creator_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const tagByName = db.prepare<[string, string], { id: string }>('SELECT id FROM job_tags WHERE job_id = ? AND name = ?');
  const deleteTag = db.prepare('DELETE FROM job_tags WHERE job_id = ? AND id = ?');
  const goalsOf = db.prepare<[string], { goal_id: string }>('SELECT goal_id FROM job_goals WHERE job_id = ? ORDER BY linked_at, goal_id');
  const linkGoal = db.prepare('INSERT OR IGNORE INTO job_goals (job_id, goal_id, linked_at) VALUES (?, ?, ?)');
  const unlinkGoal = db.prepare('DELETE FROM job_goals WHERE job_id = ? AND goal_id = ?');
  const patchCache = new Map<string, ReturnType<Db['prepare']>>();
  const listCache = new Map<string, ListStatements>();
  // What a list counts changes only when a job is added, changes status, archived flag or stats,
  // or gains or loses a tag; those bump the version, and the counts (a walk over up to every job of
  // the project, the bulk of a page's cost) are taken again. Only this repository writes jobs.
  let countVersion = 0;
  const counts = new VersionedCache<number>(() => countVersion);

  /** SQL for a list query, prepared once per shape (filters, sort, direction). */
  function listStatements(query: JobListQuery): ListStatements {
    const key = listShape(query);
    let statements = listCache.get(key);
    if (!statements) {
      statements = buildListStatements(query);
      listCache.set(key, statements);
    }
    return statements;
  }

  function buildListStatements(query: JobListQuery): ListStatements {
    const direction = query.ascending ? 'ASC' : 'DESC';
    const tagged = query.tagFilter !== undefined;
    // A filter on the live states matches few jobs (only unfinished ones): the page finds them
    // through a status index and sorts that handful; the unary + (a no-op on the value) on the
    // sort terms keeps SQLite from walking every job in sort order looking for them. Any other
    // filter keeps most jobs: the page walks the sort's index in order, tests the archived flag
    // and status on each entry (every list index holds them), and stops at offset + limit; the +
    // on the status term then keeps SQLite from looking the status up instead.
    const live = query.statusFilter === 'queued' || query.statusFilter === 'running' || query.statusFilter === 'active';
    const first = live ? '+' : '';
    // The filters on any row that carries a job's archived flag and status: the job's own, or
    // the copies on its tag and stat rows.
    const filters = (archived: string, status: string, inSortOrder = false): string[] => {
      if (query.statusFilter === 'archived') return [`${archived} = 1`];
      const where: string[] = [];
      if (!query.showArchived) where.push(`${archived} = 0`);
      if (query.statusFilter !== 'all')
        where.push(`${inSortOrder && !live ? '+' : ''}${status} IN (${JOB_STATUS_FILTER_STATES[query.statusFilter].map((s) => `'${s}'`).join(', ')})`);
      // The extension's outcome (one of JOB_OUTCOMES, checked by the contract): within statusFilter.
      if (query.executionStatus) where.push(`${inSortOrder && !live ? '+' : ''}${status} = '${query.executionStatus}'`);
      return where;
    };
    // In number order SQLite would take the UNIQUE (project_id, number) index, which lacks the
    // archived flag and status: every entry walked would read its job. Named, the list's own.
    const byNumber = live ? '' : ' INDEXED BY jobs_project_number';
    // NULLs (a running job's duration, an untitled job) sort last either way. NULLS LAST, unlike
    // an "x IS NULL" term, keeps the walk in index order.
    const orderBy = (value: string, number: string, plus = first) =>
      query.sortBy === 'number' ? `${plus}${number} ${direction}` : `${plus}${value} ${direction} NULLS LAST, ${plus}${number} ${direction}`;
    const tagWhere = ['t.project_id = @projectId', 't.name = @tagFilter', ...filters('t.job_is_archived', 't.job_status', true)].join(' AND ');
    // With a tag filter the count is a walk of the tag's index entries, no job read.
    const count = db.prepare(
      tagged
        ? `SELECT count(*) AS n FROM job_tags t WHERE ${tagWhere}`
        : `SELECT count(*) AS n FROM jobs j WHERE ${['j.project_id = @projectId', ...filters('j.is_archived', 'j.status')].join(' AND ')}`,
    );

    if (query.sortBy === 'dominoStatsField') {
      // Jobs with the field first, by its value (then number), from job_stats_list; then the
      // jobs without it, by number, as NULLS LAST ordered them when the value was parsed from
      // each job's JSON. The page may straddle the two; list() splits it by their count. A tag is
      // tested by job number on the entries of either walk: SQLite lists the tag's numbers once.
      const hasTag = (number: string) =>
        tagged ? [`${number} IN (SELECT t.job_number FROM job_tags t WHERE t.project_id = @projectId AND t.name = @tagFilter)`] : [];
      const statWhere = ['s.project_id = @projectId', 's.name = @statsField', ...filters('s.is_archived', 's.status'), ...hasTag('s.number')].join(' AND ');
      const jobWhere = ['j.project_id = @projectId', ...filters('j.is_archived', 'j.status', true), ...hasTag('j.number')].join(' AND ');
      return {
        count,
        page: db.prepare(
          `SELECT j.* FROM (SELECT s.job_id, s.value, s.number FROM job_stats s WHERE ${statWhere} ORDER BY s.value ${direction}, s.number ${direction} LIMIT @limit OFFSET @offset) p
           CROSS JOIN jobs j ON j.id = p.job_id ORDER BY p.value ${direction}, p.number ${direction}`,
        ),
        byStat: {
          count: db.prepare(`SELECT count(*) AS n FROM job_stats s WHERE ${statWhere}`),
          pageWithout: db.prepare(
            `SELECT j.* FROM jobs j${byNumber} WHERE ${jobWhere} AND NOT EXISTS (SELECT 1 FROM job_stats s WHERE s.job_id = j.id AND s.name = @statsField)
             ORDER BY j.number ${direction} LIMIT @limit OFFSET @offset`,
          ),
        },
      };
    }

    const column = SORT_COLUMNS[query.sortBy];
    if (tagged) {
      // The page's job ids from the tag's index for this sort alone (offset rows are skipped in
      // the index), then only those jobs read.
      return {
        count,
        page: db.prepare(
          `SELECT j.* FROM (SELECT t.job_id, t.job_${column} AS sort_value, t.job_number AS sort_number FROM job_tags t WHERE ${tagWhere}
             ORDER BY ${orderBy(`t.job_${column}`, 't.job_number')} LIMIT @limit OFFSET @offset) p
           CROSS JOIN jobs j ON j.id = p.job_id ORDER BY ${orderBy('p.sort_value', 'p.sort_number', '')}`,
        ),
      };
    }
    const jobWhere = ['j.project_id = @projectId', ...filters('j.is_archived', 'j.status', true)].join(' AND ');
    const from = query.sortBy === 'number' ? `jobs j${byNumber}` : 'jobs j';
    return { count, page: db.prepare(`SELECT j.* FROM ${from} WHERE ${jobWhere} ORDER BY ${orderBy(`j.${column}`, 'j.number')} LIMIT @limit OFFSET @offset`) };
  }

  const acrossCache = new Map<string, ListStatements>();

  /**
   * SQL of the list across projects, by shape (bench/jobs-across-projects.ts). Newest first, ties
   * by rowid (in every index, unlike the id). A live filter finds its handful of jobs through
   * jobs_live and sorts them; "mine" walks the starter's jobs in time order; everyone's either
   * walks all jobs in time order, testing each entry's project (`walk`: cheap while matches are
   * dense), or reads the projects' own jobs one project at a time and sorts the matches
   * (`gather`: cheap for a few projects or a rare status deep in the list). Every index used
   * holds project, archived flag and status: no job is read to be skipped. The unary + keeps
   * SQLite off an index other than the one meant.
   */
  function acrossStatements(query: CrossProjectJobsQuery, mine: boolean, gather: boolean): ListStatements {
    const key = `${query.statusFilter}|${query.executionStatus ?? ''}|${query.ascending}|${mine}|${gather}`;
    let statements = acrossCache.get(key);
    if (statements) return statements;
    const direction = query.ascending ? 'ASC' : 'DESC';
    const live = query.statusFilter === 'queued' || query.statusFilter === 'running' || query.statusFilter === 'active';
    const states = query.statusFilter === 'all' ? undefined : JOB_STATUS_FILTER_STATES[query.statusFilter];
    const inList = (values: readonly string[]) => `(${values.map((s) => `'${s}'`).join(', ')})`;
    const where = (plus: string) => [
      `${plus}j.is_archived = 0`,
      `${live ? '+' : ''}j.project_id IN (SELECT value FROM json_each(@projectIds))`,
      // A live filter names jobs_live's own condition too, which is how SQLite knows the partial index holds every match.
      ...(live ? [`j.status IN ${inList(LIVE_STATUSES)}`] : []),
      ...(states ? [`${live ? '' : plus}j.status IN ${inList(states)}`] : []),
      ...(query.executionStatus ? [`${plus}j.status = '${query.executionStatus}'`] : []),
      ...(mine ? [`${live ? '+' : ''}j.started_by = @userId`] : []),
    ];
    const index = live
      ? ' INDEXED BY jobs_live'
      : mine
        ? ' INDEXED BY jobs_starter'
        : gather
          ? ' INDEXED BY jobs_project_submitted'
          : ' INDEXED BY jobs_submitted';
    const first = live ? '+' : '';
    statements = {
      // Counted per project through jobs_project_status (or the starter's entries): index entries only.
      count: db.prepare(
        `SELECT count(*) AS n FROM jobs j${live ? ' INDEXED BY jobs_live' : mine ? ' INDEXED BY jobs_starter' : ' INDEXED BY jobs_project_status'} WHERE ${where('').join(' AND ')}`,
      ),
      // The page's rowids from the index alone, then only those jobs read.
      page: db.prepare(
        `SELECT j.* FROM (SELECT j.rowid AS r, j.submitted_at AS t FROM jobs j${index} WHERE ${where('+').join(' AND ')}
           ORDER BY ${first}j.submitted_at ${direction}, ${first}j.rowid ${direction} LIMIT @limit OFFSET @offset) p
         CROSS JOIN jobs j ON j.rowid = p.r ORDER BY p.t ${direction}, p.r ${direction}`,
      ),
    };
    acrossCache.set(key, statements);
    return statements;
  }

  return {
    /**
     * A page of the jobs of the given projects (live ones the caller may read: the service's to
     * decide), newest first, ties by insertion; `startedBy` keeps one person's. `share`: the
     * projects' part of all live projects, which with the count estimates what a walk over every
     * job would skip.
     */
    listAcrossProjects(
      query: CrossProjectJobsQuery,
      scope: { projectIds: string[]; startedBy: string | undefined; share: number },
    ): { rows: JobRow[]; totalCount: number } {
      const mine = scope.startedBy !== undefined;
      const projectIds = JSON.stringify(scope.projectIds);
      const params: Record<string, unknown> = { projectIds, limit: query.limit, offset: query.offset };
      if (mine) params.userId = scope.startedBy;
      // The set of projects can be a thousand ids: the cache key holds its digest.
      const setKey = createHash('sha1').update(projectIds).digest('base64');
      const totalCount = counts.get(JSON.stringify(['across', setKey, scope.startedBy ?? null, query.statusFilter, query.executionStatus ?? null]), () =>
        Number((acrossStatements(query, mine, false).count.get(params) as { n: number }).n),
      );
      if (query.offset >= totalCount) return { rows: [], totalCount };
      // A walk in time order passes about (offset + limit) × jobs / matches entries; gathering reads
      // the projects' jobs (about share × jobs) and sorts the matches: walk while that is more.
      const gather = totalCount * scope.share < query.offset + query.limit;
      return { rows: (acrossStatements(query, mine, gather).page.all(params) as RawJob[]).map(fromRaw), totalCount };
    },
    insert(
      job: Pick<
        JobRow,
        | 'id'
        | 'projectId'
        | 'title'
        | 'command'
        | 'status'
        | 'startedBy'
        | 'startedByName'
        | 'hardwareTierId'
        | 'environmentId'
        | 'inputCommitId'
        | 'resultsBranch'
        | 'submittedAt'
      > & { environmentRevisionId?: string | null },
    ): JobRow {
      insert.run({ environmentRevisionId: null, ...job });
      countVersion++;
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
    /** On a queued job's tier: how many run, and how many queued jobs are ahead of it (read through the live-status index). */
    queuePosition(job: Pick<JobRow, 'hardwareTierId' | 'submittedAt' | 'number'>): { running: number; ahead: number } {
      const row = queueOfTier.get({ tier: job.hardwareTierId, submittedAt: job.submittedAt, number: job.number })!;
      return { running: row.running ?? 0, ahead: row.ahead ?? 0 };
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
      if ('status' in patch || 'isArchived' in patch || 'dominoStats' in patch) countVersion++;
    },
    list(query: JobListQuery): { rows: JobRow[]; totalCount: number } {
      const statements = listStatements(query);
      const params: Record<string, unknown> = { projectId: query.projectId, limit: query.limit, offset: query.offset };
      if (query.tagFilter !== undefined) params.tagFilter = query.tagFilter;
      if (query.sortBy === 'dominoStatsField') params.statsField = query.dominoStatsSortFieldName;
      // A count depends on the filters, not the sort: one entry serves every sort of a filter.
      const countOf = (statement: Statement, statsField: string | null) =>
        counts.get(
          JSON.stringify([query.projectId, query.statusFilter, query.executionStatus ?? null, query.showArchived, query.tagFilter ?? null, statsField]),
          () => (statement.get(params) as { n: number }).n,
        );
      const totalCount = countOf(statements.count, null);
      // A page past the end is empty: no walk through every job to find that out.
      if (query.offset >= totalCount) return { rows: [], totalCount };
      const { byStat } = statements;
      if (!byStat) return { rows: (statements.page.all(params) as RawJob[]).map(fromRaw), totalCount };
      // Sorted by a stat: the page's part among the jobs with it, then its part among the rest.
      const withStat = countOf(byStat.count, query.dominoStatsSortFieldName!);
      const rows = query.offset < withStat ? (statements.page.all(params) as RawJob[]) : [];
      if (rows.length < query.limit) {
        const rest = { ...params, offset: Math.max(0, query.offset - withStat), limit: query.limit - rows.length };
        rows.push(...(byStat.pageWithout.all(rest) as RawJob[]));
      }
      return { rows: rows.map(fromRaw), totalCount };
    },
    tags(jobId: string) {
      return tagsOf.all(jobId).map((t) => ({ id: t.id, name: t.name, creatorId: t.creator_id, createdAt: t.created_at }));
    },
    /** Tags of many jobs in one query (a list page). */
    tagsOfMany(jobIds: string[]): Map<string, Array<{ id: string; name: string; creatorId: string; createdAt: string }>> {
      const byJob = new Map<string, Array<{ id: string; name: string; creatorId: string; createdAt: string }>>(jobIds.map((id) => [id, []]));
      for (const t of tagsOfMany.all(JSON.stringify(jobIds)))
        byJob.get(t.job_id)?.push({ id: t.id, name: t.name, creatorId: t.creator_id, createdAt: t.created_at });
      return byJob;
    },
    findTagByName(jobId: string, name: string): string | undefined {
      return tagByName.get(jobId, name)?.id;
    },
    addTag(tag: { id: string; jobId: string; projectId: string; name: string; creatorId: string; createdAt: string }): void {
      insertTag.run(tag.id, tag.jobId, tag.projectId, tag.name, tag.creatorId, tag.createdAt);
      countVersion++;
    },
    removeTag(jobId: string, tagId: string): boolean {
      const removed = deleteTag.run(jobId, tagId).changes > 0;
      if (removed) countVersion++;
      return removed;
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
