// The window of the cost page: a preset or a custom range of UTC days, as the API's `window`
// parameter and as the span [from, to) the chart's steps cover. Weeks start on Monday, UTC, as
// the server's do.
import { stepStart } from '../../api/cost-money';
import type { WindowPreset } from '../../api/cost-options';

const DAY_MS = 24 * 3600 * 1000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface CostWindow {
  /** What the API is asked. */
  api: string;
  /** ms, UTC: the span of the window (to is exclusive; "now" for windows that end now). */
  from: number;
  to: number;
}

/** "2026-11-03" → its UTC midnight, or undefined for anything else. */
export function parseDay(day: string | undefined): number | undefined {
  if (!day || !DAY_PATTERN.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? undefined : ms;
}

export const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stamp = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A custom range of whole UTC days, both inclusive; undefined when either day is missing or they are the wrong way round. */
export function customWindow(fromDay: string | undefined, toDayInclusive: string | undefined): CostWindow | undefined {
  const from = parseDay(fromDay);
  const last = parseDay(toDayInclusive);
  if (from === undefined || last === undefined || last < from) return undefined;
  const to = last + DAY_MS;
  return { api: `${stamp(from)},${stamp(to)}`, from, to };
}

export function presetWindow(preset: WindowPreset, now: number): CostWindow {
  const today = stepStart(now, 'day');
  const monday = stepStart(now, 'week');
  const first = stepStart(now, 'month');
  const spans: Record<WindowPreset, [number, number]> = {
    today: [today, now],
    yesterday: [today - DAY_MS, today],
    week: [monday, now],
    lastweek: [monday - 7 * DAY_MS, monday],
    month: [first, now],
    lastmonth: [stepStart(first - 1, 'month'), first],
    '7d': [now - 7 * DAY_MS, now],
    '30d': [now - 30 * DAY_MS, now],
    '90d': [now - 90 * DAY_MS, now],
  };
  const [from, to] = spans[preset];
  return { api: preset, from, to };
}

/** The whole UTC month "2026-11" as a window, or undefined when the text is not a month. */
export function monthWindow(month: string): CostWindow | undefined {
  if (!/^\d{4}-\d{2}$/.test(month)) return undefined;
  const from = parseDay(`${month}-01`);
  if (from === undefined) return undefined;
  const date = new Date(from);
  const to = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return { api: `${stamp(from)},${stamp(to)}`, from, to };
}

/** "2026-11" of a time. */
export const toMonth = (ms: number) => new Date(ms).toISOString().slice(0, 7);
