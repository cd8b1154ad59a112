/**
 * VectorCharts Portal adapter. Follows shared/apis.md §1 (docs.vectorcharts.com/oem/portal-api-reference:
 * jobs/list, authentication/login); state mapping per apis.md §6, actions per §7 (none).
 *
 * Quirks this adapter handles (the pieces live in ./vectorcharts/):
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
 * - `processing` (older public Chart API vocabulary, apis.md §1.6) is accepted as running (state-map.ts).
 * - No cancel, delete or retry endpoint exists; `POST /jobs` only starts maintenance jobs.
 */
import type { Job, JobDetail } from '../domain/job.js';
import { DEFAULT_LIMIT, type ActionKind, type JobSource, type ListResult } from './contract.js';
import { SourceError } from './errors.js';
import { createSourceHttpClient } from './source-http.js';
import { dedupeById, pageCapTruncation } from './paging.js';
import { asRecord, asString } from './read-fields.js';
import { VECTORCHARTS_CAPABILITIES, type VectorChartsOptions } from './vectorcharts/constants.js';
import { listPages } from './vectorcharts/list-pages.js';
import { normalizeVectorChartsDetail, normalizeVectorChartsJob } from './vectorcharts/normalize.js';
import { createPortalAuth, newRequestCounter } from './vectorcharts/portal-auth.js';
import { vectorChartsServerRoot, withoutCredentials } from './vectorcharts/server-url.js';

// Re-exported: importers keep using this file's path.
export {
  VECTORCHARTS_API_PREFIX,
  VECTORCHARTS_CAPABILITIES,
  VECTORCHARTS_PAGE_SIZE_CAP,
  type VectorChartsOptions,
} from './vectorcharts/constants.js';
export {
  normalizeVectorChartsDetail,
  normalizeVectorChartsJob,
  normalizeVectorChartsLog,
  normalizeVectorChartsStep,
} from './vectorcharts/normalize.js';
export { vectorChartsServerRoot } from './vectorcharts/server-url.js';
export { mapVectorChartsState, type MappedState } from './vectorcharts/state-map.js';

/** Creates the JobSource of one VectorCharts Portal server. */
export function createVectorChartsSource(options: VectorChartsOptions): JobSource {
  const source = options.name;
  const limit = positiveLimit(options.limit);
  const client = createSourceHttpClient(options, {
    baseUrl: vectorChartsServerRoot(options.url, source),
    secrets: [options.token, options.password],
  });
  const auth = createPortalAuth(client, options);

  return {
    name: source,
    vendor: 'vectorcharts',
    url: withoutCredentials(options.url),
    capabilities: VECTORCHARTS_CAPABILITIES,
    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter = newRequestCounter();
      const jobs: Job[] = [];
      for await (const records of listPages(auth, source, limit, counter, signal)) {
        for (const record of records) jobs.push(normalizeVectorChartsJob(record, source));
      }
      const withIds = dedupeById(jobs.filter((job) => job.id !== '')).slice(0, limit);
      const truncated = pageCapTruncation(limit, withIds.length, counter.pages ?? 0);
      return {
        jobs: withIds,
        total: counter.total,
        stateCounts: null,
        requests: counter.requests,
        ...(truncated ? { truncated } : {}),
      };
    },
    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const counter = newRequestCounter();
      for await (const records of listPages(auth, source, limit, counter, signal)) {
        const found = records.find((record) => asString(asRecord(record).id) === id);
        if (found !== undefined) return normalizeVectorChartsDetail(found, source);
      }
      return null;
    },
    listRecordDetail: (job: Job) => normalizeVectorChartsDetail(job.raw, source),
    async act(kind: ActionKind): Promise<never> {
      throw new SourceError({
        source,
        kind: 'unsupported',
        short: `${kind} not supported`,
        detail: 'The VectorCharts Portal API has no cancel, delete or retry endpoint; nothing was sent.',
      });
    },
    async close() {
      await auth.logout();
      await client.close();
    },
  };
}

function positiveLimit(limit: number | undefined): number {
  return typeof limit === 'number' && Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : DEFAULT_LIMIT;
}
