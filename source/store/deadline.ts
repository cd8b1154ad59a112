/**
 * The overall deadline of a one-shot command (`--deadline`, docs/scripting.md): one clock for
 * the whole run, one abort signal for every request it started, and one way to lose the race —
 * a SourceError `timed out: no complete answer within the --deadline of 20s` naming the source.
 * `list`, `get` and `check` all wait through it, so they stop waiting by the same rule.
 */
import { SourceError } from '../adapters/errors.js';
import { formatInterval } from '../domain/format.js';

/** Default of `--deadline`: how long a one-shot command waits for all its sources together. */
export const DEFAULT_DEADLINE_MS = 20_000;

/** A running deadline. */
export interface Deadline {
  readonly ms: number;
  /** Aborts when the deadline passes (or on dispose): requests still running are cancelled. */
  readonly signal: AbortSignal;
  /** Stops the clock and aborts what is still running; idempotent. */
  dispose(): void;
}

/** Starts the clock of a deadline of `ms`. */
export function startDeadline(ms: number = DEFAULT_DEADLINE_MS): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return {
    ms,
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      controller.abort();
    },
  };
}

/** The error a source that did not finish in time is reported with. */
export function deadlineError(source: string, ms: number): SourceError {
  return new SourceError({
    source,
    kind: 'timeout',
    short: 'timed out',
    detail: `no complete answer within the --deadline of ${formatInterval(ms)}`,
  });
}

/** True for the error deadlineError makes. */
export function isDeadlineError(error: unknown): boolean {
  return error instanceof SourceError && error.kind === 'timeout' && error.short === 'timed out';
}

/**
 * Runs `work` for `source` with the deadline's signal and settles as it does, unless the
 * deadline passes first: then it rejects with deadlineError, whether or not `work` heeds the
 * signal. A rejection of `work` after that is ignored.
 */
export function beforeDeadline<T>(
  deadline: Deadline,
  source: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { signal } = deadline;
  if (signal.aborted) return Promise.reject(deadlineError(source, deadline.ms));
  // why: registered before `work` starts, so at the deadline this rejection wins over the abort errors it causes.
  const expired = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(deadlineError(source, deadline.ms)), { once: true }),
  );
  const running = Promise.resolve().then(() => work(signal));
  // why: whichever loses the race may still settle later; nobody is listening then.
  expired.catch(() => undefined);
  running.catch(() => undefined);
  return Promise.race([running, expired]);
}
