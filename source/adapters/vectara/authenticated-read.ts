/**
 * Sends Vectara reads with credentials: `x-api-key`, or an OAuth2 Bearer token that is fetched
 * again once when a read answers 401 (or v1 status UNAUTHENTICATED); v1 also gets `customer-id`.
 */
import type { HttpClient } from '../http.js';
import type { VectaraApiVersion, VectaraOptions } from './constants.js';
import type { RequestCounter, VectaraRead } from './job-pages.js';
import type { TokenCache } from './oauth-token-cache.js';
import { configError, isRejectedCredential } from './source-errors.js';

/** The read of one source; `oauth` is null when it uses an API key (or has no credentials). */
export function createAuthenticatedRead(
  options: VectaraOptions,
  apiVersion: VectaraApiVersion,
  client: HttpClient,
  oauth: TokenCache | null,
): VectaraRead {
  const name = options.name;

  async function credentialHeaders(counter: RequestCounter, signal?: AbortSignal): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    if (apiVersion === 'v1') {
      if (!options.customerId) throw configError(name, 'Vectara v1 needs customerId (the customer-id header)');
      headers['customer-id'] = options.customerId;
    }
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    else if (oauth) headers.authorization = `Bearer ${await oauth.token(counter, signal)}`;
    else throw configError(name, 'set apiKey, or clientId and clientSecret for OAuth');
    return headers;
  }

  /** Sends a read; with OAuth, a rejected token is fetched again once and the read repeated once. */
  return async function read(request, counter, check) {
    const attempt = async () => {
      const headers = await credentialHeaders(counter, request.signal);
      counter.requests += 1;
      const body = await client.json({ ...request, headers: { ...request.headers, ...headers } });
      check(body);
      return body;
    };
    try {
      return await attempt();
    } catch (error) {
      // why: every Vectara job request is a read, so repeating it after a token refresh is safe.
      if (!oauth || !isRejectedCredential(error)) throw error;
      oauth.invalidate();
      return attempt();
    }
  };
}
