/**
 * OSAPI adapter: follows shared/apis.md §2 (osapi-io/osapi job API, OpenAPI
 * `internal/controller/api/job/gen/api.yaml`) and the mappings of §6/§7.
 *
 * Quirks handled here:
 * - The path prefix moved from `/job` to `/api/job` in April 2026. `pathPrefix` picks it; when it
 *   is not configured, a list that meets Echo's route-miss 404 (`{"message":"Not Found"}`) on
 *   `/api/job` tries the old `/job` once and keeps whichever answered.
 * - `GET /job` takes `limit` 1–100 (0 and 101 are 400s), newest first, with `total_items` and
 *   `status_counts` over ALL jobs (may carry `skipped`; `null` on an empty system, which means zero).
 *   `status_counts` can include deleted jobs until their events expire (1 h TTL), so it may differ
 *   from `total_items`.
 * - List items have no timeline, agent_states or responses, and `changed` is always null there;
 *   `result` only appears for single-agent jobs. Detail (`GET /job/{id}`) has all of them.
 * - `created` is RFC 3339 at seconds, `updated_at` RFC 3339 with nanoseconds (the latest event,
 *   which may be a later `retried` event).
 * - Two 400 shapes: go-playground validator text in `{"error"}` and Echo binding failures in
 *   `{"message"}`; both are read by http.ts's extractVendorMessage.
 * - No cancel. DELETE only forgets the record (204): agents keep working. Retry (201) creates a new
 *   job on any one agent (`_any`) and leaves the original, which gains a `retried` timeline event.
 * - Jobs expire after the KV TTL (1 h by default): ids vanish from lists; detail() then returns null.
 * - No owner, priority or progress: those are null.
 */
import { jobKey, type Job, type JobDetail, type JobFlag, type JobMessage, type JobState, type JobStep, type MessageLevel } from '../domain/job.js';
import { parseGoDuration, parseIsoTime } from '../domain/time.js';
import { DEFAULT_LIMIT, unavailable, type ActionKind, type ActionOutcome, type ActionSpec, type BaseSourceOptions, type JobSource, type ListResult, type SourceCapabilities } from './contract.js';
import { SourceError } from './errors.js';
import { type HttpClient } from './http.js';
import { createSourceHttpClient } from './source-http.js';
import { dedupeById, MAX_PAGES_PER_POLL } from './paging.js';
import { asArray, asNumber, asRecord, asString } from './read-fields.js';

/** Options of an OSAPI source: a JWT with `job:read` (and `job:write` for actions) and the path prefix. */
export interface OsapiOptions extends BaseSourceOptions {
  /** The bearer JWT (HS256, minted by `osapi token generate`). */
  token?: string;
  /** `/api` for current servers (default), `""` for servers before April 2026 that serve `/job`. */
  pathPrefix?: string;
}

/** The largest `limit` OSAPI accepts on `GET /job` (101 is a 400). */
export const OSAPI_MAX_PAGE_SIZE = 100;

/** The current path prefix, tried first when none is configured. */
export const OSAPI_DEFAULT_PATH_PREFIX = '/api';

/** A native OSAPI status mapped onto jobtop's states. */
export interface OsapiStateMapping {
  state: JobState;
  terminal: boolean;
  flags: JobFlag[];
}

const STATE_TABLE: Record<string, OsapiStateMapping> = {
  submitted: { state: 'queued', terminal: false, flags: [] },
  // why: `pending` is an SDK constant the API never emits; mapped for completeness (apis.md §6).
  pending: { state: 'queued', terminal: false, flags: [] },
  processing: { state: 'running', terminal: false, flags: [] },
  // why: `acknowledged` and `started` are per-agent values (agent_states), never job-level ones.
  acknowledged: { state: 'running', terminal: false, flags: [] },
  started: { state: 'running', terminal: false, flags: [] },
  completed: { state: 'succeeded', terminal: true, flags: [] },
  failed: { state: 'failed', terminal: true, flags: [] },
  partial_failure: { state: 'partial', terminal: true, flags: [] },
  // why: a skipped job is terminal and did no work (e.g. unsupported OS family); shown as failed.
  skipped: { state: 'failed', terminal: true, flags: ['skipped'] },
};

/** Maps an OSAPI job (or agent) status to a normalized state; unknown values → 'unknown', not terminal. */
export function mapOsapiState(status: unknown): OsapiStateMapping {
  const known = typeof status === 'string' && Object.hasOwn(STATE_TABLE, status) ? STATE_TABLE[status] : undefined;
  return known ? { ...known, flags: [...known.flags] } : { state: 'unknown', terminal: false, flags: [] };
}

/** Normalizes one OSAPI job record (a list item or a detail body) to a Job; never throws. */
export function normalizeOsapiJob(raw: unknown, sourceName: string): Job {
  const record = asRecord(raw);
  const id = asString(record.id) ?? '';
  const status = asString(record.status);
  const mapping = mapOsapiState(status);
  const updatedAt = parseIsoTime(record.updated_at);
  return {
    source: sourceName,
    id,
    key: jobKey(sourceName, id),
    vendor: 'osapi',
    type: asString(asRecord(record.operation).type) ?? 'Unknown',
    state: mapping.state,
    nativeState: status ?? '',
    terminal: mapping.terminal,
    flags: mapping.flags,
    priority: { value: null, label: null },
    progress: null,
    createdAt: parseIsoTime(record.created),
    startedAt: null,
    // why: the list has no timeline; the latest event time is the best finish time it offers
    // (a later `retried` event moves it; detail() reads the exact time from the timeline).
    finishedAt: mapping.terminal ? updatedAt : null,
    updatedAt,
    owner: null,
    host: asString(record.hostname),
    parentId: null,
    error: asString(record.error),
    raw,
  };
}

/** Normalizes a `GET /job/{id}` body: agent_states → steps, timeline → messages, result + responses → result. */
export function normalizeOsapiJobDetail(raw: unknown, sourceName: string): JobDetail {
  const record = asRecord(raw);
  const job = normalizeOsapiJob(raw, sourceName);
  const timeline = asArray(record.timeline).map(asRecord);
  const finishedAt = job.terminal ? latestEventTime(timeline, TERMINAL_EVENTS) : null;
  return {
    ...job,
    startedAt: earliestEventTime(timeline, START_EVENTS),
    finishedAt: finishedAt ?? job.finishedAt,
    steps: normalizeOsapiSteps(record.agent_states, timeline),
    messages: timeline.map(normalizeOsapiTimelineEvent),
    result: osapiResult(record),
    outputs: null,
  };
}

const START_EVENTS = new Set(['acknowledged', 'started']);
const TERMINAL_EVENTS = new Set(['completed', 'failed', 'skipped']);

function eventTimes(timeline: Record<string, unknown>[], events: Set<string>, host?: string): number[] {
  return timeline
    .filter((event) => events.has(asString(event.event) ?? '') && (host === undefined || event.hostname === host))
    .map((event) => parseIsoTime(event.timestamp))
    .filter((time): time is number => time !== null);
}

function earliestEventTime(timeline: Record<string, unknown>[], events: Set<string>, host?: string): number | null {
  const times = eventTimes(timeline, events, host);
  return times.length > 0 ? Math.min(...times) : null;
}

function latestEventTime(timeline: Record<string, unknown>[], events: Set<string>, host?: string): number | null {
  const times = eventTimes(timeline, events, host);
  return times.length > 0 ? Math.max(...times) : null;
}

/** One step per agent, in the order the agents first appear on the timeline (then by name). */
function normalizeOsapiSteps(agentStates: unknown, timeline: Record<string, unknown>[]): JobStep[] {
  const hosts = Object.keys(asRecord(agentStates));
  const firstSeen = (host: string) => {
    const index = timeline.findIndex((event) => event.hostname === host);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  hosts.sort((left, right) => firstSeen(left) - firstSeen(right) || left.localeCompare(right));
  return hosts.map((host) => normalizeOsapiStep(host, asRecord(asRecord(agentStates)[host]), timeline));
}

function normalizeOsapiStep(host: string, agent: Record<string, unknown>, timeline: Record<string, unknown>[]): JobStep {
  const status = asString(agent.status) ?? '';
  return {
    name: host,
    status,
    state: mapOsapiState(status).state,
    attempt: null,
    host,
    startedAt: earliestEventTime(timeline, START_EVENTS, host),
    finishedAt: mapOsapiState(status).terminal ? latestEventTime(timeline, TERMINAL_EVENTS, host) : null,
    durationMs: parseGoDuration(agent.duration),
    error: asString(agent.error),
  };
}

const EVENT_LEVELS: Record<string, MessageLevel> = { failed: 'error', skipped: 'warning' };

/** A timeline event as a message: failed → error, skipped → warning, else info; origin = its host. */
export function normalizeOsapiTimelineEvent(raw: unknown): JobMessage {
  const event = asRecord(raw);
  const name = asString(event.event) ?? '';
  const message = asString(event.message) ?? (name || 'event');
  const error = asString(event.error);
  return {
    timestamp: parseIsoTime(event.timestamp),
    level: EVENT_LEVELS[name] ?? 'info',
    text: error ? `${message}: ${error}` : message,
    origin: asString(event.hostname),
  };
}

/** The job's result: `{changed, result, responses}` with what the server sent, or null before any agent answered. */
function osapiResult(record: Record<string, unknown>): unknown {
  const hasResult = record.result !== undefined && record.result !== null;
  const hasResponses = Object.keys(asRecord(record.responses)).length > 0;
  if (!hasResult && !hasResponses) return null;
  const out: Record<string, unknown> = { changed: record.changed ?? null };
  if (hasResult) out.result = record.result;
  if (hasResponses) out.responses = record.responses;
  return out;
}

/** Sums OSAPI `status_counts` by normalized state; `null` (empty system) is all zeros; absent → null. */
export function normalizeOsapiStatusCounts(raw: unknown): Partial<Record<JobState, number>> | null {
  if (raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return null;
  const counts: Partial<Record<JobState, number>> = {};
  for (const [status, value] of Object.entries(raw as Record<string, unknown>)) {
    const count = asNumber(value);
    if (count === null) continue;
    const { state } = mapOsapiState(status);
    counts[state] = (counts[state] ?? 0) + count;
  }
  return counts;
}

const RETRYABLE_STATUSES = new Set(['failed', 'partial_failure', 'skipped']);

const DELETE_ACTION: ActionSpec = {
  kind: 'delete',
  label: 'Delete',
  request: 'DELETE /job/{id}',
  consequence: 'OSAPI forgets the job record; agents already working on it keep working, and its events stay in the status counts until the TTL expires.',
  destructive: true,
  availability(job) {
    return job.terminal
      ? { ok: true, consequence: 'OSAPI forgets the job record; its events stay in the status counts until the TTL expires.' }
      : { ok: true, consequence: 'OSAPI forgets the job record but does not stop it: agents already working on it keep working.' };
  },
};

const RETRY_ACTION: ActionSpec = {
  kind: 'retry',
  label: 'Retry',
  request: 'POST /job/{id}/retry',
  consequence: 'OSAPI submits a new job with the same operation to any one agent (_any); this job stays and gains a "retried" event.',
  destructive: false,
  availability(job) {
    if (RETRYABLE_STATUSES.has(job.nativeState)) return { ok: true, consequence: RETRY_ACTION.consequence };
    return unavailable(`only failed, partially failed or skipped jobs are retried; this one is ${job.nativeState || 'of unknown status'}`);
  },
};

/** What an OSAPI source can do (apis.md §7): detail, agents as steps, timeline as messages, delete and retry. */
export const OSAPI_CAPABILITIES: SourceCapabilities = {
  detail: true,
  steps: true,
  messages: true,
  result: true,
  stats: true,
  actions: { delete: DELETE_ACTION, retry: RETRY_ACTION },
  missing: {},
};

interface ListPage {
  items: unknown[];
  total: number | null;
  statusCounts: unknown;
}

/** Creates the JobSource of one OSAPI controller. */
export function createOsapiSource(options: OsapiOptions): JobSource {
  const source = options.name;
  const client = createSourceHttpClient(options, { secrets: [options.token] });
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const basePath = new URL(options.url).pathname.replace(/\/$/, '');
  let prefix = normalizePrefix(options.pathPrefix ?? OSAPI_DEFAULT_PATH_PREFIX);
  let prefixConfirmed = options.pathPrefix !== undefined;
  const label = (method: string, path: string) => `${method} ${basePath}${path}`;

  async function fetchPage(pagePrefix: string, offset: number, size: number, signal?: AbortSignal): Promise<ListPage> {
    const path = `${pagePrefix}/job`;
    const body = await client.json({ path, query: { limit: size, offset }, headers, signal });
    const record = asRecord(body);
    if (!Array.isArray(record.items)) {
      throw shapeError(source, label('GET', path), `the list response has no "items" array (keys: ${describeKeys(body)})`);
    }
    return { items: record.items, total: asNumber(record.total_items), statusCounts: record.status_counts };
  }

  /** First page, finding the prefix on first use when none was configured. */
  async function fetchFirstPage(size: number, signal: AbortSignal | undefined, counter: { requests: number }): Promise<ListPage> {
    counter.requests++;
    try {
      const page = await fetchPage(prefix, 0, size, signal);
      prefixConfirmed = true;
      return page;
    } catch (error) {
      if (prefixConfirmed || prefix === '' || !isRouteMiss(error)) throw error;
      counter.requests++;
      const page = await fetchPage('', 0, size, signal);
      prefix = '';
      prefixConfirmed = true;
      return page;
    }
  }

  async function list(signal?: AbortSignal): Promise<ListResult> {
    const counter = { requests: 0 };
    const first = await fetchFirstPage(Math.min(OSAPI_MAX_PAGE_SIZE, limit), signal, counter);
    const total = first.total;
    const items = [...first.items];
    let lastPage = first;
    let requested = Math.min(OSAPI_MAX_PAGE_SIZE, limit);
    let pages = 1;
    while (items.length < limit && pages < MAX_PAGES_PER_POLL && !isLastPage(lastPage, requested, items.length, total)) {
      const size = Math.min(OSAPI_MAX_PAGE_SIZE, limit - items.length);
      counter.requests++;
      lastPage = await fetchPage(prefix, items.length, size, signal);
      requested = size;
      pages++;
      items.push(...lastPage.items);
    }
    const jobs = dedupeById(items.map((item) => normalizeOsapiJob(item, source))).slice(0, limit);
    return { jobs, total, stateCounts: normalizeOsapiStatusCounts(first.statusCounts), requests: counter.requests };
  }

  async function detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
    const path = `${prefix}/job/${encodeURIComponent(id)}`;
    let body: unknown;
    try {
      body = await client.json({ path, headers, signal });
    } catch (error) {
      if (isJobNotFound(error)) return null;
      throw error;
    }
    if (typeof asRecord(body).id !== 'string') {
      throw shapeError(source, label('GET', path), `the job response has no "id" (keys: ${describeKeys(body)})`);
    }
    return normalizeOsapiJobDetail(body, source);
  }

  async function deleteJob(job: { id: string }): Promise<ActionOutcome> {
    const path = `${prefix}/job/${encodeURIComponent(job.id)}`;
    await client.json({ method: 'DELETE', path, headers }, { allowEmpty: true });
    return { kind: 'delete', effect: 'deleted', message: `OSAPI forgot job ${job.id}; agents already working on it keep working` };
  }

  async function retryJob(job: { id: string }): Promise<ActionOutcome> {
    const path = `${prefix}/job/${encodeURIComponent(job.id)}/retry`;
    const body = asRecord(await client.json({ method: 'POST', path, headers }));
    const newJobId = asString(body.job_id);
    if (!newJobId) throw shapeError(source, label('POST', path), `the retry response has no "job_id" (keys: ${describeKeys(body)})`, 201);
    const revision = asNumber(body.revision);
    const details = [`status ${asString(body.status) ?? 'unknown'}`, revision === null ? null : `revision ${revision}`].filter(Boolean).join(', ');
    return { kind: 'retry', effect: 'retried', message: `Retried as job ${newJobId} (${details})`, newJobId };
  }

  return {
    name: source,
    vendor: 'osapi',
    url: options.url,
    capabilities: OSAPI_CAPABILITIES,
    list,
    detail,
    act(kind: ActionKind, job: Job): Promise<ActionOutcome> {
      if (kind === 'delete') return deleteJob(job);
      if (kind === 'retry') return retryJob(job);
      return Promise.reject(unsupported(source, kind));
    },
    close: () => client.close(),
  };
}

/** True when no further page can hold jobs: a short page, or the offset reached `total_items`. */
function isLastPage(page: ListPage, requested: number, fetched: number, total: number | null): boolean {
  return page.items.length < requested || (total !== null && fetched >= total);
}

function normalizePrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Echo's route-miss 404 (`{"message":"Not Found"}`): the server has no such path (an older prefix). */
function isRouteMiss(error: unknown): boolean {
  return error instanceof SourceError && error.status === 404 && error.detail === 'Not Found';
}

/** OSAPI's own 404 for an id it does not hold (deleted or expired): `{"error":"job not found: <id>"}`. */
function isJobNotFound(error: unknown): boolean {
  return error instanceof SourceError && error.status === 404 && (error.detail ?? '').startsWith('job not found');
}

function describeKeys(body: unknown): string {
  if (body === null || typeof body !== 'object') return `got ${body === null ? 'null' : typeof body}`;
  if (Array.isArray(body)) return 'got an array';
  const keys = Object.keys(body);
  return keys.length > 0 ? keys.join(', ') : 'none';
}

function shapeError(source: string, request: string, detail: string, status = 200): SourceError {
  return new SourceError({ source, kind: 'shape', short: 'unexpected response shape', detail, status, request });
}

function unsupported(source: string, kind: ActionKind): SourceError {
  const detail = kind === 'cancel' ? 'OSAPI has no cancel; Delete only forgets the record' : `OSAPI has no ${kind} action`;
  return new SourceError({ source, kind: 'unsupported', short: `${kind} not supported`, detail });
}
