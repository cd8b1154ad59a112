/**
 * The list has no `disposition`, so a `Completed` job cannot be told apart as success, error
 * or cancel until `GET /v3/jobs/{id}?includeMessages=false` says how it ended. Terminal jobs
 * never change, so answers are cached while the jobs are listed; a limited number of jobs
 * is looked up per poll, a few at a time.
 */
import { createLimiter } from '../../domain/limiter.js';
import { SourceError } from '../errors.js';
import { asRecord, asString } from '../read-fields.js';
import type { RequestCounter } from '../kit/request-counter.js';
import { jobPath, type ReadJson } from './request-helpers.js';
import { detailFailureReason } from './missing-detail.js';
import { isAlteryxCompleted } from './state.js';

/** What is known about the dispositions of listed completed jobs. */
export interface DispositionCache {
  /** The disposition a detail gave for the job, if any. */
  get(id: string): string | undefined;
  /** Notes what a detail body says about a completed job's disposition. */
  remember(id: string, detail: unknown): void;
  /** Looks up the dispositions not yet known of the completed jobs among `items`; a failed look-up is kept as failureOf(id). */
  enrich(items: Map<string, unknown>, counter: RequestCounter, signal?: AbortSignal): Promise<void>;
  /** Forgets the jobs no longer in `items`. */
  forgetAllBut(items: Map<string, unknown>): void;
  /** Why a completed job's outcome is unknown: its detail answered 404 or failed (see missing-detail.ts). */
  failureOf(id: string): string | undefined;
}

/**
 * Creates the disposition cache of one source, looking up at most `perPoll()` jobs per enrich,
 * `concurrency()` at a time (config `concurrency`; both read each time, as the options may change).
 */
export function createDispositionCache(
  readJson: ReadJson,
  perPoll: () => number,
  concurrency: () => number,
): DispositionCache {
  /** Dispositions of completed jobs, kept while the jobs are still in the list. */
  const dispositions = new Map<string, string>();
  /** Completed jobs whose detail gave no disposition: not asked again. */
  const unanswered = new Set<string>();
  /** Completed jobs whose detail look-up failed, with why (a 404 is not asked again: it is not an app workflow). */
  const failures = new Map<string, string>();

  function remember(id: string, detail: unknown): void {
    const record = asRecord(detail);
    if (!isAlteryxCompleted(record.status)) return;
    const disposition = asString(record.disposition);
    failures.delete(id);
    if (disposition === null) unanswered.add(id);
    else dispositions.set(id, disposition);
  }

  async function lookUp(id: string, counter: RequestCounter, signal?: AbortSignal): Promise<void> {
    try {
      remember(id, await readJson({ path: jobPath(id), query: { includeMessages: 'false' }, signal }, counter));
    } catch (error) {
      // why: a failed look-up only leaves the job 'unknown' (with why) until a later poll; the list itself is good.
      if (!(error instanceof SourceError)) throw error;
      failures.set(id, detailFailureReason(error));
      // why: a 404 means the server has no detail for this job (non-app workflow): asking again cannot help.
      if (error.status === 404) unanswered.add(id);
    }
  }

  return {
    get: (id) => dispositions.get(id),
    failureOf: (id) => failures.get(id),
    remember,
    async enrich(items, counter, signal) {
      const wanted: string[] = [];
      const most = perPoll();
      for (const [id, item] of items) {
        if (wanted.length >= most) break;
        if (isAlteryxCompleted(asRecord(item).status) && !dispositions.has(id) && !unanswered.has(id)) wanted.push(id);
      }
      const limit = createLimiter(concurrency());
      await Promise.all(wanted.map((id) => limit(() => lookUp(id, counter, signal))));
    },
    forgetAllBut(items) {
      for (const id of dispositions.keys()) if (!items.has(id)) dispositions.delete(id);
      for (const id of unanswered) if (!items.has(id)) unanswered.delete(id);
      for (const id of failures.keys()) if (!items.has(id)) failures.delete(id);
    },
  };
}
