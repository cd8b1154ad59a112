/**
 * OAuth2 client credentials for the simulator: `POST /webapi/oauth2/token` with the
 * credentials in the form or as Basic auth, tokens that expire, and the bearer check every
 * `/v3` call passes.
 */
import { createRandom, randomHex, type DemoRequest, type DemoResponse } from '../kit.js';
import { ALTERYX_DEMO_CLIENT_ID, ALTERYX_DEMO_CLIENT_SECRET } from './constants.js';

/** The simulator's token store. */
export interface TokenDesk {
  /** Answers a token request. */
  issue(request: DemoRequest): DemoResponse;
  /** True when the request carries a live bearer token. */
  authorized(request: DemoRequest): boolean;
  /** Forgets every token issued. */
  revokeAll(): void;
}

/** Creates the token store: tokens drawn from their own random source (so they leave the job draws alone). */
export function createTokenDesk(
  seed: number,
  lifetimeMs: number,
  now: () => number,
  accepts: 'basic' | 'form' | 'either' = 'either',
): TokenDesk {
  const random = createRandom(seed);
  const tokens = new Map<string, number>();

  /** The client id and secret from the form, or from a Basic Authorization header when there is one. */
  function credentials(
    request: DemoRequest,
    form: URLSearchParams,
  ): [clientId: string | null, clientSecret: string | null] {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !/^basic /i.test(header))
      return [form.get('client_id'), form.get('client_secret')];
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return [decoded.slice(0, colon), decoded.slice(colon + 1)];
  }

  return {
    issue(request) {
      const form = new URLSearchParams(request.body);
      if (form.get('grant_type') !== 'client_credentials')
        return { status: 400, json: { error: 'unsupported_grant_type' } };
      const header = request.headers.authorization;
      const viaBasic = typeof header === 'string' && /^basic /i.test(header);
      // why: some token endpoints take only one of the two ways (Alteryx clients send Basic).
      if ((accepts === 'basic' && !viaBasic) || (accepts === 'form' && viaBasic))
        return { status: 401, json: { error: 'invalid_client' } };
      const [clientId, clientSecret] = credentials(request, form);
      if (clientId !== ALTERYX_DEMO_CLIENT_ID || clientSecret !== ALTERYX_DEMO_CLIENT_SECRET)
        return { status: 400, json: { error: 'invalid_client' } };
      for (const [token, expiresAt] of tokens) if (expiresAt <= now()) tokens.delete(token);
      const token = randomHex(random, 48);
      tokens.set(token, now() + lifetimeMs);
      return {
        status: 200,
        json: { access_token: token, token_type: 'bearer', expires_in: Math.round(lifetimeMs / 1000) },
        headers: { 'cache-control': 'no-store' },
      };
    },
    authorized(request) {
      const header = request.headers.authorization;
      const token = typeof header === 'string' && /^bearer /i.test(header) ? header.slice(7).trim() : null;
      const expiresAt = token === null ? undefined : tokens.get(token);
      return expiresAt !== undefined && now() < expiresAt;
    },
    revokeAll() {
      tokens.clear();
    },
  };
}
