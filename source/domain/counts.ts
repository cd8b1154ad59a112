/**
 * Pure counting of jobs by normalized state, per source and for the whole fleet, with the
 * vendor's own totals where they exceed what was fetched ("showing 200 of 5,312").
 */
import { JOB_STATES, type Job, type JobState } from './job.js';

/** A count for every normalized state. */
export type StateCounts = Record<JobState, number>;

/** What counting needs from a source (structurally a store SourceSnapshot). */
export interface CountableSource {
  jobs: readonly Job[];
  total: number | null;
  stateCounts: Partial<Record<JobState, number>> | null;
}

/** One state's count as shown: fetched jobs, and the vendor's count when it says there are more. */
export interface StateCountCell {
  state: JobState;
  shown: number;
  /** The vendor's count over all jobs, only when it exceeds `shown`. */
  vendor: number | null;
}

/** How many jobs are shown, and how many exist when a vendor says there are more. */
export interface FetchedTotal {
  shown: number;
  /** Null unless some source's vendor total exceeds what was fetched. */
  total: number | null;
}

/** Zero for every state. */
export function emptyCounts(): StateCounts {
  return Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as StateCounts;
}

const countsCache = new WeakMap<readonly Job[], Readonly<StateCounts>>();

/**
 * Jobs per normalized state; counted once per jobs array (the list's counts line redraws on every
 * key, and a source's jobs array is kept while none of its jobs change).
 */
export function countByState(jobs: readonly Job[]): Readonly<StateCounts> {
  let counts = countsCache.get(jobs);
  if (!counts) {
    const fresh = emptyCounts();
    for (const job of jobs) fresh[job.state] += 1;
    countsCache.set(jobs, (counts = Object.freeze(fresh)));
  }
  return counts;
}

/** One source's counts in JOB_STATES order, with vendor counts where they exceed the fetched ones. */
export function sourceStateCounts(source: CountableSource): StateCountCell[] {
  const shown = countByState(source.jobs);
  const cells: StateCountCell[] = [];
  for (const state of JOB_STATES) {
    const vendor = source.stateCounts?.[state];
    cells.push({
      state,
      shown: shown[state],
      vendor: typeof vendor === 'number' && vendor > shown[state] ? vendor : null,
    });
  }
  return cells;
}

/** The fleet's counts: fetched jobs summed, vendor counts summed (each at least its fetched count) when any exceeds. */
export function fleetStateCounts(sources: readonly CountableSource[]): StateCountCell[] {
  const perSource = sources.map(sourceStateCounts);
  const out: StateCountCell[] = [];
  for (let index = 0; index < JOB_STATES.length; index++) {
    const state = JOB_STATES[index];
    if (state === undefined) continue;
    let shown = 0;
    let vendor = 0;
    let exceeds = false;
    for (const cells of perSource) {
      const cell = cells[index];
      if (cell === undefined) continue;
      shown += cell.shown;
      vendor += cell.vendor ?? cell.shown;
      if (cell.vendor !== null) exceeds = true;
    }
    out.push({ state, shown, vendor: exceeds ? vendor : null });
  }
  return out;
}

/** Fetched versus vendor-reported total for one source. */
export function sourceFetchedTotal(source: CountableSource): FetchedTotal {
  const shown = source.jobs.length;
  return { shown, total: source.total !== null && source.total > shown ? source.total : null };
}

/** Fetched versus vendor-reported total for the fleet (each source counts at least what it fetched). */
export function fleetFetchedTotal(sources: readonly CountableSource[]): FetchedTotal {
  let shown = 0;
  let total = 0;
  let exceeds = false;
  for (const source of sources) {
    const one = sourceFetchedTotal(source);
    shown += one.shown;
    total += one.total ?? one.shown;
    if (one.total !== null) exceeds = true;
  }
  return { shown, total: exceeds ? total : null };
}
