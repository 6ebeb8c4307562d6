// Capture (migration 21): what existed before the migration is captured by it; afterwards the
// triggers record each job, workspace session and Model API worker as it starts and ends, with the
// labels of that moment.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../db/migrations';

function databaseAt(version: number): Database.Database {
  const db = new Database(':memory:');
  for (const migration of migrations.filter((m) => m.version <= version)) db.exec(migration.sql);
  db.pragma(`user_version = ${version}`);
  db.exec(`
    INSERT INTO users (id, user_name, first_name, last_name, email, created_at) VALUES
      ('u1', 'maya', 'M', 'C', 'm@example.com', '2026-01-01T00:00:00Z'), ('u2', 'omar', 'O', 'H', 'o@example.com', '2026-01-01T00:00:00Z');
    INSERT INTO organizations (id, name, created_at) VALUES ('o2', 'Zeta', '2026-01-01T00:00:00Z'), ('o1', 'Alpha', '2026-01-01T00:00:00Z');
    INSERT INTO organization_members (organization_id, user_id, role, added_at) VALUES ('o2', 'u1', 'member', 'x'), ('o1', 'u1', 'member', 'x');
    INSERT INTO projects (id, name, visibility, owner_id, created_at) VALUES ('p1', 'churn', 'private', 'u1', '2026-01-01T00:00:00Z');
    INSERT INTO hardware_tiers (id, name, cores, memory_gib, cents_per_minute, max_simultaneous_executions, max_run_minutes)
      VALUES ('small', 'Small', 1, 4, 0.8, 4, 60);
  `);
  return db;
}

const insertJob = (db: Database.Database, id: string, preparingAt: string | null, completedAt: string | null) =>
  db
    .prepare(
      `INSERT INTO jobs (id, project_id, number, command, status, started_by, started_by_name, hardware_tier_id, input_commit_id, results_branch, submitted_at, preparing_at, completed_at)
       VALUES (?, 'p1', ?, 'x', 'Queued', 'u2', 'omar', 'small', 'c', 'main', '2026-02-01T09:00:00Z', ?, ?)`,
    )
    .run(id, Math.floor(Math.random() * 1e9), preparingAt, completedAt);

const rows = (db: Database.Database) =>
  db
    .prepare(
      `SELECT e.source, e.source_id, e.started_ms, e.ended_ms, e.rate_ucpm, e.cpu_seconds, d.project_name, d.user_name, d.organization_name, d.billing_tag, d.workload_type
       FROM cost_executions e JOIN cost_dims d ON d.id = e.dim_id ORDER BY e.source, e.source_id`,
    )
    .all();

describe('cost capture', () => {
  it('captures what ran before the migration', () => {
    const db = databaseAt(20);
    insertJob(db, 'j-done', '2026-02-01T10:00:00.000Z', '2026-02-01T10:30:00.000Z');
    insertJob(db, 'j-queued', null, null);
    db.exec(`INSERT INTO executions (id, project_id, kind, hardware_tier_id, started_by, status, started_at)
             VALUES ('w1', 'p1', 'workspace', 'small', 'u1', 'Running', '2026-02-02T08:00:00Z')`);
    migrate(db);
    expect(rows(db)).toEqual([
      {
        source: 'job',
        source_id: 'j-done',
        started_ms: Date.parse('2026-02-01T10:00:00Z'),
        ended_ms: Date.parse('2026-02-01T10:30:00Z'),
        rate_ucpm: 800_000,
        cpu_seconds: 0,
        project_name: 'churn',
        user_name: 'omar',
        // The owner's organization, the first by name.
        organization_name: 'Alpha',
        billing_tag: '',
        workload_type: 'job',
      },
      expect.objectContaining({ source: 'workspace', source_id: 'w1', ended_ms: null, user_name: 'maya', workload_type: 'workspace' }),
    ]);
  });

  it('records starts and ends as they happen, with the labels and rate of the start', () => {
    const db = databaseAt(21);
    db.exec(`INSERT INTO billing_tags (id, tag, created_at, updated_at) VALUES ('t1', 'finance', 'x', 'x'); UPDATE projects SET billing_tag_id = 't1'`);
    insertJob(db, 'j1', null, null);
    expect(rows(db)).toEqual([]);
    db.exec(`UPDATE jobs SET status = 'Preparing', preparing_at = '2026-03-01T10:00:00.000Z' WHERE id = 'j1'`);
    // Later changes to the project and the tier do not reach what already started.
    db.exec(`UPDATE projects SET billing_tag_id = NULL, name = 'renamed'; UPDATE hardware_tiers SET cents_per_minute = 5`);
    db.exec(`UPDATE jobs SET cpu_seconds = 42 WHERE id = 'j1'`);
    expect(rows(db)).toEqual([
      expect.objectContaining({ source_id: 'j1', ended_ms: null, cpu_seconds: 42, billing_tag: 'finance', project_name: 'churn', rate_ucpm: 800_000 }),
    ]);
    db.exec(`UPDATE jobs SET status = 'Succeeded', completed_at = '2026-03-01T10:05:00.000Z' WHERE id = 'j1'`);
    expect(rows(db)[0]).toMatchObject({ ended_ms: Date.parse('2026-03-01T10:05:00Z') });

    db.exec(`INSERT INTO executions (id, project_id, kind, hardware_tier_id, started_by, status, started_at)
             VALUES ('w1', 'p1', 'workspace', 'small', 'u1', 'Running', '2026-03-02T08:00:00Z')`);
    db.exec(`UPDATE executions SET status = 'Stopped', ended_at = '2026-03-03T09:00:00Z' WHERE id = 'w1'`);
    db.exec(`INSERT INTO model_apis (id, name, description, project_id, environment_id, hardware_tier_id, is_async, strict_node_anti_affinity, replicas, timeout_secs,
               environment_variables, created_at, created_by, last_modified) VALUES ('m1', 'api', '', 'p1', 'e', 'small', 0, 0, 1, 60, '[]', 0, 'u2', 0)`);
    db.exec(
      `INSERT INTO model_api_executions (id, model_api_id, version_id, hardware_tier_id, replica, started_at) VALUES ('x1', 'm1', 'v1', 'small', 0, ${Date.parse('2026-03-04T00:00:00Z')})`,
    );
    db.exec(`UPDATE model_api_executions SET ended_at = ${Date.parse('2026-03-04T01:00:00Z')}, end_reason = 'stopped' WHERE id = 'x1'`);
    const captured = rows(db);
    expect(captured.map((r: any) => [r.source, r.source_id, r.user_name, r.project_name, r.billing_tag, r.rate_ucpm, r.ended_ms - r.started_ms])).toEqual([
      ['job', 'j1', 'omar', 'churn', 'finance', 800_000, 5 * 60_000],
      // The Model API's worker counts as its creator's.
      ['model_api', 'x1', 'omar', 'renamed', '', 5_000_000, 3_600_000],
      ['workspace', 'w1', 'maya', 'renamed', '', 5_000_000, 25 * 3_600_000],
    ]);
    // Over a day: read by the edge scans' index for long executions.
    expect(db.prepare(`SELECT is_long FROM cost_executions WHERE source_id = 'w1'`).get()).toEqual({ is_long: 1 });
  });
});
