// A metric over time (Recharts), loaded lazily with the monitoring page's chart view only: the
// series is downsampled to two points a pixel column with its extremes kept (downsample.ts), the
// target range is a shaded band, and out-of-range values are drawn as triangles and named in the
// legend and the caption (never colour alone). performance marks time data-in-hand → painted
// (`metric-chart-draw`), for bench/metric-chart.ts.
//
// Recharts draws the frame (axes, grid, band) from the domains alone; the series itself is one
// <path> drawn here through the chart's own scales (useXAxisScale/useYAxisScale). Handing Recharts
// the ~1,800 downsampled points as data cost 200–700 ms a draw on this machine (its per-point
// bookkeeping), a path costs a few: see docs/decisions/0028-metric-chart-drawing.md.
import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, ComposedChart, ReferenceArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import type { MetricSeries } from '../../api/monitoring';
import { isInTargetRange } from '../../api/schemas/monitoring';
import { useElementWidth } from '../../hooks/use-element-width';
import { downsampleMinMax } from './downsample';
import { describeRange, type TargetRange } from './target-range';

const HEIGHT = 320;
// The plot area is the width less the axes' room: one bucket a pixel of that.
const AXIS_ROOM = 80;
const FALLBACK_WIDTH = 800;

export const DRAW_MEASURE = 'metric-chart-draw';

interface Point {
  t: number;
  v: number;
}

const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const number = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });

export interface MetricChartProps {
  series: MetricSeries;
  metric: string;
  targetRange?: TargetRange;
}

export function MetricChart({ series, metric, targetRange }: MetricChartProps) {
  // Once per mount (and per new series, keyed by the page): the moment the chart has its data in hand.
  useState(() => performance.mark('metric-chart:data'));
  const { ref, width } = useElementWidth(FALLBACK_WIDTH);
  const { line, outside, domain } = useMemo(() => {
    if (width === null) return { line: [] as Point[], outside: [] as Point[], domain: [0, 1] as [number, number] };
    const { indices } = downsampleMinMax(series.times, series.values, Math.max(50, width - AXIS_ROOM));
    const line: Point[] = new Array(indices.length);
    const outside: Point[] = [];
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      const point = { t: series.times[i]!, v: series.values[i]! };
      line[k] = point;
      if (point.v < lo) lo = point.v;
      if (point.v > hi) hi = point.v;
      if (targetRange && !isInTargetRange(point.v, targetRange)) outside.push(point);
    }
    // The band's limits are on the chart even when every value is far from them.
    for (const limit of [targetRange?.lowerLimit, targetRange?.upperLimit]) {
      if (limit === undefined) continue;
      lo = Math.min(lo, limit);
      hi = Math.max(hi, limit);
    }
    const pad = hi > lo ? (hi - lo) * 0.08 : Math.abs(hi) * 0.1 || 1;
    return { line, outside, domain: [lo - pad, hi + pad] as [number, number] };
  }, [series, width, targetRange]);

  useEffect(() => {
    if (width === null) return;
    // After the commit the SVG is in the document: the frame's callback runs before its paint,
    // a task queued from there runs after it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        performance.mark('metric-chart:painted');
        try {
          performance.measure(DRAW_MEASURE, 'metric-chart:data', 'metric-chart:painted');
        } catch {
          // the data mark was cleared meanwhile (the benchmark clears between draws)
        }
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [line, width]);

  // The frame's data: two corners, so the axes know their extent; the series is drawn by SeriesPaths.
  const first = line[0]?.t ?? 0;
  const last = line.at(-1)?.t ?? 1;
  const timeDomain: [number, number] = [first, last > first ? last : first + 1];
  const corners = [
    { t: timeDomain[0], v: domain[0] },
    { t: timeDomain[1], v: domain[1] },
  ];
  const band = targetRange ? { y1: targetRange.lowerLimit ?? domain[0], y2: targetRange.upperLimit ?? domain[1] } : undefined;
  const summary = `${metric}: ${series.values.length.toLocaleString()} values${
    targetRange ? `, ${countOutside(series, targetRange).toLocaleString()} out of the target range (${describeRange(targetRange)})` : ''
  }${width !== null && line.length < series.values.length ? `; drawn as ${line.length.toLocaleString()} points keeping each pixel’s lowest and highest` : ''}.`;

  return (
    <figure className="space-y-2">
      <div ref={ref} role="img" aria-label={summary} className="w-full text-slate-700 dark:text-slate-300" data-testid="metric-chart">
        {width === null ? (
          <div style={{ height: HEIGHT }} />
        ) : (
          <ComposedChart width={width} height={HEIGHT} data={corners} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={timeDomain}
              tickFormatter={(t: number) => day.format(t)}
              tick={{ fill: 'currentColor', fontSize: 12 }}
              stroke="currentColor"
            />
            <YAxis
              dataKey="v"
              type="number"
              domain={domain}
              tickFormatter={(v: number) => number.format(v)}
              tick={{ fill: 'currentColor', fontSize: 12 }}
              stroke="currentColor"
              width={64}
            />
            {band ? (
              <ReferenceArea
                y1={band.y1}
                y2={band.y2}
                fill="#10b981"
                fillOpacity={0.12}
                stroke="#059669"
                strokeDasharray="4 4"
                ifOverflow="hidden"
                label={{ value: 'Target range', position: 'insideTopLeft', fill: 'currentColor', fontSize: 12 }}
              />
            ) : null}
            <SeriesPaths line={line} outside={outside} />
          </ComposedChart>
        )}
      </div>
      <ul aria-label="Legend" className="flex flex-wrap gap-4 text-xs text-slate-700 dark:text-slate-300">
        <li className="flex items-center gap-1.5">
          <svg width="18" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="18" y2="4" stroke={LINE_COLOUR} strokeWidth="2" />
          </svg>
          {metric}
        </li>
        {targetRange ? (
          <>
            <li className="flex items-center gap-1.5">
              <svg width="14" height="10" aria-hidden="true">
                <rect x="0.5" y="0.5" width="13" height="9" fill="#10b981" fillOpacity="0.2" stroke="#059669" strokeDasharray="2 2" />
              </svg>
              Target range ({describeRange(targetRange)})
            </li>
            <li className="flex items-center gap-1.5">
              <svg width="12" height="12" aria-hidden="true">
                <path d={triangle(6, 7)} fill={OUTSIDE_COLOUR} />
              </svg>
              Out of range (triangles)
            </li>
          </>
        ) : null}
      </ul>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">{summary}</figcaption>
    </figure>
  );
}

const LINE_COLOUR = '#2563eb';
const OUTSIDE_COLOUR = '#dc2626';

/** An upward triangle centred on (x, y), 10 px wide. */
function triangle(x: number, y: number): string {
  return `M${x} ${y - 5.5}L${x + 5} ${y + 3.5}L${x - 5} ${y + 3.5}Z`;
}

/** The series as one path and the out-of-range values as triangles, through the chart's scales. */
function SeriesPaths({ line, outside }: { line: readonly Point[]; outside: readonly Point[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y || line.length === 0) return null;
  let d = '';
  for (let k = 0; k < line.length; k++) {
    const point = line[k]!;
    d += `${k === 0 ? 'M' : 'L'}${x(point.t)!.toFixed(1)} ${y(point.v)!.toFixed(1)}`;
  }
  return (
    <g className="metric-series">
      <path d={d} fill="none" stroke={LINE_COLOUR} strokeWidth={1.5} strokeLinejoin="round" />
      {outside.length > 0 ? (
        // One path of many triangles: hundreds of out-of-range values cost one element, not hundreds.
        <path
          className="metric-out-of-range"
          data-count={outside.length}
          d={outside.map((point) => triangle(x(point.t)!, y(point.v)!)).join('')}
          fill={OUTSIDE_COLOUR}
          stroke="#ffffff"
          strokeWidth={0.75}
        />
      ) : null}
    </g>
  );
}

function countOutside(series: MetricSeries, range: TargetRange): number {
  let count = 0;
  for (let i = 0; i < series.values.length; i++) if (!isInTargetRange(series.values[i]!, range)) count++;
  return count;
}
