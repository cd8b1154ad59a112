/** The public types of the MCRIT simulator: its options, the submit hook's input and its test hooks. */
import type { SimulatorOptions, VendorSimulator } from '../kit.js';
import type { McritJobDocument } from './job-document.js';

/** Simulator options: the common ones plus MCRIT's auth token and worker count. */
export interface McritSimulatorOptions extends SimulatorOptions {
  /** The token the server requires; `null` or '' disables auth (MCRIT's default). Default MCRIT_DEMO_TOKEN. */
  apiToken?: string | null;
  /** Workers taking jobs (default 3; 0 leaves every job where it is). */
  workers?: number;
  /**
   * Counters left over from jobs long gone, as a server that has run a while has them
   * (`{method: {state: n}}` added to /jobs/stats at start): the counters drift from the jobs that
   * exist. Default none; the demo fleet sets some.
   */
  staleCounters?: Record<string, Record<string, number>>;
  /**
   * Keep one finished getUniqueBlocks job (MCRIT_OVERSIZED_JOB_ID, the oldest job) whose result is
   * about 6 MB, over a client's default body limit; generated as it is sent. Default off; the demo
   * fleet sets it.
   */
  oversizedResult?: boolean;
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
