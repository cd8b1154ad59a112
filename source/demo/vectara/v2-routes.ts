/**
 * v2: `GET /v2/jobs` (`limit` 1–100 default 10, `page_key`, `state`, `corpus_key`, `after`) and
 * `GET /v2/jobs/{job_id}` (pattern `job_.+`). Errors `{messages, request_id}` (401/403/404 route/405),
 * `{id, messages, request_id}` (404 job), `{field_errors, messages, request_id}` (400).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken, type DemoRequest, type DemoResponse } from '../kit.js';
import {
  CORPUS_KEY_PATTERN,
  DEFAULT_V2_LIMIT,
  MAX_PAGE_SIZE,
  VECTARA_DEMO_API_KEY,
  VECTARA_DEMO_INDEX_KEY,
  VECTARA_DEMO_QUERY_KEY,
} from './constants.js';
import type { VectaraContext } from './context.js';
import { V2_STATES, type VectaraSimulatedState } from './types.js';
import { decodeCursor, encodeCursor, headerValue, v2Record } from './wire-format.js';

/** A v2 error body: `{messages, request_id}`. */
export function v2Error(context: VectaraContext, status: number, message: string): DemoResponse {
  return { status, json: { messages: [message], request_id: context.requestId() } };
}

/** Answers a request under `/v2/`. */
export function handleV2(context: VectaraContext, request: DemoRequest): DemoResponse {
  const match = /^\/v2\/jobs(?:\/([^/]+))?$/.exec(request.path);
  if (!match) return v2Error(context, 404, `No route for ${request.method} ${request.path}.`);
  if (request.method !== 'GET')
    return v2Error(context, 405, `Method ${request.method} is not allowed on ${request.path}.`);
  const refusal = authenticateV2(context, request.headers);
  if (refusal) return refusal;
  return match[1] === undefined ? listV2(context, request.query) : getV2(context, match[1]);
}

function v2BadRequest(context: VectaraContext, field: string, message: string): DemoResponse {
  return {
    status: 400,
    json: {
      field_errors: { [field]: message },
      messages: ['The request is invalid.'],
      request_id: context.requestId(),
    },
  };
}

function authenticateV2(context: VectaraContext, headers: IncomingHttpHeaders): DemoResponse | null {
  const key = headerValue(headers, 'x-api-key');
  if (key !== undefined) {
    if (key === VECTARA_DEMO_API_KEY || key === VECTARA_DEMO_QUERY_KEY) return null;
    if (key === VECTARA_DEMO_INDEX_KEY)
      return v2Error(
        context,
        403,
        'Permission denied: this API key cannot list jobs. Use a Personal or Query API key.',
      );
    return v2Error(context, 401, 'Unauthorized: the API key is not valid.');
  }
  const token = bearerToken(headers);
  if (token !== null)
    return context.tokens.live(token)
      ? null
      : v2Error(context, 401, 'Unauthorized: the bearer token is invalid or has expired.');
  return v2Error(context, 401, 'Unauthorized: send an x-api-key header or an OAuth 2.0 bearer token.');
}

function listV2(context: VectaraContext, query: URLSearchParams): DemoResponse {
  const limitText = query.get('limit');
  const limit = limitText === null ? DEFAULT_V2_LIMIT : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= MAX_PAGE_SIZE))
    return v2BadRequest(context, 'limit', 'must be an integer between 1 and 100');
  const offset = decodeOffset(query.get('page_key'));
  if (offset === null) return v2BadRequest(context, 'page_key', 'is not a valid page key');
  const states = query.getAll('state');
  const badState = states.find((state) => !V2_STATES.includes(state as VectaraSimulatedState));
  if (badState !== undefined) return v2BadRequest(context, 'state', `unknown job state '${badState}'`);
  const corpusKeys = query.getAll('corpus_key');
  const badKey = corpusKeys.find((key) => !CORPUS_KEY_PATTERN.test(key));
  if (badKey !== undefined)
    return v2BadRequest(context, 'corpus_key', `'${badKey}' does not match [a-zA-Z0-9_=-]+ (max 50 characters)`);
  const afterText = query.get('after');
  const after = afterText === null ? null : Date.parse(afterText);
  if (after !== null && !Number.isFinite(after)) return v2BadRequest(context, 'after', 'must be an ISO 8601 date-time');
  const matching = context.store
    .newestFirst()
    .filter(
      (job) =>
        (states.length === 0 || states.includes(job.state)) &&
        (corpusKeys.length === 0 || job.corpusKeys.some((key) => corpusKeys.includes(key))) &&
        (after === null || job.createdAt > after),
    );
  const end = offset + context.pageSize(limit);
  const page = matching.slice(offset, end);
  const metadata: Record<string, unknown> = end < matching.length ? { page_key: encodeCursor({ offset: end }) } : {};
  return { status: 200, json: { jobs: page.map(v2Record), metadata } };
}

function getV2(context: VectaraContext, rawId: string): DemoResponse {
  const id = decodeURIComponent(rawId);
  if (!/^job_.+$/.test(id)) return v2BadRequest(context, 'job_id', 'must match the pattern job_.+');
  const job = context.store.find(id);
  if (!job)
    return { status: 404, json: { id, messages: [`Job '${id}' was not found.`], request_id: context.requestId() } };
  return { status: 200, json: v2Record(job) };
}

/** The offset in a v2 page key; 0 without one, null when it is not a valid key. */
function decodeOffset(pageKey: string | null): number | null {
  if (pageKey === null || pageKey === '') return 0;
  try {
    const offset = (decodeCursor(pageKey) as { offset?: unknown }).offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}
