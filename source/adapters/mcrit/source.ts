/** The JobSource of one MCRIT server: paged `GET /jobs` with `/jobs/stats`, `GET /jobs/{id}` with its result, and Delete. */
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
import type { HttpClient, HttpRequest } from '../http.js';
import { createJobMemo } from '../kit/job-memo.js';
import { newRequestCounter, type RequestCounter } from '../kit/request-counter.js';
import { describeFound, shapeError } from '../kit/shape-error.js';
import { createSourceHttpClient } from '../source-http.js';
import { MAX_PAGES_PER_POLL, dedupeById, pageCapTruncation } from '../paging.js';
import { asRecord, asString } from '../read-fields.js';
import { buildMcritCapabilities, sendMcritAction } from './actions.js';
import { deriveMcritState } from './state.js';
import { normalizeMcritDetail, normalizeMcritJob, normalizeMcritStats } from './normalize.js';
import { readEnvelopeData, readObjectId } from './wire-format.js';

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

/**
 * Jobs asked for per `GET /jobs` page. MCRIT has no cap (`limit=0` is everything); pages keep each
 * answer well under the response size limit (job documents are ~1 KB: ~0.5 MB a page) while the
 * default limit of 200 is one request a poll, not two.
 */
export const MCRIT_PAGE_SIZE = 500;

/** Creates the JobSource for one MCRIT server. */
export function createMcritSource(options: McritOptions): JobSource {
  const source = options.name;
  const token = options.apiToken !== undefined && options.apiToken.length > 0 ? options.apiToken : undefined;
  const headers: Record<string, string> = token ? { apitoken: token } : {};
  const limit = Number.isFinite(options.limit) ? Math.max(1, Math.floor(options.limit!)) : DEFAULT_LIMIT;
  const sent = newRequestCounter();
  const client: HttpClient = createSourceHttpClient(options, { secrets: [token], sent });
  const memo = createJobMemo(recordId);

  async function getData(
    path: string,
    signal?: AbortSignal,
    query?: Record<string, string | number>,
    extra: Pick<HttpRequest, 'measureOversize' | 'counter' | 'reuse'> = {},
  ): Promise<unknown> {
    const body = await client.json({ path, query, headers, signal, ...extra });
    return readEnvelopeData(source, body, `GET ${path}`);
  }

  async function fetchPages(
    signal: AbortSignal | undefined,
    counter: RequestCounter,
  ): Promise<{ jobs: Job[]; pages: number; reachedEnd: boolean }> {
    const jobs: Job[] = [];
    const seen = new Set<string>();
    let skip = 0;
    let pages = 0;
    let reachedEnd = false;
    memo.round();
    for (let page = 0; page < MAX_PAGES_PER_POLL && seen.size < limit; page++) {
      pages++;
      const pageSize = Math.min(MCRIT_PAGE_SIZE, limit - seen.size);
      const data = await getData('/jobs', signal, { start: skip, limit: pageSize }, { counter, reuse: true });
      if (!Array.isArray(data))
        throw shapeError(source, 'GET /jobs', `expected "data" to be an array of jobs, got ${describeFound(data)}`);
      skip += data.length;
      for (const record of data) {
        if (record === null || typeof record !== 'object' || Array.isArray(record)) continue;
        const job = memo.get(record) ?? memo.keep(record, normalizeMcritJob(record, source));
        seen.add(job.id);
        jobs.push(job);
      }
      if (data.length < pageSize) {
        reachedEnd = true;
        break;
      }
    }
    return { jobs: dedupeById(jobs).slice(0, limit), pages, reachedEnd };
  }

  async function fetchStats(
    signal: AbortSignal | undefined,
    counter: RequestCounter,
  ): Promise<ReturnType<typeof normalizeMcritStats>> {
    try {
      return normalizeMcritStats(await getData('/jobs/stats', signal, undefined, { counter, reuse: true }));
    } catch {
      // why: stats are an extra (counters can drift, LocalQueue has none); the job list decides health.
      return null;
    }
  }

  async function fetchResult(id: string, signal?: AbortSignal): Promise<FetchedResult> {
    try {
      // why: compact=true drops function-level matches, which make matching results many MB.
      return {
        result: await getData(`/jobs/${id}/result`, signal, { compact: 'true' }, { measureOversize: true }),
        notes: [],
      };
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
      const counter = newRequestCounter();
      const stats = fetchStats(signal, counter);
      const { jobs, pages, reachedEnd } = await fetchPages(signal, counter);
      const serverCounters = await stats;
      const truncated = pageCapTruncation(limit, jobs.length, pages, reachedEnd);
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
          `expected "data" to be a job document or null, got ${describeFound(data)}`,
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

    act: (kind: ActionKind, job: Job): Promise<ActionOutcome> => sendMcritAction(client, headers, kind, job),

    // why: MCRIT's optional `apitoken` is a static value with no stated expiry.
    session: () => ({ requests: sent.requests, tokenExpiresAt: null }),

    close: () => client.close(),
  };
}

/** A MCRIT job document's id, as normalizeMcritJob reads it (the job memo's key). */
function recordId(raw: unknown): string | null {
  return readObjectId(asRecord(raw)._id);
}
