// The crash scenario the test and the benchmark share: a real server process with an async Model
// API, N predictions queued, the server SIGKILLed while most wait, an orphan "worker" left behind
// (a process marked as one, recorded as an open execution), a restart on the same data dir, and
// every prediction followed to its end. Counts what the checks need.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface CrashScenarioResult {
  submitted: number;
  /** Accepted ids, each once: a duplicate id would be a double enqueue. */
  distinctIds: number;
  terminalBeforeKill: number;
  waitingAtKill: number;
  /** Rows in the queue after the restart; each submitted id must be there exactly once. */
  rows: number;
  succeeded: number;
  failed: number;
  /** Results that are not the model's answer to that prediction's own parameters. */
  wrongResults: number;
  /** Predictions run more than once (cut off by the kill): attempts > 1. */
  rerun: number;
  maxAttempts: number;
  orphanKilled: boolean;
  /** Restart → every prediction terminal. */
  recoveryMs: number;
  submitMs: number;
}

const MODEL = `import time

def score(i):
    time.sleep(0.01)
    return {"i": i, "double": 2 * i}
`;

async function json(base: string, key: string, method: string, url: string, body?: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'X-Domino-Api-Key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
}

function startServer(dataDir: string, port: number, key: string): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '..', '..'),
    env: { ...process.env, DOMINO_DATA_DIR: dataDir, DOMINO_PORT: String(port), DOMINO_USER_API_KEY: key, DOMINO_DEMO: '0', DOMINO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const ready = (async () => {
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) break;
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`the server did not start: ${stderr.slice(-2000)}`);
  })();
  return { child, ready };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function runCrashScenario(options: { count: number; port: number; replicas?: number; concurrency?: number }): Promise<CrashScenarioResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-crash-'));
  const key = 'prediction-crash-admin-key-0123456789';
  const base = `http://127.0.0.1:${options.port}`;
  const call = (method: string, url: string, body?: unknown) => json(base, key, method, url, body);
  let server = startServer(dataDir, options.port, key);
  let orphan: ChildProcess | undefined;
  try {
    await server.ready;
    const env = await call('POST', '/api/environments/beta/environments', {
      name: 'crash-env',
      image: 'quay.io/domino/standard:py3.11',
      visibility: 'global',
      addBaseDependencies: false,
    });
    const envId = env.body.environment.id as string;
    await until(
      'the environment build',
      async () => {
        const revisions = await call('GET', `/api/embedded/v1/environments/${envId}/revisions`);
        return revisions.body.revisions.some((r: { status: string }) => r.status === 'succeeded') ? true : undefined;
      },
      60_000,
    );
    const project = (await call('POST', '/api/projects/beta/projects', { name: 'crash', description: '', visibility: 'private' })).body.project;
    const put = await fetch(`${base}/api/embedded/v1/projects/${project.id}/files?path=model.py`, {
      method: 'PUT',
      headers: { 'X-Domino-Api-Key': key, 'content-type': 'application/octet-stream' },
      body: MODEL,
    });
    if (!put.ok) throw new Error(`could not write the model: ${await put.text()}`);
    const api = await call('POST', '/api/modelServing/v1/modelApis', {
      name: 'crash-api',
      environmentId: envId,
      isAsync: true,
      replicas: options.replicas ?? 2,
      version: {
        projectId: project.id,
        source: { type: 'File', file: 'model.py', function: 'score' },
        logHttpRequestResponse: false,
        monitoringEnabled: false,
      },
    });
    if (api.status !== 201) throw new Error(`could not create the Model API: ${JSON.stringify(api.body)}`);
    const apiId = api.body.id as string;

    // Queue them all, `concurrency` at a time.
    const ids: string[] = new Array(options.count);
    let next = 0;
    const submitStart = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency ?? 20 }, async () => {
        while (next < options.count) {
          const i = next++;
          const res = await call('POST', `/api/modelApis/async/v1/${apiId}`, { parameters: { i } });
          if (res.status !== 200) throw new Error(`prediction ${i} refused: ${res.status} ${JSON.stringify(res.body)}`);
          ids[i] = res.body.asyncPredictionId as string;
        }
      }),
    );
    const submitMs = performance.now() - submitStart;

    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));

    // What the kill left, read from the database file, and an orphan to be killed at start.
    const db = new Database(path.join(dataDir, 'domino.sqlite'));
    const counts = db
      .prepare("SELECT SUM(status IN ('Succeeded', 'Failed')) AS done, SUM(status IN ('Pending', 'Processing')) AS waiting FROM async_predictions")
      .get() as {
      done: number;
      waiting: number;
    };
    const version = db.prepare('SELECT id FROM model_api_versions WHERE model_api_id = ?').get(apiId) as { id: string };
    const orphanId = 'ffffffffffffffffffffffff';
    orphan = spawn('sleep', ['300'], { detached: true, stdio: 'ignore', env: { PATH: process.env.PATH, DOMINO_MODEL_WORKER: orphanId } });
    const orphanExit = new Promise<NodeJS.Signals | null>((resolve) => orphan!.once('exit', (_code, signal) => resolve(signal)));
    db.prepare(
      "INSERT INTO model_api_executions (id, model_api_id, version_id, hardware_tier_id, replica, pgid, started_at) VALUES (?, ?, ?, 'small-k8s', 9, ?, ?)",
    ).run(orphanId, apiId, version.id, orphan.pid, Date.now());
    db.close();

    const restartAt = performance.now();
    server = startServer(dataDir, options.port, key);
    await server.ready;
    const orphanKilled = (await Promise.race([orphanExit, new Promise((r) => setTimeout(() => r('alive'), 10_000))])) === 'SIGKILL';

    // Every prediction to its end, through the API.
    const results = new Map<string, { status: string; result?: { i: number; double: number } }>();
    await until(
      'every prediction to end',
      async () => {
        for (const id of ids) {
          if (results.has(id)) continue;
          const res = await call('GET', `/api/modelApis/async/v1/${apiId}/${id}`);
          if (res.body.status === 'Succeeded' || res.body.status === 'Failed') results.set(id, res.body);
          else return undefined;
        }
        return true;
      },
      120_000,
    );
    const recoveryMs = performance.now() - restartAt;
    let wrongResults = 0;
    ids.forEach((id, i) => {
      const r = results.get(id)!;
      if (r.status === 'Succeeded' && (r.result?.i !== i || r.result?.double !== 2 * i)) wrongResults++;
    });
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    const after = new Database(path.join(dataDir, 'domino.sqlite'), { readonly: true });
    const rows = after.prepare('SELECT id, status, attempts FROM async_predictions').all() as Array<{ id: string; status: string; attempts: number }>;
    after.close();
    const byId = new Set(rows.map((r) => r.id));
    return {
      submitted: options.count,
      distinctIds: new Set(ids).size,
      terminalBeforeKill: counts.done ?? 0,
      waitingAtKill: counts.waiting ?? 0,
      rows: ids.filter((id) => byId.has(id)).length === ids.length ? rows.length : -1,
      succeeded: [...results.values()].filter((r) => r.status === 'Succeeded').length,
      failed: [...results.values()].filter((r) => r.status === 'Failed').length,
      wrongResults,
      rerun: rows.filter((r) => r.attempts > 1).length,
      maxAttempts: Math.max(...rows.map((r) => r.attempts)),
      orphanKilled,
      recoveryMs,
      submitMs,
    };
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    if (orphan && orphan.exitCode === null && orphan.signalCode === null) orphan.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
