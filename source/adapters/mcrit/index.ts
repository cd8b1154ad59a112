/**
 * MCRIT adapter, following the server's own code (`danielplohmann/mcrit`: server/JobResource.py,
 * application_routes.py, libs/mongoqueue.py) and its recorded wire data (`fkie-cad/mcritweb`
 * tests/fixtures); where older write-ups of the API disagree with that code, the code wins.
 *
 * Quirks handled here:
 * - Jobs are raw MongoDB documents in relaxed Extended JSON: `_id: {"$oid"}`, dates
 *   `{"$date": "…Z"}`, `result` is a plain GridFS id string. There is NO state field: the state
 *   is derived by `deriveMcritState`, a rule-for-rule port of mongoqueue `_identifyJobState`
 *   (rule order matters, Python truthiness included).
 * - Envelope `{"status": "successful", "data": …}`: `status` is the HTTP wrapper, not a job state.
 * - `GET /jobs?start=<skip>&limit=<n>`: `start` is a skip count and `limit=0` means ALL, so a
 *   positive limit is always sent; newest first unless `ascending=true`. There is no total.
 *   `GET /jobs/stats` (`{method: {state: n}}`) is reported as the server's own counters
 *   (`serverCounters`), never as a total or per-state job counts: its counters are incremented
 *   per method and drift (server/JobResource.py). A failing or empty (`{}`, the in-memory
 *   LocalQueue) answer leaves them out instead of failing the poll.
 * - `progress` is a fraction 0–1, or an absolute step count when the reporter has no total
 *   (queue/QueueRemoteCalls.py): a count is kept as `progressSteps`, progress is then null.
 * - A result larger than the body limit is reported with its size (`resultTooLarge`), never as
 *   "no result"; `saveResult` streams it whole to a file (`jobtop get SOURCE/ID --result FILE`).
 *   `compact=true` only shrinks matching/query results (server/JobResource.py).
 * - `GET /jobs/{id}` answers HTTP 200 with `data: null` for an unknown id: detail() returns null.
 * - Auth is optional: header `apitoken`; 401 bodies are Falcon's `{title, description}`.
 * - The only action is Delete (`DELETE /jobs/{id}`): no cancel, no retry. The bulk `DELETE /jobs`
 *   deletes EVERY job when given no filter, so the adapter has no code path to it: an id must be a
 *   24-hex ObjectId before anything is sent (an empty id would otherwise reach `/jobs/`).
 */
export { createMcritSource, MCRIT_PAGE_SIZE, type McritOptions } from './source.js';
export { MCRIT_STATES, deriveMcritState, mapMcritState, type McritState } from './state.js';
export { normalizeMcritDetail, normalizeMcritJob, normalizeMcritStats, summarizeMcritError } from './normalize.js';
