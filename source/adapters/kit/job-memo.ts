/**
 * The same Job object for the same raw record, or for a record equal to it. A list page answered
 * byte-identically to the last poll is not parsed again (HttpRequest.reuse), so its records are the
 * very objects normalized last time; a page that changed is parsed anew, but most of its records
 * usually did not change: a record with the id and content of one listed in the last poll keeps
 * that poll's Job (and with it that record, `job.raw`). So the store sees unchanged jobs by
 * identity, and the new parse of an unchanged record is garbage at once, collected young instead of
 * being kept (and promoted to V8's old generation) until the next poll (docs/performance.md
 * "Session 5: changed records").
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
import { sameJson } from './same-json.js';

/** One source's Jobs by record id, from this poll and the one before. */
export interface JobMemo {
  /**
   * Starts a poll: the Jobs kept in the poll before the last one are forgotten (those the last poll
   * kept stay matchable). Call once per list poll, before its first get().
   */
  round(): void;
  /**
   * The Job kept for `raw` with the same `extra`, if any: the record itself, or one with the same
   * id (`idOf`) and equal content. Use `memo.get(raw) ?? memo.keep(raw, normalize(raw))`.
   */
  get(raw: unknown, extra?: string): Job | undefined;
  /** Keeps `job` as the Job of `raw` (with `extra`) and returns it; a record without an id is not kept. */
  keep(raw: unknown, job: Job, extra?: string): Job;
}

interface Kept {
  raw: unknown;
  job: Job;
  extra: string | undefined;
}

/** Reads a raw record's id (the field the source's normalizer reads), or null. */
export type RecordId = (raw: unknown) => string | null;

/**
 * A memo for one source. `idOf` is a module-level function (see above): the record's id as the
 * normalizer reads it. Two generations: what this poll matched or built, and what the last one did.
 */
export function createJobMemo(idOf: RecordId): JobMemo {
  let current = new Map<string, Kept>();
  let previous = new Map<string, Kept>();
  return {
    round() {
      // why: a poll that failed half-way kept only part of its jobs; keep the fuller generation then.
      if (current.size === 0) return;
      previous = current;
      current = new Map<string, Kept>();
    },
    get(raw, extra) {
      if (raw === null || typeof raw !== 'object') return undefined;
      const id = idOf(raw);
      if (id === null) return undefined;
      const now = current.get(id);
      if (now !== undefined && matches(now, raw, extra)) return now.job;
      const before = previous.get(id);
      if (before === undefined || !matches(before, raw, extra)) return undefined;
      current.set(id, before);
      return before.job;
    },
    keep(raw, job, extra) {
      if (raw === null || typeof raw !== 'object') return job;
      const id = idOf(raw);
      if (id !== null) current.set(id, { raw, job, extra });
      return job;
    },
  };
}

function matches(kept: Kept, raw: unknown, extra: string | undefined): boolean {
  return kept.extra === extra && (kept.raw === raw || sameJson(kept.raw, raw));
}
