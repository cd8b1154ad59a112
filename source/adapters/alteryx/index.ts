/**
 * Alteryx Server API v3 adapter, following the "Job Endpoints" page of the Server API v3 docs
 * and what real servers answer; its states and its one action are in docs/vendors.md.
 *
 * Quirks handled here:
 * - Auth is OAuth2 client credentials: `POST <webapi>/oauth2/token` (HTTP Basic, form-body
 *   credentials as the fallback; tokens.ts) gives a bearer token that lasts about an hour and has
 *   no refresh token. The kit's token cache reuses it until shortly before it expires and a read
 *   answered 401 gets a fresh one, once (kit/). A mutating request is never re-sent, not even after a 401.
 * - `GET /v3/jobs` takes `offset`/`limit` but answers in pages (`pagination.currentPage`, …).
 * - The list has no `disposition`, so a `Completed` job cannot be told apart as success, error or
 *   cancel. It stays `unknown` with the flag `needs-disposition` until
 *   `GET /v3/jobs/{id}?includeMessages=false` says how it ended. Terminal jobs never change, so
 *   the answer is cached; at most ALTERYX_ENRICH_PER_POLL jobs are looked up per poll.
 * - The filter value is `Complete` but the responses say `Completed`; both map the same way.
 * - `priority` is a string, either named ("Low", "Default", …) or numeric ("0".."6").
 * - The list has no completion time: finished = `startTime` + `executionTime` (`[d.]HH:MM:SS`).
 * - `DELETE /v3/jobs/{id}` cancels a running job but deletes a queued one; refusals are 400s with
 *   `{"message"}` (even for a missing permission, not 403).
 * - `/v3/jobs/{id}/messages` is documented as one object but really is an array: both accepted.
 *
 * The parts live beside this file (source.ts builds the source); this file re-exports what importers use.
 */
export { ALTERYX_ENRICH_PER_POLL, ALTERYX_PAGE_SIZE, type AlteryxOptions } from './settings.js';
export { alteryxNativeState, isAlteryxCompleted, mapAlteryxState, type AlteryxStateMapping } from './state.js';
export { parseAlteryxPriority, parseAlteryxTime } from './field-parsers.js';
export { alteryxMessageLevel, normalizeAlteryxMessages, normalizeAlteryxOutputs } from './messages.js';
export { normalizeAlteryxDetail, normalizeAlteryxJob, type AlteryxDetailContext } from './normalize.js';
export { createAlteryxSource } from './source.js';
