import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample';

const MINUTE = 60_000;

function series(count: number, valueAt: (i: number) => number) {
  const times = Float64Array.from({ length: count }, (_, i) => Date.UTC(2026, 10, 1) + i * MINUTE);
  const values = Float64Array.from({ length: count }, (_, i) => valueAt(i));
  return { times, values };
}

describe('downsampleMinMax', () => {
  it('returns every point of a series that already fits', () => {
    const { times, values } = series(10, (i) => i);
    expect(Array.from(downsampleMinMax(times, values, 800).indices)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(downsampleMinMax([], [], 800).indices).toHaveLength(0);
  });

  it('keeps 43,200 points to at most two a bucket, in time order, with the first and the last', () => {
    const { times, values } = series(43_200, (i) => Math.sin(i / 300));
    const { indices } = downsampleMinMax(times, values, 800);
    expect(indices.length).toBeLessThanOrEqual(2 * 800 + 2);
    expect(indices.length).toBeGreaterThan(800);
    expect(indices[0]).toBe(0);
    expect(indices.at(-1)).toBe(43_199);
    for (let i = 1; i < indices.length; i++) expect(indices[i]!).toBeGreaterThan(indices[i - 1]!);
  });

  it('never drops a spike or a dip: the global and every bucket’s extremes are kept', () => {
    const { times, values } = series(43_200, (i) => (i === 12_345 ? 99 : i === 30_001 ? -42 : (i % 7) / 10));
    const { indices } = downsampleMinMax(times, values, 600);
    const kept = new Set(indices);
    expect(kept.has(12_345)).toBe(true);
    expect(kept.has(30_001)).toBe(true);
    const keptValues = Array.from(indices, (i) => values[i]!);
    expect(Math.max(...keptValues)).toBe(99);
    expect(Math.min(...keptValues)).toBe(-42);
    // Each bucket's envelope is the same as the full series'.
    const bucketOf = (i: number) => Math.min(599, Math.floor(((times[i]! - times[0]!) * 600) / (times.at(-1)! - times[0]!)));
    const fullMax = new Map<number, number>();
    const fullMin = new Map<number, number>();
    values.forEach((v, i) => {
      const b = bucketOf(i);
      fullMax.set(b, Math.max(fullMax.get(b) ?? -Infinity, v));
      fullMin.set(b, Math.min(fullMin.get(b) ?? Infinity, v));
    });
    const keptMax = new Map<number, number>();
    const keptMin = new Map<number, number>();
    for (const i of indices) {
      const b = bucketOf(i);
      keptMax.set(b, Math.max(keptMax.get(b) ?? -Infinity, values[i]!));
      keptMin.set(b, Math.min(keptMin.get(b) ?? Infinity, values[i]!));
    }
    expect(keptMax).toEqual(fullMax);
    expect(keptMin).toEqual(fullMin);
  });

  it('puts a minimum before a maximum when it came first, and handles one instant and uneven gaps', () => {
    // Two buckets: t 0–5 [5, 1, 9, 3, 2, 8] and t 6–12 [0, 4, 7, 7, 7, 7, 6]; a tie keeps the earlier 7.
    const times = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const values = [5, 1, 9, 3, 2, 8, 0, 4, 7, 7, 7, 7, 6];
    expect(Array.from(downsampleMinMax(times, values, 2).indices)).toEqual([0, 1, 2, 6, 8, 12]);
    // Every value at one instant: one bucket.
    const same = downsampleMinMax(
      new Array(100).fill(5),
      Array.from({ length: 100 }, (_, i) => i % 10),
      3,
    );
    expect(Array.from(same.indices)).toEqual([0, 9, 99]);
  });
});
