// The embedded Domino as a real process, SIGKILLed while a snapshot copies 200 MB and while a
// delete removes files: the next start finishes both cleanly (decision 10's recovery), and the API
// answers while a snapshot runs.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port';

const ADMIN_KEY = 'dataset-crash-admin-key-0123456789abc';
let dataDir: string;
let port: number;
let server: ChildProcess | undefined;

async function start(): Promise<void> {
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DOMINO_DATA_DIR: dataDir, DOMINO_PORT: String(port), DOMINO_USER_API_KEY: ADMIN_KEY, DOMINO_DEMO: '0', DOMINO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('the server did not start');
}

async function kill(): Promise<void> {
  const child = server!;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  server = undefined;
}

async function api(method: string, url: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { 'X-Domino-Api-Key': ADMIN_KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

/** Reads the server's database from the side (WAL lets a reader in while it writes). */
function snapshotStatus(snapshotId: string): string | undefined {
  const db = new Database(path.join(dataDir, 'domino.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT status FROM dataset_snapshots WHERE id = ?').get(snapshotId) as { status: string } | undefined)?.status;
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function tmpEntries(): string[] {
  const tmp = path.join(dataDir, 'datasets', 'tmp');
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
}

afterAll(async () => {
  if (server) await kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('datasets across a SIGKILL', () => {
  it('finishes a snapshot and a delete cut off by SIGKILL on the next start, and answers while a 200 MB snapshot runs', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-dataset-crash-'));
    port = await freePort();
    await start();
    const project = (await api('POST', '/api/projects/beta/projects', { name: 'crash', description: '', visibility: 'private' })).body.project;
    const big = (await api('POST', '/api/datasetrw/v1/datasets', { name: 'big', projectId: project.id })).body.dataset;
    const small = (await api('POST', '/api/datasetrw/v1/datasets', { name: 'small', projectId: project.id })).body.dataset;
    // 200 MB of distinct content, written straight into the live tree as a job would.
    const bigDir = path.join(dataDir, 'datasets', 'live', big.id);
    fs.mkdirSync(bigDir, { recursive: true });
    const hashes = new Map<string, string>();
    for (let i = 0; i < 4; i++) {
      const chunk = crypto.randomBytes(50 * 1024 * 1024);
      fs.writeFileSync(path.join(bigDir, `part-${i}.bin`), chunk);
      hashes.set(`part-${i}.bin`, crypto.createHash('sha256').update(chunk).digest('hex'));
    }
    const smallDir = path.join(dataDir, 'datasets', 'live', small.id);
    fs.mkdirSync(path.join(smallDir, 'rows'), { recursive: true });
    for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(smallDir, 'rows', `${i}.csv`), `id,value\n${i},${i * 2}\n`);
    const smallSnapshot = (await api('POST', `/api/datasetrw/v1/datasets/${small.id}/snapshots`, { relativeFilePaths: [] })).body.snapshot;
    await until(() => snapshotStatus(smallSnapshot.id) === 'active', 'the small snapshot');

    // The big snapshot: requests are answered while it copies; then the server is killed mid-copy.
    const snapshot = (await api('POST', `/api/datasetrw/v1/datasets/${big.id}/snapshots`, { relativeFilePaths: [] })).body.snapshot;
    expect(snapshot.status).toBe('pending');
    await until(() => snapshotStatus(snapshot.id) === 'copying', 'copying');
    const latencies: number[] = [];
    for (let i = 0; i < 10 && snapshotStatus(snapshot.id) === 'copying'; i++) {
      const t0 = performance.now();
      expect((await api('GET', '/api/users/v1/self')).status).toBe(200);
      latencies.push(performance.now() - t0);
    }
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect(snapshotStatus(snapshot.id)).toBe('copying');
    await kill();

    await start();
    await until(() => snapshotStatus(snapshot.id) === 'active', 'the snapshot to finish after the restart');
    const stats = (await api('GET', `/api/embedded/v1/snapshots/${snapshot.id}/stats`)).body.stats;
    expect(stats).toEqual({ fileCount: 4, bytes: 200 * 1024 * 1024 });
    for (const [name, sha] of hashes) expect(fs.existsSync(path.join(dataDir, 'datasets', 'blobs', sha.slice(0, 2), sha)), name).toBe(true);
    expect(tmpEntries()).toEqual([]);

    // The delete: killed as soon as it is under way; the next start finishes it.
    expect((await api('DELETE', `/api/datasetrw/v1/datasets/${small.id}`)).status).toBe(200);
    await until(() => snapshotStatus(smallSnapshot.id) !== 'markForDeletion', 'the delete to start', 10_000, 1);
    await kill();
    await start();
    await until(() => snapshotStatus(smallSnapshot.id) === 'deleted', 'the delete to finish after the restart');
    expect(fs.existsSync(smallDir)).toBe(false);
    const db = new Database(path.join(dataDir, 'domino.sqlite'), { readonly: true });
    const left = db.prepare('SELECT count(*) AS n FROM snapshot_files WHERE snapshot_id = ?').get(smallSnapshot.id) as { n: number };
    db.close();
    expect(left.n).toBe(0);
    // Nothing orphaned: every blob left is one a live snapshot uses (the big one's four).
    const blobs = fs.readdirSync(path.join(dataDir, 'datasets', 'blobs')).flatMap((d) => fs.readdirSync(path.join(dataDir, 'datasets', 'blobs', d)));
    expect(blobs.sort()).toEqual([...hashes.values()].sort());
    expect((await api('GET', `/api/datasetrw/v1/datasets/${big.id}`)).status).toBe(200);
    expect((await api('GET', `/api/datasetrw/v1/datasets/${small.id}`)).status).toBe(404);
  }, 180_000);
});
