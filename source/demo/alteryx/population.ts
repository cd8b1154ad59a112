/**
 * Who is in the simulated server over time: the starting population spread over the last
 * hours, the arrivals that keep the workers busy, and the pruning that keeps hours of demo
 * bounded.
 */
import { MAX_WAITING, WORKER_SLOTS } from './constants.js';
import type { JobFactory } from './job-factory.js';
import { placeJob } from './lifecycle.js';
import { isFinished, isWaiting, sortByQueueTime } from './status-groups.js';
import type { AlteryxStatus, AlteryxWorld } from './types.js';

/** The status of the `index`-th newest of `startCount` starting jobs: the newest queued, a few running, the rest history. */
function startingStatus(world: AlteryxWorld, index: number, startCount: number): AlteryxStatus {
  const queued = Math.min(4, Math.floor(startCount / 8));
  const active = Math.min(WORKER_SLOTS, Math.floor(startCount / 8));
  if (index === 0 && startCount >= 8) return 'Created';
  if (index <= queued) return 'Queued';
  if (index === queued + 1 && active > 0) return 'Initializing';
  if (index <= queued + active) return 'Running';
  if (index === startCount - 1) return 'Completed';
  return world.dice.chance(0.04) ? 'Cancelled' : 'Completed';
}

/** Adds the starting population as of `at`, newest first in time, spread over the last hours. */
export function populate(world: AlteryxWorld, createJob: JobFactory, startCount: number, at: number): void {
  const { dice } = world;
  let cursor = at;
  for (let index = 0; index < startCount; index++) {
    cursor -= dice.between(60_000, 360_000);
    // why: the oldest job is a 26-hour run, to show the `d.HH:MM:SS` execution time format.
    const long = index === startCount - 1 && startCount >= 10;
    const job = createJob(
      long ? { queuedAt: at - 30 * 3_600_000, runMs: 26 * 3_600_000 + 7 * 60_000 + 12_000 } : { queuedAt: cursor },
      at,
    );
    const status = startingStatus(world, index, startCount);
    if (status === 'Running') job.runMs = Math.max(job.runMs, at - cursor + dice.between(30_000, 300_000));
    placeJob(world, job, status, at, status === 'Initializing' ? at - 1_000 : undefined);
    world.jobs.push(job);
  }
  sortByQueueTime(world.jobs);
}

/** Adds the jobs that arrived by `at`. */
export type Arrivals = (at: number) => void;

/** Schedules arrivals from `startAt` on; with `enabled` false none come (the first gap is drawn anyway). */
export function createArrivals(
  world: AlteryxWorld,
  createJob: JobFactory,
  enabled: boolean,
  startAt: number,
): Arrivals {
  const { dice } = world;
  // why: 4 workers finish a run every ~21 s on average; arrivals every ~25 s keep them busy with a short queue.
  const arrivalGap = () => dice.between(10_000, 40_000);
  let nextArrivalAt = startAt + arrivalGap();

  return (at) => {
    if (!enabled) return;
    let added = 0;
    const waiting = world.jobs.filter((job) => isWaiting(job.status)).length;
    while (nextArrivalAt <= at && added < 20 && waiting + added < MAX_WAITING) {
      const job = createJob({}, nextArrivalAt);
      placeJob(world, job, dice.chance(0.25) ? 'Created' : 'Queued', nextArrivalAt);
      world.jobs.push(job);
      nextArrivalAt += arrivalGap();
      added++;
    }
    if (nextArrivalAt <= at) nextArrivalAt = at + arrivalGap();
  };
}

/** Drops the oldest finished jobs beyond `jobCap` so hours of demo stay bounded. */
export function prune(world: AlteryxWorld, jobCap: number): void {
  let excess = world.jobs.length - jobCap;
  if (excess <= 0) return;
  world.jobs = world.jobs.filter((job) => {
    if (excess > 0 && isFinished(job.status)) {
      excess--;
      return false;
    }
    return true;
  });
}
