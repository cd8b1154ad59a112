/**
 * VectorCharts Portal adapter. Follows shared/apis.md §1 (docs.vectorcharts.com/oem/portal-api-reference:
 * jobs/list, authentication/login); state mapping per apis.md §6, actions per §7 (none).
 *
 * Quirks this file handles:
 * - `url` is the server root (e.g. http://host:9909); the Portal API sits under /api/portal/v1. A url
 *   that already ends in the docs' base form (`/api/portal` or `/api/portal/v1`) is accepted too.
 * - Auth is a Bearer token: a static API token, or a session token from
 *   `POST /api/portal/v1/auth/login` (`token.id`). A session token that gets a 401 on a read is
 *   renewed by logging in once more and the read is retried once; API tokens are never retried.
 * - Offset paging, newest first, `limit` capped at 200 (the echoed `pagination.limit` is the size
 *   the server applied); pages drift when jobs arrive, so jobs are de-duplicated by id.
 * - `steps` and `logs` come inline on every list item and there is no get-one endpoint, so
 *   detail(id) pages through a fresh list looking for the id.
 * - `createdAt`/`updatedAt`/step times are epoch ms numbers; log timestamps are ISO strings.
 * - The job record has no start/finish time or error: startedAt is the earliest step start,
 *   finishedAt is updatedAt of a terminal job, error is the failing step's error (or last error log).
 * - `processing` (older public Chart API vocabulary, apis.md §1.6) is accepted as running.
 * - No cancel, delete or retry endpoint exists; `POST /jobs` only starts maintenance jobs.
 */
import { jobKey, type Job, type JobDetail, type JobFlag, type JobMessage, type JobState, type JobStep, type MessageLevel } from '../domain/job.js';
import { parseEpochMs, parseIsoTime } from '../domain/time.js';
import { DEFAULT_LIMIT, type ActionKind, type BaseSourceOptions, type JobSource, type ListResult, type SourceCapabilities } from './contract.js';
import { SourceError } from './errors.js';
import { type HttpClient, type HttpRequest } from './http.js';
import { createSourceHttpClient } from './source-http.js';
import { MAX_PAGES_PER_POLL, dedupeById } from './paging.js';
import { asArray, asNumber, asRecord, asString, clampPercent } from './read-fields.js';

/** Options of a VectorCharts Portal source: an API token, or a username and password to log in with. */
export interface VectorChartsOptions extends BaseSourceOptions {
  token?: string;
  username?: string;
  password?: string;
}

/** Path prefix of the Portal API below the server root. */
export const VECTORCHARTS_API_PREFIX = '/api/portal/v1';

/** Largest `limit` the Portal list accepts (apis.md §1.2). */
export const VECTORCHARTS_PAGE_SIZE_CAP = 200;

const JOBS_PATH = `${VECTORCHARTS_API_PREFIX}/jobs`;
const LOGIN_PATH = `${VECTORCHARTS_API_PREFIX}/auth/login`;

/** What the Portal API can and cannot do, declared for the UI (apis.md §7: no actions at all). */
export const VECTORCHARTS_CAPABILITIES: SourceCapabilities = {
  // why: there is no get-one endpoint, but every list item carries steps, logs and result inline.
  detail: true,
  steps: true,
  messages: true,
  result: true,
  // why: pagination.total counts all matching jobs; there are no per-state counts.
  stats: true,
  actions: {},
  missing: {},
};

/** A normalized state with its terminal bit and refining flags. */
export interface MappedState {
  state: JobState;
  terminal: boolean;
  flags: JobFlag[];
}

const STATE_TABLE: Record<string, { state: JobState; terminal: boolean }> = {
  pending: { state: 'queued', terminal: false },
  running: { state: 'running', terminal: false },
  // why: the older public Chart API says `processing` where the Portal API says `running` (apis.md §1.6).
  processing: { state: 'running', terminal: false },
  completed: { state: 'succeeded', terminal: true },
  failed: { state: 'failed', terminal: true },
  cancelled: { state: 'cancelled', terminal: true },
};

/** Maps a Portal `jobState` (or step `status`) to the normalized state (apis.md §6); anything else is unknown. */
export function mapVectorChartsState(native: unknown): MappedState {
  const known = typeof native === 'string' && Object.hasOwn(STATE_TABLE, native) ? STATE_TABLE[native] : undefined;
  return known ? { ...known, flags: [] } : { state: 'unknown', terminal: false, flags: [] };
}

/** Normalizes one Portal job record (a list item) to a Job; never throws on a malformed record. */
export function normalizeVectorChartsJob(raw: unknown, source: string): Job {
  const record = asRecord(raw);
  const id = asString(record.id) ?? '';
  const mapped = mapVectorChartsState(record.jobState);
  const steps = asArray(record.steps).map(asRecord);
  const updatedAt = parseEpochMs(record.updatedAt);
  return {
    source,
    id,
    key: jobKey(source, id),
    vendor: 'vectorcharts',
    type: asString(record.jobType) ?? 'unknown',
    state: mapped.state,
    nativeState: asString(record.jobState) ?? '',
    terminal: mapped.terminal,
    flags: [...mapped.flags, ...stepFlags(steps, mapped.state)],
    priority: { value: asNumber(record.priority), label: null },
    progress: clampPercent(asNumber(record.percentComplete)),
    createdAt: parseEpochMs(record.createdAt),
    startedAt: earliestStepStart(steps),
    finishedAt: mapped.terminal ? updatedAt : null,
    updatedAt,
    owner: asString(record.accountId),
    host: null,
    parentId: asString(record.parentJobId),
    error: mapped.state === 'failed' ? failureText(record, steps) : null,
    raw,
  };
}

/** Normalizes a Portal job record with its inline steps, logs and result to a JobDetail. */
export function normalizeVectorChartsDetail(raw: unknown, source: string): JobDetail {
  const record = asRecord(raw);
  return {
    ...normalizeVectorChartsJob(raw, source),
    steps: asArray(record.steps).map(normalizeVectorChartsStep),
    messages: asArray(record.logs).map(normalizeVectorChartsLog),
    result: record.result ?? null,
    outputs: null,
  };
}

/** Normalizes one step record (`stepName`, `status`, `attempt`, `startedAt`, `completedAt`, `error`). */
export function normalizeVectorChartsStep(raw: unknown): JobStep {
  const step = asRecord(raw);
  const startedAt = parseEpochMs(step.startedAt);
  const finishedAt = parseEpochMs(step.completedAt);
  return {
    name: asString(step.stepName) ?? asString(step.id) ?? 'step',
    status: asString(step.status) ?? '',
    state: mapVectorChartsState(step.status).state,
    attempt: asNumber(step.attempt),
    host: null,
    startedAt,
    finishedAt,
    durationMs: startedAt !== null && finishedAt !== null ? Math.max(0, finishedAt - startedAt) : null,
    error: errorText(step.error),
  };
}

/** Normalizes one log entry (`timestamp` ISO, `type` info/warning/error, `message`). */
export function normalizeVectorChartsLog(raw: unknown): JobMessage {
  const entry = asRecord(raw);
  const timestamp = typeof entry.timestamp === 'number' ? parseEpochMs(entry.timestamp) : parseIsoTime(entry.timestamp);
  return { timestamp, level: logLevel(entry.type), text: asString(entry.message) ?? '', origin: null };
}

/** Creates the JobSource of one VectorCharts Portal server. */
export function createVectorChartsSource(options: VectorChartsOptions): JobSource {
  const source = options.name;
  const limit = positiveLimit(options.limit);
  const client = createSourceHttpClient(options, { baseUrl: vectorChartsServerRoot(options.url, source), secrets: [options.token, options.password] });
  const auth = createPortalAuth(client, options);

  async function* pages(counter: RequestCounter, signal?: AbortSignal): AsyncGenerator<unknown[]> {
    let offset = 0;
    for (let page = 0; page < MAX_PAGES_PER_POLL && offset < limit; page++) {
      const requested = Math.min(VECTORCHARTS_PAGE_SIZE_CAP, limit - offset);
      const body = await auth.read({ path: JOBS_PATH, query: { limit: requested, offset }, signal }, counter);
      const parsed = parseListPage(body, source);
      if (page === 0) counter.total = parsed.total;
      yield parsed.records;
      offset += parsed.records.length;
      if (isLastPage(parsed, requested, offset)) return;
    }
  }

  return {
    name: source,
    vendor: 'vectorcharts',
    url: withoutCredentials(options.url),
    capabilities: VECTORCHARTS_CAPABILITIES,
    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter: RequestCounter = { requests: 0, total: null };
      const jobs: Job[] = [];
      for await (const records of pages(counter, signal)) {
        for (const record of records) jobs.push(normalizeVectorChartsJob(record, source));
      }
      const withIds = dedupeById(jobs.filter((job) => job.id !== '')).slice(0, limit);
      return { jobs: withIds, total: counter.total, stateCounts: null, requests: counter.requests };
    },
    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const counter: RequestCounter = { requests: 0, total: null };
      for await (const records of pages(counter, signal)) {
        const found = records.find((record) => asString(asRecord(record).id) === id);
        if (found !== undefined) return normalizeVectorChartsDetail(found, source);
      }
      return null;
    },
    async act(kind: ActionKind): Promise<never> {
      throw new SourceError({
        source,
        kind: 'unsupported',
        short: `${kind} not supported`,
        detail: 'The VectorCharts Portal API has no cancel, delete or retry endpoint; nothing was sent.',
      });
    },
    close: () => client.close(),
  };
}

/** The server root the Portal paths are appended to: the url minus a trailing `/api/portal[/v1]`. */
export function vectorChartsServerRoot(url: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceError({ source, kind: 'config', short: 'invalid url', detail: `${JSON.stringify(url)} is not an absolute URL` });
  }
  parsed.pathname = parsed.pathname.replace(/\/+$/, '').replace(/\/api\/portal(\/v1)?$/, '') || '/';
  return parsed.href;
}

/** Requests made and the total reported by one poll. */
interface RequestCounter {
  requests: number;
  total: number | null;
}

/** Sends reads with the right Bearer token, logging in (again) when needed. */
interface PortalAuth {
  read(request: HttpRequest, counter: RequestCounter): Promise<unknown>;
}

function createPortalAuth(client: HttpClient, options: VectorChartsOptions): PortalAuth {
  const source = options.name;
  const apiToken = nonEmpty(options.token);
  const username = nonEmpty(options.username);
  const password = typeof options.password === 'string' ? options.password : undefined;
  let sessionToken: string | null = null;
  let pendingLogin: Promise<string> | null = null;

  const send = (request: HttpRequest, token: string, counter: RequestCounter) => {
    counter.requests += 1;
    return client.json({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
  };

  async function login(counter: RequestCounter, signal?: AbortSignal): Promise<string> {
    counter.requests += 1;
    const body = await client.json({ method: 'POST', path: LOGIN_PATH, json: { username, password }, mutating: false, signal });
    const token = asString(asRecord(asRecord(body).token).id);
    if (token === null) {
      throw new SourceError({ source, kind: 'shape', short: 'unexpected login response', detail: 'the login response has no token.id', request: `POST ${LOGIN_PATH}` });
    }
    client.addSecret(token);
    return token;
  }

  /** The current session token, logging in unless it is the one that was just refused. */
  function session(counter: RequestCounter, refused: string | null, signal?: AbortSignal): Promise<string> {
    if (pendingLogin) return pendingLogin;
    if (sessionToken !== null && sessionToken !== refused) return Promise.resolve(sessionToken);
    sessionToken = null;
    pendingLogin = login(counter, signal)
      .then((token) => (sessionToken = token))
      .finally(() => (pendingLogin = null));
    return pendingLogin;
  }

  return {
    async read(request, counter) {
      if (apiToken !== undefined) return send(request, apiToken, counter);
      if (username === undefined || password === undefined) {
        throw new SourceError({ source, kind: 'config', short: 'no credentials', detail: 'set token, or username and password' });
      }
      const token = await session(counter, null, request.signal);
      try {
        return await send(request, token, counter);
      } catch (error) {
        // why: a session token lasts until logout (apis.md §1.1); a 401 means it was revoked, so log
        // in once more and retry this read once. Only reads come through here: nothing mutating is retried.
        if (!(error instanceof SourceError) || error.status !== 401) throw error;
        return send(request, await session(counter, token, request.signal), counter);
      }
    },
  };
}

/** One list page: its records, the total and the page size the server applied. */
interface ListPage {
  records: unknown[];
  total: number | null;
  appliedLimit: number | null;
}

function parseListPage(body: unknown, source: string): ListPage {
  const record = asRecord(body);
  if (!Array.isArray(record.jobs)) {
    const found = Array.isArray(body) ? 'a bare array (the older Chart API shape?)' : body === null ? 'null' : typeof body === 'object' ? `keys ${Object.keys(record).join(', ') || '(none)'}` : typeof body;
    throw new SourceError({
      source,
      kind: 'shape',
      short: 'unexpected response shape',
      detail: `expected {"jobs": [...], "pagination": {...}}, got ${found}`,
      request: `GET ${JOBS_PATH}`,
    });
  }
  const pagination = asRecord(record.pagination);
  return { records: record.jobs, total: asNumber(pagination.total), appliedLimit: asNumber(pagination.limit) };
}

/** A page ends the list when it is empty, shorter than the page size applied, or reaches the total. */
function isLastPage(page: ListPage, requested: number, nextOffset: number): boolean {
  const pageSize = page.appliedLimit !== null && page.appliedLimit > 0 ? Math.min(requested, page.appliedLimit) : requested;
  if (page.records.length === 0 || page.records.length < pageSize) return true;
  return page.total !== null && nextOffset >= page.total;
}

function stepFlags(steps: Record<string, unknown>[], state: JobState): JobFlag[] {
  // why: a failed attempt that was retried (attempt 2) leaves its error on the step; flag it unless the job failed anyway.
  return state !== 'failed' && steps.some((step) => errorText(step.error) !== null) ? ['had-error'] : [];
}

function earliestStepStart(steps: Record<string, unknown>[]): number | null {
  const starts = steps.map((step) => parseEpochMs(step.startedAt)).filter((time): time is number => time !== null);
  return starts.length > 0 ? Math.min(...starts) : null;
}

function failureText(record: Record<string, unknown>, steps: Record<string, unknown>[]): string | null {
  const stepErrors = steps.map((step) => errorText(step.error)).filter((text): text is string => text !== null);
  if (stepErrors.length > 0) return stepErrors[stepErrors.length - 1];
  const errorLogs = asArray(record.logs).map(asRecord).filter((entry) => entry.type === 'error');
  const lastLog = errorLogs.length > 0 ? asString(errorLogs[errorLogs.length - 1].message) : null;
  return lastLog ?? errorText(asRecord(record.result).error);
}

function errorText(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  return asString(asRecord(value).message);
}

function logLevel(type: unknown): MessageLevel {
  if (type === 'warning' || type === 'warn') return 'warning';
  if (type === 'error' || type === 'debug') return type;
  return 'info';
}

function positiveLimit(limit: number | undefined): number {
  return typeof limit === 'number' && Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : DEFAULT_LIMIT;
}

function nonEmpty(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}
