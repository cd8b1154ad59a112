import { describe, expect, it } from 'vitest';
import {
  countByState,
  fleetFetchedTotal,
  fleetStateCounts,
  sourceFetchedTotal,
  sourceStateCounts,
} from '../../source/domain/counts.js';
import { makeJobs } from '../helpers/jobs.js';

const a = { jobs: makeJobs(8, { source: 'a' }), total: null, stateCounts: null };
const b = {
  jobs: makeJobs(4, { source: 'b', states: ['failed'] }),
  total: 5_312,
  stateCounts: { failed: 340, running: 0 },
};

describe('counts', () => {
  it('counts jobs per normalized state', () => {
    expect(countByState(a.jobs)).toEqual({
      queued: 2,
      running: 2,
      succeeded: 2,
      failed: 2,
      cancelled: 0,
      partial: 0,
      skipped: 0,
      unknown: 0,
    });
  });

  it('shows vendor counts only where they exceed what was fetched', () => {
    const cells = sourceStateCounts(b);
    expect(cells.find((cell) => cell.state === 'failed')).toEqual({ state: 'failed', shown: 4, vendor: 340 });
    expect(cells.find((cell) => cell.state === 'running')).toEqual({ state: 'running', shown: 0, vendor: null });
    expect(cells.map((cell) => cell.state)).toEqual([
      'queued',
      'running',
      'succeeded',
      'failed',
      'cancelled',
      'partial',
      'skipped',
      'unknown',
    ]);
  });

  it('sums the fleet, each source counting at least what it fetched', () => {
    const failed = fleetStateCounts([a, b]).find((cell) => cell.state === 'failed');
    expect(failed).toEqual({ state: 'failed', shown: 6, vendor: 342 });
    expect(fleetStateCounts([a]).every((cell) => cell.vendor === null)).toBe(true);
  });

  it('reports "showing N of M" only when a vendor has more', () => {
    expect(sourceFetchedTotal(a)).toEqual({ shown: 8, total: null });
    expect(sourceFetchedTotal(b)).toEqual({ shown: 4, total: 5_312 });
    expect(sourceFetchedTotal({ ...b, total: 4 })).toEqual({ shown: 4, total: null });
    expect(fleetFetchedTotal([a, b])).toEqual({ shown: 12, total: 5_320 });
    expect(fleetFetchedTotal([a])).toEqual({ shown: 8, total: null });
  });
});

describe('skipped, a state of its own', () => {
  it('is counted apart from failed and succeeded', () => {
    const jobs = makeJobs(3, { source: 'o', states: ['skipped', 'failed', 'succeeded'] });
    expect(countByState(jobs)).toMatchObject({ skipped: 1, failed: 1, succeeded: 1 });
  });
});

describe('countByState counts a jobs array once', () => {
  it('answers the same frozen counts for the same array, and counts a new array afresh', () => {
    const jobs = makeJobs(8);
    const first = countByState(jobs);
    expect(countByState(jobs)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const fewer = jobs.slice(1);
    expect(countByState(fewer)[jobs[0].state]).toBe(first[jobs[0].state] - 1);
  });
});
