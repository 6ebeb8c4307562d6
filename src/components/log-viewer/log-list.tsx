// The virtualized log: only the rows in view (plus an overscan) are in the DOM, whatever the
// log's length. The scroll logic lives in LogListController; this component renders the rows of
// the range it asks for.
import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { flushSync } from 'react-dom';
import { LogListController, ROW_HEIGHT, type Align, type RowRange, type UserScroll } from './log-list-controller';
import { LogRow } from './log-row';
import type { RowSource } from './log-rows';
import type { LogStore } from './log-store';
import type { LineRange } from './permalink';

export type { UserScroll } from './log-list-controller';

export interface LogListHandle {
  /** Brings row `row` into view (centred by default) and keeps it there while rows are measured. */
  scrollToRow(row: number, align?: Align): void;
  scrollToBottom(): void;
  isAtBottom(): boolean;
  focus(): void;
}

export interface LogListProps {
  store: LogStore;
  /** The store's version: a new value re-renders the rows. */
  version: number;
  rows: RowSource;
  count: number;
  /** Changes whenever the set of rows changes other than by appending (stream, filter). */
  viewKey: string;
  wrap: boolean;
  showTimestamps: boolean;
  following: boolean;
  selection: LineRange | null;
  pattern: RegExp | null;
  current: { line: number; nth: number } | null;
  label: string;
  describedBy?: string;
  onNumberClick: (line: number, event: MouseEvent<HTMLAnchorElement>) => void;
  /** The reader scrolled (wheel, keys, scrollbar, touch): never called for the viewer's own scrolling. */
  onUserScroll: (scroll: UserScroll) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** Overlays inside the log's frame (the "jump to latest" button). */
  children?: ReactNode;
  ref?: Ref<LogListHandle>;
}

export function LogList(props: LogListProps) {
  const {
    store,
    rows,
    count,
    viewKey,
    wrap,
    showTimestamps,
    following,
    selection,
    pattern,
    current,
    label,
    describedBy,
    onNumberClick,
    onUserScroll,
    onKeyDown,
    children,
    ref,
  } = props;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const spacerRef = useRef<HTMLDivElement>(null);
  const blockRef = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<RowRange>({ start: 0, end: 0 });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // A scroll renders its new range before the next paint, so rows never lag behind the scrollbar:
  // flushSync in a microtask (the scroll may come from a parent's effect, where React cannot flush).
  const [controller] = useState(() => new LogListController((next, sync) => (sync ? queueMicrotask(() => flushSync(() => setRange(next))) : setRange(next))));

  useLayoutEffect(() => {
    controller.attach(scrollerRef.current, spacerRef.current, blockRef.current);
  }, [controller]);

  useLayoutEffect(() => {
    controller.afterRender({ store, rows, count, viewKey, wrap, showTimestamps, following, onUserScroll, rendered: range });
  });

  useEffect(() => {
    const el = scrollerRef.current!;
    const onScroll = () => controller.handleScroll();
    const onWheel = (event: WheelEvent) => controller.handleWheel(event.deltaY);
    const onPointerDown = () => controller.handlePointerDown();
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: true });
    el.addEventListener('pointerdown', onPointerDown, { passive: true });
    el.addEventListener('touchstart', onPointerDown, { passive: true });
    let observer: ResizeObserver | undefined;
    if (typeof ResizeObserver === 'function') {
      observer = new ResizeObserver(() => {
        if (controller.handleResize()) rerender();
      });
      observer.observe(el);
    }
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onPointerDown);
      el.removeEventListener('touchstart', onPointerDown);
      observer?.disconnect();
    };
  }, [controller]);

  useImperativeHandle(
    ref,
    () => ({
      scrollToRow: (row, align) => controller.scrollToRow(row, align),
      scrollToBottom: () => controller.scrollToBottom(),
      isAtBottom: () => controller.isAtBottom(),
      focus: () => scrollerRef.current?.focus(),
    }),
    [controller],
  );

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    onKeyDown?.(event);
    if (event.defaultPrevented || event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const el = event.currentTarget;
    const page = Math.max(ROW_HEIGHT, el.clientHeight - 2 * ROW_HEIGHT);
    const targets: Record<string, number> = {
      ArrowDown: el.scrollTop + 2 * ROW_HEIGHT,
      ArrowUp: el.scrollTop - 2 * ROW_HEIGHT,
      PageDown: el.scrollTop + page,
      PageUp: el.scrollTop - page,
      ' ': el.scrollTop + (event.shiftKey ? -page : page),
      Home: 0,
      End: el.scrollHeight,
    };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    controller.scrollByKey(target);
  }

  const start = Math.min(range.start, count);
  const end = Math.min(range.end, count);
  const gutterCh = String(Math.max(store.length, 1)).length;
  const rendered: ReactNode[] = [];
  for (let row = start; row < end; row++) {
    const line = rows.lineAt(row);
    const number = line + 1;
    rendered.push(
      <LogRow
        key={line}
        row={row}
        line={line}
        text={store.text(line)}
        type={store.type(line)}
        time={store.time(line)}
        showTimestamp={showTimestamps}
        wrap={wrap}
        selected={selection !== null && number >= selection.start && number <= selection.end}
        pattern={pattern}
        currentNth={current && current.line === line ? current.nth : null}
        gutterCh={gutterCh}
        onNumberClick={onNumberClick}
      />,
    );
  }

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scrollerRef}
        role="region"
        aria-label={label}
        aria-describedby={describedBy}
        tabIndex={0}
        onKeyDown={handleKeyDown}
        className={`lv-scroller absolute inset-0 overflow-auto font-mono text-xs focus-visible:-outline-offset-2 ${wrap ? 'lv-wrap overflow-x-hidden' : 'lv-nowrap'}`}
      >
        <div ref={spacerRef} className="relative" style={{ height: 0 }}>
          <div ref={blockRef} className={`absolute top-0 left-0 ${wrap ? 'w-full' : 'w-max min-w-full'}`} style={{ willChange: 'transform' }}>
            {rendered}
          </div>
        </div>
      </div>
      <span data-char-probe="" aria-hidden="true" className="invisible absolute top-0 left-0 font-mono text-xs whitespace-pre">
        {'0'.repeat(100)}
      </span>
      {children}
    </div>
  );
}
