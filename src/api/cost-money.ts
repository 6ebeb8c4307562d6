// The money maths of the cost pages, pure and unit-tested: cents by largest remainder (so the
// rounded parts of a table add up to its rounded total), top N + "Other", steps of a day, a week
// (Monday, UTC) or a month (UTC), rate vs cumulative, the month-end forecast from the run rate,
// and the 75 % / 100 % budget marks. Amounts come from the API in fractional currency units;
// everything shown or exported goes through `toCents` first.

import type { CostStep } from './cost-options';

export type { CostStep };

/** The name of what is left after the top N. */
export const OTHER = 'Other';
/** kubecost's name for idle capacity. */
export const IDLE = '__idle__';

const DAY_MS = 24 * 3600 * 1000;

// Amounts are fractions of a unit in binary floating point: 0.29 * 100 is 28.999999999999996. The
// cent value is first snapped to a micro-cent grid, far below anything that matters, so such
// artefacts do not turn into a lost cent.
function centsOf(amount: number): number {
  // `+ 0` turns -0 into 0: a zero is a zero, in a sum and in text.
  return Math.round(amount * 100 * 1e6) / 1e6 + 0;
}

/**
 * Integer cents for each amount such that they add up to the exact total rounded to a cent: each
 * part is floored, and the cents left over go to the parts with the largest remainders (ties: the
 * earlier part). A part moves by less than a cent.
 */
export function toCents(amounts: readonly number[]): number[] {
  const exact = amounts.map(centsOf);
  const floors = exact.map((value) => Math.floor(value) + 0);
  const total = totalCents(amounts);
  let left = total - floors.reduce((sum, value) => sum + value, 0);
  if (left <= 0) return floors;
  const order = exact.map((value, index) => ({ index, remainder: value - floors[index]! })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    floors[index]! += 1;
    left--;
  }
  return floors;
}

/** The cents of one amount on its own (a total). */
export function totalCents(amounts: readonly number[]): number {
  return Math.round(amounts.reduce((sum, value) => sum + centsOf(value), 0)) + 0;
}

// A formatter is costly to make (tens of microseconds) and a cost table formats hundreds of amounts.
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** A number of cents as money text, e.g. "USD 1,234.50" (the currency is a code).*/
export function formatCents(cents: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) moneyFormats.set(currency, (format = new Intl.NumberFormat(undefined, { style: 'currency', currency, currencyDisplay: 'code' })));
  return format.format(cents / 100);
}

/** Cents as a plain decimal for CSV: "1234.50", "-0.05". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The start (ms, UTC) of the step that holds `ms`: midnight, Monday's midnight, or the 1st. */
export function stepStart(ms: number, step: CostStep): number {
  const date = new Date(ms);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (step === 'day') return midnight;
  if (step === 'week') return midnight - ((date.getUTCDay() + 6) % 7) * DAY_MS;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The start of the step after the one starting at `start`. */
export function nextStepStart(start: number, step: CostStep): number {
  if (step === 'day') return start + DAY_MS;
  if (step === 'week') return start + 7 * DAY_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Every step start from the step holding `from` up to (not including) `to`. */
export function stepStarts(from: number, to: number, step: CostStep): number[] {
  const starts: number[] = [];
  for (let start = stepStart(from, step); start < to; start = nextStepStart(start, step)) starts.push(start);
  return starts;
}

/** One allocation's figures as the pages use them: the name, where its set starts, the costs. */
export interface CostItem {
  name: string;
  /** ms, UTC: the start of the set (step) the allocation belongs to. */
  start: number;
  totalCost: number;
}

/** The names by total over the whole window, largest first; ties by name. */
export function rankNames(items: readonly CostItem[]): { name: string; total: number }[] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.name, (totals.get(item.name) ?? 0) + item.totalCost);
  return [...totals].map(([name, total]) => ({ name, total })).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

/**
 * The names to draw: the top `n` by total, and "Other" for the rest when there are more than
 * `n + 1` (a single leftover is drawn under its own name). Idle is always kept apart.
 */
export function topNames(items: readonly CostItem[], n: number): { names: string[]; others: Set<string> } {
  const ranked = rankNames(items).filter((entry) => entry.name !== IDLE);
  const hasIdle = items.some((item) => item.name === IDLE);
  if (ranked.length <= n + 1) return { names: [...ranked.map((entry) => entry.name), ...(hasIdle ? [IDLE] : [])], others: new Set() };
  const top = ranked.slice(0, n).map((entry) => entry.name);
  const others = new Set(ranked.slice(n).map((entry) => entry.name));
  return { names: [...top, OTHER, ...(hasIdle ? [IDLE] : [])], others };
}

/** One step of a stacked chart: its start and the amount of each drawn name. */
export interface StepRow {
  start: number;
  values: Record<string, number>;
}

/**
 * The amounts per step and per drawn name: items are summed into their step (a daily or hourly
 * set into its day, week or month), the names outside the top N into "Other". Every step of the
 * window is present, with zeros where nothing ran.
 */
export function bucketSeries(
  items: readonly CostItem[],
  options: { step: CostStep; from: number; to: number; top: number },
): { names: string[]; rows: StepRow[] } {
  const { names, others } = topNames(items, options.top);
  const rows = stepStarts(options.from, options.to, options.step).map((start) => ({ start, values: Object.fromEntries(names.map((name) => [name, 0])) }));
  const index = new Map(rows.map((row, i) => [row.start, i]));
  for (const item of items) {
    const row = rows[index.get(stepStart(item.start, options.step)) ?? -1];
    if (!row) continue;
    const name = others.has(item.name) ? OTHER : item.name;
    row.values[name] = (row.values[name] ?? 0) + item.totalCost;
  }
  return { names, rows };
}

/** Running sums of each name over the steps (cumulative since the window's start). */
export function cumulative(rows: readonly StepRow[]): StepRow[] {
  const running: Record<string, number> = {};
  return rows.map((row) => {
    const values: Record<string, number> = {};
    for (const [name, value] of Object.entries(row.values)) values[name] = running[name] = (running[name] ?? 0) + value;
    return { start: row.start, values };
  });
}

/** What an amount on the chart's value axis means. */
export function unitLabel(step: CostStep, mode: 'rate' | 'cumulative'): string {
  if (mode === 'cumulative') return 'cumulative since the window’s start';
  return `per ${step}`;
}

/** The UTC month holding `ms`: its start and end (the next month's start), in ms. */
export function monthOf(ms: number): { start: number; end: number } {
  const start = stepStart(ms, 'month');
  return { start, end: nextStepStart(start, 'month') };
}

/**
 * The month's cost at its end, from the spending so far at the current run rate: what was spent
 * in the month up to `now`, divided by the time elapsed, times the month's length. Before an hour
 * has passed there is no rate to speak of: the forecast is what was spent.
 */
export function forecastMonthEnd(spentThisMonth: number, now: number): number {
  const { start, end } = monthOf(now);
  const elapsed = now - start;
  if (elapsed < 3600 * 1000) return spentThisMonth;
  return (spentThisMonth / elapsed) * (end - start);
}

/** The marks Domino's budgets use: a warning at 75 % and the limit at 100 %. */
export const BUDGET_MARKS = [0.75, 1] as const;

export type BudgetState = 'within' | 'warning' | 'over';

/** Where an amount stands against a budget: under 75 %, from 75 %, or from 100 %. */
export function budgetState(amount: number, budget: number): BudgetState {
  if (amount >= budget) return 'over';
  if (amount >= budget * BUDGET_MARKS[0]) return 'warning';
  return 'within';
}

/** The budget's marks as amounts: [75 %, 100 %]. */
export function budgetMarks(budget: number): [number, number] {
  return [budget * BUDGET_MARKS[0], budget * BUDGET_MARKS[1]];
}
