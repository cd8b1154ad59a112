import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentCache } from '../../source/terminal/recent-cache.js';

describe('RecentCache', () => {
  it('keeps what was used in the last limit look-ups across a roll-over', () => {
    const cache = new RecentCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.set('d', 4); // current {d}, previous {a, b, c}
    expect(cache.get('a')).toBe(1); // moved back: current {d, a}
    cache.set('e', 5); // current {d, a, e}
    cache.set('f', 6); // rolls over: previous {d, a, e}, current {f}; b and c are dropped
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBeUndefined();
  });

  it('keeps null values apart from misses', () => {
    const cache = new RecentCache<string, string | null>(2);
    cache.set('unparsable', null);
    expect(cache.get('unparsable')).toBeNull();
    expect(cache.get('never set')).toBeUndefined();
  });

  it('replaces the value of a key already held without rolling over', () => {
    const cache = new RecentCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('b', 3);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('refuses a limit below 1', () => {
    expect(() => new RecentCache(0)).toThrow(RangeError);
  });

  it('never holds more than twice its limit and never returns a value other than the last one set', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 15 }), fc.integer()), { maxLength: 200 }),
        (limit, operations) => {
          const cache = new RecentCache<number, number>(limit);
          const last = new Map<number, number>();
          for (const [isSet, key, value] of operations) {
            if (isSet) {
              cache.set(key, value);
              last.set(key, value);
            } else {
              const got = cache.get(key);
              if (got !== undefined) expect(got).toBe(last.get(key));
            }
            expect(cache.size).toBeLessThanOrEqual(2 * limit);
          }
        },
      ),
    );
  });

  it('always finds a key set within the last limit insertions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 100 }),
        (limit, keys) => {
          const cache = new RecentCache<number, number>(limit);
          keys.forEach((key, index) => {
            cache.set(key, index);
            for (const recent of keys.slice(Math.max(0, index - limit + 1), index + 1))
              expect(cache.get(recent)).toBeDefined();
          });
        },
      ),
    );
  });
});
