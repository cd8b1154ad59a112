/**
 * Vectara adapter: the Jobs API in both versions, per /work/shared/apis.md §3 (seed 002).
 * The pieces live in ./vectara/.
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
 *   cancel, delete or retry (apis.md §7). Records without an id are skipped.
 */
import type { JobDetail } from '../../domain/job.js';
import { DEFAULT_LIMIT, type ActionKind, type JobSource, type ListResult } from '../contract.js';
import { SourceError } from '../errors.js';
import { createSourceHttpClient } from '../source-http.js';
import { createAuthenticatedRead } from './authenticated-read.js';
import { VECTARA_CAPABILITIES, type VectaraOptions } from './constants.js';
import type { RequestCounter, VectaraReader } from './job-pages.js';
import { createTokenCache } from './oauth-token-cache.js';
import { detailV1Job, listV1Jobs } from './v1-jobs.js';
import { detailV2Job, listV2Jobs } from './v2-jobs.js';

// Re-exported: importers keep using this file's path.
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

/** Creates a JobSource for a Vectara account (v2 by default, v1 with `apiVersion: 'v1'`). */
export function createVectaraSource(options: VectaraOptions): JobSource {
  const name = options.name;
  const apiVersion = options.apiVersion ?? 'v2';
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const secrets = [options.apiKey, options.clientSecret].filter(
    (secret): secret is string => typeof secret === 'string',
  );
  const client = createSourceHttpClient(options, { secrets });
  const oauth =
    !options.apiKey && options.clientId && options.clientSecret ? createTokenCache(options, apiVersion, client) : null;
  const reader: VectaraReader = { name, limit, read: createAuthenticatedRead(options, apiVersion, client, oauth) };

  return {
    name,
    vendor: 'vectara',
    url: options.url,
    capabilities: VECTARA_CAPABILITIES,
    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter: RequestCounter = { requests: 0 };
      const { jobs, truncated } =
        apiVersion === 'v1' ? await listV1Jobs(reader, counter, signal) : await listV2Jobs(reader, counter, signal);
      return { jobs, total: null, stateCounts: null, requests: counter.requests, ...(truncated ? { truncated } : {}) };
    },
    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const counter: RequestCounter = { requests: 0 };
      return apiVersion === 'v1' ? detailV1Job(reader, id, counter, signal) : detailV2Job(reader, id, counter, signal);
    },
    async act(kind: ActionKind): Promise<never> {
      throw new SourceError({
        source: name,
        kind: 'unsupported',
        short: `${kind} not supported`,
        detail: "Vectara's job API has no cancel, delete or retry",
      });
    },
    async close(): Promise<void> {
      await Promise.all([client.close(), oauth?.close()]);
    },
  };
}
