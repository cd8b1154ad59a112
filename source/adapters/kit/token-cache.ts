/**
 * One cached bearer token per source (an OAuth2 client-credentials token, a portal login
 * session): fetched when none is cached or the cached one is within the margin of its expiry,
 * shared by concurrent callers, dropped when the server refuses it. A failed token request is not
 * cached: the next caller asks again. The clock is injected so expiry is tested without waiting.
 */
import { asNumber } from '../read-fields.js';
import type { RequestCounter } from './request-counter.js';

/** What a token request returned: the token, and how long it lasts (null: until refused or logged out). */
export interface IssuedToken {
  token: string;
  lifetimeMs: number | null;
}

/** Requests a new token; the requests it sends count on `counter` (the poll that needed it). */
export type FetchToken = (counter: RequestCounter | undefined) => Promise<IssuedToken>;

/** A token is replaced this long before it expires: a minute (one slow poll), at most a tenth of its lifetime. */
export const TOKEN_RENEW_MARGIN_MS = 60_000;

/**
 * The lifetime assumed when a token response has no usable `expires_in` (RFC 6749 §5.1 makes it
 * optional): an hour, what Alteryx and Vectara issue.
 */
export const DEFAULT_TOKEN_LIFETIME_MS = 3_600_000;

/** A token's lifetime from an OAuth2 `expires_in` (seconds, a number or numeric string); the default when absent or not positive. */
export function oauthLifetimeMs(expiresIn: unknown): number {
  const seconds = asNumber(expiresIn);
  return seconds !== null && seconds > 0 ? seconds * 1000 : DEFAULT_TOKEN_LIFETIME_MS;
}

/** Hands out one source's bearer token. */
export interface TokenCache {
  /** The cached token, or a fresh one when none is cached or it is about to expire; concurrent callers share one request. */
  token(counter?: RequestCounter): Promise<string>;
  /** Drops `token` after the server refused it, unless a newer token already replaced it. */
  invalidate(token: string): void;
  /** When the cached token expires (epoch ms, by the cache's clock); null when none is cached or its lifetime is unknown. */
  expiresAt(): number | null;
  /** Waits for a token request in flight, then drops the cached token and returns it (to log it out); null if none. */
  release(): Promise<string | null>;
}

/** Creates a token cache that fetches with `fetchToken` and reads time from `now` (default: the wall clock). */
export function createTokenCache(fetchToken: FetchToken, now: () => number = Date.now): TokenCache {
  let cached: { token: string; expiresAt: number | null; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchAndKeep(counter: RequestCounter | undefined): Promise<string> {
    const { token, lifetimeMs } = await fetchToken(counter);
    const fetchedAt = now();
    const expiresAt = lifetimeMs === null ? null : fetchedAt + lifetimeMs;
    const renewAt =
      lifetimeMs === null ? Infinity : fetchedAt + lifetimeMs - Math.min(TOKEN_RENEW_MARGIN_MS, lifetimeMs / 10);
    cached = { token, expiresAt, renewAt };
    return token;
  }

  return {
    token(counter) {
      if (pending) return pending;
      if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
      // why: parallel look-ups share one token request instead of stampeding the token endpoint; the
      // request has no caller's abort signal, since one caller giving up must not fail the others.
      pending = fetchAndKeep(counter).finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
    expiresAt: () => cached?.expiresAt ?? null,
    async release() {
      const token = pending ? await pending.catch(() => null) : (cached?.token ?? null);
      cached = null;
      return token;
    },
  };
}
