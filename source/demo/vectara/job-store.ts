/**
 * The account's jobs: those that exist at start, new arrivals over time, jobs injected by tests,
 * and trimming of old finished jobs so hours of arrivals stay bounded.
 */
import { CORPORA, SECOND } from './constants.js';
import { advance, generateJob, jobId } from './lifecycle.js';
import { TERMINAL, publicCopy, type StoredJob, type VectaraSimulatedJob, type VectaraSimulatedState } from './types.js';
import { floorToSecond } from './wire-format.js';

/** The simulator's jobs, advanced by tick(). */
export interface JobStore {
  /** Newest first: creation time, then creation order. */
  newestFirst(): StoredJob[];
  /** The job with this id, if stored. */
  find(id: string): StoredJob | undefined;
  /** Adds a job frozen in the given state (it never moves); returns a copy. */
  inject(partial: Partial<VectaraSimulatedJob> & { state: VectaraSimulatedState }): VectaraSimulatedJob;
  /** Adds the arrivals due by `at`, advances every job to it and trims (an earlier time is ignored). */
  tick(at: number): void;
}

/** What the store needs: the seeded random source, the clock, how many jobs to start with. */
export interface JobStoreOptions {
  random: () => number;
  now: () => number;
  startCount: number;
  arrivals: boolean;
}

/** Creates the store with `startCount` jobs, spread over the time before now. */
export function createJobStore({ random, now, startCount, arrivals }: JobStoreOptions): JobStore {
  const maxJobs = Math.max(2 * startCount, 20);
  const store: StoredJob[] = [];
  let sequence = 0;
  let lastTick = now();
  let nextArrivalAt = lastTick;

  function createJob(createdAt: number): StoredJob {
    sequence += 1;
    return generateJob(random, sequence, createdAt);
  }

  function scheduleNextArrival(after: number): void {
    nextArrivalAt = after + (15 + random() * 60) * SECOND;
  }

  /** Drops the oldest terminal jobs beyond the cap, so hours of arrivals stay bounded. */
  function trim(): void {
    let excess = store.length - maxJobs;
    for (let index = 0; index < store.length && excess > 0;) {
      if (TERMINAL.has(store[index].state)) {
        store.splice(index, 1);
        excess -= 1;
      } else {
        index += 1;
      }
    }
  }

  const start = lastTick;
  for (let index = 0; index < startCount; index++) {
    store.push(createJob(start - (startCount - index) * 150 * SECOND + random() * 120 * SECOND));
  }
  for (const job of store) advance(job, start);
  scheduleNextArrival(start);

  return {
    newestFirst: () =>
      [...store].sort((left, right) => right.createdAt - left.createdAt || right.sequence - left.sequence),
    find: (id) => store.find((candidate) => candidate.id === id),
    inject(partial) {
      sequence += 1;
      const corpus = CORPORA[sequence % CORPORA.length];
      const job: StoredJob = {
        id: partial.id ?? jobId(sequence),
        type: partial.type ?? 'replace_filter_attributes',
        corpusKeys: partial.corpusKeys ?? [corpus.key],
        corpusIds: partial.corpusIds ?? [corpus.id],
        state: partial.state,
        createdAt: floorToSecond(partial.createdAt ?? now()),
        startedAt: partial.startedAt === undefined ? null : partial.startedAt,
        completedAt: partial.completedAt === undefined ? null : partial.completedAt,
        username: partial.username === undefined ? null : partial.username,
        sequence,
        events: [],
        nextEvent: 0,
      };
      store.push(job);
      return publicCopy(job);
    },
    tick(at) {
      if (at < lastTick) return;
      if (arrivals) {
        while (nextArrivalAt <= at) {
          store.push(createJob(nextArrivalAt));
          scheduleNextArrival(nextArrivalAt);
        }
      }
      for (const job of store) advance(job, at);
      lastTick = at;
      trim();
    },
  };
}
