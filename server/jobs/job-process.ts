// One job's process tree: spawned (in the sandbox, or bare when DOMINO_UNSANDBOXED_JOBS=1), its
// output streamed into the log with backpressure, found again by PID namespace or process group,
// stopped gently and then for good.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Readable } from 'node:stream';
import type { LogSink } from './log-sink';
import { pidNamespaceOf, processesOf, type Membership } from './usage';

export interface JobExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The process could not be started at all (e.g. the program is missing). */
  spawnError?: string;
}

export interface JobProcessOptions {
  /** The whole command line, sandbox included. */
  command: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether `command` runs bwrap with `--info-fd 3`. */
  sandboxed: boolean;
  sink: LogSink;
}

const SIGNAL_NAMES = new Map(Object.entries(os.constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]));

export class JobProcess {
  /** The process group: the sandbox's outer process and everything that stays in its group. */
  readonly pgid: number | undefined;
  readonly exited: Promise<JobExit>;
  /** The namespace's first process (bwrap's reaper, pid 1 inside); never sent SIGTERM. */
  private namespaceInit: number | undefined;
  private pidNamespace: string | undefined;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(options: JobProcessOptions) {
    const child = spawn(options.command[0]!, options.command.slice(1), {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', options.sandboxed ? 'pipe' : 'ignore'],
    });
    this.pgid = child.pid;
    let spawnError: string | undefined;
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = `${options.command[0]}: ${error.code ?? error.message}`;
    });
    if (options.sandboxed && child.stdio[3]) this.readSandboxInfo(child.stdio[3] as Readable);
    this.pipe(child.stdout!, 'stdOut', options.sink, [child.stdout!, child.stderr!]);
    this.pipe(child.stderr!, 'stdErr', options.sink, [child.stdout!, child.stderr!]);
    this.exited = new Promise<JobExit>((resolve) => {
      child.on('close', (code, signal) => {
        if (this.killTimer) clearTimeout(this.killTimer);
        // Whatever the job left running in its group goes with it.
        if (this.pgid) signalGroup(this.pgid, 'SIGKILL');
        if (spawnError) return resolve({ code: null, signal: null, spawnError });
        // bwrap passes a command killed by a signal on as 128 + the signal's number.
        if (options.sandboxed && code !== null && code > 128 && SIGNAL_NAMES.has(code - 128))
          return resolve({ code: null, signal: SIGNAL_NAMES.get(code - 128)! });
        resolve({ code, signal });
      });
    });
  }

  /** Which processes are the job's: its PID namespace once the sandbox reported it, else its group. */
  get membership(): Membership | undefined {
    if (this.pidNamespace) return { pidNamespace: this.pidNamespace };
    return this.pgid ? { pgid: this.pgid } : undefined;
  }

  /** Asks the job's processes to end (SIGTERM, which a job may handle), and kills them after the grace period. */
  terminate(graceMs: number): void {
    if (this.pidNamespace) {
      for (const process of processesOf({ pidNamespace: this.pidNamespace })) if (process.pid !== this.namespaceInit) signal(process.pid, 'SIGTERM');
    } else if (this.pgid) signalGroup(this.pgid, 'SIGTERM');
    this.killTimer ??= setTimeout(() => this.kill(), graceMs);
    this.killTimer.unref();
  }

  /** Ends everything at once: killing the sandbox's processes ends its namespace, and every process in it. */
  kill(): void {
    if (this.pgid) signalGroup(this.pgid, 'SIGKILL');
    if (this.namespaceInit) signal(this.namespaceInit, 'SIGKILL');
  }

  private readSandboxInfo(info: Readable): void {
    let text = '';
    info.setEncoding('utf8');
    info.on('data', (chunk: string) => {
      text += chunk;
      const match = /"child-pid"\s*:\s*(\d+)/.exec(text);
      if (!match || this.namespaceInit) return;
      this.namespaceInit = Number(match[1]);
      this.pidNamespace = pidNamespaceOf(this.namespaceInit);
    });
    info.on('error', () => undefined);
  }

  /** Output into the log; both pipes pause while the log has a backlog, so the job waits instead of the server. */
  private pipe(stream: Readable, logType: 'stdOut' | 'stdErr', sink: LogSink, both: Readable[]): void {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      sink.write(logType, chunk);
      if (!sink.backlogged || stream.isPaused()) return;
      for (const s of both) s.pause();
      void sink.drained().then(() => {
        for (const s of both) s.resume();
      });
    });
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

export function signalGroup(pgid: number, name: NodeJS.Signals): void {
  signal(-pgid, name);
}

/**
 * Kills a process group the last server left behind, only when its leader carries `marker`
 * (`NAME=value`) in its environment: a recorded pgid may since have been reused by anything.
 */
export function killGroupIfMarked(pgid: number, marker: string): boolean {
  try {
    const environ = fs.readFileSync(`/proc/${pgid}/environ`, 'utf8');
    if (!environ.split('\0').includes(marker)) return false;
    signalGroup(pgid, 'SIGKILL');
    return true;
  } catch {
    // No such process, or not ours to read: nothing to kill.
    return false;
  }
}
