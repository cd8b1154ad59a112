import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeFilter,
  EMPTY_FILTER,
  filterJobs,
  isFilterActive,
  matchesText,
  narrows,
  nextSourceFilter,
  type JobFilter,
} from '../../source/domain/filter.js';
import { sortJobs } from '../../source/domain/sort.js';
import { visibleJobs } from '../../source/ui/select.js';
import type { JobState } from '../../source/domain/job.js';
import { makeJob } from '../helpers/jobs.js';

const jobs = [
  makeJob({ id: 'a1', type: 'node.exec', owner: 'alice', host: 'web-01', state: 'running', nativeState: 'processing' }),
  makeJob({
    id: 'b2',
    type: 'index.build',
    owner: 'bob',
    host: 'db-02',
    state: 'failed',
    nativeState: 'JOB_STATE__FAILED',
    source: 'vectara',
  }),
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
    expect(describeFilter({ text: ' web ', activeOnly: true, failedOnly: false, source: 'mcrit' })).toBe(
      '/web active source:mcrit',
    );
  });

  it.each<[string | null, string | null]>([
    [null, 'a'],
    ['a', 'b'],
    ['b', 'c'],
    ['c', null],
    ['gone', null],
  ])('cycles the source filter from %s to %s', (current, next) =>
    expect(nextSourceFilter(current, ['a', 'b', 'c'])).toBe(next),
  );

  it('has nothing to cycle without sources', () => expect(nextSourceFilter(null, [])).toBeNull());
});

describe('narrows: when a filter may filter the previous result instead of every job', () => {
  const text = (value: string, patch: Partial<JobFilter> = {}): JobFilter => ({
    ...EMPTY_FILTER,
    text: value,
    ...patch,
  });
  it.each([
    ['', 'a', true],
    ['ru', 'run', true],
    ['run', 'ru', false],
    ['a b', 'a bc', true],
    ['a b', 'xa b', true],
    ['ab', 'a b', false],
    ['a', 'a b', true],
    ['a b', 'b', false],
  ])('%j → %j: %s', (before, after, expected) => expect(narrows(text(before), text(after))).toBe(expected));
  it('never across a toggle that was switched off or a different source', () => {
    expect(narrows(text('', { activeOnly: true }), text('a'))).toBe(false);
    expect(narrows(text('', { failedOnly: true }), text('a'))).toBe(false);
    expect(narrows(text('', { source: 'x' }), text('a', { source: 'y' }))).toBe(false);
    expect(narrows(text(''), text('', { source: 'y', activeOnly: true }))).toBe(true);
  });

  const STATES: JobState[] = ['running', 'queued', 'succeeded', 'failed'];
  const job = fc.record({
    id: fc.stringMatching(/^[a-c]{1,4}$/),
    type: fc.constantFrom('run.a', 'build', 'abc'),
    state: fc.constantFrom(...STATES),
    source: fc.constantFrom('osapi', 'mcrit'),
    minutes: fc.nat({ max: 100 }),
  });
  const filter = fc.record({
    text: fc.stringMatching(/^[a-c ]{0,5}$/),
    activeOnly: fc.boolean(),
    failedOnly: fc.boolean(),
    source: fc.constantFrom(null, 'osapi', 'mcrit'),
  });
  it('filtering the previous result gives exactly what filtering every job gives, whenever narrows holds', () => {
    fc.assert(
      fc.property(fc.array(job, { maxLength: 30 }), filter, filter, (fields, before, after) => {
        const jobs = fields.map((entry, index) =>
          makeJob({
            id: `${entry.id}-${index}`,
            type: entry.type,
            state: entry.state,
            source: entry.source,
            createdAt: 1_000_000 - entry.minutes * 60_000,
          }),
        );
        if (!narrows(before, after)) return;
        expect(filterJobs(filterJobs(jobs, before), after)).toEqual(filterJobs(jobs, after));
      }),
      { numRuns: 500 },
    );
  });
  it('the table’s rows while typing a filter equal the rows computed from scratch', () => {
    fc.assert(
      fc.property(fc.array(job, { maxLength: 30 }), fc.stringMatching(/^[a-c ]{0,6}$/), (fields, typed) => {
        const jobs = fields.map((entry, index) =>
          makeJob({
            id: `${entry.id}-${index}`,
            type: entry.type,
            state: entry.state,
            source: entry.source,
            createdAt: 1_000_000 - entry.minutes * 60_000,
          }),
        );
        const sort = { key: 'created' as const, reverse: false };
        for (let length = 0; length <= typed.length; length++) {
          const current = { ...EMPTY_FILTER, text: typed.slice(0, length) };
          expect(visibleJobs({ fleet: { jobs } as never, sort, filter: current })).toEqual(
            sortJobs(filterJobs(jobs, current), sort),
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
