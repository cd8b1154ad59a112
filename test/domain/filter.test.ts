import { describe, expect, it } from 'vitest';
import { describeFilter, EMPTY_FILTER, filterJobs, isFilterActive, matchesText, nextSourceFilter, type JobFilter } from '../../source/domain/filter.js';
import { makeJob } from '../helpers/jobs.js';

const jobs = [
  makeJob({ id: 'a1', type: 'node.exec', owner: 'alice', host: 'web-01', state: 'running', nativeState: 'processing' }),
  makeJob({ id: 'b2', type: 'index.build', owner: 'bob', host: 'db-02', state: 'failed', nativeState: 'JOB_STATE__FAILED', source: 'vectara' }),
  makeJob({ id: 'c3', type: 'report', owner: null, host: null, state: 'partial', nativeState: 'partial_failure' }),
  makeJob({ id: 'd4', type: 'export', state: 'queued', nativeState: 'submitted', source: 'mcrit', host: 'db-03' }),
  makeJob({ id: 'e5', type: 'export', state: 'succeeded', nativeState: 'completed', source: 'mcrit', host: 'db-03' }),
];
const ids = (filter: Partial<JobFilter>) => filterJobs(jobs, { ...EMPTY_FILTER, ...filter }).map((job) => job.id);

describe('filterJobs', () => {
  it.each<[Partial<JobFilter>, string[]]>([
    [{}, ['a1', 'b2', 'c3', 'd4', 'e5']],
    [{ text: 'A1' }, ['a1']],
    [{ text: 'index' }, ['b2']],
    [{ text: 'bob' }, ['b2']],
    [{ text: 'web-' }, ['a1']],
    [{ text: 'vectara' }, ['b2']],
    [{ text: 'job_state__failed' }, ['b2']],
    [{ text: 'partial_failure' }, ['c3']],
    [{ text: 'export mcrit' }, ['d4', 'e5']],
    [{ text: 'export completed' }, ['e5']],
    [{ text: '   ' }, ['a1', 'b2', 'c3', 'd4', 'e5']],
    [{ text: 'nothing-matches' }, []],
    [{ activeOnly: true }, ['a1', 'd4']],
    [{ failedOnly: true }, ['b2', 'c3']],
    [{ source: 'mcrit' }, ['d4', 'e5']],
    [{ source: 'mcrit', activeOnly: true }, ['d4']],
    [{ source: 'mcrit', text: 'e5' }, ['e5']],
  ])('%j keeps %j', (filter, expected) => expect(ids(filter)).toEqual(expected));

  it('matches every term, case-insensitively', () => {
    expect(matchesText(jobs[0], 'ALICE node')).toBe(true);
    expect(matchesText(jobs[0], 'alice bob')).toBe(false);
  });
});

describe('filter helpers', () => {
  it('knows when a filter hides anything and says so in a few words', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, failedOnly: true })).toBe(true);
    expect(describeFilter(EMPTY_FILTER)).toBe('');
    expect(describeFilter({ text: ' web ', activeOnly: true, failedOnly: false, source: 'mcrit' })).toBe('/web active source:mcrit');
  });

  it.each<[string | null, string | null]>([
    [null, 'a'], ['a', 'b'], ['b', 'c'], ['c', null], ['gone', null],
  ])('cycles the source filter from %s to %s', (current, next) => expect(nextSourceFilter(current, ['a', 'b', 'c'])).toBe(next));

  it('has nothing to cycle without sources', () => expect(nextSourceFilter(null, [])).toBeNull());
});
