// The imperative half of the virtualized log list (log-list.tsx renders the rows): it maps the
// scroll position to a range of rows, positions them, measures wrapped rows, keeps the reader's
// line in place while heights change, sticks to the end while following, and tells the reader's
// own scrolling apart from its own.
//
// Heights come from a Fenwick tree (row-heights.ts): estimated from the text length when lines
// wrap, replaced by the measured height once a row has been on screen. Browsers cap an element's
// height (≈33.5 M px in Chromium, ≈17.9 M px in Firefox), so a taller log is mapped onto a scaled
// scroll range: the rows are placed relative to the viewport on every scroll then.
import type { RowSource } from './log-rows';
import type { LogStore } from './log-store';
import { RowHeights } from './row-heights';

/** One unwrapped line (Tailwind leading-5 / min-h-5). */
export const ROW_HEIGHT = 20;
const OVERSCAN_PX = 240;
export const BOTTOM_SLACK_PX = 4;

let detectedMaxHeight: number | undefined;

/** The tallest element this browser lays out, less a margin; a conservative value where unknown. */
export function maxScrollHeight(): number {
  if (detectedMaxHeight === undefined) {
    let measured = 0;
    if (typeof document !== 'undefined' && document.body) {
      const probe = document.createElement('div');
      probe.style.cssText = 'position:absolute;visibility:hidden;width:1px;height:1000000000px;top:0;left:0';
      document.body.appendChild(probe);
      measured = probe.offsetHeight;
      probe.remove();
    }
    detectedMaxHeight = measured > 1_000_000 ? Math.min(Math.floor(measured * 0.9), 30_000_000) : 10_000_000;
  }
  return detectedMaxHeight;
}

export interface RowRange {
  start: number;
  end: number;
}

export interface UserScroll {
  direction: 'up' | 'down';
  atBottom: boolean;
}

export type Align = 'center' | 'start' | 'nearest';

interface Anchor {
  /** The store line at the top of the view. */
  line: number;
  /** Its top relative to the viewport's top (negative when partly scrolled past). */
  offset: number;
}

export interface ListInputs {
  store: LogStore;
  rows: RowSource;
  count: number;
  viewKey: string;
  wrap: boolean;
  showTimestamps: boolean;
  following: boolean;
  onUserScroll: (scroll: UserScroll) => void;
  /** The range React rendered in this commit. */
  rendered: RowRange;
}

export class LogListController {
  readonly heights = new RowHeights();
  private scroller: HTMLElement | null = null;
  private spacer: HTMLElement | null = null;
  private block: HTMLElement | null = null;
  private inputs: ListInputs | null = null;
  private range: RowRange = { start: 0, end: 0 };
  private renderedStart = 0;
  private following = false;
  private followingProp: boolean | undefined;
  private expectedTop: number | null = null;
  private lastTop = 0;
  private viewKey: string | undefined;
  private wrapKey: string | undefined;
  private charsPerLine = 0;
  private anchor: Anchor | null = null;
  private restoreAnchor = false;
  private pendingRow: { row: number; align: Align } | null = null;
  private maxWidth = 0;
  private width = 0;

  constructor(private readonly commit: (range: RowRange, sync: boolean) => void) {}

  attach(scroller: HTMLElement | null, spacer: HTMLElement | null, block: HTMLElement | null): void {
    this.scroller = scroller;
    this.spacer = spacer;
    this.block = block;
  }

  private estimate = (row: number): number => {
    const inputs = this.inputs;
    if (!inputs || !inputs.wrap || this.charsPerLine <= 0) return ROW_HEIGHT;
    const length = inputs.store.text(inputs.rows.lineAt(row)).length;
    return length <= this.charsPerLine ? ROW_HEIGHT : ROW_HEIGHT * Math.ceil(length / this.charsPerLine);
  };

  /** After every render: bring the heights up to date with the rows, measure, position. */
  afterRender(inputs: ListInputs): void {
    this.inputs = inputs;
    if (this.followingProp !== inputs.following) {
      this.followingProp = inputs.following;
      this.following = inputs.following;
    }
    this.renderedStart = Math.min(inputs.rendered.start, inputs.count);
    const { count, viewKey } = inputs;
    const wrapKey = `${inputs.wrap}|${inputs.showTimestamps}`;
    if (this.viewKey !== viewKey || this.wrapKey !== wrapKey || count < this.heights.count) {
      const viewChanged = this.viewKey !== undefined && this.viewKey !== viewKey;
      this.viewKey = viewKey;
      if (this.wrapKey !== wrapKey) this.charsPerLine = 0;
      this.wrapKey = wrapKey;
      this.maxWidth = 0;
      if (this.spacer) this.spacer.style.width = '';
      this.heights.reset(count, this.estimate);
      // Another stream or filter: the line that was at the top goes to the top (or the next one).
      if (viewChanged && this.anchor) this.anchor = { ...this.anchor, offset: 0 };
      this.restoreAnchor = true;
    } else if (count > this.heights.count) {
      this.heights.grow(count, this.estimate);
    }
    this.measure();
    this.layout(false);
    // Lines wrap at a width only known once a row is on screen: refine the estimates then.
    if (inputs.wrap && this.charsPerLine === 0 && count > 0) {
      const chars = this.readCharsPerLine();
      if (chars > 0) {
        this.charsPerLine = chars;
        this.heights.reset(count, this.estimate);
        this.restoreAnchor = true;
        this.measure();
        this.layout(false);
      }
    }
    if (!inputs.wrap && this.block && this.spacer) {
      // The widest row seen so far sets the horizontal scroll range, so it does not jump back.
      const width = this.block.scrollWidth;
      if (width > this.maxWidth) {
        this.maxWidth = width;
        this.spacer.style.width = `${width}px`;
      }
    }
  }

  private geometry() {
    const el = this.scroller!;
    const clientHeight = el.clientHeight;
    const total = this.heights.total;
    const spacerHeight = Math.min(total, maxScrollHeight());
    const scale = total > spacerHeight && spacerHeight > clientHeight ? (total - clientHeight) / (spacerHeight - clientHeight) : 1;
    return { el, clientHeight, spacerHeight, scale };
  }

  private setScrollTop(top: number): void {
    const el = this.scroller!;
    el.scrollTop = top;
    // Read back: the browser clamps and rounds, and a scroll event reporting this value is ours.
    this.expectedTop = el.scrollTop;
    this.lastTop = el.scrollTop;
  }

  /** Positions everything for the current scroll position; renders another range if needed. */
  layout(sync: boolean): void {
    const { spacer, block, inputs, heights } = this;
    if (!spacer || !block || !inputs || !this.scroller) return;
    let { el, clientHeight, spacerHeight, scale } = this.geometry();
    if (spacer.style.height !== `${spacerHeight}px`) spacer.style.height = `${spacerHeight}px`;

    if (this.following) {
      const maxTop = Math.max(0, spacerHeight - clientHeight);
      if (Math.abs(el.scrollTop - maxTop) > 0.5) this.setScrollTop(maxTop);
      this.pendingRow = null;
    } else if (this.pendingRow && this.pendingRow.row < heights.count) {
      const { row, align } = this.pendingRow;
      const rowTop = heights.offsetOf(row);
      const rowHeight = heights.get(row);
      const viewTop = el.scrollTop * scale;
      let target = viewTop;
      if (align === 'start') target = rowTop;
      else if (align === 'center') target = rowTop - Math.max(0, (clientHeight - rowHeight) / 2);
      else if (rowTop < viewTop) target = rowTop;
      else if (rowTop + rowHeight > viewTop + clientHeight) target = rowTop + rowHeight - clientHeight;
      target = Math.max(0, target);
      this.setScrollTop(target / scale);
      // Keep that row there while the rows around it are measured.
      this.anchor = { line: inputs.rows.lineAt(row), offset: rowTop - el.scrollTop * scale };
      this.restoreAnchor = true;
      this.pendingRow = null;
      ({ el, clientHeight, spacerHeight, scale } = this.geometry());
    }
    if (!this.following && this.restoreAnchor && this.anchor) {
      // Heights above the anchored line changed: put it back where the reader had it.
      const row = inputs.rows.rowAtOrAfter(this.anchor.line);
      if (row < heights.count) {
        const wanted = Math.max(0, (heights.offsetOf(row) - this.anchor.offset) / scale);
        if (Math.abs(el.scrollTop - wanted) > 0.5) this.setScrollTop(wanted);
      }
    }
    this.restoreAnchor = false;

    const top = el.scrollTop;
    const viewTop = top * scale;
    const count = Math.min(inputs.count, heights.count);
    const first = heights.rowAt(viewTop);
    const start = count === 0 ? 0 : heights.rowAt(Math.max(0, viewTop - OVERSCAN_PX));
    const end = count === 0 ? 0 : Math.min(count, heights.rowAt(viewTop + clientHeight + OVERSCAN_PX) + 1);
    if (count > 0 && first < count) this.anchor = { line: inputs.rows.lineAt(first), offset: heights.offsetOf(first) - viewTop };
    if (start !== this.range.start || end !== this.range.end) {
      this.range = { start, end };
      this.commit(this.range, sync);
    }
    const blockTop = heights.offsetOf(this.renderedStart) - top * (scale - 1);
    block.style.transform = `translateY(${blockTop}px)`;
  }

  /** Reads the rendered rows' real heights (wrapped lines only; unwrapped rows are one line). */
  private measure(): void {
    const block = this.block;
    if (!block || !this.inputs?.wrap) return;
    let changed = false;
    for (const child of block.children) {
      const row = Number((child as HTMLElement).dataset.row);
      if (Number.isNaN(row)) continue;
      const height = (child as HTMLElement).getBoundingClientRect().height;
      if (height > 0 && this.heights.set(row, height) !== 0) changed = true;
    }
    if (changed) this.restoreAnchor = true;
  }

  private readCharsPerLine(): number {
    const text = this.block?.querySelector<HTMLElement>('.lv-text');
    const probe = this.scroller?.parentElement?.querySelector<HTMLElement>('[data-char-probe]');
    if (!text || !probe) return 0;
    const charWidth = probe.getBoundingClientRect().width / 100;
    if (charWidth <= 0) return 0;
    const style = getComputedStyle(text);
    const available = text.clientWidth - parseFloat(style.paddingLeft || '0') - parseFloat(style.paddingRight || '0');
    return Math.max(1, Math.floor(available / charWidth));
  }

  /** A scroll event: the reader's, unless it reports the position the controller just set. */
  handleScroll(): void {
    const el = this.scroller;
    if (!el) return;
    const top = el.scrollTop;
    const ours = this.expectedTop !== null && Math.abs(top - this.expectedTop) < 1;
    this.expectedTop = null;
    if (!ours && Math.abs(top - this.lastTop) >= 1) {
      const direction = top < this.lastTop ? 'up' : 'down';
      const atBottom = el.scrollHeight - el.clientHeight - top <= BOTTOM_SLACK_PX;
      // Stop sticking to the end at once: the parent's re-render comes a moment later.
      if (direction === 'up') this.following = false;
      this.inputs?.onUserScroll({ direction, atBottom });
    }
    this.lastTop = top;
    this.layout(true);
  }

  /** A wheel turned up pauses following before any scroll event (the log may be growing fast). */
  handleWheel(deltaY: number): void {
    this.expectedTop = null;
    if (deltaY < 0 && this.following && this.scroller && this.scroller.scrollTop > 0) {
      this.following = false;
      this.inputs?.onUserScroll({ direction: 'up', atBottom: false });
    }
  }

  /** Pointer or touch input: the next scroll is the reader's. */
  handlePointerDown(): void {
    this.expectedTop = null;
  }

  /** The scroller was resized; true when rows must re-render (a new width rewraps every line). */
  handleResize(): boolean {
    const el = this.scroller;
    if (!el) return false;
    const width = el.clientWidth;
    let rewrap = false;
    if (width !== this.width) {
      const first = this.width === 0;
      this.width = width;
      if (!first && this.inputs?.wrap) {
        this.charsPerLine = 0;
        this.heights.reset(this.inputs.count, this.estimate);
        this.restoreAnchor = true;
        rewrap = true;
      }
    }
    this.layout(false);
    return rewrap;
  }

  scrollToRow(row: number, align: Align = 'center'): void {
    this.following = false;
    this.pendingRow = { row, align };
    this.layout(true);
  }

  scrollToBottom(): void {
    this.following = true;
    this.layout(true);
  }

  /** The reader moved by keyboard: a user scroll, like the wheel. */
  scrollByKey(top: number): void {
    const el = this.scroller;
    if (!el) return;
    this.expectedTop = null;
    el.scrollTop = top;
  }

  isAtBottom(): boolean {
    const el = this.scroller;
    return !el || el.scrollHeight - el.clientHeight - el.scrollTop <= BOTTOM_SLACK_PX;
  }
}
