/**
 * Builds a source's HTTP client from its options, so every adapter wires the transport
 * settings (timeouts, size limit, read-only, TLS) the same way, in one place.
 */
import type { BaseSourceOptions } from './contract.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http.js';
import type { RequestCounter } from './kit/request-counter.js';

/** The transport settings of a source's options, as createHttpClient takes them. */
export function transportOptions(
  options: BaseSourceOptions,
): Pick<HttpClientOptions, 'timeoutMs' | 'connectTimeoutMs' | 'maxBodyBytes' | 'readonly' | 'caFile' | 'insecure'> {
  const { timeoutMs, connectTimeoutMs, maxBodyBytes, readonly, caFile, insecure } = options;
  return { timeoutMs, connectTimeoutMs, maxBodyBytes, readonly, caFile, insecure };
}

/**
 * A source's HTTP client: its name in every error, its secrets redacted, its base URL (default:
 * options.url), and every request it sends counted on `sent` (the source's session counter, shared
 * by all the clients of one source, token endpoints included).
 */
export function createSourceHttpClient(
  options: BaseSourceOptions,
  init: { baseUrl?: string; secrets?: readonly (string | null | undefined)[]; sent?: RequestCounter } = {},
): HttpClient {
  return createHttpClient({
    ...transportOptions(options),
    source: options.name,
    baseUrl: init.baseUrl ?? options.url,
    secrets: (init.secrets ?? []).filter((secret): secret is string => typeof secret === 'string' && secret.length > 0),
    sent: init.sent,
  });
}
