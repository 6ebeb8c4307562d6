// The window grammar of the cost API (Domino's reference, kubecost's allocation API): words,
// durations ending now, and `start,end` pairs; `start` / `end` narrow inside it. Weeks start on
// Monday and days at midnight, UTC. A window is never answered past now.
import { badRequest } from '../../http/errors';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './money';

export interface CostWindow {
  /** Epoch ms, start inclusive, end exclusive; end is at most now. */
  start: number;
  end: number;
}

/** The longest duration accepted: ten years of days. */
const MAX_DURATION_MS = 3660 * DAY_MS;
const UNIT_MS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS } as const;

function midnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function monday(ms: number): number {
  const day = midnight(ms);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday * DAY_MS;
}

function firstOfMonth(ms: number, monthsBack = 0): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsBack, 1);
}

/** The window as asked (before clipping to now), or a 400 naming `window`. */
function windowAsAsked(window: string, now: number): CostWindow {
  const word = window.toLowerCase();
  switch (word) {
    case 'today':
      return { start: midnight(now), end: midnight(now) + DAY_MS };
    case 'yesterday':
      return { start: midnight(now) - DAY_MS, end: midnight(now) };
    case 'week':
      return { start: monday(now), end: monday(now) + 7 * DAY_MS };
    case 'lastweek':
      return { start: monday(now) - 7 * DAY_MS, end: monday(now) };
    case 'month':
      return { start: firstOfMonth(now), end: firstOfMonth(now, -1) };
    case 'lastmonth':
      return { start: firstOfMonth(now, 1), end: firstOfMonth(now) };
  }
  const duration = /^(\d+)([mhd])$/.exec(window);
  if (duration) {
    const ms = Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
    if (ms === 0) throw badRequest(`window: a duration must be longer than 0 (got "${window}")`);
    if (ms > MAX_DURATION_MS) throw badRequest(`window: a duration may be at most 3660d (got "${window}")`);
    return { start: now - ms, end: now };
  }
  const [start, end] = window.split(',').map((part) => Date.parse(part));
  if (start === undefined || end === undefined || Number.isNaN(start) || Number.isNaN(end)) throw badRequest(`window: "${window}" is not a window`);
  if (end <= start) throw badRequest(`window: its end must be after its start (got "${window}")`);
  return { start, end };
}

/**
 * The window to answer: as asked, narrowed by `start` / `end` (each must lie inside it, end after
 * start), and clipped to now. Empty (start = end) when it lies wholly in the future.
 */
export function resolveWindow(query: { window: string; start?: string; end?: string }, now: number): CostWindow {
  const asked = windowAsAsked(query.window, now);
  let { start, end } = asked;
  const inside = (ms: number) => ms >= asked.start && ms <= asked.end;
  if (query.start !== undefined) {
    const ms = Date.parse(query.start);
    if (!inside(ms)) throw badRequest(`start: ${query.start} is not inside the window ${iso(asked.start)} – ${iso(asked.end)}`);
    start = ms;
  }
  if (query.end !== undefined) {
    const ms = Date.parse(query.end);
    if (!inside(ms)) throw badRequest(`end: ${query.end} is not inside the window ${iso(asked.start)} – ${iso(asked.end)}`);
    end = ms;
  }
  if (end <= start) throw badRequest(`end: must be after start (${iso(start)})`);
  end = Math.min(end, now);
  return { start: Math.min(start, end), end };
}

/**
 * One step per UTC day when the window is over 48 hours, per UTC hour otherwise (kubecost's
 * default is the whole window; decision 35). The first and last steps may be partial.
 */
export function stepsOf(window: CostWindow, accumulate: boolean): CostWindow[] {
  if (window.end <= window.start) return [];
  if (accumulate) return [window];
  const size = window.end - window.start > 48 * HOUR_MS ? DAY_MS : HOUR_MS;
  const steps: CostWindow[] = [];
  for (let at = window.start; at < window.end;) {
    const next = Math.min(window.end, (Math.floor(at / size) + 1) * size);
    steps.push({ start: at, end: next });
    at = next;
  }
  return steps;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
