/**
 * `POST /oauth2/token`: `grant_type=client_credentials` with the client id and secret in the form or
 * in Basic auth; Cognito-style `{"error": "invalid_client"}` refusals. Issued tokens live an hour.
 */
import { randomHex, type DemoRequest, type DemoResponse } from '../kit.js';
import {
  SECOND,
  VECTARA_DEMO_CLIENT_ID,
  VECTARA_DEMO_CLIENT_SECRET,
  VECTARA_DEMO_TOKEN_LIFETIME_SECONDS,
} from './constants.js';
import { headerValue } from './wire-format.js';

/** The OAuth tokens the simulator issued, with their expiry. */
export interface OAuthTokens {
  /** Answers `POST /oauth2/token`. */
  issue(request: DemoRequest): DemoResponse;
  /** Whether this token was ever issued (expired or revoked ones included). */
  known(token: string): boolean;
  /** Whether this token was issued and has not expired or been revoked. */
  live(token: string): boolean;
  /** Expires every issued token. */
  revokeAll(): void;
  /** How many tokens were issued. */
  readonly issued: number;
}

/** Creates the token endpoint; `random` draws the token text, `now` is the clock. */
export function createOAuthTokens(random: () => number, now: () => number): OAuthTokens {
  const tokens = new Map<string, number>();
  let issued = 0;
  return {
    issue(request) {
      if (request.method !== 'POST') return { status: 405, json: { error: 'invalid_request' } };
      const form = new URLSearchParams(request.body);
      if (form.get('grant_type') !== 'client_credentials')
        return { status: 400, json: { error: 'unsupported_grant_type' } };
      const basic = /^Basic (.+)$/.exec(headerValue(request.headers, 'authorization') ?? '');
      const [clientId, clientSecret] = basic
        ? Buffer.from(basic[1], 'base64').toString('utf8').split(':')
        : [form.get('client_id'), form.get('client_secret')];
      if (clientId !== VECTARA_DEMO_CLIENT_ID || clientSecret !== VECTARA_DEMO_CLIENT_SECRET)
        return { status: 400, json: { error: 'invalid_client' } };
      issued += 1;
      const token = `eyJ.demo-${issued}.${randomHex(random, 24)}`;
      tokens.set(token, now() + VECTARA_DEMO_TOKEN_LIFETIME_SECONDS * SECOND);
      return {
        status: 200,
        json: { access_token: token, expires_in: VECTARA_DEMO_TOKEN_LIFETIME_SECONDS, token_type: 'Bearer' },
      };
    },
    known: (token) => tokens.has(token),
    live(token) {
      const expiresAt = tokens.get(token);
      return expiresAt !== undefined && expiresAt > now();
    },
    revokeAll() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    get issued() {
      return issued;
    },
  };
}
