/**
 * VectorCharts Portal adapter, as the Portal API reference documents it
 * (docs.vectorcharts.com/oem/portal-api-reference: jobs/list, authentication/login, authentication/logout);
 * the state mapping is the table in docs/vendors.md; the Portal API has no job actions.
 *
 * Quirks this adapter handles (source.ts builds the source from the pieces here):
 * - `url` is the server root (e.g. http://host:9909); the Portal API sits under /api/portal/v1. A url
 *   that already ends in the docs' base form (`/api/portal` or `/api/portal/v1`) is accepted too
 *   (server-url.ts).
 * - Auth is a Bearer token: a static API token, or a session token from
 *   `POST /api/portal/v1/auth/login` (`token.id`). A session token that gets a 401 on a read is
 *   renewed by logging in once more and the read is retried once; API tokens are never retried
 *   (portal-auth.ts).
 * - Offset paging, newest first, `limit` capped at 200 (the echoed `pagination.limit` is the size
 *   the server applied); pages drift when jobs arrive, so jobs are de-duplicated by id (list-pages.ts).
 * - `steps` and `logs` come inline on every list item and there is no get-one endpoint, so
 *   detail(id) pages through a fresh list looking for the id.
 * - `createdAt`/`updatedAt`/step times are epoch ms numbers; log timestamps are ISO strings.
 * - The job record has no start/finish time or error: startedAt is the earliest step start,
 *   finishedAt is updatedAt of a terminal job, error is the failing step's error (or last error log)
 *   (normalize.ts).
 * - A session from a login is ended with `POST /api/portal/v1/auth/logout` in close() (a token
 *   lasts until logout, authentication/logout.md); API tokens are left alone.
 * - A pre-pagination server answers the list with a bare array of every job (limit/offset ignored);
 *   it is cut to the source's limit here (list-pages.ts).
 * - `processing` (the older public Chart API's word for it) is accepted as running (state.ts).
 * - No cancel, delete or retry endpoint exists; `POST /jobs` only starts maintenance jobs.
 */
export { createVectorChartsSource } from './source.js';
export {
  VECTORCHARTS_API_PREFIX,
  VECTORCHARTS_CAPABILITIES,
  VECTORCHARTS_PAGE_SIZE_CAP,
  type VectorChartsOptions,
} from './constants.js';
export {
  normalizeVectorChartsDetail,
  normalizeVectorChartsJob,
  normalizeVectorChartsLog,
  normalizeVectorChartsStep,
} from './normalize.js';
export { vectorChartsServerRoot } from './server-url.js';
export { mapVectorChartsState, type MappedState } from './state.js';
