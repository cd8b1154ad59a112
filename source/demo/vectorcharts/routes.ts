/**
 * The Portal's routes: login and logout, then `GET`/`POST /api/portal/v1/jobs` behind auth; anything
 * else 404/405. A pre-pagination server (before the docs change of 2026-06-03) answers the list with
 * a bare array of every job and ignores `limit`/`offset`.
 */
import type { DemoRequest, DemoResponse } from '../kit.js';
import {
  ACTIVE_STATES,
  LIMIT_CAP,
  LIMIT_DEFAULT,
  PORTAL_PREFIX,
  VECTORCHARTS_ERRORS,
  VECTORCHARTS_STARTABLE_TYPES,
} from './constants.js';
import type { JobStore } from './job-store.js';
import { fail, parseJson } from './responses.js';
import type { PortalSessions } from './sessions.js';

/** What the routes act on. */
export interface PortalContext {
  store: JobStore;
  sessions: PortalSessions;
  now: () => number;
  /** `bare-array`: the list as servers from before pagination answer it. */
  listShape: VectorChartsListShape;
}

/** The two list shapes deployed Portal servers answer with. */
export type VectorChartsListShape = 'paged' | 'bare-array';

/** Answers one Portal request. */
export function handlePortalRequest(
  request: DemoRequest,
  { store, sessions, now, listShape }: PortalContext,
): DemoResponse {
  const path = request.path.replace(/\/+$/, '');
  if (path === `${PORTAL_PREFIX}/auth/login`)
    return request.method === 'POST' ? sessions.login(request) : fail(405, VECTORCHARTS_ERRORS.methodNotAllowed);
  if (path === `${PORTAL_PREFIX}/auth/logout`)
    return request.method === 'POST' ? sessions.logout(request) : fail(405, VECTORCHARTS_ERRORS.methodNotAllowed);
  if (!path.startsWith('/api/portal/')) return fail(404, VECTORCHARTS_ERRORS.notFound);
  const denied = sessions.authorize(request);
  if (denied) return denied;
  if (path !== `${PORTAL_PREFIX}/jobs`) return fail(404, VECTORCHARTS_ERRORS.notFound);
  if (request.method === 'GET') return listShape === 'bare-array' ? listAllJobs(store) : listJobs(store, request.query);
  if (request.method === 'POST') return createJob(store, now, request);
  return fail(405, VECTORCHARTS_ERRORS.methodNotAllowed);
}

function listJobs(store: JobStore, query: URLSearchParams): DemoResponse {
  const activeOnly = query.get('activeOnly');
  if (activeOnly !== null && activeOnly !== 'true' && activeOnly !== 'false')
    return fail(400, VECTORCHARTS_ERRORS.badActiveOnly);
  const limit = query.get('limit');
  if (limit !== null && !/^\d+$/.test(limit)) return fail(400, VECTORCHARTS_ERRORS.badLimit);
  const offset = query.get('offset');
  if (offset !== null && !/^\d+$/.test(offset)) return fail(400, VECTORCHARTS_ERRORS.badOffset);
  const appliedLimit = Math.min(limit === null ? LIMIT_DEFAULT : Number(limit), LIMIT_CAP);
  if (appliedLimit < 1) return fail(400, VECTORCHARTS_ERRORS.badLimit);
  const appliedOffset = offset === null ? 0 : Number(offset);
  const matching = store.records().filter((record) => activeOnly !== 'true' || ACTIVE_STATES.has(record.jobState));
  return {
    status: 200,
    json: {
      jobs: matching.slice(appliedOffset, appliedOffset + appliedLimit),
      pagination: { limit: appliedLimit, offset: appliedOffset, total: matching.length },
    },
  };
}

/** The pre-pagination list: every job, newest first, records from before `priority` existed. */
function listAllJobs(store: JobStore): DemoResponse {
  return { status: 200, json: store.records().map(({ priority: _priority, ...record }) => record) };
}

function createJob(store: JobStore, now: () => number, request: DemoRequest): DemoResponse {
  const body = parseJson(request.body);
  if (body === undefined) return fail(400, VECTORCHARTS_ERRORS.invalidJson);
  const jobType =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>).jobType
      : undefined;
  if (jobType === undefined || jobType === null || jobType === '') return fail(400, VECTORCHARTS_ERRORS.missingJobType);
  if (typeof jobType !== 'string' || !(VECTORCHARTS_STARTABLE_TYPES as readonly string[]).includes(jobType))
    return fail(400, VECTORCHARTS_ERRORS.badJobType);
  if (store.isBusy(jobType)) return fail(409, VECTORCHARTS_ERRORS.activeJob(jobType));
  const job = store.startJob(jobType, now());
  return { status: 200, json: { jobId: job.record.id, jobState: 'pending' } };
}
