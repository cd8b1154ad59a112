/**
 * Offset paging of `GET /api/portal/v1/jobs`, newest first, `limit` capped at 200 (the echoed
 * `pagination.limit` is the size the server applied).
 *
 * Two list shapes exist (docs.vectorcharts.com/oem/portal-api-reference/jobs/list, change of
 * 2026-06-03): `{jobs, pagination}`, and before that a bare JSON array of every job, which ignores
 * `limit`/`offset` — so a bare array ends the paging and is cut to the source's limit here.
 */
import type { RequestCounter } from '../kit/request-counter.js';
import { describeFound, shapeError } from '../kit/shape-error.js';
import { MAX_PAGES_PER_POLL } from '../paging.js';
import { asNumber, asRecord } from '../read-fields.js';
import { JOBS_PATH, VECTORCHARTS_PAGE_SIZE_CAP } from './constants.js';
import type { PortalAuth } from './portal-auth.js';

/** How far the paging got: pages fetched, the total the first page reported, and whether the server's last page was seen. */
export interface ListProgress {
  pages: number;
  total: number | null;
  reachedEnd?: boolean;
}

/** One list page: its records, the total and the page size the server applied. */
interface ListPage {
  records: unknown[];
  total: number | null;
  appliedLimit: number | null;
  /** A pre-pagination server answered: the body is every job, no paging applies. */
  unpaged: boolean;
}

/** Yields the raw job records page by page, up to `limit` of them; pages and the first page's total go to `progress`. */
export async function* listPages(
  auth: PortalAuth,
  source: string,
  limit: number,
  counter: RequestCounter,
  progress: ListProgress,
  signal?: AbortSignal,
): AsyncGenerator<unknown[]> {
  let offset = 0;
  for (let page = 0; page < MAX_PAGES_PER_POLL && offset < limit; page++) {
    const requested = Math.min(VECTORCHARTS_PAGE_SIZE_CAP, limit - offset);
    const body = await auth.read(
      { path: JOBS_PATH, query: { limit: requested, offset }, signal, reuse: true },
      counter,
    );
    const parsed = parseListPage(body, source);
    progress.pages = page + 1;
    if (page === 0) progress.total = parsed.total;
    if (parsed.unpaged) {
      progress.reachedEnd = true;
      yield parsed.records.slice(0, limit - offset);
      return;
    }
    offset += parsed.records.length;
    // why: set before yielding, so a consumer that stops at the limit still knows.
    if (isLastPage(parsed, requested, offset)) progress.reachedEnd = true;
    yield parsed.records;
    if (progress.reachedEnd) return;
  }
}

function parseListPage(body: unknown, source: string): ListPage {
  // why: servers from before the Portal list got pagination answer a bare array of all jobs.
  if (Array.isArray(body)) return { records: body, total: body.length, appliedLimit: null, unpaged: true };
  const record = asRecord(body);
  if (!Array.isArray(record.jobs)) {
    throw shapeError(
      source,
      `GET ${JOBS_PATH}`,
      `expected {"jobs": [...], "pagination": {...}} or a bare array of jobs, got ${describeFound(body)}`,
    );
  }
  const pagination = asRecord(record.pagination);
  return {
    records: record.jobs,
    total: asNumber(pagination.total),
    appliedLimit: asNumber(pagination.limit),
    unpaged: false,
  };
}

/** A page ends the list when it is empty, shorter than the page size applied, or reaches the total. */
function isLastPage(page: ListPage, requested: number, nextOffset: number): boolean {
  const pageSize =
    page.appliedLimit !== null && page.appliedLimit > 0 ? Math.min(requested, page.appliedLimit) : requested;
  if (page.records.length === 0 || page.records.length < pageSize) return true;
  return page.total !== null && nextOffset >= page.total;
}
