/**
 * v1: `POST /v1/list-jobs` with a `customer-id` header. Protojson-style output; request-level
 * failures come on HTTP 200 in `status[]`; malformed bodies and missing credentials get gRPC-gateway
 * `{code, message, details}` with a non-200 status. Where the docs are silent, our choices: bad keys
 * and customer ids are 200 + status, an expired token 200 + UNAUTHENTICATED, no credentials (or an
 * unknown token) 401 code 16.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken, type DemoRequest, type DemoResponse } from '../kit.js';
import {
  VECTARA_DEMO_API_KEY,
  VECTARA_DEMO_CUSTOMER_ID,
  VECTARA_DEMO_INDEX_KEY,
  VECTARA_DEMO_QUERY_KEY,
} from './constants.js';
import type { VectaraContext } from './context.js';
import { parseV1Query } from './v1-query.js';
import { rpcError, statusFailure } from './v1-replies.js';
import { V1_STATE_NUMBER, encodeCursor, headerValue, toSeconds, v1Record } from './wire-format.js';

/** Answers a request under `/v1/`. */
export function handleV1(context: VectaraContext, request: DemoRequest): DemoResponse {
  if (request.path !== '/v1/list-jobs') return rpcError(404, 5, 'Not Found');
  if (request.method !== 'POST') return rpcError(405, 12, 'Method Not Allowed');
  return listV1(context, request);
}

function authenticateV1(context: VectaraContext, headers: IncomingHttpHeaders): DemoResponse | null {
  const key = headerValue(headers, 'x-api-key');
  const token = bearerToken(headers);
  if (key === undefined && token === null)
    return rpcError(401, 16, 'Unauthenticated: send an x-api-key header or an Authorization: Bearer token.');
  if (key === undefined && token !== null && !context.tokens.known(token))
    return rpcError(401, 16, 'Jwt verification fails');
  const customerId = headerValue(headers, 'customer-id');
  if (customerId === undefined) return statusFailure('INVALID_CUSTOMER_ID', 'The customer-id header is required.');
  if (customerId !== VECTARA_DEMO_CUSTOMER_ID)
    return statusFailure('INVALID_CUSTOMER_ID', `Customer ID ${customerId} is not valid.`);
  if (key === VECTARA_DEMO_QUERY_KEY || key === VECTARA_DEMO_INDEX_KEY) {
    return statusFailure('PERMISSION_DENIED', 'ListJobs accepts only a Personal API key or an OAuth 2.0 token.');
  }
  if (key !== undefined && key !== VECTARA_DEMO_API_KEY)
    return statusFailure('INVALID_API_KEY', 'The API key is not valid for this customer.');
  if (key === undefined && token !== null && !context.tokens.live(token))
    return statusFailure('UNAUTHENTICATED', 'The OAuth 2.0 token has expired.');
  return null;
}

function listV1(context: VectaraContext, request: DemoRequest): DemoResponse {
  const refusal = authenticateV1(context, request.headers);
  if (refusal) return refusal;
  let body: unknown;
  try {
    body = request.body.trim() === '' ? {} : JSON.parse(request.body);
  } catch (error) {
    return rpcError(400, 3, `proto: syntax error: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return rpcError(400, 3, 'proto: syntax error: expected a JSON object');
  const parsed = parseV1Query(body as Record<string, unknown>, context.now);
  if ('status' in parsed) return parsed;
  const matching = context.store
    .newestFirst()
    .filter(
      (job) =>
        parsed.states.includes(V1_STATE_NUMBER[job.state]) &&
        (parsed.corpusIds.length === 0 || job.corpusIds.some((id) => parsed.corpusIds.includes(id))) &&
        (parsed.jobId === null || job.id === parsed.jobId) &&
        toSeconds(job.createdAt) >= parsed.sinceSeconds,
    );
  const end = parsed.offset + context.pageSize(parsed.numResults);
  const response: Record<string, unknown> = {
    status: [{ code: 'OK', statusDetail: '' }],
    job: matching.slice(parsed.offset, end).map(v1Record),
  };
  if (end < matching.length) response.pageKey = encodeCursor({ ...parsed, offset: end });
  return { status: 200, json: response };
}
