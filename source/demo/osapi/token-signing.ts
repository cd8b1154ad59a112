/** Minting demo JWTs the way `osapi token generate` does (HS256, roles, iss, sub, aud, exp, iat). */
import { createHmac } from 'node:crypto';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, OSAPI_DEMO_SIGNING_KEY, OSAPI_DEMO_SUBJECT } from './constants.js';

/** Claims and signing options of a demo token. */
export interface OsapiTokenOptions {
  /** Built-in roles (`read`, `write`, `admin`); default `['admin']`. */
  roles?: string[];
  /** Direct permissions; when given they override the roles (IdP override). */
  permissions?: string[];
  /** Lifetime from `issuedAt` (default three months). Negative values mint expired tokens. */
  expiresInSeconds?: number;
  signingKey?: string;
  subject?: string;
  /** Epoch ms of `iat` (default Date.now()); pass the simulator's clock in tests. */
  issuedAt?: number;
}

/** Mints an HS256 JWT shaped like `osapi token generate` output (roles, iss, sub, aud, exp, iat). */
export function signOsapiDemoToken(options: OsapiTokenOptions = {}): string {
  const issuedAt = Math.floor((options.issuedAt ?? Date.now()) / 1000);
  const claims: Record<string, unknown> = { roles: options.roles ?? ['admin'] };
  if (options.permissions && options.permissions.length > 0) claims.permissions = options.permissions;
  Object.assign(claims, {
    iss: 'osapi',
    sub: options.subject ?? OSAPI_DEMO_SUBJECT,
    aud: ['https://localhost', 'http://localhost'],
    exp: issuedAt + (options.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS),
    iat: issuedAt,
  });
  const signingInput = `${encodeSegment({ alg: 'HS256', typ: 'JWT' })}.${encodeSegment(claims)}`;
  return `${signingInput}.${hmac('HS256', options.signingKey ?? OSAPI_DEMO_SIGNING_KEY, signingInput).toString('base64url')}`;
}

/** The HMAC algorithms golang-jwt accepts for `SigningMethodHMAC`, with their node:crypto hash names. */
export const HMAC_HASHES: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** The raw HMAC signature of `input` under `key` for a JWT `alg` listed in HMAC_HASHES. */
export function hmac(algorithm: string, key: string, input: string): Buffer {
  return createHmac(HMAC_HASHES[algorithm], key).update(input).digest();
}

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
