/**
 * The same Job object for the same raw record. A list page answered byte-identically to the last
 * poll is not parsed again (HttpRequest.reuse), so its records are the very objects normalized
 * last time; keeping their Jobs lets the store see an unchanged list by identity and skip every
 * per-round step downstream (rows, counts, triage, render).
 *
 * Exact only while a Job depends on nothing but its raw record and the source's fixed settings:
 * anything else a normalizer reads (Alteryx's looked-up dispositions, say) goes into `extra`,
 * and a different `extra` builds the Job again.
 */
import type { Job } from '../../domain/job.js';

/** One source's Jobs by raw record. */
export interface JobMemo {
  /** The Job built for `raw` (with the same `extra`) before, else `build()`'s, kept for next time. */
  of(raw: unknown, build: () => Job, extra?: string): Job;
}

/** A memo for one source; raw records no longer referenced are forgotten with them (WeakMap). */
export function createJobMemo(): JobMemo {
  const jobs = new WeakMap<object, { job: Job; extra: string | undefined }>();
  return {
    of(raw, build, extra) {
      if (raw === null || typeof raw !== 'object') return build();
      const kept = jobs.get(raw);
      if (kept !== undefined && kept.extra === extra) return kept.job;
      const job = build();
      jobs.set(raw, { job, extra });
      return job;
    },
  };
}
