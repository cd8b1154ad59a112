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
 *   positive limit is always sent; newest first unless `ascending=true`. There is no total.
 *   `GET /jobs/stats` (`{method: {state: n}}`) is reported as the server's own counters
 *   (`serverCounters`), never as a total or per-state job counts: its counters are incremented
 *   per method and drift (server/JobResource.py). A failing or empty (`{}`, the in-memory
 *   LocalQueue) answer leaves them out instead of failing the poll.
 * - `progress` is a fraction 0–1, or an absolute step count when the reporter has no total
 *   (queue/QueueRemoteCalls.py): a count is kept as `progressSteps`, progress is then null.
 * - A result larger than the body limit is reported with its size (`resultTooLarge`), never as
 *   "no result"; `saveResult` streams it whole to a file (`jobtop get SOURCE/ID --result FILE`).
 *   `compact=true` only shrinks matching/query results (server/JobResource.py).
 * - `GET /jobs/{id}` answers HTTP 200 with `data: null` for an unknown id: detail() returns null.
 * - Auth is optional: header `apitoken`; 401 bodies are Falcon's `{title, description}`.
 * - The only action is Delete (`DELETE /jobs/{id}`): no cancel, no retry. The bulk `DELETE /jobs`
 *   deletes EVERY job when given no filter, so this file has no code path to it: an id must be a
 *   24-hex ObjectId before anything is sent (an empty id would otherwise reach `/jobs/`).
 */
import type { Job, JobDetail, JobMessage } from '../../domain/job.js';
import {
  DEFAULT_LIMIT,
  type ActionKind,
  type ActionOutcome,
  type BaseSourceOptions,
  type JobSource,
  type ListResult,
} from '../contract.js';
import { SourceError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { createSourceHttpClient } from '../source-http.js';
import { MAX_PAGES_PER_POLL, dedupeById, pageCapTruncation } from '../paging.js';
import { asNumber, asRecord, asString } from '../read-fields.js';
import { buildMcritCapabilities } from './actions.js';
import { deriveMcritState } from './state.js';
import { normalizeMcritDetail, normalizeMcritJob, normalizeMcritStats } from './normalize.js';
import { MCRIT_OBJECT_ID, describeType, readEnvelopeData, shapeError } from './wire-format.js';

export { MCRIT_STATES, deriveMcritState, mapMcritState, type McritState } from './state.js';
export {
  normalizeMcritDetail,
  normalizeMcritJob,
  normalizeMcritStats,
  summarizeMcritError,
} from './normalize.js';

/** Config of an MCRIT source: the common options plus the optional `apitoken` header value. */
export interface McritOptions extends BaseSourceOptions {
  apiToken?: string;
}

/** A result as fetched for the detail: the value, notes on failures, or its size when over the limit. */
interface FetchedResult {
  result: unknown;
  notes: JobMessage[];
  tooLarge?: { bytes: number | null; limitBytes: number };
}

/** Jobs asked for per `GET /jobs` page (MCRIT has no cap; this keeps responses small). */
export const MCRIT_PAGE_SIZE = 100;

/** Creates the JobSource for one MCRIT server. */
export function createMcritSource(options: McritOptions): JobSource {
  const source = options.name;
  const token = options.apiToken !== undefined && options.apiToken.length > 0 ? options.apiToken : undefined;
  const headers: Record<string, string> = token ? { apitoken: token } : {};
  const limit = Number.isFinite(options.limit) ? Math.max(1, Math.floor(options.limit!)) : DEFAULT_LIMIT;
  const client: HttpClient = createSourceHttpClient(options, { secrets: [token] });

  async function getData(
    path: string,
    signal?: AbortSignal,
    query?: Record<string, string | number>,
    measureOversize = false,
  ): Promise<unknown> {
    const body = await client.json({ path, query, headers, signal, measureOversize });
    return readEnvelopeData(source, body, `GET ${path}`);
  }

  async function fetchPages(
    signal: AbortSignal | undefined,
    counter: { requests: number; pages?: number },
  ): Promise<Job[]> {
    const jobs: Job[] = [];
    const seen = new Set<string>();
    let skip = 0;
    counter.pages = 0;
    for (let page = 0; page < MAX_PAGES_PER_POLL && seen.size < limit; page++) {
      counter.pages++;
      const pageSize = Math.min(MCRIT_PAGE_SIZE, limit - seen.size);
      counter.requests++;
      const data = await getData('/jobs', signal, { start: skip, limit: pageSize });
      if (!Array.isArray(data))
        throw shapeError(source, 'GET /jobs', `expected "data" to be an array of jobs, got ${describeType(data)}`);
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

  async function fetchStats(
    signal: AbortSignal | undefined,
    counter: { requests: number },
  ): Promise<ReturnType<typeof normalizeMcritStats>> {
    counter.requests++;
    try {
      return normalizeMcritStats(await getData('/jobs/stats', signal));
    } catch {
      // why: stats are an extra (counters can drift, LocalQueue has none); the job list decides health.
      return null;
    }
  }

  async function fetchResult(id: string, signal?: AbortSignal): Promise<FetchedResult> {
    try {
      // why: compact=true drops function-level matches, which make matching results many MB.
      return { result: await getData(`/jobs/${id}/result`, signal, { compact: 'true' }, true), notes: [] };
    } catch (error) {
      if (signal?.aborted || !(error instanceof SourceError)) throw error;
      // why: a unique-blocks result of 6,124 blocks is ~4.2 MB and compact does not shrink it: say
      // so with its size, never "no result".
      if (error.kind === 'too-large')
        return {
          result: undefined,
          notes: [],
          tooLarge: { bytes: error.bodyBytes ?? null, limitBytes: error.limitBytes ?? 0 },
        };
      return {
        result: undefined,
        notes: [
          { timestamp: null, level: 'warning', text: `result could not be fetched: ${error.message}`, origin: null },
        ],
      };
    }
  }

  return {
    name: source,
    vendor: 'mcrit',
    url: options.url,
    capabilities: buildMcritCapabilities(options.readonly === true),

    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter: { requests: number; pages?: number } = { requests: 0 };
      const stats = fetchStats(signal, counter);
      const jobs = await fetchPages(signal, counter);
      const serverCounters = await stats;
      const truncated = pageCapTruncation(limit, jobs.length, counter.pages ?? 0);
      return {
        jobs,
        total: null,
        stateCounts: null,
        requests: counter.requests,
        ...(serverCounters ? { serverCounters } : {}),
        ...(truncated ? { truncated } : {}),
      };
    },

    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const path = `/jobs/${encodeURIComponent(id)}`;
      const data = await getData(path, signal);
      if (data === null) return null;
      if (typeof data !== 'object' || Array.isArray(data))
        throw shapeError(
          source,
          `GET ${path}`,
          `expected "data" to be a job document or null, got ${describeType(data)}`,
        );
      const hasResult = deriveMcritState(data) === 'finished' && asString(asRecord(data).result) !== null;
      if (!hasResult) return normalizeMcritDetail(data, source);
      const { result, notes, tooLarge } = await fetchResult(encodeURIComponent(id), signal);
      const detail = normalizeMcritDetail(data, source, result, notes);
      return tooLarge ? { ...detail, resultTooLarge: tooLarge } : detail;
    },
    async saveResult(id: string, file: string, signal?: AbortSignal): Promise<{ bytes: number }> {
      // why: the whole result, not compacted; written as the server sends it ({"status", "data"}).
      return client.saveTo({ path: `/jobs/${encodeURIComponent(id)}/result`, headers, signal }, file);
    },

    async act(kind: ActionKind, job: Job): Promise<ActionOutcome> {
      if (kind !== 'delete') {
        throw new SourceError({
          source,
          kind: 'unsupported',
          short: `${kind} is not supported`,
          detail: 'MCRIT has no cancel or retry endpoint; its only action is Delete (DELETE /jobs/{id})',
        });
      }
      if (!MCRIT_OBJECT_ID.test(job.id)) {
        throw new SourceError({
          source,
          kind: 'unsupported',
          short: 'invalid job id',
          detail: `MCRIT job ids are 24 hex characters; nothing was sent for "${job.id}"`,
        });
      }
      const path = `/jobs/${job.id}`;
      const body = await client.json({ method: 'DELETE', path, headers });
      const deleted = asNumber(asRecord(readEnvelopeData(source, body, `DELETE ${path}`)).num_deleted);
      if (deleted === null) throw shapeError(source, `DELETE ${path}`, 'expected "data.num_deleted" to be a number');
      const message =
        deleted > 0
          ? `MCRIT deleted the job and its result (num_deleted: ${deleted})`
          : 'nothing was deleted: the job no longer exists (num_deleted: 0)';
      return { kind: 'delete', effect: 'deleted', message };
    },

    close: () => client.close(),
  };
}
