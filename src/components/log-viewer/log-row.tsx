// One line of the log: its number (a permalink), an optional timestamp and the text, styled from
// its ANSI colours, with search matches marked. Everything is rendered as text nodes.
import { memo, type CSSProperties, type MouseEvent } from 'react';
import { colorToCss, parseAnsi, type AnsiSegment, type AnsiStyle } from '../../lib/ansi';
import { findMatches } from './log-search';
import { LINE_PREPARE, LINE_STDERR, type LineType } from './log-columns';

/** 0: not a match; 1: a match; 2: the current match. */
export type MarkKind = 0 | 1 | 2;

export interface MarkedSegment {
  text: string;
  style?: AnsiStyle;
  mark: MarkKind;
}

/**
 * Overlays match ranges (offsets into the plain text, ascending, non-overlapping) onto the
 * styled segments, splitting segments at match boundaries.
 */
export function markSegments(segments: readonly AnsiSegment[], ranges: ReadonlyArray<readonly [number, number]>, currentNth: number | null): MarkedSegment[] {
  if (ranges.length === 0) return segments.map((segment) => ({ ...segment, mark: 0 }));
  const result: MarkedSegment[] = [];
  let offset = 0;
  let r = 0;
  for (const segment of segments) {
    const end = offset + segment.text.length;
    let position = offset;
    while (position < end) {
      while (r < ranges.length && ranges[r]![1] <= position) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        result.push({ text: segment.text.slice(position - offset), style: segment.style, mark: 0 });
        position = end;
      } else if (range[0] > position) {
        result.push({ text: segment.text.slice(position - offset, range[0] - offset), style: segment.style, mark: 0 });
        position = range[0];
      } else {
        const stop = Math.min(end, range[1]);
        result.push({ text: segment.text.slice(position - offset, stop - offset), style: segment.style, mark: r === currentNth ? 2 : 1 });
        position = stop;
      }
    }
    offset = end;
  }
  return result;
}

function styleToCss(style: AnsiStyle | undefined): CSSProperties | undefined {
  if (!style) return undefined;
  const css: CSSProperties = {};
  let fg = style.fg ? colorToCss(style.fg) : undefined;
  let bg = style.bg ? colorToCss(style.bg) : undefined;
  if (style.inverse) {
    [fg, bg] = [bg ?? 'var(--lv-bg)', fg ?? 'var(--lv-fg)'];
  }
  if (fg) css.color = fg;
  if (bg) css.backgroundColor = bg;
  if (style.bold) css.fontWeight = 700;
  if (style.dim) css.opacity = 0.7;
  if (style.italic) css.fontStyle = 'italic';
  if (style.underline || style.strike) css.textDecorationLine = [style.underline ? 'underline' : '', style.strike ? 'line-through' : ''].join(' ').trim();
  return css;
}

const TIME_FORMAT = (time: number): string => {
  const date = new Date(time);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
};

export interface LogRowProps {
  row: number;
  /** 0-based index in the store; the number shown is line + 1. */
  line: number;
  text: string;
  type: LineType;
  time: number;
  showTimestamp: boolean;
  wrap: boolean;
  selected: boolean;
  /** The search (global RegExp) whose matches are marked, and which occurrence is current. */
  pattern: RegExp | null;
  currentNth: number | null;
  gutterCh: number;
  onNumberClick: (line: number, event: MouseEvent<HTMLAnchorElement>) => void;
}

const TYPE_CLASSES: Record<LineType, string> = {
  0: '',
  1: 'lv-stderr',
  2: 'lv-prepare text-slate-600 italic dark:text-slate-400',
};

// The stream marker sits on the line number, which stays in view when unwrapped lines scroll sideways.
const GUTTER_BORDER: Record<LineType, string> = {
  0: 'border-transparent',
  1: 'border-red-500 dark:border-red-400',
  2: 'border-transparent',
};

const TYPE_LABELS: Record<LineType, string | null> = { 0: null, 1: 'stderr', 2: 'prepare' };

export const LogRow = memo(function LogRow({
  row,
  line,
  text,
  type,
  time,
  showTimestamp,
  wrap,
  selected,
  pattern,
  currentNth,
  gutterCh,
  onNumberClick,
}: LogRowProps) {
  const number = line + 1;
  const parsed = parseAnsi(text);
  const plain = parsed.length === 1 ? parsed[0]!.text : parsed.map((segment) => segment.text).join('');
  const segments = markSegments(parsed, pattern ? findMatches(pattern, plain) : [], currentNth);
  const label = TYPE_LABELS[type];
  return (
    <div
      data-row={row}
      data-line={number}
      data-type={type === LINE_STDERR ? 'stderr' : type === LINE_PREPARE ? 'prepare' : 'stdout'}
      aria-current={selected ? 'location' : undefined}
      className={`lv-row flex min-h-5 leading-5 ${wrap ? '' : 'min-w-full'} ${TYPE_CLASSES[type]} ${selected ? 'lv-selected' : ''}`}
    >
      <a
        href={`#L${number}`}
        tabIndex={-1}
        onClick={(event) => onNumberClick(line, event)}
        style={{ width: `calc(${gutterCh}ch + 1.25rem)` }}
        className={`lv-gutter sticky left-0 shrink-0 border-l-2 pr-3 text-right text-slate-600 not-italic tabular-nums select-none hover:text-slate-900 hover:underline dark:text-slate-400 dark:hover:text-slate-100 ${GUTTER_BORDER[type]}`}
      >
        {number}
      </a>
      {showTimestamp ? (
        <span
          className="lv-time shrink-0 pr-3 text-slate-500 tabular-nums select-none dark:text-slate-400"
          title={Number.isNaN(time) ? undefined : new Date(time).toISOString()}
        >
          {Number.isNaN(time) ? '--:--:--.---' : TIME_FORMAT(time)}
        </span>
      ) : null}
      {label ? <span className="sr-only select-none">{`${label}: `}</span> : null}
      <span className={`lv-text min-w-0 flex-1 pr-4 ${wrap ? 'break-words whitespace-pre-wrap [overflow-wrap:anywhere]' : 'whitespace-pre'}`}>
        {segments.length === 0 ? '\u200b' : null}
        {segments.map((segment, index) => {
          const style = styleToCss(segment.style);
          if (segment.mark === 0) {
            return style ? (
              <span key={index} style={style}>
                {segment.text}
              </span>
            ) : (
              segment.text
            );
          }
          return (
            <mark
              key={index}
              style={style}
              data-current-match={segment.mark === 2 ? '' : undefined}
              className={segment.mark === 2 ? 'lv-match-current' : 'lv-match'}
            >
              {segment.text}
            </mark>
          );
        })}
      </span>
    </div>
  );
});
