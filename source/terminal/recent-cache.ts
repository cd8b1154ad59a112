/**
 * A cache of what was used lately, in two generations of at most `limit` entries each: new
 * entries go into the current generation; when it is full it becomes the previous one (the older
 * previous generation is dropped); an entry found in the previous generation moves back into the
 * current one. So it never holds more than `2 × limit` entries, and what a frame used in the last
 * `limit` look-ups survives a roll-over — where emptying one map when full threw away the rows
 * on screen too and parsed them again.
 * why: the diff writer keeps its parsed rows and line tokens in these; a frame needs its own rows
 * and the rows on screen (2 × the terminal's height), and each cached 120-column row holds a few
 * kilobytes of token objects in the old generation (docs/performance.md "Session 4: memory").
 */
export class RecentCache<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();

  /** `limit`: entries per generation (at least 1). */
  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`RecentCache limit must be at least 1, got ${limit}`);
  }

  /** The value kept for `key`, or undefined; a hit in the previous generation is kept on. */
  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.set(key, old);
    }
    return old;
  }

  /** Keeps `value` for `key` in the current generation, rolling the generations over when it is full. */
  set(key: K, value: V): void {
    if (this.current.size >= this.limit && !this.current.has(key)) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  /** Entries held now, both generations. */
  get size(): number {
    return this.current.size + this.previous.size;
  }
}
