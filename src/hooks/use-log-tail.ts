// Binds a job's log tail to React: the lines live in a LogStore outside React state (appends bump
// its version at most once per animation frame), the tail's phase and failures in a small state.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { LogStore } from '../components/log-viewer/log-store';
import { LogTail, type TailState } from '../components/log-viewer/log-tail';
import type { LogsColumnsPage, LogsPageRequest } from '../components/log-viewer/logs-api';
import { fetchLogsPage } from '../components/log-viewer/logs-worker-client';

/** Fetches one page of a log after a cursor: a job's by default, or another log with the same cursor rules (a build's). */
export type LogPageFetcher = (request: LogsPageRequest) => Promise<LogsColumnsPage>;

export interface LogTailResult extends TailState {
  store: LogStore;
  /** The store's version: changes whenever lines were appended (once per frame at most). */
  version: number;
  /** Asks again now (after a failure, or to cut a backoff short). */
  retry: () => void;
}

function createTail(jobId: string, fetchPage: LogPageFetcher): LogTail {
  return new LogTail({ jobId, store: new LogStore(), fetchPage });
}

/**
 * Tails GET /api/jobs/beta/jobs/{jobId}/logs until the log is complete; with `fetchPage`, another
 * log named by `jobId` (the tail's key) that follows the same cursor rules.
 */
export function useLogTail(jobId: string, fetchPage: LogPageFetcher = fetchLogsPage): LogTailResult {
  const [current, setTail] = useState(() => createTail(jobId, fetchPage));
  let tail = current;
  if (tail.jobId !== jobId) {
    // Another job: a fresh store and cursor (state adjusted during render, not in an effect).
    tail = createTail(jobId, fetchPage);
    setTail(tail);
  }
  useEffect(() => {
    tail.start();
    return () => tail.stop();
  }, [tail]);
  const state = useSyncExternalStore(tail.subscribe, tail.getState);
  const version = useSyncExternalStore(tail.store.subscribe, tail.store.getVersion);
  return { ...state, store: tail.store, version, retry: tail.retryNow };
}
