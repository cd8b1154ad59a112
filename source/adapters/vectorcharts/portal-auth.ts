/**
 * Portal auth: a static API token, or a session token from `POST /api/portal/v1/auth/login`
 * (`token.id`), kept in the kit's token cache without an expiry: the Portal's session lasts until
 * logout (authentication/logout.md). A session token that gets a 401 on a read is renewed by
 * logging in once more and the read is retried once (kit/bearer-read.ts); API tokens are never retried.
 */
import { SourceError } from '../errors.js';
import type { HttpClient, HttpRequest } from '../http.js';
import { readWithBearer, withBearer, withCounter } from '../kit/bearer-read.js';
import type { RequestCounter } from '../kit/request-counter.js';
import { createTokenCache } from '../kit/token-cache.js';
import { asRecord, asString } from '../read-fields.js';
import { LOGIN_PATH, LOGOUT_PATH, type VectorChartsOptions } from './constants.js';

/** Sends reads with the right Bearer token, logging in (again) when needed. */
export interface PortalAuth {
  read(request: HttpRequest, counter: RequestCounter): Promise<unknown>;
  /**
   * Ends the session this source logged in with (`POST /api/portal/v1/auth/logout`), best effort
   * within `timeoutMs`; does nothing with an API token or when no login happened. Never throws.
   */
  logout(timeoutMs?: number): Promise<void>;
}

/** How long a logout may take before jobtop gives up on it (it is best effort). */
export const LOGOUT_TIMEOUT_MS = 2_000;

/** Creates the auth of one source, from its token or its username and password. */
export function createPortalAuth(client: HttpClient, options: VectorChartsOptions): PortalAuth {
  const source = options.name;
  const apiToken = nonEmpty(options.token);
  const username = nonEmpty(options.username);
  const password = typeof options.password === 'string' ? options.password : undefined;

  const session = createTokenCache(async (counter) => {
    const body = await client.json({
      method: 'POST',
      path: LOGIN_PATH,
      json: { username, password },
      mutating: false,
      counter,
    });
    const token = asString(asRecord(asRecord(body).token).id);
    if (token === null) {
      throw new SourceError({
        source,
        kind: 'shape',
        short: 'unexpected login response',
        detail: 'the login response has no token.id',
        request: `POST ${LOGIN_PATH}`,
      });
    }
    client.addSecret(token);
    // why: the Portal states no expiry; a session lasts until logout or until a 401 says it was revoked.
    return { token, lifetimeMs: null };
  });

  const send = (request: HttpRequest, token: string, counter: RequestCounter) =>
    client.json(withBearer(withCounter(request, counter), token));

  async function logout(timeoutMs = LOGOUT_TIMEOUT_MS): Promise<void> {
    // why: a session token stays valid until logout (authentication/logout.md); without this every
    // run would leave a live session on the server. A login still in flight is waited for.
    const token = await session.release();
    if (token === null) return;
    const signal = AbortSignal.timeout(timeoutMs);
    await client
      .send({
        method: 'POST',
        path: LOGOUT_PATH,
        headers: { authorization: `Bearer ${token}` },
        mutating: false,
        signal,
      })
      .catch(() => undefined);
  }

  return {
    logout,
    async read(request, counter) {
      if (apiToken !== undefined) return send(request, apiToken, counter);
      if (username === undefined || password === undefined) {
        throw new SourceError({
          source,
          kind: 'config',
          short: 'no credentials',
          detail: 'set token, or username and password',
        });
      }
      // why: a session token lasts until logout (authentication/logout.md); a 401 means it was revoked,
      // so log in once more and retry this read once. Only reads come through here: nothing mutating is retried.
      return readWithBearer(session, (token) => send(request, token, counter), { counter });
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
