/** Reads with the bearer token: fetched again and retried once after a 401 (reads only; a mutation is never re-sent). */
import type { HttpClient, HttpRequest } from '../http.js';
import { hasHttpStatus, withBearer, type RequestCounter } from './request-helpers.js';
import type { TokenKeeper } from './tokens.js';

/** Sends a read with the bearer token and parses its JSON, counting every request. */
export type ReadJson = (request: HttpRequest, counter: RequestCounter) => Promise<unknown>;

/** Creates the authorized JSON reader of one source. */
export function createAuthorizedReader(client: HttpClient, tokens: TokenKeeper): ReadJson {
  async function sendJson(request: HttpRequest, token: string, counter: RequestCounter): Promise<unknown> {
    counter.count++;
    return client.json(withBearer(request, token));
  }

  return async (request, counter) => {
    const token = await tokens.bearer(counter);
    try {
      return await sendJson(request, token, counter);
    } catch (error) {
      if (!hasHttpStatus(error, 401)) throw error;
      tokens.invalidate(token);
      return sendJson(request, await tokens.bearer(counter), counter);
    }
  };
}
