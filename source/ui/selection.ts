/**
 * Selection by key across refreshes, sorts and filters (the selection is a job key, never a
 * row index, so polling never moves the cursor). When the selected job leaves the list, the selection moves to
 * the job that was next to it in the previous ordering.
 */
import type { Job } from '../domain/job.js';
import { indexOfKey } from './select.js';

/**
 * The key to select after the list changed from `previous` to `next`: the same key when it
 * is still listed; else the nearest following job of the previous ordering that is still
 * listed, else the nearest preceding one; else the first row; null for an empty list.
 */
export function reconcileSelection(
  previous: readonly Job[],
  next: readonly Job[],
  selectedKey: string | null,
  sameOrder = false,
): string | null {
  if (next.length === 0) return selectedKey;
  if (selectedKey === null) return next[0].key;
  // why: the row indexes are cached per row list (select.ts), and the table needs the same one;
  // at 100,000 jobs a new Set of every key on each keystroke cost ~80 ms (docs/performance.md).
  const listed = (key: string) => indexOfKey(next, key) !== -1;
  if (listed(selectedKey)) return selectedKey;
  const index = indexOfKey(previous, selectedKey);
  if (index !== -1 && sameOrder) {
    const near = nearestInSubsequence(previous, next, index);
    if (near !== undefined) return near;
  }
  if (index !== -1) {
    for (let after = index + 1; after < previous.length; after += 1)
      if (listed(previous[after].key)) return previous[after].key;
    for (let before = index - 1; before >= 0; before -= 1)
      if (listed(previous[before].key)) return previous[before].key;
  }
  return next[0].key;
}

/**
 * When `next` is a subsequence of `previous` (same objects, same order): the first job of `next`
 * after `previous[index]` in `previous`'s order, else the last one before it; undefined when
 * `next` is not a subsequence (it holds a job `previous` does not).
 */
function nearestInSubsequence(previous: readonly Job[], next: readonly Job[], index: number): string | undefined {
  let position = 0;
  let before: Job | undefined;
  for (const job of next) {
    while (position < previous.length && previous[position] !== job) position += 1;
    if (position === previous.length) return undefined;
    if (position > index) return job.key;
    before = job;
    position += 1;
  }
  return before?.key;
}
