// A metric over time (Recharts), loaded lazily with the monitoring page's chart view only: the
// series is downsampled to two points a pixel column with its extremes kept (downsample.ts), the
// target range is a shaded band, and out-of-range values are drawn as triangles and named in the
// legend and the caption (never colour alone). performance marks time data-in-hand → painted
// (`metric-chart-draw`), for bench/metric-chart.ts.
import { useLayoutEffect, useMemo, useRef, useState, useEffect } from 'react';
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricSeries } from '../../api/monitoring';
import { isInTargetRange } from '../../api/schemas/monitoring';
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
const instant = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const number = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });

function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry!.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width: width || FALLBACK_WIDTH };
}

export interface MetricChartProps {
  series: MetricSeries;
  metric: string;
  targetRange?: TargetRange;
}

export function MetricChart({ series, metric, targetRange }: MetricChartProps) {
  // Marked while rendering: the moment the chart has its data in hand.
  if (typeof performance !== 'undefined') performance.mark('metric-chart:data');
  const { ref, width } = useWidth();
  const { line, outside, domain } = useMemo(() => {
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
    // After the commit the SVG is in the document; the next frame is when it is painted.
    const frame = requestAnimationFrame(() => {
      performance.mark('metric-chart:painted');
      try {
        performance.measure(DRAW_MEASURE, 'metric-chart:data', 'metric-chart:painted');
      } catch {
        // a mark was cleared meanwhile (the benchmark clears between draws)
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [line]);

  const band = targetRange ? { y1: targetRange.lowerLimit ?? domain[0], y2: targetRange.upperLimit ?? domain[1] } : undefined;
  const summary = `${metric}: ${series.values.length.toLocaleString()} values${
    targetRange ? `, ${countOutside(series, targetRange).toLocaleString()} out of the target range (${describeRange(targetRange)})` : ''
  }${line.length < series.values.length ? `; drawn as ${line.length.toLocaleString()} points keeping each pixel’s lowest and highest` : ''}.`;

  return (
    <figure className="space-y-2">
      <div ref={ref} role="img" aria-label={summary} className="w-full text-slate-700 dark:text-slate-300" data-testid="metric-chart">
        <ComposedChart width={width} height={HEIGHT} data={line} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
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
          <Line dataKey="v" name={metric} type="linear" stroke="#2563eb" strokeWidth={1.5} dot={false} isAnimationActive={false} legendType="plainline" />
          {targetRange ? (
            <Scatter
              data={outside}
              dataKey="v"
              name="Out of range (triangles)"
              fill="#dc2626"
              shape="triangle"
              legendType="triangle"
              isAnimationActive={false}
            />
          ) : null}
          <Tooltip
            labelFormatter={(t) => instant.format(Number(t))}
            formatter={(value) => number.format(Number(value))}
            contentStyle={{ background: 'var(--color-white, #fff)', color: '#0f172a' }}
          />
          <Legend />
        </ComposedChart>
      </div>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">{summary}</figcaption>
    </figure>
  );
}

function countOutside(series: MetricSeries, range: TargetRange): number {
  let count = 0;
  for (let i = 0; i < series.values.length; i++) if (!isInTargetRange(series.values[i]!, range)) count++;
  return count;
}
