// The lines of one job's log, outside React. A 1,000,000-line log must neither re-render React per
// line nor cost an object per line, so lines live in fixed-size chunks of parallel arrays (text,
// a kind byte, a time) and readers learn about appends through a version counter bumped at most
// once per animation frame.
import { stripAnsi } from '../../lib/ansi';
import { ESCAPES_BIT, toColumns, TYPE_MASK, type IncomingLine, type LineColumns, type LineType } from './log-columns';

const CHUNK_BITS = 14;
const CHUNK_SIZE = 1 << CHUNK_BITS; // 16,384 lines per chunk
const CHUNK_MASK = CHUNK_SIZE - 1;

/** Compares two epoch-nanosecond strings (beyond a double's precision) without BigInt parsing. */
export function compareNano(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

export type Scheduler = (callback: () => void) => void;

/** One notification per animation frame; falls back to a macrotask where frames do not run. */
export const frameScheduler: Scheduler = (callback) => {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(callback);
  else setTimeout(callback, 16);
};

export class LogStore {
  private texts: string[][] = [];
  private kinds: Uint8Array[] = [];
  private times: Float64Array[] = [];
  private readonly listeners = new Set<() => void>();
  private notifyScheduled = false;

  /** Number of lines. */
  length = 0;
  /** Lines per type: [stdout, stderr, prepare]. */
  readonly counts: [number, number, number] = [0, 0, 0];
  /** The tail cursor (epoch nanoseconds): the time of the last line received. */
  cursor: string | undefined;
  /** Bumped once per batch of appends that readers have been told about. */
  version = 0;
  /** Pages refused by the guard (a repeated or stale answer): for tests and diagnostics. */
  rejectedPages = 0;

  constructor(private readonly schedule: Scheduler = frameScheduler) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private scheduleNotify(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    this.schedule(() => {
      this.notifyScheduled = false;
      this.version++;
      for (const listener of [...this.listeners]) listener();
    });
  }

  /**
   * Appends one answer of the tail. The guard that keeps lines from being repeated: a page counts
   * only if it was asked for with the store's current cursor (a late answer to an older request
   * is dropped) and, when it brings lines, moves the cursor strictly forward.
   */
  appendPage(requestCursor: string | undefined, lines: readonly IncomingLine[] | LineColumns, nextCursor: string | undefined): boolean {
    const columns = Array.isArray(lines) ? toColumns(lines as readonly IncomingLine[]) : (lines as LineColumns);
    if (requestCursor !== this.cursor) {
      this.rejectedPages++;
      return false;
    }
    if (columns.texts.length > 0) {
      if (nextCursor === undefined || (this.cursor !== undefined && compareNano(nextCursor, this.cursor) <= 0)) {
        this.rejectedPages++;
        return false;
      }
    }
    this.appendColumns(columns);
    if (nextCursor !== undefined && (this.cursor === undefined || compareNano(nextCursor, this.cursor) > 0)) this.cursor = nextCursor;
    return true;
  }

  /** Appends lines without cursor bookkeeping (tests, fixtures). */
  appendLines(lines: readonly IncomingLine[]): void {
    this.appendColumns(toColumns(lines));
  }

  private appendColumns({ texts, kinds, times }: LineColumns): void {
    const count = texts.length;
    let from = 0;
    while (from < count) {
      const index = this.length;
      const offset = index & CHUNK_MASK;
      if (offset === 0) {
        this.texts.push([]);
        this.kinds.push(new Uint8Array(CHUNK_SIZE));
        this.times.push(new Float64Array(CHUNK_SIZE));
      }
      const chunk = index >>> CHUNK_BITS;
      const take = Math.min(count - from, CHUNK_SIZE - offset);
      const chunkTexts = this.texts[chunk]!;
      for (let i = 0; i < take; i++) chunkTexts.push(texts[from + i]!);
      this.kinds[chunk]!.set(kinds.subarray(from, from + take), offset);
      this.times[chunk]!.set(times.subarray(from, from + take), offset);
      for (let i = from; i < from + take; i++) this.counts[(kinds[i]! & TYPE_MASK) as LineType]++;
      this.length += take;
      from += take;
    }
    if (count > 0) this.scheduleNotify();
  }

  /** The raw text of line `index` (0-based), escape sequences included. */
  text(index: number): string {
    return this.texts[index >>> CHUNK_BITS]![index & CHUNK_MASK]!;
  }

  type(index: number): LineType {
    return (this.kinds[index >>> CHUNK_BITS]![index & CHUNK_MASK]! & TYPE_MASK) as LineType;
  }

  /** Whether the text needs the ANSI parser (escape sequences or control characters). */
  hasEscapes(index: number): boolean {
    return (this.kinds[index >>> CHUNK_BITS]![index & CHUNK_MASK]! & ESCAPES_BIT) !== 0;
  }

  /** The text as shown and searched: escape sequences and control characters removed. */
  plain(index: number): string {
    const text = this.text(index);
    return this.hasEscapes(index) ? stripAnsi(text) : text;
  }

  /** Epoch milliseconds (NaN if the timestamp could not be read). */
  time(index: number): number {
    return this.times[index >>> CHUNK_BITS]![index & CHUNK_MASK]!;
  }
}
