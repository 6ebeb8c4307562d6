// Search over the whole log, not only the rows on screen. The scan runs in slices of a few
// milliseconds and yields to the browser between them, so a million lines never freeze the page;
// it picks up lines appended later (a live log) where it stopped. Results are the matching lines
// (ascending) with a running count of occurrences, so "match k of N" maps to a line by binary search.
import { IntList } from './int-list';
import type { LogStore } from './log-store';
import type { LineType } from './log-columns';

export interface SearchQuery {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

export type CompiledQuery = { ok: true; pattern: RegExp } | { ok: false; error: string };

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

/** The query as a global RegExp; null for an empty query; an error message for an invalid regex. */
export function compileQuery(query: SearchQuery): CompiledQuery | null {
  if (query.text === '') return null;
  const flags = query.caseSensitive ? 'g' : 'gi';
  if (!query.regex) return { ok: true, pattern: new RegExp(query.text.replace(REGEX_SPECIALS, '\\$&'), flags) };
  try {
    return { ok: true, pattern: new RegExp(query.text, flags) };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return { ok: false, error: `Invalid regular expression: ${message}` };
  }
}

/** At most this many occurrences are counted (and highlighted) in one line. */
export const MAX_MATCHES_PER_LINE = 1_000;

/** The [start, end) ranges of the non-empty matches of `pattern` (global) in `text`. */
export function findMatches(pattern: RegExp, text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  pattern.lastIndex = 0;
  while (ranges.length < MAX_MATCHES_PER_LINE) {
    const match = pattern.exec(text);
    if (!match) break;
    if (match[0].length === 0) {
      // An empty match (e.g. /x*/) highlights nothing; step past it so the loop ends.
      pattern.lastIndex = match.index + 1;
      if (pattern.lastIndex > text.length) break;
      continue;
    }
    ranges.push([match.index, match.index + match[0].length]);
  }
  pattern.lastIndex = 0;
  return ranges;
}

export function countMatches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (count < MAX_MATCHES_PER_LINE) {
    const match = pattern.exec(text);
    if (!match) break;
    if (match[0].length === 0) {
      pattern.lastIndex = match.index + 1;
      if (pattern.lastIndex > text.length) break;
      continue;
    }
    count++;
  }
  pattern.lastIndex = 0;
  return count;
}

/** Runs a callback soon, after the browser has had a chance to paint and handle input. */
export type YieldScheduler = (callback: () => void) => () => void;

export const macrotaskScheduler: YieldScheduler = (callback) => {
  // A MessageChannel message is not clamped to 4 ms like nested setTimeout(0).
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    let cancelled = false;
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (!cancelled) callback();
    };
    channel.port2.postMessage(null);
    return () => {
      cancelled = true;
      channel.port1.close();
    };
  }
  const timer = setTimeout(callback, 0);
  return () => clearTimeout(timer);
};

export interface SearchRunOptions {
  /** Only lines of this type are searched (the stream on screen); all when undefined. */
  lineType?: LineType;
  /** Time slice before yielding (ms). */
  sliceMs?: number;
  schedule?: YieldScheduler;
  now?: () => number;
}

export class SearchRun {
  /** Matching line indices, ascending. */
  readonly lines = new IntList();
  /** cumulative[k]: occurrences in lines[0..k]. */
  readonly cumulative = new IntList();
  /** Lines of the store scanned so far. */
  scanned = 0;
  private onProgress: (() => void) | undefined;
  private cancelScheduled: (() => void) | undefined;
  private cancelled = false;
  private readonly sliceMs: number;
  private readonly schedule: YieldScheduler;
  private readonly now: () => number;

  constructor(
    private readonly store: LogStore,
    readonly pattern: RegExp,
    private readonly options: SearchRunOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? 8;
    this.schedule = options.schedule ?? macrotaskScheduler;
    this.now = options.now ?? (() => performance.now());
  }

  /** Told after each slice that found something, and when the scan reaches the end. */
  setProgressListener(listener: (() => void) | undefined): void {
    this.onProgress = listener;
  }

  /** Total occurrences found so far. */
  get total(): number {
    return this.cumulative.last() ?? 0;
  }

  /** Whether every line in the store has been scanned. */
  get done(): boolean {
    return this.scanned >= this.store.length;
  }

  /** Scans (more) lines: call after creating, and whenever the store grew. */
  resume(): void {
    this.cancelled = false;
    if (this.cancelScheduled || this.done) return;
    this.cancelScheduled = this.schedule(() => this.slice());
  }

  /** Stops scanning until `resume`. */
  cancel(): void {
    this.cancelled = true;
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }

  /** Scans synchronously to the end (tests, small logs). */
  runToEnd(): void {
    while (!this.done) this.scan(this.store.length);
  }

  private slice(): void {
    this.cancelScheduled = undefined;
    if (this.cancelled) return;
    const deadline = this.now() + this.sliceMs;
    const before = this.lines.length;
    while (!this.done && this.now() < deadline) this.scan(Math.min(this.store.length, this.scanned + 512));
    if (this.lines.length !== before || this.done) this.onProgress?.();
    if (!this.done) this.resume();
  }

  private scan(end: number): void {
    const { store, pattern } = this;
    const lineType = this.options.lineType;
    let total = this.total;
    for (let index = this.scanned; index < end; index++) {
      if (lineType !== undefined && store.type(index) !== lineType) continue;
      const count = countMatches(pattern, store.plain(index));
      if (count === 0) continue;
      total += count;
      this.lines.push(index);
      this.cumulative.push(total);
    }
    this.scanned = end;
  }

  /** Occurrence k (0-based) → the matching line's position in `lines` and the occurrence within it. */
  locate(k: number): { position: number; line: number; nth: number } | null {
    if (k < 0 || k >= this.total) return null;
    const position = this.cumulative.upperBound(k);
    const before = position > 0 ? this.cumulative.get(position - 1) : 0;
    return { position, line: this.lines.get(position), nth: k - before };
  }

  /** The first occurrence on line `line` or after it; null if none (yet). */
  firstAtOrAfter(line: number): number | null {
    const position = this.lines.lowerBound(line);
    if (position >= this.lines.length) return null;
    return position > 0 ? this.cumulative.get(position - 1) : 0;
  }
}
