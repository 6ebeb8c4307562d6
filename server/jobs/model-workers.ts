// The workers of deployed Model APIs (decision 0032): per active version, `replicas` long-lived
// Python processes in the job sandbox, each loading the model once and answering one prediction
// at a time over a pipe. Predictions wait in a durable SQLite queue (async_predictions); this pool
// holds each API's pending ids in memory, in order, and hands them to idle workers. A prediction
// past the API's timeout fails and its worker is killed and replaced. Each worker's run is an
// execution row (start, end, version, tier) for the cost engine; after a crash the next start
// kills what is left of the last server's workers and runs what they had cut off again.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Clock } from '../clock';
import type { HardwareTierRow } from '../db/hardware-tiers-repository';
import type { ModelApiRow, ModelApisRepository, ModelApiVersionRow } from '../db/model-apis-repository';
import { killGroupIfMarked, signalGroup } from './job-process';
import { MODEL_WORKER_PY } from './model-worker-script';
import type { RunEnvironment } from './runner';
import { ENVIRONMENT_DIR_IN_SANDBOX, pathWithEnvironment, sandboxedCommand, sandboxPath, unsandboxedCommand, WORK_DIR, type SandboxStatus } from './sandbox';

export interface ModelWorkersDependencies {
  repo: ModelApisRepository;
  clock: Clock;
  dataDir: string;
  sandbox(): SandboxStatus;
  environmentOf(revisionId: string): RunEnvironment | undefined;
  tierOf(id: string): HardwareTierRow | undefined;
  newId(): string;
  /** Most predictions waiting (pending or running) per Model API; beyond it a submission is refused (429). */
  queueLimit: number;
}

export type DeploymentState = 'Starting' | 'Running' | 'Stopped' | 'Failed';

export type Submission =
  | { ok: true; id: string }
  | { ok: false; reason: 'not-running'; message: string }
  | { ok: false; reason: 'unbound'; message: string }
  | { ok: false; reason: 'full'; message: string; retryAfterSecs: number };

/** A restart re-runs what it cut off; a prediction cut off this many times fails instead. */
export const MAX_PREDICTION_ATTEMPTS = 3;
/** Workers that end before they are ready this many times in a row: the deployment has failed. */
const MAX_START_FAILURES = 3;
const READY_WAIT_MS = 15_000;
const BIND_CHECK_MS = 5_000;
const MAX_LOG_LINE = 10_000;

/** Where a version's bundle (its source, checked out at build) lives. */
export function versionDir(dataDir: string, versionId: string): string {
  return path.join(dataDir, 'model-apis', versionId);
}
export function bundleDir(dataDir: string, versionId: string): string {
  return path.join(versionDir(dataDir, versionId), 'files');
}

/** Splits a stream into lines, each handed over without its newline. */
function eachLine(stream: Readable, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    rest += chunk;
    let newline: number;
    while ((newline = rest.indexOf('\n')) >= 0) {
      onLine(rest.slice(0, newline));
      rest = rest.slice(newline + 1);
    }
  });
  stream.on('end', () => {
    if (rest) onLine(rest);
  });
  stream.on('error', () => undefined);
}

interface Running {
  predictionId: string;
  attempts: number;
  startedAt: number;
  timer: NodeJS.Timeout;
}

class Worker {
  ready = false;
  running: Running | undefined;
  /** Ends after its current prediction (a new version took over, or fewer replicas). */
  retiring = false;
  timedOut = false;
  fatal: string | undefined;
  /** Killed (its exit may not have been seen yet): never handed anything again. */
  dead = false;
  readonly bindChecks = new Map<string, (answer: BindAnswer) => void>();
  readonly exited: Promise<void>;
  private nextCheck = 0;

  constructor(
    readonly executionId: string,
    readonly replica: number,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.on('close', () => resolve()));
    child.stdin?.on('error', () => undefined);
  }

  get idle(): boolean {
    return this.ready && !this.dead && !this.running && !this.retiring;
  }

  send(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  bind(parametersJson: string): Promise<BindAnswer> {
    const id = `b${++this.nextCheck}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.bindChecks.delete(id);
        resolve({ ok: false, gone: true });
      }, BIND_CHECK_MS);
      this.bindChecks.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.send(`{"op":"bind","id":"${id}","parameters":${parametersJson}}`);
    });
  }

  kill(): void {
    this.dead = true;
    if (this.child.pid) signalGroup(this.child.pid, 'SIGKILL');
  }
}

/** A worker's answer to a bind check; `gone` when it ended (or stalled) before answering. */
type BindAnswer = { ok: boolean; error?: string; gone?: boolean };

class Deployment {
  readonly workers = new Set<Worker>();
  queue: string[] = [];
  startFailures = 0;
  failure: string | undefined;
  /** Running mean of a prediction's time, for Retry-After. */
  meanMs = 20;
  /**
   * Bind checks answered, by the parameters' sorted names: binding keyword arguments to a
   * signature depends on their names alone, so a worker is asked once per distinct set of names
   * (per version; bounded), not on every submission.
   */
  readonly bound = new Map<string, BindAnswer>();
  private readyWaiters: Array<() => void> = [];

  constructor(
    public api: ModelApiRow,
    public version: ModelApiVersionRow,
  ) {}

  get state(): DeploymentState {
    if (this.failure) return 'Failed';
    if (this.api.replicas === 0) return 'Stopped';
    return [...this.workers].some((w) => w.ready && !w.retiring && !w.dead) ? 'Running' : 'Starting';
  }

  current(): Worker[] {
    return [...this.workers].filter((w) => !w.retiring);
  }

  waitReady(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.readyWaiters.push(done);
    });
  }

  wake(): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const wake of waiters) wake();
  }
}

export class ModelWorkers {
  private readonly deployments = new Map<string, Deployment>();
  /** Every live worker, a retiring one of a removed deployment too: shutdown ends them all. */
  private readonly live = new Set<Worker>();
  private closed = false;
  private rotation = 0;

  constructor(private readonly deps: ModelWorkersDependencies) {}

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private log(versionId: string, stream: 'stdout' | 'stderr', line: string): void {
    this.deps.repo.appendLog(versionId, 'instance', BigInt(this.now()) * 1_000_000n, stream, line.slice(0, MAX_LOG_LINE));
  }

  /**
   * After a start: workers of the last server (it may have been killed) are killed if still
   * there and their executions closed at the last sign of life; what was running goes back to
   * pending (one cut off runs again: attempts count it); every deployed API starts its workers.
   */
  recover(): void {
    const repo = this.deps.repo;
    for (const execution of repo.openExecutions()) {
      if (execution.pgid) killGroupIfMarked(execution.pgid, `DOMINO_MODEL_WORKER=${execution.id}`);
      const lastSign = Math.max(execution.startedAt, repo.lastFinished(execution.versionId) ?? 0);
      repo.endExecution(execution.id, lastSign, 'The embedded Domino stopped while this worker ran');
    }
    repo.recoverQueue(
      MAX_PREDICTION_ATTEMPTS,
      `The embedded Domino stopped while this prediction ran, ${MAX_PREDICTION_ATTEMPTS} times; it is not run again`,
      this.now(),
    );
    for (const api of repo.deployed()) this.reconcile(api);
  }

  /** What a version's workers are doing now; undefined for a version that is not deployed. */
  stateOf(apiId: string, versionId: string): DeploymentState | undefined {
    const deployment = this.deployments.get(apiId);
    return deployment && deployment.version.id === versionId ? deployment.state : undefined;
  }

  failureOf(apiId: string): string | undefined {
    return this.deployments.get(apiId)?.failure;
  }

  /**
   * Brings an API's workers in line with its row: its active version at `replicas` workers, or
   * none when it is archived, stopped or has no active version. A new version takes over at once;
   * the old one's workers finish the prediction they run, then end.
   */
  reconcile(api: ModelApiRow): void {
    if (this.closed) return;
    const version = api.activeVersionId ? this.deps.repo.versionById(api.activeVersionId) : undefined;
    let deployment = this.deployments.get(api.id);
    if (api.isArchived || !version || api.replicas === 0 || version.buildStatus !== 'Succeeded') {
      if (deployment) {
        // Stopped: what runs finishes first. Archived: it ends now (its predictions are failed).
        for (const worker of deployment.workers) {
          this.retire(worker);
          if (api.isArchived) worker.kill();
        }
        this.deployments.delete(api.id);
        deployment.wake();
      }
      return;
    }
    if (!deployment) {
      deployment = new Deployment(api, version);
      deployment.queue = this.deps.repo
        .openPredictions(api.id)
        .filter((p) => p.status === 'Pending')
        .map((p) => p.id);
      this.deployments.set(api.id, deployment);
    }
    const changedVersion = deployment.version.id !== version.id;
    const changedRuntime =
      deployment.api.timeoutSecs !== api.timeoutSecs || JSON.stringify(deployment.api.environmentVariables) !== JSON.stringify(api.environmentVariables);
    deployment.api = api;
    if (changedVersion || changedRuntime) {
      deployment.version = version;
      deployment.bound.clear();
      deployment.failure = undefined;
      deployment.startFailures = 0;
      for (const worker of deployment.workers) this.retire(worker);
    }
    if (deployment.failure) return;
    const current = deployment.current();
    for (let replica = current.length; replica < api.replicas; replica++) this.spawnWorker(deployment);
    // Fewer replicas: idle workers end first.
    const extra = current.length - api.replicas;
    if (extra > 0) for (const worker of current.sort((a, b) => Number(!!a.running) - Number(!!b.running)).slice(0, extra)) this.retire(worker);
  }

  /** Fails every prediction still waiting for an archived API (nothing will ever run them). */
  failWaiting(apiId: string, reason: string): void {
    this.deps.repo.failOpen(apiId, reason, this.now());
  }

  /**
   * A new prediction: refused while the API has no running worker, when the queue is full (with
   * how long to wait) or when the parameters do not bind to the model's signature (asked of a
   * worker); else recorded as Pending (durably) and queued.
   */
  async submit(api: ModelApiRow, parameters: Record<string, unknown>, submittedBy: string): Promise<Submission> {
    const deployment = this.deployments.get(api.id);
    if (!deployment) {
      const why = !api.activeVersionId ? 'it has no active version' : api.replicas === 0 ? 'it is stopped (0 replicas)' : 'it is not deployed';
      return { ok: false, reason: 'not-running', message: `Model API ${api.name} cannot take predictions: ${why}` };
    }
    const full = this.fullness(deployment);
    if (full) return full;
    const parametersJson = JSON.stringify(parameters);
    const names = JSON.stringify(Object.keys(parameters).sort());
    let checked = deployment.state === 'Running' ? deployment.bound.get(names) : undefined;
    for (let tries = 0; tries < 3 && !checked; tries++) {
      const worker = await this.readyWorker(deployment);
      if (!worker) break;
      const answer = await worker.bind(parametersJson);
      // A worker that ended meanwhile answered nothing: ask another.
      if (!answer.gone) {
        checked = answer;
        if (deployment.bound.size >= 1000) deployment.bound.clear();
        deployment.bound.set(names, answer);
      }
    }
    if (!checked) {
      const why = deployment.failure ? `its workers cannot start (${deployment.failure})` : 'no worker became ready in time';
      return { ok: false, reason: 'not-running', message: `Model API ${api.name} cannot take predictions: ${why}` };
    }
    if (!checked.ok) return { ok: false, reason: 'unbound', message: `parameters do not match the model's function: ${checked.error}` };
    const again = this.fullness(deployment);
    if (again) return again;
    const id = this.deps.newId();
    this.deps.repo.insertPrediction(id, api.id, parametersJson, submittedBy, this.now());
    deployment.queue.push(id);
    this.pump(deployment);
    return { ok: true, id };
  }

  private fullness(deployment: Deployment): Submission | undefined {
    const running = [...deployment.workers].filter((w) => w.running).length;
    const waiting = deployment.queue.length + running;
    if (waiting < this.deps.queueLimit) return undefined;
    const workers = Math.max(1, deployment.current().length);
    const retryAfterSecs = Math.min(3600, Math.max(1, Math.ceil((waiting * deployment.meanMs) / workers / 1000)));
    return {
      ok: false,
      reason: 'full',
      message: `Model API ${deployment.api.name} has ${waiting} predictions waiting, its most (${this.deps.queueLimit}); retry in ${retryAfterSecs} s`,
      retryAfterSecs,
    };
  }

  private async readyWorker(deployment: Deployment): Promise<Worker | undefined> {
    const until = Date.now() + READY_WAIT_MS;
    for (;;) {
      if (this.deployments.get(deployment.api.id) !== deployment || deployment.failure) return undefined;
      const ready = deployment.current().filter((w) => w.ready && !w.dead);
      if (ready.length > 0) return ready[this.rotation++ % ready.length];
      const left = until - Date.now();
      if (left <= 0) return undefined;
      await deployment.waitReady(left);
    }
  }

  /** Hands waiting predictions to idle workers, in order. */
  private pump(deployment: Deployment): void {
    if (this.closed || deployment.failure) return;
    for (const worker of deployment.workers) {
      while (worker.idle && deployment.queue.length > 0) {
        const id = deployment.queue.shift()!;
        const started = this.now();
        const claim = this.deps.repo.claim(id, deployment.version.id, started);
        if (!claim) continue; // no longer pending (failed by an archive meanwhile)
        const timeoutMs = deployment.api.timeoutSecs * 1000;
        worker.running = {
          predictionId: id,
          attempts: claim.attempts,
          startedAt: started,
          timer: setTimeout(() => this.timedOut(deployment, worker), timeoutMs),
        };
        worker.send(`{"op":"predict","id":${JSON.stringify(id)},"parameters":${claim.parameters}}`);
      }
    }
  }

  private finish(deployment: Deployment, worker: Worker, outcome: { status: 'Succeeded' | 'Failed'; result?: string; error?: string }): void {
    const running = worker.running!;
    clearTimeout(running.timer);
    worker.running = undefined;
    const at = this.now();
    this.deps.repo.finish(running.predictionId, running.attempts, outcome, at);
    deployment.meanMs = deployment.meanMs * 0.9 + Math.max(1, at - running.startedAt) * 0.1;
  }

  private timedOut(deployment: Deployment, worker: Worker): void {
    if (!worker.running) return;
    const secs = deployment.api.timeoutSecs;
    this.finish(deployment, worker, {
      status: 'Failed',
      error: `The prediction ran longer than the Model API's timeout of ${secs} s; its worker was stopped and replaced`,
    });
    worker.timedOut = true;
    this.log(deployment.version.id, 'stdout', `Worker ${worker.replica} ran past the ${secs} s timeout: stopped, and replaced`);
    worker.kill();
  }

  private retire(worker: Worker): void {
    worker.retiring = true;
    if (!worker.running) worker.kill();
  }

  private spawnWorker(deployment: Deployment): void {
    const { api, version } = deployment;
    const sandbox = this.deps.sandbox();
    if (sandbox.mode === 'unavailable') {
      this.fail(deployment, `no job sandbox on this server: ${sandbox.hint ?? ''}`.trim());
      return;
    }
    const environment = this.deps.environmentOf(version.environmentRevisionId);
    const tier = this.deps.tierOf(api.hardwareTierId);
    const executionId = this.deps.newId();
    // Replicas are numbered 1..n among the current workers (a retiring one's number is free again).
    const taken = new Set(deployment.current().map((w) => w.replica));
    let replica = 1;
    while (taken.has(replica)) replica++;
    const bundle = bundleDir(this.deps.dataDir, version.id);
    const workerDir = path.join(versionDir(this.deps.dataDir, version.id), `worker-${executionId}`);
    fs.mkdirSync(workerDir, { recursive: true });
    const sandboxed = sandbox.mode === 'bwrap';
    const root = sandboxed ? WORK_DIR : bundle;
    const envDir = environment ? (sandboxed ? ENVIRONMENT_DIR_IN_SANDBOX : environment.outputDir) : undefined;
    const env: NodeJS.ProcessEnv = {
      ...(environment?.variables ?? {}),
      ...Object.fromEntries(api.environmentVariables.map((v) => [v.key, v.value])),
      PATH: envDir ? pathWithEnvironment(envDir) : sandboxPath(),
      HOME: '/tmp',
      LANG: 'C.UTF-8',
      PYTHONUNBUFFERED: '1',
      PYTHONDONTWRITEBYTECODE: '1',
      DOMINO_PROJECT_ID: version.projectId,
      DOMINO_MODEL_API_ID: api.id,
      DOMINO_MODEL_API_VERSION_ID: version.id,
      DOMINO_HARDWARE_TIER_ID: api.hardwareTierId,
      // How the next start recognises this worker's process group, should this server die first.
      DOMINO_MODEL_WORKER: executionId,
    };
    const argv = [
      'python3',
      '-c',
      MODEL_WORKER_PY,
      version.sourceType === 'File' ? 'file' : 'pyfunc',
      root,
      version.entryPath,
      version.sourceFunction,
      version.loaderModule ?? '',
      version.loaderCode ?? '',
      version.loaderData ?? '',
    ];
    const mounts =
      sandboxed && environment && fs.existsSync(environment.outputDir)
        ? [{ hostPath: environment.outputDir, sandboxPath: ENVIRONMENT_DIR_IN_SANDBOX, readOnly: true }]
        : [];
    const command = sandboxed
      ? sandboxedCommand({ workTree: bundle, jobDir: workerDir, tmpBytes: Math.floor((tier?.memoryGiB ?? 1) * 1024 ** 3), mounts }, argv)
      : unsandboxedCommand(argv);
    const child = spawn(command[0]!, command.slice(1), {
      cwd: bundle,
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe', sandboxed ? 'pipe' : 'ignore'],
    });
    child.on('error', () => undefined);
    (child.stdio[3] as Readable | null)?.resume();
    const worker = new Worker(executionId, replica, child);
    deployment.workers.add(worker);
    this.live.add(worker);
    this.deps.repo.insertExecution({
      id: executionId,
      modelApiId: api.id,
      versionId: version.id,
      hardwareTierId: api.hardwareTierId,
      replica,
      pgid: child.pid ?? null,
      startedAt: this.now(),
    });
    this.log(version.id, 'stdout', `Worker ${replica} starting${environment ? ` on ${environment.label}` : ''}${sandboxed ? '' : ' (unsandboxed)'}`);
    eachLine(child.stderr!, (line) => this.log(version.id, 'stderr', line));
    eachLine(child.stdout!, (line) => this.onMessage(deployment, worker, line));
    void worker.exited.then(() => this.onExit(deployment, worker, workerDir));
  }

  private onMessage(deployment: Deployment, worker: Worker, line: string): void {
    let message: { ready?: boolean; signature?: string; fatal?: string; id?: string; ok?: boolean; result?: unknown; error?: string };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      this.log(deployment.version.id, 'stderr', line);
      return;
    }
    if (message.ready) {
      worker.ready = true;
      deployment.startFailures = 0;
      this.log(deployment.version.id, 'stdout', `Worker ${worker.replica} ready: ${message.signature ?? ''}`);
      deployment.wake();
      this.pump(deployment);
      return;
    }
    if (message.fatal !== undefined) {
      worker.fatal = message.fatal;
      this.log(deployment.version.id, 'stdout', `Worker ${worker.replica} could not load the model: ${message.fatal}`);
      return;
    }
    const check = message.id !== undefined ? worker.bindChecks.get(message.id) : undefined;
    if (check) {
      worker.bindChecks.delete(message.id!);
      check({ ok: message.ok === true, error: message.error });
      return;
    }
    if (!worker.running || worker.running.predictionId !== message.id) return;
    this.finish(
      deployment,
      worker,
      message.ok ? { status: 'Succeeded', result: JSON.stringify(message.result) } : { status: 'Failed', error: message.error ?? 'The model failed' },
    );
    if (worker.retiring) worker.kill();
    else this.pump(deployment);
  }

  private onExit(deployment: Deployment, worker: Worker, workerDir: string): void {
    deployment.workers.delete(worker);
    this.live.delete(worker);
    const code = worker.child.exitCode;
    const how = worker.child.signalCode ? `killed by ${worker.child.signalCode}` : `exit code ${code}`;
    this.deps.repo.endExecution(worker.executionId, this.now(), worker.timedOut ? 'timeout' : worker.retiring ? 'retired' : this.closed ? 'shutdown' : how);
    fs.rmSync(workerDir, { recursive: true, force: true });
    for (const check of worker.bindChecks.values()) check({ ok: false, gone: true });
    worker.bindChecks.clear();
    // At shutdown what a worker ran stays Processing: the next start runs it again.
    if (this.closed) return;
    if (worker.running) {
      this.finish(deployment, worker, {
        status: 'Failed',
        error: `The model's worker process ended (${how}) while running this prediction; see the Model API's instance logs`,
      });
    }
    if (worker.retiring || worker.timedOut) {
      if (!worker.retiring && this.deployments.get(deployment.api.id) === deployment) this.spawnWorker(deployment);
      return;
    }
    this.log(deployment.version.id, 'stdout', `Worker ${worker.replica} ended (${how})`);
    if (this.deployments.get(deployment.api.id) !== deployment) return;
    if (!worker.ready) deployment.startFailures++;
    if (deployment.startFailures >= MAX_START_FAILURES) {
      this.fail(deployment, worker.fatal ?? `its worker process ended before it was ready (${how})`);
      return;
    }
    const backoff = setTimeout(() => {
      if (!this.closed && this.deployments.get(deployment.api.id) === deployment && deployment.current().length < deployment.api.replicas)
        this.spawnWorker(deployment);
    }, 200 * deployment.startFailures);
    backoff.unref();
  }

  /** The deployment cannot run: its waiting predictions fail with the reason, and it starts no more workers. */
  private fail(deployment: Deployment, reason: string): void {
    deployment.failure = reason;
    this.log(deployment.version.id, 'stdout', `The Model API cannot start its workers: ${reason}`);
    for (const worker of deployment.workers) this.retire(worker);
    deployment.queue = [];
    this.deps.repo.failOpen(deployment.api.id, `The Model API's workers cannot start: ${reason}`, this.now());
    deployment.wake();
  }

  /** Ends every worker (server shutdown); what they were running is run again by the next start. */
  async close(): Promise<void> {
    this.closed = true;
    const exits: Array<Promise<void>> = [];
    for (const worker of this.live) {
      if (worker.running) clearTimeout(worker.running.timer);
      worker.kill();
      exits.push(worker.exited);
    }
    for (const deployment of this.deployments.values()) deployment.wake();
    await Promise.all(exits);
  }
}
