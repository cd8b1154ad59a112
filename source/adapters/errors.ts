/**
 * SourceError: the one error type adapters throw. It carries a short phrase for the
 * header's health cell ("401 unauthorized", "timeout", "HTML instead of JSON"), the HTTP
 * status when there was one, and a Retry-After hint, so the store can back off honestly.
 */

/** What went wrong, in categories the store and `check` can act on. */
export type SourceErrorKind =
  | 'refused'
  | 'dns'
  | 'network'
  | 'tls'
  | 'timeout'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'http'
  | 'server'
  | 'html'
  | 'empty'
  | 'parse'
  | 'shape'
  | 'too-large'
  | 'vendor'
  | 'readonly'
  | 'unsupported'
  | 'config'
  /** A list that suddenly came back empty (the store holds the last good jobs for one more poll). */
  | 'vanished';

/** Fields to build a SourceError from. */
export interface SourceErrorInit {
  source: string;
  kind: SourceErrorKind;
  /** A few words for the health cell. */
  short: string;
  /** The server's own message or further explanation, already redacted. */
  detail?: string;
  status?: number;
  /** `METHOD /path` of the request that failed (no query string: it may hold secrets). */
  request?: string;
  retryAfterMs?: number;
  /** `too-large`: the body's full size in bytes when the server said it (Content-Length). */
  bodyBytes?: number;
  /** `too-large`: the size limit that was exceeded, in bytes. */
  limitBytes?: number;
}

/** An error from one source, naming the source, what happened and (when known) the HTTP status. */
export class SourceError extends Error {
  readonly source: string;
  readonly kind: SourceErrorKind;
  readonly short: string;
  readonly detail: string | undefined;
  readonly status: number | undefined;
  readonly request: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly bodyBytes: number | undefined;
  readonly limitBytes: number | undefined;

  constructor(init: SourceErrorInit) {
    const parts = [`${init.source}: ${init.short}`];
    if (init.detail) parts.push(`: ${init.detail}`);
    if (init.request) parts.push(` (${init.request})`);
    super(parts.join(''));
    this.name = 'SourceError';
    this.source = init.source;
    this.kind = init.kind;
    this.short = init.short;
    this.detail = init.detail;
    this.status = init.status;
    this.request = init.request;
    this.retryAfterMs = init.retryAfterMs;
    this.bodyBytes = init.bodyBytes;
    this.limitBytes = init.limitBytes;
  }
}

/** Turns anything thrown into a SourceError for `source`, keeping SourceErrors as they are. */
export function toSourceError(source: string, error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SourceError({ source, kind: 'network', short: 'error', detail: message });
}

/** True when `error` is a SourceError for an HTTP answer with `status`. */
export function hasHttpStatus(error: unknown, status: number): error is SourceError {
  return error instanceof SourceError && error.status === status;
}

/** The short phrase for an HTTP status, as shown in the health cell. */
export function describeStatus(status: number): { kind: SourceErrorKind; short: string } {
  if (status === 401) return { kind: 'auth', short: '401 unauthorized' };
  if (status === 403) return { kind: 'forbidden', short: '403 forbidden' };
  if (status === 404) return { kind: 'not-found', short: '404 not found' };
  if (status === 429) return { kind: 'rate-limited', short: '429 rate limited' };
  if (status >= 500) return { kind: 'server', short: `${status} server error` };
  return { kind: 'http', short: `HTTP ${status}` };
}
