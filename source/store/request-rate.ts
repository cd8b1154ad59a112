/**
 * Requests per minute from a source's running request counter (`JobSource.session()`): the
 * store samples the counter after each poll and whenever the sources screen is drawn, and
 * keeps a sliding window of those samples. Pure, so the window is tested without timers.
 */
import type { JobSource } from '../adapters/contract.js';
import type { SessionFigures } from './types.js';

/** One reading of a source's request counter. */
export interface RequestSample {
  /** Epoch ms of the reading. */
  at: number;
  /** Requests the source had sent in all by then. */
  requests: number;
}

/** The window requests are counted over. */
export const REQUEST_WINDOW_MS = 60_000;

/**
 * The samples after adding `sample`: every reading of the last minute plus the newest one
 * older than that (the base the minute is counted from), so memory stays bounded by the
 * sampling rate, not the session's length.
 */
export function addRequestSample(samples: readonly RequestSample[], sample: RequestSample): RequestSample[] {
  // why: one array and no callback per poll (docs/performance.md "Session 4: an idle round").
  const cutoff = sample.at - REQUEST_WINDOW_MS;
  let base = 0;
  for (let index = 0; index < samples.length; index += 1) {
    if (samples[index].at <= cutoff) base = index;
  }
  const next: RequestSample[] = [];
  for (let index = base; index < samples.length; index += 1)
    if (samples[index].at <= sample.at) next.push(samples[index]);
  next.push(sample);
  return next;
}

/**
 * Requests per minute at the newest sample: the requests sent since the base reading. A session
 * younger than a minute counts what it sent so far; when readings are sparser than the window (a
 * paused monitor), the count is spread over the time it covers rather than called one minute's.
 * 0 when there is only one reading.
 */
export function requestsPerMinute(samples: readonly RequestSample[]): number {
  const latest = samples[samples.length - 1];
  const base = samples[0];
  if (!latest || !base || latest === base) return 0;
  const sent = Math.max(0, latest.requests - base.requests);
  const span = Math.max(REQUEST_WINDOW_MS, latest.at - base.at);
  return Math.round((sent * REQUEST_WINDOW_MS) / span);
}

/** Reads `source.session()` at `at` into the window: the samples to keep and the figures to show; null when the source cannot tell. */
export function sampleSession(
  source: Pick<JobSource, 'session'>,
  samples: readonly RequestSample[],
  at: number,
): { samples: RequestSample[]; figures: SessionFigures } | null {
  const session = source.session?.();
  if (!session) return null;
  const next = addRequestSample(samples, { at, requests: session.requests });
  return {
    samples: next,
    figures: {
      requestsPerMinute: requestsPerMinute(next),
      tokenExpiresAt: session.tokenExpiresAt,
      tokenRenews: session.tokenRenews ?? null,
    },
  };
}

/** Whether two samplings read the same on screen (the store publishes only when they differ). */
export function sameSession(left: SessionFigures | null, right: SessionFigures | null): boolean {
  if (left === null || right === null) return left === right;
  return (
    left.requestsPerMinute === right.requestsPerMinute &&
    left.tokenExpiresAt === right.tokenExpiresAt &&
    left.tokenRenews === right.tokenRenews
  );
}
