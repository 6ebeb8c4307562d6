// The cost charts (Recharts), loaded lazily with the page's chart view: cost over time as stacked
// bars of the top N and "Other", the breakdown of the window's total, and the asset view's
// capacity against use. Each series has a colour *and* a pattern, drawn in the same order in the
// HTML legend (bottom of the stack first), the breakdown has its amounts written at each bar, and
// every chart has a table alternative on the page. Axes say the currency, the unit and "UTC".
// performance marks `cost-chart:painted` once drawn, for bench/cost-page-render.ts.
import { useEffect } from 'react';
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  LabelList,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { formatCents, IDLE, OTHER, toCents, type StepRow } from '../../api/cost-money';
import { useElementWidth } from '../../hooks/use-element-width';
import { displayCostName } from './cost-view';

const HEIGHT = 320;

export const PAINTED_MARK = 'cost-chart:painted';

const utcDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const utcMonth = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const compactFormats = new Map<string, Intl.NumberFormat>();
/** The axes' short amounts ("USD 1.2K"), one formatter per currency (they are costly to make). */
function compact(currency: string): Intl.NumberFormat {
  let format = compactFormats.get(currency);
  if (!format)
    compactFormats.set(
      currency,
      (format = new Intl.NumberFormat(undefined, { style: 'currency', currency, currencyDisplay: 'code', notation: 'compact', maximumFractionDigits: 1 })),
    );
  return format;
}

// Colours that hold on white and on slate-950, each with its own pattern, so two neighbours
// differ by more than hue.
const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#dc2626', '#65a30d', '#c026d3', '#0d9488'];
const PATTERNS = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'vertical', 'back-diagonal', 'grid', 'wave', 'checker'] as const;
type PatternName = (typeof PATTERNS)[number] | 'other' | 'idle';

export interface SeriesStyle {
  colour: string;
  pattern: PatternName;
}

/** The money axis of every cost chart: amounts in the currency, the unit always labelled. Spread
 * into <YAxis> (Recharts reads its axes' props from its direct children). */
function moneyAxis(money: Intl.NumberFormat, label: string) {
  return {
    tickFormatter: (v: number) => money.format(v),
    // Its few ticks always fit: shown without measuring them first.
    interval: 0,
    tick: { fill: 'currentColor', fontSize: 12 },
    stroke: 'currentColor',
    width: 84,
    label: {
      value: label,
      angle: -90,
      position: 'insideLeft' as const,
      offset: -8,
      fill: 'currentColor',
      fontSize: 12,
      style: { textAnchor: 'middle' as const },
    },
  };
}

/** Room a date label takes on the time axis ("Dec 31", "Sep 2026"), with its gap, in px. */
const TIME_LABEL_PX = 64;

/**
 * Every how many steps a time-axis label is shown, from the plot's width: fixed, so Recharts does
 * not measure each label in the DOM to choose (a forced layout per label, most of an axis' cost).
 */
export function timeTickInterval(steps: number, plotWidth: number): number {
  if (steps <= 1 || plotWidth <= 0) return 0;
  return Math.max(0, Math.ceil((steps * TIME_LABEL_PX) / plotWidth) - 1);
}

// The plot's width inside a chart of this width: the money axis and the margins are fixed.
const plotWidthOf = (chartWidth: number) => chartWidth - 84 - 32;

export function seriesStyle(name: string, index: number): SeriesStyle {
  if (name === OTHER) return { colour: '#64748b', pattern: 'other' };
  if (name === IDLE) return { colour: '#94a3b8', pattern: 'idle' };
  return { colour: PALETTE[index % PALETTE.length]!, pattern: PATTERNS[index % PATTERNS.length]! };
}

function patternMarks(pattern: PatternName): string | null {
  switch (pattern) {
    case 'diagonal':
      return 'M0 8L8 0';
    case 'back-diagonal':
      return 'M0 0L8 8';
    case 'cross':
      return 'M0 8L8 0M0 0L8 8';
    case 'horizontal':
      return 'M0 4H8';
    case 'vertical':
      return 'M4 0V8';
    case 'grid':
      return 'M0 4H8M4 0V8';
    case 'wave':
      return 'M0 5Q2 2 4 5T8 5';
    case 'other':
      return 'M0 2H8M0 6H8';
    default:
      return null;
  }
}

/** An SVG pattern: the colour, with white marks (or dots/checks) over it. */
function PatternDef({ id, style }: { id: string; style: SeriesStyle }) {
  const marks = patternMarks(style.pattern);
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill={style.colour} />
      {marks ? <path d={marks} stroke="#ffffff" strokeOpacity="0.7" strokeWidth="1.25" fill="none" /> : null}
      {style.pattern === 'dots' || style.pattern === 'idle' ? <circle cx="4" cy="4" r="1.4" fill="#ffffff" fillOpacity="0.8" /> : null}
      {style.pattern === 'checker' ? <rect width="4" height="4" fill="#ffffff" fillOpacity="0.45" /> : null}
    </pattern>
  );
}

function Swatch({ id, style }: { id: string; style: SeriesStyle }) {
  return (
    <svg width="16" height="16" aria-hidden="true" className="shrink-0">
      <defs>
        <PatternDef id={id} style={style} />
      </defs>
      <rect x="0.5" y="0.5" width="15" height="15" fill={`url(#${id})`} stroke="currentColor" strokeOpacity="0.4" />
    </svg>
  );
}

function useMarkPainted(ready: boolean, deps: readonly unknown[]) {
  useEffect(() => {
    if (!ready) return;
    // After the commit the SVG is in the document: a task queued from the next frame's callback runs after its paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => performance.mark(PAINTED_MARK), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what a new drawing depends on
  }, [ready, ...deps]);
}

/** One step's point: its start, each series' value (s0, s1, …, bottom of the stack first) and their total. */
export type StackPoint = Record<string, number> & { t: number; total: number };

function ChartTooltip({
  active,
  payload,
  label,
  currency,
  names,
  step,
}: TooltipContentProps<number, string> & { currency: string; names: readonly string[]; step: 'day' | 'week' | 'month' }) {
  const point = payload?.[0]?.payload as StackPoint | undefined;
  if (!active || !point) return null;
  const when = typeof label === 'number' ? (step === 'month' ? utcMonth.format(label) : utcDay.format(label)) : '';
  return (
    <div className="rounded-md border border-slate-300 bg-white p-2 text-xs text-slate-900 shadow-md dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100">
      <p className="mb-1 font-semibold">{step === 'week' ? `Week of ${when}` : when} (UTC)</p>
      <ul>
        {/* Top of the stack first, as the bar reads. */}
        {names
          .map((name, index) => ({ name, value: point[`s${index}`] ?? 0 }))
          .reverse()
          .map((entry) => (
            <li key={entry.name}>
              {displayCostName(entry.name)}: {formatCents(Math.round(entry.value * 100), currency)}
            </li>
          ))}
      </ul>
    </div>
  );
}

/**
 * One step's stack, drawn inside the bar Recharts lays out for the step's total: a plain rectangle
 * a series, bottom first. One Recharts bar a step rather than one a series and step (a <Bar> per
 * series costs Recharts' whole per-rectangle machinery 12 × 30 times, most of the page's render).
 */
export function StackShape({
  x,
  y,
  width,
  height,
  payload,
  seriesCount,
  patternPrefix,
}: {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  payload?: StackPoint;
  seriesCount: number;
  /** The ids of the series' patterns: the prefix and the series' index. */
  patternPrefix: string;
}) {
  if (!payload || !width || !height || payload.total <= 0) return null;
  const left = x ?? 0;
  let bottom = (y ?? 0) + height;
  const segments = [];
  for (let index = 0; index < seriesCount; index++) {
    const value = payload[`s${index}`] ?? 0;
    if (value <= 0) continue;
    const segment = (height * value) / payload.total;
    bottom -= segment;
    segments.push(<rect key={index} x={left} y={bottom} width={width} height={segment} fill={`url(#${patternPrefix}${index})`} />);
  }
  return <g>{segments}</g>;
}

export interface StackChartProps {
  names: readonly string[];
  rows: readonly StepRow[];
  step: 'day' | 'week' | 'month';
  /** "per day", "cumulative since …": what the value axis means. */
  unit: string;
  currency: string;
  /** Lines across the chart: the budget's 75 % and 100 %, when they mean something at this step. */
  marks?: readonly { value: number; label: string }[];
}

/** Cost over time: one stacked bar a step. */
export function CostStackChart({ names, rows, step, unit, currency, marks = [] }: StackChartProps) {
  const { ref, width } = useElementWidth();
  useMarkPainted(width !== null, [rows, names, width]);
  const data = rows.map((row) => {
    const point = { t: row.start, total: 0 } as StackPoint;
    names.forEach((name, index) => {
      const value = row.values[name] ?? 0;
      point[`s${index}`] = value;
      point.total += value;
    });
    return point;
  });
  const money = compact(currency);
  const styles = names.map((name, index) => seriesStyle(name, index));
  const summary = `Cost over time, stacked by ${names.length} entries (${names.map((name) => displayCostName(name)).join(', ')}), ${rows.length} steps of a ${step}, ${currency} ${unit}, UTC.`;
  return (
    <figure className="space-y-2">
      <div ref={ref} role="img" aria-label={summary} className="w-full text-slate-700 dark:text-slate-300" data-testid="cost-stack-chart">
        {width === null ? (
          <div style={{ height: HEIGHT }} />
        ) : (
          <BarChart width={width} height={HEIGHT} data={data} margin={{ top: 8, right: 16, bottom: 24, left: 16 }} accessibilityLayer={false}>
            <defs>
              {styles.map((style, index) => (
                <PatternDef key={index} id={`cost-pattern-${index}`} style={style} />
              ))}
            </defs>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis
              dataKey="t"
              interval={timeTickInterval(data.length, plotWidthOf(width))}
              tickFormatter={(t: number) => (step === 'month' ? utcMonth.format(t) : utcDay.format(t))}
              tick={{ fill: 'currentColor', fontSize: 12 }}
              stroke="currentColor"
              label={{
                value: step === 'week' ? 'Week starting (Monday, UTC)' : step === 'month' ? 'Month (UTC)' : 'Day (UTC)',
                position: 'insideBottom',
                offset: -16,
                fill: 'currentColor',
                fontSize: 12,
              }}
            />
            <YAxis {...moneyAxis(money, `${currency} ${unit}`)} />
            <Tooltip
              cursor={{ fill: 'currentColor', fillOpacity: 0.08 }}
              isAnimationActive={false}
              content={(props) => <ChartTooltip {...(props as TooltipContentProps<number, string>)} currency={currency} names={names} step={step} />}
            />
            <Bar dataKey="total" name="Total" isAnimationActive={false} shape={<StackShape seriesCount={names.length} patternPrefix="cost-pattern-" />} />
            {marks.map((mark) => (
              <ReferenceLine
                key={mark.label}
                y={mark.value}
                stroke="currentColor"
                strokeDasharray={mark.label.startsWith('75') ? '2 4' : '6 3'}
                ifOverflow="extendDomain"
                label={{ value: mark.label, position: 'insideTopRight', fill: 'currentColor', fontSize: 12 }}
              />
            ))}
          </BarChart>
        )}
      </div>
      <ol aria-label="Legend, from the bottom of each bar up" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
        {names.map((name, index) => (
          <li key={name} className="flex items-center gap-1.5">
            <Swatch id={`cost-legend-${index}`} style={styles[index]!} />
            {displayCostName(name)}
          </li>
        ))}
      </ol>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">{summary}</figcaption>
    </figure>
  );
}

/** A gray stack per step with a changing height, for the loading state. */
const SKELETON_STEPS = Array.from({ length: 30 }, (_, index) => {
  const height = 3 + 2 * Math.sin(index / 3) + (index % 7 === 5 || index % 7 === 6 ? -1.5 : 0);
  return { t: index, total: height, s0: height * 0.6, s1: height * 0.4 } as StackPoint;
});
const SKELETON_STYLE: SeriesStyle = { colour: '#cbd5e1', pattern: 'solid' };
const SKELETON_STYLE_LIGHT: SeriesStyle = { colour: '#e2e8f0', pattern: 'solid' };

/**
 * While the allocation loads: the stack chart's frame with gray bars, drawn by the same chart code
 * as the real one (so the layout does not jump, and that code is compiled and warm when the answer
 * arrives). Hidden from assistive technology: the page says it is loading.
 */
export function StackChartSkeleton() {
  const { ref, width } = useElementWidth();
  return (
    <div ref={ref} aria-hidden="true" className="w-full text-slate-300 motion-safe:animate-pulse dark:text-slate-700" data-testid="cost-stack-skeleton">
      {width === null ? (
        <div style={{ height: HEIGHT }} />
      ) : (
        <BarChart width={width} height={HEIGHT} data={SKELETON_STEPS} margin={{ top: 8, right: 16, bottom: 24, left: 16 }} accessibilityLayer={false}>
          <defs>
            <PatternDef id="cost-skeleton-0" style={SKELETON_STYLE} />
            <PatternDef id="cost-skeleton-1" style={SKELETON_STYLE_LIGHT} />
          </defs>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.5} vertical={false} />
          <XAxis dataKey="t" tick={false} stroke="currentColor" />
          <YAxis tickFormatter={() => ''} interval={0} stroke="currentColor" width={84} />
          <Bar dataKey="total" isAnimationActive={false} shape={<StackShape seriesCount={2} patternPrefix="cost-skeleton-" />} />
        </BarChart>
      )}
    </div>
  );
}

const SKELETON_ENTRIES = [10, 7, 5, 4, 3, 2.5, 2, 1.5].map((value, index) => ({ label: `${index}`, value }));

/** The breakdown's frame with gray bars, while the allocation loads (see StackChartSkeleton). */
export function BreakdownChartSkeleton() {
  const { ref, width } = useElementWidth();
  const height = SKELETON_ENTRIES.length * 30 + 40;
  return (
    <div ref={ref} aria-hidden="true" className="w-full text-slate-300 motion-safe:animate-pulse dark:text-slate-700" data-testid="cost-breakdown-skeleton">
      {width === null ? (
        <div style={{ height }} />
      ) : (
        <BarChart
          width={width}
          height={height}
          data={SKELETON_ENTRIES}
          layout="vertical"
          margin={{ top: 4, right: 120, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="label" width={160} interval={0} tick={false} stroke="currentColor" />
          <Bar dataKey="value" isAnimationActive={false} fill="currentColor">
            {SKELETON_ENTRIES.map((_, index) => (
              <Cell key={index} fill="currentColor" />
            ))}
          </Bar>
        </BarChart>
      )}
    </div>
  );
}

export interface BreakdownChartProps {
  /** Largest first; the last may be Other. */
  entries: readonly { name: string; total: number }[];
  currency: string;
}

/** The window's total by entry: a horizontal bar each, its amount written beside it. */
export function CostBreakdownChart({ entries, currency }: BreakdownChartProps) {
  const { ref, width } = useElementWidth();
  const cents = toCents(entries.map((entry) => entry.total));
  const data = entries.map((entry, index) => ({ label: displayCostName(entry.name), value: entry.total, text: formatCents(cents[index]!, currency) }));
  const height = Math.max(120, entries.length * 30 + 40);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={`Breakdown of the window's cost, in ${currency}: ${data.map((entry) => `${entry.label} ${entry.text}`).join('; ')}.`}
      className="w-full text-slate-700 dark:text-slate-300"
      data-testid="cost-breakdown-chart"
    >
      {width === null ? (
        <div style={{ height }} />
      ) : (
        <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 4, right: 120, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <defs>
            {entries.map((entry, index) => (
              <PatternDef key={index} id={`cost-breakdown-${index}`} style={seriesStyle(entry.name, index)} />
            ))}
          </defs>
          <XAxis type="number" hide />
          {/* A row a label, 30 px each: all fit, no need to measure them. */}
          <YAxis type="category" dataKey="label" width={160} interval={0} tick={{ fill: 'currentColor', fontSize: 12 }} stroke="currentColor" />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((_, index) => (
              <Cell key={index} fill={`url(#cost-breakdown-${index})`} />
            ))}
            <LabelList dataKey="text" position="right" fill="currentColor" fontSize={12} />
          </Bar>
        </BarChart>
      )}
    </div>
  );
}

export interface CapacityPoint {
  start: number;
  capacity: number;
  used: number;
}

/** Node pools' capacity (what the nodes cost) against what the workloads used; the gap is idle. */
export function CapacityChart({ points, currency, unit }: { points: readonly CapacityPoint[]; currency: string; unit: string }) {
  const { ref, width } = useElementWidth();
  const money = compact(currency);
  return (
    <figure className="space-y-2">
      <div
        ref={ref}
        role="img"
        aria-label={`Capacity against use over ${points.length} days, ${currency} ${unit}, UTC; the gap is idle.`}
        className="w-full text-slate-700 dark:text-slate-300"
        data-testid="cost-capacity-chart"
      >
        {width === null ? (
          <div style={{ height: HEIGHT }} />
        ) : (
          <ComposedChart
            width={width}
            height={HEIGHT}
            data={points.map((point) => ({ ...point }))}
            margin={{ top: 8, right: 16, bottom: 24, left: 16 }}
            accessibilityLayer={false}
          >
            <defs>
              <PatternDef id="cost-used" style={{ colour: '#2563eb', pattern: 'diagonal' }} />
            </defs>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis
              dataKey="start"
              interval={timeTickInterval(points.length, plotWidthOf(width))}
              tickFormatter={(t: number) => utcDay.format(t)}
              tick={{ fill: 'currentColor', fontSize: 12 }}
              stroke="currentColor"
              label={{ value: 'Day (UTC)', position: 'insideBottom', offset: -16, fill: 'currentColor', fontSize: 12 }}
            />
            <YAxis {...moneyAxis(money, `${currency} ${unit}`)} />
            <Area dataKey="used" name="Used" fill="url(#cost-used)" stroke="#1d4ed8" isAnimationActive={false} />
            <Line dataKey="capacity" name="Capacity" stroke="currentColor" strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
          </ComposedChart>
        )}
      </div>
      <ul aria-label="Legend" className="flex flex-wrap gap-4 text-xs text-slate-700 dark:text-slate-300">
        <li className="flex items-center gap-1.5">
          <Swatch id="cost-used-legend" style={{ colour: '#2563eb', pattern: 'diagonal' }} />
          Used by workloads (hatched area)
        </li>
        <li className="flex items-center gap-1.5">
          <svg width="18" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="18" y2="4" stroke="currentColor" strokeWidth="2" strokeDasharray="6 3" />
          </svg>
          Capacity (dashed line); the gap below it is idle
        </li>
      </ul>
    </figure>
  );
}
