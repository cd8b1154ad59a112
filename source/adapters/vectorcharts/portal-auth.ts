/**
 * Portal auth: a static API token, or a session token from `POST /api/portal/v1/auth/login`
 * (`token.id`). A session token that gets a 401 on a read is renewed by logging in once more and
 * the read is retried once; API tokens are never retried.
 */
import { SourceError } from '../errors.js';
import type { HttpClient, HttpRequest } from '../http.js';
import { asRecord, asString } from '../read-fields.js';
import { LOGIN_PATH, LOGOUT_PATH, type VectorChartsOptions } from './constants.js';

/** Requests made and the total reported by one poll. */
export interface RequestCounter {
  requests: number;
  total: number | null;
  /** List pages fetched. */
  pages?: number;
}

/** A fresh counter for one poll or detail call. */
export function newRequestCounter(): RequestCounter {
  return { requests: 0, total: null };
}

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
  let sessionToken: string | null = null;
  let pendingLogin: Promise<string> | null = null;

  const send = (request: HttpRequest, token: string, counter: RequestCounter) => {
    counter.requests += 1;
    return client.json({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
  };

  async function login(counter: RequestCounter, signal?: AbortSignal): Promise<string> {
    counter.requests += 1;
    const body = await client.json({
      method: 'POST',
      path: LOGIN_PATH,
      json: { username, password },
      mutating: false,
      signal,
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
    return token;
  }

  /** The current session token, logging in unless it is the one that was just refused. */
  function session(counter: RequestCounter, refused: string | null, signal?: AbortSignal): Promise<string> {
    if (pendingLogin) return pendingLogin;
    if (sessionToken !== null && sessionToken !== refused) return Promise.resolve(sessionToken);
    sessionToken = null;
    pendingLogin = login(counter, signal)
      .then((token) => (sessionToken = token))
      .finally(() => (pendingLogin = null));
    return pendingLogin;
  }

  async function logout(timeoutMs = LOGOUT_TIMEOUT_MS): Promise<void> {
    // why: a session token stays valid until logout (authentication/logout.md); without this every
    // run would leave a live session on the server. A login still in flight is waited for.
    const token = await (pendingLogin ?? Promise.resolve(sessionToken)).catch(() => null);
    sessionToken = null;
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
      const token = await session(counter, null, request.signal);
      try {
        return await send(request, token, counter);
      } catch (error) {
        // why: a session token lasts until logout (apis.md §1.1); a 401 means it was revoked, so log
        // in once more and retry this read once. Only reads come through here: nothing mutating is retried.
        if (!(error instanceof SourceError) || error.status !== 401) throw error;
        return send(request, await session(counter, token, request.signal), counter);
      }
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
