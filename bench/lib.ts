// Shared plumbing for the benchmarks: child processes in their own process group, free loopback
// ports, temp dirs, polling, cleanup that also runs on failure or Ctrl+C, the embedded Domino as a
// seeded process, SQL diagnosis, statistics, and the result format that bench/run-all.ts collects.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DominoApi, DominoRequestError } from '../e2e/api-client';
import type { ServerContext } from '../server/context';
import type { Db } from '../server/db/database';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

/** A tool from the project's own node_modules/.bin (no npx: its lookup would be timed too). */
export const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

// ---------------------------------------------------------------------------------------------
// Cleanup. Graceful steps run last-in-first-out when a benchmark ends (however it ends); the
// synchronous last resorts run on process exit so nothing is left behind even after a crash.

type Cleanup = () => void | Promise<void>;
const cleanups: Cleanup[] = [];
const lastResorts = new Set<() => void>();

export function defer(step: Cleanup): void {
  cleanups.push(step);
}

export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    try {
      await step();
    } catch (error) {
      console.error('cleanup step failed:', error);
    }
  }
}

process.on('exit', () => {
  for (const step of lastResorts) {
    try {
      step();
    } catch {
      // Best effort: the process is going away.
    }
  }
});

/** A fresh directory under the OS temp dir, removed when the benchmark ends (kept, to look into, with BENCH_KEEP_DATA=1). */
export function makeTempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `domino-bench-${label}-`));
  if (process.env.BENCH_KEEP_DATA === '1') {
    console.log(`Keeping ${dir} (BENCH_KEEP_DATA=1)`);
    return dir;
  }
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  lastResorts.add(remove);
  defer(() => {
    remove();
    lastResorts.delete(remove);
  });
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Ports

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      // No IPv6 on this machine: nothing can take ::1 from us either.
      resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT');
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const handedOut = new Set<number>();

/**
 * A TCP port free on 127.0.0.1 and ::1 ("localhost" may resolve to either, and Vite listens on
 * localhost). Never the same port twice in one run, so two servers started together cannot collide.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
    if (handedOut.has(port) || !(await canListen(port, '::1'))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error('could not find a free port');
}

// ---------------------------------------------------------------------------------------------
// Child processes

/**
 * The environment for a product process: ours without any DOMINO_* / CONSOLE_PORT the developer
 * may have set (a DOMINO_API_HOST would silently measure a remote server), plus the overrides.
 */
export function productEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('DOMINO_') && name !== 'CONSOLE_PORT') env[name] = value;
  }
  return { ...env, ...overrides };
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly child: ChildProcess;
  /** Settles when the group leader has exited. */
  readonly exited: Promise<ExitInfo>;
  hasExited(): boolean;
  /** The last few KB of stdout and stderr, for error messages. */
  output(): string;
  /** Interrupts the whole group (as Ctrl+C would), escalating to SIGKILL; idempotent. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** 'ignore' sends stdout to /dev/null, so a chatty logger costs only its own writes. */
  stdout?: 'capture' | 'ignore';
  stopTimeoutMs?: number;
}

const OUTPUT_TAIL_BYTES = 16 * 1024;

/** Processes of the group that are still running (zombies excluded: PID 1 here may not reap). */
function liveMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    // No procfs: fall back to "is anyone in the group signalable".
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ..."; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
  }
  return members;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (condition()) return true;
    await sleep(intervalMs);
  }
  return condition();
}

/**
 * Spawns a command as the leader of a new process group, so stopping it also stops what it
 * spawned (npm → sh → tsx → node), and registers it for cleanup.
 */
export function spawnManaged(command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', options.stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
  });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not spawn ${command}`);

  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_BYTES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let exitInfo: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
    child.once('error', (error) => {
      keep(Buffer.from(`\n${error.message}\n`));
      exitInfo = { code: null, signal: null };
      resolve(exitInfo);
    });
  });

  const kill = () => signalGroup(pgid, 'SIGKILL');
  lastResorts.add(kill);
  let stopping: Promise<void> | undefined;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const stop = () => {
    stopping ??= (async () => {
      signalGroup(pgid, 'SIGINT');
      const gone = () => exitInfo !== undefined && liveMembers(pgid).length === 0;
      if (!(await waitUntil(gone, stopTimeoutMs))) {
        signalGroup(pgid, 'SIGKILL');
        if (!(await waitUntil(gone, 5_000))) console.error(`process group ${pgid} did not go away: ${liveMembers(pgid).join(', ')}`);
      }
      lastResorts.delete(kill);
    })();
    return stopping;
  };
  defer(stop);

  return { child, exited, hasExited: () => exitInfo !== undefined, output: () => tail, stop };
}

/** Runs a command to completion (bounded), returning its exit status and output tail. */
export async function runToCompletion(command: string, args: string[], options: SpawnOptions & { timeoutMs: number }): Promise<ExitInfo & { output: string }> {
  const proc = spawnManaged(command, args, options);
  const timedOut = Symbol('timeout');
  const outcome = await Promise.race([proc.exited, sleep(options.timeoutMs, timedOut)]);
  if (outcome === timedOut) {
    await proc.stop();
    throw new MeasurementError(`${path.basename(command)} ${args.join(' ')} did not finish within ${options.timeoutMs} ms\n${proc.output()}`);
  }
  await proc.stop(); // reaps anything it left in its group
  return { ...(outcome as ExitInfo), output: proc.output() };
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
  /** Omitted: a fresh connection per request. A keep-alive agent measures what a browser sees. */
  agent?: http.Agent;
}

/** One HTTP request, its whole answer read. */
export function httpRequest(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers, ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) };
    const request = http.request(
      url,
      { method: options.method ?? 'GET', headers, agent: options.agent ?? false, timeout: options.timeoutMs ?? 5_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${options.method ?? 'GET'} ${url} timed out`)));
    request.on('error', reject);
    request.end(options.body);
  });
}

/** One GET on a fresh connection (no keep-alive: each poll must see the server as it is now). */
export function httpGet(url: string, options: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpResponse> {
  return httpRequest(url, options);
}

/**
 * Times `samples` GETs one after another on one keep-alive connection (as a browser tab reuses
 * its connection), from sending to the last byte; any answer but 200 fails the measurement.
 * With `stopAfterMs`, stops early once that much time has passed and `minSamples` are in, so a
 * very slow query bounds the run instead of taking minutes.
 */
export async function sequentialLatencies(
  url: string,
  headers: Record<string, string>,
  samples: number,
  limits?: { stopAfterMs: number; minSamples: number },
): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const startedAt = performance.now();
  try {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      if (limits && i >= limits.minSamples && performance.now() - startedAt > limits.stopAfterMs) break;
      const sentAt = performance.now();
      const response = await httpRequest(url, { headers, agent, timeoutMs: 30_000 });
      times.push(performance.now() - sentAt);
      if (response.status !== 200) throw new MeasurementError(`GET ${url} answered ${response.status}: ${response.body.slice(0, 500)}`);
    }
    return times;
  } finally {
    agent.destroy();
  }
}

/**
 * Calls `check` every `intervalMs` until it returns true. Fails on timeout, or at once if the
 * watched process exits (a crashed server would otherwise look like a slow one).
 */
export async function pollUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { intervalMs: number; timeoutMs: number; process?: ManagedProcess },
): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    if (options.process?.hasExited()) {
      throw new MeasurementError(`the process exited before ${what}:\n${options.process.output()}`);
    }
    if (await check().catch(() => false)) return;
    if (performance.now() >= deadline) {
      throw new MeasurementError(`timed out after ${options.timeoutMs} ms waiting for ${what}${options.process ? `:\n${options.process.output()}` : ''}`);
    }
    await sleep(options.intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// The embedded Domino, as its own process on a temp data dir

export interface DominoServer {
  origin: string;
  /** The server's node process itself (no tsx wrapper in between): /proc/<pid>/status is its memory. */
  pid: number;
  process: ManagedProcess;
  /** Calls the API (as the administrator unless `apiKey`); a non-2xx answer fails the measurement. */
  api<T = any>(method: string, apiPath: string, options?: { body?: unknown; apiKey?: string }): Promise<T>;
  /** The browser tests' API client, as the administrator: creates what a benchmark measures. */
  client: DominoApi;
}

/** A random API key, handed to the server as DOMINO_USER_API_KEY so no file has to be read. */
export const newApiKey = () => crypto.randomBytes(32).toString('base64url');

/**
 * Starts `node --import tsx server/main.ts` (not the tsx CLI, which would run the server as a
 * child of its own) on a free loopback port, quiet (log level warn, no demo), and waits for /health.
 */
export async function startDomino(dataDir: string, adminKey: string): Promise<DominoServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = productEnv({ DOMINO_DATA_DIR: dataDir, DOMINO_PORT: String(port), DOMINO_USER_API_KEY: adminKey, DOMINO_DEMO: '0', DOMINO_LOG_LEVEL: 'warn' });
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p" to profile it.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawnManaged(process.execPath, [...nodeArgs, '--import', 'tsx', path.join('server', 'main.ts')], { env });
  await pollUntil(`${origin}/health`, async () => (await httpGet(`${origin}/health`)).status === 200, { intervalMs: 50, timeoutMs: 60_000, process: proc });
  return {
    origin,
    pid: proc.child.pid!,
    process: proc,
    client: new DominoApi(origin, adminKey),
    async api(method, apiPath, options = {}) {
      const raw = Buffer.isBuffer(options.body);
      const body = options.body === undefined ? undefined : raw ? (options.body as Buffer) : JSON.stringify(options.body);
      const headers: Record<string, string> = { 'X-Domino-Api-Key': options.apiKey ?? adminKey };
      if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
      const response = await httpRequest(`${origin}${apiPath}`, { method, headers, body, timeoutMs: 60_000 });
      if (response.status < 200 || response.status > 299)
        throw new MeasurementError(`${method} ${apiPath} answered ${response.status}: ${response.body.slice(0, 500)}`);
      return response.body ? JSON.parse(response.body) : undefined;
    },
  };
}

export interface ConsoleServer {
  /** The console (proxy/serve.ts) a browser or client talks to. */
  consoleUrl: string;
  /** The embedded Domino behind it, for setting data up directly. */
  dominoUrl: string;
  adminKey: string;
  dataDir: string;
  process: ManagedProcess;
}

/**
 * `npm run serve` (proxy/serve.ts: the console proxy and the embedded Domino in one process) on a
 * fresh data dir, quiet and without the demo, waited for until /api/users/v1/self answers through
 * the proxy. `dist` is the build to serve; without one a stub index.html stands in (serve.ts needs
 * one to start; a benchmark of /api only need not pay for a build). Started as
 * `node --import tsx`, not the tsx CLI, so the process group's leader is the server itself.
 */
export async function startConsole(label: string, options: { dist?: string; stdout?: 'capture' | 'ignore' } = {}): Promise<ConsoleServer> {
  let dist = options.dist;
  if (!dist) {
    dist = makeTempDir(`${label}-dist`);
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>bench</title>\n');
  }
  const dataDir = makeTempDir(`${label}-data`);
  const adminKey = newApiKey();
  const consolePort = await freePort();
  const dominoPort = await freePort();
  const env = productEnv({
    DOMINO_DATA_DIR: dataDir,
    DOMINO_PORT: String(dominoPort),
    DOMINO_USER_API_KEY: adminKey,
    DOMINO_DEMO: '0', // no demo jobs running in the background while we measure
    DOMINO_LOG_LEVEL: 'warn',
    DOMINO_CONSOLE_DIST: dist,
    PORT: String(consolePort),
  });
  const proc = spawnManaged(process.execPath, ['--import', 'tsx', path.join('proxy', 'serve.ts')], { env, stdout: options.stdout });
  const consoleUrl = `http://localhost:${consolePort}`;
  await pollUntil('the console and the embedded Domino', async () => (await httpGet(`${consoleUrl}/api/users/v1/self`)).status === 200, {
    intervalMs: 100,
    timeoutMs: 60_000,
    process: proc,
  });
  return { consoleUrl, dominoUrl: `http://127.0.0.1:${dominoPort}`, adminKey, dataDir, process: proc };
}

/** A refused setup request fails the measurement (exit 2 with its message), like any `server.api` call. */
async function asMeasurement<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw error instanceof DominoRequestError ? new MeasurementError(error.message) : error;
  }
}

/** Creates a private project through the API (with its git repository); returns its id. */
export async function createProject(server: DominoServer, name: string): Promise<string> {
  const project = await asMeasurement(server.client.createProject({ name }));
  return project.id;
}

/** Commits one file through the embedded files API; returns the new commit id. */
export function commitFile(server: DominoServer, projectId: string, filePath: string, content: Buffer): Promise<string> {
  return asMeasurement(server.client.putFile(projectId, filePath, content, `Bench: ${filePath}`));
}

/**
 * A fresh data dir the server has started on once and stopped again: migrated, with its
 * administrator (bootstrap makes one only on an empty users table, so seed users come after).
 */
export async function bootstrappedDataDir(label: string): Promise<{ dataDir: string; adminKey: string }> {
  const dataDir = makeTempDir(label);
  const adminKey = newApiKey();
  const server = await startDomino(dataDir, adminKey);
  await server.process.stop();
  return { dataDir, adminKey };
}

/** Opens a data dir's database (the server stopped) with the server's own openDatabase. */
export async function withDatabase<T>(dataDir: string, work: (db: Db) => T | Promise<T>): Promise<T> {
  // Imported lazily: only the benchmarks that seed or inspect load the server's code.
  const { openDatabase } = await import('../server/db/database');
  const db = openDatabase(path.join(dataDir, 'domino.sqlite'));
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/**
 * Seeds a stopped server's data dir through the server's own repositories and services, in one
 * transaction (100,000 rows take seconds, not minutes).
 */
export async function seedDataDir<T>(dataDir: string, seed: (ctx: ServerContext) => T): Promise<T> {
  const { createApp } = await import('../server/app');
  return withDatabase(dataDir, async (db) => {
    const app = createApp({ db, dataDir, logLevel: 'silent' });
    const result = db.transaction(() => seed(app.ctx))();
    await app.close();
    return result;
  });
}

// ---------------------------------------------------------------------------------------------
// SQL diagnosis: the statements a repository prepares, their query plans and their cost alone

/** Every SQL text `work` prepares on `db` (a repository's statements, without copying its SQL here). */
export function sqlPreparedBy(db: Db, work: (db: Db) => void): string[] {
  const seen: string[] = [];
  const recording = new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          seen.push(sql);
          return target.prepare(sql);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  work(recording);
  return seen;
}

/** Named parameters (@name) or positional ones (?). */
export type SqlParams = Record<string, unknown> | unknown[];

function bindAll(statement: ReturnType<Db['prepare']>, params: SqlParams): unknown[] {
  return (statement as unknown as { all(...args: unknown[]): unknown[] }).all(...(Array.isArray(params) ? params : [params]));
}

/** EXPLAIN QUERY PLAN as indented lines, e.g. "SCAN p USING INDEX projects_live_name". */
export function queryPlan(db: Db, sql: string, params: SqlParams): string[] {
  const rows = bindAll(db.prepare(`EXPLAIN QUERY PLAN ${sql}`), params) as Array<{ id: number; parent: number; detail: string }>;
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((row) => {
    const level = (depth.get(row.parent) ?? -1) + 1;
    depth.set(row.id, level);
    return `${'  '.repeat(level)}${row.detail}`;
  });
}

/** Median time of a statement run alone in this process: the SQL's share of a request. */
export function timeQuery(db: Db, sql: string, params: SqlParams, runs = 20): number {
  const statement = db.prepare(sql);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startedAt = performance.now();
    bindAll(statement, params);
    times.push(performance.now() - startedAt);
  }
  return Math.round(median(times) * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Statistics

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100): a value that was measured, never an interpolation. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Rounds for reports: figures carry 0.1 ms (or 0.1 of anything) at most, not float noise. */
export const round1 = (value: number) => Math.round(value * 10) / 10;

/** A seeded PRNG (mulberry32) in [0, 1): seed data is the same on every run, so runs compare (shared with the demo's seeding). */
export { seededRandom } from '../server/demo/seeded-random';

// ---------------------------------------------------------------------------------------------
// Memory of a server process (Linux /proc)

/** VmRSS of a process in bytes (/proc/<pid>/status reports kB). */
export function rssOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  if (!match) throw new MeasurementError(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/**
 * Resets the kernel's own peak-RSS mark (VmHWM) to the current RSS, so VmHWM afterwards is an
 * exact peak between the 20 ms samples. Linux only, our own child: false when not allowed.
 */
export function resetPeakMark(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Every live process of a group spawned by spawnManaged (its pid is the group's id). */
export function groupMembers(pgid: number): number[] {
  return liveMembers(pgid);
}

// ---------------------------------------------------------------------------------------------
// Results

/** The product did not get to where it could be measured (build failed, server never came up...). */
export class MeasurementError extends Error {}

/** MB is 1024 × 1024 bytes, as KB is 1024 bytes. */
export type Unit = 'ms' | 'bytes' | 'MB' | 'MB/s' | 'req/s' | 'lines/s' | 'values/s' | 'count';

export interface Check {
  name: string;
  measured: number;
  unit: Unit;
  /** Absent for a figure reported for information only. */
  budget?: { limit: number; kind: 'max' | 'min' };
  /** Whether a miss fails the run; informational checks are shown against the budget only. */
  gating: boolean;
  pass: boolean;
}

export interface BenchReport {
  benchmark: string;
  ok: boolean;
  checks: Check[];
  details: unknown;
  error?: string;
  durationMs: number;
}

export function atMost(name: string, measured: number, unit: Unit, limit: number, gating = true): Check {
  return { name, measured, unit, budget: { limit, kind: 'max' }, gating, pass: measured <= limit };
}

export function atLeast(name: string, measured: number, unit: Unit, limit: number, gating = true): Check {
  return { name, measured, unit, budget: { limit, kind: 'min' }, gating, pass: measured >= limit };
}

export function info(name: string, measured: number, unit: Unit): Check {
  return { name, measured, unit, gating: false, pass: true };
}

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'ms':
      return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`;
    case 'bytes':
      // KB = 1024 bytes, as the budget is written.
      return `${(value / 1024).toFixed(1)} KB`;
    case 'MB':
    case 'MB/s':
      return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`;
    case 'req/s':
    case 'lines/s':
    case 'values/s':
      return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
    case 'count':
      return value.toLocaleString('en-US');
  }
}

export function formatBudget(check: Check): string {
  if (!check.budget) return '—';
  return `${check.budget.kind === 'max' ? '≤' : '≥'} ${formatValue(check.budget.limit, check.unit)}`;
}

export function verdict(check: Check): string {
  if (!check.budget) return 'info';
  const result = check.pass ? 'PASS' : 'FAIL';
  return check.gating ? result : `(${result})`;
}

/**
 * The frame of every benchmark script: runs `body`, always cleans up, prints a summary and a final
 * JSON line, writes the report to $BENCH_RESULT_FILE when run-all asks for it, and exits
 * 0 (budgets met), 1 (a budget missed) or 2 (could not measure).
 */
export async function runBenchmark(benchmark: string, body: () => Promise<{ checks: Check[]; details: unknown }>): Promise<never> {
  let interrupted = false;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    // A Ctrl+C reaches us twice under run-all (from the terminal and relayed): clean up once,
    // and do not let the second one kill us halfway through (cleanup is bounded in time).
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${benchmark}: ${signal}, cleaning up`);
      void cleanUp().finally(() => process.exit(code));
    });
  }
  const startedAt = performance.now();
  let report: BenchReport;
  try {
    const { checks, details } = await body();
    report = { benchmark, ok: checks.every((c) => c.pass || !c.gating), checks, details, durationMs: 0 };
  } catch (error) {
    // A measurement that could not be taken says why; anything else is a bug here: keep its stack.
    const message = error instanceof MeasurementError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    report = { benchmark, ok: false, checks: [], details: null, error: message, durationMs: 0 };
  } finally {
    await cleanUp();
  }
  report.durationMs = Math.round(performance.now() - startedAt);

  console.log(`\n${benchmark}:`);
  for (const check of report.checks) {
    console.log(`  ${check.name}: ${formatValue(check.measured, check.unit)} (budget ${formatBudget(check)}) ${verdict(check)}`);
  }
  if (report.error) console.log(`  ERROR: ${report.error}`);
  console.log(JSON.stringify(report));

  const resultFile = process.env.BENCH_RESULT_FILE;
  if (resultFile) {
    fs.mkdirSync(path.dirname(resultFile), { recursive: true });
    fs.writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`);
  }
  process.exit(report.error ? 2 : report.ok ? 0 : 1);
}
