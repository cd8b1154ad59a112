/**
 * The Portal's job list: every job with its planned lifecycle, the jobs that exist at start, new
 * arrivals over time, and pruning of old finished jobs so hours of demo stay bounded.
 */
import { ACTIVE_STATES, TERMINAL_STATES } from './constants.js';
import { TEMPLATES, weightedType } from './job-templates.js';
import { planJob, type SimulatedJob } from './lifecycle-plan.js';
import type { VectorChartsJobRecord } from './wire-format.js';

/** The simulator's jobs, advanced by tick(). */
export interface JobStore {
  /** Every job record, newest first (createdAt descending, then creation order). */
  records(): VectorChartsJobRecord[];
  /** Whether a job of this type is pending or running. */
  isBusy(jobType: string): boolean;
  /** Plans a new job of this type created at `at` and adds it. */
  startJob(jobType: string, at: number): SimulatedJob;
  /** Adds a record as given, with no lifecycle: it stays as inserted. */
  insert(record: VectorChartsJobRecord): void;
  /** Applies every planned event and arrival due by `time` (an earlier time is ignored). */
  tick(time: number): void;
}

/** What the store needs: the seeded random source, the start clock and how many jobs to keep. */
export interface JobStoreOptions {
  random: () => number;
  start: number;
  startCount: number;
  arrivals: boolean;
}

/** Creates the job store with `startCount` jobs already in flight at `start`. */
export function createJobStore({ random, start, startCount, arrivals }: JobStoreOptions): JobStore {
  const maxJobs = Math.max(2 * startCount, 20);
  let all: SimulatedJob[] = [];
  let active: SimulatedJob[] = [];
  let seq = 0;

  function add(job: SimulatedJob): void {
    job.seq = seq++;
    all.push(job);
    if (job.next < job.events.length) active.push(job);
  }

  /** Applies every planned event due by `time`, spawning children as their parents reach them. */
  function advanceTo(time: number): void {
    for (let index = 0; index < active.length; index++) {
      const job = active[index];
      while (job.next < job.events.length && job.events[job.next].at <= time) {
        const event = job.events[job.next++];
        event.apply(job.record, event.at);
        job.record.updatedAt = Math.max(job.record.updatedAt, event.at);
        for (const child of event.spawn ?? []) add(child);
      }
      if (job.next >= job.events.length) job.events = [];
    }
    active = active.filter((job) => job.events.length > 0);
  }

  /** Newest first: createdAt descending, then creation order. */
  function newestFirst(): SimulatedJob[] {
    return [...all].sort((a, b) => b.record.createdAt - a.record.createdAt || b.seq - a.seq);
  }

  /** Drops the oldest finished jobs beyond the cap, so hours of demo stay bounded. */
  function prune(): void {
    if (all.length <= maxJobs) return;
    const droppable = newestFirst()
      .reverse()
      .filter((job) => TERMINAL_STATES.has(job.record.jobState) && job.events.length === 0);
    const drop = new Set(droppable.slice(0, all.length - maxJobs));
    all = all.filter((job) => !drop.has(job));
  }

  const isBusy = (jobType: string) =>
    all.some((job) => job.record.jobType === jobType && ACTIVE_STATES.has(job.record.jobState));

  function startJob(jobType: string, at: number): SimulatedJob {
    const job = planJob(random, TEMPLATES[jobType], at, {});
    add(job);
    return job;
  }

  function arrive(at: number): void {
    let jobType = weightedType(random);
    // why: a maintenance run never overlaps one of its own type (the same rule gives POST a 409).
    if (TEMPLATES[jobType].system && isBusy(jobType)) jobType = 'process-chart-upload';
    startJob(jobType, at);
  }

  for (const createdAt of initialCreationTimes(random, startCount, start)) {
    advanceTo(createdAt);
    arrive(createdAt);
  }
  advanceTo(start);
  all = newestFirst().slice(0, startCount);
  const kept = new Set(all);
  active = active.filter((job) => kept.has(job));
  let clock = start;
  let nextArrivalAt = start + arrivalGap(random);

  return {
    records: () => newestFirst().map((job) => job.record),
    isBusy,
    startJob,
    insert: (record) => add({ record, seq: 0, events: [], next: 0 }),
    tick(time) {
      if (time < clock) return;
      while (arrivals && nextArrivalAt <= time) {
        advanceTo(nextArrivalAt);
        arrive(nextArrivalAt);
        prune();
        nextArrivalAt += arrivalGap(random);
      }
      advanceTo(time);
      prune();
      clock = time;
    },
  };
}

/** Creation times of the jobs that exist at start, oldest first: a busy last few minutes, sparser before. */
function initialCreationTimes(random: () => number, count: number, start: number): number[] {
  const times: number[] = [];
  let at = start;
  for (let index = 0; index < count; index++) {
    at -= index < 8 ? 5_000 + Math.floor(random() * 30_000) : 60_000 + Math.floor(random() * 300_000);
    times.push(at);
  }
  return times.reverse();
}

function arrivalGap(random: () => number): number {
  return 10_000 + Math.floor(random() * 30_000);
}
