/**
 * One poll of every source, for one-shot commands: the jobs of those that answered and an
 * honest account of those that did not — failed, timed out at the overall deadline, or
 * answered with a list whose enrichment failed (incomplete) or was cut short (truncated).
 */
import type { Job, SourceType } from '../domain/job.js';
import type { JobSource, ListResult, ServerCounters } from '../adapters/contract.js';
import { toSourceError } from '../adapters/errors.js';
import { beforeDeadline, DEFAULT_DEADLINE_MS, startDeadline, type Deadline } from './deadline.js';
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

/** Default of `--deadline` (store/deadline.ts), re-exported for the commands that read it here. */
export { DEFAULT_DEADLINE_MS };

/** What fetchOnce may be given. */
export interface FetchOnceOptions {
  /** The overall deadline (default DEFAULT_DEADLINE_MS); ignored when `deadline` is given. */
  deadlineMs?: number;
  /** A deadline already running (the command's), so its clock covers more than this poll. */
  deadline?: Deadline;
  now?: () => number;
  /** Called as each source's outcome is known (for progress on a terminal). */
  onSettled?: (name: string) => void;
}

/**
 * Polls every source once, concurrently; never rejects. After the deadline the sources still
 * polling are abandoned (their requests aborted) and reported as timed out, so one slow vendor
 * never holds the others' output.
 */
export async function fetchOnce(
  sources: readonly JobSource[],
  options: FetchOnceOptions = {},
): Promise<SourceOutcome[]> {
  const now = options.now ?? Date.now;
  const deadline = options.deadline ?? startDeadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  try {
    return await Promise.all(
      sources.map(async (source): Promise<SourceOutcome> => {
        const started = now();
        const base = { name: source.name, vendor: source.vendor, url: source.url };
        try {
          const result = await beforeDeadline(deadline, source.name, (signal) => source.list(signal));
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
          return {
            ...base,
            ok: false,
            complete: false,
            error: describeFailure(toSourceError(source.name, error)),
            incomplete: null,
            truncated: null,
            warnings: [],
            jobs: [],
            total: null,
            elapsedMs: now() - started,
          };
        } finally {
          options.onSettled?.(source.name);
        }
      }),
    );
  } finally {
    if (!options.deadline) deadline.dispose();
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
