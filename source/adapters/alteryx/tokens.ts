/**
 * OAuth2 client credentials: `POST <webapi>/oauth2/token` gives a bearer token that lasts about
 * an hour and has no refresh token. The kit's token cache (kit/token-cache.ts) reuses it until
 * shortly before it expires; a rejected token request becomes an auth error that says so.
 *
 * The client id and secret go as HTTP Basic (`Authorization: Basic base64(id:secret)`, only
 * `grant_type` in the form body), as both public Alteryx API clients and the community guides
 * send them; when a server rejects Basic with 400/401 the credentials are sent in the form body
 * instead, and whichever worked is used from then on for this source.
 */
import { SourceError, hasHttpStatus } from '../errors.js';
import type { HttpClient, HttpRequest } from '../http.js';
import { shapeError } from '../kit/shape-error.js';
import { createTokenCache, oauthLifetimeMs, type TokenCache } from '../kit/token-cache.js';
import { asRecord, asString } from '../read-fields.js';
import type { AlteryxOptions } from './settings.js';

/** Creates the token cache of one source, on the clock `now` (the kit's margin and expiry rules). */
export function createAlteryxTokens(client: HttpClient, options: AlteryxOptions, now: () => number): TokenCache {
  /** How this source's token endpoint takes the credentials: Basic until it refuses them. */
  let style: CredentialStyle = 'basic';

  return createTokenCache(async (counter) => {
    const { clientId, clientSecret } = options;
    if (!clientId || !clientSecret) {
      throw new SourceError({
        source: client.source,
        kind: 'config',
        short: 'missing credentials',
        detail: 'clientId and clientSecret (the API key and secret from the Alteryx user profile) are required',
      });
    }
    const request = (as: CredentialStyle) => client.json({ ...tokenRequest(as, clientId, clientSecret), counter });
    let body: unknown;
    try {
      body = await request(style);
    } catch (error) {
      if (style !== 'basic' || !(hasHttpStatus(error, 400) || hasHttpStatus(error, 401))) throw tokenRejection(error);
      try {
        body = await request('form');
        style = 'form';
      } catch (fallbackError) {
        // why: both ways refused the credentials: report the Basic answer (the way Alteryx's clients use).
        throw tokenRejection(
          hasHttpStatus(fallbackError, 400) || hasHttpStatus(fallbackError, 401) ? error : fallbackError,
        );
      }
    }
    const record = asRecord(body);
    const token = asString(record.access_token);
    if (token === null)
      throw shapeError(client.source, 'POST /oauth2/token', 'the token response has no "access_token"');
    client.addSecret(token);
    return { token, lifetimeMs: oauthLifetimeMs(record.expires_in) };
  }, now);
}

/** Where the client credentials go in the token request. */
type CredentialStyle = 'basic' | 'form';

/** The token request with the credentials as HTTP Basic, or in the form body. */
function tokenRequest(style: CredentialStyle, clientId: string, clientSecret: string): HttpRequest {
  if (style === 'form')
    return {
      method: 'POST',
      path: '/oauth2/token',
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
      mutating: false,
    };
  const basic = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
  return {
    method: 'POST',
    path: '/oauth2/token',
    headers: { authorization: `Basic ${basic}` },
    form: { grant_type: 'client_credentials' },
    mutating: false,
  };
}

/** A rejected token request (400 invalid_client, 401) becomes an auth error that says so. */
function tokenRejection(error: unknown): unknown {
  // why (docs/faults.md): a 200 with HTML, an empty, truncated or oversized body, and a 429
  // with Retry-After are not rejections of the credentials; they keep their own words and retry hint.
  if (
    !(error instanceof SourceError) ||
    error.status === undefined ||
    error.status < 400 ||
    error.status === 429 ||
    error.status >= 500
  )
    return error;
  return new SourceError({
    source: error.source,
    kind: 'auth',
    short: `token request rejected (HTTP ${error.status})`,
    detail: error.detail ?? 'check clientId and clientSecret',
    status: error.status,
    request: error.request,
  });
}
