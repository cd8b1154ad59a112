/**
 * OAuth2 client credentials: `POST <webapi>/oauth2/token` (form body) gives a bearer token
 * that lasts about an hour and has no refresh token. It is reused until shortly before it
 * expires; a rejected token request becomes an auth error that says so.
 */
import { SourceError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { asNumber, asRecord, asString } from '../read-fields.js';
import { shapeError, type RequestCounter } from './request-helpers.js';
import { TOKEN_REFRESH_MARGIN_MS, type AlteryxOptions } from './settings.js';

/** Hands out bearer tokens, fetching one when there is none or it is about to expire. */
export interface TokenKeeper {
  bearer(counter: RequestCounter): Promise<string>;
  /** Forgets `token` (after a 401), unless a newer one already replaced it. */
  invalidate(token: string): void;
}

/** Creates the token keeper of one source. */
export function createTokenKeeper(client: HttpClient, options: AlteryxOptions, now: () => number): TokenKeeper {
  let current: { token: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchToken(counter: RequestCounter): Promise<string> {
    const { clientId, clientSecret } = options;
    if (!clientId || !clientSecret) {
      throw new SourceError({ source: client.source, kind: 'config', short: 'missing credentials', detail: 'clientId and clientSecret (the API key and secret from the Alteryx user profile) are required' });
    }
    counter.count++;
    let body: unknown;
    try {
      body = await client.json({ method: 'POST', path: '/oauth2/token', form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }, mutating: false });
    } catch (error) {
      throw tokenRejection(error);
    }
    const record = asRecord(body);
    const token = asString(record.access_token);
    if (token === null) throw shapeError(client.source, 'the token response has no "access_token"', 'POST /oauth2/token');
    client.addSecret(token);
    const lifetimeMs = (asNumber(record.expires_in) ?? 3600) * 1000;
    current = { token, renewAt: now() + lifetimeMs - Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 10) };
    return token;
  }

  return {
    async bearer(counter) {
      if (current && now() < current.renewAt) return current.token;
      // why: parallel enrichment look-ups share one token request instead of stampeding.
      pending ??= fetchToken(counter).finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate(token) {
      if (current?.token === token) current = null;
    },
  };
}

/** A rejected token request (400 invalid_client, 401) becomes an auth error that says so. */
function tokenRejection(error: unknown): unknown {
  // why (issue 7 fault matrix): a 200 with HTML, an empty, truncated or oversized body, and a 429
  // with Retry-After are not rejections of the credentials; they keep their own words and retry hint.
  if (!(error instanceof SourceError) || error.status === undefined || error.status < 400 || error.status === 429 || error.status >= 500) return error;
  return new SourceError({
    source: error.source,
    kind: 'auth',
    short: `token request rejected (HTTP ${error.status})`,
    detail: error.detail ?? 'check clientId and clientSecret',
    status: error.status,
    request: error.request,
  });
}
