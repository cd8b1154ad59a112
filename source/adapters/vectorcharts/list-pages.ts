/**
 * Offset paging of `GET /api/portal/v1/jobs`, newest first, `limit` capped at 200 (the echoed
 * `pagination.limit` is the size the server applied).
 */
import { SourceError } from '../errors.js';
import { MAX_PAGES_PER_POLL } from '../paging.js';
import { asNumber, asRecord } from '../read-fields.js';
import { JOBS_PATH, VECTORCHARTS_PAGE_SIZE_CAP } from './constants.js';
import type { PortalAuth, RequestCounter } from './portal-auth.js';

/** One list page: its records, the total and the page size the server applied. */
interface ListPage {
  records: unknown[];
  total: number | null;
  appliedLimit: number | null;
}

/** Yields the raw job records page by page, up to `limit` of them; the first page's total goes to the counter. */
export async function* listPages(auth: PortalAuth, source: string, limit: number, counter: RequestCounter, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  let offset = 0;
  for (let page = 0; page < MAX_PAGES_PER_POLL && offset < limit; page++) {
    const requested = Math.min(VECTORCHARTS_PAGE_SIZE_CAP, limit - offset);
    const body = await auth.read({ path: JOBS_PATH, query: { limit: requested, offset }, signal }, counter);
    const parsed = parseListPage(body, source);
    counter.pages = page + 1;
    if (page === 0) counter.total = parsed.total;
    yield parsed.records;
    offset += parsed.records.length;
    if (isLastPage(parsed, requested, offset)) return;
  }
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
