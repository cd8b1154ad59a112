/** The operator at work: the seeded backlog at start, then new jobs (and some retries) arriving on tick(). */
import { pickTarget } from './agent-hosts.js';
import { ARRIVAL_MEAN_MS } from './constants.js';
import type { JobWorld } from './job-world.js';
import { pickOperation, type OperationKind } from './operations.js';
import type { Random } from './random-draws.js';

/** Settings of the arrival process. */
export interface JobArrivalOptions {
  world: JobWorld;
  random: Random;
  now: () => number;
  /** How many jobs exist at start. */
  startCount: number;
  /** Whether new jobs keep arriving on tick. */
  arrivals: boolean;
}

/** Seeds the world's backlog now and returns tick(), which adds arrivals and advances the world to `at`. */
export function startJobArrivals({
  world,
  random,
  now,
  startCount,
  arrivals,
}: JobArrivalOptions): (at: number) => void {
  let nextArrivalAt = 0;

  const nextArrivalGap = () => Math.max(500, Math.round(-Math.log(1 - random()) * ARRIVAL_MEAN_MS));
  const createRandomJob = (at: number, kind: OperationKind) =>
    world.createJob(at, { type: kind.type, data: kind.data(random) }, pickTarget(random));

  /** An operator at work: mostly new jobs, sometimes a retry of a recently failed one. */
  function arrive(at: number): void {
    const candidate = random() < 0.2 ? world.retryCandidate(at) : undefined;
    if (candidate) {
      world.retryJob(candidate, at, '_any');
      return;
    }
    createRandomJob(at, pickOperation(random));
  }

  function advance(at: number): void {
    world.materialize(at);
    world.expire(at);
  }

  function tick(at: number): void {
    if (arrivals) {
      while (nextArrivalAt <= at) {
        arrive(nextArrivalAt);
        nextArrivalAt += nextArrivalGap();
      }
    }
    advance(at);
  }

  function seed(): void {
    const start = now();
    const ages = Array.from({ length: startCount }, () => seedAge(random()));
    for (const age of ages.sort((left, right) => right - left)) {
      const kind = pickOperation(random);
      const candidate = random() < 0.15 ? world.retryCandidate(start - age) : undefined;
      if (candidate) world.retryJob(candidate, Math.round(start - age), '_any');
      else createRandomJob(Math.round(start - age), kind);
    }
    nextArrivalAt = start + nextArrivalGap();
    advance(start);
  }

  seed();
  return tick;
}

/** How long before the start a seeded job was created: most within the hour, a few just now (so some run). */
function seedAge(roll: number): number {
  if (roll < 0.7) return 120_000 + (roll / 0.7) * 3_180_000;
  if (roll < 0.9) return 20_000 + ((roll - 0.7) / 0.2) * 100_000;
  return ((roll - 0.9) / 0.1) * 20_000;
}
