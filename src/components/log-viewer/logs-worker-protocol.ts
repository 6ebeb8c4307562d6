// What the log fetch worker and the page say to each other, and how an error crosses between them
// (structured clone drops classes: the API's typed errors are rebuilt on the page's side).
import { DominoApiError, NetworkError, ResponseShapeError, type ShapeIssue } from '../../api/http';
import type { LogsColumnsPage, LogsPageRequest } from './logs-api';

export type WorkerRequest = { type: 'fetch'; id: number; request: Omit<LogsPageRequest, 'signal'> } | { type: 'cancel'; id: number };

export type WorkerReply = { id: number; ok: true; page: LogsColumnsPage } | { id: number; ok: false; error: SerializedError };

export type SerializedError =
  | { kind: 'api'; status: number; errors: string[]; requestId?: string; endpoint: string }
  | { kind: 'shape'; status: number; endpoint: string; issues: ShapeIssue[] }
  | { kind: 'network'; endpoint: string; message: string }
  | { kind: 'abort' }
  | { kind: 'other'; message: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DominoApiError)
    return { kind: 'api', status: error.status, errors: [...error.errors], requestId: error.requestId, endpoint: error.endpoint };
  if (error instanceof ResponseShapeError) return { kind: 'shape', status: error.status, endpoint: error.endpoint, issues: [...error.issues] };
  if (error instanceof NetworkError)
    return { kind: 'network', endpoint: error.endpoint, message: String((error.cause as Error | undefined)?.message ?? error.message) };
  if (error instanceof DOMException && error.name === 'AbortError') return { kind: 'abort' };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

export function deserializeError(error: SerializedError): Error {
  switch (error.kind) {
    case 'api':
      return new DominoApiError(error);
    case 'shape':
      return new ResponseShapeError(error);
    case 'network':
      return new NetworkError(error.endpoint, new Error(error.message));
    case 'abort':
      return new DOMException('The request was aborted', 'AbortError');
    case 'other':
      return new Error(error.message);
  }
}
