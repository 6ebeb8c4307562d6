// A read cache for answers that only change when their data does: entries are dropped as a whole
// whenever the data's version moves on, so a hit is never stale.

export class VersionedCache<V> {
  private version = -1;
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly currentVersion: () => number,
    private readonly maxEntries = 5_000,
  ) {}

  get(key: string, compute: () => V): V {
    const version = this.currentVersion();
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    let value = this.entries.get(key);
    if (value === undefined) {
      // A bound, not an LRU: a full cache starts over, which a read-mostly list rarely reaches.
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      value = compute();
      this.entries.set(key, value);
    }
    return value;
  }
}
