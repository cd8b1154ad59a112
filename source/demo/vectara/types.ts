/** The Vectara simulator's job shape, its public interface and its stored (planned) jobs. */
import type { SimulatorOptions, VendorSimulator } from '../kit.js';

/** v2 job states. */
export type VectaraSimulatedState =
  'unknown' | 'queued' | 'started' | 'completed' | 'failed' | 'failed_will_retry' | 'aborted';
/** v2 job types. */
export type VectaraSimulatedType = 'rebuild_vector_index' | 'replace_filter_attributes' | 'unknown';

/** Every v2 job state, for validating the `state` filter. */
export const V2_STATES: readonly VectaraSimulatedState[] = [
  'unknown',
  'queued',
  'started',
  'completed',
  'failed',
  'failed_will_retry',
  'aborted',
];
/** States a job never leaves. */
export const TERMINAL: ReadonlySet<VectaraSimulatedState> = new Set(['completed', 'failed', 'aborted']);

/** One simulated job (timestamps epoch ms at whole seconds). */
export interface VectaraSimulatedJob {
  id: string;
  type: VectaraSimulatedType;
  corpusKeys: string[];
  /** The same corpora's v1 numeric ids. */
  corpusIds: number[];
  state: VectaraSimulatedState;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  /** null for system jobs (v2 omits `created_by_username`). */
  username: string | null;
}

/** The Vectara simulator with its test hooks. */
export interface VectaraSimulator extends VendorSimulator {
  /** Copies of the stored jobs, newest first. */
  readonly jobs: VectaraSimulatedJob[];
  /** Adds a job frozen in the given state (it never moves); returns it. */
  inject(job: Partial<VectaraSimulatedJob> & { state: VectaraSimulatedState }): VectaraSimulatedJob;
  /** Invalidates every issued OAuth token (v2 then answers 401, v1 UNAUTHENTICATED). */
  revokeTokens(): void;
  /** How many tokens `POST /oauth2/token` issued. */
  readonly tokensIssued: number;
}

/** Simulator options; `sourceApiVersion` picks the API the `sourceConfig` entry monitors. */
export interface VectaraSimulatorOptions extends SimulatorOptions {
  sourceApiVersion?: 'v2' | 'v1';
  /**
   * Pages hold at most half of what was asked (rounded up), still with a page key while jobs
   * remain — as a real v1 response carried a non-empty `pageKey` with 2 jobs. Default off.
   */
  shortPages?: boolean;
}

/** One planned state change. */
export interface LifecycleEvent {
  at: number;
  state: VectaraSimulatedState;
}

/** A job as stored: its creation order and planned lifecycle; `nextEvent` is the first not applied yet. */
export interface StoredJob extends VectaraSimulatedJob {
  sequence: number;
  events: LifecycleEvent[];
  nextEvent: number;
}

/** The job without the store's bookkeeping, its lists copied. */
export function publicCopy(job: StoredJob | VectaraSimulatedJob): VectaraSimulatedJob {
  const { id, type, corpusKeys, corpusIds, state, createdAt, startedAt, completedAt, username } = job;
  return {
    id,
    type,
    corpusKeys: [...corpusKeys],
    corpusIds: [...corpusIds],
    state,
    createdAt,
    startedAt,
    completedAt,
    username,
  };
}
