/**
 * One poll of every source, for one-shot commands: the jobs of those that answered and an
 * honest account of those that did not.
 */
import type { Job, Vendor } from '../domain/job.js';
import type { JobSource } from '../adapters/contract.js';
import { toSourceError } from '../adapters/errors.js';
import type { SourceFailure } from './types.js';
import { describeFailure } from './poll-result.js';

/** One source's outcome of a single poll. */
export interface SourceOutcome {
  name: string;
  vendor: Vendor;
  url: string;
  ok: boolean;
  error: SourceFailure | null;
  jobs: Job[];
  total: number | null;
  /** Wall time of the poll in ms. */
  elapsedMs: number;
}

/** Polls every source once, concurrently; never rejects. */
export async function fetchOnce(sources: readonly JobSource[], now: () => number = Date.now): Promise<SourceOutcome[]> {
  return Promise.all(
    sources.map(async (source) => {
      const started = now();
      const base = { name: source.name, vendor: source.vendor, url: source.url };
      try {
        const result = await source.list();
        return { ...base, ok: true, error: null, jobs: result.jobs, total: result.total, elapsedMs: now() - started };
      } catch (error) {
        return { ...base, ok: false, error: describeFailure(toSourceError(source.name, error)), jobs: [], total: null, elapsedMs: now() - started };
      }
    }),
  );
}
