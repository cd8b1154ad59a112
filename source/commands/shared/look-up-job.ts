/**
 * Finds one named job on its source for `get` and the actions. The source's list is asked
 * once per source however many jobs are named (it is what the monitor shows, and some vendors'
 * detail only names the job when the list was seen: Alteryx's detail has no workflow name);
 * the per-job detail endpoint fills in the rest, or finds jobs older than the listed page.
 */
import type { Job, JobDetail } from '../../domain/job.js';
import type { JobSource, ListResult } from '../../adapters/contract.js';
import { toSourceError } from '../../adapters/errors.js';
import { listJobAsDetail } from '../../store/detail-watcher.js';
import type { JobTarget } from './job-selector.js';

/** Why a found job is known only in part: its detail request failed (or its list was incomplete), so only the list's fields are known. */
export interface PartialLookup {
  /** Why, in a few words ("its detail request failed (500 server error)"). */
  reason: string;
  /** The job's state is `unknown` because of it: how it ended is not known (Alteryx before its disposition). */
  outcomeUnknown: boolean;
  /** The failed request's whole error message (source, request, reason), when a request failed. */
  error?: string;
}

/** What looking a job up found. */
export type JobLookup =
  /** `incomplete`: found, but only in part (get reports it and exits 2). */
  | { kind: 'found'; job: JobDetail; incomplete?: PartialLookup }
  /** The source answered: there is no such job (the message, without the job key, says how it knows). */
  | { kind: 'not-found'; message: string }
  /** The source could not be asked (its error message names source, request and reason). */
  | { kind: 'error'; message: string };

/** One list request per source for the lookups of one command run; a failed list is remembered as its error. */
export type ListCache = (source: JobSource) => Promise<ListResult | Error>;

/** Creates the per-run list cache; `signal` aborts its requests (a command's deadline). */
export function createListCache(signal?: AbortSignal): ListCache {
  const lists = new Map<string, Promise<ListResult | Error>>();
  return (source) => {
    let list = lists.get(source.name);
    if (!list)
      lists.set(source.name, (list = source.list(signal).catch((error: unknown) => toSourceError(source.name, error))));
    return list;
  };
}

/**
 * Looks `target` up; never rejects. `full`: everything the detail endpoint has (get); else the
 * list record is enough (actions act on what the monitor shows) and the detail is only asked
 * for jobs the list does not hold.
 */
export async function lookUpJob(
  target: JobTarget,
  source: JobSource,
  listOf: ListCache,
  full: boolean,
  signal?: AbortSignal,
): Promise<JobLookup> {
  const list = await listOf(source);
  const listed = list instanceof Error ? undefined : list.jobs.find((job) => job.id === target.id);
  if (listed && (!full || !source.capabilities.detail)) {
    // why: a source without a detail endpoint has only its list to say how a job ended; an incomplete list may not know.
    const unknown = !(list instanceof Error) && list.incomplete !== undefined && listed.state === 'unknown';
    return {
      kind: 'found',
      job: listJobAsDetail(listed),
      ...(unknown ? { incomplete: { reason: list.incomplete!.reason, outcomeUnknown: true } } : {}),
    };
  }
  if (!source.capabilities.detail) {
    if (list instanceof Error) return { kind: 'error', message: list.message };
    return {
      kind: 'not-found',
      message: `not among the jobs ${source.name} lists (it has no per-job endpoint, so older jobs cannot be looked up)`,
    };
  }
  try {
    const detail = await source.detail(target.id, signal);
    return detail ? { kind: 'found', job: detail } : { kind: 'not-found', message: `no such job on ${source.name}` };
  } catch (error) {
    if (signal?.aborted) throw error;
    const failure = toSourceError(source.name, error);
    // why: a malformed id is refused with 400 by some vendors (OSAPI wants a UUID), 404 by others: either way, no such job.
    if (failure.status === 400 || failure.status === 404)
      return { kind: 'not-found', message: `no such job (${failure.message})` };
    // why: the list answered and holds the job, so it exists; what the detail would add (Alteryx: how it ended) is unknown.
    if (listed)
      return {
        kind: 'found',
        job: listJobAsDetail(listed),
        incomplete: {
          reason: `its detail request failed (${failure.short})`,
          outcomeUnknown: listed.state === 'unknown',
          error: failure.message,
        },
      };
    return { kind: 'error', message: failure.message };
  }
}

/** Ids of the listed jobs whose parent is `job` (VectorCharts job trees), as the detail view shows them; null when the list failed. */
export async function childIdsOf(job: Job, source: JobSource, listOf: ListCache): Promise<string[] | null> {
  const list = await listOf(source);
  return list instanceof Error
    ? null
    : list.jobs.filter((candidate) => candidate.parentId === job.id).map((candidate) => candidate.id);
}
