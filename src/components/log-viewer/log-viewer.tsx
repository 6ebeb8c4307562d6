// A job's log, live: tails the logs API while the job runs (following the end unless the reader
// scrolls away), renders only what is on screen however long the log, colours ANSI output, searches
// the whole log without freezing the page, and links to lines (#L120, #L120-L140).
// The page loads this module lazily: nothing here is in the initial bundle.
import './log-viewer.css';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { errorDetails } from '../../api/error-details';
import { useLogTail, type LogPageFetcher } from '../../hooks/use-log-tail';
import { copyToClipboard } from '../../lib/clipboard';
import { Button } from '../button';
import { ErrorPanel } from '../error-panel';
import { LogList, type LogListHandle, type UserScroll } from './log-list';
import { AllRows, IndexedRows, StreamRows, streamLineType, type RowSource } from './log-rows';
import type { LogStore } from './log-store';
import { useLogPrefs } from './log-prefs';
import { LogSearchBar } from './log-search-bar';
import { GoToLine, LogExportActions, LogToolbar, PhaseBadge } from './log-toolbar';
import { extendRange, formatLineHash, parseLineHash, type LineRange } from './permalink';
import { useLogSearch } from './use-log-search';
import type { LogStream } from './log-streams';

export interface LogViewerProps {
  jobId: string;
  stream: LogStream;
  onStreamChange(stream: LogStream): void;
  /** What a download is called, without `.log` (e.g. "customer-churn-42"); the job id otherwise. */
  downloadName?: string;
  /**
   * Another log than the job's (an environment build's), read with the same nanosecond cursor;
   * `jobId` is then that log's key. Read once per log: a new function does not restart the tail.
   */
  fetchPage?: LogPageFetcher;
  /**
   * Writes the selected lines' hash ("#L10-L15") without a history entry. Inside the router this
   * must go through it: a bare replaceState is seen by the router as a navigation, and its scroll
   * restoration then puts the log box back where it last was (Go to line landed off-screen).
   */
  replaceHash?: (hash: string) => void;
  /** The log's accessible name ("Job log" unless another log is shown). */
  label?: string;
  /** The log box reaches down to the window's bottom edge (the job page, where the log is the page); 65vh otherwise. */
  fill?: boolean;
}

/** Room kept under the log box, and the page's sticky header the box must fit under when scrolled to. */
const FILL_BOTTOM_GAP_PX = 24;
const STICKY_HEADER_PX = 56;

/**
 * With `fill`, the box's height: down to the window's bottom edge from where the box starts, but
 * never less than half the window (details opened above push it down: the page scrolls) nor more
 * than fits under the sticky header. Measured again when the window or anything above it resizes.
 */
function useFillHeight(frameRef: RefObject<HTMLDivElement | null>, enabled: boolean): number | undefined {
  const [height, setHeight] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (!enabled || !frame) return;
    const measure = () => {
      const top = frame.getBoundingClientRect().top + window.scrollY;
      const windowHeight = window.innerHeight;
      const wanted = windowHeight - top - FILL_BOTTOM_GAP_PX;
      setHeight(Math.round(Math.min(windowHeight - STICKY_HEADER_PX - 16, Math.max(windowHeight / 2, wanted))));
    };
    measure();
    window.addEventListener('resize', measure);
    // What is above the box (a disclosure opened, a notice shown) moves it: the body's size changes then.
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      observer?.disconnect();
    };
  }, [frameRef, enabled]);
  return height;
}

/** The log of job `jobId`, showing `stream`; the page keeps the stream in its URL. */
export function LogViewer(props: LogViewerProps) {
  // A different job is a different log: start over with a fresh store and state.
  return <JobLog key={props.jobId} {...props} />;
}

const ANNOUNCE_EVERY_MS = 5_000;

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

/** The plain text of rows [fromRow, toRow), in parts of 10,000 lines (a million lines stays cheap). */
function linesAsText(store: LogStore, rows: RowSource, fromRow: number, toRow: number): string[] {
  const parts: string[] = [];
  let chunk: string[] = [];
  for (let row = fromRow; row < toRow; row++) {
    chunk.push(store.plain(rows.lineAt(row)));
    if (chunk.length === 10_000) {
      parts.push(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) parts.push(`${chunk.join('\n')}\n`);
  return parts;
}

function readHashRange(): LineRange | null {
  return typeof window === 'undefined' ? null : parseLineHash(window.location.hash);
}

function replaceHashInHistory(hash: string): void {
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
}

function JobLog({
  jobId,
  stream,
  onStreamChange,
  downloadName,
  fetchPage,
  label = 'Job log',
  fill = false,
  replaceHash = replaceHashInHistory,
}: LogViewerProps) {
  const tail = useLogTail(jobId, fetchPage);
  const { store, version, phase } = tail;
  const [prefs, setPrefs] = useLogPrefs();
  const listRef = useRef<LogListHandle>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const fillHeight = useFillHeight(frameRef, fill);
  const searchInputRef = useRef<HTMLInputElement>(null);
  const focusSearch = useCallback(() => {
    searchInputRef.current?.focus();
    searchInputRef.current?.select();
  }, []);
  const goToLineRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const hintId = `${ids}-hint`;

  // Permalink: the selected lines, from the hash; the view goes there once the line has arrived.
  const [selection, setSelection] = useState<LineRange | null>(readHashRange);
  const pendingTarget = useRef<number | null>(selection?.start ?? null);
  const [missingLine, setMissingLine] = useState<number | null>(null);
  // A line asked for that a live log has not reached yet: said, and gone to when it arrives.
  const [awaitedLine, setAwaitedLine] = useState<number | null>(null);

  // Centres `row` in the log box and brings the box into the window: a permalink or Go to line
  // lands where the reader looks, not only inside a box scrolled out of sight.
  const revealRow = useCallback((row: number) => {
    // The window first: the box's own scroll is then set where the reader will see it.
    frameRef.current?.scrollIntoView?.({ block: 'nearest' });
    listRef.current?.scrollToRow(row, 'center');
  }, []);

  // Follow: on while the job runs, unless the page opened on a permalink.
  const [following, setFollowing] = useState(selection === null);
  const pausedByScroll = useRef(false);
  const [pausedAt, setPausedAt] = useState<number | null>(null);

  // Search.
  const [queryText, setQueryText] = useState('');
  const [debouncedText, setDebouncedText] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [onlyMatching, setOnlyMatching] = useState(false);
  useEffect(() => {
    if (queryText === debouncedText) return;
    const timer = setTimeout(() => setDebouncedText(queryText), queryText === '' ? 0 : 150);
    return () => clearTimeout(timer);
  }, [queryText, debouncedText]);
  const lineType = streamLineType(stream);
  const search = useLogSearch(store, version, lineType, { text: debouncedText, regex, caseSensitive });
  const run = search.run;
  const [active, setActive] = useState<{ run: typeof run; k: number } | null>(null);
  const currentK = active && active.run === run && run ? Math.min(active.k, Math.max(0, run.total - 1)) : null;
  const jumpToFirstMatch = useRef(false);

  // The rows on screen: the stream's lines, or only the matching ones.
  const streamRows = useMemo(() => (lineType === undefined ? new AllRows(store) : new StreamRows(store, lineType)), [store, lineType]);
  if (streamRows instanceof StreamRows) streamRows.sync(); // O(new lines), idempotent
  const filtering = onlyMatching && run !== null;
  const matchRows = useMemo(() => (run ? new IndexedRows(run.lines) : null), [run]);
  const rows: RowSource = filtering && matchRows ? matchRows : streamRows;
  const count = rows.count;
  const viewKey = `${stream}|${filtering ? debouncedText + regex + caseSensitive : ''}`;

  const pause = useCallback(
    (byScroll: boolean) => {
      pausedByScroll.current = byScroll;
      // New lines are counted from here ("12 new lines — jump to latest").
      if (following) setPausedAt(rows.count);
      setFollowing(false);
    },
    [following, rows],
  );

  const follow = useCallback(() => {
    pausedByScroll.current = false;
    setPausedAt(null);
    setFollowing(true);
    listRef.current?.scrollToBottom();
  }, []);

  const onUserScroll = useCallback(
    ({ direction, atBottom }: UserScroll) => {
      if (direction === 'up' && following) pause(true);
      else if (atBottom && !following && pausedByScroll.current && phase !== 'complete') follow();
    },
    [following, pause, follow, phase],
  );

  // The permalink's line: scroll to it as soon as it has arrived (the log may still be loading).
  useEffect(() => {
    const target = pendingTarget.current;
    if (target === null) return;
    if (store.length >= target) {
      const row = rows.rowAtOrAfter(target - 1);
      if (row < rows.count) {
        pendingTarget.current = null;
        revealRow(row);
      } else if (phase === 'complete') pendingTarget.current = null;
    } else if (phase === 'complete') {
      pendingTarget.current = null;
      setMissingLine(target);
    }
  }, [version, rows, count, store, phase, revealRow]);

  // Selects `range` and brings its first line into view, now or once it has arrived.
  const showRange = useCallback(
    (range: LineRange) => {
      setSelection(range);
      pendingTarget.current = range.start;
      setMissingLine(null);
      pause(false);
      const row = rows.rowAtOrAfter(range.start - 1);
      if (store.length >= range.start && row < rows.count) {
        pendingTarget.current = null;
        setAwaitedLine(null);
        revealRow(row);
      } else if (store.length < range.start) setAwaitedLine(range.start);
    },
    [rows, store, pause, revealRow],
  );

  useEffect(() => {
    const onHashChange = () => {
      const range = readHashRange();
      if (range) showRange(range);
      else setSelection(null);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [showRange]);

  // "Go to line" (g): the keyboard's way to a line and its permalink. An error message, or null.
  const goToLine = (text: string): string | null => {
    const range = parseLineHash(/^\s*#?L/i.test(text) ? text : `L${text.trim()}`);
    if (!range) return 'Enter a line number, or a range such as 120-140';
    if (phase === 'complete' && range.start > store.length)
      return `Line ${range.start.toLocaleString('en-US')} is past the end: the log has ${plural(store.length, 'line')}`;
    replaceHash(formatLineHash(range));
    showRange(range);
    // Back to the log, where the arrow keys scroll from the line (and G goes again).
    listRef.current?.focus();
    return null;
  };

  const selectionRef = useRef(selection);
  // The latest writer, so the click handler below stays the same function across renders.
  const replaceHashRef = useRef(replaceHash);
  useLayoutEffect(() => {
    selectionRef.current = selection;
    replaceHashRef.current = replaceHash;
  }, [selection, replaceHash]);
  const onNumberClick = useCallback(
    (line: number, event: MouseEvent<HTMLAnchorElement>) => {
      event.preventDefault();
      const number = line + 1;
      const next = event.shiftKey ? extendRange(selectionRef.current, number) : { start: number, end: number };
      setSelection(next);
      setMissingLine(null);
      setAwaitedLine(null);
      pendingTarget.current = null;
      // No history entry per click.
      replaceHashRef.current(formatLineHash(next));
      pause(false);
    },
    [pause],
  );

  // Search navigation.
  const goToMatch = useCallback(
    (k: number) => {
      if (!run || run.total === 0) return;
      const wrapped = ((k % run.total) + run.total) % run.total;
      setActive({ run, k: wrapped });
      const located = run.locate(wrapped);
      if (!located) return;
      pause(true);
      listRef.current?.scrollToRow(rows.rowAtOrAfter(located.line), 'center');
    },
    [run, rows, pause],
  );
  useEffect(() => {
    if (run && jumpToFirstMatch.current && run.total > 0) {
      jumpToFirstMatch.current = false;
      goToMatch(0);
    }
  }, [run, search.progress, goToMatch]);

  const located = run && currentK !== null ? run.locate(currentK) : null;
  const current = located ? { line: located.line, nth: located.nth } : null;

  // While following, new rows keep the view at the end; announce them politely, every 5 s at most.
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef(store.length);
  const liveState = useRef({ following, phase, length: store.length });
  useEffect(() => {
    liveState.current = { following, phase, length: store.length };
  });
  useEffect(() => {
    const timer = setInterval(() => {
      const { following: isFollowing, phase: now, length } = liveState.current;
      const fresh = length - announced.current;
      announced.current = length;
      if (isFollowing && now === 'live' && fresh > 0) setAnnouncement(`${plural(fresh, 'new line')}`);
    }, ANNOUNCE_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  const wasComplete = useRef(phase === 'complete');
  useEffect(() => {
    if (phase === 'complete' && !wasComplete.current) {
      wasComplete.current = true;
      setAnnouncement(`Log complete: ${plural(store.length, 'line')}`);
    }
  }, [phase, store]);

  const newLines = !following && pausedAt !== null ? Math.max(0, count - pausedAt) : 0;

  // Copy and download.

  const onCopy = () => {
    if (selection) {
      const from = selection.start - 1;
      const to = Math.min(selection.end, store.length);
      const lines: string[] = [];
      for (let line = from; line < to; line++) lines.push(store.plain(line));
      void copyToClipboard(
        `${lines.join('\n')}\n`,
        selection.start === selection.end ? `line ${selection.start}` : `lines ${selection.start}–${selection.end}`,
      );
    } else {
      void copyToClipboard(linesAsText(store, rows, 0, rows.count).join(''), plural(rows.count, 'line'));
    }
  };

  const onCopyLink = () => {
    if (!selection) return;
    void copyToClipboard(`${window.location.origin}${window.location.pathname}${window.location.search}${formatLineHash(selection)}`, 'link');
  };

  const onDownload = () => {
    const blob = new Blob(linesAsText(store, streamRows, 0, streamRows.count), { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${downloadName ?? `job-${jobId}`}${stream === 'all' ? '' : `-${stream}`}.log`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  function onLogKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if ((event.key === 'f' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !event.ctrlKey && !event.metaKey)) {
      event.preventDefault();
      focusSearch();
    } else if ((event.key === 'g' || event.key === 'G') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      goToLineRef.current?.focus();
    } else if (event.key === 'End' && !event.ctrlKey && !event.metaKey && phase !== 'complete') {
      event.preventDefault();
      follow();
    }
  }

  // `/` searches the log from anywhere on the page, as on GitHub, unless the reader is typing
  // somewhere or a dialog is open (the log's own keys are handled above).
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      event.preventDefault();
      focusSearch();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [focusSearch]);

  // What the log area shows.
  const failing = tail.error !== null && tail.error !== undefined;
  const firstLoadFailed = failing && store.length === 0 && phase === 'loading';
  let body;
  if (firstLoadFailed) {
    body = (
      <div className="p-4">
        <ErrorPanel details={errorDetails(tail.error)} onRetry={tail.retry} />
        {tail.retryAt !== null ? <RetryCountdown retryAt={tail.retryAt} /> : null}
      </div>
    );
  } else if (phase === 'loading' && store.length === 0) {
    body = (
      <div role="status" className="space-y-2 p-4">
        <span className="sr-only">Loading the log…</span>
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} aria-hidden="true" className="skeleton h-3.5" style={{ width: `${40 + ((index * 37) % 55)}%` }} />
        ))}
      </div>
    );
  } else if (store.length === 0) {
    body = (
      <EmptyLog
        title={phase === 'complete' ? 'This job wrote no output' : 'No output yet'}
        hint={phase === 'complete' ? undefined : 'Lines appear here as the job writes them.'}
      />
    );
  } else if (count === 0 && !filtering) {
    const name = stream === 'prepare' ? 'preparation' : stream;
    body = <EmptyLog title={phase === 'complete' ? `No ${name} output` : `No ${name} output yet`} hint="Choose another stream to see the rest of the log." />;
  }

  const emptyMatches = filtering && count === 0 && run?.done;

  return (
    <section aria-label={label} className="lv-root flex flex-col gap-3">
      <LogToolbar
        stream={stream}
        onStreamChange={onStreamChange}
        counts={store.counts}
        total={store.length}
        phase={phase}
        following={following && phase !== 'complete'}
        onFollowChange={(on) => (on ? follow() : pause(false))}
        wrap={prefs.wrap}
        onWrapChange={(wrap) => setPrefs({ wrap })}
        timestamps={prefs.timestamps}
        onTimestampsChange={(timestamps) => setPrefs({ timestamps })}
      />
      <LogSearchBar
        inputRef={searchInputRef}
        text={queryText}
        onTextChange={(text) => {
          setQueryText(text);
          jumpToFirstMatch.current = text !== '';
        }}
        regex={regex}
        onRegexChange={(on) => {
          setRegex(on);
          jumpToFirstMatch.current = queryText !== '';
        }}
        caseSensitive={caseSensitive}
        onCaseSensitiveChange={(on) => {
          setCaseSensitive(on);
          jumpToFirstMatch.current = queryText !== '';
        }}
        onlyMatching={onlyMatching}
        onOnlyMatchingChange={setOnlyMatching}
        error={search.compiled && !search.compiled.ok ? search.compiled.error : null}
        pending={queryText !== debouncedText}
        total={run?.total ?? 0}
        current={currentK}
        scanning={run !== null && !run.done}
        onNext={() => goToMatch(currentK === null ? (run?.firstAtOrAfter(0) ?? 0) : currentK + 1)}
        onPrevious={() => goToMatch(currentK === null ? -1 : currentK - 1)}
        onEscape={() => listRef.current?.focus()}
        after={<GoToLine inputRef={goToLineRef} onGoToLine={goToLine} onEscape={() => listRef.current?.focus()} disabled={store.length === 0} />}
      />
      {failing && !firstLoadFailed ? <TailErrorBanner error={tail.error} retryAt={tail.retryAt} onRetry={tail.retry} /> : null}
      <div
        ref={frameRef}
        style={fillHeight === undefined ? undefined : { height: fillHeight }}
        // scroll-mt: brought into view below the sticky header, not under it.
        className="relative flex h-[65vh] min-h-80 scroll-mt-18 flex-col overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800"
      >
        {body ?? (
          <LogList
            ref={listRef}
            store={store}
            version={version}
            rows={rows}
            count={count}
            viewKey={viewKey}
            wrap={prefs.wrap}
            showTimestamps={prefs.timestamps}
            following={following}
            selection={selection}
            pattern={run?.pattern ?? null}
            current={current}
            label="Log output"
            describedBy={hintId}
            onNumberClick={onNumberClick}
            onUserScroll={onUserScroll}
            onKeyDown={onLogKeyDown}
          >
            {emptyMatches ? (
              <div className="pointer-events-none absolute inset-x-0 top-8 text-center text-sm text-slate-600 dark:text-slate-400">
                No lines match “{debouncedText}”.
              </div>
            ) : null}
            {!following && (newLines > 0 || phase === 'live') ? (
              <div className="pointer-events-none absolute inset-x-0 bottom-4 flex justify-center">
                <Button variant="primary" size="sm" className="pointer-events-auto shadow-lg" onClick={follow}>
                  {newLines > 0 ? `${plural(newLines, 'new line')} — jump to latest` : 'Jump to latest'}
                </Button>
              </div>
            ) : null}
          </LogList>
        )}
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-200 bg-slate-50 px-3 py-1.5 text-xs text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
          <PhaseBadge phase={phase} backlog={tail.backlog} failing={failing} total={store.length} shown={count} />
          {selection ? (
            <p>
              Selected{' '}
              {selection.start === selection.end
                ? `line ${selection.start.toLocaleString('en-US')}`
                : `lines ${selection.start.toLocaleString('en-US')}–${selection.end.toLocaleString('en-US')}`}
              <span className="text-slate-500 dark:text-slate-400"> · shift-click a line number to extend</span>
            </p>
          ) : null}
          <p className="ml-auto">{phase === 'complete' ? '' : following ? 'Following new lines' : 'Paused — scroll to the end or press Follow to resume'}</p>
          <LogExportActions phase={phase} selection={selection} onCopy={onCopy} onCopyLink={onCopyLink} onDownload={onDownload} canExport={store.length > 0} />
        </div>
      </div>
      <p id={hintId} className="sr-only">
        Scroll with the arrow keys, Page Up, Page Down, Home and End. End jumps to the latest line and follows new ones. Press slash to search, g to go to a
        line.
      </p>
      {awaitedLine !== null && awaitedLine > store.length && phase !== 'complete' ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Line {awaitedLine.toLocaleString('en-US')} has not arrived yet: the log has {plural(store.length, 'line')} so far. The view goes there when it does.
        </p>
      ) : null}
      {missingLine !== null ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Line {missingLine.toLocaleString('en-US')} does not exist: the log has {plural(store.length, 'line')}.
        </p>
      ) : null}
      {tail.problem ? (
        <div
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50"
        >
          <p className="font-semibold">Problem reported by Domino</p>
          <p className="mt-1 break-words">{tail.problem}</p>
          {tail.helpLink ? (
            <p className="mt-1">
              <a href={tail.helpLink} target="_blank" rel="noreferrer" className="font-medium underline">
                How to troubleshoot this
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <div aria-live="polite" className="sr-only">
        {announcement}
      </div>
    </section>
  );
}

/** Whether a key press there is someone typing (a field, an editable region, a select). */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function EmptyLog({ title, hint }: { title: string; hint?: string }) {
  return (
    <div className="lv-scroller flex flex-1 flex-col items-center justify-center gap-1 p-8 text-center">
      <p className="text-base font-medium text-slate-900 dark:text-slate-100">{title}</p>
      {hint ? <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p> : null}
    </div>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function RetryCountdown({ retryAt }: { retryAt: number }) {
  const now = useNow(1_000);
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  return <p className="mt-2 text-sm">{seconds > 0 ? `Trying again in ${seconds} s.` : 'Trying again…'}</p>;
}

function TailErrorBanner({ error, retryAt, onRetry }: { error: unknown; retryAt: number | null; onRetry: () => void }) {
  const details = errorDetails(error);
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50">
      <div className="min-w-0 flex-1">
        {/* Only the failure is announced; the countdown below changes every second. */}
        <div role="alert">
          <p className="font-semibold">{retryAt !== null ? 'The log stopped updating' : 'The log cannot be updated'}</p>
          <p className="break-words">
            {details.title}: {details.messages.join(' ')}
          </p>
        </div>
        {retryAt !== null ? <RetryCountdown retryAt={retryAt} /> : null}
      </div>
      <Button size="sm" onClick={onRetry}>
        Retry now
      </Button>
    </div>
  );
}
