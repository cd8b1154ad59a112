/**
 * The job API's routes (`{prefix}/job`, `{prefix}/job/{id}`, `{prefix}/job/{id}/retry`) in the
 * controller's order: routing, Echo binding, auth, validation, then the handler.
 */
import type { DemoRequest, DemoResponse } from '../kit.js';
import { formatRfc3339Seconds } from './go-format.js';
import { echoError, errorBody, goJson, jobNotFound, uiPage } from './http-responses.js';
import type { JobWorld } from './job-world.js';
import { viewOf } from './job-view.js';
import { bindInteger, bindJobId, listParamsProblem, parseRetryBody, retryTargetProblem } from './request-binding.js';
import { authorize } from './token-verification.js';
import { detailBody, listItem } from './wire-bodies.js';

/** What the routes need: the world, the path prefix, the key tokens are verified with, and the clock. */
export interface OsapiRouteOptions {
  world: JobWorld;
  prefix: string;
  signingKey: string;
  now: () => number;
}

type Route = { kind: 'list' } | { kind: 'job' | 'retry'; rawId: string };

const ROUTE_METHODS: Record<Route['kind'], string[]> = { list: ['GET'], job: ['GET', 'DELETE'], retry: ['POST'] };

/** Creates the request handler of the job API. */
export function createOsapiRoutes({
  world,
  prefix,
  signingKey,
  now,
}: OsapiRouteOptions): (request: DemoRequest) => DemoResponse {
  // The generated params struct the validator names in its messages; older servers (no prefix) call it GetJobsParams.
  const paramsStruct = prefix === '' ? 'GetJobsParams' : 'GetApiJobParams';
  const authorizeFor = (request: DemoRequest, permission: string) => authorize(request, permission, signingKey, now);

  function handleList(request: DemoRequest): DemoResponse {
    const limitParam = bindInteger(request.query, 'limit');
    if ('response' in limitParam) return limitParam.response;
    const offsetParam = bindInteger(request.query, 'offset');
    if ('response' in offsetParam) return offsetParam.response;
    const denied = authorizeFor(request, 'job:read');
    if (denied) return denied;
    const status = request.query.get('status');
    const problem = listParamsProblem(paramsStruct, status, limitParam.value, offsetParam.value);
    if (problem) return errorBody(400, problem);
    if (world.isEmpty()) return goJson(200, { items: [], status_counts: null, total_items: 0 });
    const newestFirst = world.liveRecords().reverse();
    const matching = status === null ? newestFirst : newestFirst.filter((job) => viewOf(job).status === status);
    const offset = offsetParam.value ?? 0;
    const page = matching.slice(offset, offset + (limitParam.value ?? 10));
    return goJson(200, {
      items: page.map(listItem),
      status_counts: world.statusCounts(),
      total_items: matching.length,
    });
  }

  function handleDetail(id: string): DemoResponse {
    const job = world.findRecord(id);
    return job ? goJson(200, detailBody(job)) : jobNotFound(id);
  }

  function handleDelete(id: string): DemoResponse {
    const job = world.findRecord(id);
    if (!job) return jobNotFound(id);
    world.forget(job);
    return { status: 204 };
  }

  function handleRetry(request: DemoRequest, id: string): DemoResponse {
    const body = parseRetryBody(request.body);
    if ('response' in body) return body.response;
    const denied = authorizeFor(request, 'job:write');
    if (denied) return denied;
    const problem = retryTargetProblem(body.target);
    if (problem) return errorBody(400, problem);
    const original = world.findRecord(id);
    if (!original) return jobNotFound(id);
    if (!original.operation) return errorBody(400, `job has no operation data: ${id}`);
    const created = world.retryJob(original, now(), body.target ?? '_any');
    return goJson(201, {
      job_id: created.id,
      revision: world.revision,
      status: 'created',
      timestamp: formatRfc3339Seconds(created.createdAt),
    });
  }

  function handleJobRoute(request: DemoRequest, route: Exclude<Route, { kind: 'list' }>): DemoResponse {
    const bound = bindJobId(route.rawId);
    if ('response' in bound) return bound.response;
    if (route.kind === 'retry') return handleRetry(request, bound.id);
    const denied = authorizeFor(request, request.method === 'GET' ? 'job:read' : 'job:write');
    if (denied) return denied;
    return request.method === 'GET' ? handleDetail(bound.id) : handleDelete(bound.id);
  }

  return function handle(request: DemoRequest): DemoResponse {
    const route = matchRoute(request.path, prefix);
    if (!route) {
      const isUiPath =
        prefix !== '' && request.method === 'GET' && request.path !== prefix && !request.path.startsWith(`${prefix}/`);
      return isUiPath ? uiPage() : echoError(404, 'Not Found');
    }
    if (!ROUTE_METHODS[route.kind].includes(request.method)) return echoError(405, 'Method Not Allowed');
    return route.kind === 'list' ? handleList(request) : handleJobRoute(request, route);
  };
}

function matchRoute(path: string, prefix: string): Route | null {
  const base = `${prefix}/job`;
  if (path === base) return { kind: 'list' };
  if (!path.startsWith(`${base}/`)) return null;
  const rest = path.slice(base.length + 1).split('/');
  if (rest.length === 1) return { kind: 'job', rawId: rest[0] };
  if (rest.length === 2 && rest[1] === 'retry') return { kind: 'retry', rawId: rest[0] };
  return null;
}
