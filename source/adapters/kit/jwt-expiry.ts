/** When a JWT says it expires, read from its payload without verifying it (the server verifies). */

/**
 * The `exp` claim of a JWT (RFC 7519 §4.1.4, seconds since the epoch) as epoch ms; null when the
 * token is not a JWT or has no numeric `exp`. The signature is not checked: this only tells the
 * operator when the credential will stop working.
 */
export function jwtExpiresAt(token: string | undefined): number | null {
  const parts = token?.split('.') ?? [];
  if (parts.length !== 3 || parts[1] === undefined || parts[1] === '') return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const exp = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
