// Measures a job's process tree (its process group) from /proc: CPU as a percentage of one core,
// memory as resident set size. Linux only; elsewhere usage stays unmeasured.
import fs from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

interface Sample {
  cpuTicks: number;
  rssBytes: number;
}

function sampleGroup(pgid: number): Sample | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  let cpuTicks = 0;
  let rssBytes = 0;
  let found = false;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    found = true;
    cpuTicks += Number(fields[11]) + Number(fields[12]);
    rssBytes += Number(fields[21]) * PAGE_BYTES;
  }
  return found ? { cpuTicks, rssBytes } : undefined;
}

export class UsageMeter {
  maxCpuPercent = 0;
  maxMemoryGiB = 0;
  private previous: { at: number; cpuTicks: number } | undefined;

  constructor(private readonly pgid: number) {}

  sample(now = Date.now()): void {
    const sample = sampleGroup(this.pgid);
    if (!sample) return;
    this.maxMemoryGiB = Math.max(this.maxMemoryGiB, sample.rssBytes / 1024 ** 3);
    if (this.previous && now > this.previous.at) {
      const seconds = (now - this.previous.at) / 1000;
      const percent = ((sample.cpuTicks - this.previous.cpuTicks) / CLOCK_TICKS_PER_SECOND / seconds) * 100;
      this.maxCpuPercent = Math.max(this.maxCpuPercent, Math.round(percent * 10) / 10);
    }
    this.previous = { at: now, cpuTicks: sample.cpuTicks };
  }
}
