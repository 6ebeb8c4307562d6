// What the list shows: the rows of the current view, each a line of the store. "all" is the store
// itself (no index needed); a stream is the lines of one type, indexed as they arrive; "only
// matching lines" is the search's matching lines.
import { IntList } from './int-list';
import { type LogStore } from './log-store';
import { LINE_PREPARE, LINE_STDERR, LINE_STDOUT, type LineType } from './log-columns';
import type { LogStream } from './log-streams';

export interface RowSource {
  readonly count: number;
  /** The store line shown by row `row`. */
  lineAt(row: number): number;
  /** The row showing store line `line`, or the first row after it (`count` if none). */
  rowAtOrAfter(line: number): number;
}

export function streamLineType(stream: LogStream): LineType | undefined {
  if (stream === 'stdout') return LINE_STDOUT;
  if (stream === 'stderr') return LINE_STDERR;
  if (stream === 'prepare') return LINE_PREPARE;
  return undefined;
}

export class AllRows implements RowSource {
  constructor(private readonly store: LogStore) {}
  get count(): number {
    return this.store.length;
  }
  lineAt(row: number): number {
    return row;
  }
  rowAtOrAfter(line: number): number {
    return Math.max(0, Math.min(line, this.store.length));
  }
}

/** Rows from an ascending list of line indices. */
export class IndexedRows implements RowSource {
  constructor(readonly indices: IntList) {}
  get count(): number {
    return this.indices.length;
  }
  lineAt(row: number): number {
    return this.indices.get(row);
  }
  rowAtOrAfter(line: number): number {
    return this.indices.lowerBound(line);
  }
}

/** The lines of one type, kept up to date with `sync` as the store grows (O(new lines)). */
export class StreamRows extends IndexedRows {
  private scanned = 0;

  constructor(
    private readonly store: LogStore,
    readonly lineType: LineType,
  ) {
    super(new IntList(Math.max(1024, store.counts[lineType])));
    this.sync();
  }

  sync(): void {
    const { store, lineType } = this;
    for (let index = this.scanned; index < store.length; index++) {
      if (store.type(index) === lineType) this.indices.push(index);
    }
    this.scanned = store.length;
  }
}
