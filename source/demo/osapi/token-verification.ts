/**
 * Bearer-token checks of the controller's middleware (`authtoken.Validate` on golang-jwt v4,
 * `internal/controller/api/middleware.go`), with Go's exact error texts and 401/403 bodies.
 */
import { timingSafeEqual } from 'node:crypto';
import type { DemoRequest, DemoResponse } from '../kit.js';
import { formatGoDuration } from './go-format.js';
import { errorBody } from './http-responses.js';
import { HMAC_HASHES, hmac } from './token-signing.js';

const OTHER_ALGORITHMS = new Set([
  'none',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);
const ROLE_NAMES = new Set(['read', 'write', 'admin']);

/** Built-in role → permissions (internal/authtoken/permissions.go). */
const ROLE_PERMISSIONS: Record<string, string[]> = {
  admin: [
    'agent:read',
    'agent:write',
    'node:read',
    'network:read',
    'network:write',
    'job:read',
    'job:write',
    'health:read',
    'audit:read',
    'command:execute',
    'file:read',
    'file:write',
    'container:read',
    'container:write',
    'container:execute',
  ],
  write: [
    'agent:read',
    'node:read',
    'network:read',
    'network:write',
    'job:read',
    'job:write',
    'health:read',
    'file:read',
    'file:write',
    'container:read',
    'container:write',
  ],
  read: ['agent:read', 'node:read', 'network:read', 'job:read', 'health:read', 'file:read', 'container:read'],
};

type TokenCheck = { ok: true; permissions: Set<string> } | { ok: false; reason: string };

/** The middleware's answer to a request needing `permission`: null to let it through, else the 401/403. */
export function authorize(
  request: DemoRequest,
  permission: string,
  signingKey: string,
  now: () => number,
): DemoResponse | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return errorBody(401, 'Bearer token required');
  const check = verifyToken(header.slice(7), signingKey, now());
  if (!check.ok) return errorBody(401, `Invalid token: ${check.reason}`);
  if (check.permissions.has(permission)) return null;
  return errorBody(
    403,
    `Insufficient permissions. Required: [${permission}], resolved: ${formatGoPermissionMap(check.permissions)}`,
  );
}

/** Verifies a bearer token like `authtoken.Validate` and resolves its permissions. */
function verifyToken(token: string, signingKey: string, nowMs: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'token contains an invalid number of segments' };
  const header = decodeSegment(parts[0]);
  if (!header.ok) return header;
  const payload = decodeSegment(parts[1]);
  if (!payload.ok) return payload;
  const algorithm = header.value.alg;
  if (typeof algorithm !== 'string') return { ok: false, reason: 'signing method (alg) is unspecified.' };
  if (!Object.hasOwn(HMAC_HASHES, algorithm))
    return {
      ok: false,
      reason: OTHER_ALGORITHMS.has(algorithm) ? 'unexpected signing method' : 'signing method (alg) is unavailable.',
    };
  let problem = claimsProblem(payload.value, nowMs);
  const expected = hmac(algorithm, signingKey, `${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) problem = 'signature is invalid';
  problem ??= rolesProblem(payload.value.roles);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, permissions: resolvePermissions(payload.value.roles, payload.value.permissions) };
}

/** Decodes one JWT segment the way golang-jwt v4 does, returning Go's error text on failure. */
function decodeSegment(segment: string): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  const bad = /[^A-Za-z0-9_-]/.exec(segment);
  if (bad) return { ok: false, reason: `illegal base64 data at input byte ${bad.index}` };
  const text = Buffer.from(segment, 'base64url').toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return { ok: true, value: value as Record<string, unknown> };
    return { ok: false, reason: 'json: cannot unmarshal into Go value of type map[string]interface {}' };
  } catch {
    const first = text.trim()[0];
    return {
      ok: false,
      reason: first ? `invalid character '${first}' looking for beginning of value` : 'unexpected end of JSON input',
    };
  }
}

/** golang-jwt v4 `RegisteredClaims.Valid`: exp, then iat, then nbf; the last failure wins. */
function claimsProblem(claims: Record<string, unknown>, nowMs: number): string | null {
  let problem: string | null = null;
  if (typeof claims.exp === 'number' && nowMs >= claims.exp * 1000)
    problem = `token is expired by ${formatGoDuration((nowMs - claims.exp * 1000) * 1e6)}`;
  if (typeof claims.iat === 'number' && nowMs < claims.iat * 1000) problem = 'token used before issued';
  if (typeof claims.nbf === 'number' && nowMs < claims.nbf * 1000) problem = 'token is not valid yet';
  return problem;
}

/** go-playground validation of `CustomClaims.Roles` (`required,dive,oneof=read write admin`). */
function rolesProblem(roles: unknown): string | null {
  if (!Array.isArray(roles) || roles.length === 0)
    return "Key: 'CustomClaims.Roles' Error:Field validation for 'Roles' failed on the 'required' tag";
  const index = roles.findIndex((role) => !ROLE_NAMES.has(String(role)));
  return index === -1
    ? null
    : `Key: 'CustomClaims.Roles[${index}]' Error:Field validation for 'Roles[${index}]' failed on the 'oneof' tag`;
}

function resolvePermissions(roles: unknown, permissions: unknown): Set<string> {
  if (Array.isArray(permissions) && permissions.length > 0) return new Set(permissions.map(String));
  return new Set((roles as string[]).flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
}

/** Go's `%v` of a `map[string]bool`: sorted keys, `map[a:true b:true]`. */
function formatGoPermissionMap(permissions: Set<string>): string {
  return `map[${[...permissions]
    .sort()
    .map((permission) => `${permission}:true`)
    .join(' ')}]`;
}
