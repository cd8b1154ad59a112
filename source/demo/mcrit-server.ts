/**
 * MCRIT demo server: an in-memory fake of MCRIT's job API as the vendor's code implements it
 * (`danielplohmann/mcrit` JobResource.py, application_routes.py, libs/mongoqueue.py; docs/vendors.md).
 *
 * What it reproduces:
 * - raw job documents in relaxed Extended JSON (`{"$oid"}`, `{"$date": "…Z"}`), in mongoqueue's
 *   key order, with no state field; states are derived by the simulator's own port of `_identifyJobState` (mcrit/job-state.ts);
 * - `GET /jobs` (`start` skip, `limit` 0 = all, non-integers ignored, `ascending`, `method`,
 *   `state` filtered over everything before slicing, `filter` applied AFTER skip/limit),
 *   `GET /jobs/stats` (incremental per-method counters, partial maps, clamped at 0,
 *   `with_refresh`), `GET|DELETE /jobs/{id}`, `GET /jobs/{id}/result` (`compact`), bulk
 *   `DELETE /jobs` (its filter quirks: no filter deletes everything), `GET /results/{id}[/job]`,
 *   `/status`, `/version`; trailing slashes are accepted;
 * - the envelope, the 400 wrapper for invalid ids, Falcon's 500/404/405 bodies, the 500 of
 *   `GET /jobs/{bad id}/result` (a real bug), and the optional `apitoken` header with Falcon's
 *   exact 401 bodies;
 * - a queue worked by a few workers (`Worker-<uuid>`), taken by priority then age as `next()`
 *   does; progress reported as a float (one method reports a bare count that exceeds 1);
 *   failed attempts (traceback in `last_error`, `attempts_left` decremented, back to queued,
 *   0 left = failed); cross-compare groups whose combine job waits on its matching jobs
 *   (`required_by` / `unfinished_dependencies`); a rare operator termination; deletes that stop a
 *   running job at its next progress report (or never, if it reports no progress);
 * - with `oversizedResult`, one finished getUniqueBlocks job (MCRIT_OVERSIZED_JOB_ID) whose result
 *   is about 6 MB, over a client's default body limit, generated while it is sent.
 * The pieces live in `./mcrit/` (store, generator, runner, timeline, routes, wire format); this
 * file composes them.
 * Simplifications: a permanently failed job notifies its dependants (the real `error()` crashes
 * there, which makes counters drift); trimming old jobs (memory bound) counts as a delete.
 */
import { identifyJobState } from './mcrit/job-state.js';
import { createRandom } from './kit.js';
import { MCRIT_DEMO_TOKEN } from './mcrit/constants.js';
import { createMcritHandler } from './mcrit/http-routes.js';
import { createJobGenerator } from './mcrit/job-generator.js';
import { createJobRunner, createWorkers } from './mcrit/job-runner.js';
import { createJobStore } from './mcrit/job-store.js';
import { createSimulationTimeline } from './mcrit/simulation-timeline.js';
import { createOversizedJob, isOversizedJob } from './mcrit/oversized-result.js';
import type { McritSimulator, McritSimulatorOptions } from './mcrit/simulator-types.js';

export { MCRIT_DEMO_TOKEN, MCRIT_DEMO_VERSION } from './mcrit/constants.js';
export { MCRIT_OVERSIZED_JOB_ID } from './mcrit/oversized-result.js';
export type { McritDate, McritJobDocument, McritObjectId } from './mcrit/job-document.js';
export type { McritSimulator, McritSimulatorOptions, McritSubmission } from './mcrit/simulator-types.js';

/** Creates the MCRIT simulator. */
export function createMcritSimulator(options: McritSimulatorOptions = {}): McritSimulator {
  const random = createRandom(options.seed ?? 1);
  const now = options.now ?? Date.now;
  const token = options.apiToken === undefined ? MCRIT_DEMO_TOKEN : options.apiToken || null;
  const jobCount = Math.max(0, options.jobCount ?? 40);
  // why: the order of creation is the order of draws from `random`; keep it so a seed gives the same jobs.
  const workers = createWorkers(random, options.workers ?? 3);
  const store = createJobStore(random);
  const runner = createJobRunner(random, store, workers);
  const generator = createJobGenerator(random, store);
  // why: stored before the seeded history, as the oldest job; it draws nothing from `random`.
  const oversized = options.oversizedResult ? createOversizedJob() : null;
  if (oversized) {
    store.store(oversized.document);
    store.count(oversized.document.payload.method, identifyJobState(oversized.document), 1);
  }
  const timeline = createSimulationTimeline({
    random,
    store,
    runner,
    generator,
    start: now(),
    jobCount,
    arrivals: options.arrivals !== false,
    cap: Math.max(2 * jobCount, 50),
    pinned: isOversizedJob,
  });
  for (const [method, counts] of Object.entries(options.staleCounters ?? {})) {
    for (const [state, n] of Object.entries(counts)) store.count(method, state, n);
  }
  const handle = createMcritHandler(
    token,
    store,
    (document) => runner.remove(document, timeline.clock),
    (document) => (oversized && isOversizedJob(document) ? oversized.answer : undefined),
  );

  return {
    vendor: 'mcrit',
    get documents() {
      return store.documents;
    },
    get clock() {
      return timeline.clock;
    },
    handle,
    tick(at) {
      timeline.advance(at);
    },
    sourceConfig(url, name) {
      return token ? { name, type: 'mcrit', url, apiToken: token } : { name, type: 'mcrit', url };
    },
    document: (id) => store.byId.get(id),
    submit(submission) {
      const { files } =
        submission.method === 'addBinarySample'
          ? generator.paramsFor('addBinarySample', timeline.clock)
          : { files: {} };
      return store.put(submission, files, timeline.clock)._id.$oid;
    },
    insert(document) {
      store.store(document);
      store.count(document.payload.method, identifyJobState(document), 1);
    },
    terminate: (id) => runner.terminate(id, timeline.clock),
    stats: () => store.counterSnapshot(),
  };
}
