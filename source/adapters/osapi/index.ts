/**
 * OSAPI adapter: follows the osapi-io/osapi job API (OpenAPI
 * `internal/controller/api/job/gen/api.yaml`) and its server code; states and actions as in docs/vendors.md.
 *
 * Quirks handled here:
 * - The path prefix moved from `/job` to `/api/job` in April 2026. `pathPrefix` picks it; when it
 *   is not configured, a list that meets Echo's route-miss 404 (`{"message":"Not Found"}`) on
 *   `/api/job` tries the old `/job` once and keeps whichever answered.
 * - `GET /job` takes `limit` 1–100 (0 and 101 are 400s), newest first, with `total_items` and
 *   `status_counts` over ALL jobs (may carry `skipped`; `null` on an empty system, which means zero).
 *   `status_counts` can include deleted jobs until their events expire (1 h TTL), so it may differ
 *   from `total_items`.
 * - List items have no timeline, agent_states or responses, and `changed` is always null there;
 *   `result` only appears for single-agent jobs. Detail (`GET /job/{id}`) has all of them.
 * - `created` is RFC 3339 at seconds, `updated_at` RFC 3339 with nanoseconds (the latest event,
 *   which may be a later `retried` event).
 * - Two 400 shapes: go-playground validator text in `{"error"}` and Echo binding failures in
 *   `{"message"}`; both are read by http.ts's extractVendorMessage.
 * - No cancel. DELETE only forgets the record (204): agents keep working. Retry (201) creates a new
 *   job on any one agent (`_any`) and leaves the original, which gains a `retried` timeline event.
 * - Jobs expire after the KV TTL (1 h by default): ids vanish from lists; detail() then returns null.
 * - No owner, priority or progress: those are null.
 * - The token is a JWT (`osapi token generate`, 3 months): its `exp` is the session's token expiry.
 *
 * The code lives beside this file (source, normalize, state, actions); this entry re-exports it.
 */
export { OSAPI_CAPABILITIES } from './actions.js';
export { createOsapiSource, OSAPI_DEFAULT_PATH_PREFIX, OSAPI_MAX_PAGE_SIZE, type OsapiOptions } from './source.js';
export { normalizeOsapiJob, normalizeOsapiJobDetail } from './normalize.js';
export { mapOsapiState, normalizeOsapiStatusCounts, type OsapiStateMapping } from './state.js';
export { normalizeOsapiTimelineEvent } from './timeline-steps.js';
