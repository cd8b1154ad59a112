/**
 * What the v1 and v2 job readers share: the authenticated read and the page loop that follows page keys up to the source's limit, keeping the first record of each id.
 */
import type { Job } from '../../domain/job.js';
import type { HttpRequest } from '../http.js';
import type { JobMemo } from '../kit/job-memo.js';
import type { RequestCounter } from '../kit/request-counter.js';
import { MAX_PAGES_PER_POLL } from '../paging.js';
import type { VectaraApiVersion } from './constants.js';
import { normalizeVectaraJob } from './normalize.js';

/** Sends a read with credentials; `check` throws on a body that reports a failure. */
export type VectaraRead = (
  request: HttpRequest,
  counter: RequestCounter,
  check: (body: unknown) => void,
) => Promise<unknown>;

/** A source's name, job limit and authenticated read, as the list and detail calls use them. */
export interface VectaraReader {
  name: string;
  limit: number;
  read: VectaraRead;
  /** The source's Jobs by raw record (its API version is fixed, so a Job depends on the record alone). */
  memo: JobMemo;
}

/** One list page: the raw records and the key of the next page, if any. */
export interface VectaraPage {
  records: unknown[];
  nextPageKey: string | null;
}

/** A check that accepts any body. */
export function noCheck(): void {}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The jobs collected, and whether the page cap stopped the paging before the limit. */
export interface CollectedJobs {
  jobs: Job[];
  /** Set when MAX_PAGES_PER_POLL ended the paging while the server still had a next page key. */
  truncated?: { asked: number; fetched: number; reason: string };
}

/**
 * Fetches pages until the limit, the last page or MAX_PAGES_PER_POLL; `pageSize` gives each page's
 * size from how many jobs are collected so far and whether the server already answered a page
 * shorter than asked in this poll. The last page is the one without a next key (empty
 * or absent; the same key again is treated as the end too) — never a short page: a real v1 response
 * carried a non-empty `pageKey` with 2 jobs.
 */
export async function collectPages(
  reader: VectaraReader,
  apiVersion: VectaraApiVersion,
  pageSize: (collected: number, shortPages: boolean) => number,
  fetchPage: (pageKey: string | null, size: number) => Promise<VectaraPage>,
): Promise<CollectedJobs> {
  const { name, limit } = reader;
  const jobs = new Map<string, Job>();
  let pageKey: string | null = null;
  let shortPages = false;
  for (let page = 0; jobs.size < limit; page++) {
    if (page === MAX_PAGES_PER_POLL) {
      const reason = `stopped after ${MAX_PAGES_PER_POLL} pages; the server still had a next page`;
      return { jobs: [...jobs.values()], truncated: { asked: limit, fetched: jobs.size, reason } };
    }
    const size = pageSize(jobs.size, shortPages);
    const { records, nextPageKey } = await fetchPage(pageKey, size);
    if (records.length < size) shortPages = true;
    for (const record of records) {
      const job = reader.memo.get(record) ?? reader.memo.keep(record, normalizeVectaraJob(record, name, apiVersion));
      if (job.id !== '' && !jobs.has(job.id)) jobs.set(job.id, job);
    }
    if (!nextPageKey || nextPageKey === pageKey) break;
    pageKey = nextPageKey;
  }
  return { jobs: [...jobs.values()].slice(0, limit) };
}
