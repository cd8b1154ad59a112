/**
 * The simulator's own `_identifyJobState` (mcrit libs/mongoqueue.py), written from the vendor's
 * code and not shared with the adapter, so a mistake in either side shows up in the tests.
 *
 *     if job["started_at"] and job["locked_by"] and not (job["finished_at"] or job["terminated"]): "in_progress"
 *     elif job["attempts_left"] == 0 and not job["finished_at"] and not job["terminated"]: "failed"
 *     elif not job["finished_at"] and not job["locked_by"] and not job["terminated"]: "queued"
 *     elif job["finished_at"] and not job["terminated"]: "finished"
 *     elif job["terminated"]: "terminated"
 *     else: "unknown"
 */
import type { McritJobDocument } from './job-document.js';

/** A state as MCRIT's queue names it. */
export type SimulatedMcritState = 'queued' | 'in_progress' | 'finished' | 'failed' | 'terminated' | 'unknown';

/** Python's `bool(value)` for the JSON values a job document holds. */
function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** The state mongoqueue reports for a job document. */
export function identifyJobState(job: McritJobDocument): SimulatedMcritState {
  const started = pythonTruthy(job.started_at);
  const locked = pythonTruthy(job.locked_by);
  const finished = pythonTruthy(job.finished_at);
  const terminated = pythonTruthy(job.terminated);
  if (started && locked && !(finished || terminated)) return 'in_progress';
  // why: Python's `== 0` is also true for False.
  if (((job.attempts_left as unknown) === 0 || (job.attempts_left as unknown) === false) && !finished && !terminated)
    return 'failed';
  if (!finished && !locked && !terminated) return 'queued';
  if (finished && !terminated) return 'finished';
  if (terminated) return 'terminated';
  return 'unknown';
}
