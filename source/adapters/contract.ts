/**
 * The contract every vendor adapter implements: list, detail, declared capabilities and
 * actions that say what they really do on that API (docs/keys.md, docs/vendors.md).
 */
import type { Job, JobDetail, JobState, SourceType } from '../domain/job.js';

/** The mutating actions jobtop knows. */
export type ActionKind = 'cancel' | 'delete' | 'retry';

/** Whether an action applies to a job, and if not, why. */
export type ActionAvailability = { ok: true; consequence: string } | { ok: false; reason: string };

/** An action as a source really offers it. */
export interface ActionSpec {
  kind: ActionKind;
  /** The name on the button and in the dialog: "Cancel", "Delete", "Retry". */
  label: string;
  /** The exact request it sends, for the dialog and docs: "DELETE /v3/jobs/{id}". */
  request: string;
  /** What the API really does, in one sentence. */
  consequence: string;
  /** Deleting needs a stronger confirmation than cancelling. */
  destructive: boolean;
  /** Per-job check (state-dependent consequence, e.g. Alteryx queued → deleted). */
  availability(job: Job): ActionAvailability;
}

/** What a source can do, declared rather than assumed. */
export interface SourceCapabilities {
  /** A per-job endpoint exists (or, for Vectara v1, a list filtered by id). */
  detail: boolean;
  steps: boolean;
  messages: boolean;
  result: boolean;
  /** Vendor-side counts beyond the fetched page (status_counts, /jobs/stats, totals). */
  stats: boolean;
  actions: Partial<Record<ActionKind, ActionSpec>>;
  /** Sentences for tabs the source cannot fill ("MCRIT has no per-job messages"). */
  missing: Partial<Record<'steps' | 'messages' | 'result', string>>;
}

/** One poll's worth of a source. */
export interface ListResult {
  /** The newest jobs, up to the source's limit, de-duplicated by id. */
  jobs: Job[];
  /** How many jobs the vendor says exist in all, when it says (null otherwise). */
  total: number | null;
  /** Vendor-provided counts by normalized state over all jobs, when it provides them. */
  stateCounts: Partial<Record<JobState, number>> | null;
  /** How many HTTP requests this poll made (list pages, stats, enrichment), for the bench. */
  requests: number;
  /**
   * Set when the list succeeded but enrichment the jobs need failed (e.g. Alteryx dispositions):
   * how many listed jobs have an unknown outcome because of it, and why. Absent = complete.
   */
  incomplete?: { jobs: number; reason: string };
  /**
   * Counters the server keeps about its own work (MCRIT `/jobs/stats`: incremented per method,
   * they drift): shown labelled as the server's counters, never as a job count or a denominator.
   */
  serverCounters?: ServerCounters;
  /**
   * Set when fewer jobs were fetched than the configured limit asked for because of a cap
   * (e.g. the page cap): what was asked, what was fetched, and why.
   */
  truncated?: { asked: number; fetched: number; reason: string };
  /**
   * Problems of this poll that cost fields, not the list (a declared field that resolved on no
   * item, state words the declaration does not map): one sentence each, per source, not per job.
   */
  warnings?: string[];
}

/** A server's own counters, by the vendor's state names, with the label they are shown under. */
export interface ServerCounters {
  /** e.g. "MCRIT /jobs/stats (per-method counters)". */
  label: string;
  /** Summed over methods, by the vendor's own state name. */
  counts: Record<string, number>;
}

/** What a source knows about its own session, for the sources screen. */
export interface SourceSession {
  /** HTTP requests this source has sent since it was created: list pages, details, tokens, logins, actions. */
  requests: number;
  /** When the credential it uses expires (epoch ms) where it knows: an OSAPI JWT's `exp`, an OAuth `expires_in`. */
  tokenExpiresAt: number | null;
  /** true: the source fetches a new token by itself once this one expires (OAuth client credentials); false: a static token that then stops working. */
  tokenRenews?: boolean;
}

/** What an action did, in the API's own words. */
export interface ActionOutcome {
  kind: ActionKind;
  /** What really happened: Alteryx "cancel" on a queued job is a delete. */
  effect: 'cancelled' | 'deleted' | 'retried';
  /** The server's own message, or a sentence built from the status. */
  message: string;
  /** Retry creates a new job (OSAPI). */
  newJobId?: string;
}

/** A configured, connected job source. */
export interface JobSource {
  readonly name: string;
  readonly vendor: SourceType;
  /** Base URL without credentials, for headers and `check`. */
  readonly url: string;
  readonly capabilities: SourceCapabilities;
  /** Fetches the newest jobs (throws SourceError). */
  list(signal?: AbortSignal): Promise<ListResult>;
  /** Fetches one job with everything known about it; null when the job no longer exists. */
  detail(id: string, signal?: AbortSignal): Promise<JobDetail | null>;
  /** Runs an action exactly once (never retried); throws SourceError with the server's message. */
  act(kind: ActionKind, job: Job): Promise<ActionOutcome>;
  /**
   * Streams a job's whole result into `file`, whatever its size (for results over the body limit,
   * `jobtop get SOURCE/ID --result FILE`). Only sources whose jobs have a result value offer it.
   */
  saveResult?(id: string, file: string, signal?: AbortSignal): Promise<{ bytes: number }>;
  /**
   * Ends the session and frees connections: a source that logged in (VectorCharts username/password)
   * logs out here, best effort and bounded in time. Called at the end of every one-shot command and
   * when the monitor exits (also on signals and terminal loss).
   */
  close(): Promise<void>;
  /** Its session so far (requests sent, token expiry); sources that cannot tell leave it out. */
  session?(): SourceSession;
  /**
   * What a job's list record itself carries of its detail (VectorCharts list items hold steps, logs
   * and result inline), so a tab whose detail could not be fetched can show it, marked as the list's.
   * Pure, no request. Sources whose list records carry nothing more leave it out.
   */
  listRecordDetail?(job: Job): JobDetail;
}

/** Options every adapter takes, from the config's global and per-source settings. */
export interface BaseSourceOptions {
  name: string;
  url: string;
  /** Jobs fetched per poll (default 200). */
  limit?: number;
  /** Per-job requests (Alteryx outcome look-ups) in flight at once (config `concurrency`, default 4). */
  concurrency?: number;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxBodyBytes?: number;
  readonly?: boolean;
  caFile?: string;
  insecure?: boolean;
}

/** Default jobs fetched per poll and per source. */
export const DEFAULT_LIMIT = 200;

/** Default per-job requests in flight at once per source (config `concurrency`). */
export const DEFAULT_CONCURRENCY = 4;

/** An action that is not available on any job of a source, with the reason shown on the key. */
export function unavailable(reason: string): ActionAvailability {
  return { ok: false, reason };
}
