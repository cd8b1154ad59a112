/**
 * Paging helpers shared by the adapters: every vendor's list is fetched newest-first up
 * to the source's limit and de-duplicated by id (offset paging drifts when jobs arrive).
 */
import type { Job } from '../domain/job.js';

/** Keeps the first occurrence of each job id, in order. */
export function dedupeById(jobs: readonly Job[]): Job[] {
  const seen = new Set<string>();
  const out: Job[] = [];
  for (const job of jobs) {
    if (seen.has(job.id)) continue;
    seen.add(job.id);
    out.push(job);
  }
  return out;
}

/** Most pages one poll may fetch, whatever the vendor says, so a buggy cursor cannot loop forever. */
export const MAX_PAGES_PER_POLL = 50;
