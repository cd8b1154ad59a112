/**
 * The request handler of the simulated Web API: the token endpoint, then (with a live bearer
 * token) the job list, a job's detail and messages, cancel/delete, and a workflow's jobs.
 */
import type { DemoRequest, DemoResponse } from '../kit.js';
import { ALTERYX_DENIED_MESSAGE, ALTERYX_PROTECTED_OWNER, SORT_FIELDS } from './constants.js';
import { filterJobs, pagingParams, sortJobs } from './job-queries.js';
import { cancelRunning } from './lifecycle.js';
import { decodeSegment, invalidRequest, noRoute, notAllowed, reply } from './responses.js';
import type { TokenDesk } from './tokens.js';
import type { AlteryxSimulatedJob, AlteryxWorld } from './types.js';
import { detailBody, listItem, workflowJobView } from './wire-format.js';

/** What the routes work on. */
export interface RouteContext {
  world: AlteryxWorld;
  tokens: TokenDesk;
  now: () => number;
  /** Largest page size applied to `limit`. */
  maxPageSize: number;
  /** Every n-th job (by id) has no detail: `GET /v3/jobs/{id}` answers 404 (non-app workflows); 0 = none. */
  noDetailEvery?: number;
}

/** True for the jobs of non-app workflows, whose detail the server does not have (docs: app workflows only). */
export function hasNoDetail(id: string, every: number | undefined): boolean {
  return every !== undefined && every > 0 && Number.parseInt(id.slice(-4), 16) % every === 0;
}

/** Creates the simulator's request handler. */
export function createRouter(context: RouteContext): (request: DemoRequest) => DemoResponse {
  const { world, tokens, now, maxPageSize } = context;

  function listJobs(query: URLSearchParams): DemoResponse {
    const paging = pagingParams(query);
    const sortField = (query.get('sortField') ?? 'CreateDate').toLowerCase();
    const direction = (query.get('direction') ?? 'asc').toLowerCase();
    const selected = filterJobs(world.jobs, query);
    if (
      paging === null ||
      paging.limit < 1 ||
      !SORT_FIELDS.includes(sortField) ||
      !['asc', 'desc'].includes(direction) ||
      selected === null
    ) {
      return invalidRequest();
    }
    const { offset } = paging;
    const limit = Math.min(paging.limit, maxPageSize);
    const sorted = sortJobs(selected, sortField, direction === 'desc');
    const at = now();
    return {
      status: 200,
      json: {
        data: sorted.slice(offset, offset + limit).map((job) => listItem(job, at)),
        pagination: {
          currentPage: Math.floor(offset / limit) + 1,
          pageSize: limit,
          totalItems: sorted.length,
          totalPages: Math.ceil(sorted.length / limit),
          hasNextPage: offset + limit < sorted.length,
          hasPreviousPage: offset > 0,
        },
      },
    };
  }

  function cancelJob(job: AlteryxSimulatedJob): DemoResponse {
    if (job.status !== 'Queued' && job.status !== 'Running')
      return reply(400, "This job is not in 'Queued' or 'Running' state.");
    if (job.submittedBy === ALTERYX_PROTECTED_OWNER)
      return reply(400, 'You do not have permission to cancel this job.');
    if (job.status === 'Queued') {
      world.jobs = world.jobs.filter((candidate) => candidate !== job);
      return reply(200, 'Deleted Successfully.');
    }
    cancelRunning(job, now());
    return reply(200, 'Cancelled Successfully.');
  }

  function workflowJobs(workflowId: string, query: URLSearchParams): DemoResponse {
    if (!world.workflows.some((workflow) => workflow.id === workflowId)) return reply(404, 'Workflow not found.');
    const paging = pagingParams(query);
    if (paging === null) return invalidRequest();
    const views = sortJobs(
      world.jobs.filter((job) => job.workflowId === workflowId),
      'createdate',
      true,
    )
      .slice(paging.offset, paging.offset + Math.min(paging.limit, maxPageSize))
      .map(workflowJobView);
    return { status: 200, json: views };
  }

  function jobRoute(request: DemoRequest, id: string, rest: string | undefined): DemoResponse {
    const job = world.jobs.find((candidate) => candidate.id === id);
    const notFound = reply(404, `Job '${id}' was not found.`);
    if (rest === 'messages' && request.method === 'GET') return job ? { status: 200, json: job.messages } : notFound;
    if (rest !== undefined) return noRoute(request);
    if (request.method === 'DELETE') return job ? cancelJob(job) : notFound;
    if (request.method !== 'GET') return notAllowed(request);
    const includeMessages = request.query.get('includeMessages');
    if (includeMessages !== null && !['', 'true', 'false'].includes(includeMessages.toLowerCase()))
      return invalidRequest();
    if (!job || hasNoDetail(job.id, context.noDetailEvery)) return notFound;
    return { status: 200, json: detailBody(job, includeMessages?.toLowerCase() !== 'false') };
  }

  return (request) => {
    if (request.path === '/webapi/oauth2/token')
      return request.method === 'POST' ? tokens.issue(request) : notAllowed(request);
    if (!request.path.startsWith('/webapi/v3/')) return noRoute(request);
    if (!tokens.authorized(request))
      return { ...reply(401, ALTERYX_DENIED_MESSAGE), headers: { 'www-authenticate': 'Bearer' } };
    const segments = request.path.slice('/webapi/v3/'.length).split('/').map(decodeSegment);
    if (segments[0] === 'jobs' && segments.length === 1)
      return request.method === 'GET' ? listJobs(request.query) : notAllowed(request);
    if (segments[0] === 'jobs' && segments.length <= 3) return jobRoute(request, segments[1], segments[2]);
    if (segments[0] === 'workflows' && segments[2] === 'jobs' && segments.length === 3 && request.method === 'GET')
      return workflowJobs(segments[1], request.query);
    return noRoute(request);
  };
}
