/** Small pieces the Alteryx requests share: job paths, the bearer header, request counting and error tests. */
import { SourceError } from '../errors.js';
import type { HttpRequest } from '../http.js';

/** Counts the HTTP requests of one poll or call. */
export interface RequestCounter {
  count: number;
}

/** The path of one job (`/v3/jobs/{id}`), or of something under it such as its `messages`. */
export function jobPath(id: string, under?: string): string {
  const path = `/v3/jobs/${encodeURIComponent(id)}`;
  return under === undefined ? path : `${path}/${under}`;
}

/** `request` with `Authorization: Bearer <token>` added to its headers. */
export function withBearer(request: HttpRequest, token: string): HttpRequest {
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
}

/** True when `error` is a SourceError for an HTTP answer with `status`. */
export function hasHttpStatus(error: unknown, status: number): error is SourceError {
  return error instanceof SourceError && error.status === status;
}

/** The error for an answer that is JSON but not the shape the docs describe. */
export function shapeError(source: string, detail: string, request: string): SourceError {
  return new SourceError({ source, kind: 'shape', short: 'unexpected response shape', detail, request });
}
