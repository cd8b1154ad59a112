/**
 * The MCRIT demo's HTTP side (application_routes.py): the optional `apitoken` check with Falcon's
 * exact 401 bodies, and the routing of `/`, `/version`, `/status`, `/jobs…` and `/results…`
 * (trailing slashes accepted, Falcon's 404/405 otherwise).
 */
import type { DemoRequest, DemoResponse } from '../kit.js';
import { FAMILIES, MCRIT_DEMO_VERSION } from './constants.js';
import {
  FALCON_400,
  FALCON_404,
  FALCON_TOKEN_INVALID,
  FALCON_TOKEN_MISSING,
  methodNotAllowed,
  ok,
} from './falcon-responses.js';
import type { McritJobDocument } from './job-document.js';
import { createJobRoutes } from './job-routes.js';
import type { StreamedBody } from '../streamed-body.js';
import type { JobStore } from './job-store.js';
import { isTrueFlag } from './query-values.js';

/** The 401 for a missing or wrong `apitoken` header; null when the request may pass (or auth is off). */
function authenticate(token: string | null, request: DemoRequest): DemoResponse | null {
  if (!token) return null;
  const header = request.headers.apitoken;
  const given = Array.isArray(header) ? header[0] : header;
  if (!given) return { status: 401, json: FALCON_TOKEN_MISSING };
  return given === token ? null : { status: 401, json: FALCON_TOKEN_INVALID };
}

/**
 * Creates the request handler over a store; `remove` deletes one job at the simulator's clock,
 * `streamed` gives the answers of results generated while they are sent.
 */
export function createMcritHandler(
  token: string | null,
  store: JobStore,
  remove: (document: McritJobDocument) => void,
  streamed?: (document: McritJobDocument) => StreamedBody | undefined,
): (request: DemoRequest) => DemoResponse {
  const jobs = createJobRoutes(store, remove, streamed);

  function statusRoute(): DemoResponse {
    const samples = store.documents.filter(
      (document) => document.payload.method === 'addBinarySample' && document.finished_at !== null,
    ).length;
    return ok({
      status: {
        db_state: 1,
        storage_type: 'mongodb',
        num_bands: 20,
        num_samples: 380 + samples,
        num_families: FAMILIES.length,
        num_functions: 412_000 + samples * 870,
      },
    });
  }

  function route(request: DemoRequest): DemoResponse {
    const trimmed = request.path.length > 1 && request.path.endsWith('/') ? request.path.slice(0, -1) : request.path;
    let segments: string[];
    try {
      segments = trimmed
        .split('/')
        .filter((segment) => segment.length > 0)
        .map(decodeURIComponent);
    } catch {
      return FALCON_400;
    }
    const [first, second, third] = segments;
    const only = (method: string, handler: () => DemoResponse) =>
      request.method === method ? handler() : methodNotAllowed(method);
    if (segments.length === 0) return only('GET', () => ok({ message: 'Welcome to MCRIT' }));
    if (segments.length === 1 && first === 'version') return only('GET', () => ok({ version: MCRIT_DEMO_VERSION }));
    if (segments.length === 1 && first === 'status') return only('GET', statusRoute);
    if (first === 'jobs' && segments.length === 1) {
      if (request.method === 'GET') return jobs.listJobs(request.query);
      if (request.method === 'DELETE') return jobs.deleteJobs(request.query);
      return methodNotAllowed('DELETE, GET');
    }
    if (first === 'jobs' && segments.length === 2 && second === 'stats') {
      return only('GET', () => {
        if (isTrueFlag(request.query.get('with_refresh'))) store.refreshCounters();
        return ok(store.counterSnapshot());
      });
    }
    if (first === 'jobs' && segments.length === 2) return jobs.jobRoute(request, second);
    if (first === 'jobs' && segments.length === 3 && third === 'result') return jobs.jobResultRoute(request, second);
    if (first === 'results' && segments.length === 2) return jobs.resultRoute(request, second, false);
    if (first === 'results' && segments.length === 3 && third === 'job') return jobs.resultRoute(request, second, true);
    return FALCON_404;
  }

  return (request) => authenticate(token, request) ?? route(request);
}
