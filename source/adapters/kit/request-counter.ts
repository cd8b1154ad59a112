/**
 * Counting HTTP requests: one poll's (`ListResult.requests`) and a source's whole session
 * (`SourceSession.requests`). The HTTP client counts each request it sends on the counters it is
 * given (adapters/http.ts), so no adapter counts by hand and none is missed.
 */

/** A running count of HTTP requests sent. */
export interface RequestCounter {
  requests: number;
}

/** A counter at zero, for one poll, one call or one source's session. */
export function newRequestCounter(): RequestCounter {
  return { requests: 0 };
}

/** Adds one sent request to each counter given (an absent one is skipped). */
export function countRequest(...counters: readonly (RequestCounter | undefined)[]): void {
  for (const counter of counters) if (counter) counter.requests += 1;
}
