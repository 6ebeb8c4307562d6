// A dedicated worker that fetches and parses pages of a job's log. A 10,000-line page is ~1.5 MB
// of JSON: reading it, checking it against the contract and turning it into columns costs tens of
// milliseconds per page, which would otherwise freeze the page 100 times while a 1,000,000-line
// log loads. The page only appends the columns it gets back.
import { fetchJobLogsColumns } from './logs-api';
import { serializeError, type WorkerReply, type WorkerRequest } from './logs-worker-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const inFlight = new Map<number, AbortController>();

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    inFlight.get(message.id)?.abort();
    return;
  }
  const controller = new AbortController();
  inFlight.set(message.id, controller);
  fetchJobLogsColumns({ ...message.request, signal: controller.signal })
    .then((page) => scope.postMessage({ id: message.id, ok: true, page }, [page.columns.kinds.buffer, page.columns.times.buffer]))
    .catch((error: unknown) => scope.postMessage({ id: message.id, ok: false, error: serializeError(error) }))
    .finally(() => inFlight.delete(message.id));
};
