// Fetches log pages through the worker (logs-worker.ts) when the browser can run one, on the main
// thread otherwise (tests, very old browsers, a worker that failed to load).
import { fetchJobLogsColumns, type LogsColumnsPage, type LogsPageRequest } from './logs-api';
import { onEndWorkers } from '../../lib/workers';
import { deserializeError, type WorkerReply, type WorkerRequest } from './logs-worker-protocol';

class WorkerUnavailable extends Error {}

interface Pending {
  resolve: (page: LogsColumnsPage) => void;
  reject: (error: unknown) => void;
}

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function abandonWorker(): void {
  worker?.terminate();
  worker = null;
  for (const { reject } of pending.values()) reject(new WorkerUnavailable());
  pending.clear();
}

// Another person now uses the console: the worker goes, and the next log page starts a new one.
onEndWorkers(() => {
  if (!worker) return;
  worker.terminate();
  worker = undefined;
  for (const { reject } of pending.values()) reject(new DOMException('The person using the console changed', 'AbortError'));
  pending.clear();
});

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker !== 'function') return (worker = null);
  try {
    worker = new Worker(new URL('./logs-worker.ts', import.meta.url), { type: 'module', name: 'job-log-fetch' });
  } catch {
    return (worker = null);
  }
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.page);
    else waiting.reject(deserializeError(reply.error));
  };
  // The worker's script did not load or crashed: carry on without it.
  worker.onerror = (event) => {
    event.preventDefault();
    abandonWorker();
  };
  return worker;
}

function viaWorker(target: Worker, { signal, ...request }: LogsPageRequest): Promise<LogsColumnsPage> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The request was aborted', 'AbortError'));
      return;
    }
    const id = nextId++;
    const onAbort = () => {
      pending.delete(id);
      target.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
      reject(new DOMException('The request was aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    pending.set(id, {
      resolve: (page) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(page);
      },
      reject: (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    });
    target.postMessage({ type: 'fetch', id, request } satisfies WorkerRequest);
  });
}

/**
 * One page of a job's log, parsed off the main thread where possible. The first page of a log is
 * small (log-tail.ts) and read right here, so the first lines need not wait for the worker's
 * script; asking for the worker then starts loading it for the pages that follow.
 */
export async function fetchLogsPage(request: LogsPageRequest): Promise<LogsColumnsPage> {
  const target = getWorker();
  if (!target || request.latestTimeNano === undefined) return fetchJobLogsColumns(request);
  try {
    return await viaWorker(target, request);
  } catch (error) {
    if (error instanceof WorkerUnavailable) return fetchJobLogsColumns(request);
    throw error;
  }
}
