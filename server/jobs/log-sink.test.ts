// The log sink under a job that prints as fast as it can: bounded work per event-loop turn,
// nothing lost, nothing dropped silently.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { openDatabase } from '../db/database';
import { jobLogsRepository } from '../db/job-logs-repository';
import { LOG_LIMITS, LogSink, MAX_LINE_CHARS } from './log-sink';

function sink(limits?: { lines: number; chars: number }) {
  const db = openDatabase(':memory:');
  const logs = jobLogsRepository(db);
  const appended: number[] = [];
  const counting = { ...logs, append: (jobId: string, lines: Parameters<typeof logs.append>[1]) => (appended.push(lines.length), logs.append(jobId, lines)) };
  return { sink: new LogSink('job', counting, systemClock, limits), logs, appended, all: () => logs.read('job', 0n, 100_000_000) };
}

describe('LogSink', () => {
  it('cuts an unfinished line at 16 KiB as it streams in, in time linear in its length', () => {
    const { sink: s, all } = sink();
    const chunk = 'x'.repeat(64 * 1024);
    const started = performance.now();
    // 64 MiB without a newline, in pipe-sized chunks: re-joining the unfinished line on every chunk was quadratic.
    for (let i = 0; i < 1024; i++) s.write('stdOut', chunk);
    s.close();
    const elapsed = performance.now() - started;
    const lines = all();
    expect(lines).toHaveLength((64 * 1024 * 1024) / MAX_LINE_CHARS);
    expect(lines.every((l) => l.line.length === MAX_LINE_CHARS)).toBe(true);
    expect(elapsed).toBeLessThan(5000);
  });

  it('writes at most one batch per turn, and asks for the job’s output to pause while the backlog is large', async () => {
    const { sink: s, all, appended } = sink();
    const text = Array.from({ length: 50_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    s.write('stdOut', text);
    expect(s.backlogged).toBe(true);
    expect(appended).toEqual([]); // nothing written inside the I/O callback itself
    let resumed = false;
    void s.drained().then(() => (resumed = true));
    for (let turn = 0; turn < 20 && !resumed; turn++) await new Promise((r) => setImmediate(r));
    expect(resumed).toBe(true);
    expect(Math.max(...appended)).toBeLessThanOrEqual(5000);
    s.close();
    expect(all().map((l) => l.line)).toEqual(Array.from({ length: 50_000 }, (_, i) => `line ${i}`));
  });

  it('keeps a split line’s surrogate pairs whole', () => {
    const { sink: s, all } = sink();
    s.write('stdOut', `${'a'.repeat(MAX_LINE_CHARS - 1)}😀tail\n`);
    s.close();
    expect(all().map((l) => l.line)).toEqual(['a'.repeat(MAX_LINE_CHARS - 1), '😀tail']);
  });

  it.each([
    ['lines', { lines: 2500, chars: LOG_LIMITS.chars }, 2500],
    ['characters', { lines: LOG_LIMITS.lines, chars: 1_000_000 }, 1000],
  ])('ends a log that passes its limit of %s with a line that says so, and drops nothing silently', (_label, limits, kept) => {
    const { sink: s, all } = sink(limits);
    const line = 'y'.repeat(1000);
    for (let written = 0; written < 5000; written += 100) s.write('stdOut', `${line}\n`.repeat(100));
    s.close();
    const stored = all();
    expect(stored).toHaveLength(kept + 1);
    expect(stored.at(-1)!.line).toMatch(/^Log limit reached: .* the rest of this job's output was discarded\.$/);
    expect(stored.at(-1)!.logType).toBe('prepareOutput');
    expect(stored.slice(0, -1).every((l) => l.line === line)).toBe(true);
  });

  it('has limits a million-line job stays well inside', () => {
    expect(LOG_LIMITS.lines).toBeGreaterThanOrEqual(5_000_000);
  });
});
