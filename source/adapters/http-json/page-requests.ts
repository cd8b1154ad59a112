/**
 * The paging kinds of a declared list: which request comes first and which comes next, from
 * the page just read. offset and page count items; cursor reads the next token with JMESPath;
 * link follows an RFC 8288 `Link: <…>; rel="next"` header (GitHub, GitLab) on the same origin.
 */
import type { QueryValue } from '../http.js';
import type { DeclaredList } from './declaration.js';
import { evaluate } from './expression.js';

/** One list request, relative to the source's base URL. */
export interface PageRequest {
  path: string;
  query: Record<string, QueryValue>;
  /** Position of this page, for the next one. */
  offset: number;
  page: number;
  cursor: string | null;
  /** Items this request asked for ({limit}). */
  size: number;
}

/** What the page just read looked like. */
export interface PageRead {
  items: number;
  /** Items fetched so far, this page included. */
  fetched: number;
  total: number | null;
  body: unknown;
  linkHeader: string | undefined;
}

/** The first request of a poll that wants `limit` jobs. */
export function firstPageRequest(list: DeclaredList, limit: number): PageRequest {
  const size = pageSizeFor(list, limit, 0);
  const start = list.paging.kind === 'page' ? list.paging.start : 0;
  return templated(list, { offset: 0, page: start, cursor: null, size });
}

/**
 * The request after `previous`, or null when the list is done: a short page, the total
 * reached, no next cursor or link, or a link to another origin (credentials stay on the source's host).
 */
export function nextPageRequest(
  list: DeclaredList,
  previous: PageRequest,
  read: PageRead,
  limit: number,
  baseUrl: URL,
): PageRequest | { error: string } | null {
  const remaining = limit - read.fetched;
  if (remaining <= 0 || read.items === 0) return null;
  if (read.total !== null && read.fetched >= read.total) return null;
  switch (list.paging.kind) {
    case 'none':
      return null;
    case 'offset':
    case 'page':
      if (read.items < previous.size) return null;
      return templated(list, {
        offset: previous.offset + read.items,
        page: previous.page + 1,
        cursor: null,
        size: pageSizeFor(list, limit, read.fetched),
      });
    case 'cursor': {
      const next = evaluate(list.paging.next, read.body);
      const cursor =
        next.ok && (typeof next.value === 'string' || typeof next.value === 'number') ? String(next.value) : null;
      if (cursor === null || cursor === '' || cursor === previous.cursor) return null;
      return templated(list, {
        offset: previous.offset + read.items,
        page: previous.page + 1,
        cursor,
        size: previous.size,
      });
    }
    case 'link': {
      const target = nextLink(read.linkHeader);
      if (target === null) return null;
      return linkRequest(target, baseUrl, previous, read.items);
    }
  }
}

/** The `rel="next"` target of an RFC 8288 Link header, or null. */
export function nextLink(header: string | string[] | undefined): string | null {
  const text = Array.isArray(header) ? header.join(', ') : header;
  if (!text) return null;
  for (const match of text.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relations.includes('next')) return match[1] ?? null;
  }
  return null;
}

function linkRequest(
  target: string,
  baseUrl: URL,
  previous: PageRequest,
  items: number,
): PageRequest | { error: string } {
  let url: URL;
  try {
    url = new URL(target, baseUrl);
  } catch {
    return { error: "the Link header's next URL is not a URL" };
  }
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  if (url.origin !== baseUrl.origin || !url.pathname.startsWith(basePath)) {
    return {
      error: `the Link header points the next page to ${url.origin}${url.pathname}, outside the source's url; not followed`,
    };
  }
  const query: Record<string, QueryValue> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return {
    path: url.pathname.slice(basePath.length) || '/',
    query,
    offset: previous.offset + items,
    page: previous.page + 1,
    cursor: null,
    size: previous.size,
  };
}

/** {limit} of a request: offset paging asks only for what is still missing; page numbers need a fixed size. */
function pageSizeFor(list: DeclaredList, limit: number, fetched: number): number {
  if (list.paging.kind === 'none') return limit;
  if (list.paging.kind === 'offset') return Math.min(list.paging.pageSize, limit - fetched);
  return list.paging.pageSize;
}

function templated(
  list: DeclaredList,
  at: { offset: number; page: number; cursor: string | null; size: number },
): PageRequest {
  const values: Record<string, string | null> = {
    limit: String(at.size),
    offset: String(at.offset),
    page: String(at.page),
    cursor: at.cursor,
  };
  const query: Record<string, QueryValue> = {};
  for (const [key, template] of Object.entries(list.query)) {
    // why: the first cursor request has no cursor yet; its parameter is left out, not sent empty.
    if (template.includes('{cursor}') && at.cursor === null) continue;
    query[key] = template.replace(/\{(limit|offset|page|cursor)\}/g, (_, name: string) => values[name] ?? '');
  }
  return { path: list.path, query, ...at };
}
