/**
 * What the store hands the UI: immutable snapshots of every source's health and jobs,
 * the merged job list, detail and action state. Views take these as props.
 */
import type { Job, JobDetail, JobState, SourceType } from '../domain/job.js';
import type { ActionKind, ActionOutcome, ServerCounters, SourceCapabilities } from '../adapters/contract.js';
import type { SourceErrorKind } from '../adapters/errors.js';

/** The last error of a source, as the health cell shows it. */
export interface SourceFailure {
  kind: SourceErrorKind;
  /** A few words: "401 unauthorized", "timeout", "HTML instead of JSON". */
  short: string;
  /** Full message naming the source, the request and the server's words (sanitize before display). */
  message: string;
  status?: number;
}

/** One source's state: health, last good data and its age. */
export interface SourceSnapshot {
  name: string;
  vendor: SourceType;
  url: string;
  /** loading: never answered yet; ok: last poll succeeded; error: last poll failed (jobs are the last good ones). */
  status: 'loading' | 'ok' | 'error';
  /** The last good jobs (kept while failing, marked stale by age). */
  jobs: readonly Job[];
  total: number | null;
  stateCounts: Partial<Record<JobState, number>> | null;
  /** The server's own counters (MCRIT /jobs/stats), labelled as such; never a job count. */
  serverCounters?: ServerCounters | null;
  /** Epoch ms of the last successful poll, or null. */
  lastSuccessAt: number | null;
  error: SourceFailure | null;
  /** The last list answered but enrichment failed: how many jobs have an unknown outcome, and why (the health cell says "degraded"). */
  incomplete?: { jobs: number; reason: string } | null;
  /** The last list fetched fewer jobs than the limit asked for (a page cap), and how many. */
  truncated?: { asked: number; fetched: number; reason: string } | null;
  consecutiveFailures: number;
  /** Epoch ms of the next scheduled poll (null while paused). */
  nextPollAt: number | null;
  /** The wait scheduled before that poll, in ms: the interval, or the backoff while failing. */
  nextPollDelayMs: number | null;
  intervalMs: number;
  readonly: boolean;
  insecure: boolean;
  capabilities: SourceCapabilities;
  /** Problems of the last good poll that cost fields, not the list (ListResult.warnings); absent = none. */
  warnings?: readonly string[];
  /** How long the last poll took (the list call, all its requests), ms; absent before the first. */
  lastLatencyMs?: number | null;
  /** Polls started in the last minute. */
  pollsLastMinute?: number;
  /** When the first poll of the current run of failures started (epoch ms); null while healthy. */
  failingSince?: number | null;
  /** What the source says about its own session (JobSource.session); absent or null when it cannot tell. */
  session?: SessionFigures | null;
}

/** A source's session as the sources screen shows it, sampled after each poll and when that screen is drawn. */
export interface SessionFigures {
  /** Requests of every kind (list pages, details, tokens, logins, actions) sent in the last minute. */
  requestsPerMinute: number;
  /** When its credential expires (epoch ms), where it knows; null otherwise. */
  tokenExpiresAt: number | null;
  /** true: the source fetches a new token by itself once this one expires (OAuth); false: a static token; null: not said. */
  tokenRenews: boolean | null;
}

/** A mutating action's life, shown on the row until a refresh confirms it. */
export interface PendingAction {
  id: number;
  kind: ActionKind;
  /** The locked target: source and id captured when the dialog opened. */
  jobKey: string;
  /** unknown: the request went out but no answer came (timeout, connection lost): it may or may not have happened. */
  status: 'requested' | 'done' | 'failed' | 'unknown';
  /** While unknown: the runner is re-reading the job to learn the outcome. */
  checking?: boolean;
  /** How an unknown outcome became known, or why it stays unknown ("a re-read shows the job cancelled"). */
  note?: string;
  /** The request as sent (`DELETE /v3/jobs/{id}` with the id), for the history. */
  request?: string;
  /** The HTTP status of a refusal, when the server answered one. */
  httpStatus?: number;
  /** The job's state when the action was requested: the row shows the action until a refresh shows another. */
  stateAtRequest: JobState | null;
  /** Type of the job when the action was requested (the job may vanish, e.g. Alteryx queued → deleted). */
  jobType: string | null;
  outcome?: ActionOutcome;
  /** The server's own message when it failed. */
  error?: string;
  at: number;
  /** When it became done or failed (epoch ms); the row shows a failure for a while after it. */
  settledAt?: number;
}

/** Everything the main screen needs, replaced (never mutated) when anything changes. */
export interface FleetSnapshot {
  sources: readonly SourceSnapshot[];
  /** All sources' jobs merged, in source order then list order (views sort). */
  jobs: readonly Job[];
  /** Keys whose state changed at the last refresh of their source, with when. */
  changed: ReadonlyMap<string, number>;
  paused: boolean;
  /** Poll interval applied to every source, ms. */
  intervalMs: number;
  actions: readonly PendingAction[];
}

/** Detail of one job, polled while the job is active. */
export interface DetailSnapshot {
  key: string;
  status: 'loading' | 'ok' | 'error' | 'gone';
  detail: JobDetail | null;
  error: SourceFailure | null;
  lastSuccessAt: number | null;
  /**
   * While the detail cannot be fetched and never was: what the job's last good list record carries
   * of it (VectorCharts inline logs and steps), for tabs to show as the list's, with its age.
   */
  listRecord?: JobDetail | null;
}

/** What a re-read found: per key the job now (null: gone), and per source that could not be read, why. */
export interface RecheckResult {
  at: number;
  jobs: ReadonlyMap<string, Job | null>;
  failures: ReadonlyMap<string, string>;
}

/** The store's interface as the UI uses it (a fake implements it in view tests). */
export interface FleetStoreApi {
  getSnapshot(): FleetSnapshot;
  subscribe(listener: () => void): () => void;
  /** Polls every source (or one) now. */
  refreshNow(source?: string): void;
  setPaused(paused: boolean): void;
  /** Sets the interval for all sources (clamped 500 ms – 5 min). */
  setIntervalMs(ms: number): void;
  /** Starts following one job's detail; returns the stop function. */
  watchDetail(key: string, listener: (snapshot: DetailSnapshot) => void): () => void;
  /** Runs an action once per job key (acting on `fresh` jobs when given, e.g. a dialog's re-read); resolves with every outcome. */
  runAction(kind: ActionKind, jobKeys: readonly string[], fresh?: ReadonlyMap<string, Job>): Promise<PendingAction[]>;
  /** Re-reads the given jobs now, bounded: one detail or list request per source (an action dialog's re-check). */
  recheck(jobKeys: readonly string[]): Promise<RecheckResult>;
  /** Reads every source's session now (the sources screen calls it when drawn); publishes only when a figure changed. */
  sampleSessions(): void;
  stop(): void;
}
