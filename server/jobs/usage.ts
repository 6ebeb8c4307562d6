// What a job's processes use, read from /proc: CPU as a percentage of one core, memory as resident
// set size. A sandboxed job's processes are those of its PID namespace (a job that calls setsid is
// still counted); an unsandboxed job's are those of its process group. Linux only; elsewhere usage
// stays unmeasured.
import fs from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

export interface ProcessEntry {
  pid: number;
  pgid: number;
  cpuTicks: number;
  rssBytes: number;
  zombie: boolean;
  /** The PID namespace, e.g. `pid:[4026532281]`; read only when asked for (it costs a readlink). */
  pidNamespace?: string;
}

/** Which processes belong to a job: its PID namespace, or its process group. */
export type Membership = { pidNamespace: string } | { pgid: number };

/** Every process on the machine, read once (one pass serves every running job). */
export function readProcessTable(withNamespaces: boolean): ProcessEntry[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const table: ProcessEntry[] = [];
  for (const entry of entries) {
    if (entry.charCodeAt(0) < 48 || entry.charCodeAt(0) > 57) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const process: ProcessEntry = {
      pid: Number(entry),
      pgid: Number(fields[2]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      rssBytes: Number(fields[21]) * PAGE_BYTES,
      zombie: fields[0] === 'Z',
    };
    if (withNamespaces) process.pidNamespace = pidNamespaceOf(process.pid);
    table.push(process);
  }
  return table;
}

export function pidNamespaceOf(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
}

export function belongsTo(process: ProcessEntry, membership: Membership): boolean {
  return 'pidNamespace' in membership ? process.pidNamespace === membership.pidNamespace : process.pgid === membership.pgid;
}

/** The live (not zombie) processes of a job, read now. */
export function processesOf(membership: Membership): ProcessEntry[] {
  return readProcessTable('pidNamespace' in membership).filter((p) => !p.zombie && belongsTo(p, membership));
}

export class UsageMeter {
  maxCpuPercent = 0;
  maxMemoryGiB = 0;
  /**
   * CPU used so far, in core-seconds: the first sample's ticks, then each rise. A process that
   * ends between samples takes its last ticks with it, so this can undercount, never overcount.
   */
  cpuSeconds = 0;
  private previous: { at: number; cpuTicks: number } | undefined;

  /** Takes the job's share of one process table reading. */
  sample(table: readonly ProcessEntry[], membership: Membership, now = Date.now()): void {
    let cpuTicks = 0;
    let rssBytes = 0;
    let found = false;
    for (const process of table) {
      if (!belongsTo(process, membership)) continue;
      found = true;
      cpuTicks += process.cpuTicks;
      rssBytes += process.rssBytes;
    }
    if (!found) return;
    this.maxMemoryGiB = Math.max(this.maxMemoryGiB, rssBytes / 1024 ** 3);
    this.cpuSeconds += Math.max(0, cpuTicks - (this.previous?.cpuTicks ?? 0)) / CLOCK_TICKS_PER_SECOND;
    if (this.previous && now > this.previous.at) {
      const seconds = (now - this.previous.at) / 1000;
      const percent = ((cpuTicks - this.previous.cpuTicks) / CLOCK_TICKS_PER_SECOND / seconds) * 100;
      this.maxCpuPercent = Math.max(this.maxCpuPercent, Math.round(percent * 10) / 10);
    }
    this.previous = { at: now, cpuTicks };
  }
}
