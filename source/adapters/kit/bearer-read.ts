/**
 * Reads with a renewable bearer credential (an OAuth2 token, a portal login): when the server
 * refuses the credential, it is dropped, a fresh one is obtained and the read is sent exactly once
 * more. Only reads come through here: a mutating request is never re-sent.
 */
import { SourceError } from '../errors.js';
import type { HttpRequest } from '../http.js';
import type { RequestCounter } from './request-counter.js';

/** A credential that can be asked for and told it was refused (kit/token-cache.ts is one). */
export interface BearerCredential {
  token(counter?: RequestCounter): Promise<string>;
  invalidate(token: string): void;
}

/** True when the server answered 401: the credential was not accepted. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof SourceError && error.status === 401;
}

/**
 * `request` with `Authorization: Bearer <token>` added to its headers.
 *
 * why Object.assign in these copies, not `{ ...request, … }`: on Node 20's V8 a spread whose site
 * has seen many request shapes, followed by more properties, gives every copy a map of its own;
 * optimised code that meets those maps is deoptimised and compiled again when they die
 * (docs/performance.md "Session 6: steady-state compiling"). Object.assign's copies share maps.
 */
export function withBearer(request: HttpRequest, token: string): HttpRequest {
  return Object.assign({}, request, {
    headers: Object.assign({}, request.headers, { authorization: `Bearer ${token}` }),
  });
}

/** `request` counted under `counter` (a copy; see withBearer). */
export function withCounter(request: HttpRequest, counter: RequestCounter): HttpRequest {
  return Object.assign({}, request, { counter });
}

/**
 * Sends a read with the credential's token; when `refused(error)` (default: a 401), drops that
 * token and sends the read once more with a fresh one. A second refusal is thrown as it is.
 */
export async function readWithBearer<T>(
  credential: BearerCredential,
  send: (token: string) => Promise<T>,
  options: { counter?: RequestCounter; refused?: (error: unknown) => boolean } = {},
): Promise<T> {
  const refused = options.refused ?? isUnauthorized;
  const token = await credential.token(options.counter);
  try {
    return await send(token);
  } catch (error) {
    if (!refused(error)) throw error;
    credential.invalidate(token);
    return send(await credential.token(options.counter));
  }
}
