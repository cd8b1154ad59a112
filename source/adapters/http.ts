/**
 * The only module that touches undici. It owns timeouts (connect, headers, whole request),
 * TLS options and proxies, the response body-size limit, JSON parsing, error mapping to
 * SourceError, redaction of secrets from anything it reports, and read-only enforcement:
 * a client built with `readonly: true` refuses to send any mutating request.
 */
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';

type Undici = typeof import('undici');
let undiciModule: Promise<Undici> | undefined;

/**
 * undici, loaded on the first request. why: its module initialisation costs ~55 ms, which every
 * command paid at start-up, `--help` included (README "Performance").
 */
function loadUndici(): Promise<Undici> {
  // why: bundled, a CommonJS package imported dynamically exposes its exports on `default`.
  undiciModule ??= import('undici').then((module) => (module as { default?: Undici }).default ?? module);
  return undiciModule;
}

/**
 * Starts loading the HTTP client's library now, for a caller that will send requests soon and
 * has other work to do meanwhile (the monitor's start-up, docs/performance.md "Session 4:
 * start-up"). Never rejects: a failure surfaces on the first request, as without it.
 */
export function preloadHttpClient(): Promise<void> {
  return loadUndici().then(
    () => undefined,
    () => undefined,
  );
}
import { SourceError, describeStatus } from './errors.js';
import { bodyExcerpt, MIN_SECRET_LENGTH, redactText } from '../domain/redact.js';
import {
  extractVendorMessage,
  formatBytes,
  looksLikeHtml,
  parseJsonBody,
  parseRetryAfter,
  redirectError,
  transportError,
} from './http-diagnosis.js';
import { countRequest, type RequestCounter } from './kit/request-counter.js';
import { BodyReader, BodyTooLargeError, type ReadResponse } from './body-reader.js';
import { NOT_CUT, PIECES_MIN_BYTES, parseJsonPieces } from './json-pieces.js';
import { RecordTexts } from './record-texts.js';
import { createReusedAnswers, type ReadBody } from './reused-answers.js';
import { buildUrl, createRequestTargets, joinPath, type QueryValue } from './request-targets.js';

export { describeTlsFailure, extractVendorMessage, parseRetryAfter, redactSecrets } from './http-diagnosis.js';

export type { QueryValue } from './request-targets.js';

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
  /**
   * Over the size limit without a Content-Length, read the rest (dropped, bounded) to report the
   * body's size: for a result the operator is told about ("result is 4.2 MB"), not for polls.
   */
  measureOversize?: boolean;
  /** The poll or call this request belongs to: the client adds one to it when it sends the request. */
  counter?: RequestCounter;
  /**
   * A list page polled again and again: when a 2xx answer is byte-identical to this request's
   * previous good answer (same method, URL and body; same content type), json() returns the
   * previous parsed value — the very same object, not parsed again — so unchanged records keep
   * their identity and nothing downstream recomputes. Callers must never mutate that value.
   */
  reuse?: boolean;
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
  /** Counts every request this client sends (the source's session; several clients may share it). */
  sent?: RequestCounter;
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
  /**
   * Streams a 2xx response body into `file` without the body-size limit (a result too large to
   * show, saved whole); resolves with the bytes written. Non-2xx answers reject like json() does.
   */
  saveTo(request: HttpRequest, file: string): Promise<{ bytes: number }>;
  /** json() that also returns the response's status and headers (Link-header paging, action outcomes). */
  jsonResponse(request: HttpRequest, options?: { allowEmpty?: boolean }): Promise<JsonResponse>;
  /** Adds a secret to redact (e.g. a token obtained at run time). */
  addSecret(secret: string): void;
  /** Frees the connection pool. */
  close(): Promise<void>;
}

/** Every token received at run time (logins, token endpoints), redacted from every client's reports. */
const receivedTokens = new Set<string>();

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Default response size limit: a few MB per response (docs/faults.md, `maxBodySize`). */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Creates the HTTP client of one source. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const source = options.source;
  const base = new URL(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const secrets = new Set((options.secrets ?? []).filter((secret) => secret.length >= MIN_SECRET_LENGTH));
  // why: this source's secrets and every token any source received in this process, so a token
  // quoted back by another server (or another source's error) never shows.
  const known = () => [...secrets, ...receivedTokens];
  let dispatcher: Promise<Dispatcher> | undefined;
  /** The dispatcher once built: later requests skip awaiting it. */
  let dispatcherNow: Dispatcher | undefined;
  const getDispatcher = () =>
    (dispatcher ??= options.dispatcher ? Promise.resolve(options.dispatcher) : buildDispatcher(options));
  const redact = (text: string) => redactText(text, known());

  const reused = createReusedAnswers();
  const records = new RecordTexts();
  const targets = createRequestTargets(base);

  async function send(req: HttpRequest): Promise<HttpResponse> {
    return decoded(await exchange(req));
  }

  async function exchange(req: HttpRequest): Promise<RawResponse> {
    const method = req.method ?? 'GET';
    const target = targets.of(req.path, req.query);
    const label = `${method} ${target.joined}`;
    const mutating = req.mutating ?? method !== 'GET';
    if (mutating && options.readonly) {
      throw new SourceError({
        source,
        kind: 'readonly',
        short: 'read-only',
        detail: 'this source is read-only; nothing was sent',
        request: label,
      });
    }
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    // why: a timer cleared once the body is read, aborting the request through its reader, costs a
    // fraction of AbortSignal.timeout's (its timer lives on, tracked through a finalization registry).
    // why: a caller's signal is shared by many requests (a one-shot command's deadline); listening
    // through a signal of this request's own keeps it under EventTarget's 10-listener warning.
    const reader = new BodyReader(
      maxBodyBytes,
      req.measureOversize === true,
      req.signal ? AbortSignal.any([req.signal]) : undefined,
    );
    const timer = setTimeout(abortOnTimeout, timeoutMs, reader);
    try {
      let read: ReadResponse;
      try {
        const agent = dispatcherNow ?? (dispatcherNow = await getDispatcher());
        countRequest(options.sent, req.counter);
        agent.dispatch(
          {
            origin: targets.origin,
            path: target.path,
            method,
            headers,
            body,
            // why: the whole-request timer above already bounds every phase (it starts first and has
            // the same length); undici's own header and body timers would arm its 500 ms timer tick,
            // one more event-loop wake-up per poll round (docs/performance.md "Session 5: the idle round").
            headersTimeout: 0,
            bodyTimeout: 0,
          },
          reader,
        );
        read = await reader.done;
      } catch (error) {
        if (error instanceof BodyTooLargeError) throw tooLarge(label, error);
        throw transportError(source, label, error, reader.timedOut, redact);
      }
      const rawType = read.headers['content-type'];
      const contentType = (((Array.isArray(rawType) ? rawType[0] : rawType) ?? '').split(';')[0] ?? '')
        .trim()
        .toLowerCase();
      return {
        status: read.status,
        headers: read.headers,
        contentType,
        body: read.body,
        key: req.reuse === true ? `${method} ${target.href} ${body ?? ''}` : '',
      };
    } finally {
      clearTimeout(timer);
    }
  }

  function tooLarge(label: string, error: BodyTooLargeError): SourceError {
    const bodyBytes = error.bodyBytes;
    const detail =
      bodyBytes === undefined
        ? `over ${formatBytes(maxBodyBytes)}; the rest was not read`
        : `${formatBytes(bodyBytes)}, over the ${formatBytes(maxBodyBytes)} limit; the rest was not read`;
    return new SourceError({
      source,
      kind: 'too-large',
      short: 'response too large',
      detail,
      status: error.status,
      request: label,
      bodyBytes,
      limitBytes: maxBodyBytes,
    });
  }

  async function json(req: HttpRequest, opts: { allowEmpty?: boolean } = {}): Promise<unknown> {
    return (await jsonResponse(req, opts)).value;
  }

  async function jsonResponse(req: HttpRequest, opts: { allowEmpty?: boolean } = {}): Promise<JsonResponse> {
    const raw = await exchange(req);
    const compared = req.reuse === true ? reused.compare(raw.key, raw.status, raw.contentType, raw.body) : undefined;
    if (compared?.kept) return answerOf(raw, compared.value);
    if (compared) {
      // why: a large list page parsed record by record (json-pieces.ts); NOT_CUT when that cannot apply.
      // An answer whose bytes will be kept is parsed from the request's kept-bytes buffer, written
      // now (it would be written there once parsed anyway), instead of from a joined copy.
      // Its unchanged records are the objects parsed before (record-texts.ts).
      let value: unknown = NOT_CUT;
      if (cutFit(raw)) {
        records.begin(raw.key);
        value = parseJsonPieces(compared.keepBytes ? reused.write(raw.key, compared) : joined(raw.body), records);
      }
      if (value !== NOT_CUT) {
        reused.remember(raw.key, compared, raw.contentType, value);
        return answerOf(raw, value);
      }
    }
    const response = decoded(raw);
    const label = `${req.method ?? 'GET'} ${joinPath(base.pathname, req.path)}`;
    const parsed = parseJsonBody(response, known());
    if (response.status >= 300 && response.status <= 399) throw redirectError(source, label, response);
    if (response.status < 200 || response.status > 299) {
      const { kind, short } = describeStatus(response.status);
      const vendorMessage = parsed.ok
        ? extractVendorMessage(parsed.value)
        : looksLikeHtml(response)
          ? 'HTML error page'
          : bodyExcerpt(response.text, 200, known());
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
      if (opts.allowEmpty) return answerOf(raw, null);
      throw new SourceError({
        source,
        kind: 'empty',
        short: 'empty response',
        status: response.status,
        request: label,
      });
    }
    if (looksLikeHtml(response)) {
      throw new SourceError({
        source,
        kind: 'html',
        short: 'HTML instead of JSON',
        detail: 'a proxy or login page answered; check the url',
        status: response.status,
        request: label,
      });
    }
    if (!parsed.ok) {
      throw new SourceError({
        source,
        kind: 'parse',
        short: 'invalid JSON',
        detail: parsed.error,
        status: response.status,
        request: label,
      });
    }
    if (compared) reused.remember(raw.key, compared, raw.contentType, parsed.value);
    return answerOf(raw, parsed.value);
  }

  async function saveTo(req: HttpRequest, file: string): Promise<{ bytes: number }> {
    const method = req.method ?? 'GET';
    const label = `${method} ${joinPath(base.pathname, req.path)}`;
    if ((req.mutating ?? method !== 'GET') && options.readonly) {
      throw new SourceError({
        source,
        kind: 'readonly',
        short: 'read-only',
        detail: 'this source is read-only; nothing was sent',
        request: label,
      });
    }
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(file, 'w');
    } catch (error) {
      throw new SourceError({
        source,
        kind: 'config',
        short: 'cannot write the file',
        detail: error instanceof Error ? error.message : String(error),
        request: label,
      });
    }
    try {
      return await download(req, label, handle);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  async function download(
    req: HttpRequest,
    label: string,
    handle: Awaited<ReturnType<typeof open>>,
  ): Promise<{ bytes: number }> {
    // why: a file too large to show can take longer than one poll's timeout to arrive; headers and
    // idle gaps keep the usual timeout (headersTimeout/bodyTimeout), the whole download gets a minute.
    const timeout = AbortSignal.timeout(Math.max(timeoutMs, 60_000));
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    const method = req.method ?? 'GET';
    let response: Dispatcher.ResponseData;
    try {
      const [{ request }, agent] = await Promise.all([loadUndici(), getDispatcher()]);
      countRequest(options.sent, req.counter);
      response = await request(buildUrl(base, req.path, req.query), {
        method,
        headers,
        signal,
        dispatcher: agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw transportError(source, label, error, timeout.aborted, redact);
    }
    if (response.statusCode < 200 || response.statusCode > 299) {
      const text = await readStart(response.body, 64 * 1024)
        .then(bodyText)
        .catch(() => '');
      const parsed = parseJsonBody({ status: response.statusCode, headers: response.headers, text, contentType: '' });
      const { kind, short } = describeStatus(response.statusCode);
      const vendorMessage = parsed.ok ? extractVendorMessage(parsed.value) : text.trim().slice(0, 200);
      throw new SourceError({
        source,
        kind,
        short,
        detail: vendorMessage ? redact(vendorMessage) : undefined,
        status: response.statusCode,
        request: label,
      });
    }
    let bytes = 0;
    response.body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    try {
      await pipeline(response.body, handle.createWriteStream());
    } catch (error) {
      if (error instanceof Error && 'syscall' in error && error.syscall === 'write') {
        throw new SourceError({
          source,
          kind: 'config',
          short: 'cannot write the file',
          detail: error.message,
          request: label,
        });
      }
      throw transportError(source, label, error, timeout.aborted, redact);
    }
    return { bytes };
  }

  return {
    source,
    send,
    json,
    saveTo,
    jsonResponse,
    addSecret(secret) {
      if (secret.length < MIN_SECRET_LENGTH) return;
      secrets.add(secret);
      receivedTokens.add(secret);
    },
    async close() {
      if (!options.dispatcher && dispatcher) await (await dispatcher).close().catch(() => undefined);
    },
  };
}

async function buildDispatcher(options: HttpClientOptions): Promise<Dispatcher> {
  const { Agent, EnvHttpProxyAgent } = await loadUndici();
  const ca = options.caFile ? readFileSync(options.caFile, 'utf8') : undefined;
  const tls = { ca, rejectUnauthorized: options.insecure !== true };
  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  // why: with no proxy in the environment, EnvHttpProxyAgent sends every request to a plain Agent
  // built from the same options, after parsing the origin into a URL and reading NO_PROXY from the
  // environment again on each one; the Agent itself does the same without that per-request work
  // (docs/performance.md "Session 6: the HTTP exchange"). Its test: the environment's proxy
  // variables, read the same way (lower case first, an empty value counts), at the client's first request.
  if (!proxyInEnvironment()) return new Agent({ connect: { ...tls, timeout: connectTimeout } });
  // why: EnvHttpProxyAgent honours HTTP_PROXY / HTTPS_PROXY / NO_PROXY and behaves as a plain
  // Agent when none is set (docs/configuration.md). Through a proxy, undici's ProxyAgent replaces `connect`
  // with its tunnel: the connect timeout only applies if given again in proxyTls (the hop to
  // the proxy) and requestTls (the TLS handshake with the origin inside the tunnel). The
  // proxy's own TLS keeps the system CAs (NODE_EXTRA_CA_CERTS): caFile is the source's CA.
  // Redirects are not followed (undici's request() has no redirect interceptor here), so
  // credentials never reach a host the config does not name; json() reports a 3xx instead.
  return new EnvHttpProxyAgent({
    connect: { ...tls, timeout: connectTimeout },
    requestTls: { ...tls, timeout: connectTimeout },
    proxyTls: { timeout: connectTimeout },
  });
}

/** Whether HTTP_PROXY or HTTPS_PROXY is set, read as undici's EnvHttpProxyAgent reads them. */
function proxyInEnvironment(): boolean {
  const env = process.env;
  return Boolean(env.http_proxy ?? env.HTTP_PROXY) || Boolean(env.https_proxy ?? env.HTTPS_PROXY);
}

/** The whole-request timer's callback (module level: no closure per request). */
function abortOnTimeout(reader: BodyReader): void {
  reader.timedOut = true;
  reader.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
}

/** A response as read off the wire, before its body is decoded. */
interface RawResponse {
  status: number;
  headers: HttpResponse['headers'];
  contentType: string;
  body: ReadBody;
  /** Method, URL and request body: which earlier answer a `reuse` request compares with (empty for other requests). */
  key: string;
}

/** The body in one buffer: its only chunk, or the chunks joined. */
function joined(body: ReadBody): Buffer {
  const only = body.chunks.length === 1 ? body.chunks[0] : undefined;
  return only ?? Buffer.concat(body.chunks, body.size);
}

function bodyText(body: ReadBody): string {
  return joined(body).toString('utf8');
}

/** Whether an answer is one parsed piece by piece: good (2xx, not HTML) and PIECES_MIN_BYTES or more. */
function cutFit(raw: RawResponse): boolean {
  return raw.status >= 200 && raw.status <= 299 && raw.contentType !== 'text/html' && raw.body.size >= PIECES_MIN_BYTES;
}

/** A parsed answer with its response's status and headers (module level: no closure per request). */
function answerOf(raw: RawResponse, value: unknown): JsonResponse {
  return { status: raw.status, headers: raw.headers, value };
}

function decoded(raw: RawResponse): HttpResponse {
  return { status: raw.status, headers: raw.headers, text: bodyText(raw.body), contentType: raw.contentType };
}

/** The first `limit` bytes of an error answer's body, for its message. */
async function readStart(body: Dispatcher.ResponseData['body'], limit: number): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= limit) break;
  }
  return { chunks, size };
}
