/**
 * Paging through `GET /v3/jobs`: it takes `offset`/`limit` but answers in pages
 * (`pagination.currentPage`, …), and may apply a smaller page size than asked.
 */
import { MAX_PAGES_PER_POLL } from '../paging.js';
import { asNumber, asRecord, asString } from '../read-fields.js';
import type { RequestCounter } from '../kit/request-counter.js';
import { shapeError } from '../kit/shape-error.js';
import type { ReadJson } from './request-helpers.js';
import { ALTERYX_PAGE_SIZE } from './settings.js';

/** One page of `GET /v3/jobs`, read tolerantly. */
interface JobPage {
  items: unknown[];
  total: number | null;
  pageSize: number | null;
  hasNextPage: boolean | null;
}

function readJobPage(source: string, body: unknown): JobPage {
  const record = asRecord(body);
  if (!Array.isArray(record.data))
    throw shapeError(source, 'GET /v3/jobs', 'GET /v3/jobs answered without a "data" array');
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

/** Up to `limit` raw list items by job id, newest first, and the server's total from the first page. */
export async function fetchListItems(
  readJson: ReadJson,
  source: string,
  limit: number,
  counter: RequestCounter,
  signal?: AbortSignal,
): Promise<{ items: Map<string, unknown>; total: number | null; pages: number; reachedEnd: boolean }> {
  const items = new Map<string, unknown>();
  const pageSize = Math.min(limit, ALTERYX_PAGE_SIZE);
  let total: number | null = null;
  let offset = 0;
  let pages = 0;
  let reachedEnd = false;
  for (; pages < MAX_PAGES_PER_POLL && items.size < limit; pages++) {
    const query = { offset, limit: pageSize, sortField: 'CreateDate', direction: 'desc', allUsers: 'true' };
    const page = readJobPage(source, await readJson({ path: '/v3/jobs', query, signal, reuse: true }, counter));
    if (pages === 0) total = page.total;
    for (const item of page.items) {
      const id = asString(asRecord(item).jobId);
      // why: a record without an id cannot be keyed, selected or acted on; offset drift repeats ids.
      if (id !== null && !items.has(id) && items.size < limit) items.set(id, item);
    }
    if (isLastPage(page, pageSize)) {
      pages++;
      reachedEnd = true;
      break;
    }
    offset += page.items.length;
  }
  return { items, total, pages, reachedEnd };
}
