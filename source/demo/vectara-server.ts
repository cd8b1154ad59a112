/**
 * Vectara demo server: both Jobs APIs over one in-memory job store, as Vectara's API reference
 * (docs.vectara.com, v2 REST and v1 ListJobs; docs/vendors.md) describes them, plus an OAuth2
 * client-credentials token endpoint.
 *
 * - v2: `GET /v2/jobs` (`limit` 1–100 default 10, `page_key`, `state`, `corpus_key`, `after`),
 *   `GET /v2/jobs/{job_id}` (pattern `job_.+`); ISO timestamps at second precision; errors
 *   `{messages, request_id}` (401/403/405), `{id, messages, request_id}` (404),
 *   `{field_errors, messages, request_id}` (400). No customer-id header.
 * - v1: `POST /v1/list-jobs` (`jobId`, `corpusId`, `epochSecs`, `state`, `numResults` ≤ 100,
 *   `pageKey`; snake_case accepted), `customer-id` header required. Protojson-style output: ts* are
 *   epoch seconds as strings, unset fields and zero enums omitted. Request-level failures come on
 *   HTTP 200 in `status[]`; malformed bodies and missing credentials get gRPC-gateway
 *   `{code, message, details}` with a non-200 status.
 * - `POST /oauth2/token`: `grant_type=client_credentials` with the client id and secret in the form
 *   or in Basic auth; Cognito-style `{"error": "invalid_client"}` refusals.
 *
 * Choices where the vendor's docs leave room: v1 without `state` returns QUEUED and STARTED only (one
 * side of the documented contradiction, so a client that omits it visibly misses jobs); v1
 * `numResults` defaults to 10; cursors are base64 JSON `{"offset": n}` (v1 keys also freeze the
 * first page's filters, since later pages ignore every other field); newest first; v1 reports bad
 * keys and customer ids as 200 + status, an expired token as 200 + UNAUTHENTICATED and no
 * credentials (or an unknown token) as 401 code 16.
 *
 * Jobs are generated from a seed; all randomness is drawn when a job is created, so the state at a
 * given clock does not depend on how often `tick` runs.
 *
 * The pieces live in ./vectara/: constants, types, wire-format, lifecycle, job-store, oauth-tokens,
 * v2-routes, v1-routes (with v1-query, v1-replies). This file composes them.
 */
import { createRandom, randomHex, type DemoRequest, type DemoResponse } from './kit.js';
import { VECTARA_DEMO_API_KEY, VECTARA_DEMO_CUSTOMER_ID } from './vectara/constants.js';
import type { VectaraContext } from './vectara/context.js';
import { createJobStore } from './vectara/job-store.js';
import { createOAuthTokens } from './vectara/oauth-tokens.js';
import { publicCopy, type VectaraSimulator, type VectaraSimulatorOptions } from './vectara/types.js';
import { handleV1 } from './vectara/v1-routes.js';
import { handleV2, v2Error } from './vectara/v2-routes.js';

// Re-exported: importers keep using this file's path.
export {
  VECTARA_DEMO_API_KEY,
  VECTARA_DEMO_CLIENT_ID,
  VECTARA_DEMO_CLIENT_SECRET,
  VECTARA_DEMO_CUSTOMER_ID,
  VECTARA_DEMO_INDEX_KEY,
  VECTARA_DEMO_QUERY_KEY,
  VECTARA_DEMO_TOKEN_LIFETIME_SECONDS,
} from './vectara/constants.js';
export type {
  VectaraSimulatedJob,
  VectaraSimulatedState,
  VectaraSimulatedType,
  VectaraSimulator,
  VectaraSimulatorOptions,
} from './vectara/types.js';

/** Creates the Vectara simulator (v1 + v2 + OAuth token endpoint). */
export function createVectaraSimulator(options: VectaraSimulatorOptions = {}): VectaraSimulator {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const random = createRandom(seed);
  const requestIds = createRandom(seed ^ 0x5eed);
  const startCount = Math.max(0, Math.floor(options.jobCount ?? 40));
  const tokens = createOAuthTokens(requestIds, now);
  const store = createJobStore({ random, now, startCount, arrivals: options.arrivals !== false });
  const pageSize = (asked: number) => (options.shortPages ? Math.max(1, Math.ceil(asked / 2)) : asked);
  const context: VectaraContext = { store, tokens, now, requestId: () => randomHex(requestIds, 32), pageSize };

  return {
    vendor: 'vectara',
    get jobs() {
      return store.newestFirst().map(publicCopy);
    },
    get tokensIssued() {
      return tokens.issued;
    },
    inject: (job) => store.inject(job),
    revokeTokens: () => tokens.revokeAll(),
    tick: (at) => store.tick(at),
    handle(request: DemoRequest): DemoResponse {
      if (request.path === '/oauth2/token') return tokens.issue(request);
      if (request.path.startsWith('/v2/')) return handleV2(context, request);
      if (request.path.startsWith('/v1/')) return handleV1(context, request);
      return v2Error(context, 404, `No route for ${request.method} ${request.path}.`);
    },
    sourceConfig(url: string, name: string) {
      return {
        name,
        type: 'vectara',
        url,
        apiVersion: options.sourceApiVersion ?? 'v2',
        apiKey: VECTARA_DEMO_API_KEY,
        customerId: VECTARA_DEMO_CUSTOMER_ID,
      };
    },
  };
}
