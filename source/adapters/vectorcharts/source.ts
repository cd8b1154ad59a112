/** The JobSource of one VectorCharts Portal server: the paged list, detail from the list, and logout on close. */
import type { Job, JobDetail } from '../../domain/job.js';
import { DEFAULT_LIMIT, type ActionKind, type JobSource, type ListResult } from '../contract.js';
import { SourceError } from '../errors.js';
import { createJobMemo } from '../kit/job-memo.js';
import { newRequestCounter } from '../kit/request-counter.js';
import { createSourceHttpClient } from '../source-http.js';
import { dedupeById, pageCapTruncation } from '../paging.js';
import { asRecord, asString } from '../read-fields.js';
import { VECTORCHARTS_CAPABILITIES, type VectorChartsOptions } from './constants.js';
import { listPages, type ListProgress } from './list-pages.js';
import { normalizeVectorChartsDetail, normalizeVectorChartsJob } from './normalize.js';
import { createPortalAuth } from './portal-auth.js';
import { vectorChartsServerRoot, withoutCredentials } from './server-url.js';

/** Creates the JobSource of one VectorCharts Portal server. */
export function createVectorChartsSource(options: VectorChartsOptions): JobSource {
  const source = options.name;
  const limit = positiveLimit(options.limit);
  const sent = newRequestCounter();
  const client = createSourceHttpClient(options, {
    baseUrl: vectorChartsServerRoot(options.url, source),
    secrets: [options.token, options.password],
    sent,
  });
  const auth = createPortalAuth(client, options);
  const memo = createJobMemo(recordId);

  return {
    name: source,
    vendor: 'vectorcharts',
    url: withoutCredentials(options.url),
    capabilities: VECTORCHARTS_CAPABILITIES,
    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter = newRequestCounter();
      const progress: ListProgress = { pages: 0, total: null };
      const jobs: Job[] = [];
      memo.round();
      for await (const records of listPages(auth, source, limit, counter, progress, signal)) {
        for (const record of records) {
          const job = memo.get(record) ?? memo.keep(record, normalizeVectorChartsJob(record, source));
          if (job.id !== '') jobs.push(job);
        }
      }
      const withIds = dedupeById(jobs).slice(0, limit);
      const truncated = pageCapTruncation(limit, withIds.length, progress.pages, progress.reachedEnd === true);
      return {
        jobs: withIds,
        total: progress.total,
        stateCounts: null,
        requests: counter.requests,
        ...(truncated ? { truncated } : {}),
      };
    },
    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const counter = newRequestCounter();
      const progress: ListProgress = { pages: 0, total: null };
      for await (const records of listPages(auth, source, limit, counter, progress, signal)) {
        const found = records.find((record) => asString(asRecord(record).id) === id);
        if (found !== undefined) return normalizeVectorChartsDetail(found, source);
      }
      return null;
    },
    async act(kind: ActionKind): Promise<never> {
      throw new SourceError({
        source,
        kind: 'unsupported',
        short: `${kind} not supported`,
        detail: 'The VectorCharts Portal API has no cancel, delete or retry endpoint; nothing was sent.',
      });
    },
    // why: list items carry their steps and logs inline: the detail view falls back on them when a fetch fails.
    listRecordDetail: (job: Job) => normalizeVectorChartsDetail(job.raw, source),
    // why: the Portal's login session states no expiry (it lasts until logout), so none is known.
    session: () => ({ requests: sent.requests, tokenExpiresAt: null }),
    async close() {
      await auth.logout();
      await client.close();
    },
  };
}

/** A Portal record's id, as normalizeVectorChartsJob reads it (the job memo's key). */
function recordId(raw: unknown): string | null {
  return asString(asRecord(raw).id);
}

function positiveLimit(limit: number | undefined): number {
  return typeof limit === 'number' && Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : DEFAULT_LIMIT;
}
