/**
 * Re-reading jobs right before an action: one request per source, bounded in time — the job's
 * detail when the source has one and only one job of it is asked about, else one list — so
 * a dialog plans on the state *now*, and an unknown outcome can be checked.
 */
import type { Job } from '../domain/job.js';
import type { JobSource } from '../adapters/contract.js';
import { toSourceError } from '../adapters/errors.js';
import type { RecheckResult } from './types.js';

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

/** Re-reads one job: its detail when the source has one, else its source's list (null: not there any more). */
export async function rereadJob(source: JobSource, id: string, timeoutMs: number): Promise<Job | null> {
  if (source.capabilities.detail) return bounded(timeoutMs, (signal) => source.detail(id, signal));
  const list = await bounded(timeoutMs, (signal) => source.list(signal));
  return list.jobs.find((job) => job.id === id) ?? null;
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
        for (const target of ofSource) jobs.set(target.key, byId.get(target.id) ?? null);
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
