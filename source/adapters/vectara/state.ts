/** Vectara's v2 states, v1 state names and v1 proto numbers mapped onto jobtop's states (docs/vendors.md). */
import type { JobFlag, JobState } from '../../domain/job.js';

/** A native state mapped onto jobtop's states. */
export interface VectaraStateMapping {
  state: JobState;
  terminal: boolean;
  flags: JobFlag[];
}

/** v1 state names with their proto numbers (admin_job.proto). */
export const VECTARA_V1_STATE_NUMBERS: Readonly<Record<string, number>> = {
  JOB_STATE__UNKNOWN: 0,
  JOB_STATE__QUEUED: 5,
  JOB_STATE__STARTED: 10,
  JOB_STATE__COMPLETED: 15,
  JOB_STATE__FAILED: 20,
  JOB_STATE__TRANSIENT_FAILURE_RETRY_IMMINENT: 25,
  JOB_STATE__ABORTED: 30,
};

/** Every v1 state name: the `state` filter the adapter always sends. */
export const VECTARA_V1_STATE_NAMES: readonly string[] = Object.keys(VECTARA_V1_STATE_NUMBERS);

const QUEUED: VectaraStateMapping = { state: 'queued', terminal: false, flags: [] };
const RUNNING: VectaraStateMapping = { state: 'running', terminal: false, flags: [] };
const RETRYING: VectaraStateMapping = { state: 'running', terminal: false, flags: ['retrying'] };
const SUCCEEDED: VectaraStateMapping = { state: 'succeeded', terminal: true, flags: [] };
const FAILED: VectaraStateMapping = { state: 'failed', terminal: true, flags: [] };
const CANCELLED: VectaraStateMapping = { state: 'cancelled', terminal: true, flags: [] };
const UNKNOWN: VectaraStateMapping = { state: 'unknown', terminal: false, flags: [] };

const STATE_TABLE: Readonly<Record<string, VectaraStateMapping>> = {
  queued: QUEUED,
  started: RUNNING,
  failed_will_retry: RETRYING,
  completed: SUCCEEDED,
  failed: FAILED,
  aborted: CANCELLED,
  unknown: UNKNOWN,
  JOB_STATE__QUEUED: QUEUED,
  JOB_STATE__STARTED: RUNNING,
  JOB_STATE__TRANSIENT_FAILURE_RETRY_IMMINENT: RETRYING,
  JOB_STATE__COMPLETED: SUCCEEDED,
  JOB_STATE__FAILED: FAILED,
  JOB_STATE__ABORTED: CANCELLED,
  JOB_STATE__UNKNOWN: UNKNOWN,
};

/** Maps a v2 state, a v1 state name or a v1 proto number onto jobtop's states; anything else is unknown. */
export function mapVectaraState(native: unknown): VectaraStateMapping {
  const name = typeof native === 'number' ? v1StateName(native) : native;
  const entry =
    (typeof name === 'string' && Object.hasOwn(STATE_TABLE, name) ? STATE_TABLE[name] : undefined) ?? UNKNOWN;
  return { ...entry, flags: [...entry.flags] };
}

/** The v1 state name of a proto number, if it is one. */
export function v1StateName(number: number): string | undefined {
  return VECTARA_V1_STATE_NAMES.find((name) => VECTARA_V1_STATE_NUMBERS[name] === number);
}
