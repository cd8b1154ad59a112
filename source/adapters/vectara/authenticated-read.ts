/**
 * Sends Vectara reads with credentials: `x-api-key`, or an OAuth2 Bearer token that is fetched
 * again once when a read answers 401 (or v1 status UNAUTHENTICATED; kit/bearer-read.ts); v1 also
 * gets `customer-id`.
 */
import type { HttpClient } from '../http.js';
import { readWithBearer, withBearer, withCounter } from '../kit/bearer-read.js';
import type { TokenCache } from '../kit/token-cache.js';
import type { VectaraApiVersion, VectaraOptions } from './constants.js';
import type { VectaraRead } from './job-pages.js';
import { configError, isRejectedCredential } from './source-errors.js';

/** The read of one source; `oauth` is null when it uses an API key (or has no credentials). */
export function createAuthenticatedRead(
  options: VectaraOptions,
  apiVersion: VectaraApiVersion,
  client: HttpClient,
  oauth: TokenCache | null,
): VectaraRead {
  const name = options.name;

  /** The headers every read carries besides the Bearer token: `customer-id` on v1, `x-api-key` when set. */
  function fixedHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (apiVersion === 'v1') {
      if (!options.customerId) throw configError(name, 'Vectara v1 needs customerId (the customer-id header)');
      headers['customer-id'] = options.customerId;
    }
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    else if (!oauth) throw configError(name, 'set apiKey, or clientId and clientSecret for OAuth');
    return headers;
  }

  /** Sends a read; with OAuth, a rejected token is fetched again once and the read repeated once. */
  return async function read(request, counter, check) {
    // why Object.assign, not spreads: see kit/bearer-read.ts withBearer.
    const sent = withCounter(
      Object.assign({}, request, { headers: Object.assign({}, request.headers, fixedHeaders()) }),
      counter,
    );
    const attempt = async (token?: string) => {
      const body = await client.json(token === undefined ? sent : withBearer(sent, token));
      check(body);
      return body;
    };
    if (options.apiKey || !oauth) return attempt();
    // why: every Vectara job request is a read, so repeating it after a token refresh is safe.
    return readWithBearer(oauth, attempt, { counter, refused: isRejectedCredential });
  };
}
