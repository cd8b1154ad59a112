/**
 * The simulator's stored jobs: documents oldest first and by id, ObjectId minting, `put()` as
 * mongoqueue writes a new job, and the incremental per-method counters `GET /jobs/stats` answers.
 */
import { identifyJobState } from './job-state.js';
import { randomHex } from '../kit.js';
import { MAX_ATTEMPTS } from './constants.js';
import { extendedJsonDate, type McritJobDocument } from './job-document.js';
import { pythonJson, sortedKeys } from './python-format.js';
import type { McritSubmission } from './simulator-types.js';

/** Stats counters: `{method: {state: n}}`, partial maps as MCRIT keeps them. */
export type McritCounters = Record<string, Record<string, number>>;

/** The stored documents and counters, with the operations that keep them in step. */
export interface JobStore {
  /** Live documents, oldest first. */
  readonly documents: McritJobDocument[];
  /** The same documents by ObjectId. */
  readonly byId: Map<string, McritJobDocument>;
  /** A new GridFS ObjectId (files, results) stamped with `at`. */
  newGridId(at: number): string;
  /** Adds `delta` to one counter, clamping a decrement at 0 (counters drift in real MCRIT). */
  count(method: string, state: string, delta: number): void;
  /** Moves one job's count from one state to another (decrement first). */
  moveCount(method: string, from: string, to: string): void;
  /** `with_refresh`: recounts every method that has documents, keeping the other counters. */
  refreshCounters(): void;
  /** A copy of the counters, as `GET /jobs/stats` answers. */
  counterSnapshot(): McritCounters;
  /** Stores a document as given (not counted). */
  store(document: McritJobDocument): void;
  /** Queues a job as `put()` does (with `await_jobs` wiring) and counts it as queued. */
  put(submission: McritSubmission, fileParams: Record<string, string>, at: number): McritJobDocument;
  /** Removes a document and its count (its worker and plan are the runner's business). */
  unlink(document: McritJobDocument): void;
}

/** Creates an empty store; draws its ObjectId machine parts and counters from `random`. */
export function createJobStore(random: () => number): JobStore {
  const documents: McritJobDocument[] = [];
  const byId = new Map<string, McritJobDocument>();
  const counters = new Map<string, Record<string, number>>();
  const jobIdPart = randomHex(random, 10);
  const gridIdPart = randomHex(random, 10);
  let idCounter = Math.floor(random() * 0x80000);
  let jobNumber = 100 + Math.floor(random() * 900);

  function objectId(at: number, machine: string): string {
    idCounter = (idCounter + 1) % 0x1000000;
    return (
      Math.floor(at / 1000)
        .toString(16)
        .padStart(8, '0')
        .slice(-8) +
      machine +
      idCounter.toString(16).padStart(6, '0')
    );
  }

  function count(method: string, state: string, delta: number): void {
    const entry = counters.get(method) ?? {};
    entry[state] = (entry[state] ?? 0) + delta;
    if (delta < 0 && entry[state] < 0) entry[state] = 0;
    counters.set(method, entry);
  }

  function refreshCounters(): void {
    const aggregated = new Map<string, Record<string, number>>();
    for (const document of documents) {
      const entry = aggregated.get(document.payload.method) ?? {
        queued: 0,
        failed: 0,
        in_progress: 0,
        finished: 0,
        terminated: 0,
      };
      const state = identifyJobState(document);
      entry[state] = (entry[state] ?? 0) + 1;
      aggregated.set(document.payload.method, entry);
    }
    for (const [method, entry] of aggregated) counters.set(method, { ...(counters.get(method) ?? {}), ...entry });
  }

  function store(document: McritJobDocument): void {
    documents.push(document);
    byId.set(document._id.$oid, document);
  }

  function put(submission: McritSubmission, fileParams: Record<string, string>, at: number): McritJobDocument {
    const id = objectId(at, jobIdPart);
    const params = submission.params ?? {};
    const awaited = [...new Set(submission.awaitJobs ?? [])];
    const fileHashes = Object.fromEntries(Object.keys(fileParams).map((key) => [key, randomHex(random, 64)]));
    const document: McritJobDocument = {
      _id: { $oid: id },
      locked_by: null,
      locked_at: null,
      last_error: null,
      finished_at: null,
      created_at: extendedJsonDate(at),
      started_at: null,
      terminated: false,
      required_by: [],
      number: jobNumber++,
      result: null,
      notify_done: false,
      attempts_left: MAX_ATTEMPTS,
      priority: submission.priority ?? 0,
      payload: {
        method: submission.method,
        params: pythonJson(params),
        file_params: pythonJson(fileParams),
        descriptor: pythonJson([submission.method, sortedKeys(params), fileHashes]),
      },
      unfinished_dependencies: [...awaited],
      all_dependencies: [...awaited],
    };
    store(document);
    for (const childId of awaited) {
      const child = byId.get(childId);
      if (!child) continue;
      child.required_by.push({ $oid: id });
      if (child.notify_done)
        document.unfinished_dependencies = document.unfinished_dependencies.filter(
          (dependency) => dependency !== childId,
        );
    }
    count(submission.method, 'queued', 1);
    return document;
  }

  return {
    documents,
    byId,
    newGridId: (at) => objectId(at, gridIdPart),
    count,
    moveCount(method, from, to) {
      count(method, from, -1);
      count(method, to, 1);
    },
    refreshCounters,
    counterSnapshot: () => Object.fromEntries([...counters].map(([method, entry]) => [method, { ...entry }])),
    store,
    put,
    unlink(document) {
      count(document.payload.method, identifyJobState(document), -1);
      const index = documents.indexOf(document);
      if (index >= 0) documents.splice(index, 1);
      byId.delete(document._id.$oid);
    },
  };
}
