import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowHeights } from './row-heights';

/** The same answers computed the slow way. */
function naive(heights: number[]) {
  return {
    offsetOf: (row: number) => heights.slice(0, row).reduce((sum, h) => sum + h, 0),
    rowAt: (y: number) => {
      let top = 0;
      for (let row = 0; row < heights.length; row++) {
        if (y < top + heights[row]!) return row;
        top += heights[row]!;
      }
      return Math.max(0, heights.length - 1);
    },
  };
}

describe('RowHeights', () => {
  it('answers offsets and positions for estimated rows', () => {
    const heights = new RowHeights(4);
    heights.reset(5, (row) => (row === 2 ? 60 : 20));
    expect(heights.total).toBe(140);
    expect(heights.offsetOf(0)).toBe(0);
    expect(heights.offsetOf(3)).toBe(100);
    expect(heights.rowAt(0)).toBe(0);
    expect(heights.rowAt(39.9)).toBe(1);
    expect(heights.rowAt(40)).toBe(2);
    expect(heights.rowAt(99)).toBe(2);
    expect(heights.rowAt(100)).toBe(3);
    expect(heights.rowAt(10_000)).toBe(4);
  });

  it('applies measured heights and reports the change', () => {
    const heights = new RowHeights();
    heights.reset(3, () => 20);
    expect(heights.set(1, 45)).toBe(25);
    expect(heights.set(1, 45)).toBe(0);
    expect(heights.get(1)).toBe(45);
    expect(heights.offsetOf(2)).toBe(65);
    expect(heights.total).toBe(85);
    expect(heights.set(7, 10)).toBe(0); // outside the rows: ignored
  });

  it('grows past its capacity while keeping every answer right', () => {
    const heights = new RowHeights(2);
    heights.reset(0, () => 20);
    const values: number[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const from = values.length;
      for (let i = 0; i < 700; i++) values.push(((from + i) % 7) * 10 + 20);
      heights.grow(values.length, (row) => values[row]!);
    }
    const slow = naive(values);
    expect(heights.count).toBe(3_500);
    for (const row of [0, 1, 2, 3, 1023, 1024, 1025, 2047, 2048, 3499]) expect(heights.offsetOf(row)).toBe(slow.offsetOf(row));
    for (const y of [0, 1, 555, 12_345, 99_999, heights.total - 1]) expect(heights.rowAt(y)).toBe(slow.rowAt(y));
  });

  it('matches a naive model under any mix of resets, growth and measurements', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 300 })), { maxLength: 30 }),
        (initial, appended, measured) => {
          const model = [...initial];
          const heights = new RowHeights(1);
          heights.reset(model.length, (row) => model[row]!);
          model.push(...appended);
          heights.grow(model.length, (row) => model[row]!);
          for (const [at, height] of measured) {
            const row = at % model.length;
            heights.set(row, height);
            model[row] = height;
          }
          const slow = naive(model);
          expect(heights.total).toBe(model.reduce((a, b) => a + b, 0));
          for (let row = 0; row <= model.length; row++) expect(heights.offsetOf(row)).toBe(slow.offsetOf(row));
          for (let y = 0; y < heights.total; y += 37) expect(heights.rowAt(y)).toBe(slow.rowAt(y));
        },
      ),
    );
  });
});
