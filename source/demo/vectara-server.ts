/**
 * Vectara demo server: both Jobs APIs over one in-memory job store, as /work/shared/apis.md §3
 * describes them, plus an OAuth2 client-credentials token endpoint.
 *
 * - v2: `GET /v2/jobs` (`limit` 1–100 default 10, `page_key`, `state`, `corpus_key`, `after`),
 *   `GET /v2/jobs/{job_id}` (pattern `job_.+`); ISO timestamps at second precision; errors
 *   `{messages, request_id}` (401/403/405), `{id, messages, request_id}` (404),
 *   `{field_errors, messages, request_id}` (400). No customer-id header.
 * - v1: `POST /v1/list-jobs` (`jobId`, `corpusId`, `epochSecs`, `state`, `numResults` ≤ 100,
 *   `pageKey`; snake_case accepted), `customer-id` header required. Protojson-style output: ts* are
 *   epoch seconds as strings, unset fields and zero enums omitted. Request-level failures come on
 *   HTTP 200 in `status[]`; malformed bodies and missing credentials get gRPC-gateway
 *   `{code, message, details}` with a non-200 status.
 * - `POST /oauth2/token`: `grant_type=client_credentials` with the client id and secret in the form
 *   or in Basic auth; Cognito-style `{"error": "invalid_client"}` refusals.
 *
 * Choices where apis.md leaves room [INF]: v1 without `state` returns QUEUED and STARTED only (one
 * side of the documented contradiction, so a client that omits it visibly misses jobs); v1
 * `numResults` defaults to 10; cursors are base64 JSON `{"offset": n}` (v1 keys also freeze the
 * first page's filters, since later pages ignore every other field); newest first; v1 reports bad
 * keys and customer ids as 200 + status, an expired token as 200 + UNAUTHENTICATED and no
 * credentials (or an unknown token) as 401 code 16.
 *
 * Jobs are generated from a seed; all randomness is drawn when a job is created, so the state at a
 * given clock does not depend on how often `tick` runs.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken, createRandom, pick, randomHex, type DemoRequest, type DemoResponse, type SimulatorOptions, type VendorSimulator } from './kit.js';

/** Demo Personal API key: accepted by v2 and v1. */
export const VECTARA_DEMO_API_KEY = 'zut_jobtop_demo_personal_key';
/** Demo Query API key: accepted by v2 jobs, refused by v1 (PERMISSION_DENIED). */
export const VECTARA_DEMO_QUERY_KEY = 'zqt_jobtop_demo_query_key';
/** Demo Index API key: refused by both (v2 403, v1 PERMISSION_DENIED). */
export const VECTARA_DEMO_INDEX_KEY = 'zwt_jobtop_demo_index_key';
/** Demo customer id for the v1 `customer-id` header. */
export const VECTARA_DEMO_CUSTOMER_ID = '1366999410';
/** Demo OAuth2 client id for `POST /oauth2/token`. */
export const VECTARA_DEMO_CLIENT_ID = 'jobtop-demo-app';
/** Demo OAuth2 client secret for `POST /oauth2/token`. */
export const VECTARA_DEMO_CLIENT_SECRET = 'jobtop-demo-app-secret';
/** Lifetime of the demo OAuth2 tokens, in seconds. */
export const VECTARA_DEMO_TOKEN_LIFETIME_SECONDS = 3600;

/** v2 job states. */
export type VectaraSimulatedState = 'unknown' | 'queued' | 'started' | 'completed' | 'failed' | 'failed_will_retry' | 'aborted';
/** v2 job types. */
export type VectaraSimulatedType = 'rebuild_vector_index' | 'replace_filter_attributes' | 'unknown';

/** One simulated job (timestamps epoch ms at whole seconds). */
export interface VectaraSimulatedJob {
  id: string;
  type: VectaraSimulatedType;
  corpusKeys: string[];
  /** The same corpora's v1 numeric ids. */
  corpusIds: number[];
  state: VectaraSimulatedState;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  /** null for system jobs (v2 omits `created_by_username`). */
  username: string | null;
}

/** The Vectara simulator with its test hooks. */
export interface VectaraSimulator extends VendorSimulator {
  /** Copies of the stored jobs, newest first. */
  readonly jobs: VectaraSimulatedJob[];
  /** Adds a job frozen in the given state (it never moves); returns it. */
  inject(job: Partial<VectaraSimulatedJob> & { state: VectaraSimulatedState }): VectaraSimulatedJob;
  /** Invalidates every issued OAuth token (v2 then answers 401, v1 UNAUTHENTICATED). */
  revokeTokens(): void;
  /** How many tokens `POST /oauth2/token` issued. */
  readonly tokensIssued: number;
}

/** Simulator options; `sourceApiVersion` picks the API the `sourceConfig` entry monitors. */
export interface VectaraSimulatorOptions extends SimulatorOptions {
  sourceApiVersion?: 'v2' | 'v1';
}

const V2_STATES: readonly VectaraSimulatedState[] = ['unknown', 'queued', 'started', 'completed', 'failed', 'failed_will_retry', 'aborted'];
const TERMINAL: ReadonlySet<VectaraSimulatedState> = new Set(['completed', 'failed', 'aborted']);
const V1_STATE: Record<VectaraSimulatedState, string> = {
  unknown: 'JOB_STATE__UNKNOWN',
  queued: 'JOB_STATE__QUEUED',
  started: 'JOB_STATE__STARTED',
  completed: 'JOB_STATE__COMPLETED',
  failed: 'JOB_STATE__FAILED',
  failed_will_retry: 'JOB_STATE__TRANSIENT_FAILURE_RETRY_IMMINENT',
  aborted: 'JOB_STATE__ABORTED',
};
const V1_STATE_NUMBER: Record<VectaraSimulatedState, number> = { unknown: 0, queued: 5, started: 10, completed: 15, failed: 20, failed_will_retry: 25, aborted: 30 };
const V1_TYPE: Record<VectaraSimulatedType, string> = {
  unknown: 'JOB__UNKNOWN',
  rebuild_vector_index: 'JOB__CORPUS_REBUILD_VECTOR_INDEX',
  replace_filter_attributes: 'JOB__CORPUS_REPLACE_FILTER_ATTRS',
};

const CORPORA = [
  { key: 'support-articles', id: 12 },
  { key: 'product-catalog', id: 17 },
  { key: 'legal-contracts', id: 23 },
  { key: 'engineering-wiki', id: 31 },
  { key: 'sales-playbooks', id: 44 },
  { key: 'customer-tickets', id: 58 },
  { key: 'hr-policies', id: 61 },
  { key: 'release-notes', id: 75 },
] as const;
const USERS = ['alice.chen', 'bob.okafor', 'carla.mendes', 'dmitri.volkov', 'erin.walsh', 'farid.haddad', 'ingest-bot'];

const SECOND = 1000;
const MAX_PAGE_SIZE = 100;
const DEFAULT_V2_LIMIT = 10;
const DEFAULT_V1_NUM_RESULTS = 10;
const V1_WINDOW_SECONDS = 180 * 24 * 3600;
const CORPUS_KEY_PATTERN = /^[a-zA-Z0-9_=-]{1,50}$/;

interface LifecycleEvent {
  at: number;
  state: VectaraSimulatedState;
}

interface StoredJob extends VectaraSimulatedJob {
  sequence: number;
  events: LifecycleEvent[];
  nextEvent: number;
}

/** A v1 query after decoding: explicit on the first page, frozen in the page key after. */
interface V1Query {
  offset: number;
  numResults: number;
  states: number[];
  corpusIds: number[];
  jobId: string | null;
  sinceSeconds: number;
}

const floorToSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;
const toSeconds = (ms: number) => Math.floor(ms / SECOND);
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const encodeCursor = (cursor: object) => Buffer.from(JSON.stringify(cursor)).toString('base64');

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Creates the Vectara simulator (v1 + v2 + OAuth token endpoint). */
export function createVectaraSimulator(options: VectaraSimulatorOptions = {}): VectaraSimulator {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const random = createRandom(seed);
  const requestIds = createRandom(seed ^ 0x5eed);
  const startCount = Math.max(0, Math.floor(options.jobCount ?? 40));
  const maxJobs = Math.max(2 * startCount, 20);
  const store: StoredJob[] = [];
  const tokens = new Map<string, number>();
  let sequence = 0;
  let tokensIssued = 0;
  let lastTick = now();
  let nextArrivalAt = lastTick;

  function createJob(createdAt: number): StoredJob {
    sequence += 1;
    const roll = random();
    const type: VectaraSimulatedType = roll < 0.55 ? 'replace_filter_attributes' : roll < 0.97 ? 'rebuild_vector_index' : 'unknown';
    const corpus = pick(random, CORPORA);
    const username = type === 'replace_filter_attributes' || (type === 'rebuild_vector_index' && random() < 0.4) ? pick(random, USERS) : null;
    const created = floorToSecond(createdAt);
    return {
      id: `job_${1000 + sequence}`,
      type,
      corpusKeys: [corpus.key],
      corpusIds: [corpus.id],
      state: 'queued',
      createdAt: created,
      startedAt: null,
      completedAt: null,
      username,
      sequence,
      events: planLifecycle(created, type),
      nextEvent: 0,
    };
  }

  /** queued → started → (completed | failed | aborted | failed_will_retry → started → …), at most 3 attempts. */
  function planLifecycle(createdAt: number, type: VectaraSimulatedType): LifecycleEvent[] {
    let at = createdAt + (3 + random() * 50) * SECOND;
    if (random() < 0.03) return [{ at, state: 'aborted' }];
    const events: LifecycleEvent[] = [{ at, state: 'started' }];
    const [shortest, longest] = type === 'rebuild_vector_index' ? [90, 900] : type === 'replace_filter_attributes' ? [15, 180] : [30, 300];
    for (let attempt = 1; ; attempt++) {
      const duration = (shortest + random() * (longest - shortest)) * SECOND;
      if (attempt < 3 && random() < 0.12) {
        at += duration * (0.2 + random() * 0.8);
        events.push({ at, state: 'failed_will_retry' });
        at += (20 + random() * 70) * SECOND;
        events.push({ at, state: 'started' });
        continue;
      }
      const outcome = random();
      events.push({ at: at + duration, state: outcome < 0.84 ? 'completed' : outcome < 0.94 ? 'failed' : 'aborted' });
      return events;
    }
  }

  function advance(job: StoredJob, until: number): void {
    while (job.nextEvent < job.events.length && job.events[job.nextEvent].at <= until) {
      const event = job.events[job.nextEvent++];
      job.state = event.state;
      if (event.state === 'started') {
        job.startedAt = floorToSecond(event.at);
      } else if (TERMINAL.has(event.state)) {
        job.completedAt = floorToSecond(event.at);
      }
    }
  }

  function scheduleNextArrival(after: number): void {
    nextArrivalAt = after + (15 + random() * 60) * SECOND;
  }

  /** Drops the oldest terminal jobs beyond the cap, so hours of arrivals stay bounded. */
  function trim(): void {
    let excess = store.length - maxJobs;
    for (let index = 0; index < store.length && excess > 0; ) {
      if (TERMINAL.has(store[index].state)) {
        store.splice(index, 1);
        excess -= 1;
      } else {
        index += 1;
      }
    }
  }

  function tick(at: number): void {
    if (at < lastTick) return;
    if (options.arrivals !== false) {
      while (nextArrivalAt <= at) {
        store.push(createJob(nextArrivalAt));
        scheduleNextArrival(nextArrivalAt);
      }
    }
    for (const job of store) advance(job, at);
    lastTick = at;
    trim();
  }

  const start = lastTick;
  for (let index = 0; index < startCount; index++) {
    store.push(createJob(start - (startCount - index) * 150 * SECOND + random() * 120 * SECOND));
  }
  for (const job of store) advance(job, start);
  scheduleNextArrival(start);

  /** Newest first: creation time, then creation order. */
  function newestFirst(): StoredJob[] {
    return [...store].sort((left, right) => right.createdAt - left.createdAt || right.sequence - left.sequence);
  }

  function requestId(): string {
    return randomHex(requestIds, 32);
  }

  // ---- auth ----

  function tokenIsLive(token: string): boolean {
    const expiresAt = tokens.get(token);
    return expiresAt !== undefined && expiresAt > now();
  }

  function issueToken(request: DemoRequest): DemoResponse {
    if (request.method !== 'POST') return { status: 405, json: { error: 'invalid_request' } };
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, json: { error: 'unsupported_grant_type' } };
    const basic = /^Basic (.+)$/.exec(headerValue(request.headers, 'authorization') ?? '');
    const [clientId, clientSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [form.get('client_id'), form.get('client_secret')];
    if (clientId !== VECTARA_DEMO_CLIENT_ID || clientSecret !== VECTARA_DEMO_CLIENT_SECRET) return { status: 400, json: { error: 'invalid_client' } };
    tokensIssued += 1;
    const token = `eyJ.demo-${tokensIssued}.${randomHex(requestIds, 24)}`;
    tokens.set(token, now() + VECTARA_DEMO_TOKEN_LIFETIME_SECONDS * SECOND);
    return { status: 200, json: { access_token: token, expires_in: VECTARA_DEMO_TOKEN_LIFETIME_SECONDS, token_type: 'Bearer' } };
  }

  // ---- v2 ----

  function v2Error(status: number, message: string): DemoResponse {
    return { status, json: { messages: [message], request_id: requestId() } };
  }

  function v2BadRequest(field: string, message: string): DemoResponse {
    return { status: 400, json: { field_errors: { [field]: message }, messages: ['The request is invalid.'], request_id: requestId() } };
  }

  function authenticateV2(headers: IncomingHttpHeaders): DemoResponse | null {
    const key = headerValue(headers, 'x-api-key');
    if (key !== undefined) {
      if (key === VECTARA_DEMO_API_KEY || key === VECTARA_DEMO_QUERY_KEY) return null;
      if (key === VECTARA_DEMO_INDEX_KEY) return v2Error(403, 'Permission denied: this API key cannot list jobs. Use a Personal or Query API key.');
      return v2Error(401, 'Unauthorized: the API key is not valid.');
    }
    const token = bearerToken(headers);
    if (token !== null) return tokenIsLive(token) ? null : v2Error(401, 'Unauthorized: the bearer token is invalid or has expired.');
    return v2Error(401, 'Unauthorized: send an x-api-key header or an OAuth 2.0 bearer token.');
  }

  function v2Record(job: VectaraSimulatedJob): Record<string, unknown> {
    const record: Record<string, unknown> = { id: job.id, type: job.type, corpus_keys: [...job.corpusKeys], state: job.state, created_at: isoSeconds(job.createdAt) };
    if (job.startedAt !== null) record.started_at = isoSeconds(job.startedAt);
    if (job.completedAt !== null) record.completed_at = isoSeconds(job.completedAt);
    if (job.username !== null) record.created_by_username = job.username;
    return record;
  }

  function listV2(query: URLSearchParams): DemoResponse {
    const limitText = query.get('limit');
    const limit = limitText === null ? DEFAULT_V2_LIMIT : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) return v2BadRequest('limit', 'must be an integer between 1 and 100');
    const offset = decodeOffset(query.get('page_key'));
    if (offset === null) return v2BadRequest('page_key', 'is not a valid page key');
    const states = query.getAll('state');
    const badState = states.find((state) => !V2_STATES.includes(state as VectaraSimulatedState));
    if (badState !== undefined) return v2BadRequest('state', `unknown job state '${badState}'`);
    const corpusKeys = query.getAll('corpus_key');
    const badKey = corpusKeys.find((key) => !CORPUS_KEY_PATTERN.test(key));
    if (badKey !== undefined) return v2BadRequest('corpus_key', `'${badKey}' does not match [a-zA-Z0-9_=-]+ (max 50 characters)`);
    const afterText = query.get('after');
    const after = afterText === null ? null : Date.parse(afterText);
    if (after !== null && !Number.isFinite(after)) return v2BadRequest('after', 'must be an ISO 8601 date-time');
    const matching = newestFirst().filter(
      (job) =>
        (states.length === 0 || states.includes(job.state)) &&
        (corpusKeys.length === 0 || job.corpusKeys.some((key) => corpusKeys.includes(key))) &&
        (after === null || job.createdAt > after),
    );
    const page = matching.slice(offset, offset + limit);
    const metadata: Record<string, unknown> = offset + limit < matching.length ? { page_key: encodeCursor({ offset: offset + limit }) } : {};
    return { status: 200, json: { jobs: page.map(v2Record), metadata } };
  }

  function getV2(rawId: string): DemoResponse {
    const id = decodeURIComponent(rawId);
    if (!/^job_.+$/.test(id)) return v2BadRequest('job_id', 'must match the pattern job_.+');
    const job = store.find((candidate) => candidate.id === id);
    if (!job) return { status: 404, json: { id, messages: [`Job '${id}' was not found.`], request_id: requestId() } };
    return { status: 200, json: v2Record(job) };
  }

  function handleV2(request: DemoRequest): DemoResponse {
    const match = /^\/v2\/jobs(?:\/([^/]+))?$/.exec(request.path);
    if (!match) return v2Error(404, `No route for ${request.method} ${request.path}.`);
    if (request.method !== 'GET') return v2Error(405, `Method ${request.method} is not allowed on ${request.path}.`);
    const refusal = authenticateV2(request.headers);
    if (refusal) return refusal;
    return match[1] === undefined ? listV2(request.query) : getV2(match[1]);
  }

  // ---- v1 ----

  function rpcError(status: number, code: number, message: string): DemoResponse {
    return { status, json: { code, message, details: [] } };
  }

  function statusFailure(code: string, detail: string): DemoResponse {
    return { status: 200, json: { status: [{ code, statusDetail: detail }] } };
  }

  function authenticateV1(headers: IncomingHttpHeaders): DemoResponse | null {
    const key = headerValue(headers, 'x-api-key');
    const token = bearerToken(headers);
    if (key === undefined && token === null) return rpcError(401, 16, 'Unauthenticated: send an x-api-key header or an Authorization: Bearer token.');
    if (key === undefined && token !== null && !tokens.has(token)) return rpcError(401, 16, 'Jwt verification fails');
    const customerId = headerValue(headers, 'customer-id');
    if (customerId === undefined) return statusFailure('INVALID_CUSTOMER_ID', 'The customer-id header is required.');
    if (customerId !== VECTARA_DEMO_CUSTOMER_ID) return statusFailure('INVALID_CUSTOMER_ID', `Customer ID ${customerId} is not valid.`);
    if (key === VECTARA_DEMO_QUERY_KEY || key === VECTARA_DEMO_INDEX_KEY) {
      return statusFailure('PERMISSION_DENIED', 'ListJobs accepts only a Personal API key or an OAuth 2.0 token.');
    }
    if (key !== undefined && key !== VECTARA_DEMO_API_KEY) return statusFailure('INVALID_API_KEY', 'The API key is not valid for this customer.');
    if (key === undefined && token !== null && !tokenIsLive(token)) return statusFailure('UNAUTHENTICATED', 'The OAuth 2.0 token has expired.');
    return null;
  }

  function v1Record(job: VectaraSimulatedJob): Record<string, unknown> {
    // why: protojson without EmitUnpopulated omits zero enums, empty lists and unset ints.
    const record: Record<string, unknown> = { id: job.id };
    if (job.type !== 'unknown') record.type = V1_TYPE[job.type];
    if (job.corpusIds.length > 0) record.corpusId = [...job.corpusIds];
    if (job.state !== 'unknown') record.state = V1_STATE[job.state];
    record.tsCreate = String(toSeconds(job.createdAt));
    if (job.startedAt !== null) record.tsStart = String(toSeconds(job.startedAt));
    if (job.completedAt !== null) record.tsComplete = String(toSeconds(job.completedAt));
    if (job.username !== null) record.userHandle = job.username;
    return record;
  }

  function listV1(request: DemoRequest): DemoResponse {
    const refusal = authenticateV1(request.headers);
    if (refusal) return refusal;
    let body: unknown;
    try {
      body = request.body.trim() === '' ? {} : JSON.parse(request.body);
    } catch (error) {
      return rpcError(400, 3, `proto: syntax error: ${(error as Error).message}`);
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return rpcError(400, 3, 'proto: syntax error: expected a JSON object');
    const parsed = parseV1Query(body as Record<string, unknown>);
    if ('status' in parsed) return parsed;
    const matching = newestFirst().filter(
      (job) =>
        parsed.states.includes(V1_STATE_NUMBER[job.state]) &&
        (parsed.corpusIds.length === 0 || job.corpusIds.some((id) => parsed.corpusIds.includes(id))) &&
        (parsed.jobId === null || job.id === parsed.jobId) &&
        toSeconds(job.createdAt) >= parsed.sinceSeconds,
    );
    const end = parsed.offset + parsed.numResults;
    const response: Record<string, unknown> = { status: [{ code: 'OK', statusDetail: '' }], job: matching.slice(parsed.offset, end).map(v1Record) };
    if (end < matching.length) response.pageKey = encodeCursor({ ...parsed, offset: end });
    return { status: 200, json: response };
  }

  /** Reads a ListJobsRequest; a non-empty pageKey replaces every other field (apis.md §3.2). */
  function parseV1Query(body: Record<string, unknown>): V1Query | DemoResponse {
    const field = (camel: string, snake: string) => (body[camel] !== undefined ? body[camel] : body[snake]);
    const pageKey = field('pageKey', 'page_key');
    if (pageKey !== undefined && pageKey !== '') return decodeV1PageKey(pageKey);
    const states = body.state ?? [];
    if (!Array.isArray(states)) return rpcError(400, 3, 'proto: invalid value for repeated enum field "state"');
    const stateNumbers: number[] = [];
    for (const state of states) {
      const number = v1StateNumber(state);
      if (number === null) return rpcError(400, 3, `proto: invalid value for enum type: ${JSON.stringify(state)}`);
      stateNumbers.push(number);
    }
    const numResults = integerField(field('numResults', 'num_results'));
    if (numResults === null || numResults < 0) return rpcError(400, 3, 'proto: invalid value for uint32 field numResults');
    if (numResults > MAX_PAGE_SIZE) return statusFailure('INVALID_ARGUMENT', 'numResults must be at most 100.');
    const corpusIds = field('corpusId', 'corpus_id') ?? [];
    if (!Array.isArray(corpusIds) || corpusIds.some((id) => typeof id !== 'number')) return rpcError(400, 3, 'proto: invalid value for repeated uint32 field corpusId');
    const jobId = field('jobId', 'job_id') ?? '';
    if (typeof jobId !== 'string') return rpcError(400, 3, 'proto: invalid value for string field jobId');
    const since = integerField(field('epochSecs', 'epoch_secs'));
    if (since === null) return rpcError(400, 3, 'proto: invalid value for int64 field epochSecs');
    // why: no window reaches back more than 180 days, and 180 days is the default.
    const oldest = toSeconds(now()) - V1_WINDOW_SECONDS;
    return {
      offset: 0,
      numResults: numResults === 0 ? DEFAULT_V1_NUM_RESULTS : numResults,
      // [INF] the "QUEUED and STARTED" side of the documented contradiction.
      states: stateNumbers.length > 0 ? stateNumbers : [V1_STATE_NUMBER.queued, V1_STATE_NUMBER.started],
      corpusIds: corpusIds as number[],
      jobId: jobId === '' ? null : jobId,
      sinceSeconds: Math.max(oldest, since),
    };
  }

  function decodeV1PageKey(pageKey: unknown): V1Query | DemoResponse {
    if (typeof pageKey !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(pageKey)) {
      return rpcError(400, 3, `proto: invalid value for bytes field pageKey: ${JSON.stringify(pageKey)}`);
    }
    try {
      const cursor: unknown = JSON.parse(Buffer.from(pageKey, 'base64').toString('utf8'));
      if (isV1Cursor(cursor)) return cursor;
    } catch {
      // falls through to the refusal below
    }
    return statusFailure('INVALID_ARGUMENT', 'The page key is invalid or has expired.');
  }

  function handleV1(request: DemoRequest): DemoResponse {
    if (request.path !== '/v1/list-jobs') return rpcError(404, 5, 'Not Found');
    if (request.method !== 'POST') return rpcError(405, 12, 'Method Not Allowed');
    return listV1(request);
  }

  function decodeOffset(pageKey: string | null): number | null {
    if (pageKey === null || pageKey === '') return 0;
    try {
      const offset = (JSON.parse(Buffer.from(pageKey, 'base64').toString('utf8')) as { offset?: unknown }).offset;
      return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : null;
    } catch {
      return null;
    }
  }

  function inject(partial: Partial<VectaraSimulatedJob> & { state: VectaraSimulatedState }): VectaraSimulatedJob {
    sequence += 1;
    const corpus = CORPORA[sequence % CORPORA.length];
    const job: StoredJob = {
      id: partial.id ?? `job_${1000 + sequence}`,
      type: partial.type ?? 'replace_filter_attributes',
      corpusKeys: partial.corpusKeys ?? [corpus.key],
      corpusIds: partial.corpusIds ?? [corpus.id],
      state: partial.state,
      createdAt: floorToSecond(partial.createdAt ?? now()),
      startedAt: partial.startedAt === undefined ? null : partial.startedAt,
      completedAt: partial.completedAt === undefined ? null : partial.completedAt,
      username: partial.username === undefined ? null : partial.username,
      sequence,
      events: [],
      nextEvent: 0,
    };
    store.push(job);
    return publicCopy(job);
  }

  return {
    vendor: 'vectara',
    get jobs() {
      return newestFirst().map(publicCopy);
    },
    get tokensIssued() {
      return tokensIssued;
    },
    inject,
    revokeTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    tick,
    handle(request: DemoRequest): DemoResponse {
      if (request.path === '/oauth2/token') return issueToken(request);
      if (request.path.startsWith('/v2/')) return handleV2(request);
      if (request.path.startsWith('/v1/')) return handleV1(request);
      return v2Error(404, `No route for ${request.method} ${request.path}.`);
    },
    sourceConfig(url: string, name: string) {
      return { name, type: 'vectara', url, apiVersion: options.sourceApiVersion ?? 'v2', apiKey: VECTARA_DEMO_API_KEY, customerId: VECTARA_DEMO_CUSTOMER_ID };
    },
  };
}

function publicCopy(job: StoredJob | VectaraSimulatedJob): VectaraSimulatedJob {
  const { id, type, corpusKeys, corpusIds, state, createdAt, startedAt, completedAt, username } = job;
  return { id, type, corpusKeys: [...corpusKeys], corpusIds: [...corpusIds], state, createdAt, startedAt, completedAt, username };
}

const V1_NUMBER_BY_NAME: Record<string, number> = Object.fromEntries(
  (Object.keys(V1_STATE) as VectaraSimulatedState[]).map((state) => [V1_STATE[state], V1_STATE_NUMBER[state]]),
);
const V1_NUMBERS: ReadonlySet<number> = new Set(Object.values(V1_STATE_NUMBER));

/** A v1 state given as its name or its proto number (protojson accepts both), or null. */
function v1StateNumber(value: unknown): number | null {
  if (typeof value === 'number') return V1_NUMBERS.has(value) ? value : null;
  return typeof value === 'string' && Object.hasOwn(V1_NUMBER_BY_NAME, value) ? V1_NUMBER_BY_NAME[value] : null;
}

/** A protojson integer (a number or a decimal string); absent is 0, anything else null. */
function integerField(value: unknown): number | null {
  if (value === undefined) return 0;
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : null;
}

function isV1Cursor(value: unknown): value is V1Query {
  const cursor = (value ?? {}) as Partial<V1Query>;
  return (
    Number.isInteger(cursor.offset) &&
    (cursor.offset ?? -1) >= 0 &&
    Number.isInteger(cursor.numResults) &&
    Array.isArray(cursor.states) &&
    Array.isArray(cursor.corpusIds) &&
    (cursor.jobId === null || typeof cursor.jobId === 'string') &&
    Number.isInteger(cursor.sinceSeconds)
  );
}
