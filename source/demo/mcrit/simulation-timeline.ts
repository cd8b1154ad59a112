/**
 * The simulator's clock: seeds two hours of history, then runs events (runs ending, scheduled and
 * random arrivals) in time order up to each tick, and trims old jobs to keep memory bounded.
 */
import { identifyJobState, type SimulatedMcritState } from './job-state.js';
import { HISTORY_MS } from './constants.js';
import type { JobGenerator } from './job-generator.js';
import type { JobRunner } from './job-runner.js';
import type { JobStore } from './job-store.js';
import type { McritJobDocument } from './job-document.js';

/** What the timeline drives and how. */
export interface TimelineSettings {
  random: () => number;
  store: JobStore;
  runner: JobRunner;
  generator: JobGenerator;
  /** The clock at creation (epoch ms): the seeded history ends here. */
  start: number;
  /** Jobs in the seeded history. */
  jobCount: number;
  /** Whether new jobs keep arriving after the history. */
  arrivals: boolean;
  /** Stored jobs above which the oldest terminal ones are dropped. */
  cap: number;
  /** Jobs never dropped to keep memory bounded (the oversized-result job). */
  pinned?: (document: McritJobDocument) => boolean;
}

/** The simulator's clock and how it moves. */
export interface SimulationTimeline {
  /** The clock (epoch ms) after the last advance. */
  readonly clock: number;
  /** Runs every event up to `to` (an earlier time is ignored) and moves the clock there. */
  advance(to: number): void;
}

/** Creates the timeline and seeds its history: `jobCount` jobs over the last two hours, denser towards now. */
export function createSimulationTimeline(settings: TimelineSettings): SimulationTimeline {
  const { random, store, runner, generator, start, jobCount, arrivals, cap } = settings;
  const pinned = settings.pinned ?? (() => false);
  let clock = start;
  let nextArrivalAt = Number.POSITIVE_INFINITY;
  const scheduled: { at: number; size: number }[] = [];

  function nextEventAt(): number | null {
    const next = Math.min(nextArrivalAt, scheduled[0]?.at ?? Number.POSITIVE_INFINITY, runner.nextEndAt());
    return Number.isFinite(next) ? next : null;
  }

  function runEventsAt(at: number): void {
    runner.finishDue(at);
    while (scheduled.length > 0 && scheduled[0].at <= at) {
      const slot = scheduled.shift()!;
      generator.spawnGroup(slot.at, slot.size, at);
    }
    if (nextArrivalAt <= at) {
      generator.spawnGroup(at, generator.groupSize(6), at);
      nextArrivalAt = at + 3_000 + Math.round(-Math.log(1 - random()) * 12_000);
    }
  }

  /** Drops the oldest terminal jobs beyond the cap, so long demo sessions stay bounded. */
  function trim(at: number): void {
    const documents = store.documents;
    for (let index = 0; documents.length > cap && index < documents.length;) {
      const document = documents[index];
      const state: SimulatedMcritState = identifyJobState(document);
      const terminal = state === 'finished' || state === 'failed' || state === 'terminated';
      if (terminal && !pinned(document)) runner.remove(document, at);
      else index++;
    }
  }

  function advance(to: number): void {
    if (to < clock) return;
    runner.dispatch(clock);
    for (let next = nextEventAt(); next !== null && next <= to; next = nextEventAt()) {
      clock = next;
      runEventsAt(next);
      runner.dispatch(next);
    }
    clock = to;
    runner.reportRunning(to);
    trim(to);
  }

  for (let slot = 0; slot < jobCount;) {
    const at = Math.round(start - HISTORY_MS * (1 - slot / jobCount) ** 3);
    const size = generator.groupSize(jobCount - slot);
    scheduled.push({ at, size });
    slot += size;
  }
  clock = scheduled[0]?.at ?? start;
  advance(start);
  if (arrivals) nextArrivalAt = start + 2_000 + Math.round(random() * 10_000);

  return {
    get clock() {
      return clock;
    },
    advance,
  };
}
