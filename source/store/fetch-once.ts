/**
 * One poll of every source, for one-shot commands: the jobs of those that answered and an
 * honest account of those that did not — failed, timed out at the overall deadline, or
 * answered with a list whose enrichment failed (incomplete) or was cut short (truncated).
 */
import type { Job, SourceType } from '../domain/job.js';
import type { JobSource, ListResult, ServerCounters } from '../adapters/contract.js';
import { SourceError, toSourceError } from '../adapters/errors.js';
import { formatInterval } from '../domain/format.js';
import type { SourceFailure } from './types.js';
import { describeFailure } from './poll-result.js';

/** One source's outcome of a single poll. */
export interface SourceOutcome {
  name: string;
  vendor: SourceType;
  url: string;
  /** The list answered (it may still be incomplete). */
  ok: boolean;
  /** The list answered and every job's state is known: ok and not incomplete. */
  complete: boolean;
  error: SourceFailure | null;
  /** Jobs whose outcome is unknown because enrichment failed, and why. */
  incomplete: ListResult['incomplete'] | null;
  /** Fewer jobs fetched than the limit asked for, and why. */
  truncated: ListResult['truncated'] | null;
  jobs: Job[];
  total: number | null;
  /** The server's own counters (MCRIT /jobs/stats), labelled as such; never a job count. */
  serverCounters?: ServerCounters | null;
  /** Problems of the poll that cost fields, not the list (ListResult.warnings). */
  warnings: string[];
  /** Wall time of the poll in ms. */
  elapsedMs: number;
}

/** Default of `--deadline`: how long a one-shot command waits for all its sources together. */
export const DEFAULT_DEADLINE_MS = 20_000;

/**
 * Polls every source once, concurrently; never rejects. After `deadlineMs` the sources still
 * polling are abandoned (their requests aborted) and reported as timed out, so one slow vendor
 * never holds the others' output.
 */
export async function fetchOnce(
  sources: readonly JobSource[],
  options: { deadlineMs?: number; now?: () => number } = {},
): Promise<SourceOutcome[]> {
  const now = options.now ?? Date.now;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), deadlineMs);
  });
  try {
    return await Promise.all(
      sources.map(async (source): Promise<SourceOutcome> => {
        const started = now();
        const base = { name: source.name, vendor: source.vendor, url: source.url };
        const failed = (error: SourceError): SourceOutcome => ({
          ...base,
          ok: false,
          complete: false,
          error: describeFailure(error),
          incomplete: null,
          truncated: null,
          warnings: [],
          jobs: [],
          total: null,
          elapsedMs: now() - started,
        });
        try {
          const listing = source.list(abort.signal);
          // why: an abandoned list may still reject after the deadline; nobody is listening then.
          listing.catch(() => undefined);
          const result = await Promise.race([listing, deadline]);
          if (result === 'deadline') {
            return failed(
              new SourceError({
                source: source.name,
                kind: 'timeout',
                short: 'timed out',
                detail: `no complete answer within the --deadline of ${formatInterval(deadlineMs)}`,
              }),
            );
          }
          const incomplete = result.incomplete ?? null;
          return {
            ...base,
            ok: true,
            complete: incomplete === null,
            error: null,
            incomplete,
            truncated: result.truncated ?? null,
            jobs: result.jobs,
            total: result.total,
            serverCounters: result.serverCounters ?? null,
            warnings: result.warnings ?? [],
            elapsedMs: now() - started,
          };
        } catch (error) {
          return failed(toSourceError(source.name, error));
        }
      }),
    );
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** The stderr lines for a source that answered incompletely or truncated (nothing when it is whole). */
export function outcomeNotes(outcome: SourceOutcome): string[] {
  const notes: string[] = [];
  if (outcome.incomplete)
    notes.push(
      `${outcome.name}: incomplete: ${outcome.incomplete.jobs} job${outcome.incomplete.jobs === 1 ? '' : 's'} with an unknown outcome (${outcome.incomplete.reason})`,
    );
  if (outcome.truncated)
    notes.push(
      `${outcome.name}: warning: fetched ${outcome.truncated.fetched} of the ${outcome.truncated.asked} jobs asked for (${outcome.truncated.reason})`,
    );
  return notes;
}
