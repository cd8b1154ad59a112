/**
 * Warnings `check` gives about a source that may well work today: an OSAPI token that expires
 * within a week, TLS verification switched off, credentials over plain HTTP to another
 * machine, the retired Vectara v1 API.
 */
import type { ConfiguredSource } from '../../config/load-config.js';
import { TOKEN_WARNING_MS, describeDistance, readTokenExpiry } from './check-token.js';

/** Warnings and facts about one source's configuration. */
export interface SourceNotes {
  warnings: string[];
  /** OSAPI: when the token's `exp` claim says it stops working (epoch ms), else null. */
  tokenExpiresAt: number | null;
  /** One line about the token for the report ("token expires 2026-12-01 (in 9 days)"). */
  tokenNote: string | null;
}

/** What `check` notes about a source's configuration at time `now`. */
export function notesFor(source: ConfiguredSource, now: number): SourceNotes {
  const spec = source.spec as unknown as Record<string, unknown>;
  const warnings: string[] = [];
  let tokenExpiresAt: number | null = null;
  let tokenNote: string | null = null;
  if (source.spec.type === 'osapi' && typeof spec.token === 'string') {
    const expiry = readTokenExpiry(spec.token);
    if (expiry.kind === 'expires') {
      tokenExpiresAt = expiry.at;
      const when = `${new Date(expiry.at).toISOString().slice(0, 16).replace('T', ' ')} UTC (${describeDistance(expiry.at - now)})`;
      tokenNote = expiry.at <= now ? `token expired ${when}` : `token expires ${when}`;
      if (expiry.at <= now)
        warnings.push(`the OSAPI token expired ${when}: mint a new one with \`osapi token generate\``);
      else if (expiry.at - now <= TOKEN_WARNING_MS)
        warnings.push(`the OSAPI token expires ${when}: mint a new one with \`osapi token generate\``);
    } else if (expiry.kind === 'no-expiry') {
      tokenNote = 'token has no exp claim (never expires)';
    } else {
      warnings.push('the OSAPI token is not a JWT (header.payload.signature); the server will likely refuse it');
    }
  }
  if (source.insecure && source.spec.url.startsWith('https:'))
    warnings.push('insecure: true: the TLS certificate is not verified, so anyone in between can read the credentials');
  if (source.spec.url.startsWith('http:') && hasCredentials(spec) && !isLoopback(source.spec.url)) {
    warnings.push(`credentials go over plain http to ${new URL(source.spec.url).host}: use https`);
  }
  if (source.spec.type === 'vectara' && spec.apiVersion === 'v1')
    warnings.push('Vectara retired the v1 API on 2025-08-16: move to apiVersion: v2');
  return { warnings, tokenExpiresAt, tokenNote };
}

function hasCredentials(spec: Record<string, unknown>): boolean {
  // why: an http-json source's credentials may be in headers (their secret values are listed in `secrets`).
  if (Array.isArray(spec.secrets) && spec.secrets.length > 0) return true;
  return ['token', 'password', 'apiKey', 'clientSecret', 'apiToken'].some(
    (key) => typeof spec[key] === 'string' && spec[key] !== '',
  );
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}
