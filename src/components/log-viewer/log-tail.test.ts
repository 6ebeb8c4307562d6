import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, metadata, mockFetch, type RecordedCall } from '../../test/fetch-mock';
import { backoffDelay, FIRST_PAGE_LINES, isPermanentFailure, LogTail } from './log-tail';
import { fetchJobLogsColumns } from './logs-api';
import { LogStore } from './log-store';
import { DominoApiError, NetworkError } from '../../api/http';

const JOB = '0123456789abcdef01234567';

/** A server with `total` lines (times 1000, 2000, …) of which `written` exist so far. */
function fakeLogServer(total: number) {
  const state = { written: total, complete: true, failNext: [] as number[] };
  const respond = (call: RecordedCall) => {
    const url = new URL(call.url, 'http://localhost');
    const status = state.failNext.shift();
    if (status !== undefined) return json({ requestId: 'r', errors: [`failure ${status}`] }, { status });
    const cursor = Number(url.searchParams.get('latestTimeNano') ?? '0');
    const limit = Number(url.searchParams.get('limit') ?? '10000');
    const from = cursor / 1000; // lines with time > cursor
    const to = Math.min(state.written, from + limit);
    const logContent = [];
    for (let i = from; i < to; i++)
      logContent.push({ timestamp: new Date(i * 1000).toISOString(), logType: i % 4 === 3 ? 'stdErr' : 'stdOut', log: `line ${i + 1}`, size: 8 });
    const latest = to > from ? String(to * 1000) : String(cursor);
    return json({
      logs: { logContent, isComplete: state.complete && to >= state.written },
      metadata: { ...metadata, pagination: { limit, latestTimeNano: latest } },
    });
  };
  return { state, respond };
}

function newTail(options: Partial<ConstructorParameters<typeof LogTail>[0]> = {}) {
  const store = new LogStore((callback) => callback());
  const tail = new LogTail({ jobId: JOB, store, fetchPage: fetchJobLogsColumns, random: () => 1, isHidden: () => false, ...options });
  return { store, tail };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LogTail', () => {
  it('reads a finished log page after page without waiting, each line once, then stops', async () => {
    const server = fakeLogServer(25_500);
    const { calls } = mockFetch(server.respond);
    const { store, tail } = newTail();
    tail.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.waitFor(() => expect(tail.getState().phase).toBe('complete'));
    expect(store.length).toBe(25_500);
    for (const i of [0, 999, 1000, 10_999, 25_499]) expect(store.text(i)).toBe(`line ${i + 1}`);
    const queries = calls.map((call) => Object.fromEntries(new URL(call.url, 'http://localhost').searchParams));
    expect(calls[0]!.url).toMatch(new RegExp(`^/api/jobs/beta/jobs/${JOB}/logs\\?`));
    expect(queries.map((q) => q.logType)).toEqual(['complete', 'complete', 'complete', 'complete']);
    expect(queries.map((q) => q.limit)).toEqual([String(FIRST_PAGE_LINES), '10000', '10000', '10000']);
    expect(queries.map((q) => q.latestTimeNano)).toEqual([undefined, '1000000', '11000000', '21000000']);
    // Complete: no more requests, ever.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(4);
    expect(store.counts[1]).toBe(Math.floor(25_500 / 4));
  });

  it('polls a running job with its cursor until the log is complete', async () => {
    const server = fakeLogServer(0);
    server.state.written = 3;
    server.state.complete = false;
    const { calls } = mockFetch(server.respond);
    const { store, tail } = newTail({ pollIntervalMs: 500 });
    tail.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.length).toBe(3);
    expect(tail.getState().phase).toBe('live');
    expect(calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toHaveLength(1); // waits the poll interval
    server.state.written = 5;
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(new URL(calls[1]!.url, 'http://x').searchParams.get('latestTimeNano')).toBe('3000');
    expect(store.length).toBe(5);

    await vi.advanceTimersByTimeAsync(500); // nothing new: the cursor stays
    expect(new URL(calls[2]!.url, 'http://x').searchParams.get('latestTimeNano')).toBe('5000');
    expect(store.length).toBe(5);

    server.state.written = 6;
    server.state.complete = true;
    await vi.advanceTimersByTimeAsync(500);
    expect(tail.getState().phase).toBe('complete');
    expect(store.length).toBe(6);
    expect(Array.from({ length: 6 }, (_, i) => store.text(i))).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(4);
  });

  it('backs off exponentially on failures, capped, shows the failure, and recovers', async () => {
    const server = fakeLogServer(2);
    server.state.failNext = [500, 503, 502, 500, 500, 500];
    const { calls } = mockFetch(server.respond);
    const { store, tail } = newTail({ backoffBaseMs: 1_000, backoffMaxMs: 8_000, now: () => Date.now() });
    tail.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    let state = tail.getState();
    expect(state.failures).toBe(1);
    expect(state.error).toBeInstanceOf(DominoApiError);
    expect(state.retryAt! - Date.now()).toBe(1_000);
    // random() = 1: the full delay each time — 1 s, 2 s, 4 s, 8 s, 8 s (capped), 8 s.
    const delays = [1_000, 2_000, 4_000, 8_000, 8_000, 8_000];
    for (const [index, delay] of delays.entries()) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(calls).toHaveLength(index + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toHaveLength(index + 2);
    }
    state = tail.getState();
    expect(state.error).toBeNull();
    expect(state.failures).toBe(0);
    expect(state.phase).toBe('complete');
    expect(store.length).toBe(2);
  });

  it('retries at once when asked, cutting a backoff short', async () => {
    const server = fakeLogServer(1);
    server.state.failNext = [500];
    const { calls } = mockFetch(server.respond);
    const { store, tail } = newTail({ backoffBaseMs: 30_000 });
    tail.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(tail.getState().failures).toBe(1);
    tail.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect(store.length).toBe(1);
    expect(tail.getState().phase).toBe('complete');
  });

  it('does not retry by itself after a permanent failure (404), only when asked', async () => {
    const server = fakeLogServer(1);
    server.state.failNext = [404];
    const { calls } = mockFetch(server.respond);
    const { tail } = newTail();
    tail.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(tail.getState()).toMatchObject({ phase: 'loading', failures: 1, retryAt: null });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(1);
    tail.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect(tail.getState().phase).toBe('complete');
  });

  it('restarts from its cursor after stop/start without repeating a line', async () => {
    const server = fakeLogServer(0);
    server.state.written = 2;
    server.state.complete = false;
    const { calls } = mockFetch(server.respond);
    const { store, tail } = newTail();
    tail.start();
    tail.stop(); // the first answer arrives after the stop: it must be ignored
    tail.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.length).toBe(2);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    server.state.written = 3;
    server.state.complete = true;
    await vi.advanceTimersByTimeAsync(500);
    expect(Array.from({ length: store.length }, (_, i) => store.text(i))).toEqual(['line 1', 'line 2', 'line 3']);
  });

  it('polls less often while the tab is hidden', async () => {
    const server = fakeLogServer(0);
    server.state.complete = false;
    const { calls } = mockFetch(server.respond);
    const { tail } = newTail({ pollIntervalMs: 500, hiddenPollIntervalMs: 3_000, isHidden: () => true });
    tail.start();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    tail.stop();
  });
});

describe('backoff', () => {
  it('doubles from the base, is capped, and jitters within [half, full]', () => {
    expect(backoffDelay(1, 1_000, 30_000, () => 1)).toBe(1_000);
    expect(backoffDelay(2, 1_000, 30_000, () => 1)).toBe(2_000);
    expect(backoffDelay(5, 1_000, 30_000, () => 1)).toBe(16_000);
    expect(backoffDelay(9, 1_000, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(3, 1_000, 30_000, () => 0)).toBe(2_000);
  });

  it('tells permanent failures from temporary ones', () => {
    const error = (status: number) => new DominoApiError({ status, errors: ['x'], endpoint: 'GET /x' });
    expect(isPermanentFailure(error(404))).toBe(true);
    expect(isPermanentFailure(error(403))).toBe(true);
    expect(isPermanentFailure(error(429))).toBe(false);
    expect(isPermanentFailure(error(503))).toBe(false);
    expect(isPermanentFailure(new NetworkError('GET /x', new Error('offline')))).toBe(false);
  });
});
