import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  budgetMarks,
  budgetState,
  bucketSeries,
  centsToDecimal,
  cumulative,
  forecastMonthEnd,
  IDLE,
  OTHER,
  stepStart,
  stepStarts,
  toCents,
  topNames,
  totalCents,
  unitLabel,
} from './cost-money';

const at = (iso: string) => Date.parse(iso);

describe('toCents (largest remainder)', () => {
  it('gives the leftover cent to the largest remainder so the parts add up to the rounded whole', () => {
    // Each is 0.333…: rounded alone they make 0.99, the whole is 1.00.
    expect(toCents([1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(toCents([0.114, 0.114, 0.772])).toEqual([12, 11, 77]);
    expect(toCents([0.005, 0.005])).toEqual([1, 0]);
  });

  it('does not lose a cent to floating point (0.29 × 100 is 28.999…)', () => {
    expect(toCents([0.29, 0.57, 1.1])).toEqual([29, 57, 110]);
  });

  it('handles an empty list and negative adjustments', () => {
    expect(toCents([])).toEqual([]);
    expect(toCents([1.005, -0.002])).toEqual([100, 0]);
    expect(totalCents([1.005, -0.002])).toBe(100);
  });

  it('property: the rounded parts always add up to the rounded whole, each within a cent of its exact value', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e4, max: 1e6, noNaN: true, noDefaultInfinity: true }), { maxLength: 60 }), (amounts) => {
        const cents = toCents(amounts);
        expect(cents.reduce((sum, value) => sum + value, 0)).toBe(totalCents(amounts));
        cents.forEach((value, index) => expect(Math.abs(value - amounts[index]! * 100)).toBeLessThan(1 + 1e-6));
      }),
      { numRuns: 300 },
    );
  });
});

describe('centsToDecimal', () => {
  it('writes cents as a plain decimal', () => {
    expect(centsToDecimal(123450)).toBe('1234.50');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(0)).toBe('0.00');
  });
});

describe('steps (UTC)', () => {
  it('starts a day at midnight, a week on Monday and a month on the 1st', () => {
    // 2026-12-03 is a Thursday.
    expect(stepStart(at('2026-12-03T17:30:00Z'), 'day')).toBe(at('2026-12-03T00:00:00Z'));
    expect(stepStart(at('2026-12-03T17:30:00Z'), 'week')).toBe(at('2026-11-30T00:00:00Z'));
    expect(stepStart(at('2026-11-30T00:00:00Z'), 'week')).toBe(at('2026-11-30T00:00:00Z'));
    // A Sunday belongs to the week that started six days before.
    expect(stepStart(at('2026-12-06T23:59:59Z'), 'week')).toBe(at('2026-11-30T00:00:00Z'));
    expect(stepStart(at('2026-12-03T17:30:00Z'), 'month')).toBe(at('2026-12-01T00:00:00Z'));
  });

  it('lists every step of a window, months of their own lengths (a leap February)', () => {
    expect(stepStarts(at('2028-01-15T00:00:00Z'), at('2028-04-01T00:00:00Z'), 'month')).toEqual([
      at('2028-01-01T00:00:00Z'),
      at('2028-02-01T00:00:00Z'),
      at('2028-03-01T00:00:00Z'),
    ]);
    expect(stepStarts(at('2028-02-28T00:00:00Z'), at('2028-03-02T00:00:00Z'), 'day')).toHaveLength(3);
  });
});

describe('top N and Other', () => {
  const item = (name: string, totalCost: number, start = at('2026-11-02T00:00:00Z')) => ({ name, totalCost, start });

  it('keeps the top N by total, folds the rest into Other, and keeps idle apart', () => {
    const items = [item('a', 5), item('b', 9), item('c', 1), item('d', 2), item(IDLE, 50)];
    expect(topNames(items, 2)).toEqual({ names: ['b', 'a', OTHER, IDLE], others: new Set(['d', 'c']) });
  });

  it('draws a single leftover under its own name rather than as Other', () => {
    expect(topNames([item('a', 3), item('b', 2), item('c', 1)], 2).names).toEqual(['a', 'b', 'c']);
  });

  it('sums daily sets into weeks, with every step present', () => {
    const items = [
      item('a', 1, at('2026-11-02T00:00:00Z')), // Monday
      item('a', 2, at('2026-11-08T00:00:00Z')), // the Sunday of the same week
      item('b', 4, at('2026-11-09T00:00:00Z')),
      item('c', 8, at('2026-11-10T00:00:00Z')),
      item('d', 16, at('2026-11-10T00:00:00Z')),
    ];
    const { names, rows } = bucketSeries(items, { step: 'week', from: at('2026-11-02T00:00:00Z'), to: at('2026-11-23T00:00:00Z'), top: 2 });
    expect(names).toEqual(['d', 'c', OTHER]);
    expect(rows.map((row) => row.start)).toEqual([at('2026-11-02T00:00:00Z'), at('2026-11-09T00:00:00Z'), at('2026-11-16T00:00:00Z')]);
    expect(rows.map((row) => row.values)).toEqual([
      { d: 0, c: 0, [OTHER]: 3 },
      { d: 16, c: 8, [OTHER]: 4 },
      { d: 0, c: 0, [OTHER]: 0 },
    ]);
    expect(cumulative(rows).map((row) => row.values[OTHER])).toEqual([3, 7, 7]);
  });

  it('labels the unit of the value axis', () => {
    expect(unitLabel('day', 'rate')).toBe('per day');
    expect(unitLabel('month', 'rate')).toBe('per month');
    expect(unitLabel('day', 'cumulative')).toMatch(/cumulative/);
  });
});

describe('budget', () => {
  it('marks 75 % and 100 %', () => {
    expect(budgetMarks(1000)).toEqual([750, 1000]);
    expect(budgetState(749.99, 1000)).toBe('within');
    expect(budgetState(750, 1000)).toBe('warning');
    expect(budgetState(1000, 1000)).toBe('over');
  });

  it('forecasts the month end from the run rate so far', () => {
    // 10 days into a 31-day month, 100 spent: 310 at the end.
    expect(forecastMonthEnd(100, at('2026-12-11T00:00:00Z'))).toBeCloseTo(310, 9);
    // February 2028 has 29 days.
    expect(forecastMonthEnd(29, at('2028-02-02T00:00:00Z'))).toBeCloseTo(29 * 29, 9);
    // In the month's first hour there is no rate yet.
    expect(forecastMonthEnd(3, at('2026-12-01T00:30:00Z'))).toBe(3);
  });
});
