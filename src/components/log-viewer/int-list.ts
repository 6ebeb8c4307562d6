// A growable list of 32-bit integers (row → line indices, search results). A typed array keeps a
// million entries at 4 MB with no per-entry object, and binary search stays cache-friendly.

export class IntList {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  last(): number | undefined {
    return this.length > 0 ? this.data[this.length - 1] : undefined;
  }

  clear(): void {
    this.length = 0;
  }

  /** First position whose value is ≥ `value` (values must be ascending); `length` if none. */
  lowerBound(value: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.data[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First position whose value is > `value` (values must be ascending); `length` if none. */
  upperBound(value: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.data[mid]! <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
