/**
 * Poll scheduling: the steady interval, and capped exponential backoff with jitter while a
 * source fails, honouring a server's Retry-After (docs/faults.md, "What jobtop does for each fault").
 */

/** Longest wait between polls of a failing source. */
export const MAX_BACKOFF_MS = 60_000;

/** Longest Retry-After jobtop will honour (a hostile server must not park a source for days). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Delay before the next poll: the interval when healthy; interval × 2^(failures-1), capped at
 * MAX_BACKOFF_MS, with ±20 % jitter when failing; at least the server's Retry-After when it sent one.
 */
export function nextPollDelay(
  intervalMs: number,
  consecutiveFailures: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  if (consecutiveFailures <= 0) return intervalMs;
  const exponential = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(consecutiveFailures - 1, 16));
  const jittered = Math.round(exponential * (0.8 + random() * 0.4));
  const capped = Math.min(MAX_BACKOFF_MS, Math.max(intervalMs, jittered));
  return retryAfterMs === undefined ? capped : Math.max(capped, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}
