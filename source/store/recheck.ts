/**
 * Re-reading jobs right before an action: one request per source, bounded in time — the job's
 * detail when the source has one and only one job of it is asked about, else one list — so
 * a dialog plans on the state *now*, and an unknown outcome can be checked.
 */
import type { Job } from '../domain/job.js';
import type { JobSource, ListResult } from '../adapters/contract.js';
import { toSourceError } from '../adapters/errors.js';
import { createLimiter } from '../domain/limiter.js';
import type { RecheckResult } from './types.js';

/** Detail reads at once for jobs a cut list did not reach. */
const DETAIL_READS_AT_ONCE = 4;

/** One job to re-read. */
export interface RecheckTarget {
  key: string;
  id: string;
  source: JobSource;
}

/** Runs `read` with an abort signal that fires after `timeoutMs`; a read that ignores the signal still loses the race. */
async function bounded<T>(timeoutMs: number, read: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([read(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * True when a list provably holds every job of its source (a total no larger than what it
 * returned, nothing cut), so a job missing from it no longer exists. A list cut at the source's
 * limit (newest first) may simply not reach an older job.
 */
export function listHoldsEveryJob(list: Pick<ListResult, 'jobs' | 'total' | 'truncated'>): boolean {
  return list.truncated === undefined && list.total !== null && list.jobs.length >= list.total;
}

/** Why a job missing from `list` cannot be called gone. */
function notInList(count: number, list: ListResult): string {
  const what = count === 1 ? 'the job is' : `${count} of the jobs are`;
  return `${what} not among the ${list.jobs.length} newest jobs the list returned; cannot tell whether ${count === 1 ? 'it still exists' : 'they still exist'}`;
}

/**
 * Re-reads one job: its detail when the source has one, else its source's list (null: not there
 * any more — only when the list holds every job; else it throws, the outcome stays unknown).
 */
export async function rereadJob(source: JobSource, id: string, timeoutMs: number): Promise<Job | null> {
  if (source.capabilities.detail) return bounded(timeoutMs, (signal) => source.detail(id, signal));
  const list = await bounded(timeoutMs, (signal) => source.list(signal));
  const found = list.jobs.find((job) => job.id === id);
  if (found) return found;
  if (listHoldsEveryJob(list)) return null;
  throw new Error(notInList(1, list));
}

/** Re-reads every target, one request per source, all sources at once. */
export async function recheckJobs(
  targets: readonly RecheckTarget[],
  options: { now: () => number; timeoutMs: number },
): Promise<RecheckResult> {
  const bySource = new Map<JobSource, RecheckTarget[]>();
  for (const target of targets) bySource.set(target.source, [...(bySource.get(target.source) ?? []), target]);
  const jobs = new Map<string, Job | null>();
  const failures = new Map<string, string>();
  await Promise.all(
    [...bySource].map(async ([source, ofSource]) => {
      try {
        if (ofSource.length === 1) {
          jobs.set(ofSource[0].key, await rereadJob(source, ofSource[0].id, options.timeoutMs));
          return;
        }
        const list = await bounded(options.timeoutMs, (signal) => source.list(signal));
        const byId = new Map(list.jobs.map((job) => [job.id, job]));
        const missing: RecheckTarget[] = [];
        for (const target of ofSource) {
          const found = byId.get(target.id);
          if (found) jobs.set(target.key, found);
          else if (listHoldsEveryJob(list)) jobs.set(target.key, null);
          else missing.push(target);
        }
        if (missing.length === 0) return;
        // why: a list cut at the limit says nothing about an older job; its detail does.
        if (!source.capabilities.detail) throw new Error(notInList(missing.length, list));
        const limit = createLimiter(DETAIL_READS_AT_ONCE);
        await bounded(options.timeoutMs, (signal) =>
          Promise.all(
            missing.map((target) => limit(async () => jobs.set(target.key, await source.detail(target.id, signal)))),
          ),
        );
      } catch (error) {
        failures.set(
          source.name,
          error instanceof Error && !('kind' in error) ? error.message : toSourceError(source.name, error).short,
        );
      }
    }),
  );
  return { at: options.now(), jobs, failures };
}
