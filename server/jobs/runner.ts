// The job runner: a queue per hardware tier, real processes in the job sandbox
// (docs/decisions/0008-job-sandbox.md), logs captured line by line, usage measured over the job's
// processes, results committed to the project.
// Status walks Queued → Preparing → Running → Finishing → Succeeded | Failed | Stopped | Error.
import fs from 'node:fs';
import path from 'node:path';
import { MLFLOW_PREFIX } from '../../src/api/schemas/mlflow';
import type { Clock } from '../clock';
import type { HardwareTierRow, HardwareTiersRepository } from '../db/hardware-tiers-repository';
import type { JobLogsRepository } from '../db/job-logs-repository';
import type { JobRow, JobsRepository } from '../db/jobs-repository';
import { RUNNING_STATUSES } from '../db/jobs-repository';
import type { ProjectRow } from '../db/projects-repository';
import type { UserRow } from '../db/users-repository';
import { MAIN_BRANCH, type GitAuthor, type GitRepositories } from '../git/git-repositories';
import { ApiRelays, type OpenRelay, type RequestDispatcher } from './api-relay';
import { resolveCommand } from './command';
import { DOMINO_STATS_FILE, dominoStatsVersion, readDominoStats } from './domino-stats';
import { JobProcess, killGroupIfMarked, type JobExit } from './job-process';
import { LogSink } from './log-sink';
import {
  API_PROXY_URL,
  ENVIRONMENT_DIR_IN_SANDBOX,
  pathWithEnvironment,
  sandboxedCommand,
  sandboxPath,
  sandboxStatus,
  unsandboxedCommand,
  WORK_DIR,
  type SandboxMount,
  type SandboxStatus,
} from './sandbox';
import { readProcessTable, UsageMeter } from './usage';

export const JOB_HELP_LINK = 'https://docs.dominodatalab.com/en/latest/user_guide/942549/run-jobs/';
const USAGE_SAMPLE_MS = 1000;
/** Early looks catch short jobs too (a sandboxed Python script can be done in 50 ms). */
const FIRST_LOOKS_MS = [20, 100, 300];
/** Between SIGTERM and SIGKILL: long enough for a SIGTERM handler to save its work. */
export const STOP_GRACE_MS = 3000;

/** A failure of the platform whose message is the server's own, safe to show the job's users. */
class PlatformError extends Error {}

interface ActiveJob {
  jobId: string;
  sink: LogSink;
  process?: JobProcess;
  meter: UsageMeter;
  /** Set when the job is being stopped: by a user or a time limit (Stopped), or by shutdown (Error). */
  halt?: { status: 'Stopped' | 'Error'; reason: string };
  timeout?: NodeJS.Timeout;
  done: Promise<void>;
}

/** What the runner needs of the rest of the server, and nothing more (createApp wires it). */
export interface RunnerDependencies {
  jobs: JobsRepository;
  jobLogs: JobLogsRepository;
  hardwareTiers: Pick<HardwareTiersRepository, 'findById'>;
  projectOf(projectId: string): ProjectRow | undefined;
  userOf(userId: string): UserRow | undefined;
  /** The project's files for a run: checked out at the job's commit, the run's changes committed back. */
  files: {
    /** Makes sure the project's repository exists (rows seeded without one get it on first use). */
    ensure(project: ProjectRow): Promise<void>;
    checkout: GitRepositories['checkout'];
    commitWorkTree: GitRepositories['commitWorkTree'];
    authorOf(userId: string): GitAuthor;
  };
  /** A key of the starting user's own for one run, revoked when it ends: the job acts as them, never as the server. */
  runKeys: { issue(userId: string): string; revoke(key: string): void };
  /** What a job has mounted beyond its work tree (datasets fill this). */
  mountsFor(job: JobRow): SandboxMount[];
  /** After a run's processes are gone, before it counts as settled (datasets: sizes, snapshots on completion). */
  afterRun?(job: JobRow): Promise<void>;
  /** The environment revision a job runs on (environments fill this). */
  environmentOf?(job: JobRow): RunEnvironment | undefined;
}

/** What a job running on an environment revision gets: its variables, its scripts, its directory (the build's RUN output). */
export interface RunEnvironment {
  label: string;
  variables: Record<string, string>;
  outputDir: string;
  preRunScript?: string;
  postRunScript?: string;
}

/**
 * The command wrapped in the revision's scripts: the pre-run script is evaluated in the shell that
 * then runs the command (so what it exports reaches the command; its failure stops the run), the
 * post-run script after it, and the command's exit status is the run's. The scripts travel as
 * arguments, never spliced into the shell text.
 */
export function withRunScripts(argv: readonly string[], runEnvironment: RunEnvironment): string[] {
  if (!runEnvironment.preRunScript && !runEnvironment.postRunScript) return [...argv];
  return [
    'bash',
    '-c',
    'pre=$1; post=$2; shift 2; if [ -n "$pre" ]; then eval "$pre" || { s=$?; echo "domino: the environment\'s pre-run script failed (exit $s)" >&2; exit $s; }; fi; "$@"; s=$?; if [ -n "$post" ]; then (eval "$post"); fi; exit $s',
    'domino-run',
    runEnvironment.preRunScript ?? '',
    runEnvironment.postRunScript ?? '',
    ...argv,
  ];
}

/** Where a sandboxed job finds its datasets (DOMINO_DATASETS_DIR), as Domino mounts them. */
export const DATASETS_DIR_IN_SANDBOX = '/domino/datasets';

export interface RunnerOptions {
  clock: Clock;
  /** Where job work directories are made (removed when a job ends). */
  workRoot: string;
  /** The API address handed to unsandboxed jobs as DOMINO_API_HOST. */
  apiHost: () => string;
  /** Hands a sandboxed job's API request to the app; undefined until the app is ready. */
  dispatcher: () => RequestDispatcher | undefined;
  /** Where details of a platform failure go (the server log); the job's users see a plain message. */
  reportError?: (error: unknown, jobId: string) => void;
  /** Which sandbox jobs run in (found once per process; tests may pass their own). */
  sandbox?: () => SandboxStatus;
  /** Where a sandboxed job's API relay sockets live; shared by the runners of one server. */
  relays?: ApiRelays;
}

export class JobRunner {
  private readonly active = new Map<string, ActiveJob>();
  private readonly relays: ApiRelays;
  private scheduling = false;
  private closed = false;
  private sampler: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: RunnerDependencies,
    private readonly options: RunnerOptions,
    /** The runner whose queue a finished job frees room in (a replay lane's is the server's own). */
    private readonly root?: JobRunner,
  ) {
    this.relays = options.relays ?? new ApiRelays(options.dispatcher);
  }

  /** A runner with the same sandbox, API relay and error reporting, on another clock (replaying history). */
  withClock(clock: Clock): JobRunner {
    return new JobRunner(this.deps, { ...this.options, clock, relays: this.relays }, this.root ?? this);
  }

  /** Whether jobs run sandboxed here, and what to do when they cannot. */
  sandbox(): SandboxStatus {
    return (this.options.sandbox ?? sandboxStatus)();
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }

  /**
   * After a restart: jobs that were running died with the old server (the sandbox ends with its
   * parent). Kill what may be left of their process groups and mark them Error; queued jobs stay
   * queued and start as capacity allows.
   */
  recover(): void {
    for (const job of this.deps.jobs.live()) {
      if (!RUNNING_STATUSES.includes(job.status)) continue;
      if (job.pgid) killGroupIfMarked(job.pgid, `DOMINO_RUN_ID=${job.id}`);
      // When the old server stopped is not known; the job's last recorded line is the last sign of
      // life. (A demo history job ran on a clock months in the past: "now" would make it months long.)
      const lastLine = this.deps.jobLogs.lastTime(job.id);
      const started = new Date(job.runningAt ?? job.preparingAt ?? job.submittedAt).getTime();
      const endedAt = new Date(Math.max(started, lastLine === undefined ? started : Number(lastLine / 1_000_000n)));
      const atEnd: Clock = { now: () => endedAt };
      const sink = new LogSink(job.id, this.deps.jobLogs, atEnd);
      sink.line('prepareOutput', 'The embedded Domino restarted while this job ran; its process was stopped.');
      sink.close();
      this.finish(
        job,
        'Error',
        { problem: 'The embedded Domino restarted while this job was running, so the job was stopped. Start it again to rerun it.' },
        atEnd,
      );
    }
    this.schedule();
  }

  /** Starts queued jobs where their tier has room. Safe to call at any time. */
  schedule(): void {
    if (this.scheduling || this.closed) return;
    this.scheduling = true;
    try {
      const live = this.deps.jobs.live();
      const runningPerTier = new Map<string, number>();
      for (const job of live) if (job.status !== 'Queued') runningPerTier.set(job.hardwareTierId, (runningPerTier.get(job.hardwareTierId) ?? 0) + 1);
      const tiers = new Map<string, HardwareTierRow | undefined>();
      for (const job of live) {
        if (job.status !== 'Queued' || this.active.has(job.id)) continue;
        if (!tiers.has(job.hardwareTierId)) tiers.set(job.hardwareTierId, this.deps.hardwareTiers.findById(job.hardwareTierId));
        const tier = tiers.get(job.hardwareTierId);
        const running = runningPerTier.get(job.hardwareTierId) ?? 0;
        if (!tier || running >= tier.maxSimultaneousExecutions) continue;
        runningPerTier.set(job.hardwareTierId, running + 1);
        this.deps.jobs.update(job.id, { status: 'Preparing', preparingAt: this.now() });
        this.launch(job, tier);
      }
    } finally {
      this.scheduling = false;
    }
  }

  /**
   * Runs a queued job at once, whatever its tier's load, and resolves when it has finished. For
   * replaying history (the demo), where a runner with a clock set in the past runs jobs one by one.
   */
  async runNow(jobId: string): Promise<void> {
    if (this.closed) return;
    const job = this.deps.jobs.findById(jobId)!;
    const tier = this.deps.hardwareTiers.findById(job.hardwareTierId)!;
    this.deps.jobs.update(job.id, { status: 'Preparing', preparingAt: this.now() });
    this.launch(job, tier);
    await this.settled(job.id);
  }

  /** Queue position and a wait estimate for a queued job (QueuedJobStatusDetailsV1). */
  queueDetails(job: JobRow): { expectedWait: string; explanation: string; helpText: string } | undefined {
    if (job.status !== 'Queued') return undefined;
    const tier = this.deps.hardwareTiers.findById(job.hardwareTierId);
    const { running, ahead } = this.deps.jobs.queuePosition(job);
    const capacity = tier?.maxSimultaneousExecutions ?? 1;
    return {
      explanation: `All ${capacity} execution slot${capacity === 1 ? '' : 's'} of ${tier?.name ?? job.hardwareTierId} are in use (${running} running); ${ahead === 0 ? 'this job is next' : `${ahead} job${ahead === 1 ? '' : 's'} ahead of it`}.`,
      expectedWait:
        ahead === 0 ? 'Starts when a running job on this tier finishes' : `Starts after ${ahead + 1} more job${ahead === 0 ? '' : 's'} on this tier finish`,
      helpText: 'Choose another hardware tier to start sooner, or stop a running job on this tier.',
    };
  }

  /**
   * Stops a job: a queued one at once; a running one by SIGTERM to its processes, then, after a
   * grace period its code may use, by ending its sandbox.
   */
  async stop(jobId: string, reason: string): Promise<void> {
    const active = this.active.get(jobId);
    if (!active) {
      const job = this.deps.jobs.findById(jobId);
      if (job && job.status === 'Queued') {
        const sink = new LogSink(jobId, this.deps.jobLogs, this.options.clock);
        sink.line('prepareOutput', reason);
        sink.close();
        this.finish(job, 'Stopped', { problem: reason });
        this.schedule();
      }
      return;
    }
    active.halt ??= { status: 'Stopped', reason };
    active.process?.terminate(STOP_GRACE_MS);
    await active.done;
  }

  /** Ends every running job (server shutdown); they are marked Error by the next start's recovery. */
  async close(): Promise<void> {
    this.closed = true;
    for (const active of this.active.values()) {
      active.halt = { status: 'Error', reason: 'The embedded Domino stopped while this job was running, so the job was stopped. Start it again to rerun it.' };
      active.process?.kill();
    }
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
    this.stopSampling();
    if (!this.options.relays) this.relays.dispose();
  }

  /** Resolves when the job has finished (for tests and the demo history). */
  async settled(jobId: string): Promise<void> {
    await this.active.get(jobId)?.done;
  }

  private launch(job: JobRow, tier: HardwareTierRow): void {
    const sink = new LogSink(job.id, this.deps.jobLogs, this.options.clock);
    const active: ActiveJob = { jobId: job.id, sink, meter: new UsageMeter(), done: Promise.resolve() };
    this.active.set(job.id, active);
    active.done = this.run(job, tier, active)
      .catch((error: unknown) => {
        // The job's users see the server's own words; the details (which may name host paths) go to the server log.
        const message = error instanceof PlatformError ? error.message : 'an unexpected error; the server log has the details';
        if (!(error instanceof PlatformError)) this.options.reportError?.(error, job.id);
        sink.line('prepareOutput', `The platform failed: ${message}`);
        this.finish(this.deps.jobs.findById(job.id)!, 'Error', { problem: `The platform failed to run this job: ${message}` });
      })
      .finally(() => {
        sink.close();
        if (active.timeout) clearTimeout(active.timeout);
        this.active.delete(job.id);
        if (this.active.size === 0) this.stopSampling();
        (this.root ?? this).schedule();
      });
  }

  private async run(job: JobRow, tier: HardwareTierRow, active: ActiveJob): Promise<void> {
    const { sink } = active;
    const project = this.deps.projectOf(job.projectId)!;
    const starter = this.deps.userOf(job.startedBy)!;
    const jobDir = path.join(this.options.workRoot, job.id);
    const workTree = path.join(jobDir, 'work');
    const indexFile = path.join(jobDir, 'index');
    const cores = `${tier.cores} core${tier.cores === 1 ? '' : 's'}`;
    sink.line(
      'prepareOutput',
      `Preparing job #${job.number} of ${project.ownerUserName}/${project.name} on ${tier.name} (${cores}, ${tier.memoryGiB} GiB${tier.gpuCount ? `, ${tier.gpuCount} × ${tier.gpuType} GPU (simulated)` : ''})`,
    );
    const sandbox = this.sandbox();
    if (sandbox.mode === 'unavailable') throw new PlatformError(sandbox.hint ?? 'the job sandbox is not available');
    const jobKey = this.deps.runKeys.issue(starter.id);
    let relay: OpenRelay | undefined;
    try {
      fs.rmSync(jobDir, { recursive: true, force: true });
      fs.mkdirSync(workTree, { recursive: true });
      await this.deps.files.ensure(project);
      sink.line('prepareOutput', `Checking out commit ${job.inputCommitId.slice(0, 12)} into a fresh work directory`);
      const fileCount = await this.deps.files.checkout(project.id, job.inputCommitId, workTree, indexFile);
      sink.line('prepareOutput', `Checked out ${fileCount} file${fileCount === 1 ? '' : 's'}`);
      // A stats file committed by an earlier run is checked out with the rest; it is not this run's.
      const checkedOutStats = dominoStatsVersion(workTree);
      if (active.halt) return this.halted(job, active);

      const command = resolveCommand(job.command, tier.memoryGiB);
      const env = this.runEnvironment(job, tier, starter.userName, jobKey, sandbox.mode === 'bwrap' ? WORK_DIR : workTree);
      const runEnvironment = this.deps.environmentOf?.(job);
      const environmentMounts: SandboxMount[] = [];
      if (runEnvironment) {
        sink.line('prepareOutput', `Environment: ${runEnvironment.label}`);
        const envDir = sandbox.mode === 'bwrap' ? ENVIRONMENT_DIR_IN_SANDBOX : runEnvironment.outputDir;
        // The revision's variables first: Domino's own run variables are not theirs to change.
        Object.assign(env, { ...runEnvironment.variables, ...env, PATH: pathWithEnvironment(envDir), DOMINO_ENVIRONMENT_DIR: envDir });
        if (fs.existsSync(runEnvironment.outputDir))
          environmentMounts.push({ hostPath: runEnvironment.outputDir, sandboxPath: ENVIRONMENT_DIR_IN_SANDBOX, readOnly: true });
        command.argv = withRunScripts(command.argv, runEnvironment);
      }
      let launch: string[];
      if (sandbox.mode === 'bwrap') {
        relay = await this.relays.open(job.id, jobKey);
        const mounts = [...this.deps.mountsFor(job), ...environmentMounts];
        // Mounts exist only in the sandbox (binds): an unsandboxed job has no datasets.
        env.DOMINO_DATASETS_DIR = DATASETS_DIR_IN_SANDBOX;
        for (const mount of mounts) sink.line('prepareOutput', `Mounting ${mount.sandboxPath}${mount.readOnly ? ' (read-only)' : ''}`);
        launch = sandboxedCommand({ workTree, jobDir, apiSocket: relay.socketPath, tmpBytes: Math.floor(tier.memoryGiB * 1024 ** 3), mounts }, command.argv);
        sink.line('prepareOutput', `Starting in the job sandbox: ${job.command}`);
      } else {
        env.DOMINO_API_HOST = this.options.apiHost();
        env.DOMINO_API_PROXY = this.options.apiHost();
        launch = unsandboxedCommand(command.argv);
        sink.line('prepareOutput', `Starting WITHOUT a sandbox (DOMINO_UNSANDBOXED_JOBS=1): ${job.command}`);
      }
      const exit = await this.spawnJob(job, tier, active, launch, env, workTree, sandbox.mode === 'bwrap');
      if (active.halt) return this.halted(job, active);

      this.deps.jobs.update(job.id, { status: 'Finishing', finishingAt: this.now() });
      if (exit.spawnError) {
        sink.line('prepareOutput', `Could not start the job's process: ${exit.spawnError}`);
        return this.finish(job, 'Error', { problem: `The platform could not start the job's process (${exit.spawnError}).` });
      }
      sink.line('prepareOutput', `Process exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}`);
      const statsWritten = dominoStatsVersion(workTree) !== checkedOutStats;
      const { stats: dominoStats, ignored } = statsWritten ? readDominoStats(workTree) : { stats: {}, ignored: undefined };
      if (ignored) sink.line('prepareOutput', `Ignored ${DOMINO_STATS_FILE}: ${ignored}`);
      const outputCommitId = await this.commitResults(job, project.resultsBranch, workTree, indexFile, sink);
      const failed = exit.code !== 0;
      this.finish(job, failed ? 'Failed' : 'Succeeded', {
        exitCode: exit.code ?? null,
        outputCommitId: outputCommitId ?? null,
        dominoStats,
        problem: failed ? problemFrom(exit, sink.lastLine('stdErr'), command.interpreter) : null,
      });
    } finally {
      this.deps.runKeys.revoke(jobKey);
      await relay?.close();
      fs.rmSync(jobDir, { recursive: true, force: true });
      await this.deps.afterRun?.(job).catch((error: unknown) => this.options.reportError?.(error, job.id));
    }
  }

  /** A clean environment: Domino's run variables and nothing else from the server's. */
  private runEnvironment(job: JobRow, tier: HardwareTierRow, userName: string, apiKey: string, home: string): NodeJS.ProcessEnv {
    const project = this.deps.projectOf(job.projectId)!;
    return {
      PATH: sandboxPath(),
      HOME: home,
      LANG: 'C.UTF-8',
      PYTHONUNBUFFERED: '1', // live logs: Python block-buffers a pipe otherwise
      DOMINO_PROJECT_ID: project.id,
      DOMINO_PROJECT_NAME: project.name,
      DOMINO_PROJECT_OWNER: project.ownerUserName,
      DOMINO_RUN_ID: job.id,
      DOMINO_STARTING_USERNAME: userName,
      DOMINO_HARDWARE_TIER_ID: tier.id,
      DOMINO_WORKING_DIR: home,
      // Domino runs reach the API through a proxy of the run's own; so do these.
      DOMINO_API_HOST: API_PROXY_URL,
      DOMINO_API_PROXY: API_PROXY_URL,
      DOMINO_USER_API_KEY: apiKey,
      // MLflow clients track into this run's project through the same relay (decision 24).
      MLFLOW_TRACKING_URI: `${API_PROXY_URL}${MLFLOW_PREFIX}`,
      MLFLOW_TRACKING_TOKEN: apiKey,
    };
  }

  private async spawnJob(
    job: JobRow,
    tier: HardwareTierRow,
    active: ActiveJob,
    command: string[],
    env: NodeJS.ProcessEnv,
    cwd: string,
    sandboxed: boolean,
  ): Promise<JobExit> {
    const child = new JobProcess({ command, env, cwd, sandboxed, sink: active.sink });
    active.process = child;
    if (child.pgid === undefined) return child.exited;
    this.deps.jobs.update(job.id, { status: 'Running', runningAt: this.now(), pgid: child.pgid });
    // A few early looks, then the shared sampler, once a second.
    const firstLooks = FIRST_LOOKS_MS.map((ms) => setTimeout(() => this.measure([active], { byGroup: true }), ms));
    this.startSampling();
    active.timeout = setTimeout(() => {
      void this.stop(job.id, `Stopped: the job ran longer than ${tier.name}'s maximum run time of ${tier.maxRunMinutes} minutes.`);
    }, tier.maxRunMinutes * 60_000);
    const exit = await child.exited;
    for (const look of firstLooks) clearTimeout(look);
    return exit;
  }

  /**
   * One read of the process table serves every running job. The early looks of a starting job go
   * by its process group, which saves a readlink per process: a job's processes stay in the group
   * unless they call setsid, which the once-a-second samples (by PID namespace) then catch.
   */
  private measure(jobs: Iterable<ActiveJob>, options: { byGroup?: boolean } = {}): void {
    const measured = [...jobs].filter((a) => a.process?.membership);
    if (measured.length === 0) return;
    const membershipOf = (active: ActiveJob) => (options.byGroup && active.process!.pgid ? { pgid: active.process!.pgid } : active.process!.membership!);
    const table = readProcessTable(measured.some((a) => 'pidNamespace' in membershipOf(a)));
    const now = Date.now();
    for (const active of measured) {
      active.meter.sample(table, membershipOf(active), now);
      this.deps.jobs.update(active.jobId, {
        maxCpuPercent: active.meter.maxCpuPercent,
        maxMemoryGiB: round(active.meter.maxMemoryGiB),
        cpuSeconds: round(active.meter.cpuSeconds),
      });
    }
  }

  private startSampling(): void {
    this.sampler ??= setInterval(() => this.measure(this.active.values()), USAGE_SAMPLE_MS);
  }

  private stopSampling(): void {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = undefined;
  }

  private async commitResults(
    job: JobRow,
    resultsBranch: 'main' | 'isolated',
    workTree: string,
    indexFile: string,
    sink: LogSink,
  ): Promise<string | undefined> {
    const isolated = resultsBranch === 'isolated';
    const branch = isolated ? `results/run-${job.number}` : MAIN_BRANCH;
    let commit: string | undefined;
    try {
      commit = await this.deps.files.commitWorkTree(job.projectId, {
        baseCommit: job.inputCommitId,
        workTree,
        indexFile,
        branch,
        isolated,
        message: `Results of job #${job.number}: ${job.title ?? job.command}`,
        author: this.deps.files.authorOf(job.startedBy),
      });
    } catch (error) {
      this.options.reportError?.(error, job.id);
      throw new PlatformError('it could not commit the job’s results to the project’s repository (the job’s output is in its log)');
    }
    sink.line('prepareOutput', commit ? `Committed results to ${branch} as ${commit.slice(0, 12)}` : 'No files changed; nothing to commit');
    return commit;
  }

  private halted(job: JobRow, active: ActiveJob): void {
    active.sink.line('prepareOutput', active.halt!.reason);
    this.finish(job, active.halt!.status, { problem: active.halt!.reason });
  }

  private finish(
    job: JobRow,
    status: 'Succeeded' | 'Failed' | 'Stopped' | 'Error',
    patch: { exitCode?: number | null; outputCommitId?: string | null; dominoStats?: Record<string, string | number>; problem?: string | null },
    clock: Clock = this.options.clock,
  ): void {
    const current = this.deps.jobs.findById(job.id)!;
    const completedAt = clock.now();
    const started = current.runningAt ?? current.preparingAt;
    this.deps.jobs.update(job.id, {
      ...patch,
      status,
      completedAt: completedAt.toISOString(),
      durationMs: started ? Math.max(0, completedAt.getTime() - new Date(started).getTime()) : 0,
      pgid: null,
    });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Kills a recorded group only if its leader is still this job's process (pids are reused). */
function problemFrom(exit: JobExit, lastStdErr: string | undefined, interpreter: string): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  if (exit.code === 127 && lastStdErr && /not found/.test(lastStdErr)) return `Command not found: ${lastStdErr.trim()}`;
  return lastStdErr ? `${lastStdErr.trim().slice(0, 500)} (${interpreter} ${how})` : `The job's command ${how}.`;
}
