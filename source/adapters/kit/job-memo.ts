/**
 * The same Job object for the same raw record. A list page answered byte-identically to the last
 * poll is not parsed again (HttpRequest.reuse), so its records are the very objects normalized
 * last time; keeping their Jobs lets the store see an unchanged list by identity and skip every
 * per-round step downstream (rows, counts, triage, render).
 *
 * Exact only while a Job depends on nothing but its raw record and the source's fixed settings:
 * anything else a normalizer reads (Alteryx's looked-up dispositions, say) goes into `extra`,
 * and a different `extra` builds the Job again.
 *
 * why get and keep, not one call taking a build callback: a callback made per record is a new
 * closure each time, and V8 drops such a closure's optimised code at every full collection and
 * compiles it again (docs/performance.md "Session 4: compiled once").
 */
import type { Job } from '../../domain/job.js';

/** One source's Jobs by raw record. */
export interface JobMemo {
  /** The Job kept for `raw` with the same `extra`, if any: `memo.get(raw) ?? memo.keep(raw, normalize(raw))`. */
  get(raw: unknown, extra?: string): Job | undefined;
  /** Keeps `job` as the Job of `raw` (with `extra`) and returns it; a raw value that is not an object is not kept. */
  keep(raw: unknown, job: Job, extra?: string): Job;
}

interface Kept {
  job: Job;
  extra: string | undefined;
}

/** A memo for one source; raw records no longer referenced are forgotten with them (WeakMap). */
export function createJobMemo(): JobMemo {
  const jobs = new WeakMap<object, Kept>();
  return {
    get(raw, extra) {
      if (raw === null || typeof raw !== 'object') return undefined;
      const kept = jobs.get(raw);
      return kept !== undefined && kept.extra === extra ? kept.job : undefined;
    },
    keep(raw, job, extra) {
      if (raw !== null && typeof raw === 'object') jobs.set(raw, { job, extra });
      return job;
    },
  };
}
