/**
 * Reads a JWT's `exp` claim without verifying the signature (jobtop has no key and needs
 * none: the server verifies; `check` only tells the operator when the token stops working).
 */

/** What the payload says about expiry. */
export type TokenExpiry = { kind: 'expires'; at: number } | { kind: 'no-expiry' } | { kind: 'not-a-jwt' };

/** How long before expiry `check` starts warning. */
export const TOKEN_WARNING_MS = 7 * 24 * 3600 * 1000;

/** Decodes the payload segment (base64url JSON) and returns its `exp` as epoch ms. */
export function readTokenExpiry(token: string): TokenExpiry {
  const parts = token.split('.');
  if (parts.length !== 3) return { kind: 'not-a-jwt' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  } catch {
    return { kind: 'not-a-jwt' };
  }
  if (!payload || typeof payload !== 'object') return { kind: 'not-a-jwt' };
  const exp = (payload as Record<string, unknown>).exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? { kind: 'expires', at: exp * 1000 } : { kind: 'no-expiry' };
}

/** "in 3 days", "in 5 hours", "2 days ago". */
export function describeDistance(ms: number): string {
  const abs = Math.abs(ms);
  const [value, unit] =
    abs >= 2 * 86_400_000
      ? [Math.floor(abs / 86_400_000), 'day']
      : abs >= 2 * 3_600_000
        ? [Math.floor(abs / 3_600_000), 'hour']
        : [Math.max(1, Math.floor(abs / 60_000)), 'minute'];
  const text = `${value} ${unit}${value === 1 ? '' : 's'}`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}
