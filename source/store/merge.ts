/**
 * Pure merge helpers: concatenating per-source jobs into the one list, and spotting which
 * jobs changed state between two polls of a source (so rows can be marked for a moment).
 */
import type { Job } from '../domain/job.js';

/** Keys of jobs whose state differs from the previous poll, or that are new since a previous poll. */
export function changedKeys(previous: readonly Job[] | null, next: readonly Job[]): string[] {
  if (previous === null) return [];
  const before = new Map(previous.map((job) => [job.key, job.state]));
  const out: string[] = [];
  for (const job of next) {
    const state = before.get(job.key);
    if (state !== job.state) out.push(job.key);
  }
  return out;
}

/** True when two job lists hold the same jobs with the same visible values (skips re-rendering). */
export function sameJobs(a: readonly Job[], b: readonly Job[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.key !== y.key ||
      x.state !== y.state ||
      x.nativeState !== y.nativeState ||
      x.progress !== y.progress ||
      x.updatedAt !== y.updatedAt ||
      x.finishedAt !== y.finishedAt ||
      x.startedAt !== y.startedAt ||
      x.error !== y.error ||
      x.host !== y.host ||
      x.priority.rank !== y.priority.rank ||
      x.priority.value !== y.priority.value ||
      x.priority.label !== y.priority.label ||
      x.flags.length !== y.flags.length
    ) {
      return false;
    }
  }
  return true;
}

/** Re-uses the previous Job objects where nothing visible changed, so memoised rows skip rendering. */
export function reuseUnchanged(previous: readonly Job[], next: readonly Job[]): Job[] {
  const old = new Map(previous.map((job) => [job.key, job]));
  return next.map((job) => {
    const before = old.get(job.key);
    return before && sameJobs([before], [job]) ? before : job;
  });
}
