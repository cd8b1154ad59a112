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
  /** The poll (round() count) that last listed this record. */
  round: number;
}

/** Reads a raw record's id (the field the source's normalizer reads), or null. */
export type RecordId = (raw: unknown) => string | null;

/**
 * A memo for one source. `idOf` is a module-level function (see above): the record's id as the
 * normalizer reads it. A kept Job is matchable while its id was listed in this poll or the last.
 *
 * why one Map with a poll stamp, not a new Map per poll: a Map made each poll lives two polls, so
 * V8 moves it and its tables to the old generation every time, where it becomes garbage.
 */
export function createJobMemo(idOf: RecordId): JobMemo {
  const kept = new Map<string, Kept>();
  let round = 0;
  let listed = 0;
  return {
    round() {
      // why: a poll that failed before listing anything keeps the last poll's Jobs matchable.
      if (listed === 0) return;
      round += 1;
      if (kept.size > listed) forgetBefore(kept, round - 1);
      listed = 0;
    },
    get(raw, extra) {
      if (raw === null || typeof raw !== 'object') return undefined;
      const id = idOf(raw);
      if (id === null) return undefined;
      const entry = kept.get(id);
      if (entry === undefined || entry.round < round - 1 || !matches(entry, raw, extra)) return undefined;
      if (entry.round !== round) {
        entry.round = round;
        listed += 1;
      }
      return entry.job;
    },
    keep(raw, job, extra) {
      if (raw === null || typeof raw !== 'object') return job;
      const id = idOf(raw);
      if (id === null) return job;
      const entry = kept.get(id);
      if (entry === undefined || entry.round !== round) listed += 1;
      kept.set(id, { raw, job, extra, round });
      return job;
    },
  };
}

function forgetBefore(kept: Map<string, Kept>, round: number): void {
  for (const [id, entry] of kept) if (entry.round < round) kept.delete(id);
}

function matches(entry: Kept, raw: unknown, extra: string | undefined): boolean {
  return entry.extra === extra && (entry.raw === raw || sameJson(entry.raw, raw));
}
