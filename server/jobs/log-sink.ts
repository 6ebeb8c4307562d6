// Turns a job's output into log lines with unique, strictly increasing nanosecond times, and
// writes them to the database in order, in small batches: the database always holds a prefix of
// the job's lines, so a reader's cursor never skips one that lands later.
import type { Clock } from '../clock';
import type { JobLogsRepository, LogLine, LogType } from '../db/job-logs-repository';

const FLUSH_INTERVAL_MS = 50;
const FLUSH_LINES = 5_000;
/** Longer lines are split: one log line stays a readable size. */
const MAX_LINE_CHARS = 16 * 1024;

export class LogSink {
  private buffer: LogLine[] = [];
  private lastTime: bigint;
  private readonly partial: Partial<Record<LogType, string>> = {};
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly jobId: string,
    private readonly logs: JobLogsRepository,
    private readonly clock: Clock,
  ) {
    this.lastTime = logs.lastTime(jobId) ?? 0n;
  }

  private nextTime(): bigint {
    const now = BigInt(this.clock.now().getTime()) * 1_000_000n;
    this.lastTime = now > this.lastTime ? now : this.lastTime + 1n;
    return this.lastTime;
  }

  /** One whole line (prepare output, messages from the platform). */
  line(logType: LogType, text: string): void {
    for (let i = 0; i < Math.max(text.length, 1); i += MAX_LINE_CHARS) {
      this.buffer.push({ timeNano: this.nextTime(), logType, line: text.slice(i, i + MAX_LINE_CHARS) });
    }
    this.schedule();
  }

  /** A chunk of a stream: complete lines become log lines, the rest waits for its newline. */
  write(logType: 'stdOut' | 'stdErr', chunk: string): void {
    const text = (this.partial[logType] ?? '') + chunk;
    const lines = text.split('\n');
    this.partial[logType] = lines.pop()!;
    for (const line of lines) this.line(logType, line.endsWith('\r') ? line.slice(0, -1) : line);
  }

  private schedule(): void {
    if (this.buffer.length >= FLUSH_LINES) this.flush();
    else if (!this.timer && !this.closed) this.timer = setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.logs.append(this.jobId, batch);
  }

  /** Writes what is left, including a last line without a newline. */
  close(): void {
    for (const logType of ['stdOut', 'stdErr'] as const) {
      const rest = this.partial[logType];
      if (rest) this.line(logType, rest);
      this.partial[logType] = '';
    }
    this.closed = true;
    this.flush();
  }
}
