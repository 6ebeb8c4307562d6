// The job runner: a queue per hardware tier, real processes in their own process groups, logs
// captured line by line, usage measured from the process tree, results committed to the project.
// Status walks Queued → Preparing → Running → Finishing → Succeeded | Failed | Stopped | Error.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import type { ServerContext } from '../context';
import type { HardwareTierRow } from '../db/hardware-tiers-repository';
import type { JobRow } from '../db/jobs-repository';
import { RUNNING_STATUSES } from '../db/jobs-repository';
import { hashSecret } from '../http/ids';
import { MAIN_BRANCH } from '../git/git-repositories';
import { addApiKey } from '../services/users';
import { authorOf, ensureRepository } from '../services/projects';
import { resolveCommand } from './command';
import { LogSink } from './log-sink';
import { UsageMeter } from './usage';

export const JOB_HELP_LINK = 'https://docs.dominodatalab.com/en/latest/user_guide/942549/run-jobs/';
const USAGE_SAMPLE_MS = 1000;
const STOP_GRACE_MS = 3000;

interface ActiveJob {
  jobId: string;
  pgid?: number;
  sink: LogSink;
  /** Set when the job is being stopped: by a user or a time limit (Stopped), or by shutdown (Error). */
  halt?: { status: 'Stopped' | 'Error'; reason: string };
  timeout?: NodeJS.Timeout;
  done: Promise<void>;
}

export interface RunnerOptions {
  clock: Clock;
  /** Where job work directories are made (removed when a job ends). */
  workRoot: string;
  /** The API address handed to jobs as DOMINO_API_HOST. */
  apiHost: () => string;
}

export class JobRunner {
  private readonly active = new Map<string, ActiveJob>();
  private scheduling = false;
  private closed = false;

  constructor(
    private readonly ctx: ServerContext,
    private readonly options: RunnerOptions,
  ) {}

  private now(): string {
    return this.options.clock.now().toISOString();
  }

  /**
   * After a restart: jobs that were running died with the old server. Kill what is left of their
   * process groups and mark them Error; queued jobs stay queued and start as capacity allows.
   */
  recover(): void {
    for (const job of this.ctx.jobs.live()) {
      if (!RUNNING_STATUSES.includes(job.status)) continue;
      if (job.pgid) killGroupIfOurs(job.pgid, job.id);
      const sink = new LogSink(job.id, this.ctx.jobLogs, this.options.clock);
      sink.line('prepareOutput', 'The embedded Domino restarted while this job ran; its process was stopped.');
      sink.close();
      this.finish(job, 'Error', { problem: 'The embedded Domino restarted while this job was running, so the job was stopped. Start it again to rerun it.' });
    }
    this.schedule();
  }

  /** Starts queued jobs where their tier has room. Safe to call at any time. */
  schedule(): void {
    if (this.scheduling || this.closed) return;
    this.scheduling = true;
    try {
      const live = this.ctx.jobs.live();
      const runningPerTier = new Map<string, number>();
      for (const job of live) if (job.status !== 'Queued') runningPerTier.set(job.hardwareTierId, (runningPerTier.get(job.hardwareTierId) ?? 0) + 1);
      for (const job of live) {
        if (job.status !== 'Queued' || this.active.has(job.id)) continue;
        const tier = this.ctx.hardwareTiers.findById(job.hardwareTierId);
        const running = runningPerTier.get(job.hardwareTierId) ?? 0;
        if (!tier || running >= tier.maxSimultaneousExecutions) continue;
        runningPerTier.set(job.hardwareTierId, running + 1);
        this.ctx.jobs.update(job.id, { status: 'Preparing', preparingAt: this.now() });
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
    const job = this.ctx.jobs.findById(jobId)!;
    const tier = this.ctx.hardwareTiers.findById(job.hardwareTierId)!;
    this.ctx.jobs.update(job.id, { status: 'Preparing', preparingAt: this.now() });
    this.launch(job, tier);
    await this.settled(job.id);
  }

  /** Queue position and a wait estimate for a queued job (QueuedJobStatusDetailsV1). */
  queueDetails(job: JobRow): { expectedWait: string; explanation: string; helpText: string } | undefined {
    if (job.status !== 'Queued') return undefined;
    const tier = this.ctx.hardwareTiers.findById(job.hardwareTierId);
    const live = this.ctx.jobs.live().filter((j) => j.hardwareTierId === job.hardwareTierId);
    const running = live.filter((j) => j.status !== 'Queued').length;
    const ahead = live.filter((j) => j.status === 'Queued' && (j.submittedAt < job.submittedAt || (j.submittedAt === job.submittedAt && j.number < job.number))).length;
    const capacity = tier?.maxSimultaneousExecutions ?? 1;
    return {
      explanation: `All ${capacity} execution slot${capacity === 1 ? '' : 's'} of ${tier?.name ?? job.hardwareTierId} are in use (${running} running); ${ahead === 0 ? 'this job is next' : `${ahead} job${ahead === 1 ? '' : 's'} ahead of it`}.`,
      expectedWait: ahead === 0 ? 'Starts when a running job on this tier finishes' : `Starts after ${ahead + 1} more job${ahead === 0 ? '' : 's'} on this tier finish`,
      helpText: 'Choose another hardware tier to start sooner, or stop a running job on this tier.',
    };
  }

  /** Stops a job: a queued one at once, a running one by ending its process group. */
  async stop(jobId: string, reason: string): Promise<void> {
    const active = this.active.get(jobId);
    if (!active) {
      const job = this.ctx.jobs.findById(jobId);
      if (job && job.status === 'Queued') {
        const sink = new LogSink(jobId, this.ctx.jobLogs, this.options.clock);
        sink.line('prepareOutput', reason);
        sink.close();
        this.finish(job, 'Stopped', { problem: reason });
        this.schedule();
      }
      return;
    }
    active.halt ??= { status: 'Stopped', reason };
    if (active.pgid) {
      signalGroup(active.pgid, 'SIGTERM');
      const kill = setTimeout(() => active.pgid && signalGroup(active.pgid, 'SIGKILL'), STOP_GRACE_MS);
      kill.unref();
    }
    await active.done;
  }

  /** Ends every running job (server shutdown); they are marked Error by the next start's recovery. */
  async close(): Promise<void> {
    this.closed = true;
    for (const active of this.active.values()) {
      active.halt = { status: 'Error', reason: 'The embedded Domino stopped while this job was running, so the job was stopped. Start it again to rerun it.' };
      if (active.pgid) signalGroup(active.pgid, 'SIGKILL');
    }
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  /** Resolves when the job has finished (for tests and the demo history). */
  async settled(jobId: string): Promise<void> {
    await this.active.get(jobId)?.done;
  }

  private launch(job: JobRow, tier: HardwareTierRow): void {
    const sink = new LogSink(job.id, this.ctx.jobLogs, this.options.clock);
    const active: ActiveJob = { jobId: job.id, sink, done: Promise.resolve() };
    this.active.set(job.id, active);
    active.done = this.run(job, tier, active)
      .catch((error: Error) => {
        sink.line('prepareOutput', `The platform failed: ${error.message}`);
        this.finish(this.ctx.jobs.findById(job.id)!, 'Error', { problem: `The platform failed to run this job: ${error.message}` });
      })
      .finally(() => {
        sink.close();
        if (active.timeout) clearTimeout(active.timeout);
        this.active.delete(job.id);
        this.ctx.runner.schedule();
      });
  }

  private async run(job: JobRow, tier: HardwareTierRow, active: ActiveJob): Promise<void> {
    const { sink } = active;
    const project = this.ctx.projects.findById(job.projectId)!;
    const starter = this.ctx.users.findById(job.startedBy)!;
    const jobDir = path.join(this.options.workRoot, job.id);
    const workTree = path.join(jobDir, 'work');
    const indexFile = path.join(jobDir, 'index');
    const cores = `${tier.cores} core${tier.cores === 1 ? '' : 's'}`;
    sink.line('prepareOutput', `Preparing job #${job.number} of ${project.ownerUserName}/${project.name} on ${tier.name} (${cores}, ${tier.memoryGiB} GiB${tier.gpuCount ? `, ${tier.gpuCount} × ${tier.gpuType} GPU (simulated)` : ''})`);
    // A key of the starting user's own, for this run only: the job acts as them, never as the server.
    const jobKey = addApiKey(this.ctx, starter.id);
    try {
      fs.rmSync(jobDir, { recursive: true, force: true });
      fs.mkdirSync(workTree, { recursive: true });
      await ensureRepository(this.ctx, project);
      sink.line('prepareOutput', `Checking out commit ${job.inputCommitId.slice(0, 12)} into a fresh work directory`);
      const fileCount = await this.ctx.git.checkout(project.id, job.inputCommitId, workTree, indexFile);
      sink.line('prepareOutput', `Checked out ${fileCount} file${fileCount === 1 ? '' : 's'}`);
      if (active.halt) return this.halted(job, active);

      const command = resolveCommand(job.command, tier.memoryGiB);
      sink.line('prepareOutput', `Starting: ${job.command}`);
      const exit = await this.spawnJob(job, tier, starter.userName, jobKey, command.argv, workTree, active);
      if (active.halt) return this.halted(job, active);

      this.ctx.jobs.update(job.id, { status: 'Finishing', finishingAt: this.now() });
      if (exit.spawnError) {
        sink.line('prepareOutput', `Could not start the job's process: ${exit.spawnError}`);
        return this.finish(job, 'Error', { problem: `The platform could not start the job's process (${exit.spawnError}).` });
      }
      sink.line('prepareOutput', `Process exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}`);
      const dominoStats = readDominoStats(workTree, sink);
      const outputCommitId = await this.commitResults(job, project.resultsBranch, workTree, indexFile, sink);
      const failed = exit.code !== 0;
      this.finish(job, failed ? 'Failed' : 'Succeeded', {
        exitCode: exit.code ?? null,
        outputCommitId: outputCommitId ?? null,
        dominoStats,
        problem: failed ? problemFrom(exit, command.interpreter) : null,
      });
    } finally {
      this.ctx.apiKeys.remove(hashSecret(jobKey));
      fs.rmSync(jobDir, { recursive: true, force: true });
    }
  }

  private spawnJob(job: JobRow, tier: HardwareTierRow, userName: string, apiKey: string, argv: string[], cwd: string, active: ActiveJob) {
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: string; lastStdErr: string }>((resolve) => {
      const project = this.ctx.projects.findById(job.projectId)!;
      // A clean environment: Domino's run variables and nothing else from the server's.
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
        HOME: cwd,
        LANG: 'C.UTF-8',
        PYTHONUNBUFFERED: '1', // live logs: Python block-buffers a pipe otherwise
        DOMINO_PROJECT_ID: project.id,
        DOMINO_PROJECT_NAME: project.name,
        DOMINO_PROJECT_OWNER: project.ownerUserName,
        DOMINO_RUN_ID: job.id,
        DOMINO_STARTING_USERNAME: userName,
        DOMINO_HARDWARE_TIER_ID: tier.id,
        DOMINO_API_HOST: this.options.apiHost(),
        DOMINO_USER_API_KEY: apiKey,
      };
      let lastStdErr = '';
      let settled = false;
      const child = spawn(argv[0]!, argv.slice(1), { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (settled) return;
        settled = true;
        resolve({ code: null, signal: null, spawnError: `${argv[0]}: ${error.code ?? error.message}`, lastStdErr });
      });
      if (child.pid === undefined) return;
      const pgid = child.pid;
      active.pgid = pgid;
      this.ctx.jobs.update(job.id, { status: 'Running', runningAt: this.now(), pgid });
      const meter = new UsageMeter(pgid);
      const measure = () => {
        meter.sample();
        this.ctx.jobs.update(job.id, { maxCpuPercent: meter.maxCpuPercent, maxMemoryGiB: round(meter.maxMemoryGiB) });
      };
      // A first look soon after the start catches short jobs too; then once a second.
      const firstLook = setTimeout(measure, 100);
      const sampler = setInterval(measure, USAGE_SAMPLE_MS);
      active.timeout = setTimeout(() => {
        void this.stop(job.id, `Stopped: the job ran longer than ${tier.name}'s maximum run time of ${tier.maxRunMinutes} minutes.`);
      }, tier.maxRunMinutes * 60_000);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => active.sink.write('stdOut', chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        active.sink.write('stdErr', chunk);
        const lines = chunk.split('\n').filter((l) => l.trim() !== '');
        if (lines.length > 0) lastStdErr = lines[lines.length - 1]!;
      });
      child.on('close', (code, signal) => {
        clearTimeout(firstLook);
        clearInterval(sampler);
        measure();
        // Whatever the job left running in its group goes with it.
        signalGroup(pgid, 'SIGKILL');
        if (settled) return;
        settled = true;
        resolve({ code, signal, lastStdErr });
      });
    });
  }

  private async commitResults(job: JobRow, resultsBranch: 'main' | 'isolated', workTree: string, indexFile: string, sink: LogSink): Promise<string | undefined> {
    const isolated = resultsBranch === 'isolated';
    const branch = isolated ? `results/run-${job.number}` : MAIN_BRANCH;
    const commit = await this.ctx.git.commitWorkTree(job.projectId, {
      baseCommit: job.inputCommitId,
      workTree,
      indexFile,
      branch,
      isolated,
      message: `Results of job #${job.number}: ${job.title ?? job.command}`,
      author: authorOf(this.ctx, job.startedBy),
    });
    sink.line('prepareOutput', commit ? `Committed results to ${branch} as ${commit.slice(0, 12)}` : 'No files changed; nothing to commit');
    return commit;
  }

  private halted(job: JobRow, active: ActiveJob): void {
    active.sink.line('prepareOutput', active.halt!.reason);
    this.finish(job, active.halt!.status, { problem: active.halt!.reason });
  }

  private finish(job: JobRow, status: 'Succeeded' | 'Failed' | 'Stopped' | 'Error', patch: { exitCode?: number | null; outputCommitId?: string | null; dominoStats?: Record<string, string | number>; problem?: string | null }): void {
    const current = this.ctx.jobs.findById(job.id)!;
    const completedAt = this.options.clock.now();
    const started = current.runningAt ?? current.preparingAt;
    this.ctx.jobs.update(job.id, {
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

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Kills a recorded group only if its leader is still this job's process (pids are reused). */
function killGroupIfOurs(pgid: number, jobId: string): void {
  try {
    const environ = fs.readFileSync(`/proc/${pgid}/environ`, 'utf8');
    if (environ.split('\0').includes(`DOMINO_RUN_ID=${jobId}`)) signalGroup(pgid, 'SIGKILL');
  } catch {
    // No such process, or not ours to read: nothing to kill.
  }
}

function readDominoStats(workTree: string, sink: LogSink): Record<string, string | number> {
  const file = path.join(workTree, 'dominostats.json');
  if (!fs.existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('it is not a JSON object');
    const stats: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(parsed)) if (typeof value === 'number' || typeof value === 'string') stats[name] = value;
    return stats;
  } catch (error) {
    sink.line('prepareOutput', `Ignored dominostats.json: ${(error as Error).message}`);
    return {};
  }
}

function problemFrom(exit: { code: number | null; signal: NodeJS.Signals | null; lastStdErr: string }, interpreter: string): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  if (exit.code === 127 && /not found/.test(exit.lastStdErr)) return `Command not found: ${exit.lastStdErr.trim()}`;
  return exit.lastStdErr ? `${exit.lastStdErr.trim().slice(0, 500)} (${interpreter} ${how})` : `The job's command ${how}.`;
}
