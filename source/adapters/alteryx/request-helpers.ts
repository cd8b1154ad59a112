/** What the Alteryx requests share: job paths and the authorized JSON read. */
import type { HttpRequest } from '../http.js';
import type { RequestCounter } from '../kit/request-counter.js';

/** Sends a read with the bearer token (fetched again and retried once after a 401) and parses its JSON, counting it on `counter`. */
export type ReadJson = (request: HttpRequest, counter: RequestCounter) => Promise<unknown>;

/** The path of one job (`/v3/jobs/{id}`), or of something under it such as its `messages`. */
export function jobPath(id: string, under?: string): string {
  const path = `/v3/jobs/${encodeURIComponent(id)}`;
  return under === undefined ? path : `${path}/${under}`;
}
