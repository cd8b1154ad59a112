/**
 * Alteryx Server API v3 adapter. Follows shared/apis.md §5 (seed 004, the "Job Endpoints" page
 * of the Server API v3 docs) and the Alteryx rows of §6 (states) and §7 (actions).
 *
 * Quirks handled here:
 * - Auth is OAuth2 client credentials: `POST <webapi>/oauth2/token` (form body) gives a bearer
 *   token that lasts about an hour and has no refresh token. The token is reused until shortly
 *   before it expires and fetched again once on a 401 from a read. A mutating request is never
 *   re-sent, not even after a 401.
 * - `GET /v3/jobs` takes `offset`/`limit` but answers in pages (`pagination.currentPage`, …).
 * - The list has no `disposition`, so a `Completed` job cannot be told apart as success, error or
 *   cancel. It stays `unknown` with the flag `needs-disposition` until
 *   `GET /v3/jobs/{id}?includeMessages=false` says how it ended. Terminal jobs never change, so
 *   the answer is cached; at most ALTERYX_ENRICH_PER_POLL jobs are looked up per poll.
 * - The filter value is `Complete` but the responses say `Completed`; both map the same way.
 * - `priority` is a string, either named ("Low", "Default", …) or numeric ("0".."6").
 * - The list has no completion time: finished = `startTime` + `executionTime` (`[d.]HH:MM:SS`).
 * - `DELETE /v3/jobs/{id}` cancels a running job but deletes a queued one; refusals are 400s with
 *   `{"message"}` (even for a missing permission, not 403).
 * - `/v3/jobs/{id}/messages` is documented as one object but really is an array: both accepted.
 */
import { jobKey, type Job, type JobDetail, type JobFlag, type JobMessage, type JobOutput, type JobState, type MessageLevel, type Priority } from '../domain/job.js';
import { parseIsoTime, parseTimeSpan } from '../domain/time.js';
import { DEFAULT_LIMIT, unavailable, type ActionKind, type ActionOutcome, type ActionSpec, type BaseSourceOptions, type JobSource, type ListResult, type SourceCapabilities } from './contract.js';
import { SourceError } from './errors.js';
import { type HttpClient, type HttpRequest } from './http.js';
import { createSourceHttpClient } from './source-http.js';
import { MAX_PAGES_PER_POLL } from './paging.js';
import { asArray, asNumber, asRecord, asString } from './read-fields.js';

/** Config of an Alteryx source: the `.../webapi` url and the user's API key and secret. */
export interface AlteryxOptions extends BaseSourceOptions {
  clientId?: string;
  clientSecret?: string;
  /**
   * Disposition look-ups per poll (default ALTERYX_ENRICH_PER_POLL). One-shot commands set it
   * to the limit, since they have no next poll to finish the work in.
   */
  enrichPerPoll?: number;
  /** Clock used for token expiry (tests share the simulator's fake clock); default Date.now. */
  now?: () => number;
}

/** Page size asked of `GET /v3/jobs` (the docs' example shows 50; 100 keeps polls short). */
export const ALTERYX_PAGE_SIZE = 100;

/** Most completed jobs whose disposition is looked up in one poll. */
export const ALTERYX_ENRICH_PER_POLL = 25;

/** How many disposition look-ups run at the same time. */
const ENRICH_CONCURRENCY = 4;

/** A token is replaced this long before it expires (at most a tenth of its lifetime). */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

/** Shown as the type of a job whose record names no workflow. */
const UNNAMED_WORKFLOW = '(unnamed workflow)';

/** A native status (plus disposition) mapped onto the normalized states. */
export interface AlteryxStateMapping {
  state: JobState;
  terminal: boolean;
  flags: JobFlag[];
}

/**
 * Maps an Alteryx `status` (and, for completed jobs, the detail's `disposition`) to the
 * normalized state (apis.md §6). A completed job without a disposition is `unknown` and
 * flagged `needs-disposition`; an unknown status is `unknown` and not terminal.
 */
export function mapAlteryxState(status: unknown, disposition?: unknown): AlteryxStateMapping {
  switch (asString(status)?.toLowerCase()) {
    case 'created':
    case 'queued':
      return { state: 'queued', terminal: false, flags: [] };
    case 'initializing':
    case 'running':
      return { state: 'running', terminal: false, flags: [] };
    case 'cancelled':
    case 'canceled':
      return { state: 'cancelled', terminal: true, flags: [] };
    case 'completed':
    case 'complete':
      return mapDisposition(disposition);
    default:
      return { state: 'unknown', terminal: false, flags: [] };
  }
}

function mapDisposition(disposition: unknown): AlteryxStateMapping {
  switch (asString(disposition)?.toLowerCase()) {
    case 'success':
      return { state: 'succeeded', terminal: true, flags: [] };
    case 'warning':
      return { state: 'succeeded', terminal: true, flags: ['warnings'] };
    case 'error':
      return { state: 'failed', terminal: true, flags: [] };
    case 'cancelled':
    case 'canceled':
      return { state: 'cancelled', terminal: true, flags: [] };
    case undefined:
      return { state: 'unknown', terminal: true, flags: ['needs-disposition'] };
    default:
      // why: an answered but unrecognised disposition ("None" on a finished job): asking again won't help.
      return { state: 'unknown', terminal: true, flags: [] };
  }
}

/** True for the status a finished job has in the list (`Completed`, or `Complete` as the filter spells it). */
export function isAlteryxCompleted(status: unknown): boolean {
  const value = asString(status)?.toLowerCase();
  return value === 'completed' || value === 'complete';
}

/** The native state shown to the user: the status, plus the disposition once a completed job has one. */
export function alteryxNativeState(status: unknown, disposition?: unknown): string {
  const statusText = asString(status) ?? '';
  const dispositionText = asString(disposition);
  return isAlteryxCompleted(status) && dispositionText ? `${statusText}/${dispositionText}` : statusText;
}

/** Numeric values of the named priorities (community KB: 0 Normal/Low, 1 Medium, 2 High, 3 Critical). */
const PRIORITY_VALUES: Record<string, number> = { low: 0, default: 0, normal: 0, medium: 1, high: 2, critical: 3 };

/** Reads Alteryx's string priority: the label as sent, the value from the name or the number. */
export function parseAlteryxPriority(value: unknown): Priority {
  const label = asString(value);
  if (label === null) return { value: null, label: null };
  const named = PRIORITY_VALUES[label.trim().toLowerCase()];
  return { value: named ?? asNumber(label), label };
}

/** Parses an Alteryx ISO timestamp; .NET's `DateTime.MinValue` (year 1) and other pre-1970 values mean "not set". */
export function parseAlteryxTime(value: unknown): number | null {
  const ms = parseIsoTime(value);
  return ms !== null && ms > 0 ? ms : null;
}

function finishedAt(terminal: boolean, startedAt: number | null, executionTime: unknown): number | null {
  const durationMs = parseTimeSpan(executionTime);
  return terminal && startedAt !== null && durationMs !== null ? startedAt + durationMs : null;
}

/**
 * Normalizes one `JobListItem` of `GET /v3/jobs`. `disposition` is what an earlier detail
 * look-up said about a completed job (the list itself never carries one).
 */
export function normalizeAlteryxJob(raw: unknown, sourceName: string, disposition?: string | null): Job {
  const record = asRecord(raw);
  const id = asString(record.jobId) ?? '';
  const mapping = mapAlteryxState(record.status, disposition);
  const startedAt = parseAlteryxTime(record.startTime);
  return {
    source: sourceName,
    id,
    key: jobKey(sourceName, id),
    vendor: 'alteryx',
    type: asString(record.workflowName) ?? asString(record.workflowId) ?? UNNAMED_WORKFLOW,
    state: mapping.state,
    nativeState: alteryxNativeState(record.status, disposition),
    terminal: mapping.terminal,
    flags: mapping.flags,
    priority: parseAlteryxPriority(record.priority),
    progress: null,
    createdAt: parseAlteryxTime(record.queueTime),
    startedAt,
    finishedAt: finishedAt(mapping.terminal, startedAt, record.executionTime),
    updatedAt: null,
    owner: asString(record.submittedBy),
    host: null,
    parentId: null,
    error: null,
    raw,
  };
}

/** Engine message status bit marking a transient variant (goalteryx `message_status.go`). */
const TRANSIENT_BIT = 0x40000000;

/** Severity of an engine message status code: 1 info, 2 warning, 3 error, 4 complete, 5 field conversion, 8/9 files. */
export function alteryxMessageLevel(status: unknown): MessageLevel {
  const code = asNumber(status);
  if (code === null) return 'info';
  switch (code & ~TRANSIENT_BIT) {
    case 2:
    case 5:
      return 'warning';
    case 3:
      return 'error';
    case 10:
    case 50:
    case 70:
      // why: output meta info, record counts and browse file names are bookkeeping, not news.
      return 'debug';
    default:
      return 'info';
  }
}

/** Normalizes engine messages: an array, or the single object the docs show. */
export function normalizeAlteryxMessages(value: unknown): JobMessage[] {
  const items = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : [];
  return items.map((item) => {
    const record = asRecord(item);
    const toolId = asNumber(record.toolId);
    return {
      timestamp: null,
      level: alteryxMessageLevel(record.status),
      text: asString(record.text) ?? '',
      // why: tool ids start at 1; 0 and below are the engine's own messages.
      origin: toolId === null ? null : toolId > 0 ? `tool ${toolId}` : 'engine',
    };
  });
}

/** Normalizes a detail's `outputs` (the files a successful run wrote). */
export function normalizeAlteryxOutputs(value: unknown): JobOutput[] {
  return asArray(value).map((item) => {
    const record = asRecord(item);
    const id = asString(record.id) ?? '';
    return {
      id,
      name: asString(record.fileName) ?? id,
      formats: asArray(record.availableFormats).map(asString).filter((format): format is string => format !== null),
    };
  });
}

/** What the detail normalizer may know besides the detail body. */
export interface AlteryxDetailContext {
  /** The job's last `JobListItem`: workflow name, owner and times are only in the list. */
  listItem?: unknown;
  /** Messages fetched from `/v3/jobs/{id}/messages` when the detail body had none. */
  messages?: unknown;
}

/** Normalizes `GET /v3/jobs/{id}`, filling what only the list knows from the job's list item. */
export function normalizeAlteryxDetail(raw: unknown, sourceName: string, context: AlteryxDetailContext = {}): JobDetail {
  const record = asRecord(raw);
  const listed = normalizeAlteryxJob(context.listItem ?? {}, sourceName);
  const id = asString(record.id) ?? listed.id;
  const status = record.status ?? asRecord(context.listItem).status;
  const mapping = mapAlteryxState(status, record.disposition);
  const rawMessages = context.messages ?? record.messages;
  const messages = rawMessages === undefined || rawMessages === null ? null : normalizeAlteryxMessages(rawMessages);
  const detailPriority = parseAlteryxPriority(record.priority);
  return {
    ...listed,
    id,
    key: jobKey(sourceName, id),
    type: asString(asRecord(context.listItem).workflowName) ?? asString(record.appId) ?? listed.type,
    state: mapping.state,
    nativeState: alteryxNativeState(status, record.disposition),
    terminal: mapping.terminal,
    flags: mapping.flags,
    priority: detailPriority.label !== null ? detailPriority : listed.priority,
    createdAt: listed.createdAt ?? parseAlteryxTime(record.createDateTime),
    // why: the list item's execution time only gives the end when the list already saw the job finished.
    finishedAt: mapping.terminal ? listed.finishedAt : null,
    // why: the worker tag names the worker group allowed to run the job: the closest Alteryx has to a host.
    host: asString(record.workerTag),
    error: mapping.state === 'failed' ? (messages?.find((message) => message.level === 'error')?.text ?? null) : null,
    raw,
    steps: null,
    messages,
    result: undefined,
    outputs: record.outputs === undefined ? null : normalizeAlteryxOutputs(record.outputs),
  };
}

/** Counts the HTTP requests of one poll or call. */
interface RequestCounter {
  count: number;
}

/** Hands out bearer tokens, fetching one when there is none or it is about to expire. */
interface TokenKeeper {
  bearer(counter: RequestCounter): Promise<string>;
  /** Forgets `token` (after a 401), unless a newer one already replaced it. */
  invalidate(token: string): void;
}

function createTokenKeeper(client: HttpClient, options: AlteryxOptions, now: () => number): TokenKeeper {
  let current: { token: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function fetchToken(counter: RequestCounter): Promise<string> {
    const { clientId, clientSecret } = options;
    if (!clientId || !clientSecret) {
      throw new SourceError({ source: client.source, kind: 'config', short: 'missing credentials', detail: 'clientId and clientSecret (the API key and secret from the Alteryx user profile) are required' });
    }
    counter.count++;
    let body: unknown;
    try {
      body = await client.json({ method: 'POST', path: '/oauth2/token', form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }, mutating: false });
    } catch (error) {
      throw tokenRejection(error);
    }
    const record = asRecord(body);
    const token = asString(record.access_token);
    if (token === null) {
      throw new SourceError({ source: client.source, kind: 'shape', short: 'unexpected response shape', detail: 'the token response has no "access_token"', request: 'POST /oauth2/token' });
    }
    client.addSecret(token);
    const lifetimeMs = (asNumber(record.expires_in) ?? 3600) * 1000;
    current = { token, renewAt: now() + lifetimeMs - Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 10) };
    return token;
  }

  return {
    async bearer(counter) {
      if (current && now() < current.renewAt) return current.token;
      // why: parallel enrichment look-ups share one token request instead of stampeding.
      pending ??= fetchToken(counter).finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate(token) {
      if (current?.token === token) current = null;
    },
  };
}

/** A rejected token request (400 invalid_client, 401) becomes an auth error that says so. */
function tokenRejection(error: unknown): unknown {
  // why (issue 7 fault matrix): a 200 with HTML, an empty, truncated or oversized body, and a 429
  // with Retry-After are not rejections of the credentials; they keep their own words and retry hint.
  if (!(error instanceof SourceError) || error.status === undefined || error.status < 400 || error.status === 429 || error.status >= 500) return error;
  return new SourceError({
    source: error.source,
    kind: 'auth',
    short: `token request rejected (HTTP ${error.status})`,
    detail: error.detail ?? 'check clientId and clientSecret',
    status: error.status,
    request: error.request,
  });
}

/** One page of `GET /v3/jobs`, read tolerantly. */
interface JobPage {
  items: unknown[];
  total: number | null;
  pageSize: number | null;
  hasNextPage: boolean | null;
}

function readJobPage(source: string, body: unknown): JobPage {
  const record = asRecord(body);
  if (!Array.isArray(record.data)) {
    throw new SourceError({ source, kind: 'shape', short: 'unexpected response shape', detail: 'GET /v3/jobs answered without a "data" array', request: 'GET /v3/jobs' });
  }
  const pagination = asRecord(record.pagination);
  return {
    items: record.data,
    total: asNumber(pagination.totalItems),
    pageSize: asNumber(pagination.pageSize),
    hasNextPage: typeof pagination.hasNextPage === 'boolean' ? pagination.hasNextPage : null,
  };
}

function isLastPage(page: JobPage, requested: number): boolean {
  // why: the server may apply a smaller page size than asked; a page is short against the size it applied.
  const applied = page.pageSize !== null && page.pageSize > 0 ? Math.min(page.pageSize, requested) : requested;
  return page.items.length === 0 || page.hasNextPage === false || page.items.length < applied;
}

/** Runs `work` over `items`, at most `concurrency` at a time. */
async function runLimited<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

function cancelSpec(): ActionSpec {
  return {
    kind: 'cancel',
    label: 'Cancel',
    request: 'DELETE /v3/jobs/{id}',
    consequence: 'Cancels a running job; a queued job is deleted instead and disappears from the list.',
    // why: on a queued job the record is deleted, which cannot be undone.
    destructive: true,
    availability(job) {
      const status = (asString(asRecord(job.raw).status) ?? job.nativeState.split('/')[0]).toLowerCase();
      if (status === 'queued') return { ok: true, consequence: 'a queued job is deleted, not cancelled: it disappears from the list' };
      if (status === 'running') return { ok: true, consequence: 'the running job is cancelled' };
      if (status === 'created') return unavailable('Alteryx cancels only Queued or Running jobs; this one is Created and not queued yet');
      if (status === 'initializing') return unavailable('Alteryx cancels only Queued or Running jobs; this one is Initializing, try again once it runs');
      return unavailable(`only Queued or Running jobs can be cancelled; this one is ${job.nativeState || 'in an unknown state'}`);
    },
  };
}

const CAPABILITIES: SourceCapabilities = {
  detail: true,
  steps: false,
  messages: true,
  result: false,
  // why: `pagination.totalItems` is a vendor-side total beyond the fetched pages (no per-state counts).
  stats: true,
  actions: { cancel: cancelSpec() },
  missing: {
    steps: 'Alteryx Server has no per-job steps; the engine messages name the tools instead',
    result: 'Alteryx jobs have no result value; the files they wrote are listed as outputs',
  },
};

/** Creates the Alteryx Server v3 source: list (with disposition enrichment), detail and cancel. */
export function createAlteryxSource(options: AlteryxOptions): JobSource {
  const source = options.name;
  const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
  const client = createSourceHttpClient(options, { secrets: [options.clientSecret] });
  const tokens = createTokenKeeper(client, options, options.now ?? Date.now);
  /** Dispositions of completed jobs, kept while the jobs are still in the list. */
  const dispositions = new Map<string, string>();
  /** Completed jobs whose detail gave no disposition: not asked again. */
  const unanswered = new Set<string>();
  /** The last list's raw items by id, for the detail view's workflow name, owner and times. */
  let listItems = new Map<string, unknown>();

  async function sendJson(request: HttpRequest, token: string, counter: RequestCounter): Promise<unknown> {
    counter.count++;
    return client.json({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
  }

  /** A read with the bearer token, fetched again and retried once after a 401. */
  async function readJson(request: HttpRequest, counter: RequestCounter): Promise<unknown> {
    const token = await tokens.bearer(counter);
    try {
      return await sendJson(request, token, counter);
    } catch (error) {
      if (!(error instanceof SourceError) || error.status !== 401) throw error;
      tokens.invalidate(token);
      return sendJson(request, await tokens.bearer(counter), counter);
    }
  }

  async function fetchListItems(counter: RequestCounter, signal?: AbortSignal): Promise<{ items: Map<string, unknown>; total: number | null }> {
    const items = new Map<string, unknown>();
    const pageSize = Math.min(limit, ALTERYX_PAGE_SIZE);
    let total: number | null = null;
    let offset = 0;
    for (let pages = 0; pages < MAX_PAGES_PER_POLL && items.size < limit; pages++) {
      const query = { offset, limit: pageSize, sortField: 'CreateDate', direction: 'desc', allUsers: 'true' };
      const page = readJobPage(source, await readJson({ path: '/v3/jobs', query, signal }, counter));
      if (pages === 0) total = page.total;
      for (const item of page.items) {
        const id = asString(asRecord(item).jobId);
        // why: a record without an id cannot be keyed, selected or acted on; offset drift repeats ids.
        if (id !== null && !items.has(id) && items.size < limit) items.set(id, item);
      }
      if (isLastPage(page, pageSize)) break;
      offset += page.items.length;
    }
    return { items, total };
  }

  function rememberDisposition(id: string, detail: unknown): void {
    const record = asRecord(detail);
    if (!isAlteryxCompleted(record.status)) return;
    const disposition = asString(record.disposition);
    if (disposition === null) unanswered.add(id);
    else dispositions.set(id, disposition);
  }

  async function lookUpDisposition(id: string, counter: RequestCounter, signal?: AbortSignal): Promise<void> {
    try {
      rememberDisposition(id, await readJson({ path: `/v3/jobs/${encodeURIComponent(id)}`, query: { includeMessages: 'false' }, signal }, counter));
    } catch (error) {
      // why: a failed look-up only leaves the job 'unknown' until a later poll; the list itself is good.
      if (!(error instanceof SourceError)) throw error;
    }
  }

  async function enrich(items: Map<string, unknown>, counter: RequestCounter, signal?: AbortSignal): Promise<void> {
    const wanted = [...items]
      .filter(([id, item]) => isAlteryxCompleted(asRecord(item).status) && !dispositions.has(id) && !unanswered.has(id))
      .slice(0, options.enrichPerPoll ?? ALTERYX_ENRICH_PER_POLL)
      .map(([id]) => id);
    await runLimited(wanted, ENRICH_CONCURRENCY, (id) => lookUpDisposition(id, counter, signal));
  }

  function forgetAllBut(items: Map<string, unknown>): void {
    for (const id of dispositions.keys()) if (!items.has(id)) dispositions.delete(id);
    for (const id of unanswered) if (!items.has(id)) unanswered.delete(id);
    listItems = items;
  }

  async function fetchMessages(id: string, counter: RequestCounter, signal?: AbortSignal): Promise<unknown> {
    try {
      return await readJson({ path: `/v3/jobs/${encodeURIComponent(id)}/messages`, signal }, counter);
    } catch (error) {
      if (error instanceof SourceError && error.status === 404) return [];
      throw error;
    }
  }

  async function cancel(job: Job): Promise<ActionOutcome> {
    const request = `DELETE /v3/jobs/${job.id}`;
    if (options.readonly) throw new SourceError({ source, kind: 'readonly', short: 'read-only', detail: 'this source is read-only; nothing was sent', request });
    const token = await tokens.bearer({ count: 0 });
    let body: unknown;
    try {
      // why: sent exactly once; a 401 here is reported, never answered by a re-send.
      body = await client.json({ method: 'DELETE', path: `/v3/jobs/${encodeURIComponent(job.id)}`, headers: { authorization: `Bearer ${token}` }, mutating: true }, { allowEmpty: true });
    } catch (error) {
      throw cancelRefusal(error);
    }
    const message = asString(asRecord(body).message) ?? 'Cancel request accepted.';
    return { kind: 'cancel', effect: cancelEffect(message, job), message };
  }

  return {
    name: source,
    vendor: 'alteryx',
    url: options.url,
    capabilities: CAPABILITIES,

    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter: RequestCounter = { count: 0 };
      const { items, total } = await fetchListItems(counter, signal);
      await enrich(items, counter, signal);
      forgetAllBut(items);
      const jobs = [...items].map(([id, item]) => normalizeAlteryxJob(item, source, dispositions.get(id)));
      return { jobs, total, stateCounts: null, requests: counter.count };
    },

    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const counter: RequestCounter = { count: 0 };
      let body: unknown;
      try {
        body = await readJson({ path: `/v3/jobs/${encodeURIComponent(id)}`, query: { includeMessages: 'true' }, signal }, counter);
      } catch (error) {
        if (error instanceof SourceError && error.status === 404) return null;
        throw error;
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw new SourceError({ source, kind: 'shape', short: 'unexpected response shape', detail: 'GET /v3/jobs/{id} did not answer with a job object', request: `GET /v3/jobs/${id}` });
      }
      rememberDisposition(id, body);
      const messages = Array.isArray(asRecord(body).messages) ? undefined : await fetchMessages(id, counter, signal);
      return normalizeAlteryxDetail(body, source, { listItem: listItems.get(id), messages });
    },

    async act(kind: ActionKind, job: Job): Promise<ActionOutcome> {
      if (kind !== 'cancel') {
        throw new SourceError({ source, kind: 'unsupported', short: `no ${kind} action`, detail: `Alteryx Server has no ${kind} endpoint; DELETE /v3/jobs/{id} (cancel) is its only job action` });
      }
      return cancel(job);
    },

    close: () => client.close(),
  };
}

/** A 400 from DELETE is the server refusing the cancel, with its reason. */
function cancelRefusal(error: unknown): unknown {
  if (!(error instanceof SourceError) || error.status !== 400) return error;
  return new SourceError({ source: error.source, kind: 'vendor', short: 'cancel refused (HTTP 400)', detail: error.detail, status: 400, request: error.request });
}

/** What a 200 from DELETE did: the server's message says, else the job's status decides. */
function cancelEffect(message: string, job: Job): ActionOutcome['effect'] {
  if (/deleted/i.test(message)) return 'deleted';
  if (/cancel/i.test(message)) return 'cancelled';
  return asString(asRecord(job.raw).status)?.toLowerCase() === 'queued' ? 'deleted' : 'cancelled';
}
