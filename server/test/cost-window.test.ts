// The cost window grammar as a table: every form, at midnight, at month and year ends, in a leap
// February, on a Sunday (weeks start on Monday, UTC). Pure resolution first, then through the API
// on the injectable clock.
import { describe, expect, it } from 'vitest';
import { resolveWindow, stepsOf } from '../services/cost/window';
import { ApiError } from '../http/errors';
import { manualClock } from './cost-fixtures';
import { startTestServer } from './helper';

const at = (iso: string) => Date.parse(iso);
const range = (w: { start: number; end: number }) => [new Date(w.start).toISOString(), new Date(w.end).toISOString()];

const WED_NOON = '2026-03-04T12:00:00.000Z';
const MON_MIDNIGHT = '2026-03-02T00:00:00.000Z';
const SUNDAY = '2026-03-08T10:00:00.000Z';
const LEAP_MARCH = '2024-03-01T05:00:00.000Z';
const NEW_YEAR = '2026-01-01T00:30:00.000Z';
const YEAR_END = '2026-12-31T23:59:59.000Z';

const CASES: Array<[now: string, window: string, start: string, end: string]> = [
  [WED_NOON, 'today', '2026-03-04T00:00:00.000Z', WED_NOON],
  [WED_NOON, 'TODAY', '2026-03-04T00:00:00.000Z', WED_NOON],
  [WED_NOON, 'yesterday', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z'],
  [WED_NOON, 'week', '2026-03-02T00:00:00.000Z', WED_NOON],
  [WED_NOON, 'lastweek', '2026-02-23T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
  [WED_NOON, 'month', '2026-03-01T00:00:00.000Z', WED_NOON],
  [WED_NOON, 'lastmonth', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
  [WED_NOON, '30m', '2026-03-04T11:30:00.000Z', WED_NOON],
  [WED_NOON, '12h', '2026-03-04T00:00:00.000Z', WED_NOON],
  [WED_NOON, '7d', '2026-02-25T12:00:00.000Z', WED_NOON],
  [WED_NOON, '2026-03-01T00:00:00Z,2026-03-02T00:00:00Z', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
  // An offset is read as what it means in UTC; an end past now is answered up to now.
  [WED_NOON, '2026-03-04T01:00:00+01:00,2026-03-05T00:00:00Z', '2026-03-04T00:00:00.000Z', WED_NOON],
  // At midnight on a Monday: today and this week have not begun.
  [MON_MIDNIGHT, 'today', MON_MIDNIGHT, MON_MIDNIGHT],
  [MON_MIDNIGHT, 'week', MON_MIDNIGHT, MON_MIDNIGHT],
  [MON_MIDNIGHT, 'yesterday', '2026-03-01T00:00:00.000Z', MON_MIDNIGHT],
  [MON_MIDNIGHT, 'lastweek', '2026-02-23T00:00:00.000Z', MON_MIDNIGHT],
  [MON_MIDNIGHT, 'lastmonth', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
  // A Sunday belongs to the week that began on Monday.
  [SUNDAY, 'week', '2026-03-02T00:00:00.000Z', SUNDAY],
  [SUNDAY, 'lastweek', '2026-02-23T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
  // A leap February.
  [LEAP_MARCH, 'yesterday', '2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
  [LEAP_MARCH, 'lastmonth', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
  [LEAP_MARCH, '1d', '2024-02-29T05:00:00.000Z', LEAP_MARCH],
  // Across the year's end.
  [NEW_YEAR, 'lastmonth', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  [NEW_YEAR, 'week', '2025-12-29T00:00:00.000Z', NEW_YEAR],
  [NEW_YEAR, 'yesterday', '2025-12-31T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  [YEAR_END, 'month', '2026-12-01T00:00:00.000Z', YEAR_END],
  [YEAR_END, 'today', '2026-12-31T00:00:00.000Z', YEAR_END],
];

describe('window grammar', () => {
  it.each(CASES)('at %s, %s is [%s, %s)', (now, window, start, end) => {
    expect(range(resolveWindow({ window }, at(now)))).toEqual([start, end]);
  });

  it('narrows with start and end inside the window', () => {
    const narrowed = resolveWindow({ window: 'lastweek', start: '2026-02-24T00:00:00Z', end: '2026-02-25T06:00:00Z' }, at(WED_NOON));
    expect(range(narrowed)).toEqual(['2026-02-24T00:00:00.000Z', '2026-02-25T06:00:00.000Z']);
  });

  const BAD: Array<[query: { window: string; start?: string; end?: string }, parameter: string, why: string]> = [
    [{ window: '0m' }, 'window', 'longer than 0'],
    [{ window: '3661d' }, 'window', 'at most 3660d'],
    [{ window: '2026-03-02T00:00:00Z,2026-03-01T00:00:00Z' }, 'window', 'end must be after its start'],
    [{ window: '2026-03-02T00:00:00Z,2026-03-02T00:00:00Z' }, 'window', 'end must be after its start'],
    [{ window: 'lastweek', start: '2026-03-03T00:00:00Z' }, 'start', 'not inside the window'],
    [{ window: 'lastweek', end: '2026-02-01T00:00:00Z' }, 'end', 'not inside the window'],
    [{ window: 'lastweek', start: '2026-02-25T00:00:00Z', end: '2026-02-24T00:00:00Z' }, 'end', 'after start'],
  ];
  it.each(BAD)('refuses %j, naming %s', (query, parameter, why) => {
    let error: unknown;
    try {
      resolveWindow(query, at(WED_NOON));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    const message = (error as ApiError).errors.join(' ');
    expect(message.startsWith(`${parameter}:`), message).toBe(true);
    expect(message).toContain(why);
  });

  it('steps by UTC day over 48 hours, by hour up to 48 hours, once when accumulated', () => {
    const days = stepsOf({ start: at('2026-03-01T12:00:00Z'), end: at(WED_NOON) }, false).map(range);
    expect(days).toEqual([
      ['2026-03-01T12:00:00.000Z', '2026-03-02T00:00:00.000Z'],
      ['2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
      ['2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z'],
      ['2026-03-04T00:00:00.000Z', WED_NOON],
    ]);
    const hours = stepsOf({ start: at('2026-03-02T12:00:00Z'), end: at(WED_NOON) }, false);
    expect(hours).toHaveLength(48);
    expect(range(hours[0]!)).toEqual(['2026-03-02T12:00:00.000Z', '2026-03-02T13:00:00.000Z']);
    expect(stepsOf({ start: at('2026-03-04T11:30:00Z'), end: at(WED_NOON) }, false).map(range)).toEqual([['2026-03-04T11:30:00.000Z', WED_NOON]]);
    expect(stepsOf({ start: at('2026-02-01T00:00:00Z'), end: at(WED_NOON) }, true)).toHaveLength(1);
    expect(stepsOf({ start: at(WED_NOON), end: at(WED_NOON) }, false)).toEqual([]);
  });

  it('answers the window the clock says, through the API', async () => {
    const clock = manualClock('2024-03-01T05:00:00Z');
    const server = await startTestServer({ clock });
    const ask = async (window: string) => {
      const res = await server.call(server.admin, { method: 'GET', url: `/api/cost/v1/asset?window=${window}&accumulate=true&aggregate=cluster` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.data;
    };
    // No execution yet: the pools have not started, so nothing costs.
    expect(await ask('lastmonth')).toEqual([expect.objectContaining({ name: 'domino-embedded', totalCost: 0 })]);
    expect((await ask('lastmonth'))[0].window).toEqual({ start: '2024-02-01T00:00:00Z', end: '2024-03-01T00:00:00Z', minutes: 29 * 24 * 60 });
    // At midnight on a Monday this week is empty: nothing to answer.
    clock.set('2024-03-04T00:00:00Z');
    expect(await ask('week')).toEqual([]);
  });
});
