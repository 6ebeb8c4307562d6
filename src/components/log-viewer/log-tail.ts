// The tail of one job's log: asks for the lines after the store's cursor, appends them, and asks
// again — at once when the page came back full (a finished 1,000,000-line log is 100 pages read
// back to back), after a short pause while the job runs, never again once the answer says the
// log is complete. Failures back off exponentially (capped, with jitter) and are exposed as state
// so the viewer can show a banner with a Retry action.
//
// One cursor for every stream: the tail always reads logType=complete and the viewer filters by
// stream locally. Switching streams is then instant and keeps the lines already loaded, and a
// permalink's line number means the same line in every view.
import { DominoApiError, ResponseShapeError } from '../../api/http';
import type { LogsColumnsPage, LogsPageRequest } from './logs-api';
import type { LogStore } from './log-store';

export type TailPhase = 'loading' | 'live' | 'complete';

export interface TailState {
  /** loading: no answer yet; live: the job may still write; complete: every line is in the store. */
  phase: TailPhase;
  /** The last failure, while failing; null once a request succeeds. */
  error: unknown;
  /** Consecutive failures. */
  failures: number;
  /** When the next automatic attempt happens (epoch ms); null when none is scheduled. */
  retryAt: number | null;
  /** The last page came back full: older lines are still being read (a long log opening). */
  backlog: boolean;
  problem?: string;
  helpLink?: string;
}

export interface TailOptions {
  jobId: string;
  store: LogStore;
  fetchPage: (request: LogsPageRequest) => Promise<LogsColumnsPage>;
  /** Pause between polls while the job runs and the last page was not full. */
  pollIntervalMs?: number;
  /** The same while the browser tab is hidden: nobody is watching, so ask less often. */
  hiddenPollIntervalMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  now?: () => number;
  isHidden?: () => boolean;
}

// A line printed by the job reaches the store within one flush (50 ms on the embedded Domino),
// one poll interval and one request: 500 ms keeps that well under the 1.5 s budget.
export const POLL_INTERVAL_MS = 500;
export const HIDDEN_POLL_INTERVAL_MS = 3_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;
/**
 * The first request asks for fewer lines: the server answers 1,000 lines several times faster
 * than 10,000, so the first rows show sooner; the cursor makes the next page start right after.
 */
export const FIRST_PAGE_LINES = 1_000;

/**
 * Delay before attempt `failures + 1`: base · 2^(failures−1), capped, with "equal jitter" (half
 * fixed, half random) so many open tabs do not all retry in the same instant.
 */
export function backoffDelay(failures: number, baseMs = BACKOFF_BASE_MS, maxMs = BACKOFF_MAX_MS, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/**
 * Failures that asking again cannot fix (the job does not exist, access is denied, the answer
 * does not match the contract): no automatic retry, only the user's Retry.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof ResponseShapeError) return true;
  if (error instanceof DominoApiError) return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
  return false;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export class LogTail {
  readonly jobId: string;
  readonly store: LogStore;
  private state: TailState = { phase: 'loading', error: null, failures: 0, retryAt: null, backlog: false };
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | undefined;
  private wake: (() => void) | undefined;
  private readonly options: Required<Omit<TailOptions, 'jobId' | 'store' | 'fetchPage'>> & Pick<TailOptions, 'fetchPage'>;

  constructor(options: TailOptions) {
    this.jobId = options.jobId;
    this.store = options.store;
    this.options = {
      fetchPage: options.fetchPage,
      pollIntervalMs: options.pollIntervalMs ?? POLL_INTERVAL_MS,
      hiddenPollIntervalMs: options.hiddenPollIntervalMs ?? HIDDEN_POLL_INTERVAL_MS,
      backoffBaseMs: options.backoffBaseMs ?? BACKOFF_BASE_MS,
      backoffMaxMs: options.backoffMaxMs ?? BACKOFF_MAX_MS,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      isHidden: options.isHidden ?? (() => typeof document !== 'undefined' && document.hidden),
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): TailState => this.state;

  private set(patch: Partial<TailState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  /** Starts (or restarts after `stop`) from the store's cursor: nothing is read twice. */
  start(): void {
    if (this.controller && !this.controller.signal.aborted) return;
    if (this.state.phase === 'complete') return;
    const controller = new AbortController();
    this.controller = controller;
    void this.run(controller.signal);
  }

  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.wake?.();
  }

  /** Tries again now: cuts a backoff wait short, or resumes after a permanent failure. */
  retryNow = (): void => {
    if (this.wake) this.wake();
    else this.start();
  };

  /** Waits `ms` (or, with null, until retryNow); false when stopped meanwhile. */
  private pause(ms: number | null, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const done = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve(!signal.aborted);
      };
      const timer = ms === null ? undefined : setTimeout(done, ms);
      this.wake = done;
      signal.addEventListener('abort', done);
    });
  }

  private async run(signal: AbortSignal): Promise<void> {
    const { fetchPage, now, random } = this.options;
    while (!signal.aborted) {
      const cursor = this.store.cursor;
      let page: LogsColumnsPage;
      try {
        const first = cursor === undefined && this.store.length === 0;
        page = await fetchPage({ jobId: this.jobId, latestTimeNano: cursor, signal, ...(first ? { limit: FIRST_PAGE_LINES } : {}) });
      } catch (error) {
        if (signal.aborted || isAbort(error)) return;
        const failures = this.state.failures + 1;
        if (isPermanentFailure(error)) {
          this.set({ error, failures, retryAt: null });
          if (!(await this.pause(null, signal))) return;
        } else {
          const delay = backoffDelay(failures, this.options.backoffBaseMs, this.options.backoffMaxMs, random);
          this.set({ error, failures, retryAt: now() + delay });
          if (!(await this.pause(delay, signal))) return;
        }
        continue;
      }
      if (signal.aborted) return;
      this.store.appendPage(cursor, page.columns, page.latestTimeNano);
      const received = page.columns.texts.length;
      const full = received >= page.limit && received > 0;
      this.set({
        backlog: full && !page.isComplete,
        phase: page.isComplete ? 'complete' : 'live',
        error: null,
        failures: 0,
        retryAt: null,
        problem: page.problem,
        helpLink: page.helpLink,
      });
      if (page.isComplete) {
        this.controller = undefined;
        return;
      }
      // A full page means more lines are already waiting: ask again without pausing.
      if (full) continue;
      const interval = this.options.isHidden() ? this.options.hiddenPollIntervalMs : this.options.pollIntervalMs;
      if (!(await this.pause(interval, signal))) return;
    }
  }
}
