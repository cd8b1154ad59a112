/**
 * Vectara adapter: the Jobs API in both versions, per /work/shared/apis.md §3 (seed 002).
 *
 * - v2 (default): `GET /v2/jobs?limit=&page_key=` (limit 1–100, server default 10) answering
 *   `{jobs, metadata: {page_key}}`, and `GET /v2/jobs/{job_id}`. ISO timestamps, lower-case states.
 *   Errors: `{messages, request_id}` (401/403), `{id, messages, request_id}` (404),
 *   `{field_errors, messages, request_id}` (400).
 * - v1 (retired 2025-08-16): `POST /v1/list-jobs` with a JSON body and a `customer-id` header,
 *   answering `{status: [{code, statusDetail}], job: [...], pageKey}`. Quirks handled here:
 *   - `status[]` is the request outcome and can report a failure on HTTP 200 (any code but OK);
 *   - `ts*` are epoch SECONDS as JSON strings, "0" or absent = not set;
 *   - protojson omits zero values: no `type`/`state` means JOB__UNKNOWN/JOB_STATE__UNKNOWN, an OK
 *     status element may be `{}`, an empty list has no `job` field; states may come as proto numbers;
 *   - the default of the `state` filter is documented both ways, so all seven states are always sent;
 *   - on later pages the server ignores everything but `pageKey`, so only `pageKey` is sent and
 *     the page size stays the first page's `numResults`;
 *   - there is no get-one RPC: detail is the list filtered by `jobId`;
 *   - non-200 bodies are gRPC-gateway `{code, message, details}`.
 * - Auth: `x-api-key`, or OAuth2 client credentials as a Bearer token that is cached until it
 *   expires and fetched again once when a read answers 401 (or v1 status UNAUTHENTICATED).
 * - Vectara reports no progress, priority, host, steps, messages, result or totals, and has no
 *   cancel, delete or retry (apis.md §7). Records without an id are skipped.
 */
import { jobKey, type Job, type JobDetail, type JobFlag, type JobState } from '../domain/job.js';
import { parseEpochSecondsString, parseIsoTime } from '../domain/time.js';
import { DEFAULT_LIMIT, type ActionKind, type BaseSourceOptions, type JobSource, type ListResult, type SourceCapabilities } from './contract.js';
import { SourceError, describeStatus, type SourceErrorKind } from './errors.js';
import { redactSecrets, type HttpClient, type HttpRequest } from './http.js';
import { createSourceHttpClient } from './source-http.js';
import { MAX_PAGES_PER_POLL } from './paging.js';
import { asArray, asRecord, asString } from './read-fields.js';

/** Options of a Vectara source (config `type: vectara`). */
export interface VectaraOptions extends BaseSourceOptions {
  /** Personal API key (or a query key on v2), sent as `x-api-key`. */
  apiKey?: string;
  /** Which Jobs API to speak; v1 was retired on 2025-08-16. Default 'v2'. */
  apiVersion?: 'v2' | 'v1';
  /** Numeric customer id, sent as the `customer-id` header (required by v1). */
  customerId?: string;
  /** OAuth2 client-credentials app id (alternative to apiKey). */
  clientId?: string;
  clientSecret?: string;
  /** OAuth2 token endpoint; defaults to Vectara's for api.vectara.io, else `<url>/oauth2/token`. */
  tokenUrl?: string;
}

/** The Jobs API version a record or source speaks. */
export type VectaraApiVersion = 'v2' | 'v1';

/** A native state mapped onto jobtop's states (apis.md §6). */
export interface VectaraStateMapping {
  state: JobState;
  terminal: boolean;
  flags: JobFlag[];
}

/** v1 state names with their proto numbers (admin_job.proto). */
export const VECTARA_V1_STATE_NUMBERS: Readonly<Record<string, number>> = {
  JOB_STATE__UNKNOWN: 0,
  JOB_STATE__QUEUED: 5,
  JOB_STATE__STARTED: 10,
  JOB_STATE__COMPLETED: 15,
  JOB_STATE__FAILED: 20,
  JOB_STATE__TRANSIENT_FAILURE_RETRY_IMMINENT: 25,
  JOB_STATE__ABORTED: 30,
};

/** Every v1 state name: the `state` filter the adapter always sends. */
export const VECTARA_V1_STATE_NAMES: readonly string[] = Object.keys(VECTARA_V1_STATE_NUMBERS);

/** Largest page either version serves (v2 `limit`, v1 `numResults`). */
export const VECTARA_MAX_PAGE_SIZE = 100;

const QUEUED: VectaraStateMapping = { state: 'queued', terminal: false, flags: [] };
const RUNNING: VectaraStateMapping = { state: 'running', terminal: false, flags: [] };
const RETRYING: VectaraStateMapping = { state: 'running', terminal: false, flags: ['retrying'] };
const SUCCEEDED: VectaraStateMapping = { state: 'succeeded', terminal: true, flags: [] };
const FAILED: VectaraStateMapping = { state: 'failed', terminal: true, flags: [] };
const CANCELLED: VectaraStateMapping = { state: 'cancelled', terminal: true, flags: [] };
const UNKNOWN: VectaraStateMapping = { state: 'unknown', terminal: false, flags: [] };

const STATE_TABLE: Readonly<Record<string, VectaraStateMapping>> = {
  queued: QUEUED,
  started: RUNNING,
  failed_will_retry: RETRYING,
  completed: SUCCEEDED,
  failed: FAILED,
  aborted: CANCELLED,
  unknown: UNKNOWN,
  JOB_STATE__QUEUED: QUEUED,
  JOB_STATE__STARTED: RUNNING,
  JOB_STATE__TRANSIENT_FAILURE_RETRY_IMMINENT: RETRYING,
  JOB_STATE__COMPLETED: SUCCEEDED,
  JOB_STATE__FAILED: FAILED,
  JOB_STATE__ABORTED: CANCELLED,
  JOB_STATE__UNKNOWN: UNKNOWN,
};

/** Maps a v2 state, a v1 state name or a v1 proto number onto jobtop's states; anything else is unknown. */
export function mapVectaraState(native: unknown): VectaraStateMapping {
  const name = typeof native === 'number' ? v1StateName(native) : native;
  const entry = typeof name === 'string' && Object.hasOwn(STATE_TABLE, name) ? STATE_TABLE[name] : UNKNOWN;
  return { ...entry, flags: [...entry.flags] };
}

function v1StateName(number: number): string | undefined {
  return VECTARA_V1_STATE_NAMES.find((name) => VECTARA_V1_STATE_NUMBERS[name] === number);
}

/** Tells a v1 record (`tsCreate`, `JOB_STATE__…`, numeric state) from a v2 one. */
export function detectVectaraApiVersion(raw: unknown): VectaraApiVersion {
  const record = asRecord(raw);
  const v1Fields = ['tsCreate', 'tsStart', 'tsComplete', 'userHandle', 'corpusId'].some((field) => field in record);
  const v1State = typeof record.state === 'number' || (typeof record.state === 'string' && record.state.startsWith('JOB_STATE__'));
  const v1Type = typeof record.type === 'string' && record.type.startsWith('JOB__');
  return v1Fields || v1State || v1Type ? 'v1' : 'v2';
}

/** Normalizes one v2 or v1 job record (version detected when not given); never throws. */
export function normalizeVectaraJob(raw: unknown, sourceName: string, apiVersion: VectaraApiVersion = detectVectaraApiVersion(raw)): Job {
  const record = asRecord(raw);
  const id = asString(record.id) ?? '';
  const isV1 = apiVersion === 'v1';
  const mapping = mapVectaraState(record.state);
  const createdAt = isV1 ? parseEpochSecondsString(record.tsCreate) : parseIsoTime(record.created_at);
  const startedAt = isV1 ? parseEpochSecondsString(record.tsStart) : parseIsoTime(record.started_at);
  const finishedAt = isV1 ? parseEpochSecondsString(record.tsComplete) : parseIsoTime(record.completed_at);
  return {
    source: sourceName,
    id,
    key: jobKey(sourceName, id),
    vendor: 'vectara',
    type: asString(record.type) ?? (isV1 ? 'JOB__UNKNOWN' : 'unknown'),
    state: mapping.state,
    nativeState: nativeStateOf(record.state, apiVersion),
    terminal: mapping.terminal,
    flags: mapping.flags,
    priority: { value: null, label: null },
    progress: null,
    createdAt,
    startedAt,
    finishedAt,
    // why: Vectara has no update time; the latest lifecycle timestamp is the last change it reports.
    updatedAt: finishedAt ?? startedAt ?? createdAt,
    owner: asString(isV1 ? record.userHandle : record.created_by_username),
    host: null,
    parentId: null,
    error: null,
    raw,
  };
}

/** The state as Vectara said it: proto numbers become their names; an omitted v1 state is JOB_STATE__UNKNOWN. */
function nativeStateOf(value: unknown, apiVersion: VectaraApiVersion): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return v1StateName(value) ?? String(value);
  if (value === undefined || value === null) return apiVersion === 'v1' ? 'JOB_STATE__UNKNOWN' : '';
  return JSON.stringify(value);
}

/** Normalizes one job for the detail view: Vectara has no steps, messages, result or outputs. */
export function normalizeVectaraJobDetail(raw: unknown, sourceName: string, apiVersion?: VectaraApiVersion): JobDetail {
  return { ...normalizeVectaraJob(raw, sourceName, apiVersion), steps: null, messages: null, result: undefined, outputs: null };
}

/** What a Vectara source can do: detail only; no actions exist in either API version. */
export const VECTARA_CAPABILITIES: SourceCapabilities = {
  detail: true,
  steps: false,
  messages: false,
  result: false,
  stats: false,
  actions: {},
  missing: {
    steps: 'Vectara jobs have no steps.',
    messages: 'Vectara has no per-job messages or logs.',
    result: 'Vectara reports no job result.',
  },
};

/** Counts the HTTP requests of one poll or detail call. */
interface RequestCounter {
  requests: number;
}

/** Creates a JobSource for a Vectara account (v2 by default, v1 with `apiVersion: 'v1'`). */
export function createVectaraSource(options: VectaraOptions): JobSource {
  const name = options.name;
  const apiVersion = options.apiVersion ?? 'v2';
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const secrets = [options.apiKey, options.clientSecret].filter((secret): secret is string => typeof secret === 'string');
  const client = createSourceHttpClient(options, { secrets });
  const oauth = !options.apiKey && options.clientId && options.clientSecret ? createTokenCache(options, apiVersion, client) : null;

  async function credentialHeaders(counter: RequestCounter, signal?: AbortSignal): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    if (apiVersion === 'v1') {
      if (!options.customerId) throw configError(name, 'Vectara v1 needs customerId (the customer-id header)');
      headers['customer-id'] = options.customerId;
    }
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    else if (oauth) headers.authorization = `Bearer ${await oauth.token(counter, signal)}`;
    else throw configError(name, 'set apiKey, or clientId and clientSecret for OAuth');
    return headers;
  }

  /** Sends a read; with OAuth, a rejected token is fetched again once and the read repeated once. */
  async function read(request: HttpRequest, counter: RequestCounter, check: (body: unknown) => void): Promise<unknown> {
    const attempt = async () => {
      const headers = await credentialHeaders(counter, request.signal);
      counter.requests += 1;
      const body = await client.json({ ...request, headers: { ...request.headers, ...headers } });
      check(body);
      return body;
    };
    try {
      return await attempt();
    } catch (error) {
      // why: every Vectara job request is a read, so repeating it after a token refresh is safe.
      if (!oauth || !isRejectedCredential(error)) throw error;
      oauth.invalidate();
      return attempt();
    }
  }

  async function listV2(counter: RequestCounter, signal?: AbortSignal): Promise<Job[]> {
    const jobs = new Map<string, Job>();
    let pageKey: string | null = null;
    for (let page = 0; page < MAX_PAGES_PER_POLL && jobs.size < limit; page++) {
      const size = Math.min(VECTARA_MAX_PAGE_SIZE, limit - jobs.size);
      const request: HttpRequest = { path: '/v2/jobs', query: { limit: size, page_key: pageKey ?? undefined }, signal };
      const body = await read(request, counter, noCheck);
      const { records, nextPageKey } = readV2Page(name, body);
      addJobs(jobs, records, name, 'v2');
      if (!nextPageKey || nextPageKey === pageKey || records.length < size) break;
      pageKey = nextPageKey;
    }
    return [...jobs.values()].slice(0, limit);
  }

  async function listV1(counter: RequestCounter, signal?: AbortSignal): Promise<Job[]> {
    const jobs = new Map<string, Job>();
    const size = Math.min(VECTARA_MAX_PAGE_SIZE, limit);
    let pageKey: string | null = null;
    for (let page = 0; page < MAX_PAGES_PER_POLL && jobs.size < limit; page++) {
      // why: on later pages the server ignores every field but pageKey (apis.md §3.2).
      const payload = pageKey ? { pageKey } : { state: VECTARA_V1_STATE_NAMES, numResults: size };
      const body = await read(v1Request(payload, signal), counter, (value) => checkV1Body(name, value));
      const { records, nextPageKey } = readV1Page(name, body);
      addJobs(jobs, records, name, 'v1');
      if (!nextPageKey || nextPageKey === pageKey || records.length < size) break;
      pageKey = nextPageKey;
    }
    return [...jobs.values()].slice(0, limit);
  }

  async function detailV2(id: string, counter: RequestCounter, signal?: AbortSignal): Promise<JobDetail | null> {
    const path = `/v2/jobs/${encodeURIComponent(id)}`;
    try {
      const body = await read({ path, signal }, counter, (value) => checkV2Job(name, value, `GET ${path}`));
      return normalizeVectaraJobDetail(body, name, 'v2');
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'not-found') return null;
      throw error;
    }
  }

  async function detailV1(id: string, counter: RequestCounter, signal?: AbortSignal): Promise<JobDetail | null> {
    const payload = { jobId: id, state: VECTARA_V1_STATE_NAMES, numResults: 1 };
    const body = await read(v1Request(payload, signal), counter, (value) => checkV1Body(name, value));
    const record = readV1Page(name, body).records.find((candidate) => asString(asRecord(candidate).id) === id);
    return record === undefined ? null : normalizeVectaraJobDetail(record, name, 'v1');
  }

  return {
    name,
    vendor: 'vectara',
    url: options.url,
    capabilities: VECTARA_CAPABILITIES,
    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter: RequestCounter = { requests: 0 };
      const jobs = apiVersion === 'v1' ? await listV1(counter, signal) : await listV2(counter, signal);
      return { jobs, total: null, stateCounts: null, requests: counter.requests };
    },
    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const counter: RequestCounter = { requests: 0 };
      return apiVersion === 'v1' ? detailV1(id, counter, signal) : detailV2(id, counter, signal);
    },
    async act(kind: ActionKind): Promise<never> {
      throw new SourceError({ source: name, kind: 'unsupported', short: `${kind} not supported`, detail: "Vectara's job API has no cancel, delete or retry" });
    },
    async close(): Promise<void> {
      await Promise.all([client.close(), oauth?.close()]);
    },
  };
}


function v1Request(payload: Record<string, unknown>, signal?: AbortSignal): HttpRequest {
  // why: ListJobs is a read sent as POST (grpc-gateway `body: "*"`); it must pass read-only mode.
  return { method: 'POST', path: '/v1/list-jobs', json: payload, mutating: false, signal };
}

function noCheck(): void {}

function addJobs(jobs: Map<string, Job>, records: unknown[], source: string, apiVersion: VectaraApiVersion): void {
  for (const record of records) {
    const job = normalizeVectaraJob(record, source, apiVersion);
    if (job.id !== '' && !jobs.has(job.id)) jobs.set(job.id, job);
  }
}

function configError(source: string, detail: string): SourceError {
  return new SourceError({ source, kind: 'config', short: 'configuration error', detail });
}

function shapeError(source: string, request: string, detail: string): SourceError {
  return new SourceError({ source, kind: 'shape', short: 'unexpected response shape', detail, status: 200, request });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads a v2 list page: `{jobs: [...], metadata: {page_key}}`. */
function readV2Page(source: string, body: unknown): { records: unknown[]; nextPageKey: string | null } {
  if (!isObject(body) || !Array.isArray(body.jobs)) {
    throw shapeError(source, 'GET /v2/jobs', 'no `jobs` array in the list response');
  }
  return { records: body.jobs, nextPageKey: asString(asRecord(body.metadata).page_key) };
}

function checkV2Job(source: string, body: unknown, request: string): void {
  if (!isObject(body) || asString(body.id) === null) throw shapeError(source, request, 'no job `id` in the job response');
}

/** Reads a v1 page; protojson omits an empty `job` array, so absence means no jobs. */
function readV1Page(source: string, body: unknown): { records: unknown[]; nextPageKey: string | null } {
  const record = asRecord(body);
  if (record.job !== undefined && !Array.isArray(record.job)) {
    throw shapeError(source, 'POST /v1/list-jobs', '`job` is not an array in the ListJobs response');
  }
  return { records: asArray(record.job), nextPageKey: asString(record.pageKey) };
}

/** Fails on a non-object body or any `status[]` element whose code is not OK, even on HTTP 200. */
function checkV1Body(source: string, body: unknown): void {
  const request = 'POST /v1/list-jobs';
  if (!isObject(body)) throw shapeError(source, request, 'the ListJobs response is not a JSON object');
  if (body.status !== undefined && !Array.isArray(body.status)) throw shapeError(source, request, '`status` is not an array in the ListJobs response');
  const failures = asArray(body.status)
    .map((element) => asRecord(element))
    // why: protojson omits the zero enum value, so an OK element can be `{}` (or code 0).
    .map((element) => ({ code: asString(element.code) ?? 'OK', detail: asString(element.statusDetail) }))
    .filter((element) => element.code !== 'OK' && element.code !== '0');
  if (failures.length === 0) return;
  const first = failures[0].code;
  throw new SourceError({
    source,
    kind: v1StatusKind(first),
    short: `${first} (HTTP 200)`,
    detail: failures.map((failure) => (failure.detail ? `${failure.code}: ${failure.detail}` : failure.code)).join('; '),
    status: 200,
    request,
  });
}

const V1_AUTH_CODES = new Set(['UNAUTHENTICATED', 'UNAUTHORIZED', 'INVALID_API_KEY', 'EXPIRED_API_KEY', 'DISABLED_API_KEY', 'INVALID_CUSTOMER_ID', 'DISABLED_CUSTOMER', 'ADM__INVALID_CUSTOMER_ID']);
const V1_FORBIDDEN_CODES = new Set(['PERMISSION_DENIED', 'FORBIDDEN']);

function v1StatusKind(code: string): SourceErrorKind {
  if (V1_AUTH_CODES.has(code)) return 'auth';
  if (V1_FORBIDDEN_CODES.has(code)) return 'forbidden';
  if (code === 'TOO_MANY_REQUESTS' || code === 'RESOURCE_EXHAUSTED') return 'rate-limited';
  return 'vendor';
}

/** A 401, or v1's UNAUTHENTICATED on HTTP 200: the bearer token was not accepted. */
function isRejectedCredential(error: unknown): boolean {
  if (!(error instanceof SourceError)) return false;
  return error.status === 401 || (error.status === 200 && error.short.startsWith('UNAUTHENTICATED'));
}

/** A cached OAuth2 client-credentials token. */
interface TokenCache {
  token(counter: RequestCounter, signal?: AbortSignal): Promise<string>;
  invalidate(): void;
  close(): Promise<void>;
}

/** How long before its expiry a cached token stops being used (at most 10% of its lifetime). */
const TOKEN_EXPIRY_MARGIN_MS = 30_000;
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** Where to ask for a token when the config does not say (apis.md §3.1, §3.7). */
export function defaultVectaraTokenUrl(url: string, apiVersion: VectaraApiVersion, customerId?: string): string {
  if (new URL(url).hostname === 'api.vectara.io') {
    return apiVersion === 'v1' && customerId ? `https://vectara-prod-${customerId}.auth.us-west-2.amazoncognito.com/oauth2/token` : 'https://auth.vectara.io/oauth2/token';
  }
  return `${url.replace(/\/+$/, '')}/oauth2/token`;
}

function createTokenCache(options: VectaraOptions, apiVersion: VectaraApiVersion, apiClient: HttpClient): TokenCache {
  const source = options.name;
  const tokenUrl = new URL(options.tokenUrl ?? defaultVectaraTokenUrl(options.url, apiVersion, options.customerId));
  const client = createSourceHttpClient(options, { baseUrl: tokenUrl.origin, secrets: [options.clientSecret] });
  const path = tokenUrl.pathname;
  const label = `POST ${path}`;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchToken(counter: RequestCounter, signal?: AbortSignal): Promise<string> {
    const form = { grant_type: 'client_credentials', client_id: options.clientId ?? '', client_secret: options.clientSecret ?? '' };
    counter.requests += 1;
    const response = await client.send({ method: 'POST', path, form, mutating: false, signal });
    const body = parseJsonOrNull(response.text);
    if (response.status < 200 || response.status > 299) throw tokenError(source, label, response.status, body, options.clientSecret);
    const record = asRecord(body);
    const token = asString(record.access_token);
    if (token === null) throw shapeError(source, label, 'no `access_token` in the token response');
    const lifetimeSeconds = typeof record.expires_in === 'number' && record.expires_in > 0 ? record.expires_in : DEFAULT_TOKEN_LIFETIME_SECONDS;
    client.addSecret(token);
    apiClient.addSecret(token);
    cached = { token, expiresAt: Date.now() + lifetimeSeconds * 1000 - Math.min(TOKEN_EXPIRY_MARGIN_MS, lifetimeSeconds * 100) };
    return token;
  }

  return {
    async token(counter, signal) {
      if (cached && cached.expiresAt > Date.now()) return cached.token;
      // why: concurrent list and detail calls share one token request.
      pending ??= fetchToken(counter, signal).finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate() {
      cached = null;
    },
    close: () => client.close(),
  };
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** An OAuth2 error (`{error, error_description}`, RFC 6749 §5.2) or any other token failure. */
function tokenError(source: string, request: string, status: number, body: unknown, clientSecret?: string): SourceError {
  const record = asRecord(body);
  // why (issue 5): the token server's own words may quote the client secret back; redact it like every other error.
  const detail = redactSecrets([asString(record.error), asString(record.error_description) ?? asString(record.message)].filter(Boolean).join(': '), clientSecret && clientSecret.length >= 4 ? [clientSecret] : []);
  const kind: SourceErrorKind = status === 400 || status === 401 ? 'auth' : describeStatus(status).kind;
  return new SourceError({ source, kind, short: `OAuth token refused (HTTP ${status})`, detail: detail || undefined, status, request });
}
