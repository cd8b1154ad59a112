/**
 * The only module that touches undici. It owns timeouts (connect, headers, whole request),
 * TLS options and proxies, the response body-size limit, JSON parsing, error mapping to
 * SourceError, redaction of secrets from anything it reports, and read-only enforcement:
 * a client built with `readonly: true` refuses to send any mutating request.
 */
import { readFileSync } from 'node:fs';
import type { Dispatcher } from 'undici';

type Undici = typeof import('undici');
let undiciModule: Promise<Undici> | undefined;

/**
 * undici, loaded on the first request. why: its module initialisation costs ~55 ms, which every
 * command paid at start-up, `--help` included (README "Performance").
 */
function loadUndici(): Promise<Undici> {
  // why: bundled, a CommonJS package imported dynamically exposes its exports on `default`.
  undiciModule ??= import('undici').then((module) => ((module as { default?: Undici }).default ?? module) as Undici);
  return undiciModule;
}
import { SourceError, describeStatus } from './errors.js';
import { extractVendorMessage, formatBytes, looksLikeHtml, parseJsonBody, parseRetryAfter, redactSecrets, redirectError, transportError } from './http-diagnosis.js';

export { describeTlsFailure, extractVendorMessage, parseRetryAfter, redactSecrets } from './http-diagnosis.js';

/** Query values; arrays become repeated keys. Undefined values are dropped. */
export type QueryValue = string | number | boolean | undefined | null | readonly string[];

/** One request, relative to the client's base URL. */
export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path appended to the base URL's path (leading slash). */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** A JSON body (sets content-type). */
  json?: unknown;
  /** A form body (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  /**
   * Whether the request changes server state. Defaults to true for anything but GET, so a
   * POST that only reads (Vectara v1 list, logins, token requests) must say `mutating: false`.
   */
  mutating?: boolean;
  /** Caller's cancellation. */
  signal?: AbortSignal;
}

/** A response whose body was read within the size limit. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text (UTF-8). */
  text: string;
  /** Content-Type without parameters, lower case ('' when absent). */
  contentType: string;
}

/** A parsed JSON body with the status and headers it came with. */
export interface JsonResponse {
  status: number;
  headers: HttpResponse['headers'];
  /** The parsed body; null for an allowed empty body. */
  value: unknown;
}

/** How to reach one source. */
export interface HttpClientOptions {
  /** Source name, used in every error. */
  source: string;
  /** Base URL; request paths are appended to its path. */
  baseUrl: string;
  /** Whole-request timeout in ms (default 10 s). */
  timeoutMs?: number;
  /** TCP/TLS connect timeout in ms (default 5 s). */
  connectTimeoutMs?: number;
  /** Largest response body read, in bytes (default 4 MiB); the rest is not read. */
  maxBodyBytes?: number;
  /** Refuse every mutating request (enforced here, not only in the UI). */
  readonly?: boolean;
  /** PEM CA bundle path for self-signed company CAs. */
  caFile?: string;
  /** Skip TLS verification (per source only; the UI shows a warning badge). */
  insecure?: boolean;
  /** Secret values to scrub from any text this client reports. */
  secrets?: readonly string[];
  /** A dispatcher to use instead of building one (tests). */
  dispatcher?: Dispatcher;
}

/** A client bound to one source's base URL. */
export interface HttpClient {
  readonly source: string;
  /** Sends a request; resolves with any status, rejects with SourceError on transport failures. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /**
   * Sends a request and parses a JSON body; rejects with a SourceError for non-2xx statuses
   * (with the server's own message), HTML, empty or invalid JSON bodies.
   */
  json(request: HttpRequest, options?: { allowEmpty?: boolean }): Promise<unknown>;
  /** json() that also returns the response's status and headers (Link-header paging, action outcomes). */
  jsonResponse(request: HttpRequest, options?: { allowEmpty?: boolean }): Promise<JsonResponse>;
  /** Adds a secret to redact (e.g. a token obtained at run time). */
  addSecret(secret: string): void;
  /** Frees the connection pool. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Default response size limit (issue 7: "a few MB per response"). */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Creates the HTTP client of one source. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const source = options.source;
  const base = new URL(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const secrets = new Set((options.secrets ?? []).filter((secret) => secret.length >= 4));
  let dispatcher: Promise<Dispatcher> | undefined;
  const getDispatcher = () => (dispatcher ??= options.dispatcher ? Promise.resolve(options.dispatcher) : buildDispatcher(options));
  const redact = (text: string) => redactSecrets(text, secrets);

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const label = `${method} ${joinPath(base.pathname, req.path)}`;
    const mutating = req.mutating ?? method !== 'GET';
    if (mutating && options.readonly) {
      throw new SourceError({ source, kind: 'readonly', short: 'read-only', detail: 'this source is read-only; nothing was sent', request: label });
    }
    const url = buildUrl(base, req.path, req.query);
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let response: Dispatcher.ResponseData;
    try {
      const [{ request }, agent] = await Promise.all([loadUndici(), getDispatcher()]);
      response = await request(url, { method, headers, body, signal, dispatcher: agent, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    } catch (error) {
      throw transportError(source, label, error, timeout.aborted, redact);
    }
    let text: string;
    try {
      text = await readLimited(response.body, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        throw new SourceError({ source, kind: 'too-large', short: 'response too large', detail: `over ${formatBytes(maxBodyBytes)}; the rest was not read`, status: response.statusCode, request: label });
      }
      throw transportError(source, label, error, timeout.aborted, redact);
    }
    const rawType = response.headers['content-type'];
    const contentType = (Array.isArray(rawType) ? rawType[0] : rawType ?? '').split(';')[0].trim().toLowerCase();
    return { status: response.statusCode, headers: response.headers, text, contentType };
  }

  async function json(req: HttpRequest, opts: { allowEmpty?: boolean } = {}): Promise<unknown> {
    return (await jsonResponse(req, opts)).value;
  }

  async function jsonResponse(req: HttpRequest, opts: { allowEmpty?: boolean } = {}): Promise<JsonResponse> {
    const response = await send(req);
    const answer = (value: unknown): JsonResponse => ({ status: response.status, headers: response.headers, value });
    const label = `${req.method ?? 'GET'} ${joinPath(base.pathname, req.path)}`;
    const parsed = parseJsonBody(response);
    if (response.status >= 300 && response.status <= 399) throw redirectError(source, label, response);
    if (response.status < 200 || response.status > 299) {
      const { kind, short } = describeStatus(response.status);
      const vendorMessage = parsed.ok ? extractVendorMessage(parsed.value) : looksLikeHtml(response) ? 'HTML error page' : response.text.trim().slice(0, 200);
      throw new SourceError({
        source,
        kind,
        short,
        detail: vendorMessage ? redact(vendorMessage) : undefined,
        status: response.status,
        request: label,
        retryAfterMs: parseRetryAfter(response.headers['retry-after']),
      });
    }
    if (response.text.trim() === '') {
      if (opts.allowEmpty) return answer(null);
      throw new SourceError({ source, kind: 'empty', short: 'empty response', status: response.status, request: label });
    }
    if (looksLikeHtml(response)) {
      throw new SourceError({ source, kind: 'html', short: 'HTML instead of JSON', detail: 'a proxy or login page answered; check the url', status: response.status, request: label });
    }
    if (!parsed.ok) {
      throw new SourceError({ source, kind: 'parse', short: 'invalid JSON', detail: parsed.error, status: response.status, request: label });
    }
    return answer(parsed.value);
  }

  return {
    source,
    send,
    json,
    jsonResponse,
    addSecret(secret) {
      if (secret.length >= 4) secrets.add(secret);
    },
    async close() {
      if (!options.dispatcher && dispatcher) await (await dispatcher).close().catch(() => undefined);
    },
  };
}

async function buildDispatcher(options: HttpClientOptions): Promise<Dispatcher> {
  const { EnvHttpProxyAgent } = await loadUndici();
  const ca = options.caFile ? readFileSync(options.caFile, 'utf8') : undefined;
  const tls = { ca, rejectUnauthorized: options.insecure !== true };
  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  // why: EnvHttpProxyAgent honours HTTP_PROXY / HTTPS_PROXY / NO_PROXY and behaves as a plain
  // Agent when none is set (issue 5). Through a proxy, undici's ProxyAgent replaces `connect`
  // with its tunnel: the connect timeout only applies if given again in proxyTls (the hop to
  // the proxy) and requestTls (the TLS handshake with the origin inside the tunnel). The
  // proxy's own TLS keeps the system CAs (NODE_EXTRA_CA_CERTS): caFile is the source's CA.
  // Redirects are not followed (undici's request() has no redirect interceptor here), so
  // credentials never reach a host the config does not name; json() reports a 3xx instead.
  return new EnvHttpProxyAgent({ connect: { ...tls, timeout: connectTimeout }, requestTls: { ...tls, timeout: connectTimeout }, proxyTls: { timeout: connectTimeout } });
}

function joinPath(basePath: string, path: string): string {
  const left = basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
  return `${left}${path.startsWith('/') ? path : `/${path}`}`;
}

function buildUrl(base: URL, path: string, query?: Record<string, QueryValue>): string {
  const url = new URL(base.href);
  url.pathname = joinPath(base.pathname, path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
    else url.searchParams.set(key, String(value));
  }
  return url.href;
}

class BodyTooLargeError extends Error {}

async function readLimited(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      body.destroy();
      throw new BodyTooLargeError();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
