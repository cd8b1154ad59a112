/** The JobSource of one `type: http-json` declaration: the declared list with its paging, detail, messages and actions. */
import type { Job, JobDetail } from '../../domain/job.js';
import {
  DEFAULT_LIMIT,
  type ActionKind,
  type ActionOutcome,
  type BaseSourceOptions,
  type JobSource,
  type ListResult,
} from '../contract.js';
import { SourceError } from '../errors.js';
import type { HttpRequest, JsonResponse } from '../http.js';
import { newRequestCounter, type RequestCounter } from '../kit/request-counter.js';
import { describeFound, shapeError } from '../kit/shape-error.js';
import { dedupeById, MAX_PAGES_PER_POLL } from '../paging.js';
import { asNumber } from '../read-fields.js';
import { createSourceHttpClient } from '../source-http.js';
import { declaredCapabilities, declaredOutcome, pathFor } from './actions.js';
import type { HttpJsonDeclaration } from './declaration.js';
import { findingsWarnings } from './findings-warnings.js';
import { readMessages, select, toJobDetail } from './job-detail.js';
import { newFindings, normalizeItem, type PollFindings } from './normalize-item.js';
import { firstPageRequest, nextPageRequest, type PageRequest } from './page-requests.js';

/** Options of an http-json source: the compiled declaration, the headers sent with every request and their secrets. */
export interface HttpJsonOptions extends BaseSourceOptions {
  declaration: HttpJsonDeclaration;
  headers?: Record<string, string>;
  /** The credential `{token}` stands for in header values (from `token` or `tokenCommand`). */
  token?: string;
  /** Values to redact from anything reported (secrets interpolated into headers). */
  secrets?: readonly string[];
}

/** One poll's list, before normalization: the items, the total and the findings of reading them. */
export interface DeclaredListRead {
  items: unknown[];
  total: number | null;
  requests: number;
  truncated?: ListResult['truncated'];
}

/** Creates the JobSource of one declaration. */
export function createHttpJsonSource(options: HttpJsonOptions): JobSource {
  const source = options.name;
  const { declaration } = options;
  const headers = Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([name, value]) => [
      name,
      value.replaceAll('{token}', options.token ?? ''),
    ]),
  );
  const tokenHeaders = Object.entries(options.headers ?? {})
    .filter(([, value]) => value.includes('{token}'))
    .map(([name]) => headers[name]);
  const sent = newRequestCounter();
  const client = createSourceHttpClient(options, {
    secrets: [...(options.secrets ?? []), options.token, ...tokenHeaders],
    sent,
  });
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const baseUrl = new URL(options.url);
  const basePath = baseUrl.pathname.replace(/\/$/, '');
  const label = (request: Pick<HttpRequest, 'method' | 'path'>) =>
    `${request.method ?? 'GET'} ${basePath}${request.path}`;
  const shape = (request: Pick<HttpRequest, 'method' | 'path'>, detail: string) =>
    shapeError(source, label(request), detail, 200);

  async function get(
    path: string,
    query: HttpRequest['query'],
    signal?: AbortSignal,
    counter?: RequestCounter,
    reuse = false,
  ): Promise<JsonResponse> {
    return client.jsonResponse({ path, query, headers, signal, counter, reuse });
  }

  /** Fetches the list's pages up to the limit, by the declared paging. */
  async function readList(signal?: AbortSignal): Promise<DeclaredListRead> {
    const items: unknown[] = [];
    let total: number | null = null;
    let request: PageRequest | null = firstPageRequest(declaration.list, limit);
    const counter = newRequestCounter();
    let pages = 0;
    while (request) {
      if (pages >= MAX_PAGES_PER_POLL) {
        return {
          items,
          total,
          requests: counter.requests,
          truncated: { asked: limit, fetched: items.length, reason: `stopped after ${MAX_PAGES_PER_POLL} pages` },
        };
      }
      // why: an unchanged page is not parsed again; its items are still normalized every poll,
      // as normalizing also tallies the poll's field findings (warnings).
      const response = await get(request.path, request.query, signal, counter, true);
      pages += 1;
      const pageItems = select(declaration.list.items, response.value);
      if (!Array.isArray(pageItems)) {
        const where = declaration.list.items
          ? `list.items (${declaration.list.items.text})`
          : 'the body (no list.items declared)';
        throw shape(request, `${where}: expected an array of jobs, got ${describeFound(pageItems)}`);
      }
      if (pages === 1 && declaration.list.total) total = asNumber(select(declaration.list.total, response.value));
      items.push(...(pageItems as unknown[]));
      const link = response.headers.link;
      const next = nextPageRequest(
        declaration.list,
        request,
        {
          items: pageItems.length,
          fetched: items.length,
          total,
          body: response.value,
          linkHeader: Array.isArray(link) ? link.join(', ') : link,
        },
        limit,
        baseUrl,
      );
      if (next && 'error' in next) throw shape(request, next.error);
      request = next;
    }
    return { items, total, requests: counter.requests };
  }

  /** Normalizes items, tallying what did not resolve. */
  function normalize(items: readonly unknown[], findings: PollFindings): Job[] {
    const jobs: Job[] = [];
    for (const item of items) {
      const job = normalizeItem(item, declaration, source, findings);
      if (job) jobs.push(job);
    }
    return jobs;
  }

  async function list(signal?: AbortSignal): Promise<ListResult> {
    const read = await readList(signal);
    const findings = newFindings();
    const jobs = dedupeById(normalize(read.items, findings)).slice(0, limit);
    const warnings = findingsWarnings(findings, declaration);
    return {
      jobs,
      total: read.total,
      stateCounts: null,
      requests: read.requests,
      ...(read.truncated ? { truncated: read.truncated } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  }

  async function detail(id: string, signal?: AbortSignal): Promise<JobDetail | null> {
    let job: Job | null;
    let result: unknown;
    if (declaration.detail) {
      const path = pathFor(declaration.detail.path, id);
      let body: unknown;
      try {
        body = (await get(path, undefined, signal)).value;
      } catch (error) {
        if (error instanceof SourceError && error.status === 404) return null;
        throw error;
      }
      const record = select(declaration.detail.item, body);
      job = normalizeItem(record, declaration, source, newFindings());
      if (!job) throw shape({ path }, `the job record has no id at fields.id (${declaration.fields.id?.text ?? ''})`);
      result = declaration.detail.result ? select(declaration.detail.result, record) : undefined;
    } else {
      job = (await list(signal)).jobs.find((candidate) => candidate.id === id) ?? null;
      if (!job) return null;
    }
    const messages = declaration.messages
      ? readMessages((await get(pathFor(declaration.messages.path, id), undefined, signal)).value, declaration.messages)
      : null;
    return toJobDetail(job, result, messages);
  }

  async function act(kind: ActionKind, job: Job): Promise<ActionOutcome> {
    const action = declaration.actions[kind];
    if (!action)
      throw new SourceError({
        source,
        kind: 'unsupported',
        short: `${kind} not supported`,
        detail: `the declaration of ${source} has no actions.${kind}`,
      });
    const response = await client.jsonResponse(
      { method: action.method, path: pathFor(action.path, job.id), headers },
      { allowEmpty: true },
    );
    return declaredOutcome(action, job.id, response.status);
  }

  return {
    name: source,
    vendor: 'http-json',
    url: options.url,
    capabilities: declaredCapabilities(declaration),
    list,
    detail,
    act,
    // why: a declared source's credential is whatever its headers carry; no expiry is known.
    session: () => ({ requests: sent.requests, tokenExpiresAt: null }),
    close: () => client.close(),
  };
}
