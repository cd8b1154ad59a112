/**
 * An in-memory fake of Alteryx Server API v3 (shared/apis.md §5, seed 004), served under
 * `/webapi` exactly as a real server's "Web API address":
 *
 * - `POST /webapi/oauth2/token`: client credentials in the form or as Basic auth; tokens expire
 *   (configurable lifetime); bad credentials give 400 `{"error":"invalid_client"}`.
 * - `GET /webapi/v3/jobs`: `{data, pagination}` with offset/limit in and page numbers out, the
 *   documented filters (`statuses` takes `Complete`, the items say `Completed`), sort fields,
 *   no `disposition`, `priority` as a named or numeric string, `executionTime` as `[d.]HH:MM:SS`,
 *   times as ISO strings at second precision with `Z`.
 * - `GET /webapi/v3/jobs/{id}[?includeMessages=false]`, `GET /webapi/v3/jobs/{id}/messages` (an
 *   array), `GET /webapi/v3/workflows/{id}/jobs`.
 * - `DELETE /webapi/v3/jobs/{id}`: running → cancelled, queued → deleted, else the documented 400s.
 * - Every `/v3` call needs a live bearer token, else 401 with the ASP.NET message.
 *
 * Choices where the docs are silent ([INF] in apis.md): the default page size is 50 and
 * `limit` is capped at 100 (the applied value is echoed as `pageSize`); the default sort is
 * `CreateDate asc`; bad parameters give 400 `{"message":"The request is invalid."}`; a job that
 * has not started has `startTime: null` and `executionTime: "00:00:00"`; an active job's
 * disposition is `None`. The demo client acts as a Curator, except that jobs of the
 * `Payroll Service` run-as account (a private collection) refuse its cancel with the documented
 * permission message, so that refusal can be seen in the demo.
 */
import { createRandom, randomHex, type DemoRequest, type DemoResponse, type SimulatorOptions, type VendorSimulator } from './kit.js';

/** The API key the demo client authenticates with. */
export const ALTERYX_DEMO_CLIENT_ID = 'jobtop-demo-key';
/** The API secret that goes with ALTERYX_DEMO_CLIENT_ID. */
export const ALTERYX_DEMO_CLIENT_SECRET = 'jobtop-demo-secret-7c41';
/** Display name of the user the demo credentials belong to. */
export const ALTERYX_DEMO_USER = 'Dana Whitfield';
/** The run-as account whose jobs the demo client may not cancel. */
export const ALTERYX_PROTECTED_OWNER = 'Payroll Service';
/** The ASP.NET 401 body. */
export const ALTERYX_DENIED_MESSAGE = 'Authorization has been denied for this request.';

/** Job statuses as the server reports them. */
export type AlteryxStatus = 'Created' | 'Queued' | 'Initializing' | 'Running' | 'Completed' | 'Cancelled';
/** How a job ended (`None` while it has not). */
export type AlteryxDisposition = 'None' | 'Success' | 'Warning' | 'Error' | 'Cancelled';

/** One engine message as the API returns it. */
export interface AlteryxEngineMessage {
  status: number;
  text: string;
  toolId: number;
}

/** One output file as the API returns it. */
export interface AlteryxOutputFile {
  id: string;
  availableFormats: string[];
  fileName: string;
}

/** A job held by the simulator. */
export interface AlteryxSimulatedJob {
  id: string;
  workflowId: string;
  workflowName: string;
  submittedBy: string;
  userId: string;
  /** As the list shows it: "Low".."Critical", "Default" or a numeric string. */
  priority: string;
  status: AlteryxStatus;
  disposition: AlteryxDisposition;
  /** How the run will end when it finishes on its own. */
  outcome: Exclude<AlteryxDisposition, 'None'>;
  queuedAt: number;
  /** When the current status began. */
  statusSince: number;
  /** When a worker picked it up (Initializing began); null before. */
  startedAt: number | null;
  finishedAt: number | null;
  initializingMs: number;
  runMs: number;
  messages: AlteryxEngineMessage[];
  /** Messages still to come while it runs, by offset from the start of Running. */
  script: { atMs: number; message: AlteryxEngineMessage }[];
  outputs: AlteryxOutputFile[];
  workerTag: string;
  runWithE2: boolean;
}

/** Fields a test may fix when injecting a job; the rest is generated. */
export interface AlteryxJobSeed {
  id?: string;
  workflowName?: string;
  submittedBy?: string;
  priority?: string;
  status?: AlteryxStatus;
  /** For Completed jobs: how it ended (default from the generator). */
  disposition?: Exclude<AlteryxDisposition, 'None'>;
  queuedAt?: number;
  startedAt?: number;
  /** Total run time of a finished job, or planned run time of an active one. */
  runMs?: number;
}

/** Simulator options beyond the shared ones. */
export interface AlteryxSimulatorOptions extends SimulatorOptions {
  /** Token lifetime in seconds (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Largest page size the server applies (default 100). */
  maxPageSize?: number;
}

/** The simulator with its test hooks. */
export interface AlteryxSimulator extends VendorSimulator {
  /** The jobs, oldest first (live objects: do not mutate). */
  readonly jobs: readonly AlteryxSimulatedJob[];
  /** Adds a job in a chosen state (tests), returning it. */
  inject(seed?: AlteryxJobSeed): AlteryxSimulatedJob;
  /** Makes every issued token invalid at once (an admin revoked access). */
  revokeTokens(): void;
}

const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_MAX_PAGE_SIZE = 100;
const WORKER_SLOTS = 4;
const CREATED_MS = 2_000;
const MIN_QUEUE_MS = 3_000;
/** Arrivals pause while this many jobs wait, so a long demo cannot pile up an endless queue. */
const MAX_WAITING = 12;
const TRANSIENT_BIT = 0x40000000;
const INVALID_REQUEST = { message: 'The request is invalid.' };

interface Workflow {
  id: string;
  name: string;
  input: string;
  output: string;
}

const WORKFLOW_FILES: [name: string, input: string, output: string][] = [
  ['Daily Sales.yxmd', 'sales\\daily_sales.csv', 'sales_summary.csv'],
  ['ETL Customers.yxwz', 'crm\\customers_export.xlsx', 'customers_clean.yxdb'],
  ['Inventory Snapshot.yxmd', 'erp\\inventory.csv', 'inventory_snapshot.csv'],
  ['Marketing Attribution.yxmd', 'marketing\\touchpoints.csv', 'attribution.xlsx'],
  ['Churn Scoring.yxmd', 'crm\\subscriptions.yxdb', 'churn_scores.csv'],
  ['Weekly KPI Pack.yxwz', 'finance\\kpi_inputs.xlsx', 'kpi_pack.xlsx'],
  ['Supplier Invoices.yxmd', 'ap\\invoices.csv', 'invoice_matches.yxdb'],
  ['Geo Enrichment.yxmd', 'crm\\addresses.csv', 'geocoded.yxdb'],
  ['Data Quality Checks.yxmd', 'dw\\dq_rules.csv', 'dq_report.csv'],
  ['Payroll Export.yxmd', 'hr\\payroll_period.csv', 'payroll_bank_file.csv'],
];

const USER_NAMES = [ALTERYX_DEMO_USER, 'Priya Raman', 'Marcus Lee', 'Jane Doe', 'Tomás Ortega', 'Aiko Tanaka', ALTERYX_PROTECTED_OWNER];
const PRIORITIES = ['Default', 'Default', 'Default', '0', 'Low', 'Medium', '1', 'High', '2', 'Critical', '6'];
const PRIORITY_LEVELS: Record<string, number> = { default: 0, low: 0, normal: 0, medium: 1, high: 2, critical: 3 };
const DETAIL_PRIORITY_NAMES = ['Low', 'Medium', 'High', 'Critical'];
const ERRORS = [
  'Error opening connection "dw-sql01": [Microsoft][ODBC Driver 17 for SQL Server]Login timeout expired',
  'Access to the path "\\\\fileshare\\analytics\\out" is denied.',
  'The field "Region" is missing. Compare the field names to the previous run.',
  'Tool #7: Not enough memory to sort 18,204,331 records.',
];
const SORT_FIELDS = ['createdate', 'appname', 'completiondatetime', 'priority', 'status'];
const STATUS_FILTERS: Record<string, AlteryxStatus> = { queued: 'Queued', initializing: 'Initializing', running: 'Running', complete: 'Completed' };

/** Formats epoch ms as the list's ISO timestamps: second precision with `Z`. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Formats a duration as a .NET TimeSpan: `HH:MM:SS`, with a `d.` prefix past a day. */
export function formatTimeSpan(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (value: number) => String(value).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

/** The numeric level of a list priority string (Default/Low 0 … Critical 3, numbers as they are). */
function priorityLevel(priority: string): number {
  return PRIORITY_LEVELS[priority.toLowerCase()] ?? (Number.isFinite(Number(priority)) ? Number(priority) : 0);
}

/** The detail's priority: always named (Default|Low|Medium|High|Critical). */
function detailPriority(priority: string): string {
  if (PRIORITY_LEVELS[priority.toLowerCase()] !== undefined) return priority;
  return DETAIL_PRIORITY_NAMES[Number(priority)] ?? 'Default';
}

/** Reads a multi-valued query parameter: repeated keys and comma lists both work. */
function multiParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** A non-negative integer parameter, its default when absent, or null when malformed. */
function countParam(query: URLSearchParams, name: string, fallback: number): number | null {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value.trim()) ? Number(value) : null;
}

/** Creates the Alteryx Server v3 simulator. */
export function createAlteryxSimulator(options: AlteryxSimulatorOptions = {}): AlteryxSimulator {
  const now = options.now ?? Date.now;
  const random = createRandom(options.seed ?? 1);
  const tokenRandom = createRandom((options.seed ?? 1) ^ 0x5eed);
  const startCount = options.jobCount ?? 40;
  const jobCap = Math.max(2 * startCount, 20);
  const tokenLifetimeMs = (options.tokenLifetimeSeconds ?? 3600) * 1000;
  const maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
  const tokens = new Map<string, number>();
  const users = USER_NAMES.map((name) => ({ name, id: randomHex(random, 24) }));
  const workflows: Workflow[] = WORKFLOW_FILES.map(([name, input, output]) => ({ id: randomHex(random, 24), name, input, output }));
  let jobs: AlteryxSimulatedJob[] = [];
  let idCounter = 0;

  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const chance = (probability: number) => random() < probability;

  function newId(at: number): string {
    // why: ObjectIds start with their creation time in seconds, so ids sort like creation dates.
    idCounter = (idCounter + 1) % 0x1000;
    return Math.floor(at / 1000).toString(16).padStart(8, '0') + randomHex(random, 13) + idCounter.toString(16).padStart(3, '0');
  }

  function pickOutcome(): Exclude<AlteryxDisposition, 'None'> {
    const roll = random();
    return roll < 0.7 ? 'Success' : roll < 0.83 ? 'Warning' : roll < 0.97 ? 'Error' : 'Cancelled';
  }

  function ownerFor(workflow: Workflow): string {
    if (workflow.name === 'Payroll Export.yxmd') return ALTERYX_PROTECTED_OWNER;
    return USER_NAMES[Math.floor(random() * (USER_NAMES.length - 1))];
  }

  /** Plans the engine messages of a run, spread over `runMs`. */
  function planScript(job: AlteryxSimulatedJob, workflow: Workflow): ScriptEntries {
    const records = between(1_000, 250_000);
    const at = (fraction: number) => Math.round(job.runMs * fraction);
    const script: ScriptEntries = [
      { atMs: 0, message: { status: 1, text: `Started running ${workflow.name}`, toolId: 0 } },
      { atMs: at(0.05), message: { status: 8, text: `\\\\fileshare\\analytics\\${workflow.input}`, toolId: 1 } },
      { atMs: at(0.2), message: { status: 1 | TRANSIENT_BIT, text: 'Input Data (1): Reading records (40%)', toolId: 1 } },
      { atMs: at(0.35), message: { status: 50, text: `Input Data (1): ${records.toLocaleString('en-US')} records were read`, toolId: 1 } },
      { atMs: at(0.5), message: { status: 1, text: `Formula (4): ${between(1, 6)} fields updated`, toolId: 4 } },
    ];
    if (job.outcome === 'Warning') {
      script.push({ atMs: at(0.6), message: { status: 5, text: 'Select (3): ConvError: Revenue: "n/a" is not a valid Double', toolId: 3 } });
      script.push({ atMs: at(0.7), message: { status: 2, text: `Join (6): ${between(2, 900)} records from the Left input were unjoined`, toolId: 6 } });
    }
    return script;
  }

  /** The messages and outputs a run adds when it ends. */
  function finish(job: AlteryxSimulatedJob, at: number, disposition: Exclude<AlteryxDisposition, 'None'>): void {
    const workflow = workflows.find((candidate) => candidate.id === job.workflowId) ?? workflows[0];
    job.messages.push(...job.script.map((entry) => entry.message));
    job.script = [];
    const seconds = ((at - (job.startedAt ?? at)) / 1000).toFixed(1);
    if (disposition === 'Error') {
      job.messages.push({ status: 3, text: `Output Data (7): ${ERRORS[Math.floor(random() * ERRORS.length)]}`, toolId: 7 });
      job.messages.push({ status: 4, text: `Finished in ${seconds} seconds with 1 error`, toolId: 0 });
    } else if (disposition === 'Cancelled') {
      job.messages.push({ status: 3, text: 'The job was cancelled: it ran longer than the 30 minute time limit', toolId: 0 });
    } else {
      const written = between(100, 50_000).toLocaleString('en-US');
      job.messages.push({ status: 9, text: `\\\\fileshare\\analytics\\out\\${workflow.output}|${written} records were written`, toolId: 9 });
      const warnings = disposition === 'Warning' ? 'with 2 warnings' : 'with 0 errors';
      job.messages.push({ status: 4, text: `Finished in ${seconds} seconds ${warnings}`, toolId: 0 });
      const extension = workflow.output.slice(workflow.output.lastIndexOf('.') + 1);
      const format = extension === 'yxdb' ? 'Yxdb' : extension === 'xlsx' ? 'Xlsx' : 'Csv';
      job.outputs = [{ id: randomHex(random, 24), availableFormats: [format, ...(format === 'Csv' ? ['Yxdb'] : ['Csv'])], fileName: workflow.output }];
    }
    job.status = 'Completed';
    job.disposition = disposition;
    job.finishedAt = at;
    job.statusSince = at;
  }

  function createJob(seed: AlteryxJobSeed, at: number): AlteryxSimulatedJob {
    const workflow = workflows.find((candidate) => candidate.name === seed.workflowName) ?? workflows[Math.floor(random() * workflows.length)];
    const submittedBy = seed.submittedBy ?? ownerFor(workflow);
    const queuedAt = seed.queuedAt ?? at;
    const job: AlteryxSimulatedJob = {
      id: seed.id ?? newId(queuedAt),
      workflowId: workflow.id,
      workflowName: seed.workflowName ?? workflow.name,
      submittedBy,
      userId: users.find((user) => user.name === submittedBy)?.id ?? randomHex(random, 24),
      priority: seed.priority ?? PRIORITIES[Math.floor(random() * PRIORITIES.length)],
      status: 'Queued',
      disposition: 'None',
      outcome: seed.disposition ?? pickOutcome(),
      queuedAt,
      statusSince: queuedAt,
      startedAt: null,
      finishedAt: null,
      initializingMs: between(1_500, 5_000),
      runMs: seed.runMs ?? between(10_000, 150_000),
      messages: [],
      script: [],
      outputs: [],
      workerTag: chance(0.2) ? 'finance' : '',
      runWithE2: chance(0.5),
    };
    job.script = planScript(job, workflow);
    return job;
  }

  /** Puts a job into `status` as of `at`, with the history that implies (a finished run ends by `at`). */
  function placeJob(job: AlteryxSimulatedJob, status: AlteryxStatus, at: number, startedAt?: number): void {
    if (status === 'Created' || status === 'Queued') {
      job.status = status;
      job.statusSince = status === 'Queued' && at - job.queuedAt >= CREATED_MS ? job.queuedAt + CREATED_MS : at;
      return;
    }
    job.startedAt = startedAt ?? Math.min(at, job.queuedAt + between(MIN_QUEUE_MS, 60_000));
    if (status === 'Initializing') {
      job.status = 'Initializing';
      job.statusSince = job.startedAt;
      return;
    }
    job.status = 'Running';
    job.statusSince = Math.min(at, job.startedAt + job.initializingMs);
    if (status === 'Running') {
      // why: a job placed as running must still be running at `at`.
      job.runMs = Math.max(job.runMs, at - job.statusSince + 30_000);
      emitScript(job, at);
      return;
    }
    job.runMs = Math.max(1_000, Math.min(job.runMs, at - job.statusSince));
    if (status === 'Completed') finish(job, job.statusSince + job.runMs, job.outcome);
    else cancelRunning(job, job.statusSince + Math.round(job.runMs / 2));
  }

  function emitScript(job: AlteryxSimulatedJob, at: number): void {
    const elapsed = at - job.statusSince;
    while (job.script.length > 0 && job.script[0].atMs <= elapsed) job.messages.push(job.script.shift()!.message);
  }

  function cancelRunning(job: AlteryxSimulatedJob, at: number): void {
    job.script = [];
    job.messages.push({ status: 1, text: 'The job was cancelled by the user.', toolId: 0 });
    job.status = 'Cancelled';
    job.disposition = 'Cancelled';
    job.finishedAt = at;
    job.statusSince = at;
  }

  /** The status of the `index`-th newest starting job: the newest queued, a few running, the rest history. */
  function startingStatus(index: number): AlteryxStatus {
    const queued = Math.min(4, Math.floor(startCount / 8));
    const active = Math.min(WORKER_SLOTS, Math.floor(startCount / 8));
    if (index === 0 && startCount >= 8) return 'Created';
    if (index <= queued) return 'Queued';
    if (index === queued + 1 && active > 0) return 'Initializing';
    if (index <= queued + active) return 'Running';
    if (index === startCount - 1) return 'Completed';
    return chance(0.04) ? 'Cancelled' : 'Completed';
  }

  /** The starting population, newest first in time, spread over the last hours. */
  function populate(at: number): void {
    let cursor = at;
    for (let index = 0; index < startCount; index++) {
      cursor -= between(60_000, 360_000);
      // why: the oldest job is a 26-hour run, to show the `d.HH:MM:SS` execution time format.
      const long = index === startCount - 1 && startCount >= 10;
      const job = createJob(long ? { queuedAt: at - 30 * 3_600_000, runMs: 26 * 3_600_000 + 7 * 60_000 + 12_000 } : { queuedAt: cursor }, at);
      const status = startingStatus(index);
      if (status === 'Running') job.runMs = Math.max(job.runMs, at - cursor + between(30_000, 300_000));
      placeJob(job, status, at, status === 'Initializing' ? at - 1_000 : undefined);
      jobs.push(job);
    }
    jobs.sort((left, right) => left.queuedAt - right.queuedAt);
  }

  let nextArrivalAt = 0;
  // why: 4 workers finish a run every ~21 s on average; arrivals every ~25 s keep them busy with a short queue.
  const arrivalGap = () => between(10_000, 40_000);

  function arrive(at: number): void {
    if (options.arrivals === false) return;
    let added = 0;
    const waiting = jobs.filter((job) => job.status === 'Created' || job.status === 'Queued').length;
    while (nextArrivalAt <= at && added < 20 && waiting + added < MAX_WAITING) {
      const job = createJob({}, nextArrivalAt);
      placeJob(job, chance(0.25) ? 'Created' : 'Queued', nextArrivalAt);
      jobs.push(job);
      nextArrivalAt += arrivalGap();
      added++;
    }
    if (nextArrivalAt <= at) nextArrivalAt = at + arrivalGap();
  }

  function advance(job: AlteryxSimulatedJob, at: number): void {
    if (job.status === 'Created' && at >= job.statusSince + CREATED_MS) {
      job.status = 'Queued';
      job.statusSince += CREATED_MS;
    }
    if (job.status === 'Initializing' && at >= job.statusSince + job.initializingMs) {
      job.status = 'Running';
      job.statusSince += job.initializingMs;
    }
    if (job.status === 'Running') {
      if (at >= job.statusSince + job.runMs) finish(job, job.statusSince + job.runMs, job.outcome);
      else emitScript(job, at);
    }
  }

  /** Hands free worker slots to queued jobs: highest priority first, then oldest. */
  function schedule(at: number): void {
    let busy = jobs.filter((job) => job.status === 'Initializing' || job.status === 'Running').length;
    const waiting = jobs
      .filter((job) => job.status === 'Queued' && at >= job.queuedAt + MIN_QUEUE_MS)
      .sort((left, right) => priorityLevel(right.priority) - priorityLevel(left.priority) || left.queuedAt - right.queuedAt);
    for (const job of waiting) {
      if (busy >= WORKER_SLOTS) break;
      job.status = 'Initializing';
      job.startedAt = at;
      job.statusSince = at;
      busy++;
    }
  }

  /** Drops the oldest finished jobs beyond the cap so hours of demo stay bounded. */
  function prune(): void {
    let excess = jobs.length - jobCap;
    if (excess <= 0) return;
    jobs = jobs.filter((job) => {
      if (excess > 0 && (job.status === 'Completed' || job.status === 'Cancelled')) {
        excess--;
        return false;
      }
      return true;
    });
  }

  function authorized(request: DemoRequest): boolean {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^bearer /i.test(header) ? header.slice(7).trim() : null;
    const expiresAt = token === null ? undefined : tokens.get(token);
    return expiresAt !== undefined && now() < expiresAt;
  }

  function issueToken(request: DemoRequest): DemoResponse {
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, json: { error: 'unsupported_grant_type' } };
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const header = request.headers.authorization;
    if (typeof header === 'string' && /^basic /i.test(header)) {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decoded.slice(0, colon);
      clientSecret = decoded.slice(colon + 1);
    }
    if (clientId !== ALTERYX_DEMO_CLIENT_ID || clientSecret !== ALTERYX_DEMO_CLIENT_SECRET) return { status: 400, json: { error: 'invalid_client' } };
    for (const [token, expiresAt] of tokens) if (expiresAt <= now()) tokens.delete(token);
    const token = randomHex(tokenRandom, 48);
    tokens.set(token, now() + tokenLifetimeMs);
    return { status: 200, json: { access_token: token, token_type: 'bearer', expires_in: Math.round(tokenLifetimeMs / 1000) }, headers: { 'cache-control': 'no-store' } };
  }

  function listItem(job: AlteryxSimulatedJob, at: number): Record<string, unknown> {
    const end = job.finishedAt ?? at;
    return {
      jobId: job.id,
      status: job.status,
      workflowName: job.workflowName,
      workflowId: job.workflowId,
      submittedBy: job.submittedBy,
      startTime: job.startedAt === null ? null : isoSeconds(job.startedAt),
      queueTime: isoSeconds(job.queuedAt),
      executionTime: formatTimeSpan(job.startedAt === null ? 0 : end - job.startedAt),
      priority: job.priority,
    };
  }

  function detailBody(job: AlteryxSimulatedJob, includeMessages: boolean): Record<string, unknown> {
    const body: Record<string, unknown> = {
      id: job.id,
      appId: job.workflowId,
      createDateTime: new Date(job.queuedAt).toISOString(),
      status: job.status,
      disposition: job.disposition,
      outputs: job.outputs,
      priority: detailPriority(job.priority),
      workerTag: job.workerTag,
      runWithE2: job.runWithE2,
    };
    if (includeMessages) body.messages = job.messages;
    return body;
  }

  /** Applies the documented filters; null when a value is not one the server accepts. */
  function filterJobs(query: URLSearchParams): AlteryxSimulatedJob[] | null {
    const allUsers = query.get('allUsers')?.toLowerCase() === 'true';
    const statuses = multiParam(query, 'statuses').map((value) => STATUS_FILTERS[value.toLowerCase()]);
    const priorities = multiParam(query, 'priorities').map((value) => PRIORITY_LEVELS[value.toLowerCase()] ?? (/^\d+$/.test(value) ? Number(value) : undefined));
    const userIds = allUsers ? multiParam(query, 'users') : [];
    const names = multiParam(query, 'workflowNames');
    const before = query.get('completedBefore');
    const after = query.get('completedAfter');
    if (statuses.some((status) => status === undefined) || priorities.some((level) => level === undefined)) return null;
    if ([before, after].some((date) => date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date))) return null;
    const completedDay = (job: AlteryxSimulatedJob) => (job.finishedAt === null ? null : new Date(job.finishedAt).toISOString().slice(0, 10));
    return jobs.filter((job) => {
      if (!allUsers && job.submittedBy !== ALTERYX_DEMO_USER) return false;
      if (userIds.length > 0 && !userIds.includes(job.userId)) return false;
      if (statuses.length > 0 && !statuses.includes(job.status)) return false;
      if (priorities.length > 0 && !priorities.includes(priorityLevel(job.priority))) return false;
      if (names.length > 0 && !names.includes(job.workflowName)) return false;
      const day = completedDay(job);
      if (before !== null && (day === null || day >= before)) return false;
      if (after !== null && (day === null || day <= after)) return false;
      return true;
    });
  }

  function sortJobs(selected: AlteryxSimulatedJob[], field: string, descending: boolean): AlteryxSimulatedJob[] {
    const keyOf = (job: AlteryxSimulatedJob): number | string => {
      if (field === 'appname') return job.workflowName.toLowerCase();
      if (field === 'completiondatetime') return job.finishedAt ?? Number.MAX_SAFE_INTEGER;
      if (field === 'priority') return priorityLevel(job.priority);
      if (field === 'status') return job.status;
      return job.queuedAt;
    };
    const sorted = [...selected].sort((left, right) => {
      const leftKey = keyOf(left);
      const rightKey = keyOf(right);
      return leftKey < rightKey ? -1 : leftKey > rightKey ? 1 : left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
    });
    return descending ? sorted.reverse() : sorted;
  }

  function listJobs(query: URLSearchParams): DemoResponse {
    const offset = countParam(query, 'offset', 0);
    const requested = countParam(query, 'limit', DEFAULT_PAGE_SIZE);
    const sortField = (query.get('sortField') ?? 'CreateDate').toLowerCase();
    const direction = (query.get('direction') ?? 'asc').toLowerCase();
    const selected = filterJobs(query);
    if (offset === null || requested === null || requested < 1 || !SORT_FIELDS.includes(sortField) || !['asc', 'desc'].includes(direction) || selected === null) {
      return { status: 400, json: INVALID_REQUEST };
    }
    const limit = Math.min(requested, maxPageSize);
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
    if (job.status !== 'Queued' && job.status !== 'Running') return { status: 400, json: { message: "This job is not in 'Queued' or 'Running' state." } };
    if (job.submittedBy === ALTERYX_PROTECTED_OWNER) return { status: 400, json: { message: 'You do not have permission to cancel this job.' } };
    if (job.status === 'Queued') {
      jobs = jobs.filter((candidate) => candidate !== job);
      return { status: 200, json: { message: 'Deleted Successfully.' } };
    }
    cancelRunning(job, now());
    return { status: 200, json: { message: 'Cancelled Successfully.' } };
  }

  function workflowJobs(workflowId: string, query: URLSearchParams): DemoResponse {
    if (!workflows.some((workflow) => workflow.id === workflowId)) return { status: 404, json: { message: 'Workflow not found.' } };
    const offset = countParam(query, 'offset', 0);
    const limit = countParam(query, 'limit', DEFAULT_PAGE_SIZE);
    if (offset === null || limit === null) return { status: 400, json: INVALID_REQUEST };
    const views = sortJobs(jobs.filter((job) => job.workflowId === workflowId), 'createdate', true)
      .slice(offset, offset + Math.min(limit, maxPageSize))
      .map((job) => ({ id: job.id, createDate: new Date(job.queuedAt).toISOString(), status: job.status, priority: detailPriority(job.priority), workerTag: job.workerTag, runWithE2: job.runWithE2 }));
    return { status: 200, json: views };
  }

  function jobRoute(request: DemoRequest, id: string, rest: string | undefined): DemoResponse {
    const job = jobs.find((candidate) => candidate.id === id);
    const notFound: DemoResponse = { status: 404, json: { message: `Job '${id}' was not found.` } };
    if (rest === 'messages' && request.method === 'GET') return job ? { status: 200, json: job.messages } : notFound;
    if (rest !== undefined) return noRoute(request);
    if (request.method === 'DELETE') return job ? cancelJob(job) : notFound;
    if (request.method !== 'GET') return notAllowed(request);
    const includeMessages = request.query.get('includeMessages');
    if (includeMessages !== null && !['', 'true', 'false'].includes(includeMessages.toLowerCase())) return { status: 400, json: INVALID_REQUEST };
    return job ? { status: 200, json: detailBody(job, includeMessages?.toLowerCase() !== 'false') } : notFound;
  }

  function route(request: DemoRequest): DemoResponse {
    if (request.path === '/webapi/oauth2/token') return request.method === 'POST' ? issueToken(request) : notAllowed(request);
    if (!request.path.startsWith('/webapi/v3/')) return noRoute(request);
    if (!authorized(request)) return { status: 401, json: { message: ALTERYX_DENIED_MESSAGE }, headers: { 'www-authenticate': 'Bearer' } };
    const segments = request.path.slice('/webapi/v3/'.length).split('/').map(decodeSegment);
    if (segments[0] === 'jobs' && segments.length === 1) return request.method === 'GET' ? listJobs(request.query) : notAllowed(request);
    if (segments[0] === 'jobs' && segments.length <= 3) return jobRoute(request, segments[1], segments[2]);
    if (segments[0] === 'workflows' && segments[2] === 'jobs' && segments.length === 3 && request.method === 'GET') return workflowJobs(segments[1], request.query);
    return noRoute(request);
  }

  const startedAt = now();
  populate(startedAt);
  nextArrivalAt = startedAt + arrivalGap();

  return {
    vendor: 'alteryx',
    get jobs() {
      return jobs;
    },
    handle: route,
    tick(at: number) {
      arrive(at);
      for (const job of jobs) advance(job, at);
      schedule(at);
      prune();
    },
    sourceConfig(url: string, name: string) {
      return { name, type: 'alteryx', url, clientId: ALTERYX_DEMO_CLIENT_ID, clientSecret: ALTERYX_DEMO_CLIENT_SECRET };
    },
    inject(seed: AlteryxJobSeed = {}) {
      const at = now();
      const finished = seed.status === 'Completed' || seed.status === 'Cancelled';
      const job = createJob({ ...seed, queuedAt: seed.queuedAt ?? at - (finished ? 600_000 : 60_000) }, at);
      placeJob(job, seed.status ?? 'Queued', at, seed.startedAt);
      jobs.push(job);
      jobs.sort((left, right) => left.queuedAt - right.queuedAt);
      return job;
    },
    revokeTokens() {
      tokens.clear();
    },
  };
}

type ScriptEntries = AlteryxSimulatedJob['script'];

/** Percent-decodes a path segment; a malformed one is kept as sent (and then matches nothing). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function noRoute(request: DemoRequest): DemoResponse {
  return { status: 404, json: { message: `No HTTP resource was found that matches the request URI '${request.path}'.` } };
}

function notAllowed(request: DemoRequest): DemoResponse {
  return { status: 405, json: { message: `The requested resource does not support http method '${request.method}'.` } };
}
