/**
 * The normalized job model every adapter produces and every view consumes.
 * Imports nothing: this is the bottom layer (docs/architecture.md).
 */

/**
 * The normalized lifecycle states, in the order the UI counts them: the one list every state
 * enumeration (counts, filters, flags, completion, docs) is built from.
 * `skipped` (OSAPI) is terminal and did no work: neither a failure nor a success.
 */
export const JOB_STATES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'partial',
  'skipped',
  'unknown',
] as const;

/** One of the normalized lifecycle states (docs/vendors.md, "The normalized job model"). */
export type JobState = (typeof JOB_STATES)[number];

/** The job systems jobtop speaks to; the value used in config `type:`. */
export const VENDORS = ['vectorcharts', 'osapi', 'vectara', 'mcrit', 'alteryx'] as const;

/** A configured source's vendor. */
export type Vendor = (typeof VENDORS)[number];

/** Source types described entirely in the config (paths, fields, states) instead of by a built-in adapter. */
export const DECLARED_TYPES = ['http-json'] as const;

/** A config `type:`: a built-in vendor or a declared type. */
export type SourceType = Vendor | (typeof DECLARED_TYPES)[number];

/** Every value config `type:` accepts. */
export const SOURCE_TYPES: readonly SourceType[] = [...VENDORS, ...DECLARED_TYPES];

/** Human names of the vendors (and declared types), for headers and messages. */
export const VENDOR_NAMES: Record<SourceType, string> = {
  vectorcharts: 'VectorCharts',
  osapi: 'OSAPI',
  vectara: 'Vectara',
  mcrit: 'MCRIT',
  alteryx: 'Alteryx',
  'http-json': 'HTTP JSON',
};

/**
 * A job's priority: the normalized rank (domain/priority.ts; sorting and filtering use it) beside
 * the vendor's own value — its number, or its label when it sends one ("Critical", "6").
 */
export interface Priority {
  /** low | normal | high | urgent; null when the vendor has no priority or the value is unmapped. */
  rank: 'low' | 'normal' | 'high' | 'urgent' | null;
  value: number | null;
  label: string | null;
}

/**
 * Extra facts that refine a state without changing it:
 * - `retrying`: running after a transient failure (Vectara `failed_will_retry`);
 * - `warnings`: succeeded with warnings (Alteryx disposition `Warning`);
 * - `needs-disposition`: terminal but the list could not tell how it ended (Alteryx list view);
 * - `had-error`: ended well but an error was recorded along the way.
 */
export type JobFlag = 'retrying' | 'warnings' | 'needs-disposition' | 'had-error';

/** One job as jobtop understands it, with the vendor's own record kept in `raw`. */
export interface Job {
  /** The configured source name. */
  source: string;
  /** The vendor's id for the job, as a string. */
  id: string;
  /** `source/id`: unique across the merged list; selection and marks use it. */
  key: string;
  vendor: SourceType;
  /** Job type, operation, method or workflow name. */
  type: string;
  state: JobState;
  /** The vendor's own state value (derived for MCRIT, status+disposition for Alteryx). */
  nativeState: string;
  /** True when the job can no longer change state. */
  terminal: boolean;
  flags: JobFlag[];
  priority: Priority;
  /** 0–100, or null when the vendor reports no progress (or no fraction). */
  progress: number | null;
  /**
   * A count of steps done that the vendor reports instead of a fraction (MCRIT without a total):
   * shown in the detail, never as a percentage. Undefined when the vendor reports a fraction or nothing.
   * why every normalizer sets it (undefined when there is no count) in the same place: Jobs with
   * the same fields in the same order share one V8 map, so the code reading them stays optimised;
   * a field only some jobs have gives those a second shape, and optimised code is thrown away and
   * compiled again as such jobs appear and as the last of them is collected (docs/performance.md
   * "Session 6: steady-state compiling").
   */
  progressSteps?: number;
  /** Epoch milliseconds, or null. */
  createdAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number | null;
  owner: string | null;
  host: string | null;
  parentId: string | null;
  error: string | null;
  /** The vendor record, untouched. */
  raw: unknown;
}

/** A sub-task of a job: a VectorCharts step or an OSAPI agent. */
export interface JobStep {
  name: string;
  status: string;
  /** The step's status mapped onto the job states, for colour and symbol. */
  state: JobState;
  attempt: number | null;
  host: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  error: string | null;
}

/** Severity of a job message. */
export type MessageLevel = 'debug' | 'info' | 'warning' | 'error';

/** One log line, timeline event or engine message of a job. */
export interface JobMessage {
  timestamp: number | null;
  level: MessageLevel;
  text: string;
  /** Where it came from: a host, a tool id, a step; null when the vendor does not say. */
  origin: string | null;
}

/** An output file or artefact of a job (Alteryx `outputs`). */
export interface JobOutput {
  id: string;
  name: string;
  formats: string[];
}

/**
 * A job with everything its source can tell about it. Fields the vendor cannot
 * fill are `null` (not empty), so a view can say "this source has no steps".
 */
export interface JobDetail extends Job {
  steps: JobStep[] | null;
  messages: JobMessage[] | null;
  /** The job's result value; `undefined` when the vendor has none to offer. */
  result: unknown;
  outputs: JobOutput[] | null;
  /**
   * Set when the job has a result that was not fetched because it is larger than the source's body
   * limit (`result` is then undefined): its size when the server said it, and the limit.
   */
  resultTooLarge?: { bytes: number | null; limitBytes: number };
  /** Ids of jobs whose parentId is this job (VectorCharts trees), filled by the store. */
  childIds?: string[];
}

/** Builds the merged-list key of a job. */
export function jobKey(source: string, id: string): string {
  return `${source}/${id}`;
}

/** Splits a `source/id` key at its first slash; null when it has none. */
export function parseJobKey(key: string): { source: string; id: string } | null {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return null;
  return { source: key.slice(0, slash), id: key.slice(slash + 1) };
}

/** True for states that are still moving (queued or running). */
export function isActiveState(state: JobState): boolean {
  return state === 'queued' || state === 'running';
}
