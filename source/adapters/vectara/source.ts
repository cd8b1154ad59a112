/** The JobSource of one Vectara account: the v2 or v1 list and detail over an API key or OAuth2 token; no actions. */
import type { JobDetail } from '../../domain/job.js';
import { DEFAULT_LIMIT, type ActionKind, type JobSource, type ListResult } from '../contract.js';
import { SourceError } from '../errors.js';
import { createJobMemo } from '../kit/job-memo.js';
import { newRequestCounter } from '../kit/request-counter.js';
import { asRecord, asString } from '../read-fields.js';
import { createSourceHttpClient } from '../source-http.js';
import { createAuthenticatedRead } from './authenticated-read.js';
import { VECTARA_CAPABILITIES, type VectaraOptions } from './constants.js';
import type { VectaraReader } from './job-pages.js';
import { createVectaraTokens } from './oauth-token-cache.js';
import { detailV1Job, listV1Jobs } from './v1-jobs.js';
import { detailV2Job, listV2Jobs } from './v2-jobs.js';

/** Creates a JobSource for a Vectara account (v2 by default, v1 with `apiVersion: 'v1'`). */
export function createVectaraSource(options: VectaraOptions): JobSource {
  const name = options.name;
  const apiVersion = options.apiVersion ?? 'v2';
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const secrets = [options.apiKey, options.clientSecret].filter(
    (secret): secret is string => typeof secret === 'string',
  );
  const sent = newRequestCounter();
  const client = createSourceHttpClient(options, { secrets, sent });
  const oauth =
    !options.apiKey && options.clientId && options.clientSecret
      ? createVectaraTokens(options, apiVersion, client, sent)
      : null;
  const read = createAuthenticatedRead(options, apiVersion, client, oauth);
  const reader: VectaraReader = { name, limit, read, memo: createJobMemo(recordId) };

  return {
    name,
    vendor: 'vectara',
    url: options.url,
    capabilities: VECTARA_CAPABILITIES,
    async list(signal?: AbortSignal): Promise<ListResult> {
      const counter = newRequestCounter();
      reader.memo.round();
      const { jobs, truncated } =
        apiVersion === 'v1' ? await listV1Jobs(reader, counter, signal) : await listV2Jobs(reader, counter, signal);
      return { jobs, total: null, stateCounts: null, requests: counter.requests, ...(truncated ? { truncated } : {}) };
    },
    async detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
      const counter = newRequestCounter();
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
    session: () => ({
      requests: sent.requests,
      tokenExpiresAt: oauth?.expiresAt() ?? null,
      tokenRenews: oauth ? true : undefined,
    }),
    async close(): Promise<void> {
      await Promise.all([client.close(), oauth?.close()]);
    },
  };
}

/** A Vectara job's id, as normalizeVectaraJob reads it (the job memo's key). */
function recordId(raw: unknown): string | null {
  return asString(asRecord(raw).id);
}
