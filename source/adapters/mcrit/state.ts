/**
 * MCRIT job states: the port of mongoqueue `_identifyJobState` (MCRIT sends no state field) and
 * its mapping onto jobtop's normalized states (the table in docs/vendors.md).
 */
import type { JobFlag, JobState } from '../../domain/job.js';
import { asRecord } from '../read-fields.js';

/** The states `_identifyJobState` can return (derived, never sent by the server). */
export const MCRIT_STATES = ['queued', 'in_progress', 'finished', 'failed', 'terminated', 'unknown'] as const;

/** One derived MCRIT job state. */
export type McritState = (typeof MCRIT_STATES)[number];

/** Python truthiness, because `_identifyJobState` tests fields with `if doc[...]`. */
function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Python `value == 0` for the JSON types (`False == 0` is true in Python). */
function equalsZero(value: unknown): boolean {
  return value === 0 || value === false;
}

/**
 * Derives a job document's state exactly as mongoqueue `_identifyJobState` does (libs/mongoqueue.py);
 * the demo server uses this same function.
 */
export function deriveMcritState(document: unknown): McritState {
  const fields = asRecord(document);
  const finished = isTruthy(fields.finished_at);
  const terminated = isTruthy(fields.terminated);
  const locked = isTruthy(fields.locked_by);
  if (isTruthy(fields.started_at) && locked && !(finished || terminated)) return 'in_progress';
  if (equalsZero(fields.attempts_left) && !finished && !terminated) return 'failed';
  if (!finished && !locked && !terminated) return 'queued';
  if (finished && !terminated) return 'finished';
  if (terminated) return 'terminated';
  return 'unknown';
}

const STATE_MAP: Record<McritState, { state: JobState; terminal: boolean }> = {
  queued: { state: 'queued', terminal: false },
  in_progress: { state: 'running', terminal: false },
  finished: { state: 'succeeded', terminal: true },
  failed: { state: 'failed', terminal: true },
  terminated: { state: 'cancelled', terminal: true },
  unknown: { state: 'unknown', terminal: false },
};

/**
 * Maps a derived MCRIT state to the normalized one (docs/vendors.md). `had-error` marks a job that
 * still carries the traceback of an earlier failed attempt (for `failed` the error is the outcome).
 */
export function mapMcritState(
  nativeState: string,
  lastError: string | null = null,
): { state: JobState; terminal: boolean; flags: JobFlag[] } {
  const known = Object.hasOwn(STATE_MAP, nativeState) ? STATE_MAP[nativeState as McritState] : STATE_MAP.unknown;
  const flags: JobFlag[] = lastError !== null && known.state !== 'failed' ? ['had-error'] : [];
  return { state: known.state, terminal: known.terminal, flags };
}
