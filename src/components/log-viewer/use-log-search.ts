// The viewer's search: compiles the query, runs it over the whole log in time slices (log-search.ts)
// and re-renders at most every 150 ms while it scans, so a million lines never cost a render each.
import { useEffect, useMemo, useReducer } from 'react';
import { compileQuery, SearchRun, type CompiledQuery, type SearchQuery } from './log-search';
import type { LogStore } from './log-store';
import type { LineType } from './log-columns';

const PROGRESS_THROTTLE_MS = 150;

export interface LogSearchState {
  compiled: CompiledQuery | null;
  run: SearchRun | null;
  /** Changes whenever the run found more or finished. */
  progress: number;
}

export function useLogSearch(store: LogStore, version: number, lineType: LineType | undefined, query: SearchQuery): LogSearchState {
  const { text, regex, caseSensitive } = query;
  const compiled = useMemo(() => compileQuery({ text, regex, caseSensitive }), [text, regex, caseSensitive]);
  const run = useMemo(() => (compiled?.ok ? new SearchRun(store, compiled.pattern, { lineType }) : null), [compiled, store, lineType]);
  const [progress, bump] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    if (!run) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    run.setProgressListener(() => {
      if (timer !== undefined) return;
      const wait = Math.max(0, last + PROGRESS_THROTTLE_MS - performance.now());
      timer = setTimeout(() => {
        timer = undefined;
        last = performance.now();
        bump();
      }, wait);
    });
    run.resume();
    return () => {
      run.cancel();
      run.setProgressListener(undefined);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [run]);

  // New lines in a live log: scan them too.
  useEffect(() => {
    run?.resume();
  }, [run, version]);

  return { compiled, run, progress };
}
