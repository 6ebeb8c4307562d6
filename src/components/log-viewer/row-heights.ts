// Heights of a million variable-height rows: a Fenwick (binary indexed) tree over the row heights,
// so "where does row i start", "which row is at y" and "row i is now 37 px tall" are all
// O(log n), and rows appended while a log streams cost O(log n) each. Unmeasured rows carry an
// estimate (from their text length when lines wrap); rows on screen replace it with what the
// browser measured.

export class RowHeights {
  private tree: Float64Array;
  private values: Float32Array;
  private n = 0;
  private sum = 0;

  constructor(capacity = 1024) {
    this.tree = new Float64Array(capacity + 1);
    this.values = new Float32Array(capacity);
  }

  get count(): number {
    return this.n;
  }

  get total(): number {
    return this.sum;
  }

  /** Replaces every row: `count` rows sized by `estimate` (O(n) build). */
  reset(count: number, estimate: (row: number) => number): void {
    const capacity = Math.max(1024, count + (count >> 1));
    if (this.values.length < capacity || this.values.length > capacity * 4) {
      this.tree = new Float64Array(capacity + 1);
      this.values = new Float32Array(capacity);
    } else {
      this.tree.fill(0);
    }
    const tree = this.tree;
    let sum = 0;
    for (let row = 0; row < count; row++) {
      const height = estimate(row);
      this.values[row] = height;
      sum += height;
      tree[row + 1]! += height;
    }
    // Linear build: push each node's partial sum up to its parent.
    for (let i = 1; i <= count; i++) {
      const parent = i + (i & -i);
      if (parent <= count) tree[parent]! += tree[i]!;
    }
    this.n = count;
    this.sum = sum;
  }

  /** Appends rows up to `count`, each sized by `estimate`. */
  grow(count: number, estimate: (row: number) => number): void {
    if (count <= this.n) return;
    if (count > this.values.length) {
      const capacity = Math.max(count, this.values.length * 2);
      const tree = new Float64Array(capacity + 1);
      tree.set(this.tree.subarray(0, this.n + 1));
      const values = new Float32Array(capacity);
      values.set(this.values.subarray(0, this.n));
      this.tree = tree;
      this.values = values;
    }
    for (let row = this.n; row < count; row++) {
      const height = estimate(row);
      this.values[row] = height;
      // Node i covers rows (i − lowbit(i), i]: its sum is this row plus the earlier part of the range.
      const i = row + 1;
      const from = i - (i & -i);
      this.tree[i] = height + this.prefix(row) - this.prefix(from);
      this.n = i;
      this.sum += height;
    }
  }

  get(row: number): number {
    return this.values[row]!;
  }

  /** Sets row `row`'s height; returns the change (0 when it was already that tall). */
  set(row: number, height: number): number {
    if (row < 0 || row >= this.n) return 0;
    const delta = height - this.values[row]!;
    if (Math.abs(delta) < 0.01) return 0;
    this.values[row] = height;
    for (let i = row + 1; i <= this.n; i += i & -i) this.tree[i]! += delta;
    this.sum += delta;
    return delta;
  }

  /** Sum of the heights of rows [0, row). */
  prefix(row: number): number {
    let total = 0;
    for (let i = Math.min(row, this.n); i > 0; i -= i & -i) total += this.tree[i]!;
    return total;
  }

  /** Where row `row` starts. */
  offsetOf(row: number): number {
    return this.prefix(row);
  }

  /** The row that covers position `y` (clamped to the rows that exist; 0 when there are none). */
  rowAt(y: number): number {
    if (this.n === 0 || y <= 0) return 0;
    let position = 0;
    let remaining = y;
    let step = 1;
    while (step * 2 <= this.n) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.n && this.tree[next]! <= remaining) {
        position = next;
        remaining -= this.tree[next]!;
      }
    }
    return Math.min(position, this.n - 1);
  }
}
