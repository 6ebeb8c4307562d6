import { afterEach, describe, expect, it, vi } from 'vitest';
import { DominoApiError, NetworkError, ResponseShapeError } from '../../api/http';
import { json, metadata, mockFetch } from '../../test/fetch-mock';
import { toColumns } from './log-columns';
import { deserializeError, serializeError, type WorkerReply, type WorkerRequest } from './logs-worker-protocol';

const JOB = '0123456789abcdef01234567';

function servePage() {
  return mockFetch(() =>
    json({
      logs: { logContent: [{ timestamp: '2026-01-01T00:00:00.000Z', logType: 'stdOut', log: 'from the main thread', size: 20 }], isComplete: true },
      metadata: { ...metadata, pagination: { limit: 10000, latestTimeNano: '5' } },
    }),
  );
}

/** A stand-in Worker: records messages, answers fetches with `reply`, or fails to load. */
function stubWorker(behaviour: 'answer' | 'fail' | 'silent') {
  const posted: WorkerRequest[] = [];
  class FakeWorker {
    onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    terminated = false;
    postMessage(message: WorkerRequest) {
      posted.push(message);
      if (message.type !== 'fetch') return;
      queueMicrotask(() => {
        if (behaviour === 'answer') {
          const page = {
            isComplete: false,
            latestTimeNano: '9',
            limit: 10000,
            columns: toColumns([{ timestamp: '2026-01-01T00:00:00.000Z', logType: 'stdErr', log: 'from the worker' }]),
          };
          this.onmessage?.({ data: { id: message.id, ok: true, page } } as MessageEvent<WorkerReply>);
        } else if (behaviour === 'fail') {
          this.onerror?.(new Event('error'));
        }
      });
    }
    terminate() {
      this.terminated = true;
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return posted;
}

async function freshClient() {
  vi.resetModules();
  return import('./logs-worker-client');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchLogsPage', () => {
  it('reads the page on the main thread where there is no Worker', async () => {
    vi.stubGlobal('Worker', undefined);
    const { calls } = servePage();
    const { fetchLogsPage } = await freshClient();
    const page = await fetchLogsPage({ jobId: JOB, latestTimeNano: '1' });
    expect(page.columns.texts).toEqual(['from the main thread']);
    expect(calls).toHaveLength(1);
  });

  it('reads the first page on the main thread and the next ones in the worker', async () => {
    const posted = stubWorker('answer');
    const { calls } = servePage();
    const { fetchLogsPage } = await freshClient();
    const first = await fetchLogsPage({ jobId: JOB, latestTimeNano: undefined, limit: 1000 });
    expect(first.columns.texts).toEqual(['from the main thread']);
    const next = await fetchLogsPage({ jobId: JOB, latestTimeNano: '5' });
    expect(next.columns.texts).toEqual(['from the worker']);
    expect(Array.from(next.columns.kinds)).toEqual([1]);
    expect(calls).toHaveLength(1);
    expect(posted).toEqual([{ type: 'fetch', id: 1, request: { jobId: JOB, latestTimeNano: '5' } }]);
  });

  it('falls back to the main thread when the worker cannot load', async () => {
    stubWorker('fail');
    const { calls } = servePage();
    const { fetchLogsPage } = await freshClient();
    const page = await fetchLogsPage({ jobId: JOB, latestTimeNano: '5' });
    expect(page.columns.texts).toEqual(['from the main thread']);
    expect(calls).toHaveLength(1);
  });

  it('cancels the worker request when aborted', async () => {
    const posted = stubWorker('silent');
    const { fetchLogsPage } = await freshClient();
    const controller = new AbortController();
    const request = fetchLogsPage({ jobId: JOB, latestTimeNano: '5', signal: controller.signal });
    controller.abort();
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
    expect(posted.map((message) => message.type)).toEqual(['fetch', 'cancel']);
  });
});

describe('errors across the worker boundary', () => {
  it('rebuilds the typed errors the viewer tells apart', () => {
    const api = deserializeError(serializeError(new DominoApiError({ status: 404, errors: ['Job x not found'], requestId: 'r1', endpoint: 'GET /logs' })));
    expect(api).toBeInstanceOf(DominoApiError);
    expect(api).toMatchObject({ status: 404, errors: ['Job x not found'], requestId: 'r1' });
    const shape = deserializeError(
      serializeError(new ResponseShapeError({ endpoint: 'GET /logs', status: 200, issues: [{ path: 'logs', message: 'required' }] })),
    );
    expect(shape).toBeInstanceOf(ResponseShapeError);
    expect(deserializeError(serializeError(new NetworkError('GET /logs', new Error('offline'))))).toBeInstanceOf(NetworkError);
    expect(deserializeError(serializeError(new DOMException('x', 'AbortError')))).toMatchObject({ name: 'AbortError' });
    expect(deserializeError(serializeError('weird')).message).toBe('weird');
  });
});
