// A metric series is stored in blocks of up to BLOCK_VALUES values (decision 44), the way time-series
// stores keep chunks: one row holds the values' times (float64, sorted) and their answers — the
// JSON each value is retrieved as — joined by commas as UTF-8, with each answer's end offset. A
// batch of 1,000 values is one row written, and 30 days of a metric are ~44 rows whose bytes a
// retrieve copies into its answer, instead of 43,200 rows read and formatted.
//
// Order: inside a block, values are sorted by time, values of one time in the order they were
// logged. A block's `seq` orders blocks by when they were logged; only a series' newest block is
// ever appended to, so every value of an older block was logged before every value of a newer one.

/** Most values a block holds: one batch of 1,000 is one block. */
export const BLOCK_VALUES = 1000;

export interface MetricValueAnswer {
  tsMs: number;
  /** The value as a retrieve answers it (JSON text). */
  answer: string;
}

/** A block as stored: `times` is count × float64 LE, `ends` count × uint32 LE byte offsets into `answers`. */
export interface MetricBlock {
  firstMs: number;
  lastMs: number;
  count: number;
  times: Buffer;
  ends: Buffer;
  answers: Buffer;
}

/** Values already in block order (sorted by time, logged order within a time) as one block. */
export function encodeBlock(values: readonly MetricValueAnswer[]): MetricBlock {
  const count = values.length;
  // Typed arrays write without Buffer's per-call checks; the platform is little-endian (checked below).
  const times = new Float64Array(count);
  const ends = new Uint32Array(count);
  const text = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    times[i] = values[i]!.tsMs;
    text[i] = values[i]!.answer;
  }
  const joined = text.join(',');
  // ASCII text (the usual case) has as many bytes as characters: no per-value byte count.
  // eslint-disable-next-line no-control-regex -- ASCII is the byte range 0-127, controls included
  const ascii = !/[^\u0000-\u007f]/.test(joined);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    offset += (i === 0 ? 0 : 1) + (ascii ? text[i]!.length : Buffer.byteLength(text[i]!));
    ends[i] = offset;
  }
  return {
    firstMs: values[0]!.tsMs,
    lastMs: values[count - 1]!.tsMs,
    count,
    times: Buffer.from(times.buffer),
    ends: Buffer.from(ends.buffer),
    answers: Buffer.from(joined, 'utf8'),
  };
}

// Blocks are read with readDoubleLE/readUInt32LE: written by typed arrays, they must be little-endian.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('metric blocks need a little-endian platform');

const timeAt = (block: MetricBlock, i: number) => block.times.readDoubleLE(i * 8);
const endAt = (block: MetricBlock, i: number) => block.ends.readUInt32LE(i * 4);
/** Where value i's answer starts: after the previous one's end and its comma. */
const startAt = (block: MetricBlock, i: number) => (i === 0 ? 0 : endAt(block, i - 1) + 1);

/** The first index whose time is ≥ ms (or > ms when `after`), by binary search. */
function firstIndex(block: MetricBlock, ms: number, after: boolean): number {
  let lo = 0;
  let hi = block.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = timeAt(block, mid);
    if (t < ms || (after && t === ms)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index range [from, to) of a block's values between two inclusive times. */
export function indexesBetween(block: MetricBlock, fromMs: number, toMs: number): [number, number] {
  const from = block.firstMs >= fromMs ? 0 : firstIndex(block, fromMs, false);
  const to = block.lastMs <= toMs ? block.count : firstIndex(block, toMs, true);
  return [from, Math.max(from, to)];
}

/** The answers of values [from, to) as the UTF-8 bytes of their comma-joined JSON (a view, not a copy). */
export function answersOf(block: MetricBlock, from: number, to: number): Buffer {
  return block.answers.subarray(startAt(block, from), endAt(block, to - 1));
}

/** Every value of a block, as logged. */
export function decodeBlock(block: MetricBlock): MetricValueAnswer[] {
  const values = new Array<MetricValueAnswer>(block.count);
  for (let i = 0; i < block.count; i++) {
    values[i] = { tsMs: timeAt(block, i), answer: block.answers.toString('utf8', startAt(block, i), endAt(block, i)) };
  }
  return values;
}

/**
 * Two runs in block order, older first, as one run in block order: a stable merge, so a time
 * logged in both keeps the older values first.
 */
export function mergeRuns(older: readonly MetricValueAnswer[], newer: readonly MetricValueAnswer[]): MetricValueAnswer[] {
  if (older.length === 0 || newer.length === 0 || older[older.length - 1]!.tsMs <= newer[0]!.tsMs) return [...older, ...newer];
  const merged = new Array<MetricValueAnswer>(older.length + newer.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < older.length && j < newer.length) merged[k++] = newer[j]!.tsMs < older[i]!.tsMs ? newer[j++]! : older[i++]!;
  while (i < older.length) merged[k++] = older[i++]!;
  while (j < newer.length) merged[k++] = newer[j++]!;
  return merged;
}

/** Values in logged order, sorted into block order (Array.prototype.sort is stable). */
export function inBlockOrder(values: MetricValueAnswer[]): MetricValueAnswer[] {
  for (let i = 1; i < values.length; i++) if (values[i]!.tsMs < values[i - 1]!.tsMs) return values.sort((a, b) => a.tsMs - b.tsMs);
  return values;
}

/** A block as read back, with its place in logged order. */
export interface StoredMetricBlock extends MetricBlock {
  seq: number;
}

/**
 * The values between two inclusive times of blocks ordered by (firstMs, seq), in answer order:
 * at most `limit` answers as the UTF-8 pieces of their comma-joined JSON (views into the blocks,
 * copied once into the answer), and how many values the range holds (counted until it is known to
 * be more than `limit`). Blocks whose time spans do not overlap are copied slice by
 * slice; overlapping ones (values logged out of order) are merged value by value.
 */
export function answersBetween(
  blocks: readonly StoredMetricBlock[],
  fromMs: number,
  toMs: number,
  limit: number,
): { parts: Buffer[]; count: number; total: number } {
  const parts: Buffer[] = [];
  let count = 0;
  let total = 0;
  const comma = Buffer.from(',');
  const push = (bytes: Buffer, n: number) => {
    if (parts.length > 0) parts.push(comma);
    parts.push(bytes);
    count += n;
  };
  for (let i = 0; i < blocks.length && total <= limit;) {
    // The run of blocks that must be merged: the next one starts before this run ends, or at its
    // end but was logged earlier than a block of the run (its values of that time come first).
    let j = i + 1;
    let runEnd = blocks[i]!.lastMs;
    let runSeq = blocks[i]!.seq;
    while (j < blocks.length && (blocks[j]!.firstMs < runEnd || (blocks[j]!.firstMs === runEnd && blocks[j]!.seq < runSeq))) {
      runEnd = Math.max(runEnd, blocks[j]!.lastMs);
      runSeq = Math.max(runSeq, blocks[j]!.seq);
      j++;
    }
    if (j === i + 1) {
      const block = blocks[i]!;
      const [from, to] = indexesBetween(block, fromMs, toMs);
      total += to - from;
      const take = Math.min(to, from + (limit - count));
      if (take > from) push(answersOf(block, from, take), take - from);
    } else {
      const merged = mergeOverlapping(blocks.slice(i, j), fromMs, toMs);
      total += merged.length;
      const take = merged.slice(0, Math.max(0, limit - count));
      if (take.length > 0) push(Buffer.from(take.join(','), 'utf8'), take.length);
    }
    i = j;
  }
  return { parts, count, total };
}

/** The answers between two times of overlapping blocks, in answer order: by time, then logged order (block seq, then position). */
function mergeOverlapping(blocks: readonly StoredMetricBlock[], fromMs: number, toMs: number): string[] {
  const entries: Array<{ tsMs: number; seq: number; at: number; answer: string }> = [];
  for (const block of blocks) {
    const [from, to] = indexesBetween(block, fromMs, toMs);
    for (let k = from; k < to; k++) {
      entries.push({ tsMs: timeAt(block, k), seq: block.seq, at: k, answer: block.answers.toString('utf8', startAt(block, k), endAt(block, k)) });
    }
  }
  entries.sort((x, y) => x.tsMs - y.tsMs || x.seq - y.seq || x.at - y.at);
  return entries.map((e) => e.answer);
}
