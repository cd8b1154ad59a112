/**
 * Pure merge helpers: concatenating per-source jobs into the one list, and spotting which
 * jobs changed state between two polls of a source (so rows can be marked for a moment).
 */
import type { Job } from '../domain/job.js';
import { sameJson } from '../adapters/kit/same-json.js';

/** Keys of jobs whose state differs from the previous poll, or that are new since a previous poll. */
export function changedKeys(previous: readonly Job[] | null, next: readonly Job[]): string[] {
  if (previous === null) return [];
  const before = new Map<string, Job['state']>();
  for (const job of previous) before.set(job.key, job.state);
  const out: string[] = [];
  for (const job of next) {
    const state = before.get(job.key);
    if (state !== job.state) out.push(job.key);
  }
  return out;
}

/** True when two job lists hold the very same Job objects in the same order. */
export function sameObjects(a: readonly Job[], b: readonly Job[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when two job lists hold equal jobs (sameJob) in the same order. */
export function sameJobs(a: readonly Job[], b: readonly Job[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameJob(a[i], b[i])) return false;
  return true;
}

/**
 * True when two versions of a job are equal in every field, the vendor record by content: then the
 * previous object can stand for the new one everywhere (rows, filters, the detail's list-record
 * fallback, the Raw tab, `--json --raw`).
 */
export function sameJob(x: Job, y: Job): boolean {
  if (x === y) return true;
  return (
    x.key === y.key &&
    x.vendor === y.vendor &&
    x.type === y.type &&
    x.state === y.state &&
    x.nativeState === y.nativeState &&
    x.terminal === y.terminal &&
    x.progress === y.progress &&
    x.progressSteps === y.progressSteps &&
    x.createdAt === y.createdAt &&
    x.startedAt === y.startedAt &&
    x.finishedAt === y.finishedAt &&
    x.updatedAt === y.updatedAt &&
    x.owner === y.owner &&
    x.host === y.host &&
    x.parentId === y.parentId &&
    x.error === y.error &&
    x.priority.rank === y.priority.rank &&
    x.priority.value === y.priority.value &&
    x.priority.label === y.priority.label &&
    sameFlags(x.flags, y.flags) &&
    sameJson(x.raw, y.raw)
  );
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Re-uses the previous Job objects where nothing changed, so memoised rows skip rendering;
 * when nothing changed at all, the previous array itself, so everything cached per jobs array
 * (the sorted, filtered rows; indexes) stays valid.
 */
export function reuseUnchanged(previous: readonly Job[], next: readonly Job[]): readonly Job[] {
  // why: an answer identical to the last one brings the very same Job objects (kit/job-memo.ts).
  if (sameObjects(previous, next)) return previous;
  // why loops, not map with callbacks: a callback made per call is compiled again after every full
  // collection (docs/performance.md "Session 4: compiled once"); this runs on every poll answer.
  const old = new Map<string, Job>();
  for (const job of previous) old.set(job.key, job);
  let unchanged = previous.length === next.length;
  const out: Job[] = new Array<Job>(next.length);
  for (let index = 0; index < next.length; index++) {
    const job = next[index];
    const before = old.get(job.key);
    const kept = before && sameJob(before, job) ? before : job;
    if (kept !== previous[index]) unchanged = false;
    out[index] = kept;
  }
  return unchanged ? previous : out;
}
