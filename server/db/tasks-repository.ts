// Durable background tasks: one row each, written at every change of state, so a restart knows
// what was queued, what was cut off while running, and what ended.
import type { Db } from './database';

export type TaskStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface TaskRow {
  id: string;
  kind: string;
  payload: unknown;
  status: TaskStatus;
  attempts: number;
  progress: { done: number; total: number | null; note: string | null };
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface RawTask {
  id: string;
  kind: string;
  payload: string;
  status: TaskStatus;
  attempts: number;
  progress_done: number;
  progress_total: number | null;
  progress_note: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const fromRaw = (r: RawTask): TaskRow => ({
  id: r.id,
  kind: r.kind,
  payload: JSON.parse(r.payload) as unknown,
  status: r.status,
  attempts: r.attempts,
  progress: { done: r.progress_done, total: r.progress_total, note: r.progress_note },
  error: r.error,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export type TasksRepository = ReturnType<typeof tasksRepository>;

export function tasksRepository(db: Db) {
  const insert = db.prepare('INSERT INTO tasks (id, kind, payload, status, created_at) VALUES (?, ?, ?, ?, ?)');
  const byId = db.prepare<[string], RawTask>('SELECT * FROM tasks WHERE id = ?');
  const pendingOfKind = db.prepare<[string], RawTask>(`SELECT * FROM tasks WHERE kind = ? AND status IN ('queued', 'running') ORDER BY created_at, id`);
  const interrupted = db.prepare<[], RawTask>(`SELECT * FROM tasks WHERE status = 'running'`);
  // Claiming is a compare-and-set: a task runs only for whoever moved it from queued to running.
  const claim = db.prepare(`UPDATE tasks SET status = 'running', attempts = attempts + 1, started_at = ?, error = NULL WHERE id = ? AND status = 'queued'`);
  const requeue = db.prepare(`UPDATE tasks SET status = 'queued' WHERE id = ? AND status = 'running'`);
  const progress = db.prepare(`UPDATE tasks SET progress_done = ?, progress_total = ?, progress_note = ? WHERE id = ? AND status = 'running'`);
  const finish = db.prepare(`UPDATE tasks SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'`);

  return {
    insert(task: { id: string; kind: string; payload: unknown; createdAt: string }): void {
      insert.run(task.id, task.kind, JSON.stringify(task.payload ?? null), 'queued', task.createdAt);
    },
    findById(id: string): TaskRow | undefined {
      const row = byId.get(id);
      return row ? fromRaw(row) : undefined;
    },
    /** Queued and running tasks of a kind, oldest first. */
    pending(kind: string): TaskRow[] {
      return pendingOfKind.all(kind).map(fromRaw);
    },
    /** Tasks that were running when the last server stopped. */
    interrupted(): TaskRow[] {
      return interrupted.all().map(fromRaw);
    },
    claim(id: string, at: string): boolean {
      return claim.run(at, id).changes === 1;
    },
    requeue(id: string): void {
      requeue.run(id);
    },
    progress(id: string, done: number, total: number | null, note: string | null): void {
      progress.run(done, total, note, id);
    },
    finish(id: string, status: 'succeeded' | 'failed', error: string | null, at: string): boolean {
      return finish.run(status, error, at, id).changes === 1;
    },
  };
}
