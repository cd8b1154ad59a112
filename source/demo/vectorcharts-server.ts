/**
 * An in-memory fake of the VectorCharts Portal API, wire-faithful to shared/apis.md §1:
 * - `GET /api/portal/v1/jobs?activeOnly&limit&offset`: newest first, `limit` default 25 and clamped to
 *   200 (the applied value is echoed in `pagination.limit`), `activeOnly=true` = pending + running,
 *   `{jobs, pagination: {limit, offset, total}}`; steps and logs inline; ms-epoch times, ISO log times.
 * - `POST /api/portal/v1/jobs {jobType}`: 200 `{jobId, jobState: "pending"}`, 400 for a missing or
 *   unstartable type, 409 while a job of that type is pending or running.
 * - `POST /api/portal/v1/auth/login {username, password}`: the login response with `token.id`;
 *   400 malformed body, 401 bad credentials. Every other Portal path needs `Authorization: Bearer`
 *   with the demo API token or a live session token, else 401. Error bodies are `{"error": "..."}`.
 * - No get-one, cancel, delete or retry endpoint (404), as in the real API.
 *
 * Choices where apis.md is silent [INF]: a non-integer or < 1 `limit`, a negative `offset` and an
 * `activeOnly` other than true/false get 400; a retried step shows as two step records (attempt 1
 * failed with its error, attempt 2); `cancelled` happens to a few jobs (an administrator's doing).
 *
 * Every job's whole lifecycle is planned (seeded) when it is created, so the state at a given clock
 * is the same however finely tick() is called.
 */
import { bearerToken, createRandom, pick, randomHex, randomUuid, type DemoRequest, type DemoResponse, type SimulatorOptions, type VendorSimulator } from './kit.js';

/** The demo API token the simulator accepts (a long-lived Portal API token). */
export const VECTORCHARTS_DEMO_API_TOKEN = 'vcp_demo_4f1c2e9a7b3d5860a1c2';
/** The demo login (the Portal's factory default admin account). */
export const VECTORCHARTS_DEMO_USERNAME = 'admin';
/** The demo login's password. */
export const VECTORCHARTS_DEMO_PASSWORD = 'admin';

/** The job types `POST /api/portal/v1/jobs` can start (apis.md §1.3). */
export const VECTORCHARTS_STARTABLE_TYPES = ['refresh-public-charts', 'clear-tiles', 'vacuum-analyze'] as const;

/** The simulator's exact error messages, sent as `{"error": message}`. */
export const VECTORCHARTS_ERRORS = {
  missingToken: 'Missing or malformed Authorization header; expected "Bearer <token>"',
  invalidToken: 'Invalid or expired token',
  badCredentials: 'Invalid username or password',
  loginBody: 'username and password are required',
  invalidJson: 'Request body must be valid JSON',
  missingJobType: 'jobType is required',
  badJobType: `jobType must be one of: ${VECTORCHARTS_STARTABLE_TYPES.join(', ')}`,
  activeJob: (jobType: string) => `A ${jobType} job is already pending or running`,
  badLimit: 'limit must be a positive integer',
  badOffset: 'offset must be a non-negative integer',
  badActiveOnly: 'activeOnly must be true or false',
  notFound: 'Not found',
  methodNotAllowed: 'Method not allowed',
} as const;

/** A log entry as the Portal sends it. */
export interface VectorChartsLogRecord {
  timestamp: string;
  type: 'info' | 'warning' | 'error';
  message: string;
}

/** A step record as the Portal sends it (not part of its stable surface; observed fields). */
export interface VectorChartsStepRecord {
  id: string;
  jobId: string;
  stepName: string;
  status: string;
  startedAt: number | null;
  completedAt: number | null;
  result: Record<string, unknown> | null;
  error: string | null;
  attempt: number;
}

/** A job record exactly as `GET /api/portal/v1/jobs` sends it. */
export interface VectorChartsJobRecord {
  id: string;
  parentJobId: string | null;
  jobType: string;
  jobState: string;
  accountId: number | null;
  parameters: Record<string, unknown>;
  result: Record<string, unknown> | null;
  logs: VectorChartsLogRecord[];
  percentComplete: number;
  priority: number;
  createdAt: number;
  updatedAt: number;
  steps: VectorChartsStepRecord[];
}

/** The simulator plus small test hooks; the HTTP behaviour stays the real wire format. */
export interface VectorChartsSimulator extends VendorSimulator {
  /** Every job record, newest first, as the list orders them (read only). */
  jobs(): readonly VectorChartsJobRecord[];
  /** Adds a record as given (defaults for the rest) with no lifecycle: it stays as inserted. */
  insertJob(fields: Partial<VectorChartsJobRecord>): VectorChartsJobRecord;
  /** Forgets every session token, as a logout or server restart would. */
  revokeSessions(): void;
}

const PREFIX = '/api/portal/v1';
const LIMIT_DEFAULT = 25;
const LIMIT_CAP = 200;
const ACTIVE_STATES = new Set(['pending', 'running']);
const TERMINAL_STATES = new Set(['completed', 'failed', 'cancelled']);
const MAX_SESSIONS = 1000;

/** One planned change to a job record at a moment of its lifecycle. */
interface PlannedEvent {
  at: number;
  apply(record: VectorChartsJobRecord, at: number): void;
  /** Jobs this event spawns (an upload's ingestion children). */
  spawn?: SimulatedJob[];
}

interface SimulatedJob {
  record: VectorChartsJobRecord;
  seq: number;
  events: PlannedEvent[];
  next: number;
}

/** How one job type behaves: its steps, timings, outputs and failures. */
interface JobTemplate {
  jobType: string;
  /** System-wide maintenance jobs have no account. */
  system: boolean;
  priority: number;
  steps: readonly string[];
  stepSeconds: readonly [number, number];
  parameters(random: () => number): Record<string, unknown>;
  result(random: () => number, parameters: Record<string, unknown>): Record<string, unknown> | null;
  failures: readonly string[];
  /** An upload spawns ingestion children when this step completes. */
  spawnsAfter?: string;
}

const CELLS = ['US5CA52M', 'US4CA11M', 'US5WA22M', 'US3EC10M', 'US5NY1CM', 'US4FL31M', 'US5TX51M', 'US5MA1SK', 'US4AK5HM', 'US5LA13M'];
const UPLOAD_FILES = ['ENC_ROOT.zip', 'harbor-survey-2024.zip', 'US5CA52M.zip', 'custom-encs-q3.zip', 'pilot-charts.zip'];
const TRANSIENT_ERRORS = ['ETIMEDOUT connecting to charts.noaa.gov:443', 'database connection reset by peer', 'worker lost heartbeat; step rescheduled'];
const WARNINGS = ['Cell has no update files; using the base edition', 'Skipped 3 features with invalid geometry', 'Tile cache is above 80% of its volume'];

const TEMPLATES: Record<string, JobTemplate> = {
  'refresh-public-charts': {
    jobType: 'refresh-public-charts',
    system: true,
    priority: 0,
    steps: ['step_download_noaa', 'step_diff_catalog', 'step_index_noaa', 'step_publish_tiles'],
    stepSeconds: [8, 45],
    parameters: () => ({}),
    result: (random) => ({ cellsAdded: Math.floor(random() * 12), cellsUpdated: Math.floor(random() * 240), cellsRemoved: Math.floor(random() * 4) }),
    failures: ['NOAA ENC catalog download failed: HTTP 503 from charts.noaa.gov', 'ENC_ROOT/CATALOG.031 checksum mismatch'],
  },
  'clear-tiles': {
    jobType: 'clear-tiles',
    system: true,
    priority: 0,
    steps: ['step_clear_tile_cache'],
    stepSeconds: [4, 20],
    parameters: () => ({}),
    result: (random) => ({ tilesDeleted: Math.floor(random() * 2_000_000) }),
    failures: ['tile cache volume /var/lib/vectorcharts/tiles is read-only'],
  },
  'vacuum-analyze': {
    jobType: 'vacuum-analyze',
    system: true,
    priority: 0,
    steps: ['step_vacuum', 'step_analyze'],
    stepSeconds: [6, 30],
    parameters: () => ({}),
    result: (random) => ({ tablesProcessed: 18 + Math.floor(random() * 6) }),
    failures: ['canceling statement due to lock timeout on relation "chart_features"'],
  },
  'index-custom-encs': {
    jobType: 'index-custom-encs',
    system: false,
    priority: 0,
    steps: ['step_scan_encs', 'step_index_encs'],
    stepSeconds: [5, 25],
    parameters: (random) => ({ datasetId: `ds_${randomHex(random, 8)}` }),
    result: (random) => ({ cellsIndexed: 1 + Math.floor(random() * 40) }),
    failures: ['no S-57 base cells (*.000) found in the dataset'],
  },
  'process-chart-upload': {
    jobType: 'process-chart-upload',
    system: false,
    priority: 5,
    steps: ['step_receive_upload', 'step_unpack_archive', 'step_validate_cells', 'step_spawn_ingestion'],
    stepSeconds: [2, 10],
    parameters: (random) => ({ uploadId: `upl_${randomHex(random, 10)}`, fileName: pick(random, UPLOAD_FILES), sizeBytes: 200_000 + Math.floor(random() * 80_000_000) }),
    result: () => null,
    failures: ['archive is corrupt: unexpected end of central directory', 'upload contains no ENC cells'],
    spawnsAfter: 'step_spawn_ingestion',
  },
  'ingest-enc-cell': {
    jobType: 'ingest-enc-cell',
    system: false,
    priority: 5,
    steps: ['step_parse_s57', 'step_build_tiles', 'step_index_features'],
    stepSeconds: [5, 25],
    parameters: () => ({}),
    result: (random) => ({ featuresIndexed: 500 + Math.floor(random() * 20_000), tilesBuilt: 100 + Math.floor(random() * 5000) }),
    failures: ['S-57 parse error: unexpected end of record at offset 48213', 'cell is encrypted (S-63); no permit installed'],
  },
};

/** Top-level job types arriving over time, weighted (ingestion jobs only come from uploads). */
const ARRIVAL_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['process-chart-upload', 4],
  ['index-custom-encs', 2],
  ['refresh-public-charts', 2],
  ['clear-tiles', 1],
  ['vacuum-analyze', 1],
];

/** Creates the VectorCharts Portal simulator. */
export function createVectorChartsSimulator(options: SimulatorOptions = {}): VectorChartsSimulator {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const random = createRandom(seed);
  // why: separate streams, so logins and test inserts never shift the seeded job plans.
  const tokenRandom = createRandom(seed + 7919);
  const insertRandom = createRandom(seed + 104729);
  const startCount = Math.max(0, Math.floor(options.jobCount ?? 40));
  const maxJobs = Math.max(2 * startCount, 20);
  const arrivals = options.arrivals !== false;
  const sessions = new Set<string>();
  let all: SimulatedJob[] = [];
  let active: SimulatedJob[] = [];
  let seq = 0;

  function add(job: SimulatedJob): void {
    job.seq = seq++;
    all.push(job);
    if (job.next < job.events.length) active.push(job);
  }

  /** Applies every planned event due by `time`, spawning children as their parents reach them. */
  function advanceTo(time: number): void {
    for (let index = 0; index < active.length; index++) {
      const job = active[index];
      while (job.next < job.events.length && job.events[job.next].at <= time) {
        const event = job.events[job.next++];
        event.apply(job.record, event.at);
        job.record.updatedAt = Math.max(job.record.updatedAt, event.at);
        for (const child of event.spawn ?? []) add(child);
      }
      if (job.next >= job.events.length) job.events = [];
    }
    active = active.filter((job) => job.events.length > 0);
  }

  /** Newest first: createdAt descending, then creation order. */
  function newestFirst(): SimulatedJob[] {
    return [...all].sort((a, b) => b.record.createdAt - a.record.createdAt || b.seq - a.seq);
  }

  /** Drops the oldest finished jobs beyond the cap, so hours of demo stay bounded. */
  function prune(): void {
    if (all.length <= maxJobs) return;
    const droppable = newestFirst().reverse().filter((job) => TERMINAL_STATES.has(job.record.jobState) && job.events.length === 0);
    const drop = new Set(droppable.slice(0, all.length - maxJobs));
    all = all.filter((job) => !drop.has(job));
  }

  function arrive(at: number): void {
    const busy = (jobType: string) => all.some((job) => job.record.jobType === jobType && ACTIVE_STATES.has(job.record.jobState));
    let jobType = weightedType(random);
    // why: a maintenance run never overlaps one of its own type (the same rule gives POST a 409).
    if (TEMPLATES[jobType].system && busy(jobType)) jobType = 'process-chart-upload';
    add(planJob(random, TEMPLATES[jobType], at, {}));
  }

  const start = now();
  for (const createdAt of initialCreationTimes(random, startCount, start)) {
    advanceTo(createdAt);
    arrive(createdAt);
  }
  advanceTo(start);
  all = newestFirst().slice(0, startCount);
  const kept = new Set(all);
  active = active.filter((job) => kept.has(job));
  let clock = start;
  let nextArrivalAt = start + arrivalGap(random);

  function authorize(request: DemoRequest): DemoResponse | null {
    const token = bearerToken(request.headers);
    if (token === null || token === '') return fail(401, VECTORCHARTS_ERRORS.missingToken);
    if (token !== VECTORCHARTS_DEMO_API_TOKEN && !sessions.has(token)) return fail(401, VECTORCHARTS_ERRORS.invalidToken);
    return null;
  }

  function login(request: DemoRequest): DemoResponse {
    const body = parseJson(request.body);
    if (body === undefined) return fail(400, VECTORCHARTS_ERRORS.invalidJson);
    const { username, password } = (body ?? {}) as Record<string, unknown>;
    if (typeof username !== 'string' || typeof password !== 'string' || username === '') return fail(400, VECTORCHARTS_ERRORS.loginBody);
    if (username !== VECTORCHARTS_DEMO_USERNAME || password !== VECTORCHARTS_DEMO_PASSWORD) return fail(401, VECTORCHARTS_ERRORS.badCredentials);
    const token = randomHex(tokenRandom, 48);
    sessions.add(token);
    if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.values().next().value as string);
    return {
      status: 200,
      json: {
        token: { id: token, userId: 1 },
        user: { userId: 1, username, isAdmin: true, isAccountOwner: true, account: { id: 1, name: 'Harbor Survey Co.' } },
      },
    };
  }

  function listJobs(query: URLSearchParams): DemoResponse {
    const activeOnly = query.get('activeOnly');
    if (activeOnly !== null && activeOnly !== 'true' && activeOnly !== 'false') return fail(400, VECTORCHARTS_ERRORS.badActiveOnly);
    const limit = query.get('limit');
    if (limit !== null && !/^\d+$/.test(limit)) return fail(400, VECTORCHARTS_ERRORS.badLimit);
    const offset = query.get('offset');
    if (offset !== null && !/^\d+$/.test(offset)) return fail(400, VECTORCHARTS_ERRORS.badOffset);
    const appliedLimit = Math.min(limit === null ? LIMIT_DEFAULT : Number(limit), LIMIT_CAP);
    if (appliedLimit < 1) return fail(400, VECTORCHARTS_ERRORS.badLimit);
    const appliedOffset = offset === null ? 0 : Number(offset);
    const matching = newestFirst()
      .map((job) => job.record)
      .filter((record) => activeOnly !== 'true' || ACTIVE_STATES.has(record.jobState));
    return {
      status: 200,
      json: { jobs: matching.slice(appliedOffset, appliedOffset + appliedLimit), pagination: { limit: appliedLimit, offset: appliedOffset, total: matching.length } },
    };
  }

  function createJob(request: DemoRequest): DemoResponse {
    const body = parseJson(request.body);
    if (body === undefined) return fail(400, VECTORCHARTS_ERRORS.invalidJson);
    const jobType = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).jobType : undefined;
    if (jobType === undefined || jobType === null || jobType === '') return fail(400, VECTORCHARTS_ERRORS.missingJobType);
    if (typeof jobType !== 'string' || !(VECTORCHARTS_STARTABLE_TYPES as readonly string[]).includes(jobType)) return fail(400, VECTORCHARTS_ERRORS.badJobType);
    if (all.some((job) => job.record.jobType === jobType && ACTIVE_STATES.has(job.record.jobState))) return fail(409, VECTORCHARTS_ERRORS.activeJob(jobType));
    const job = planJob(random, TEMPLATES[jobType], now(), {});
    add(job);
    return { status: 200, json: { jobId: job.record.id, jobState: 'pending' } };
  }

  return {
    vendor: 'vectorcharts',
    handle(request) {
      const path = request.path.replace(/\/+$/, '');
      if (path === `${PREFIX}/auth/login`) return request.method === 'POST' ? login(request) : fail(405, VECTORCHARTS_ERRORS.methodNotAllowed);
      if (!path.startsWith('/api/portal/')) return fail(404, VECTORCHARTS_ERRORS.notFound);
      const denied = authorize(request);
      if (denied) return denied;
      if (path !== `${PREFIX}/jobs`) return fail(404, VECTORCHARTS_ERRORS.notFound);
      if (request.method === 'GET') return listJobs(request.query);
      if (request.method === 'POST') return createJob(request);
      return fail(405, VECTORCHARTS_ERRORS.methodNotAllowed);
    },
    tick(time) {
      if (time < clock) return;
      while (arrivals && nextArrivalAt <= time) {
        advanceTo(nextArrivalAt);
        arrive(nextArrivalAt);
        prune();
        nextArrivalAt += arrivalGap(random);
      }
      advanceTo(time);
      prune();
      clock = time;
    },
    sourceConfig(url, name) {
      return { name, type: 'vectorcharts', url, username: VECTORCHARTS_DEMO_USERNAME, password: VECTORCHARTS_DEMO_PASSWORD };
    },
    jobs: () => newestFirst().map((job) => job.record),
    insertJob(fields) {
      const createdAt = fields.createdAt ?? now();
      const record: VectorChartsJobRecord = {
        id: randomUuid(insertRandom),
        parentJobId: null,
        jobType: 'clear-tiles',
        jobState: 'pending',
        accountId: null,
        parameters: {},
        result: null,
        logs: [],
        percentComplete: 0,
        priority: 0,
        createdAt,
        updatedAt: createdAt,
        steps: [],
        ...fields,
      };
      add({ record, seq: 0, events: [], next: 0 });
      return record;
    },
    revokeSessions: () => sessions.clear(),
  };
}

function fail(status: number, message: string): DemoResponse {
  return { status, json: { error: message } };
}

/** The parsed body, null for an empty one, undefined when it is not JSON. */
function parseJson(body: string): unknown {
  if (body.trim() === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function weightedType(random: () => number): string {
  const total = ARRIVAL_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [jobType, weight] of ARRIVAL_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return jobType;
  }
  return ARRIVAL_WEIGHTS[0][0];
}

/** Creation times of the jobs that exist at start, oldest first: a busy last few minutes, sparser before. */
function initialCreationTimes(random: () => number, count: number, start: number): number[] {
  const times: number[] = [];
  let at = start;
  for (let index = 0; index < count; index++) {
    at -= index < 8 ? 5_000 + Math.floor(random() * 30_000) : 60_000 + Math.floor(random() * 300_000);
    times.push(at);
  }
  return times.reverse();
}

function arrivalGap(random: () => number): number {
  return 10_000 + Math.floor(random() * 30_000);
}

function between(random: () => number, [min, max]: readonly [number, number]): number {
  return Math.round((min + random() * (max - min)) * 1000);
}

function log(record: VectorChartsJobRecord, at: number, type: VectorChartsLogRecord['type'], message: string): void {
  record.logs.push({ timestamp: new Date(at).toISOString(), type, message });
}

function progress(record: VectorChartsJobRecord, stepIndex: number, fraction: number, stepCount: number): void {
  // why: 100 only when the job completes; a running job never claims to be done.
  record.percentComplete = Math.max(record.percentComplete, Math.min(99, Math.floor(((stepIndex + fraction) / stepCount) * 100)));
}

function stepNote(random: () => number, stepName: string): string {
  const total = 40 + Math.floor(random() * 400);
  const done = Math.floor(total / 2);
  if (stepName === 'step_download_noaa') return `Downloaded ${done} of ${total} ENC cells from charts.noaa.gov`;
  if (stepName === 'step_build_tiles') return `Rendered ${done * 37} tiles for zoom levels 8-16`;
  if (stepName === 'step_vacuum') return `Vacuumed ${Math.floor(done / 20) + 1} of ${Math.floor(total / 20) + 2} tables`;
  if (stepName.startsWith('step_index')) return `Indexed ${done * 113} features`;
  if (stepName === 'step_receive_upload') return `Received ${done} of ${total} chunks`;
  if (stepName === 'step_unpack_archive') return `Unpacked ${done} of ${total} files`;
  if (stepName === 'step_validate_cells' || stepName === 'step_scan_encs') return `Checked ${Math.floor(done / 10) + 1} of ${Math.floor(total / 10) + 2} cells`;
  if (stepName === 'step_parse_s57') return `Parsed ${done * 50} of ${total * 50} S-57 records`;
  return `${stepName}: ${done} of ${total} items processed`;
}

/** Plans a job's whole lifecycle at creation: pending → running → completed | failed | cancelled. */
function planJob(random: () => number, template: JobTemplate, createdAt: number, parent: { id?: string; accountId?: number | null }): SimulatedJob {
  const id = randomUuid(random);
  const parameters = template.parameters(random);
  const record: VectorChartsJobRecord = {
    id,
    parentJobId: parent.id ?? null,
    jobType: template.jobType,
    jobState: 'pending',
    accountId: template.system ? null : parent.accountId ?? 1 + Math.floor(random() * 6),
    parameters,
    result: null,
    logs: [{ timestamp: new Date(createdAt).toISOString(), type: 'info', message: `Queued ${template.jobType}` }],
    percentComplete: 0,
    priority: template.priority,
    createdAt,
    updatedAt: createdAt,
    steps: [],
  };
  const roll = random();
  const outcome = roll < 0.78 ? 'completed' : roll < 0.9 ? 'failed' : 'cancelled';
  const events = planSteps(random, template, record, createdAt, outcome);
  return { record, seq: 0, events: outcome === 'cancelled' ? cancelPartway(random, events, createdAt) : events, next: 0 };
}

function planSteps(random: () => number, template: JobTemplate, record: VectorChartsJobRecord, createdAt: number, outcome: string): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  const stepCount = template.steps.length;
  const failingStep = outcome === 'failed' ? Math.floor(random() * stepCount) : -1;
  const worker = `worker-${1 + Math.floor(random() * 4)}`;
  let at = createdAt + 1000 + Math.floor(random() * 15_000);
  events.push({
    at,
    apply: (job, time) => {
      job.jobState = 'running';
      log(job, time, 'info', `Picked up by ${worker}`);
    },
  });
  let children: SimulatedJob[] = [];
  for (const [index, stepName] of template.steps.entries()) {
    let attempt = 1;
    if (random() < 0.12) {
      at = planFailedAttempt(random, events, record.id, stepName, at, pick(random, TRANSIENT_ERRORS), 'warning');
      attempt = 2;
    }
    if (index === failingStep) {
      planFailedAttempt(random, events, record.id, stepName, at, pick(random, template.failures), 'error', attempt);
      events.push({ at: events[events.length - 1].at, apply: (job) => void (job.jobState = 'failed') });
      return events;
    }
    const step = planStep(random, template, events, record, index, at, attempt);
    at = step.nextAt;
    children = step.children ?? children;
  }
  const ids = children.map((child) => child.record.id);
  const result = children.length > 0 ? { cellsFound: children.length, ingestionJobIds: ids } : template.result(random, record.parameters);
  events.push({
    at: at + 500,
    apply: (job, time) => {
      job.jobState = 'completed';
      job.percentComplete = 100;
      job.result = result;
      log(job, time, 'info', 'Job completed');
    },
  });
  return events;
}

/** One step attempt that fails partway; returns when the next attempt starts. */
function planFailedAttempt(random: () => number, events: PlannedEvent[], jobId: string, stepName: string, at: number, error: string, level: 'warning' | 'error', attempt = 1): number {
  const stepId = randomUuid(random);
  const failAt = at + 1000 + Math.floor(random() * 8000);
  events.push(startStep(stepId, jobId, stepName, at, attempt));
  const text = level === 'warning' ? `${stepName} attempt ${attempt} failed: ${error}; retrying` : `${stepName} failed: ${error}`;
  events.push({
    at: failAt,
    apply: (job, time) => {
      finishStep(job, stepId, time, 'failed', error);
      log(job, time, level, text);
    },
  });
  return failAt + 2000;
}

/** One step that succeeds, with progress, a note half way, maybe a warning, and an upload's children. */
function planStep(random: () => number, template: JobTemplate, events: PlannedEvent[], record: VectorChartsJobRecord, index: number, at: number, attempt: number): { nextAt: number; children?: SimulatedJob[] } {
  const stepName = template.steps[index];
  const stepCount = template.steps.length;
  const stepId = randomUuid(random);
  const duration = between(random, template.stepSeconds);
  const note = stepNote(random, stepName);
  const warning = random() < 0.15 ? pick(random, WARNINGS) : null;
  events.push(startStep(stepId, record.id, stepName, at, attempt));
  for (const fraction of [0.25, 0.5, 0.75]) {
    events.push({
      at: at + Math.round(duration * fraction),
      apply: (job, time) => {
        progress(job, index, fraction, stepCount);
        if (fraction === 0.5) log(job, time, 'info', note);
        if (fraction === 0.75 && warning) log(job, time, 'warning', warning);
      },
    });
  }
  const end = at + duration;
  const spawn = template.spawnsAfter === stepName ? planChildren(random, record, end) : undefined;
  events.push({
    at: end,
    spawn,
    apply: (job, time) => {
      finishStep(job, stepId, time, 'completed', null);
      progress(job, index + 1, 0, stepCount);
      log(job, time, 'info', `${stepName} completed in ${(duration / 1000).toFixed(1)}s`);
      if (spawn) {
        const step = job.steps.find((candidate) => candidate.id === stepId);
        if (step) step.result = { spawnedJobIds: spawn.map((child) => child.record.id) };
        log(job, time, 'info', `Spawned ${spawn.length} ingestion jobs`);
      }
    },
  });
  return { nextAt: end + 300, children: spawn };
}

function planChildren(random: () => number, parent: VectorChartsJobRecord, at: number): SimulatedJob[] {
  const count = 2 + Math.floor(random() * 4);
  const children: SimulatedJob[] = [];
  for (let index = 0; index < count; index++) {
    const child = planJob(random, TEMPLATES['ingest-enc-cell'], at, { id: parent.id, accountId: parent.accountId });
    child.record.parameters = { uploadId: parent.parameters.uploadId, cellName: pick(random, CELLS) };
    children.push(child);
  }
  return children;
}

function startStep(stepId: string, jobId: string, stepName: string, at: number, attempt: number): PlannedEvent {
  return {
    at,
    apply: (job, time) => {
      job.steps.push({ id: stepId, jobId, stepName, status: 'running', startedAt: time, completedAt: null, result: null, error: null, attempt });
      log(job, time, 'info', attempt > 1 ? `Retrying ${stepName} (attempt ${attempt})` : `Starting ${stepName}`);
    },
  };
}

function finishStep(job: VectorChartsJobRecord, stepId: string, at: number, status: string, error: string | null): void {
  const step = job.steps.find((candidate) => candidate.id === stepId);
  if (!step) return;
  step.status = status;
  step.completedAt = at;
  step.error = error;
}

/** Cuts a plan at a random moment (pending or running) and ends it with an administrator's cancel. */
function cancelPartway(random: () => number, events: PlannedEvent[], createdAt: number): PlannedEvent[] {
  const end = events[events.length - 1].at;
  // why: strictly before the last planned event, so a cancelled job never completes first.
  const cancelAt = createdAt + 500 + Math.floor(random() * Math.max(0, end - createdAt - 1000));
  const kept = events.filter((event) => event.at < cancelAt);
  kept.push({
    at: cancelAt,
    apply: (job, time) => {
      job.jobState = 'cancelled';
      for (const step of job.steps) if (step.status === 'running') Object.assign(step, { status: 'cancelled', completedAt: time });
      log(job, time, 'warning', 'Job cancelled by an administrator');
    },
  });
  return kept;
}
