// Downsampling a time series for the screen with its extremes kept: the time span is cut into one
// bucket per pixel column, and each bucket keeps only its lowest and highest value (in time
// order), plus the series' first and last points. A line through what is kept has the same
// envelope as a line through every point — a spike or a dip never disappears — at most two points
// a pixel: 43,200 values on an 800-pixel chart become at most 1,602 points.

export interface Downsampled {
  /** Indices into the input, increasing. */
  indices: Int32Array;
}

/**
 * Keeps, from `times` (ascending, epoch ms) and `values`, the minimum and maximum of each of
 * `buckets` equal time slices, and the first and last point. Returns every index when the series
 * already fits (at most two points a bucket). Ties keep the earliest point.
 */
export function downsampleMinMax(times: ArrayLike<number>, values: ArrayLike<number>, buckets: number): Downsampled {
  const count = Math.min(times.length, values.length);
  const width = Math.max(1, Math.floor(buckets));
  if (count <= 2 * width + 2) return { indices: Int32Array.from({ length: count }, (_, i) => i) };

  const first = times[0]!;
  const span = times[count - 1]! - first;
  const minOf = new Int32Array(width).fill(-1);
  const maxOf = new Int32Array(width).fill(-1);
  // A span of 0 (every value at one instant) puts everything in the first bucket.
  const scale = span > 0 ? width / span : 0;
  for (let i = 0; i < count; i++) {
    const bucket = Math.min(width - 1, Math.floor((times[i]! - first) * scale));
    const value = values[i]!;
    const lo = minOf[bucket]!;
    if (lo < 0 || value < values[lo]!) minOf[bucket] = i;
    const hi = maxOf[bucket]!;
    if (hi < 0 || value > values[hi]!) maxOf[bucket] = i;
  }

  const kept = new Int32Array(2 * width + 2);
  let length = 0;
  const push = (index: number) => {
    if (index >= 0 && (length === 0 || kept[length - 1]! < index)) kept[length++] = index;
  };
  push(0);
  for (let bucket = 0; bucket < width; bucket++) {
    const lo = minOf[bucket]!;
    const hi = maxOf[bucket]!;
    // Buckets follow each other in time and so do their points: pushing each bucket's two in
    // index order keeps the whole list sorted.
    if (lo <= hi) {
      push(lo);
      push(hi);
    } else {
      push(hi);
      push(lo);
    }
  }
  push(count - 1);
  return { indices: kept.slice(0, length) };
}
