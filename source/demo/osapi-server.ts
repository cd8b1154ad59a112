/**
 * An in-memory OSAPI controller speaking OSAPI's job API as the vendor's code has it (osapi-io/osapi
 * `internal/controller/api/job`, `internal/job/client/jobs.go`, `internal/controller/api/middleware.go`).
 *
 * What it reproduces:
 * - Paths `{prefix}/job`, `{prefix}/job/{id}`, `{prefix}/job/{id}/retry` with prefix `/api` (HEAD) or
 *   `""` (servers before April 2026); unknown routes are Echo's `{"message":"Not Found"}` 404 and
 *   wrong methods its 405. With the `/api` prefix other GET paths answer the embedded web UI (HTML).
 * - Echo binding runs BEFORE auth: a non-integer `limit`/`offset` or a non-UUID id is a 400
 *   `{"message":"Invalid format for parameter …"}` even without a token. Validation runs after auth:
 *   `limit` 0 or 101, negative `offset` or an unknown `status` is a 400 `{"error":"Key: '…' Error:…"}`.
 * - HS256 JWT auth verified with node:crypto (`exp`, `iat`, `nbf`, roles `read|write|admin`,
 *   `permissions` overriding roles) with the middleware's exact 401/403 bodies.
 * - Jobs whose status is derived from per-agent events (submitted → processing → completed |
 *   failed | partial_failure | skipped), broadcasts over several hosts, a FreeBSD agent that skips
 *   unsupported operations, an offline host whose jobs stay submitted, timelines, agent_states with
 *   Go durations, responses, `result` only for single-agent jobs, `changed` null in list items.
 * - `created` at RFC 3339 seconds, agent event times at RFC 3339 nanoseconds (Go's RFC3339Nano).
 * - Every KV key expires after the TTL (1 h): records vanish, and events (hence `status_counts`)
 *   outlive a DELETE until they expire. `status_counts` is `null` when the bucket holds no keys.
 * - DELETE (204) forgets only the record while agents keep working; retry (201) creates a new job on
 *   `_any` agent (or the body's `target_hostname`) and writes `retried` on the original.
 * Deterministic for a given seed and sequence of tick() times; bounded (TTL plus a record cap).
 *
 * This entry composes the pieces in ./osapi/ (KV world, arrivals, routes, tokens, wire bodies) and
 * re-exports the names tests and the demo fleet import from here.
 */
import { createRandom } from './kit.js';
import { DEMO_TOKEN_LIFETIME_SECONDS, OSAPI_DEMO_SIGNING_KEY, OSAPI_JOB_TTL_MS } from './osapi/constants.js';
import { startJobArrivals } from './osapi/job-arrivals.js';
import { viewOf } from './osapi/job-view.js';
import { createJobWorld } from './osapi/job-world.js';
import { createOsapiRoutes } from './osapi/route-handlers.js';
import type { OsapiSimulator, OsapiSimulatorOptions } from './osapi/simulator-types.js';
import { signOsapiDemoToken } from './osapi/token-signing.js';

export { OSAPI_DEMO_HOSTS, type HostSpec } from './osapi/agent-hosts.js';
export { OSAPI_DEMO_SIGNING_KEY, OSAPI_DEMO_SUBJECT, OSAPI_JOB_TTL_MS } from './osapi/constants.js';
export { formatGoDuration, formatRfc3339Nano, formatRfc3339Seconds } from './osapi/go-format.js';
export type {
  OsapiAgentEvent,
  OsapiInjectedAgent,
  OsapiInjectedJob,
  OsapiSimulatedJob,
  OsapiSimulator,
  OsapiSimulatorOptions,
  OsapiStatusEvent,
} from './osapi/simulator-types.js';
export { signOsapiDemoToken, type OsapiTokenOptions } from './osapi/token-signing.js';

/** Creates an in-memory OSAPI controller (see the header for what it simulates). */
export function createOsapiSimulator(options: OsapiSimulatorOptions = {}): OsapiSimulator {
  const now = options.now ?? Date.now;
  const random = createRandom(options.seed ?? 1);
  const prefix = options.pathPrefix ?? '/api';
  const signingKey = options.signingKey ?? OSAPI_DEMO_SIGNING_KEY;
  const startCount = options.jobCount ?? 40;
  const world = createJobWorld({
    random,
    now,
    ttlMs: options.ttlMs ?? OSAPI_JOB_TTL_MS,
    recordCap: Math.max(2 * startCount, 20),
  });
  const handle = createOsapiRoutes({ world, prefix, signingKey, now });
  const tick = startJobArrivals({ world, random, now, startCount, arrivals: options.arrivals !== false });

  return {
    vendor: 'osapi',
    pathPrefix: prefix,
    get jobs() {
      return world.jobs;
    },
    handle,
    tick,
    statusOf(id) {
      const job = world.findRecord(id);
      return job ? viewOf(job).status : undefined;
    },
    inject: world.inject,
    clear: world.clear,
    mintToken(tokenOptions = {}) {
      return signOsapiDemoToken({ signingKey, issuedAt: now(), ...tokenOptions });
    },
    sourceConfig(url, name) {
      const token = signOsapiDemoToken({
        roles: ['admin'],
        signingKey,
        issuedAt: now(),
        expiresInSeconds: DEMO_TOKEN_LIFETIME_SECONDS,
      });
      return { name, type: 'osapi', url, token, pathPrefix: prefix };
    },
  };
}
