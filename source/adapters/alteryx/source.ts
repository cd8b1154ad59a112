/**
 * The Alteryx Server v3 source: the list (with disposition enrichment), a job's detail with
 * its messages, and cancel, over a bearer token from client credentials.
 */
import type { Job, JobDetail } from '../../domain/job.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_LIMIT,
  type ActionKind,
  type ActionOutcome,
  type JobSource,
  type ListResult,
} from '../contract.js';
import { SourceError, hasHttpStatus } from '../errors.js';
import { readWithBearer, withBearer, withCounter } from '../kit/bearer-read.js';
import { createJobMemo } from '../kit/job-memo.js';
import { newRequestCounter, type RequestCounter } from '../kit/request-counter.js';
import { shapeError } from '../kit/shape-error.js';
import { pageCapTruncation } from '../paging.js';
import { asRecord, asString } from '../read-fields.js';
import { createSourceHttpClient } from '../source-http.js';
import { sendCancel } from './actions.js';
import { ALTERYX_CAPABILITIES } from './capabilities.js';
import { createDispositionCache } from './dispositions.js';
import { detailFromListItem, incompleteOf, withUnknownOutcome } from './missing-detail.js';
import { fetchListItems } from './job-list.js';
import { normalizeAlteryxDetail, normalizeAlteryxJob } from './normalize.js';
import { jobPath, type ReadJson } from './request-helpers.js';
import { ALTERYX_ENRICH_PER_POLL, type AlteryxOptions } from './settings.js';
import { createAlteryxTokens } from './tokens.js';

/** Creates the Alteryx Server v3 source: list (with disposition enrichment), detail and cancel. */
export function createAlteryxSource(options: AlteryxOptions): JobSource {
  const source = options.name;
  const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
  const basic =
    options.clientId && options.clientSecret
      ? Buffer.from(`${options.clientId}:${options.clientSecret}`, 'utf8').toString('base64')
      : undefined;
  const sent = newRequestCounter();
  const client = createSourceHttpClient(options, { secrets: [options.clientSecret, basic], sent });
  const tokens = createAlteryxTokens(client, options, options.now ?? Date.now);
  const readJson: ReadJson = (request, counter) =>
    readWithBearer(tokens, (token) => client.json(withBearer(withCounter(request, counter), token)), { counter });
  const dispositions = createDispositionCache(
    readJson,
    () => options.enrichPerPoll ?? ALTERYX_ENRICH_PER_POLL,
    () => options.concurrency ?? DEFAULT_CONCURRENCY,
  );
  /** The last list's raw items by id, for the detail view's workflow name, owner and times. */
  let listItems = new Map<string, unknown>();
  const memo = createJobMemo(recordId);

  async function fetchMessages(id: string, counter: RequestCounter, signal?: AbortSignal): Promise<unknown> {
    try {
      return await readJson({ path: jobPath(id, 'messages'), signal }, counter);
    } catch (error) {
      if (hasHttpStatus(error, 404)) return [];
      throw error;
    }
  }

  return {
    name: source,
    vendor: 'alteryx',
    url: options.url,
    capabilities: ALTERYX_CAPABILITIES,

    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter = newRequestCounter();
      const { items, total, pages, reachedEnd } = await fetchListItems(readJson, source, limit, counter, signal);
      const truncated = pageCapTruncation(limit, items.size, pages, reachedEnd);
      await dispositions.enrich(items, counter, signal);
      dispositions.forgetAllBut(items);
      listItems = items;
      const jobs: Job[] = [];
      memo.round();
      for (const [id, item] of items) {
        const disposition = dispositions.get(id);
        const failure = dispositions.failureOf(id);
        // why: a Job here also depends on the looked-up disposition and why a look-up failed.
        const extra = JSON.stringify([disposition ?? null, failure ?? null]);
        const job =
          memo.get(item, extra) ??
          memo.keep(item, withUnknownOutcome(normalizeAlteryxJob(item, source, disposition), failure), extra);
        // why: an unchanged item keeps the record already kept; the new equal one is dropped young.
        if (job.raw !== item) items.set(id, job.raw);
        jobs.push(job);
      }
      const incomplete = incompleteOf(jobs, dispositions.failureOf);
      return {
        jobs,
        total,
        stateCounts: null,
        requests: counter.requests,
        ...(incomplete ? { incomplete } : {}),
        ...(truncated ? { truncated } : {}),
      };
    },

    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const counter = newRequestCounter();
      let body: unknown;
      try {
        body = await readJson({ path: jobPath(id), query: { includeMessages: 'true' }, signal }, counter);
      } catch (error) {
        if (!hasHttpStatus(error, 404)) throw error;
        // why: the detail works for app workflows only; a listed job without one is still listed.
        const cached = listItems.get(id);
        const listed = cached ?? (await fetchListItems(readJson, source, limit, counter, signal)).items.get(id);
        if (listed === undefined) return null;
        // why: a job found only in a fresh list may have just been created: ask its detail once more.
        body =
          cached === undefined
            ? await readJson({ path: jobPath(id), query: { includeMessages: 'true' }, signal }, counter).catch(
                (retry: unknown) => (hasHttpStatus(retry, 404) ? null : Promise.reject(retry as Error)),
              )
            : null;
        if (body === null) return detailFromListItem(listed, source, dispositions.get(id));
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw shapeError(source, `GET /v3/jobs/${id}`, 'GET /v3/jobs/{id} did not answer with a job object');
      }
      dispositions.remember(id, body);
      const messages = Array.isArray(asRecord(body).messages) ? undefined : await fetchMessages(id, counter, signal);
      return normalizeAlteryxDetail(body, source, { listItem: listItems.get(id), messages });
    },

    async act(kind: ActionKind, job: Job): Promise<ActionOutcome> {
      if (kind !== 'cancel') {
        throw new SourceError({
          source,
          kind: 'unsupported',
          short: `no ${kind} action`,
          detail: `Alteryx Server has no ${kind} endpoint; DELETE /v3/jobs/{id} (cancel) is its only job action`,
        });
      }
      return sendCancel(client, tokens, options.readonly, job);
    },

    session: () => ({ requests: sent.requests, tokenExpiresAt: tokens.expiresAt(), tokenRenews: true }),

    close: () => client.close(),
  };
}

/** An Alteryx list item's id, as normalizeAlteryxJob reads it (the job memo's key). */
function recordId(raw: unknown): string | null {
  return asString(asRecord(raw).jobId);
}
