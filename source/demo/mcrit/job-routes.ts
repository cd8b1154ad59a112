/**
 * MCRIT's job and result routes (JobResource.py): the job list with its paging and filter quirks,
 * the bulk delete, one job, its result, and results by result id.
 */
import { identifyJobState } from './job-state.js';
import type { DemoRequest, DemoResponse } from '../kit.js';
import { FALCON_500, INVALID_JOB_ID, INVALID_RESULT_ID, methodNotAllowed, ok } from './falcon-responses.js';
import type { McritJobDocument } from './job-document.js';
import { parametersText } from './job-parameters.js';
import { buildResult } from './job-results.js';
import type { StreamedBody } from '../streamed-body.js';
import type { JobStore } from './job-store.js';
import { pythonInt, pythonSlice } from './python-format.js';
import { isTrueFlag, parseDeleteDate } from './query-values.js';

/** The job route handlers, over a store and the simulator's delete. */
export interface JobRoutes {
  listJobs(query: URLSearchParams): DemoResponse;
  deleteJobs(query: URLSearchParams): DemoResponse;
  jobRoute(request: DemoRequest, id: string): DemoResponse;
  jobResultRoute(request: DemoRequest, id: string): DemoResponse;
  resultRoute(request: DemoRequest, resultId: string, wantsJob: boolean): DemoResponse;
}

/** The 400 or 500 an id path segment gets when it is not a 24-hex ObjectId; null when it is one. */
function rejectObjectId(id: string, invalid: DemoResponse): DemoResponse | null {
  if (!/^[a-fA-F0-9]{24}/.test(id)) return invalid;
  // why: the id regex is anchored at the start only; a longer id then fails in ObjectId() → 500.
  if (id.length !== 24) return FALCON_500;
  return null;
}

function documentResponse(document: McritJobDocument | undefined): DemoResponse {
  return ok(document ? structuredClone(document) : null);
}

/**
 * A job's result answer. `streamed` gives the whole answer of a result too large to build in
 * memory (generated as it is sent; `compact` does not shrink a unique-blocks result).
 */
type StreamedAnswer = (document: McritJobDocument) => StreamedBody | undefined;

/**
 * Creates the handlers; `remove` deletes one job (and stops its worker) at the simulator's clock,
 * `streamed` answers the results that are sent as they are generated.
 */
export function createJobRoutes(
  store: JobStore,
  remove: (document: McritJobDocument) => void,
  streamed: StreamedAnswer = () => undefined,
): JobRoutes {
  const { documents, byId } = store;
  function resultResponse(request: DemoRequest, document: McritJobDocument): DemoResponse {
    const answer = streamed(document);
    if (answer) return { status: 200, stream: answer };
    return ok(buildResult(document, isTrueFlag(request.query.get('compact'))));
  }
  return {
    listJobs(query) {
      const ascending = isTrueFlag(query.get('ascending'));
      const start = pythonInt(query.get('start')) ?? 0;
      const limit = pythonInt(query.get('limit')) ?? 0;
      const method = query.get('method');
      const state = query.get('state');
      const filter = query.get('filter');
      const selected =
        method === null ? documents.slice() : documents.filter((document) => document.payload.method === method);
      const ordered = ascending
        ? selected
        : selected.sort((a, b) => (a._id.$oid < b._id.$oid ? 1 : a._id.$oid > b._id.$oid ? -1 : 0));
      let page: McritJobDocument[];
      if (state === null) {
        // why: pymongo rejects a negative skip (uncaught: Falcon 500); a negative limit acts as its absolute value.
        if (start < 0) return FALCON_500;
        page = ordered.slice(start, limit === 0 ? undefined : start + Math.abs(limit));
      } else {
        const matching = ordered.filter((document) => identifyJobState(document) === state);
        page = limit ? pythonSlice(matching, start, start + limit) : pythonSlice(matching, start);
      }
      if (filter !== null) page = page.filter((document) => parametersText(document).includes(filter));
      return ok(structuredClone(page));
    },

    deleteJobs(query) {
      const method = query.get('method');
      const createdBefore = parseDeleteDate(query.get('created_before'));
      const finishedBefore = parseDeleteDate(query.get('finished_before'));
      const matches = documents.filter((document) => {
        if (method !== null && document.payload.method !== method) return false;
        // quirk: with both dates given, only created_before is applied.
        if (createdBefore !== null) return Date.parse(document.created_at.$date) < createdBefore;
        if (finishedBefore !== null)
          return document.finished_at !== null && Date.parse(document.finished_at.$date) < finishedBefore;
        return true;
      });
      for (const document of matches) remove(document);
      return ok({ num_deleted: matches.length });
    },

    jobRoute(request, id) {
      if (request.method !== 'GET' && request.method !== 'DELETE') return methodNotAllowed('DELETE, GET');
      const rejected = rejectObjectId(id, INVALID_JOB_ID);
      if (rejected) return rejected;
      const document = byId.get(id.toLowerCase());
      if (request.method === 'GET') return documentResponse(document);
      if (document) remove(document);
      return ok({ num_deleted: document ? 1 : 0 });
    },

    jobResultRoute(request, id) {
      if (request.method !== 'GET') return methodNotAllowed('GET');
      // why: for a bad id MCRIT's JobResource calls jsonify() without its argument, which raises (a vendor bug).
      if (!/^[a-fA-F0-9]{24}$/.test(id)) return FALCON_500;
      const document = byId.get(id.toLowerCase());
      if (!document || document.result === null) return ok(null);
      return resultResponse(request, document);
    },

    resultRoute(request, resultId, wantsJob) {
      if (request.method !== 'GET') return methodNotAllowed('GET');
      const rejected = rejectObjectId(resultId, INVALID_RESULT_ID);
      if (rejected) return rejected;
      const document = documents.find((candidate) => candidate.result === resultId.toLowerCase());
      if (wantsJob) return documentResponse(document);
      return document ? resultResponse(request, document) : ok(null);
    },
  };
}
