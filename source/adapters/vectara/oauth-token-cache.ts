/**
 * OAuth2 client credentials: a Bearer token fetched from the token endpoint, cached until shortly
 * before it expires, shared by concurrent calls, and dropped when a read says it was refused.
 */
import { SourceError, describeStatus, type SourceErrorKind } from '../errors.js';
import { redactText } from '../../domain/redact.js';
import type { HttpClient } from '../http.js';
import { asRecord, asString } from '../read-fields.js';
import { createSourceHttpClient } from '../source-http.js';
import type { VectaraApiVersion, VectaraOptions } from './constants.js';
import type { RequestCounter } from './job-pages.js';
import { shapeError } from './source-errors.js';

/** A cached OAuth2 client-credentials token. */
export interface TokenCache {
  token(counter: RequestCounter, signal?: AbortSignal): Promise<string>;
  invalidate(): void;
  close(): Promise<void>;
}

/** How long before its expiry a cached token stops being used (at most 10% of its lifetime). */
const TOKEN_EXPIRY_MARGIN_MS = 30_000;
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** Where to ask for a token when the config does not say (apis.md §3.1, §3.7). */
export function defaultVectaraTokenUrl(url: string, apiVersion: VectaraApiVersion, customerId?: string): string {
  if (new URL(url).hostname === 'api.vectara.io') {
    return apiVersion === 'v1' && customerId
      ? `https://vectara-prod-${customerId}.auth.us-west-2.amazoncognito.com/oauth2/token`
      : 'https://auth.vectara.io/oauth2/token';
  }
  return `${url.replace(/\/+$/, '')}/oauth2/token`;
}

/** Creates the token cache of one source; fetched tokens are added to `apiClient`'s secrets too. */
export function createTokenCache(
  options: VectaraOptions,
  apiVersion: VectaraApiVersion,
  apiClient: HttpClient,
): TokenCache {
  const source = options.name;
  const tokenUrl = new URL(options.tokenUrl ?? defaultVectaraTokenUrl(options.url, apiVersion, options.customerId));
  const client = createSourceHttpClient(options, { baseUrl: tokenUrl.origin, secrets: [options.clientSecret] });
  const path = tokenUrl.pathname;
  const label = `POST ${path}`;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchToken(counter: RequestCounter, signal?: AbortSignal): Promise<string> {
    const form = {
      grant_type: 'client_credentials',
      client_id: options.clientId ?? '',
      client_secret: options.clientSecret ?? '',
    };
    counter.requests += 1;
    const response = await client.send({ method: 'POST', path, form, mutating: false, signal });
    const body = parseJsonOrNull(response.text);
    if (response.status < 200 || response.status > 299)
      throw tokenError(source, label, response.status, body, options.clientSecret);
    const record = asRecord(body);
    const token = asString(record.access_token);
    if (token === null) throw shapeError(source, label, 'no `access_token` in the token response');
    const lifetimeSeconds =
      typeof record.expires_in === 'number' && record.expires_in > 0
        ? record.expires_in
        : DEFAULT_TOKEN_LIFETIME_SECONDS;
    client.addSecret(token);
    apiClient.addSecret(token);
    cached = {
      token,
      expiresAt: Date.now() + lifetimeSeconds * 1000 - Math.min(TOKEN_EXPIRY_MARGIN_MS, lifetimeSeconds * 100),
    };
    return token;
  }

  return {
    async token(counter, signal) {
      if (cached && cached.expiresAt > Date.now()) return cached.token;
      // why: concurrent list and detail calls share one token request.
      pending ??= fetchToken(counter, signal).finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate() {
      cached = null;
    },
    close: () => client.close(),
  };
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
  // why (issue 5): the token server's own words may quote the client secret back; redact it like every other error.
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
