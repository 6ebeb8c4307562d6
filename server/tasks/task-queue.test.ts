// The durable task kit: bounded pools, visible progress, failures in the server's words, and a
// task cut off by a SIGKILL run again at the next start, ending with exactly one result.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { openDatabase, type Db } from '../db/database';
import { tasksRepository } from '../db/tasks-repository';
import { newObjectId } from '../http/ids';
import { TaskFailure, TaskQueue } from './task-queue';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function queueOn(file: string) {
  const db = openDatabase(file);
  dbs.push(db);
  const errors: unknown[] = [];
  return {
    db,
    queue: new TaskQueue(tasksRepository(db), systemClock, { newId: () => newObjectId(systemClock), reportError: (error) => errors.push(error) }),
    errors,
  };
}

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-tasks-'));
  dirs.push(dir);
  return dir;
}

describe('TaskQueue', () => {
  it('runs a kind on its bounded pool, in order, with progress kept on the row', async () => {
    const { queue } = queueOn(path.join(tempDir(), 'db.sqlite'));
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const kind = queue.define<{ n: number }>('work', {
      concurrency: 2,
      async run({ n }, task) {
        running++;
        most = Math.max(most, running);
        task.progress(1, 2, `halfway through ${n}`);
        await new Promise((r) => setTimeout(r, 30));
        task.progress(2, 2, `done with ${n}`);
        order.push(n);
        running--;
      },
    });
    queue.start();
    const ids = [1, 2, 3, 4, 5].map((n) => kind.enqueue({ n }));
    await queue.drained('work');
    expect(most).toBe(2);
    expect(order.slice().sort()).toEqual([1, 2, 3, 4, 5]);
    for (const id of ids) expect(queue.get(id)).toMatchObject({ status: 'succeeded', attempts: 1, progress: { done: 2, total: 2 }, error: null });
    expect(queue.get(ids[0]!)!.progress.note).toBe('done with 1');
  });

  it('records a failure in the task’s own words, or a plain one for an unexpected error, and tells the kind', async () => {
    const { queue, errors } = queueOn(path.join(tempDir(), 'db.sqlite'));
    const failed: string[] = [];
    const kind = queue.define<{ explain: boolean }>('fragile', {
      async run({ explain }) {
        if (explain) throw new TaskFailure('the dataset has no files to snapshot');
        throw new Error('ENOSPC /var/secret/path');
      },
      onFailed: (_payload, reason) => failed.push(reason),
    });
    queue.start();
    const explained = kind.enqueue({ explain: true });
    const unexpected = kind.enqueue({ explain: false });
    await queue.drained('fragile');
    expect(queue.get(explained)).toMatchObject({ status: 'failed', error: 'the dataset has no files to snapshot' });
    expect(queue.get(unexpected)!.error).not.toContain('/var/secret');
    expect(failed).toHaveLength(2);
    expect(errors).toHaveLength(1);
  });

  it('runs a task again after a SIGKILL mid-run, and it ends with exactly one result', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'db.sqlite');
    const trail = path.join(dir, 'trail.txt');
    const worker = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'task-worker.fixture.ts'), file, trail], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const taskId = await new Promise<string>((resolve, reject) => {
      let out = '';
      worker.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /started (\w+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      worker.on('exit', (code) => reject(new Error(`the worker exited (${code}) before its task started`)));
    });
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    expect(fs.readFileSync(trail, 'utf8')).toBe(`start ${taskId} 1\n`);

    // The next start: the same kind, the same data.
    const { queue } = queueOn(file);
    expect(queue.get(taskId)!.status).toBe('running');
    queue.define<{ label: string }>('slow-write', {
      async run({ label }, task) {
        fs.appendFileSync(trail, `start ${task.id} ${task.attempt}\n`);
        fs.appendFileSync(trail, `end ${label} ${task.attempt}\n`);
      },
    });
    queue.start();
    await queue.drained('slow-write');
    expect(queue.get(taskId)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(fs.readFileSync(trail, 'utf8')).toBe(`start ${taskId} 1\nstart ${taskId} 2\nend survivor 2\n`);
  }, 30_000);

  it('fails a task that every restart cut off, instead of running it forever', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const { db, queue } = queueOn(file);
    const repo = tasksRepository(db);
    repo.insert({ id: 'a'.repeat(24), kind: 'doomed', payload: {}, createdAt: new Date().toISOString() });
    for (let attempt = 0; attempt < 3; attempt++) {
      repo.claim('a'.repeat(24), new Date().toISOString());
      if (attempt < 2) repo.requeue('a'.repeat(24));
    }
    const reasons: string[] = [];
    queue.define('doomed', { maxAttempts: 3, run: async () => undefined, onFailed: (_p, reason) => reasons.push(reason) });
    queue.start();
    expect(queue.get('a'.repeat(24))).toMatchObject({ status: 'failed', attempts: 3 });
    expect(reasons[0]).toMatch(/stopped during each of its 3 attempts/);
  });
});
