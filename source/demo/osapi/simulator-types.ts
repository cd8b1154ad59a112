/** The shapes of the simulated OSAPI world: KV status events, jobs, injected test jobs and the simulator's hooks. */
import type { SimulatorOptions, VendorSimulator } from '../kit.js';
import type { OsapiTokenOptions } from './token-signing.js';

/** A per-agent event name. */
export type OsapiAgentEvent = 'acknowledged' | 'started' | 'completed' | 'failed' | 'skipped';

/** One `status.<job>.<event>.<host>.<nanos>` KV entry. */
export interface OsapiStatusEvent {
  event: 'submitted' | OsapiAgentEvent | 'retried';
  hostname: string;
  /** Epoch ms of the write. */
  at: number;
  /** Nanoseconds beyond `at`, for RFC3339Nano stamps. */
  nanos: number;
  /** The stored raw timestamp string. */
  timestamp: string;
  error?: string;
  /** Agent response data (completed events). */
  data?: unknown;
  changed?: boolean | null;
  newJobId?: string;
}

/** One job of the simulated controller, for tests that inspect the world. */
export interface OsapiSimulatedJob {
  id: string;
  /** Epoch ms, truncated to the second like `created`. */
  createdAt: number;
  operation: { type: string; data?: unknown } | null;
  target: string;
  /** Written events (visible), in write order. */
  events: OsapiStatusEvent[];
  /** Planned events the agents will write later. */
  pending: OsapiStatusEvent[];
  /** False once deleted or expired: the `jobs.<id>` key is gone. */
  recordAlive: boolean;
  deleted: boolean;
  /** The status the plan leads to, and when the last agent finishes. */
  plannedStatus: string;
  plannedEndAt: number;
  retriedAs: string | null;
}

/** An agent of an injected job: how far it got. */
export interface OsapiInjectedAgent {
  host: string;
  outcome: OsapiAgentEvent;
  error?: string;
  data?: unknown;
  changed?: boolean | null;
  /** From `started` to the terminal event (default 1234 ms). */
  durationMs?: number;
}

/** A job written straight into the world, with all its events already visible (tests). */
export interface OsapiInjectedJob {
  id?: string;
  /** Epoch ms (default: one minute before the clock). */
  createdAt?: number;
  /** `null` writes a record without operation data (retry then answers 400). */
  operation?: { type: string; data?: unknown } | null;
  agents?: OsapiInjectedAgent[];
}

/** Options of the OSAPI simulator beyond the common ones. */
export interface OsapiSimulatorOptions extends SimulatorOptions {
  /** `/api` (default, current servers) or `""` (the old `/job` paths). */
  pathPrefix?: string;
  signingKey?: string;
  /** KV TTL in ms (default 1 h). */
  ttlMs?: number;
}

/** The OSAPI simulator with test hooks. */
export interface OsapiSimulator extends VendorSimulator {
  readonly pathPrefix: string;
  /** Every job still in memory (records alive or with lingering events), oldest first. */
  readonly jobs: readonly OsapiSimulatedJob[];
  /** The job-level status the API reports now, or undefined when the record is gone. */
  statusOf(id: string): string | undefined;
  /** Writes a job with its events at once; returns its id. */
  inject(job: OsapiInjectedJob): string;
  /** Empties the KV bucket (no keys at all). */
  clear(): void;
  /** Mints a token with the simulator's clock and signing key. */
  mintToken(options?: OsapiTokenOptions): string;
}
