import { describe, expect, it } from 'vitest';
import { AllRows, StreamRows } from './log-rows';
import { compareNano, LogStore } from './log-store';
import { LINE_PREPARE, LINE_STDERR, LINE_STDOUT, lineTypeOf, type IncomingLine } from './log-columns';

const immediate = (callback: () => void) => callback();

function line(log: string, logType = 'stdOut', timestamp = '2026-01-02T03:04:05.006Z'): IncomingLine {
  return { log, logType, timestamp };
}

describe('LogStore', () => {
  it('appends lines and reads back text, type, time and escapes', () => {
    const store = new LogStore(immediate);
    store.appendPage(undefined, [line('one'), line('\x1b[31mtwo\x1b[0m', 'StdErr'), line('three', 'prepareOutput', '2026-01-02T03:04:06.000Z')], '300');
    expect(store.length).toBe(3);
    expect(store.text(1)).toBe('\x1b[31mtwo\x1b[0m');
    expect(store.plain(1)).toBe('two');
    expect(store.plain(0)).toBe('one');
    expect([store.type(0), store.type(1), store.type(2)]).toEqual([LINE_STDOUT, LINE_STDERR, LINE_PREPARE]);
    expect([store.hasEscapes(0), store.hasEscapes(1)]).toEqual([false, true]);
    expect(store.time(0)).toBe(Date.parse('2026-01-02T03:04:05.006Z'));
    expect(store.time(2)).toBe(Date.parse('2026-01-02T03:04:06.000Z'));
    expect(store.counts).toEqual([1, 1, 1]);
    expect(store.cursor).toBe('300');
  });

  it('keeps lines across chunk boundaries (more than 16,384 lines)', () => {
    const store = new LogStore(immediate);
    const lines = Array.from({ length: 40_000 }, (_, i) => line(`line ${i}`, i % 3 === 0 ? 'stdErr' : 'stdOut'));
    store.appendPage(undefined, lines.slice(0, 10_000), '10000');
    store.appendPage('10000', lines.slice(10_000), '40000');
    expect(store.length).toBe(40_000);
    for (const i of [0, 16_383, 16_384, 32_767, 32_768, 39_999]) {
      expect(store.text(i)).toBe(`line ${i}`);
      expect(store.type(i)).toBe(i % 3 === 0 ? LINE_STDERR : LINE_STDOUT);
    }
  });

  it('refuses a page asked for with an older cursor (a late or repeated answer)', () => {
    const store = new LogStore(immediate);
    expect(store.appendPage(undefined, [line('a'), line('b')], '2')).toBe(true);
    expect(store.appendPage(undefined, [line('a'), line('b')], '2')).toBe(false); // the same answer again
    expect(store.appendPage('1', [line('b')], '2')).toBe(false);
    expect(store.length).toBe(2);
    expect(store.rejectedPages).toBe(2);
    expect(store.appendPage('2', [line('c')], '3')).toBe(true);
    expect(store.length).toBe(3);
  });

  it('refuses lines that would not move the cursor forward', () => {
    const store = new LogStore(immediate);
    store.appendPage(undefined, [line('a')], '1000000000000000005');
    expect(store.appendPage('1000000000000000005', [line('again')], '1000000000000000005')).toBe(false);
    expect(store.appendPage('1000000000000000005', [line('older')], '999')).toBe(false);
    expect(store.appendPage('1000000000000000005', [line('no cursor')], undefined)).toBe(false);
    // An empty answer keeps the cursor.
    expect(store.appendPage('1000000000000000005', [], '1000000000000000005')).toBe(true);
    expect(store.length).toBe(1);
    expect(store.cursor).toBe('1000000000000000005');
  });

  it('tells subscribers once per scheduled frame, not once per line or page', () => {
    const frames: Array<() => void> = [];
    const store = new LogStore((callback) => frames.push(callback));
    let calls = 0;
    store.subscribe(() => calls++);
    store.appendPage(undefined, [line('a'), line('b')], '2');
    store.appendPage('2', [line('c')], '3');
    expect(frames).toHaveLength(1);
    expect(calls).toBe(0);
    frames.shift()!();
    expect(calls).toBe(1);
    expect(store.version).toBe(1);
  });

  it('compares nanosecond cursors beyond a double without losing precision', () => {
    expect(compareNano('1700000000000000001', '1700000000000000000')).toBe(1);
    expect(compareNano('999', '1000')).toBe(-1);
    expect(compareNano('0042', '42')).toBe(0);
  });

  it('reads the wire log types in any case', () => {
    expect(lineTypeOf('STDERR')).toBe(LINE_STDERR);
    expect(lineTypeOf('PrepareOutput')).toBe(LINE_PREPARE);
    expect(lineTypeOf('stdOut')).toBe(LINE_STDOUT);
    expect(lineTypeOf('unknown')).toBe(LINE_STDOUT);
  });
});

describe('rows by stream', () => {
  it('lists the lines of one stream and follows the store as it grows', () => {
    const store = new LogStore(immediate);
    store.appendPage(undefined, [line('p', 'prepareOutput'), line('o1'), line('e1', 'stdErr'), line('o2')], '4');
    const stderr = new StreamRows(store, LINE_STDERR);
    const stdout = new StreamRows(store, LINE_STDOUT);
    expect(stderr.count).toBe(1);
    expect(stderr.lineAt(0)).toBe(2);
    expect(stdout.count).toBe(2);
    expect([stdout.lineAt(0), stdout.lineAt(1)]).toEqual([1, 3]);

    store.appendPage('4', [line('e2', 'stdErr'), line('o3')], '6');
    stderr.sync();
    stderr.sync(); // idempotent
    expect(stderr.count).toBe(2);
    expect(stderr.lineAt(1)).toBe(4);
    // The row of a line, or of the next line in the view.
    expect(stderr.rowAtOrAfter(0)).toBe(0);
    expect(stderr.rowAtOrAfter(3)).toBe(1);
    expect(stderr.rowAtOrAfter(5)).toBe(2);

    const all = new AllRows(store);
    expect(all.count).toBe(6);
    expect(all.lineAt(5)).toBe(5);
    expect(all.rowAtOrAfter(99)).toBe(6);
  });
});
