import { describe, expect, it } from 'vitest';
import { compileQuery, countMatches, findMatches, SearchRun } from './log-search';
import { LogStore } from './log-store';
import { LINE_STDERR } from './log-columns';

const immediate = (callback: () => void) => callback();

function storeWith(lines: Array<[string, string?]>): LogStore {
  const store = new LogStore(immediate);
  store.appendLines(lines.map(([log, logType = 'stdOut']) => ({ log, logType, timestamp: '2026-01-01T00:00:00.000Z' })));
  return store;
}

function pattern(text: string, options: { regex?: boolean; caseSensitive?: boolean } = {}): RegExp {
  const compiled = compileQuery({ text, regex: options.regex ?? false, caseSensitive: options.caseSensitive ?? false });
  if (!compiled?.ok) throw new Error('expected a valid query');
  return compiled.pattern;
}

describe('compileQuery', () => {
  it('escapes plain text, honours case sensitivity, and reports an invalid regex', () => {
    expect(compileQuery({ text: '', regex: false, caseSensitive: false })).toBeNull();
    expect(countMatches(pattern('a.b'), 'a.b axb')).toBe(1);
    expect(countMatches(pattern('a.b', { regex: true }), 'a.b axb')).toBe(2);
    expect(countMatches(pattern('Error'), 'error ERROR Error')).toBe(3);
    expect(countMatches(pattern('Error', { caseSensitive: true }), 'error ERROR Error')).toBe(1);
    const invalid = compileQuery({ text: '(unclosed', regex: true, caseSensitive: false });
    expect(invalid).toMatchObject({ ok: false });
    expect(invalid && !invalid.ok && invalid.error).toMatch(/^Invalid regular expression: /);
  });

  it('finds match ranges and skips empty matches without looping', () => {
    expect(findMatches(pattern('o'), 'foo boo')).toEqual([
      [1, 2],
      [2, 3],
      [5, 6],
      [6, 7],
    ]);
    expect(findMatches(pattern('x*', { regex: true }), 'abxxc')).toEqual([[2, 4]]);
    expect(countMatches(pattern('^', { regex: true }), 'anything')).toBe(0);
  });
});

describe('SearchRun', () => {
  it('searches the plain text (not the escape codes) of every line and counts occurrences', () => {
    const store = storeWith([['error one'], ['\x1b[31merror\x1b[0m and error'], ['fine'], ['[31m literal']]);
    const run = new SearchRun(store, pattern('error'));
    run.runToEnd();
    expect(run.total).toBe(3);
    expect(run.lines.length).toBe(2);
    expect(run.locate(0)).toEqual({ position: 0, line: 0, nth: 0 });
    expect(run.locate(2)).toEqual({ position: 1, line: 1, nth: 1 });
    expect(run.locate(3)).toBeNull();
    const codes = new SearchRun(store, pattern('31m'));
    codes.runToEnd();
    expect(codes.total).toBe(1); // only the literal text on line 4
  });

  it('scans a long log in slices, yielding between them, and picks up appended lines', () => {
    const lines: Array<[string, string?]> = Array.from({ length: 50_000 }, (_, i) => [i % 1000 === 0 ? `needle ${i}` : `hay ${i}`]);
    const store = storeWith(lines);
    const queued: Array<() => void> = [];
    let clock = 0;
    // Each line "takes" 0.01 ms: a 1 ms slice scans ~100 lines before yielding.
    const run = new SearchRun(store, pattern('needle'), {
      sliceMs: 1,
      now: () => (clock += 0.0001 * 512),
      schedule: (callback) => {
        queued.push(callback);
        return () => undefined;
      },
    });
    let progress = 0;
    run.setProgressListener(() => progress++);
    run.resume();
    expect(run.scanned).toBe(0);
    let slices = 0;
    while (queued.length > 0) {
      queued.shift()!();
      slices++;
    }
    expect(slices).toBeGreaterThan(5);
    expect(run.done).toBe(true);
    expect(run.total).toBe(50);
    expect(progress).toBeGreaterThan(0);

    store.appendLines([{ log: 'needle late', logType: 'stdOut', timestamp: '2026-01-01T00:00:00.000Z' }]);
    expect(run.done).toBe(false);
    run.resume();
    while (queued.length > 0) queued.shift()!();
    expect(run.total).toBe(51);
    expect(run.lines.last()).toBe(50_000);
  });

  it('searches one stream only when asked, and stops when cancelled', () => {
    const store = storeWith([['boom'], ['boom', 'stdErr'], ['boom']]);
    const run = new SearchRun(store, pattern('boom'), { lineType: LINE_STDERR });
    run.runToEnd();
    expect(run.total).toBe(1);
    expect(run.lines.get(0)).toBe(1);

    const queued: Array<() => void> = [];
    const cancelled = new SearchRun(store, pattern('boom'), { schedule: (callback) => (queued.push(callback), () => queued.splice(0)) });
    cancelled.resume();
    cancelled.cancel();
    expect(queued).toHaveLength(0);
    expect(cancelled.scanned).toBe(0);
  });

  it('finds the first occurrence at or after a line', () => {
    const store = storeWith([['x'], ['a'], ['x x'], ['a'], ['x']]);
    const run = new SearchRun(store, pattern('x'));
    run.runToEnd();
    expect(run.firstAtOrAfter(0)).toBe(0);
    expect(run.firstAtOrAfter(1)).toBe(1);
    expect(run.firstAtOrAfter(3)).toBe(3);
    expect(run.firstAtOrAfter(5)).toBeNull();
  });
});
