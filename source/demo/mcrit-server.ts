/**
 * MCRIT demo server: an in-memory fake of MCRIT's job API as shared/apis.md §4 describes it
 * (`danielplohmann/mcrit` JobResource.py, application_routes.py, libs/mongoqueue.py).
 *
 * What it reproduces:
 * - raw job documents in relaxed Extended JSON (`{"$oid"}`, `{"$date": "…Z"}`), in mongoqueue's
 *   key order, with no state field; states are derived by the adapter's `deriveMcritState`;
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
 *   running job at its next progress report (or never, if it reports no progress).
 * Simplifications: a permanently failed job notifies its dependants (the real `error()` crashes
 * there, which makes counters drift); trimming old jobs (memory bound) counts as a delete.
 */
import { deriveMcritState, type McritState } from '../adapters/mcrit.js';
import { createRandom, intParam, pick, randomHex, randomUuid, type DemoRequest, type DemoResponse, type SimulatorOptions, type VendorSimulator } from './kit.js';

/** The `apitoken` the demo server accepts (MCRIT's `AUTH_TOKEN`), used by `sourceConfig`. */
export const MCRIT_DEMO_TOKEN = 'mcrit-demo-token-5e0f2c9a';

/** The MCRIT version the demo server reports. */
export const MCRIT_DEMO_VERSION = '1.4.3';

/** QUEUE_MAX_ATTEMPTS default. */
const MAX_ATTEMPTS = 3;

/** An Extended JSON date. */
export interface McritDate {
  $date: string;
}

/** An Extended JSON ObjectId. */
export interface McritObjectId {
  $oid: string;
}

/** A job document exactly as MCRIT serialises it (apis.md §4.4). */
export interface McritJobDocument {
  _id: McritObjectId;
  locked_by: string | null;
  locked_at: McritDate | null;
  last_error: string | null;
  finished_at: McritDate | null;
  created_at: McritDate;
  started_at: McritDate | null;
  terminated: boolean;
  required_by: McritObjectId[];
  number: number;
  result: string | null;
  notify_done: boolean;
  attempts_left: number;
  priority: number;
  payload: { method: string; params: string; file_params: string; descriptor: string };
  unfinished_dependencies: string[];
  all_dependencies: string[];
  progress?: number;
}

/** Simulator options: the common ones plus MCRIT's auth token and worker count. */
export interface McritSimulatorOptions extends SimulatorOptions {
  /** The token the server requires; `null` or '' disables auth (MCRIT's default). Default MCRIT_DEMO_TOKEN. */
  apiToken?: string | null;
  /** Workers taking jobs (default 3; 0 leaves every job where it is). */
  workers?: number;
}

/** What a queued job submitted through the test hook looks like. */
export interface McritSubmission {
  method: string;
  params?: Record<string, unknown>;
  priority?: number;
  /** Job ids this job waits on (`await_jobs`). */
  awaitJobs?: string[];
}

/** The MCRIT simulator with its test hooks (the HTTP side is the real wire format). */
export interface McritSimulator extends VendorSimulator {
  /** The stored documents, oldest first (live objects: read, do not keep). */
  readonly documents: readonly McritJobDocument[];
  /** The simulator's clock (epoch ms) after the last tick. */
  readonly clock: number;
  /** One stored document by id. */
  document(id: string): McritJobDocument | undefined;
  /** Submits a job as `put()` does (queued, counted); returns its id. */
  submit(submission: McritSubmission): string;
  /** Stores a document as given (counted under its derived state); for tests of odd states. */
  insert(document: McritJobDocument): void;
  /** Marks a job terminated as mongoqueue `Job.terminate()` does (no HTTP route does this). */
  terminate(id: string): boolean;
  /** The raw stats counters, as `GET /jobs/stats` would answer. */
  stats(): Record<string, Record<string, number>>;
}

type ProgressMode = 'fraction' | 'count' | 'none';

interface MethodProfile {
  method: string;
  weight: number;
  minMs: number;
  maxMs: number;
  progress: ProgressMode;
}

const METHODS: readonly MethodProfile[] = [
  { method: 'addBinarySample', weight: 34, minMs: 4_000, maxMs: 40_000, progress: 'fraction' },
  { method: 'getMatchesForSample', weight: 20, minMs: 3_000, maxMs: 25_000, progress: 'fraction' },
  { method: 'getMatchesForSampleVs', weight: 10, minMs: 1_000, maxMs: 6_000, progress: 'fraction' },
  { method: 'getUniqueBlocks', weight: 9, minMs: 2_000, maxMs: 30_000, progress: 'fraction' },
  { method: 'updateMinHashes', weight: 8, minMs: 20_000, maxMs: 180_000, progress: 'count' },
  { method: 'deleteSample', weight: 6, minMs: 1_000, maxMs: 5_000, progress: 'none' },
  { method: 'rebuildIndex', weight: 2, minMs: 120_000, maxMs: 600_000, progress: 'fraction' },
  { method: 'getMatchesForSampleVsGroup', weight: 0, minMs: 1_000, maxMs: 10_000, progress: 'fraction' },
  { method: 'combineMatchesToCross', weight: 0, minMs: 200, maxMs: 1_000, progress: 'none' },
];

const FAMILIES = ['win.citadel', 'win.dridex', 'win.vmzeus', 'win.emotet', 'win.qakbot', 'win.trickbot', 'elf.mirai', 'win.cobalt_strike', 'win.icedid', 'win.raccoon'];

const FAILURES: readonly ((random: () => number) => string)[] = [
  (random) => traceback('getMatchesForSample', 'storage/MongoDbStorage.py', 'getSampleById', `ValueError: Sample with ID ${Math.floor(random() * 400)} does not exist.`),
  () => traceback('addBinarySample', 'storage/MongoDbStorage.py', '_dbInsertMany', 'pymongo.errors.AutoReconnect: mongodb:27017: [Errno 111] Connection refused'),
  () => traceback('addBinarySample', 'minhash/MinHasher.py', 'calculateMinHashesFromStorage', 'MemoryError'),
  (random) => traceback('getUniqueBlocks', 'index/MinHashIndex.py', 'getUniqueBlocks', `KeyError: ${Math.floor(random() * 400)}`),
];

function traceback(method: string, file: string, fn: string, exception: string): string {
  return [
    'Traceback (most recent call last):',
    '  File "/opt/mcrit/mcrit/Worker.py", line 174, in _executeJobPayload',
    '    result = self._executeJob(job, payload)',
    `  File "/opt/mcrit/mcrit/Worker.py", line 233, in ${method}`,
    `    return self._${method}(*params, **kwparams)`,
    `  File "/opt/mcrit/mcrit/${file}", line ${200 + file.length * 7}, in ${fn}`,
    '    raise',
    exception,
    '',
  ].join('\n');
}

const FALCON_TOKEN_MISSING = { title: 'API token required', description: 'Please provide an auth token as part of the request.' };
const FALCON_TOKEN_INVALID = { title: 'Authentication required', description: 'The provided API token is not valid. Please request a new token and try again.' };
const FALCON_500: DemoResponse = { status: 500, json: { title: '500 Internal Server Error' } };
const FALCON_404: DemoResponse = { status: 404, json: { title: '404 Not Found' } };
const INVALID_JOB_ID: DemoResponse = { status: 400, json: { status: 'failed', data: { message: 'Valid JobIDs are hexstrings with 24 characters.' } } };
const INVALID_RESULT_ID: DemoResponse = { status: 400, json: { status: 'failed', data: { message: 'Valid ResultIDs are hexstrings with 24 characters.' } } };

function ok(data: unknown): DemoResponse {
  return { status: 200, json: { status: 'successful', data } };
}

function methodNotAllowed(allow: string): DemoResponse {
  return { status: 405, json: { title: '405 Method Not Allowed' }, headers: { allow } };
}

/** `json.dumps` with Python's default separators, which is how MCRIT writes params and descriptors. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`).join(', ')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Python `repr` of a JSON value (`str` for a top-level string), for the parameters text. */
function pythonRepr(value: unknown, top = false): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return top ? value : `'${value}'`;
  if (Array.isArray(value)) return `[${value.map((item) => pythonRepr(item)).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([key, item]) => `'${key}': ${pythonRepr(item)}`).join(', ')}}`;
  return String(value);
}

function parseParams(document: McritJobDocument): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(document.payload.params);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The job's human "parameters" string (`Job.parameters`), which the `filter` param searches. */
function parametersText(document: McritJobDocument): string {
  const entries = Object.entries(parseParams(document));
  const indexed = entries.filter(([key]) => /^\s*[+-]?\d+\s*$/.test(key)).map(([, value]) => value);
  const named = entries.filter(([key]) => !/^\s*[+-]?\d+\s*$/.test(key)).map(([, value]) => value);
  return `${document.payload.method}(${[...indexed, ...named].map((value) => pythonRepr(value, true)).join(', ')})`;
}

function sortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function date(ms: number): McritDate {
  return { $date: new Date(ms).toISOString() };
}

function dateMs(value: McritDate | null): number | null {
  return value === null ? null : Date.parse(value.$date);
}

/** Python `int(text)` on a query value, or null when it would raise. */
function pythonInt(text: string | null): number | null {
  if (text === null || !/^\s*[+-]?\d+\s*$/.test(text)) return null;
  return Number(text.trim());
}

/** Python `list[start:end]` for non-negative or negative bounds. */
function pythonSlice<T>(items: readonly T[], start: number, end?: number): T[] {
  const resolve = (index: number) => (index < 0 ? Math.max(0, items.length + index) : Math.min(index, items.length));
  return items.slice(resolve(start), end === undefined ? undefined : resolve(end));
}

interface JobPlan {
  workMs: number;
  progress: ProgressMode;
  units: number;
  firstReportMs: number;
  failingAttempts: number;
  terminateAt: number | null;
}

interface Worker {
  id: string;
  jobId: string | null;
  startedAt: number;
  endAt: number;
  outcome: 'complete' | 'error' | 'terminate' | 'abort';
}

const REPORT_EVERY_MS = 1_000;
const HISTORY_MS = 2 * 60 * 60 * 1000;

/** Creates the MCRIT simulator. */
export function createMcritSimulator(options: McritSimulatorOptions = {}): McritSimulator {
  const random = createRandom(options.seed ?? 1);
  const now = options.now ?? Date.now;
  const token = options.apiToken === undefined ? MCRIT_DEMO_TOKEN : options.apiToken || null;
  const jobCount = Math.max(0, options.jobCount ?? 40);
  const arrivals = options.arrivals !== false;
  const cap = Math.max(2 * jobCount, 50);
  const documents: McritJobDocument[] = [];
  const byId = new Map<string, McritJobDocument>();
  const plans = new Map<string, JobPlan>();
  const counters = new Map<string, Record<string, number>>();
  const workers: Worker[] = Array.from({ length: options.workers ?? 3 }, () => ({ id: `Worker-${randomUuid(random)}`, jobId: null, startedAt: 0, endAt: 0, outcome: 'complete' }));
  const jobIdPart = randomHex(random, 10);
  const gridIdPart = randomHex(random, 10);
  let idCounter = Math.floor(random() * 0x80000);
  let jobNumber = 100 + Math.floor(random() * 900);
  let clock = now();
  let nextArrivalAt = Number.POSITIVE_INFINITY;
  const scheduled: { at: number; size: number }[] = [];

  function objectId(at: number, machine: string): string {
    idCounter = (idCounter + 1) % 0x1000000;
    return Math.floor(at / 1000).toString(16).padStart(8, '0').slice(-8) + machine + idCounter.toString(16).padStart(6, '0');
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
      const entry = aggregated.get(document.payload.method) ?? { queued: 0, failed: 0, in_progress: 0, finished: 0, terminated: 0 };
      const state = deriveMcritState(document);
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
      created_at: date(at),
      started_at: null,
      terminated: false,
      required_by: [],
      number: jobNumber++,
      result: null,
      notify_done: false,
      attempts_left: MAX_ATTEMPTS,
      priority: submission.priority ?? 0,
      payload: { method: submission.method, params: pythonJson(params), file_params: pythonJson(fileParams), descriptor: pythonJson([submission.method, sortedKeys(params), fileHashes]) },
      unfinished_dependencies: [...awaited],
      all_dependencies: [...awaited],
    };
    store(document);
    for (const childId of awaited) {
      const child = byId.get(childId);
      if (!child) continue;
      child.required_by.push({ $oid: id });
      if (child.notify_done) document.unfinished_dependencies = document.unfinished_dependencies.filter((dependency) => dependency !== childId);
    }
    count(submission.method, 'queued', 1);
    return document;
  }

  function profileOf(method: string): MethodProfile {
    return METHODS.find((profile) => profile.method === method) ?? { method, weight: 0, minMs: 1_000, maxMs: 20_000, progress: 'fraction' };
  }

  function sampleId(): number {
    return Math.floor(random() * 400);
  }

  function paramsFor(method: string): { params: Record<string, unknown>; files: Record<string, string> } {
    const band = { band_matches_required: 2 };
    switch (method) {
      case 'addBinarySample': {
        const dump = random() < 0.6;
        const base = dump ? pick(random, [0x400000, 0x10000000, 0x2f0000, 0x100000]) : 0;
        const name = `${randomHex(random, 64)}_${dump ? `dump7_0x${base.toString(16).padStart(8, '0')}` : 'unpacked'}`;
        const params = { '0': null, '1': name, '2': pick(random, FAMILIES), '3': pick(random, ['', '1.3.4.0', '2.x', '3.x', '4.0']), '4': dump, '5': base, '6': pick(random, [32, 64]) };
        return { params, files: { '0': objectId(clock, gridIdPart) } };
      }
      case 'getMatchesForSample':
        return { params: { ...band, '0': sampleId() }, files: {} };
      case 'getMatchesForSampleVs':
        return { params: { ...band, '0': sampleId(), '1': sampleId() }, files: {} };
      case 'getUniqueBlocks':
        return { params: { family_id: 1 + Math.floor(random() * FAMILIES.length), '0': [sampleId(), sampleId(), sampleId()] }, files: {} };
      case 'updateMinHashes':
        return { params: { '0': Array.from({ length: 2 + Math.floor(random() * 4) }, sampleId) }, files: {} };
      case 'deleteSample':
        return { params: { '0': sampleId() }, files: {} };
      default:
        return { params: {}, files: {} };
    }
  }

  /** A weighted pick of a stand-alone method. */
  function randomMethod(): string {
    const total = METHODS.reduce((sum, profile) => sum + profile.weight, 0);
    let roll = random() * total;
    for (const profile of METHODS) {
      roll -= profile.weight;
      if (roll < 0) return profile.method;
    }
    return METHODS[0].method;
  }

  /** Submits one job (size 1) or a cross-compare group: size - 1 matching jobs plus the combine job awaiting them. */
  function spawnGroup(at: number, size: number): void {
    if (size < 4) {
      const method = randomMethod();
      const { params, files } = paramsFor(method);
      put({ method, params, priority: random() < 0.1 ? 1 : 0 }, files, at);
      return;
    }
    const samples = Array.from({ length: size - 1 }, sampleId);
    const children = samples.map((sample, index) => {
      const params = { band_matches_required: 2, '0': sample, '1': samples.filter((_, other) => other !== index) };
      return put({ method: 'getMatchesForSampleVsGroup', params }, {}, at)._id.$oid;
    });
    const combine = Object.fromEntries(samples.map((sample, index) => [String(sample), children[index]]));
    put({ method: 'combineMatchesToCross', params: { '0': combine }, awaitJobs: children }, {}, at);
  }

  /** How many jobs the next arrival brings: usually one, sometimes a cross-compare group (4–6). */
  function groupSize(remaining: number): number {
    return remaining >= 4 && random() < 0.1 ? Math.min(remaining, 4 + Math.floor(random() * 3)) : 1;
  }

  function planFor(document: McritJobDocument): JobPlan {
    const existing = plans.get(document._id.$oid);
    if (existing) return existing;
    const profile = profileOf(document.payload.method);
    const roll = random();
    const failingAttempts = roll < 0.08 ? 1 : roll < 0.11 ? 2 : roll < 0.135 ? MAX_ATTEMPTS : 0;
    const plan: JobPlan = {
      workMs: Math.round(profile.minMs + random() * (profile.maxMs - profile.minMs)),
      progress: profile.progress,
      units: profile.progress === 'count' ? 5 + Math.floor(random() * 60) : 50 + Math.floor(random() * 4000),
      firstReportMs: 300 + Math.floor(random() * 1200),
      failingAttempts,
      // why: only stand-alone jobs: a terminated job never notifies its dependants, which would wait forever.
      terminateAt: profile.progress !== 'none' && failingAttempts === 0 && document.required_by.length === 0 && random() < 0.03 ? 0.2 + random() * 0.6 : null,
    };
    plans.set(document._id.$oid, plan);
    return plan;
  }

  function isCandidate(document: McritJobDocument): boolean {
    return document.locked_by === null && document.locked_at === null && document.attempts_left > 0 && document.finished_at === null && document.unfinished_dependencies.length === 0;
  }

  /** mongoqueue `next()`: highest priority first, then oldest. */
  function nextCandidate(): McritJobDocument | undefined {
    let best: McritJobDocument | undefined;
    for (const document of documents) {
      if (!isCandidate(document)) continue;
      if (!best || document.priority > best.priority || (document.priority === best.priority && document.created_at.$date < best.created_at.$date)) best = document;
    }
    return best;
  }

  function take(worker: Worker, document: McritJobDocument, at: number): void {
    document.locked_by = worker.id;
    document.locked_at = date(at);
    document.started_at = date(at);
    count(document.payload.method, 'in_progress', 1);
    count(document.payload.method, 'queued', -1);
    const plan = planFor(document);
    const attempt = MAX_ATTEMPTS - document.attempts_left;
    worker.jobId = document._id.$oid;
    worker.startedAt = at;
    if (attempt < plan.failingAttempts) {
      worker.outcome = 'error';
      worker.endAt = at + Math.round(plan.workMs * (0.1 + random() * 0.7));
    } else if (plan.terminateAt !== null) {
      worker.outcome = 'terminate';
      worker.endAt = at + Math.round(plan.workMs * plan.terminateAt);
    } else {
      worker.outcome = 'complete';
      worker.endAt = at + plan.workMs;
    }
  }

  function dispatch(at: number): void {
    for (const worker of workers) {
      if (worker.jobId !== null) continue;
      const document = nextCandidate();
      if (!document) return;
      take(worker, document, at);
    }
  }

  /** The last progress report at or before `at`, as `progressor()` writes it. */
  function report(worker: Worker, document: McritJobDocument, at: number): void {
    const plan = plans.get(document._id.$oid);
    if (!plan || plan.progress === 'none' || document.terminated) return;
    const first = worker.startedAt + plan.firstReportMs;
    const until = Math.min(at, worker.endAt);
    if (until < first) return;
    const reportAt = first + Math.floor((until - first) / REPORT_EVERY_MS) * REPORT_EVERY_MS;
    const done = Math.min(1, (reportAt - worker.startedAt) / plan.workMs);
    document.progress = plan.progress === 'count' ? Math.floor(done * plan.units) : Math.min(plan.units - 1, Math.floor(done * plan.units)) / plan.units;
    document.locked_at = date(reportAt);
  }

  function notifyDependants(document: McritJobDocument): void {
    document.notify_done = true;
    for (const dependant of document.required_by) {
      const waiting = byId.get(dependant.$oid);
      if (waiting) waiting.unfinished_dependencies = waiting.unfinished_dependencies.filter((id) => id !== document._id.$oid);
    }
  }

  function finish(worker: Worker, at: number): void {
    const document = worker.jobId === null ? undefined : byId.get(worker.jobId);
    const outcome = worker.outcome;
    worker.jobId = null;
    if (!document || outcome === 'abort') return;
    const method = document.payload.method;
    report(worker, document, at);
    if (outcome === 'complete') {
      document.finished_at = date(at);
      document.result = objectId(at, gridIdPart);
      document.progress = 1;
      count(method, 'in_progress', -1);
      count(method, 'finished', 1);
      notifyDependants(document);
    } else if (outcome === 'terminate') {
      document.terminated = true;
      document.locked_at = date(at);
      count(method, 'in_progress', -1);
      count(method, 'terminated', 1);
    } else {
      document.locked_by = null;
      document.locked_at = null;
      document.last_error = pick(random, FAILURES)(random);
      document.attempts_left -= 1;
      count(method, 'in_progress', -1);
      count(method, 'queued', 1);
      if (document.attempts_left <= 0) {
        notifyDependants(document);
        count(method, 'queued', -1);
        count(method, 'failed', 1);
      }
    }
  }

  function remove(document: McritJobDocument, at: number): void {
    count(document.payload.method, deriveMcritState(document), -1);
    const index = documents.indexOf(document);
    if (index >= 0) documents.splice(index, 1);
    byId.delete(document._id.$oid);
    const plan = plans.get(document._id.$oid);
    plans.delete(document._id.$oid);
    abortWorkerOf(document._id.$oid, plan, at);
  }

  /**
   * A worker only notices that its job vanished or was terminated when it next reports progress
   * (`_is_terminated`, apis.md §4.7); a job that reports no progress runs to its end.
   */
  function abortWorkerOf(jobId: string, plan: JobPlan | undefined, at: number): void {
    const worker = workers.find((candidate) => candidate.jobId === jobId);
    if (!worker || worker.outcome === 'abort') return;
    if (plan && plan.progress !== 'none') {
      const first = worker.startedAt + plan.firstReportMs;
      const nextReport = at < first ? first : first + Math.ceil((at - first) / REPORT_EVERY_MS) * REPORT_EVERY_MS;
      worker.endAt = Math.min(worker.endAt, nextReport);
    }
    worker.outcome = 'abort';
  }

  function nextEventAt(): number | null {
    let next = Math.min(nextArrivalAt, scheduled[0]?.at ?? Number.POSITIVE_INFINITY);
    for (const worker of workers) if (worker.jobId !== null) next = Math.min(next, worker.endAt);
    return Number.isFinite(next) ? next : null;
  }

  function runEventsAt(at: number): void {
    for (const worker of workers) if (worker.jobId !== null && worker.endAt <= at) finish(worker, at);
    while (scheduled.length > 0 && scheduled[0].at <= at) {
      const slot = scheduled.shift()!;
      spawnGroup(slot.at, slot.size);
    }
    if (nextArrivalAt <= at) {
      spawnGroup(at, groupSize(6));
      nextArrivalAt = at + 3_000 + Math.round(-Math.log(1 - random()) * 12_000);
    }
  }

  /** Drops the oldest terminal jobs beyond the cap, so long demo sessions stay bounded. */
  function trim(at: number): void {
    for (let index = 0; documents.length > cap && index < documents.length; ) {
      const document = documents[index];
      const state: McritState = deriveMcritState(document);
      if (state === 'finished' || state === 'failed' || state === 'terminated') remove(document, at);
      else index++;
    }
  }

  function advance(to: number): void {
    if (to < clock) return;
    dispatch(clock);
    for (let next = nextEventAt(); next !== null && next <= to; next = nextEventAt()) {
      clock = next;
      runEventsAt(next);
      dispatch(next);
    }
    clock = to;
    for (const worker of workers) {
      const document = worker.jobId === null || worker.outcome === 'abort' ? undefined : byId.get(worker.jobId);
      if (document) report(worker, document, to);
    }
    trim(to);
  }

  /** Builds the history: `jobCount` jobs arriving over the last two hours, denser towards now. */
  function seedHistory(): void {
    const start = clock;
    for (let slot = 0; slot < jobCount; ) {
      const at = Math.round(start - HISTORY_MS * (1 - slot / jobCount) ** 3);
      const size = groupSize(jobCount - slot);
      scheduled.push({ at, size });
      slot += size;
    }
    clock = scheduled[0]?.at ?? start;
    advance(start);
    if (arrivals) nextArrivalAt = start + 2_000 + Math.round(random() * 10_000);
  }

  seedHistory();

  // ---- HTTP ----

  function authenticate(request: DemoRequest): DemoResponse | null {
    if (!token) return null;
    const header = request.headers.apitoken;
    const given = Array.isArray(header) ? header[0] : header;
    if (!given) return { status: 401, json: FALCON_TOKEN_MISSING };
    return given === token ? null : { status: 401, json: FALCON_TOKEN_INVALID };
  }

  function listJobs(query: URLSearchParams): DemoResponse {
    const ascending = (query.get('ascending') ?? '').trim().toLowerCase() === 'true';
    const start = pythonInt(query.get('start')) ?? 0;
    const limit = pythonInt(query.get('limit')) ?? 0;
    const method = query.get('method');
    const state = query.get('state');
    const filter = query.get('filter');
    const selected = method === null ? documents.slice() : documents.filter((document) => document.payload.method === method);
    const ordered = ascending ? selected : selected.sort((a, b) => (a._id.$oid < b._id.$oid ? 1 : a._id.$oid > b._id.$oid ? -1 : 0));
    let page: McritJobDocument[];
    if (state === null) {
      // why: pymongo rejects a negative skip (uncaught: Falcon 500); a negative limit acts as its absolute value.
      if (start < 0) return FALCON_500;
      page = ordered.slice(start, limit === 0 ? undefined : start + Math.abs(limit));
    } else {
      const matching = ordered.filter((document) => deriveMcritState(document) === state);
      page = limit ? pythonSlice(matching, start, start + limit) : pythonSlice(matching, start);
    }
    if (filter !== null) page = page.filter((document) => parametersText(document).includes(filter));
    return ok(structuredClone(page));
  }

  function deleteJobs(query: URLSearchParams): DemoResponse {
    const method = query.get('method');
    const createdBefore = parseDeleteDate(query.get('created_before'));
    const finishedBefore = parseDeleteDate(query.get('finished_before'));
    const matches = documents.filter((document) => {
      if (method !== null && document.payload.method !== method) return false;
      // quirk: with both dates given, only created_before is applied.
      if (createdBefore !== null) return Date.parse(document.created_at.$date) < createdBefore;
      if (finishedBefore !== null) return document.finished_at !== null && Date.parse(document.finished_at.$date) < finishedBefore;
      return true;
    });
    for (const document of matches) remove(document, clock);
    return ok({ num_deleted: matches.length });
  }

  function jobRoute(request: DemoRequest, id: string): DemoResponse {
    if (request.method !== 'GET' && request.method !== 'DELETE') return methodNotAllowed('DELETE, GET');
    if (!/^[a-fA-F0-9]{24}/.test(id)) return INVALID_JOB_ID;
    // why: the id regex is anchored at the start only; a longer id then fails in ObjectId() → 500.
    if (id.length !== 24) return FALCON_500;
    const document = byId.get(id.toLowerCase());
    if (request.method === 'GET') return ok(document ? structuredClone(document) : null);
    if (document) remove(document, clock);
    return ok({ num_deleted: document ? 1 : 0 });
  }

  function jobResultRoute(request: DemoRequest, id: string): DemoResponse {
    if (request.method !== 'GET') return methodNotAllowed('GET');
    // why: for a bad id this handler calls jsonify() without its argument, which raises (apis.md §4.3).
    if (!/^[a-fA-F0-9]{24}$/.test(id)) return FALCON_500;
    const document = byId.get(id.toLowerCase());
    if (!document || document.result === null) return ok(null);
    return ok(buildResult(document, request.query.get('compact')?.trim().toLowerCase() === 'true'));
  }

  function resultRoute(request: DemoRequest, resultId: string, wantsJob: boolean): DemoResponse {
    if (request.method !== 'GET') return methodNotAllowed('GET');
    if (!/^[a-fA-F0-9]{24}/.test(resultId)) return INVALID_RESULT_ID;
    if (resultId.length !== 24) return FALCON_500;
    const document = documents.find((candidate) => candidate.result === resultId.toLowerCase());
    if (wantsJob) return ok(document ? structuredClone(document) : null);
    return ok(document ? buildResult(document, request.query.get('compact')?.trim().toLowerCase() === 'true') : null);
  }

  function statusRoute(): DemoResponse {
    const samples = documents.filter((document) => document.payload.method === 'addBinarySample' && document.finished_at !== null).length;
    return ok({ status: { db_state: 1, storage_type: 'mongodb', num_bands: 20, num_samples: 380 + samples, num_families: FAMILIES.length, num_functions: 412_000 + samples * 870 } });
  }

  function route(request: DemoRequest): DemoResponse {
    const trimmed = request.path.length > 1 && request.path.endsWith('/') ? request.path.slice(0, -1) : request.path;
    let segments: string[];
    try {
      segments = trimmed.split('/').filter((segment) => segment.length > 0).map(decodeURIComponent);
    } catch {
      return { status: 400, json: { title: '400 Bad Request' } };
    }
    const [first, second, third] = segments;
    const only = (method: string, handler: () => DemoResponse) => (request.method === method ? handler() : methodNotAllowed(method));
    if (segments.length === 0) return only('GET', () => ok({ message: 'Welcome to MCRIT' }));
    if (segments.length === 1 && first === 'version') return only('GET', () => ok({ version: MCRIT_DEMO_VERSION }));
    if (segments.length === 1 && first === 'status') return only('GET', statusRoute);
    if (first === 'jobs' && segments.length === 1) {
      if (request.method === 'GET') return listJobs(request.query);
      if (request.method === 'DELETE') return deleteJobs(request.query);
      return methodNotAllowed('DELETE, GET');
    }
    if (first === 'jobs' && segments.length === 2 && second === 'stats') {
      return only('GET', () => {
        if ((request.query.get('with_refresh') ?? '').trim().toLowerCase() === 'true') refreshCounters();
        return ok(Object.fromEntries([...counters].map(([method, entry]) => [method, { ...entry }])));
      });
    }
    if (first === 'jobs' && segments.length === 2) return jobRoute(request, second);
    if (first === 'jobs' && segments.length === 3 && third === 'result') return jobResultRoute(request, second);
    if (first === 'results' && segments.length === 2) return resultRoute(request, second, false);
    if (first === 'results' && segments.length === 3 && third === 'job') return resultRoute(request, second, true);
    return FALCON_404;
  }

  return {
    vendor: 'mcrit',
    get documents() {
      return documents;
    },
    get clock() {
      return clock;
    },
    handle(request) {
      return authenticate(request) ?? route(request);
    },
    tick(at) {
      advance(at);
    },
    sourceConfig(url, name) {
      return token ? { name, type: 'mcrit', url, apiToken: token } : { name, type: 'mcrit', url };
    },
    document: (id) => byId.get(id),
    submit(submission) {
      const { files } = submission.method === 'addBinarySample' ? paramsFor('addBinarySample') : { files: {} };
      return put(submission, files, clock)._id.$oid;
    },
    insert(document) {
      store(document);
      count(document.payload.method, deriveMcritState(document), 1);
    },
    terminate(id) {
      const document = byId.get(id);
      if (!document) return false;
      const before = deriveMcritState(document);
      document.terminated = true;
      document.locked_at = date(clock);
      count(document.payload.method, before, -1);
      count(document.payload.method, 'terminated', 1);
      abortWorkerOf(id, plans.get(id), clock);
      return true;
    },
    stats: () => Object.fromEntries([...counters].map(([method, entry]) => [method, { ...entry }])),
  };
}

function parseDeleteDate(text: string | null): number | null {
  if (text === null) return null;
  const pattern = text.length === 10 ? /^(\d{4})-(\d{2})-(\d{2})$/ : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
  const match = pattern.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const check = new Date(ms);
  return check.getUTCDate() === Number(day) && check.getUTCMonth() === Number(month) - 1 ? ms : null;
}

/** Seeds a random source from a hex id, so a job's result is the same on every request. */
function randomFor(hexId: string): () => number {
  return createRandom(Number.parseInt(hexId.slice(-8), 16) ^ Number.parseInt(hexId.slice(0, 8), 16));
}

function sampleEntry(random: () => number, sampleId: number): Record<string, unknown> {
  const functions = 200 + Math.floor(random() * 2000);
  const dump = random() < 0.6;
  const sha256 = randomHex(random, 64);
  return {
    architecture: 'intel',
    base_addr: dump ? 0x400000 : 0,
    binary_size: 40_000 + Math.floor(random() * 900_000),
    binweight: Math.round(random() * 400_000),
    bitness: random() < 0.7 ? 32 : 64,
    component: '',
    family_id: 1 + Math.floor(random() * FAMILIES.length),
    family: pick(random, FAMILIES),
    filename: `${sha256}_${dump ? 'dump7_0x00400000' : 'unpacked'}`,
    is_library: false,
    sample_id: sampleId,
    sha256,
    smda_version: '1.13.19',
    statistics: {
      num_functions: functions,
      num_recursive_functions: Math.floor(functions * 0.01),
      num_leaf_functions: Math.floor(functions * 0.13),
      num_basic_blocks: functions * 12,
      num_instructions: functions * 61,
      num_api_calls: Math.floor(functions * 1.5),
      num_function_calls: functions * 4,
      num_failed_functions: Math.floor(random() * 80),
      num_failed_instructions: 0,
    },
    timestamp: '2026-08-06T10-35-13',
    version: '',
  };
}

function matchingResult(random: () => number, document: McritJobDocument, compact: boolean): Record<string, unknown> {
  const finished = dateMs(document.finished_at) ?? 0;
  const started = dateMs(document.started_at) ?? finished;
  const functions = Array.from({ length: 40 + Math.floor(random() * 60) }, (_, fid) => ({
    num_bytes: 8 + Math.floor(random() * 1400),
    num_instructions: 3 + Math.floor(random() * 390),
    offset: 4_201_768 + fid * 613,
    matches: Array.from({ length: Math.floor(random() * 4) }, () => [1 + Math.floor(random() * 9), 1 + Math.floor(random() * 30), Math.floor(random() * 4000), Math.round(random() * 1000) / 10, random() < 0.5 ? 1 : 3]),
    fid,
  }));
  const matches: Record<string, unknown> = {
    aggregation: {
      minhash: { num_own_functions_matched: functions.length - 7, num_foreign_functions_matched: 1741, num_own_functions_matched_as_library: 25, num_self_matches: 183, bytes_matched: 151654 },
      pichash: { num_own_functions_matched: functions.length - 19, num_foreign_functions_matched: 1212, num_own_functions_matched_as_library: 0, num_self_matches: 50, bytes_matched: 87582 },
    },
    functions,
    samples: Array.from({ length: 3 }, (_, index) => ({ family_id: 1 + index, sample_id: 10 + index, matched: { functions: { minhash: Math.floor(random() * 500), pichash: Math.floor(random() * 300) }, percent: { unweighted: Math.round(random() * 1000) / 10 } } })),
    families: FAMILIES.slice(0, 3).map((family, index) => ({ family, family_id: 1 + index, num_samples: 1 + Math.floor(random() * 20) })),
  };
  if (compact) delete matches.functions;
  return {
    info: { job: { duration: (finished - started) / 1000, timestamp: new Date(finished).toISOString().slice(0, -1), parameters: parametersText(document) }, sample: sampleEntry(random, Math.floor(random() * 400)), type: 'matcher_sample' },
    matches,
  };
}

/** A plausible result object for a finished job, shaped like MCRIT's real results (mcritweb fixtures). */
function buildResult(document: McritJobDocument, compact: boolean): unknown {
  const random = randomFor(document.result ?? document._id.$oid);
  switch (document.payload.method) {
    case 'addBinarySample':
      return { sample_info: sampleEntry(random, Math.floor(random() * 400)), num_functions_added: 200 + Math.floor(random() * 2000) };
    case 'getMatchesForSample':
    case 'getMatchesForSampleVs':
    case 'getMatchesForSampleVsGroup':
      return matchingResult(random, document, compact);
    case 'getUniqueBlocks':
      return {
        statistics: { unique_blocks_overall: 6124, num_samples: 3, has_yara_rule: true, yara_covers: 0 },
        unique_blocks: Object.fromEntries(
          Array.from({ length: 12 }, () => [`0x${randomHex(random, 16)}`, { samples: [0], length: 4 + Math.floor(random() * 40), sample_id: 0, offset: 4_201_768 + Math.floor(random() * 90_000), escaped_sequence: '55 8bec 83ec50 a1???????? 33c5', score: Math.round(random() * 1000) / 10 }]),
        ),
      };
    case 'combineMatchesToCross':
      return { clustered_sequence: [0, 2, 1], sample_infos: { '0': sampleEntry(random, 0), '1': sampleEntry(random, 1) }, matches: { '0': { '1': 61.2, '2': 12.5 }, '1': { '0': 58.9, '2': 9.1 } } };
    case 'updateMinHashes':
      return { sample_ids: parseParams(document)['0'] ?? [], num_functions_updated: Math.floor(random() * 20_000) };
    case 'deleteSample':
      return true;
    default:
      return { num_samples: 380, num_functions: 412_000, duration: Math.round(random() * 6000) / 10 };
  }
}
