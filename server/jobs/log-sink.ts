// Turns a job's output into log lines with unique, strictly increasing nanosecond times, and
// writes them to the database in order, in small batches: the database always holds a prefix of
// the job's lines, so a reader's cursor never skips one that lands later.
//
// The API must stay responsive while a job prints as fast as it can, so no event-loop turn does
// much: each flush writes at most one batch (the next batch waits for the next turn), an
// unfinished line is split at MAX_LINE_CHARS as it streams in (never re-joined and re-split), and
// `backlogged` tells the runner to pause the job's pipes until the backlog is written.
import type { Clock } from '../clock';
import type { JobLogsRepository, LogLine, LogType } from '../db/job-logs-repository';

const FLUSH_INTERVAL_MS = 50;
/** Lines written per transaction, and per event-loop turn. */
const FLUSH_LINES = 5_000;
/** Buffered lines above which the job's output is paused, and below which it resumes. */
const PAUSE_LINES = 20_000;
const RESUME_LINES = 5_000;
/** Longer lines are split: one log line stays a readable size. */
export const MAX_LINE_CHARS = 16 * 1024;

/** What one job may log in all; beyond it output is discarded, and a last line says so. */
export const LOG_LIMITS = { lines: 5_000_000, chars: 1024 * 1024 * 1024 } as const;

export class LogSink {
  private buffer: LogLine[] = [];
  private lastTime: bigint;
  private readonly partial: Record<'stdOut' | 'stdErr', string> = { stdOut: '', stdErr: '' };
  private readonly lastLines: Partial<Record<LogType, string>> = {};
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private closed = false;
  private lines = 0;
  private chars = 0;
  private truncated = false;
  private drainWaiters: Array<() => void> = [];

  constructor(
    private readonly jobId: string,
    private readonly logs: JobLogsRepository,
    private readonly clock: Clock,
    private readonly limits: { lines: number; chars: number } = LOG_LIMITS,
  ) {
    this.lastTime = logs.lastTime(jobId) ?? 0n;
  }

  private nextTime(): bigint {
    const now = BigInt(this.clock.now().getTime()) * 1_000_000n;
    this.lastTime = now > this.lastTime ? now : this.lastTime + 1n;
    return this.lastTime;
  }

  /** Whether so much is waiting to be written that the job's output should pause. */
  get backlogged(): boolean {
    return this.buffer.length >= PAUSE_LINES;
  }

  /** Resolves once the backlog is small again (at once when it is). */
  drained(): Promise<void> {
    if (this.buffer.length <= RESUME_LINES) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** The last line of a type, for a job's problem message. */
  lastLine(logType: LogType): string | undefined {
    return this.lastLines[logType];
  }

  /** One whole line (prepare output, messages from the platform). */
  line(logType: LogType, text: string): void {
    if (text.length <= MAX_LINE_CHARS) return this.push(logType, text);
    for (let i = 0; i < text.length;) {
      const end = splitPoint(text, i);
      this.push(logType, text.slice(i, end));
      i = end;
    }
  }

  private push(logType: LogType, text: string): void {
    if (this.truncated) return;
    if (this.lines + 1 > this.limits.lines || this.chars + text.length > this.limits.chars) {
      this.truncated = true;
      this.buffer.push({
        timeNano: this.nextTime(),
        logType: 'prepareOutput',
        line: `Log limit reached: a job may log ${this.limits.lines.toLocaleString('en-US')} lines or ${formatChars(this.limits.chars)}; the rest of this job's output was discarded.`,
      });
    } else {
      this.lines++;
      this.chars += text.length;
      this.buffer.push({ timeNano: this.nextTime(), logType, line: text });
      if (text.trim() !== '') this.lastLines[logType] = text;
    }
    this.schedule();
  }

  /** A chunk of a stream: complete lines become log lines, the rest waits for its newline (or its length). */
  write(logType: 'stdOut' | 'stdErr', chunk: string): void {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      let text = chunk.slice(start, newline);
      if (this.partial[logType] !== '') {
        text = this.partial[logType] + text;
        this.partial[logType] = '';
      }
      this.line(logType, text.endsWith('\r') ? text.slice(0, -1) : text);
      start = newline + 1;
    }
    if (start === chunk.length) return;
    let rest = this.partial[logType] + chunk.slice(start);
    // An unfinished line longer than a log line is cut as it arrives, so it is never re-scanned.
    while (rest.length > MAX_LINE_CHARS) {
      const end = splitPoint(rest, 0);
      this.push(logType, rest.slice(0, end));
      rest = rest.slice(end);
    }
    this.partial[logType] = rest;
  }

  private schedule(): void {
    if (this.buffer.length >= FLUSH_LINES) {
      // On the next turn, so the I/O callback that produced these lines returns first.
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined;
        this.flushBatch();
      });
    } else if (!this.timer && !this.closed) this.timer = setTimeout(() => this.flushBatch(), FLUSH_INTERVAL_MS);
  }

  /** Writes one batch; what is left waits for the next turn. */
  private flushBatch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer.length <= FLUSH_LINES ? this.buffer : this.buffer.slice(0, FLUSH_LINES);
    this.buffer = batch === this.buffer ? [] : this.buffer.slice(FLUSH_LINES);
    this.logs.append(this.jobId, batch);
    if (this.buffer.length > 0) this.schedule();
    if (this.buffer.length <= RESUME_LINES && this.drainWaiters.length > 0) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Writes everything buffered now. */
  flush(): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.logs.append(this.jobId, batch);
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Writes what is left, including a last line without a newline. */
  close(): void {
    for (const logType of ['stdOut', 'stdErr'] as const) {
      const rest = this.partial[logType];
      if (rest) this.line(logType, rest.endsWith('\r') ? rest.slice(0, -1) : rest);
      this.partial[logType] = '';
    }
    this.closed = true;
    this.flush();
  }
}

function formatChars(chars: number): string {
  return chars >= 1024 ** 3 ? `${chars / 1024 ** 3} GiB` : `${Math.round(chars / 1024)} KiB`;
}

/** Where a line starting at `from` is cut: MAX_LINE_CHARS on, never inside a surrogate pair. */
function splitPoint(text: string, from: number): number {
  let end = Math.min(text.length, from + MAX_LINE_CHARS);
  if (end < text.length && end > from + 1) {
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end--;
  }
  return end;
}
