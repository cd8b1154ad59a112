/**
 * MCRIT adapter. Follows shared/apis.md §4 (source: `danielplohmann/mcrit` JobResource.py,
 * application_routes.py and libs/mongoqueue.py; wire data: `fkie-cad/mcritweb` tests/fixtures).
 * The seed doc (003) is wrong in several places (apis.md §4.8); this file follows the source.
 *
 * Quirks handled here:
 * - Jobs are raw MongoDB documents in relaxed Extended JSON: `_id: {"$oid"}`, dates
 *   `{"$date": "…Z"}`, `result` is a plain GridFS id string. There is NO state field: the state
 *   is derived by `deriveMcritState`, a rule-for-rule port of mongoqueue `_identifyJobState`
 *   (rule order matters, Python truthiness included).
 * - Envelope `{"status": "successful", "data": …}`: `status` is the HTTP wrapper, not a job state.
 * - `GET /jobs?start=<skip>&limit=<n>`: `start` is a skip count and `limit=0` means ALL, so a
 *   positive limit is always sent; newest first unless `ascending=true`. There is no total, so
 *   totals and per-state counts come from `GET /jobs/stats` (`{method: {state: n}}` partial maps,
 *   summed). Stats are a best-effort extra: a failing or empty (`{}`, the in-memory LocalQueue)
 *   answer degrades to null counts instead of failing the poll.
 * - `GET /jobs/{id}` answers HTTP 200 with `data: null` for an unknown id: detail() returns null.
 * - Auth is optional: header `apitoken`; 401 bodies are Falcon's `{title, description}`.
 * - The only action is Delete (`DELETE /jobs/{id}`): no cancel, no retry. The bulk `DELETE /jobs`
 *   deletes EVERY job when given no filter, so this file has no code path to it: an id must be a
 *   24-hex ObjectId before anything is sent (an empty id would otherwise reach `/jobs/`).
 */
import { jobKey, type Job, type JobDetail, type JobFlag, type JobMessage, type JobState } from '../domain/job.js';
import { parseExtendedJsonDate } from '../domain/time.js';
import {
  DEFAULT_LIMIT,
  unavailable,
  type ActionKind,
  type ActionOutcome,
  type ActionSpec,
  type BaseSourceOptions,
  type JobSource,
  type ListResult,
  type SourceCapabilities,
} from './contract.js';
import { SourceError } from './errors.js';
import { extractVendorMessage, type HttpClient } from './http.js';
import { createSourceHttpClient } from './source-http.js';
import { MAX_PAGES_PER_POLL, dedupeById } from './paging.js';
import { asArray, asNumber, asRecord, asString, clampPercent } from './read-fields.js';

/** Config of an MCRIT source: the common options plus the optional `apitoken` header value. */
export interface McritOptions extends BaseSourceOptions {
  apiToken?: string;
}

/** The states `_identifyJobState` can return (derived, never sent by the server). */
export const MCRIT_STATES = ['queued', 'in_progress', 'finished', 'failed', 'terminated', 'unknown'] as const;

/** One derived MCRIT job state. */
export type McritState = (typeof MCRIT_STATES)[number];

/** Jobs asked for per `GET /jobs` page (MCRIT has no cap; this keeps responses small). */
export const MCRIT_PAGE_SIZE = 100;

/** A MongoDB ObjectId as MCRIT validates it (the server's regex is start-anchored only). */
const OBJECT_ID = /^[a-fA-F0-9]{24}$/;

/** Python truthiness, because `_identifyJobState` tests fields with `if doc[...]`. */
function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Python `value == 0` for the JSON types (`False == 0` is true in Python). */
function equalsZero(value: unknown): boolean {
  return value === 0 || value === false;
}

/**
 * Derives a job document's state exactly as mongoqueue `_identifyJobState` does (apis.md §4.5);
 * the demo server uses this same function.
 */
export function deriveMcritState(document: unknown): McritState {
  const fields = asRecord(document);
  const finished = isTruthy(fields.finished_at);
  const terminated = isTruthy(fields.terminated);
  const locked = isTruthy(fields.locked_by);
  if (isTruthy(fields.started_at) && locked && !(finished || terminated)) return 'in_progress';
  if (equalsZero(fields.attempts_left) && !finished && !terminated) return 'failed';
  if (!finished && !locked && !terminated) return 'queued';
  if (finished && !terminated) return 'finished';
  if (terminated) return 'terminated';
  return 'unknown';
}

const STATE_MAP: Record<McritState, { state: JobState; terminal: boolean }> = {
  queued: { state: 'queued', terminal: false },
  in_progress: { state: 'running', terminal: false },
  finished: { state: 'succeeded', terminal: true },
  failed: { state: 'failed', terminal: true },
  terminated: { state: 'cancelled', terminal: true },
  unknown: { state: 'unknown', terminal: false },
};

/**
 * Maps a derived MCRIT state to the normalized one (apis.md §6). `had-error` marks a job that
 * still carries the traceback of an earlier failed attempt (for `failed` the error is the outcome).
 */
export function mapMcritState(nativeState: string, lastError: string | null = null): { state: JobState; terminal: boolean; flags: JobFlag[] } {
  const known = Object.hasOwn(STATE_MAP, nativeState) ? STATE_MAP[nativeState as McritState] : STATE_MAP.unknown;
  const flags: JobFlag[] = lastError !== null && known.state !== 'failed' ? ['had-error'] : [];
  return { state: known.state, terminal: known.terminal, flags };
}

/** The one-line form of `last_error`: a Python traceback's final (exception) line, else the first line. */
export function summarizeMcritError(lastError: string | null): string | null {
  if (lastError === null) return null;
  const lines = lastError.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  if (lines.length === 0) return null;
  return lines[0].startsWith('Traceback (most recent call last)') ? lines[lines.length - 1] : lines[0];
}

/** Reads an ObjectId written as `{"$oid": "…"}` (or, tolerantly, as a plain string). */
function readObjectId(value: unknown): string | null {
  return asString(asRecord(value).$oid) ?? (typeof value === 'string' && value.length > 0 ? value : null);
}

function latest(times: readonly (number | null)[]): number | null {
  const known = times.filter((time): time is number => time !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/** Turns one raw MCRIT job document into a Job; `raw` keeps the document untouched. */
export function normalizeMcritJob(raw: unknown, sourceName: string): Job {
  const record = asRecord(raw);
  const id = readObjectId(record._id) ?? '';
  const nativeState = deriveMcritState(record);
  const lastError = asString(record.last_error);
  const { state, terminal, flags } = mapMcritState(nativeState, lastError);
  const createdAt = parseExtendedJsonDate(record.created_at);
  const startedAt = parseExtendedJsonDate(record.started_at);
  const finishedAt = parseExtendedJsonDate(record.finished_at);
  const progress = asNumber(record.progress);
  return {
    source: sourceName,
    id,
    key: jobKey(sourceName, id),
    vendor: 'mcrit',
    type: asString(asRecord(record.payload).method) ?? 'unknown',
    state,
    nativeState,
    terminal,
    flags,
    priority: { value: asNumber(record.priority), label: null },
    progress: progress === null ? null : clampPercent(progress * 100),
    createdAt,
    startedAt,
    finishedAt,
    updatedAt: latest([parseExtendedJsonDate(record.locked_at), finishedAt, startedAt, createdAt]),
    owner: null,
    host: asString(record.locked_by),
    // why: `required_by` lists the jobs waiting on this one (e.g. the combineMatchesToCross job
    // that awaits its matching jobs), which is what the job tree shows as the parent.
    parentId: readObjectId(asArray(record.required_by)[0]),
    error: summarizeMcritError(lastError),
    raw,
  };
}

/**
 * Turns a job document (plus its result, when fetched) into a JobDetail. MCRIT has no steps and
 * no per-job log; the full `last_error` traceback becomes the one message, when there is one.
 */
export function normalizeMcritDetail(raw: unknown, sourceName: string, result?: unknown, notes: readonly JobMessage[] = []): JobDetail {
  const job = normalizeMcritJob(raw, sourceName);
  const lastError = asString(asRecord(raw).last_error);
  const messages: JobMessage[] = [...notes];
  if (lastError !== null) {
    messages.unshift({ timestamp: null, level: job.state === 'failed' ? 'error' : 'warning', text: lastError, origin: null });
  }
  return { ...job, steps: null, messages: messages.length > 0 ? messages : null, result, outputs: null };
}

/**
 * Sums `GET /jobs/stats` data (`{method: {state: n}}`) into normalized counts and a total;
 * null when the server reports nothing (`{}`, e.g. the in-memory LocalQueue).
 */
export function normalizeMcritStats(data: unknown): { total: number; stateCounts: Partial<Record<JobState, number>> } | null {
  const stateCounts: Partial<Record<JobState, number>> = {};
  let total = 0;
  let seen = false;
  for (const counters of Object.values(asRecord(data))) {
    for (const [native, value] of Object.entries(asRecord(counters))) {
      const count = asNumber(value);
      if (count === null) continue;
      const { state } = mapMcritState(native);
      stateCounts[state] = (stateCounts[state] ?? 0) + count;
      total += count;
      seen = true;
    }
  }
  return seen ? { total, stateCounts } : null;
}

function shapeError(source: string, request: string, detail: string, status?: number): SourceError {
  return new SourceError({ source, kind: 'shape', short: 'unexpected response shape', detail, status, request });
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Unwraps `{"status": "successful", "data": …}`, surfacing a `"failed"` envelope and missing data. */
function readEnvelopeData(source: string, body: unknown, request: string): unknown {
  const envelope = asRecord(body);
  if (envelope.status === 'failed') {
    throw new SourceError({ source, kind: 'vendor', short: 'request failed', detail: extractVendorMessage(body) ?? 'status "failed"', request });
  }
  if (!Object.hasOwn(envelope, 'data')) {
    throw shapeError(source, request, `expected {"status": "successful", "data": …}, got ${describeType(body)} without "data"`);
  }
  return envelope.data;
}

const CONSEQUENCE = 'Removes the job and its stored result from MCRIT; a running job stops at its next progress report (one that reports no progress runs to completion).';

function deleteConsequence(job: Job): string {
  const waiting = asArray(asRecord(job.raw).required_by).length;
  const dependants = waiting > 0 ? ` ${waiting} job(s) waiting on it will keep waiting.` : '';
  if (job.state === 'running') return `Removes the job and its result; the running job stops at its next progress report, or runs to completion if it reports no progress.${dependants}`;
  if (job.state === 'queued') return `Removes the job before it runs.${dependants}`;
  return `Removes the job and its stored result.${dependants}`;
}

function buildCapabilities(readonly: boolean): SourceCapabilities {
  const deleteAction: ActionSpec = {
    kind: 'delete',
    label: 'Delete',
    request: 'DELETE /jobs/{id}',
    consequence: CONSEQUENCE,
    destructive: true,
    availability(job) {
      if (readonly) return unavailable('this source is read-only');
      if (!OBJECT_ID.test(job.id)) return unavailable('the job has no valid MCRIT id');
      return { ok: true, consequence: deleteConsequence(job) };
    },
  };
  return {
    detail: true,
    steps: false,
    messages: true,
    result: true,
    stats: true,
    actions: { delete: deleteAction },
    missing: {
      steps: 'MCRIT jobs have no steps, only a progress fraction.',
      messages: 'MCRIT has no per-job messages; only the traceback of a failed attempt (last_error) is shown.',
      result: 'MCRIT stores a result only once a job has finished.',
    },
  };
}

/** Creates the JobSource for one MCRIT server. */
export function createMcritSource(options: McritOptions): JobSource {
  const source = options.name;
  const token = options.apiToken !== undefined && options.apiToken.length > 0 ? options.apiToken : undefined;
  const headers: Record<string, string> = token ? { apitoken: token } : {};
  const limit = Number.isFinite(options.limit) ? Math.max(1, Math.floor(options.limit!)) : DEFAULT_LIMIT;
  const client: HttpClient = createSourceHttpClient(options, { secrets: [token] });

  async function getData(path: string, signal?: AbortSignal, query?: Record<string, string | number>): Promise<unknown> {
    const body = await client.json({ path, query, headers, signal });
    return readEnvelopeData(source, body, `GET ${path}`);
  }

  async function fetchPages(signal: AbortSignal | undefined, counter: { requests: number }): Promise<Job[]> {
    const jobs: Job[] = [];
    const seen = new Set<string>();
    let skip = 0;
    for (let page = 0; page < MAX_PAGES_PER_POLL && seen.size < limit; page++) {
      const pageSize = Math.min(MCRIT_PAGE_SIZE, limit - seen.size);
      counter.requests++;
      const data = await getData('/jobs', signal, { start: skip, limit: pageSize });
      if (!Array.isArray(data)) throw shapeError(source, 'GET /jobs', `expected "data" to be an array of jobs, got ${describeType(data)}`);
      skip += data.length;
      for (const record of data) {
        if (record === null || typeof record !== 'object' || Array.isArray(record)) continue;
        const job = normalizeMcritJob(record, source);
        seen.add(job.id);
        jobs.push(job);
      }
      if (data.length < pageSize) break;
    }
    return dedupeById(jobs).slice(0, limit);
  }

  async function fetchStats(signal: AbortSignal | undefined, counter: { requests: number }): Promise<ReturnType<typeof normalizeMcritStats>> {
    counter.requests++;
    try {
      return normalizeMcritStats(await getData('/jobs/stats', signal));
    } catch {
      // why: stats are an extra (counters can drift, LocalQueue has none); the job list decides health.
      return null;
    }
  }

  async function fetchResult(id: string, signal?: AbortSignal): Promise<{ result: unknown; notes: JobMessage[] }> {
    try {
      // why: compact=true drops function-level matches, which make matching results many MB.
      return { result: await getData(`/jobs/${id}/result`, signal, { compact: 'true' }), notes: [] };
    } catch (error) {
      if (signal?.aborted || !(error instanceof SourceError)) throw error;
      return { result: undefined, notes: [{ timestamp: null, level: 'warning', text: `result could not be fetched: ${error.message}`, origin: null }] };
    }
  }

  return {
    name: source,
    vendor: 'mcrit',
    url: options.url,
    capabilities: buildCapabilities(options.readonly === true),

    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter = { requests: 0 };
      const stats = fetchStats(signal, counter);
      const jobs = await fetchPages(signal, counter);
      const summary = await stats;
      return { jobs, total: summary?.total ?? null, stateCounts: summary?.stateCounts ?? null, requests: counter.requests };
    },

    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const path = `/jobs/${encodeURIComponent(id)}`;
      const data = await getData(path, signal);
      if (data === null) return null;
      if (typeof data !== 'object' || Array.isArray(data)) throw shapeError(source, `GET ${path}`, `expected "data" to be a job document or null, got ${describeType(data)}`);
      const hasResult = deriveMcritState(data) === 'finished' && asString(asRecord(data).result) !== null;
      if (!hasResult) return normalizeMcritDetail(data, source);
      const { result, notes } = await fetchResult(encodeURIComponent(id), signal);
      return normalizeMcritDetail(data, source, result, notes);
    },

    async act(kind: ActionKind, job: Job): Promise<ActionOutcome> {
      if (kind !== 'delete') {
        throw new SourceError({ source, kind: 'unsupported', short: `${kind} is not supported`, detail: 'MCRIT has no cancel or retry endpoint; its only action is Delete (DELETE /jobs/{id})' });
      }
      if (!OBJECT_ID.test(job.id)) {
        throw new SourceError({ source, kind: 'unsupported', short: 'invalid job id', detail: `MCRIT job ids are 24 hex characters; nothing was sent for "${job.id}"` });
      }
      const path = `/jobs/${job.id}`;
      const body = await client.json({ method: 'DELETE', path, headers });
      const deleted = asNumber(asRecord(readEnvelopeData(source, body, `DELETE ${path}`)).num_deleted);
      if (deleted === null) throw shapeError(source, `DELETE ${path}`, 'expected "data.num_deleted" to be a number');
      const message = deleted > 0 ? `MCRIT deleted the job and its result (num_deleted: ${deleted})` : 'nothing was deleted: the job no longer exists (num_deleted: 0)';
      return { kind: 'delete', effect: 'deleted', message };
    },

    close: () => client.close(),
  };
}
