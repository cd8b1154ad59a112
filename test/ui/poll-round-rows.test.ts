import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_FILTER, filterJobs } from '../../source/domain/filter.js';
import { SORT_KEYS, sortJobs } from '../../source/domain/sort.js';
import type { Job, JobState } from '../../source/domain/job.js';
import { childKeys, mergeRound, visibleJobs } from '../../source/ui/select.js';
import { makeJob } from '../helpers/jobs.js';

const STATES: JobState[] = ['running', 'queued', 'succeeded', 'failed', 'cancelled'];
const fields = fc.record({
  id: fc.stringMatching(/^[a-c]{1,3}$/),
  type: fc.constantFrom('run.a', 'build', 'abc'),
  state: fc.constantFrom(...STATES),
  source: fc.constantFrom('osapi', 'mcrit'),
  minutes: fc.nat({ max: 50 }),
  rank: fc.constantFrom(null, 'high', 'low'),
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;
const toJob = (entry: Fields, id: string): Job =>
  makeJob({
    id,
    type: entry.type,
    state: entry.state,
    source: entry.source,
    createdAt: 1_000_000 - entry.minutes * 60_000,
    finishedAt: entry.state === 'succeeded' || entry.state === 'failed' ? 1_000_000 - entry.minutes * 30_000 : null,
    priority: { rank: entry.rank as Job['priority']['rank'], value: null, label: null },
  });
/** What happens to a job between two polls. */
const fate = fc.constantFrom('kept', 'kept', 'kept', 'kept', 'kept', 'kept', 'changed', 'gone');
const round = fc.record({
  before: fc.array(fc.tuple(fields, fate, fields), { maxLength: 40 }),
  arrivals: fc.array(fields, { maxLength: 6 }),
  sort: fc.record({ key: fc.constantFrom(...SORT_KEYS), reverse: fc.boolean() }),
  filter: fc.record({
    text: fc.stringMatching(/^[a-c ]{0,3}$/),
    activeOnly: fc.boolean(),
    failedOnly: fc.boolean(),
    source: fc.constantFrom(null, 'osapi', 'mcrit'),
  }),
});

/** Two polls' job arrays the way the store makes them: unchanged jobs keep their object. */
function polls(input: [Fields, string, Fields][], arrivals: Fields[]): [Job[], Job[]] {
  const previous = input.map(([entry], index) => toJob(entry, `${entry.id}-${index}`));
  const next: Job[] = [];
  input.forEach(([, what, changed], index) => {
    if (what === 'kept') next.push(previous[index]);
    if (what === 'changed') next.push(toJob(changed, previous[index].id));
  });
  arrivals.forEach((entry, index) => next.unshift(toJob(entry, `new-${index}`)));
  return [previous, next];
}

describe('a poll round’s rows start from the previous round’s rows', () => {
  it('mergeRound equals filtering and sorting every job from scratch (when it answers)', () => {
    let merged = 0;
    fc.assert(
      fc.property(round, ({ before, arrivals, sort, filter }) => {
        const [previous, next] = polls(before, arrivals);
        const spec = sort;
        const full = { ...EMPTY_FILTER, ...filter };
        const result = mergeRound(previous, sortJobs(filterJobs(previous, full), spec), next, full, spec);
        if (result === null) return;
        merged += 1;
        expect(result).toEqual(sortJobs(filterJobs(next, full), spec));
      }),
      { numRuns: 600 },
    );
    // why: a property that never takes the merge path proves nothing.
    expect(merged).toBeGreaterThan(100);
  });

  it('the table’s rows across poll rounds equal the rows computed from scratch', () => {
    fc.assert(
      fc.property(round, round, ({ before, arrivals, sort, filter }, second) => {
        const [previous, next] = polls(before, arrivals);
        const full = { ...EMPTY_FILTER, ...filter };
        const spec = sort;
        visibleJobs({ fleet: { jobs: previous } as never, sort: spec, filter: full });
        expect(visibleJobs({ fleet: { jobs: next } as never, sort: spec, filter: full })).toEqual(
          sortJobs(filterJobs(next, full), spec),
        );
        // A third round under another sort and filter starts from scratch and is right too.
        const [, third] = polls(second.before, second.arrivals);
        const other = { ...EMPTY_FILTER, ...second.filter };
        expect(visibleJobs({ fleet: { jobs: third } as never, sort: second.sort, filter: other })).toEqual(
          sortJobs(filterJobs(third, other), second.sort),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('childKeys from the parent index cached per jobs array', () => {
  it('lists a job’s listed children of its own source, oldest first, then the ids its detail names', () => {
    const parent = makeJob({ id: 'p', source: 'vectorcharts' });
    const jobs = [
      parent,
      makeJob({ id: 'c2', source: 'vectorcharts', parentId: 'p', createdAt: 2_000 }),
      makeJob({ id: 'c1', source: 'vectorcharts', parentId: 'p', createdAt: 1_000 }),
      makeJob({ id: 'other', source: 'osapi', parentId: 'p', createdAt: 500 }),
      makeJob({ id: 'x', source: 'vectorcharts', parentId: 'q' }),
    ];
    expect(childKeys(jobs, parent)).toEqual(['vectorcharts/c1', 'vectorcharts/c2']);
    expect(childKeys(jobs, { ...parent, childIds: ['c9', 'c1'] })).toEqual([
      'vectorcharts/c1',
      'vectorcharts/c2',
      'vectorcharts/c9',
    ]);
    expect(childKeys(jobs.slice(0, 2), parent)).toEqual(['vectorcharts/c2']);
  });
});
