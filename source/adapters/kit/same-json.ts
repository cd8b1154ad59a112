/**
 * Equality of two parsed JSON values (what JSON.parse returns: null, booleans, numbers, strings,
 * arrays, plain objects), stopping at the first difference. Objects are equal with the same keys
 * and equal values, in any key order (JSON.parse keeps a body's order; the order is not content).
 *
 * why loops and for-in, not Object.keys/every: this runs on every record of every changed answer,
 * and allocates nothing (docs/performance.md "Session 5: changed records").
 */

/** True when `a` and `b` are equal JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  if (aArray) return sameArray(a as unknown[], b as unknown[]);
  return sameObject(a as Record<string, unknown>, b as Record<string, unknown>);
}

function sameArray(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (!sameJson(a[index], b[index])) return false;
  return true;
}

function sameObject(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let keys = 0;
  for (const key in a) {
    if (!Object.hasOwn(b, key) || !sameJson(a[key], b[key])) return false;
    keys++;
  }
  for (const key in b) if (Object.hasOwn(b, key)) keys--;
  return keys === 0;
}
