/**
 * v1 (retired 2025-08-16): `POST /v1/list-jobs` with a JSON body and a `customer-id` header,
 * answering `{status: [{code, statusDetail}], job: [...], pageKey}`. Quirks handled here:
 * - `status[]` is the request outcome and can report a failure on HTTP 200 (any code but OK);
 * - protojson omits zero values: an OK status element may be `{}`, an empty list has no `job` field;
 * - the default of the `state` filter is documented both ways, so all seven states are always sent;
 * - on later pages the server ignores everything but `pageKey`, so only `pageKey` is sent and
 *   the page size stays the first page's `numResults`;
 * - there is no get-one RPC: detail is the list filtered by `jobId`.
 */
import type { JobDetail } from '../../domain/job.js';
import { SourceError, type SourceErrorKind } from '../errors.js';
import type { HttpRequest } from '../http.js';
import type { RequestCounter } from '../kit/request-counter.js';
import { shapeError } from '../kit/shape-error.js';
import { asArray, asRecord, asString } from '../read-fields.js';
import { VECTARA_MAX_PAGE_SIZE } from './constants.js';
import { collectPages, isObject, type CollectedJobs, type VectaraPage, type VectaraReader } from './job-pages.js';
import { normalizeVectaraJobDetail } from './normalize.js';
import { VECTARA_V1_STATE_NAMES } from './state.js';

const LIST_JOBS = 'POST /v1/list-jobs';

/** Lists up to the limit of jobs, newest first, following `pageKey`. */
export function listV1Jobs(
  reader: VectaraReader,
  counter: RequestCounter,
  signal?: AbortSignal,
): Promise<CollectedJobs> {
  const size = Math.min(VECTARA_MAX_PAGE_SIZE, reader.limit);
  return collectPages(
    reader,
    'v1',
    () => size,
    async (pageKey) => {
      // why: on later pages the server ignores every field but pageKey (admin_job.proto, ListJobsRequest.page_key).
      const payload = pageKey ? { pageKey } : { state: VECTARA_V1_STATE_NAMES, numResults: size };
      return readV1Page(reader.name, await listJobs(reader, payload, counter, signal, true));
    },
  );
}

/** One job by id: the list filtered by `jobId`; null when it is not there. */
export async function detailV1Job(
  reader: VectaraReader,
  id: string,
  counter: RequestCounter,
  signal?: AbortSignal,
): Promise<JobDetail | null> {
  const body = await listJobs(reader, { jobId: id, state: VECTARA_V1_STATE_NAMES, numResults: 1 }, counter, signal);
  const record = readV1Page(reader.name, body).records.find((candidate) => asString(asRecord(candidate).id) === id);
  return record === undefined ? null : normalizeVectaraJobDetail(record, reader.name, 'v1');
}

/** Sends one ListJobs request and fails on a failure in its `status[]`. */
function listJobs(
  reader: VectaraReader,
  payload: Record<string, unknown>,
  counter: RequestCounter,
  signal?: AbortSignal,
  reuse = false,
): Promise<unknown> {
  // why: ListJobs is a read sent as POST (grpc-gateway `body: "*"`); it must pass read-only mode.
  const request: HttpRequest = { method: 'POST', path: '/v1/list-jobs', json: payload, mutating: false, signal, reuse };
  return reader.read(request, counter, (value) => checkV1Body(reader.name, value));
}

/** Reads a v1 page; protojson omits an empty `job` array, so absence means no jobs. */
function readV1Page(source: string, body: unknown): VectaraPage {
  const record = asRecord(body);
  if (record.job !== undefined && !Array.isArray(record.job)) {
    throw shapeError(source, LIST_JOBS, '`job` is not an array in the ListJobs response', 200);
  }
  return { records: asArray(record.job), nextPageKey: asString(record.pageKey) };
}

/** Fails on a non-object body or any `status[]` element whose code is not OK, even on HTTP 200. */
function checkV1Body(source: string, body: unknown): void {
  if (!isObject(body)) throw shapeError(source, LIST_JOBS, 'the ListJobs response is not a JSON object', 200);
  if (body.status !== undefined && !Array.isArray(body.status))
    throw shapeError(source, LIST_JOBS, '`status` is not an array in the ListJobs response', 200);
  const failures = asArray(body.status)
    .map((element) => asRecord(element))
    // why: protojson omits the zero enum value, so an OK element can be `{}` (or code 0).
    .map((element) => ({ code: asString(element.code) ?? 'OK', detail: asString(element.statusDetail) }))
    .filter((element) => element.code !== 'OK' && element.code !== '0');
  const first = failures[0]?.code;
  if (first === undefined) return;
  throw new SourceError({
    source,
    kind: v1StatusKind(first),
    short: `${first} (HTTP 200)`,
    detail: failures
      .map((failure) => (failure.detail ? `${failure.code}: ${failure.detail}` : failure.code))
      .join('; '),
    status: 200,
    request: LIST_JOBS,
  });
}

const V1_AUTH_CODES = new Set([
  'UNAUTHENTICATED',
  'UNAUTHORIZED',
  'INVALID_API_KEY',
  'EXPIRED_API_KEY',
  'DISABLED_API_KEY',
  'INVALID_CUSTOMER_ID',
  'DISABLED_CUSTOMER',
  'ADM__INVALID_CUSTOMER_ID',
]);
const V1_FORBIDDEN_CODES = new Set(['PERMISSION_DENIED', 'FORBIDDEN']);

function v1StatusKind(code: string): SourceErrorKind {
  if (V1_AUTH_CODES.has(code)) return 'auth';
  if (V1_FORBIDDEN_CODES.has(code)) return 'forbidden';
  if (code === 'TOO_MANY_REQUESTS' || code === 'RESOURCE_EXHAUSTED') return 'rate-limited';
  return 'vendor';
}
