// The job list's SQL against a plain-code reading of the same rules: every sort both ways, every
// status filter, archived shown or not, with and without a tag, across pages. Jobs change state,
// get tagged, archived and their stats rewritten after the fact, so the copies that migration 4
// keeps on tag and stat rows are checked too, including its backfill of an older database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { JOB_SORT_FIELDS, JOB_STATUS_FILTER_STATES, JOB_STATUS_FILTERS, type JobExecutionStatus, type JobListQuery } from '../../src/api/schemas/jobs';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/database';
import { type JobRow, jobsRepository } from '../db/jobs-repository';
import { migrate, migrations } from '../db/migrations';
import { newObjectId } from '../http/ids';
import { createUser } from '../services/users';
import { seeded } from './fixtures';

const STATUSES: JobExecutionStatus[] = ['Queued', 'Preparing', 'Running', 'Finishing', 'Succeeded', 'Failed', 'Stopped', 'Error'];
const STAT = 'AUC';
const TAG = 'reviewed';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDb(): { db: Db; dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-jobs-list-'));
  dirs.push(dataDir);
  return { db: openDatabase(path.join(dataDir, 'domino.sqlite')), dataDir };
}

interface Oracle {
  job: JobRow;
  tags: Set<string>;
}

// SQLite's order: NULL aside, numbers before text, numbers by value, text by bytes (ASCII here).
function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const SORT_VALUE: Record<string, (job: JobRow) => string | number | null> = {
  title: (j) => j.title,
  command: (j) => j.command,
  startedTime: (j) => j.submittedAt,
  duration: (j) => j.durationMs,
  status: (j) => j.status,
  user: (j) => j.startedByName,
  commentCount: (j) => j.commentCount,
};

/** The list's rules in plain code: which jobs, in which order (NULLs and missing stats last). */
function expected(all: Oracle[], query: JobListQuery): number[] {
  const matches = all.filter(({ job, tags }) => {
    if (job.projectId !== query.projectId) return false;
    if (query.tagFilter !== undefined && !tags.has(query.tagFilter)) return false;
    if (query.statusFilter === 'archived') return job.isArchived;
    if (!query.showArchived && job.isArchived) return false;
    return query.statusFilter === 'all' || (JOB_STATUS_FILTER_STATES[query.statusFilter] as readonly string[]).includes(job.status);
  });
  const sign = query.ascending ? 1 : -1;
  const valueOf =
    query.sortBy === 'dominoStatsField'
      ? (j: JobRow) => j.dominoStats[query.dominoStatsSortFieldName!] ?? null
      : query.sortBy === 'number'
        ? null
        : SORT_VALUE[query.sortBy]!;
  matches.sort((x, y) => {
    if (valueOf) {
      const a = valueOf(x.job);
      const b = valueOf(y.job);
      if (a === null && b !== null) return 1;
      if (b === null && a !== null) return -1;
      if (a !== null && b !== null && compareValues(a, b) !== 0) return sign * compareValues(a, b);
    }
    return sign * (x.job.number - y.job.number);
  });
  return matches.map((m) => m.job.number);
}

/** Jobs in two projects with varied fields; then later changes: status, archive, tags, stats. */
function seedJobs(db: Db, dataDir: string, count: number) {
  const app = createApp({ db, dataDir, logLevel: 'silent' });
  const ctx = app.ctx;
  const random = seeded(7);
  const users = ['ana', 'bo', 'chen'].map((userName) =>
    createUser(ctx, { userName, firstName: userName, lastName: 'T', email: `${userName}@example.com`, isAdmin: false }),
  );
  const project = (name: string) => {
    const id = newObjectId(ctx.clock);
    ctx.projects.insert({
      id,
      name,
      description: '',
      visibility: 'private',
      ownerId: users[0]!.id,
      resultsBranch: 'main',
      defaultHardwareTierId: 'small-k8s',
      mainRepository: null,
      createdAt: new Date(0).toISOString(),
    });
    return id;
  };
  ctx.hardwareTiers.insertIfMissing({
    id: 'small-k8s',
    name: 'Small',
    cores: 1,
    memoryGiB: 4,
    gpuCount: 0,
    gpuType: null,
    centsPerMinute: 1,
    maxSimultaneousExecutions: 1,
    maxRunMinutes: 60,
    isDefault: true,
    isArchived: false,
    sortOrder: 1,
  });
  const projects = [project('main'), project('other')];
  const oracle = new Map<string, Oracle>();
  for (let i = 0; i < count; i++) {
    const user = random.pick(users);
    const job = ctx.jobs.insert({
      id: newObjectId(ctx.clock),
      projectId: random.next() < 0.8 ? projects[0]! : projects[1]!,
      title: random.next() < 0.7 ? random.pick(['alpha', 'beta', 'Gamma', 'delta']) : null,
      command: random.pick(['python a.py', 'python b.py', 'bash run.sh']),
      status: 'Queued',
      startedBy: user.id,
      startedByName: user.userName,
      hardwareTierId: 'small-k8s',
      environmentId: null,
      inputCommitId: '0'.repeat(40),
      resultsBranch: 'main',
      submittedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(random.next() * 1e9)).toISOString(),
    });
    // Tagged while still queued: the tag row's copy of the status must follow what comes next.
    if (random.next() < 0.3)
      ctx.jobs.addTag({ id: newObjectId(ctx.clock), jobId: job.id, projectId: job.projectId, name: TAG, creatorId: user.id, createdAt: job.submittedAt });
    const status = random.pick(STATUSES);
    const finished = ['Succeeded', 'Failed', 'Stopped', 'Error'].includes(status);
    const stat = random.next();
    ctx.jobs.update(job.id, {
      status,
      durationMs: finished ? Math.floor(random.next() * 50) * 1000 : null,
      commentCount: Math.floor(random.next() * 4),
      // Numbers (ties included), text, a JSON null and no stat at all.
      dominoStats:
        stat < 0.4
          ? { [STAT]: Math.round(random.next() * 20) / 20, other: 1 }
          : stat < 0.5
            ? { [STAT]: random.pick(['n/a', 'high']) }
            : stat < 0.55
              ? ({ [STAT]: null } as never)
              : {},
    });
    if (random.next() < 0.15) ctx.jobs.update(job.id, { isArchived: true });
    if (random.next() < 0.1)
      ctx.jobs.addTag({ id: newObjectId(ctx.clock), jobId: job.id, projectId: job.projectId, name: 'prod', creatorId: user.id, createdAt: job.submittedAt });
    oracle.set(job.id, { job: ctx.jobs.findById(job.id)!, tags: new Set(ctx.jobs.tags(job.id).map((t) => t.name)) });
  }
  // Later changes to some jobs: a stat rewritten, one removed, a tag removed, one unarchived.
  const ids = [...oracle.keys()];
  for (const id of ids.filter((_, i) => i % 11 === 0)) {
    ctx.jobs.update(id, { dominoStats: { [STAT]: 0.5 } });
    const tags = ctx.jobs.tags(id);
    if (tags[0]) ctx.jobs.removeTag(id, tags[0].id);
  }
  for (const id of ids.filter((_, i) => i % 13 === 0)) ctx.jobs.update(id, { dominoStats: {}, isArchived: false });
  for (const id of ids) oracle.set(id, { job: ctx.jobs.findById(id)!, tags: new Set(ctx.jobs.tags(id).map((t) => t.name)) });
  return { ctx, app, projectId: projects[0]!, oracle: [...oracle.values()] };
}

function everyQuery(projectId: string, total: number): JobListQuery[] {
  const queries: JobListQuery[] = [];
  const sorts = [...JOB_SORT_FIELDS.filter((s) => s !== 'dominoStatsField'), 'dominoStatsField'] as const;
  for (const sortBy of sorts)
    for (const ascending of [true, false])
      for (const statusFilter of JOB_STATUS_FILTERS)
        for (const showArchived of [false, true])
          for (const tagFilter of [undefined, TAG])
            for (const [offset, limit] of [
              [0, 7],
              [20, 40],
              [Math.floor(total / 2), 100],
              [total, 10],
            ] as const)
              queries.push({
                projectId,
                offset,
                limit,
                sortBy,
                ascending,
                statusFilter,
                showArchived,
                ...(sortBy === 'dominoStatsField' ? { dominoStatsSortFieldName: STAT } : {}),
                ...(tagFilter ? { tagFilter } : {}),
              });
  return queries;
}

describe('the job list', () => {
  it('pages, sorts and filters as the rules say, for every combination', async () => {
    const { db, dataDir } = tempDb();
    const { ctx, app, projectId, oracle } = seedJobs(db, dataDir, 400);
    const check = (queries: JobListQuery[]) => {
      for (const query of queries) {
        const want = expected(oracle, query);
        const got = ctx.jobs.list(query);
        const label = JSON.stringify({ ...query, projectId: undefined });
        expect(
          got.rows.map((j) => j.number),
          label,
        ).toEqual(want.slice(query.offset, query.offset + query.limit));
        expect(got.totalCount, label).toBe(want.length);
      }
    };
    const queries = everyQuery(projectId, 320);
    check(queries);

    // Counts are cached until a job changes in a way that moves them: each such change must show.
    const firstPages = queries.filter((q) => q.offset === 0);
    const refresh = (id: string) => {
      const entry = oracle.find((o) => o.job.id === id)!;
      entry.job = ctx.jobs.findById(id)!;
      entry.tags = new Set(ctx.jobs.tags(id).map((t) => t.name));
    };
    const [a, b, c] = oracle.filter((o) => o.job.projectId === projectId).map((o) => o.job);
    const changes: Array<[string, () => void]> = [
      [a!.id, () => ctx.jobs.update(a!.id, { status: a!.status === 'Running' ? 'Failed' : 'Running' })],
      [b!.id, () => ctx.jobs.update(b!.id, { isArchived: !b!.isArchived })],
      [b!.id, () => ctx.jobs.update(b!.id, { dominoStats: b!.dominoStats[STAT] === undefined ? { [STAT]: 0.3 } : {} })],
      [c!.id, () => ctx.jobs.addTag({ id: newObjectId(ctx.clock), jobId: c!.id, projectId, name: 'x', creatorId: c!.startedBy, createdAt: c!.submittedAt })],
      [
        c!.id,
        () =>
          ctx.jobs.findTagByName(c!.id, TAG) ??
          ctx.jobs.addTag({ id: newObjectId(ctx.clock), jobId: c!.id, projectId, name: TAG, creatorId: c!.startedBy, createdAt: c!.submittedAt }),
      ],
      [c!.id, () => ctx.jobs.removeTag(c!.id, ctx.jobs.findTagByName(c!.id, TAG)!)],
    ];
    for (const [id, change] of changes) {
      change();
      refresh(id);
      check(firstPages.filter((q) => q.sortBy === 'number' || q.sortBy === 'dominoStatsField'));
    }

    // Sorting by a field no job has: every job, by number.
    const none = ctx.jobs.list({
      projectId,
      offset: 5,
      limit: 10,
      sortBy: 'dominoStatsField',
      dominoStatsSortFieldName: 'missing',
      ascending: true,
      statusFilter: 'all',
      showArchived: true,
    });
    expect(none.rows.map((j) => j.number)).toEqual(
      expected(oracle, { projectId, offset: 0, limit: 0, sortBy: 'number', ascending: true, statusFilter: 'all', showArchived: true }).slice(5, 15),
    );
    await app.close();
    db.close();
  });

  it('keeps the copies on tag and stat rows equal to their jobs, and migration 4 fills them in an older database', () => {
    const { db, dataDir } = tempDb();
    const { app } = seedJobs(db, dataDir, 150);
    void app.close();
    const copied = ['number', 'is_archived', 'status', 'title', 'command', 'submitted_at', 'duration_ms', 'started_by_name', 'comment_count'];
    const driftedTags = db
      .prepare(`SELECT count(*) AS n FROM job_tags t JOIN jobs j ON j.id = t.job_id WHERE ${copied.map((c) => `t.job_${c} IS NOT j.${c}`).join(' OR ')}`)
      .get() as { n: number };
    expect(driftedTags.n).toBe(0);
    const stats = db.prepare(`SELECT count(*) AS n FROM jobs j, json_each(j.domino_stats) s WHERE s.type <> 'null'`).get() as { n: number };
    const copies = db
      .prepare(
        `SELECT count(*) AS n FROM job_stats s JOIN jobs j ON j.id = s.job_id AND s.number = j.number AND s.is_archived = j.is_archived AND s.status = j.status AND s.value = json_extract(j.domino_stats, '$.' || s.name)`,
      )
      .get() as { n: number };
    expect(stats.n).toBeGreaterThan(50);
    expect(copies.n).toBe(stats.n);

    // The same data in a database still at version 3: migrating it must build the same copies.
    const olderFile = path.join(dataDir, 'older.sqlite');
    const older = new Database(olderFile);
    for (const migration of migrations.filter((m) => m.version <= 3)) older.exec(migration.sql);
    older.pragma('user_version = 3');
    older.exec(`ATTACH '${path.join(dataDir, 'domino.sqlite')}' AS current`);
    // The older tables' columns only: later migrations add some (jobs.environment_revision_id).
    for (const table of ['users', 'projects', 'hardware_tiers', 'jobs']) {
      const columns = (older.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((c) => c.name).join(', ');
      older.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM current.${table}`);
    }
    older.exec(
      'INSERT INTO main.job_tags (id, job_id, project_id, name, creator_id, created_at) SELECT id, job_id, project_id, name, creator_id, created_at FROM current.job_tags',
    );
    older.exec('DETACH current');
    migrate(older);
    const dump = (d: Database.Database) => ({
      tags: d.prepare('SELECT * FROM job_tags ORDER BY id').all(),
      stats: d.prepare('SELECT * FROM job_stats ORDER BY job_id, name').all(),
    });
    expect(dump(older)).toEqual(dump(db));
    expect(
      jobsRepository(older).list({
        projectId: (db.prepare('SELECT project_id FROM jobs LIMIT 1').get() as { project_id: string }).project_id,
        offset: 0,
        limit: 5,
        sortBy: 'dominoStatsField',
        dominoStatsSortFieldName: STAT,
        ascending: false,
        statusFilter: 'all',
        showArchived: false,
      }).rows,
    ).toHaveLength(5);
    older.close();
    db.close();
  });
});
