/**
 * Vectara adapter: the Jobs API in both versions, as Vectara's API reference documents them
 * (docs.vectara.com: v2 Jobs, v1 ListJobs in admin_job.proto).
 * The pieces live beside this file; source.ts builds the source.
 *
 * - v2 (default, v2-jobs.ts): `GET /v2/jobs?limit=&page_key=` (limit 1–100, server default 10)
 *   answering `{jobs, metadata: {page_key}}`, and `GET /v2/jobs/{job_id}`. ISO timestamps, lower-case
 *   states. Errors: `{messages, request_id}` (401/403), `{id, messages, request_id}` (404),
 *   `{field_errors, messages, request_id}` (400).
 * - v1 (retired 2025-08-16, v1-jobs.ts): `POST /v1/list-jobs` with a JSON body and a `customer-id`
 *   header, answering `{status: [{code, statusDetail}], job: [...], pageKey}`. Quirks handled:
 *   - `status[]` is the request outcome and can report a failure on HTTP 200 (any code but OK);
 *   - `ts*` are epoch SECONDS as JSON strings, "0" or absent = not set;
 *   - protojson omits zero values: no `type`/`state` means JOB__UNKNOWN/JOB_STATE__UNKNOWN, an OK
 *     status element may be `{}`, an empty list has no `job` field; states may come as proto numbers;
 *   - the default of the `state` filter is documented both ways, so all seven states are always sent;
 *   - on later pages the server ignores everything but `pageKey`, so only `pageKey` is sent and
 *     the page size stays the first page's `numResults`;
 *   - there is no get-one RPC: detail is the list filtered by `jobId`;
 *   - non-200 bodies are gRPC-gateway `{code, message, details}`.
 * - Auth (authenticated-read.ts, oauth-token-cache.ts): `x-api-key`, or OAuth2 client credentials
 *   as a Bearer token that is cached until it expires and fetched again once when a read answers
 *   401 (or v1 status UNAUTHENTICATED).
 * - Vectara reports no progress, priority, host, steps, messages, result or totals, and has no
 *   cancel, delete or retry (neither API version has such an endpoint). Records without an id are skipped.
 */
export { createVectaraSource } from './source.js';
export {
  VECTARA_CAPABILITIES,
  VECTARA_MAX_PAGE_SIZE,
  type VectaraApiVersion,
  type VectaraOptions,
} from './constants.js';
export { detectVectaraApiVersion, normalizeVectaraJob, normalizeVectaraJobDetail } from './normalize.js';
export { defaultVectaraTokenUrl } from './oauth-token-cache.js';
export {
  VECTARA_V1_STATE_NAMES,
  VECTARA_V1_STATE_NUMBERS,
  mapVectaraState,
  type VectaraStateMapping,
} from './state.js';
