/**
 * OAuth2 client credentials: a Bearer token from the token endpoint (form body, RFC 6749 §4.4),
 * kept in the kit's token cache (kit/token-cache.ts: reused until shortly before it expires,
 * shared by concurrent calls, dropped when a read says it was refused).
 */
import { SourceError, describeStatus, type SourceErrorKind } from '../errors.js';
import { redactText } from '../../domain/redact.js';
import type { HttpClient } from '../http.js';
import type { RequestCounter } from '../kit/request-counter.js';
import { shapeError } from '../kit/shape-error.js';
import { createTokenCache, oauthLifetimeMs, type TokenCache } from '../kit/token-cache.js';
import { asRecord, asString } from '../read-fields.js';
import { createSourceHttpClient } from '../source-http.js';
import type { VectaraApiVersion, VectaraOptions } from './constants.js';

/** A source's OAuth2 token cache, with the client of its token endpoint to close. */
export interface VectaraTokens extends TokenCache {
  close(): Promise<void>;
}

/** Where to ask for a token when the config does not say (Vectara's auth docs: auth.vectara.io, or the v1 Cognito domain). */
export function defaultVectaraTokenUrl(url: string, apiVersion: VectaraApiVersion, customerId?: string): string {
  if (new URL(url).hostname === 'api.vectara.io') {
    return apiVersion === 'v1' && customerId
      ? `https://vectara-prod-${customerId}.auth.us-west-2.amazoncognito.com/oauth2/token`
      : 'https://auth.vectara.io/oauth2/token';
  }
  return `${url.replace(/\/+$/, '')}/oauth2/token`;
}

/**
 * Creates the token cache of one source; fetched tokens are added to `apiClient`'s secrets too,
 * and the token endpoint's requests count on `sent` (the source's session).
 */
export function createVectaraTokens(
  options: VectaraOptions,
  apiVersion: VectaraApiVersion,
  apiClient: HttpClient,
  sent: RequestCounter,
): VectaraTokens {
  const source = options.name;
  const tokenUrl = new URL(options.tokenUrl ?? defaultVectaraTokenUrl(options.url, apiVersion, options.customerId));
  const client = createSourceHttpClient(options, {
    baseUrl: tokenUrl.origin,
    secrets: [options.clientSecret],
    sent,
  });
  const path = tokenUrl.pathname;
  const label = `POST ${path}`;

  const cache = createTokenCache(async (counter) => {
    const form = {
      grant_type: 'client_credentials',
      client_id: options.clientId ?? '',
      client_secret: options.clientSecret ?? '',
    };
    const response = await client.send({ method: 'POST', path, form, mutating: false, counter });
    const body = parseJsonOrNull(response.text);
    if (response.status < 200 || response.status > 299)
      throw tokenError(source, label, response.status, body, options.clientSecret);
    const record = asRecord(body);
    const token = asString(record.access_token);
    if (token === null) throw shapeError(source, label, 'no `access_token` in the token response', response.status);
    client.addSecret(token);
    apiClient.addSecret(token);
    return { token, lifetimeMs: oauthLifetimeMs(record.expires_in) };
  }, options.now);

  return { ...cache, close: () => client.close() };
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** An OAuth2 error (`{error, error_description}`, RFC 6749 §5.2) or any other token failure. */
function tokenError(
  source: string,
  request: string,
  status: number,
  body: unknown,
  clientSecret?: string,
): SourceError {
  const record = asRecord(body);
  // why: the token server's own words may quote the client secret back; redact it like every other error.
  const detail = redactText(
    [asString(record.error), asString(record.error_description) ?? asString(record.message)].filter(Boolean).join(': '),
    clientSecret ? [clientSecret] : [],
  );
  const kind: SourceErrorKind = status === 400 || status === 401 ? 'auth' : describeStatus(status).kind;
  return new SourceError({
    source,
    kind,
    short: `OAuth token refused (HTTP ${status})`,
    detail: detail || undefined,
    status,
    request,
  });
}
