/**
 * How the HTTP client diagnoses what went wrong: transport failures (refused, DNS, TLS,
 * timeouts), redirects, HTML and unparsable bodies, the vendors' own error messages,
 * Retry-After, and redaction of secrets from anything reported. Split from http.ts; only
 * http.ts imports undici.
 */
import { bodyExcerpt, redactSecrets } from '../domain/redact.js';
import { SourceError } from './errors.js';
import type { HttpResponse } from './http.js';

export function transportError(
  source: string,
  label: string,
  error: unknown,
  timedOut: boolean,
  redact: (text: string) => string,
): SourceError {
  const err = error as { code?: string; cause?: { code?: string }; name?: string; message?: string };
  const code = err?.code ?? err?.cause?.code ?? '';
  const message = redact(String(err?.message ?? error));
  if (
    timedOut ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    err?.name === 'TimeoutError'
  ) {
    return new SourceError({ source, kind: 'timeout', short: 'timeout', detail: 'no answer in time', request: label });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT')
    return new SourceError({ source, kind: 'timeout', short: 'connect timeout', request: label });
  if (code === 'ECONNREFUSED')
    return new SourceError({ source, kind: 'refused', short: 'connection refused', request: label });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new SourceError({ source, kind: 'dns', short: 'DNS lookup failed', detail: message, request: label });
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|EPROTO/i.test(code)) {
    // why: for an IP url Node's message lists only the certificate's IP names (often none); the names it holds tell the operator what to put in url.
    const names = (error as { cert?: { subjectaltname?: string } }).cert?.subjectaltname;
    const detail = `${code}: ${message}${code === 'ERR_TLS_CERT_ALTNAME_INVALID' && names ? ` (the certificate is for ${names})` : ''}`;
    return new SourceError({ source, kind: 'tls', short: describeTlsFailure(code), detail, request: label });
  }
  if (err?.name === 'AbortError') return new SourceError({ source, kind: 'network', short: 'aborted', request: label });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return new SourceError({ source, kind: 'network', short: 'connection reset', detail: message, request: label });
  return new SourceError({
    source,
    kind: 'network',
    short: 'network error',
    detail: code ? `${code}: ${message}` : message,
    request: label,
  });
}

/** A few words for a TLS failure code, as `check` and the health cell show it. */
export function describeTlsFailure(code: string): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'TLS: certificate is for another host name';
  if (code === 'CERT_HAS_EXPIRED') return 'TLS: certificate expired';
  if (code === 'CERT_NOT_YET_VALID') return 'TLS: certificate not yet valid';
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE/.test(code))
    return 'TLS: certificate not trusted';
  if (/WRONG_VERSION_NUMBER|EPROTO|PACKET_LENGTH_TOO_LONG|UNKNOWN_PROTOCOL/.test(code)) return 'TLS handshake failed';
  return 'TLS error';
}

/** A 3xx: not followed (the credentials would go along), reported with where it pointed, without its query. */
export function redirectError(source: string, label: string, response: HttpResponse): SourceError {
  const location = Array.isArray(response.headers.location) ? response.headers.location[0] : response.headers.location;
  let target = '';
  try {
    const url = location ? new URL(location, 'http://relative.invalid') : null;
    if (url) target = url.host === 'relative.invalid' ? url.pathname : `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    target = '';
  }
  const detail = `${target ? `to ${target}; ` : ''}jobtop does not follow redirects (credentials would go along): set url to the final address`;
  return new SourceError({
    source,
    kind: 'http',
    short: `HTTP ${response.status} redirect`,
    detail,
    status: response.status,
    request: label,
  });
}

/**
 * Parses a JSON body; when it does not parse, the error quotes the body's start through the one
 * redaction every excerpt takes (credential keys' values and `secrets` removed: a token response
 * cut off mid-token would otherwise show the token).
 */
export function parseJsonBody(
  response: HttpResponse,
  secrets: Iterable<string> = [],
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (response.text.trim() === '') return { ok: false, error: 'empty body' };
  try {
    return { ok: true, value: JSON.parse(response.text) };
  } catch (error) {
    const snippet = bodyExcerpt(response.text, 40, secrets);
    return { ok: false, error: `${(error as Error).message}; body starts ${JSON.stringify(snippet)}` };
  }
}

export function looksLikeHtml(response: HttpResponse): boolean {
  return response.contentType === 'text/html' || /^\s*<(!doctype|html|head|body)/i.test(response.text.slice(0, 200));
}

/**
 * Pulls the human message out of the error shapes the five vendors use:
 * `{error}`, `{message}` (OSAPI, Alteryx, gRPC gateway), `{messages: []}` (Vectara v2),
 * `{title, description}` (Falcon/MCRIT), `{data: {message}}` (MCRIT wrapper),
 * `{status: [{code, statusDetail}]}` (Vectara v1).
 */
export function extractVendorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 300);
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const pick = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  const messages = Array.isArray(record.messages)
    ? record.messages.filter((m) => typeof m === 'string').join('; ')
    : undefined;
  const falcon = pick(record.title)
    ? [pick(record.title), pick(record.description)].filter(Boolean).join(': ')
    : undefined;
  const nested =
    record.data && typeof record.data === 'object' ? pick((record.data as Record<string, unknown>).message) : undefined;
  const statusList = Array.isArray(record.status)
    ? record.status
        .map((s) =>
          s && typeof s === 'object'
            ? [pick((s as Record<string, unknown>).code), pick((s as Record<string, unknown>).statusDetail)]
                .filter(Boolean)
                .join(': ')
            : '',
        )
        .filter(Boolean)
        .join('; ')
    : undefined;
  const fieldErrors =
    record.field_errors && typeof record.field_errors === 'object'
      ? Object.entries(record.field_errors as Record<string, unknown>)
          .map(([field, msg]) => `${field}: ${String(msg)}`)
          .join('; ')
      : undefined;
  const found =
    pick(record.error) ??
    pick(record.message) ??
    (messages || undefined) ??
    falcon ??
    nested ??
    (statusList || undefined) ??
    pick(record.error_description);
  const withFields = [found, fieldErrors].filter(Boolean).join('; ');
  return withFields ? withFields.slice(0, 500) : undefined;
}

/** Parses Retry-After (seconds or an HTTP date) to ms, or undefined. */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

export { redactSecrets };

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
