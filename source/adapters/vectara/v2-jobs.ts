/**
 * v2 (default): `GET /v2/jobs?limit=&page_key=` (limit 1–100, server default 10) answering
 * `{jobs, metadata: {page_key}}`, and `GET /v2/jobs/{job_id}` for detail.
 */
import type { JobDetail } from '../../domain/job.js';
import { SourceError } from '../errors.js';
import type { HttpRequest } from '../http.js';
import type { RequestCounter } from '../kit/request-counter.js';
import { shapeError } from '../kit/shape-error.js';
import { asRecord, asString } from '../read-fields.js';
import { VECTARA_MAX_PAGE_SIZE } from './constants.js';
import {
  collectPages,
  isObject,
  type CollectedJobs,
  noCheck,
  type VectaraPage,
  type VectaraReader,
} from './job-pages.js';
import { normalizeVectaraJobDetail } from './normalize.js';

/** Lists up to the limit of jobs, newest first, following `metadata.page_key`. */
export function listV2Jobs(
  reader: VectaraReader,
  counter: RequestCounter,
  signal?: AbortSignal,
): Promise<CollectedJobs> {
  return collectPages(
    reader,
    'v2',
    // why: a server that answers shorter pages than asked (as real ones do) would make a poll that
    // asks only for what is missing halve its pages down to one job at a time; once it has, each
    // page asks for the first page's size and the extra jobs of the last one are dropped.
    (collected, shortPages) => Math.min(VECTARA_MAX_PAGE_SIZE, shortPages ? reader.limit : reader.limit - collected),
    async (pageKey, size) => {
      const query = { limit: size, page_key: pageKey ?? undefined };
      const request: HttpRequest = { path: '/v2/jobs', query, signal, reuse: true };
      return readV2Page(reader.name, await reader.read(request, counter, noCheck));
    },
  );
}

/** One job by id; null when v2 answers 404. */
export async function detailV2Job(
  reader: VectaraReader,
  id: string,
  counter: RequestCounter,
  signal?: AbortSignal,
): Promise<JobDetail | null> {
  const path = `/v2/jobs/${encodeURIComponent(id)}`;
  try {
    const body = await reader.read({ path, signal }, counter, (value) => checkV2Job(reader.name, value, `GET ${path}`));
    return normalizeVectaraJobDetail(body, reader.name, 'v2');
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'not-found') return null;
    throw error;
  }
}

/** Reads a v2 list page: `{jobs: [...], metadata: {page_key}}`. */
function readV2Page(source: string, body: unknown): VectaraPage {
  if (!isObject(body) || !Array.isArray(body.jobs)) {
    throw shapeError(source, 'GET /v2/jobs', 'no `jobs` array in the list response', 200);
  }
  return { records: body.jobs, nextPageKey: asString(asRecord(body.metadata).page_key) };
}

function checkV2Job(source: string, body: unknown, request: string): void {
  if (!isObject(body) || asString(body.id) === null)
    throw shapeError(source, request, 'no job `id` in the job response', 200);
}
