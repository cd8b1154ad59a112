/** The SourceErrors a Vectara source raises itself, and how a refused credential is recognised. */
import { SourceError } from '../errors.js';

/** A configuration problem (missing credentials or customer id). */
export function configError(source: string, detail: string): SourceError {
  return new SourceError({ source, kind: 'config', short: 'configuration error', detail });
}

/** A 401, or v1's UNAUTHENTICATED on HTTP 200: the bearer token was not accepted. */
export function isRejectedCredential(error: unknown): boolean {
  if (!(error instanceof SourceError)) return false;
  return error.status === 401 || (error.status === 200 && error.short.startsWith('UNAUTHENTICATED'));
}
