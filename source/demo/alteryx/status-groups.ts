/** Groupings of simulated job statuses that several parts of the simulator ask about. */
import type { AlteryxSimulatedJob, AlteryxStatus } from './types.js';

/** True while the job waits for a worker (Created or Queued). */
export function isWaiting(status: AlteryxStatus): boolean {
  return status === 'Created' || status === 'Queued';
}

/** True while a worker holds the job (Initializing or Running). */
export function isActive(status: AlteryxStatus): boolean {
  return status === 'Initializing' || status === 'Running';
}

/** True once the job has ended (Completed or Cancelled). */
export function isFinished(status: AlteryxStatus): boolean {
  return status === 'Completed' || status === 'Cancelled';
}

/** Sorts jobs in place, oldest queued first (the order `jobs` is kept in). */
export function sortByQueueTime(jobs: AlteryxSimulatedJob[]): void {
  jobs.sort((left, right) => left.queuedAt - right.queuedAt);
}
