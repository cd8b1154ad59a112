import { describe, expect, it } from 'vitest';
import {
  compareJobs,
  nextSortKey,
  sortJobs,
  SORT_KEYS,
  type SortKey,
  type SortSpec,
} from '../../source/domain/sort.js';
import type { Job } from '../../source/domain/job.js';
import { makeJob, T0 } from '../helpers/jobs.js';

const jobs: Job[] = [
  makeJob({
    id: 'done-old',
    state: 'succeeded',
    createdAt: T0 - 9_000,
    finishedAt: T0 - 8_000,
    updatedAt: T0 - 8_000,
    type: 'b',
  }),
  makeJob({
    id: 'queued-high',
    state: 'queued',
    priority: { rank: 'high', value: 9, label: 'high' },
    createdAt: T0 - 5_000,
    updatedAt: T0 - 4_900,
    type: 'a',
  }),
  makeJob({
    id: 'running-low',
    state: 'running',
    priority: { rank: 'low', value: 1, label: 'low' },
    createdAt: T0 - 4_000,
    updatedAt: T0 - 3_900,
    type: 'c',
  }),
  makeJob({
    id: 'failed-new',
    state: 'failed',
    createdAt: T0 - 1_000,
    finishedAt: T0 - 500,
    updatedAt: T0 - 500,
    source: 'mcrit',
    type: 'a',
  }),
  makeJob({
    id: 'running-high',
    state: 'running',
    priority: { rank: 'high', value: 9, label: 'high' },
    createdAt: T0 - 3_000,
    updatedAt: T0 - 2_900,
    type: 'a',
  }),
  makeJob({
    id: 'no-dates',
    state: 'unknown',
    createdAt: null,
    startedAt: null,
    finishedAt: null,
    updatedAt: null,
    type: 'a',
  }),
];

const ids = (spec: SortSpec) => sortJobs(jobs, spec).map((job) => job.id);

describe('sortJobs', () => {
  it.each<[SortSpec, string[]]>([
    [
      { key: 'default', reverse: false },
      ['running-high', 'running-low', 'queued-high', 'failed-new', 'done-old', 'no-dates'],
    ],
    [
      { key: 'state', reverse: false },
      ['running-high', 'running-low', 'queued-high', 'failed-new', 'no-dates', 'done-old'],
    ],
    [
      { key: 'priority', reverse: false },
      ['running-high', 'queued-high', 'running-low', 'failed-new', 'done-old', 'no-dates'],
    ],
    [
      { key: 'created', reverse: false },
      ['failed-new', 'running-high', 'running-low', 'queued-high', 'done-old', 'no-dates'],
    ],
    [
      { key: 'created', reverse: true },
      ['done-old', 'queued-high', 'running-low', 'running-high', 'failed-new', 'no-dates'],
    ],
    [
      { key: 'source', reverse: false },
      ['failed-new', 'running-high', 'running-low', 'queued-high', 'done-old', 'no-dates'],
    ],
    [
      { key: 'type', reverse: false },
      ['failed-new', 'running-high', 'queued-high', 'no-dates', 'done-old', 'running-low'],
    ],
  ])('%j orders %j', (spec, expected) => expect(ids(spec)).toEqual(expected));

  it('puts active, then high-priority jobs first by default', () => {
    const [first, second] = sortJobs(jobs, { key: 'default', reverse: false });
    expect(first.state).toBe('running');
    expect(first.priority.value).toBe(9);
    expect(second.state).toBe('running');
  });

  it('breaks ties by key so equal jobs never reshuffle', () => {
    const twins = ['c', 'a', 'b'].map((id) => makeJob({ id }));
    for (const key of SORT_KEYS) {
      expect(sortJobs(twins, { key, reverse: false }).map((job) => job.id)).toEqual(['a', 'b', 'c']);
      expect(sortJobs(twins, { key, reverse: true }).map((job) => job.id)).toEqual(['a', 'b', 'c']);
    }
  });

  it('is deterministic whatever the input order', () => {
    for (const key of SORT_KEYS) {
      const spec = { key, reverse: false };
      expect(sortJobs([...jobs].reverse(), spec)).toEqual(sortJobs(jobs, spec));
    }
  });

  it('does not touch its input', () => {
    const copy = [...jobs];
    sortJobs(jobs, { key: 'created', reverse: true });
    expect(jobs).toEqual(copy);
  });

  it('keeps unknown values last in both directions', () => {
    expect(compareJobs({ key: 'created', reverse: true })(jobs[5], jobs[0])).toBeGreaterThan(0);
    expect(compareJobs({ key: 'created', reverse: false })(jobs[5], jobs[0])).toBeGreaterThan(0);
  });
});

describe('nextSortKey', () => {
  it('cycles through every column and back to the default', () => {
    const seen: SortKey[] = [SORT_KEYS[0]];
    for (let index = 1; index <= SORT_KEYS.length; index += 1) seen.push(nextSortKey(seen[seen.length - 1]));
    expect(seen).toEqual([...SORT_KEYS, 'default']);
  });
});
