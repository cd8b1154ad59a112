/** The JobSource of one OSAPI controller: paged `GET /job`, `GET /job/{id}`, DELETE and retry, and path-prefix discovery. */
import type { Job, JobDetail } from '../../domain/job.js';
import {
  DEFAULT_LIMIT,
  type ActionKind,
  type ActionOutcome,
  type BaseSourceOptions,
  type JobSource,
  type ListResult,
} from '../contract.js';
import { createJobMemo } from '../kit/job-memo.js';
import { jwtExpiresAt } from '../kit/jwt-expiry.js';
import { newRequestCounter, type RequestCounter } from '../kit/request-counter.js';
import { describeFound, shapeError } from '../kit/shape-error.js';
import { dedupeById, MAX_PAGES_PER_POLL, pageCapTruncation } from '../paging.js';
import { asNumber, asRecord, asString } from '../read-fields.js';
import { createSourceHttpClient } from '../source-http.js';
import { OSAPI_CAPABILITIES, sendOsapiAction } from './actions.js';
import { normalizeOsapiJob, normalizeOsapiJobDetail } from './normalize.js';
import { isJobNotFound, isRouteMiss } from './response-errors.js';
import { normalizeOsapiStatusCounts } from './state.js';

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

interface ListPage {
  items: unknown[];
  total: number | null;
  statusCounts: unknown;
}

/** Creates the JobSource of one OSAPI controller. */
export function createOsapiSource(options: OsapiOptions): JobSource {
  const source = options.name;
  const sent = newRequestCounter();
  const client = createSourceHttpClient(options, { secrets: [options.token], sent });
  // why: a token minted by `osapi token generate` is a JWT whose `exp` says when it stops working.
  const tokenExpiresAt = jwtExpiresAt(options.token);
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const basePath = new URL(options.url).pathname.replace(/\/$/, '');
  let prefix = normalizePrefix(options.pathPrefix ?? OSAPI_DEFAULT_PATH_PREFIX);
  let prefixConfirmed = options.pathPrefix !== undefined;
  const label = (method: string, path: string) => `${method} ${basePath}${path}`;
  const jobPath = (id: string) => `${prefix}/job/${encodeURIComponent(id)}`;
  const memo = createJobMemo(recordId);

  async function fetchPage(
    pagePrefix: string,
    offset: number,
    size: number,
    counter: RequestCounter,
    signal?: AbortSignal,
  ): Promise<ListPage> {
    const path = `${pagePrefix}/job`;
    const body = await client.json({ path, query: { limit: size, offset }, headers, signal, counter, reuse: true });
    const record = asRecord(body);
    if (!Array.isArray(record.items)) {
      throw shapeError(
        source,
        label('GET', path),
        `the list response has no "items" array: got ${describeFound(body)}`,
        200,
      );
    }
    return { items: record.items, total: asNumber(record.total_items), statusCounts: record.status_counts };
  }

  /** First page, finding the prefix on first use when none was configured. */
  async function fetchFirstPage(
    size: number,
    signal: AbortSignal | undefined,
    counter: RequestCounter,
  ): Promise<ListPage> {
    try {
      const page = await fetchPage(prefix, 0, size, counter, signal);
      prefixConfirmed = true;
      return page;
    } catch (error) {
      if (prefixConfirmed || prefix === '' || !isRouteMiss(error)) throw error;
      const page = await fetchPage('', 0, size, counter, signal);
      prefix = '';
      prefixConfirmed = true;
      return page;
    }
  }

  async function list(signal?: AbortSignal): Promise<ListResult> {
    const counter = newRequestCounter();
    const first = await fetchFirstPage(Math.min(OSAPI_MAX_PAGE_SIZE, limit), signal, counter);
    const total = first.total;
    const items = [...first.items];
    let lastPage = first;
    let requested = Math.min(OSAPI_MAX_PAGE_SIZE, limit);
    let pages = 1;
    while (
      items.length < limit &&
      pages < MAX_PAGES_PER_POLL &&
      !isLastPage(lastPage, requested, items.length, total)
    ) {
      const size = Math.min(OSAPI_MAX_PAGE_SIZE, limit - items.length);
      lastPage = await fetchPage(prefix, items.length, size, counter, signal);
      requested = size;
      pages++;
      items.push(...lastPage.items);
    }
    const normalized: Job[] = [];
    memo.round();
    for (const item of items) normalized.push(memo.get(item) ?? memo.keep(item, normalizeOsapiJob(item, source)));
    const jobs = dedupeById(normalized).slice(0, limit);
    // why: the loop also ends at the cap when the 50th page was the server's last.
    const truncated = pageCapTruncation(
      limit,
      jobs.length,
      pages,
      isLastPage(lastPage, requested, items.length, total),
    );
    return {
      jobs,
      total,
      stateCounts: normalizeOsapiStatusCounts(first.statusCounts),
      requests: counter.requests,
      ...(truncated ? { truncated } : {}),
    };
  }

  async function detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
    const path = jobPath(id);
    let body: unknown;
    try {
      body = await client.json({ path, headers, signal });
    } catch (error) {
      if (isJobNotFound(error)) return null;
      throw error;
    }
    if (typeof asRecord(body).id !== 'string') {
      throw shapeError(source, label('GET', path), `the job response has no "id": got ${describeFound(body)}`, 200);
    }
    return normalizeOsapiJobDetail(body, source);
  }

  return {
    name: source,
    vendor: 'osapi',
    url: options.url,
    capabilities: OSAPI_CAPABILITIES,
    list,
    detail,
    act: (kind: ActionKind, job: Job): Promise<ActionOutcome> =>
      sendOsapiAction({ client, headers, jobPath, label }, kind, job),
    session: () => ({
      requests: sent.requests,
      tokenExpiresAt,
      tokenRenews: tokenExpiresAt === null ? undefined : false,
    }),
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

/** An OSAPI job's id, as normalizeOsapiJob reads it (the job memo's key). */
function recordId(raw: unknown): string | null {
  return asString(asRecord(raw).id);
}
