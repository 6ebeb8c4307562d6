import { describe, expect, it } from 'vitest';
import { linesAfterCursor, versionLogRequest } from './model-apis';

// A Domino log as the server answers it: lines after an exclusive nanosecond, at most `limit`.
const NANOS = 1_000_000n;
function serve(lines: ReadonlyArray<{ timestamp: number; n: number }>, sinceTimeNano: string | undefined, limit: number) {
  const since = sinceTimeNano === undefined ? -1n : BigInt(sinceTimeNano);
  // Each line's exact time: its millisecond plus its place in it (what the server keeps).
  const withNanos = lines.map((line, i) => ({
    line,
    nano: BigInt(line.timestamp) * NANOS + BigInt(lines.slice(0, i).filter((l) => l.timestamp === line.timestamp).length),
  }));
  return withNanos
    .filter((x) => x.nano > since)
    .slice(0, limit)
    .map((x) => x.line);
}

describe('reading a Model API version log with the log viewer’s cursor', () => {
  it('reads every line once, in order, whatever the page size, with many lines in one millisecond', () => {
    const lines = [1000, 1000, 1000, 1001, 1005, 1005, 1005, 1005, 1006].map((timestamp, n) => ({ timestamp, n }));
    for (const limit of [1, 2, 3, 4, 20]) {
      let cursor: string | undefined;
      const read: number[] = [];
      for (let guard = 0; guard < 50; guard++) {
        const { sinceTimeNano, seenInMs } = versionLogRequest(cursor);
        const { fresh, next } = linesAfterCursor(serve(lines, sinceTimeNano, limit + seenInMs), cursor);
        read.push(...fresh.map((line) => line.n));
        if (cursor !== undefined && next !== undefined) expect(BigInt(next) >= BigInt(cursor)).toBe(true);
        cursor = next;
      }
      expect(read).toEqual(lines.map((line) => line.n));
    }
  });

  it('a quiet log keeps its cursor', () => {
    expect(linesAfterCursor([], '1000000000002')).toEqual({ fresh: [], next: '1000000000002' });
  });
});
