/**
 * Paging helpers shared by the adapters: every vendor's list is fetched newest-first up
 * to the source's limit and de-duplicated by id (offset paging drifts when jobs arrive).
 */
import type { Job } from '../domain/job.js';

/**
 * Keeps the first occurrence of each job id, in order: the given array itself when no id repeats
 * (the usual case; why: no copy of every list per poll — docs/performance.md "Session 5: the idle
 * round"), else a new one.
 */
export function dedupeById(jobs: readonly Job[]): readonly Job[] {
  const seen = new Set<string>();
  for (let index = 0; index < jobs.length; index++) {
    const job = jobs[index];
    if (job === undefined) continue;
    if (seen.has(job.id)) return withoutRepeats(jobs, index, seen);
    seen.add(job.id);
  }
  return jobs;
}

/** The jobs before `from` (all distinct, their ids in `seen`), then each later job whose id is new. */
function withoutRepeats(jobs: readonly Job[], from: number, seen: Set<string>): Job[] {
  const out = jobs.slice(0, from);
  for (let index = from; index < jobs.length; index++) {
    const job = jobs[index];
    if (job === undefined || seen.has(job.id)) continue;
    seen.add(job.id);
    out.push(job);
  }
  return out;
}

/** Most pages one poll may fetch, whatever the vendor says, so a buggy cursor cannot loop forever. */
export const MAX_PAGES_PER_POLL = 50;

/**
 * The `truncated` note of a list that stopped at MAX_PAGES_PER_POLL with fewer jobs than its
 * limit asked for (a `limit` above what 50 pages hold); undefined otherwise — also when the
 * 50th page was the server's last (`reachedEnd`): then there was nothing more to fetch.
 */
export function pageCapTruncation(
  limit: number,
  fetched: number,
  pages: number,
  reachedEnd: boolean,
): { asked: number; fetched: number; reason: string } | undefined {
  if (reachedEnd || pages < MAX_PAGES_PER_POLL || fetched >= limit) return undefined;
  return {
    asked: limit,
    fetched,
    reason: `a poll fetches at most ${MAX_PAGES_PER_POLL} pages; lower limit to ${fetched} or less`,
  };
}
