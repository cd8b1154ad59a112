import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EMPTY_FILTER,
  filterJobs,
  filterPredicate,
  matchesFilter,
  type JobFilter,
} from '../../source/domain/filter.js';
import { SORT_KEYS, sortJobs } from '../../source/domain/sort.js';
import type { Job, JobState } from '../../source/domain/job.js';
import { filterRows, rowSearchTexts, warmRowSearch } from '../../source/ui/row-search.js';
import { indexOfKey, visibleJobs } from '../../source/ui/select.js';
import { reconcileSelection } from '../../source/ui/selection.js';
import { makeJob } from '../helpers/jobs.js';

const STATES: JobState[] = ['running', 'queued', 'succeeded', 'failed', 'partial', 'cancelled'];
const fields = fc.record({
  id: fc.stringMatching(/^[a-cA-C]{1,3}$/),
  type: fc.constantFrom('run.a', 'build', 'abc', 'Batch'),
  owner: fc.constantFrom(null, 'ann', 'Bob'),
  state: fc.constantFrom(...STATES),
  source: fc.constantFrom('osapi', 'mcrit'),
  minutes: fc.nat({ max: 50 }),
});
const jobList = fc.array(fields, { maxLength: 40 }).map((entries) =>
  entries.map((entry, index) =>
    makeJob({
      id: `${entry.id}-${index}`,
      type: entry.type,
      owner: entry.owner,
      state: entry.state,
      source: entry.source,
      createdAt: 1_000_000 - entry.minutes * 60_000,
    }),
  ),
);
/** Query texts of every kind: plain words, upper case, globs, negations, field terms, OR lists. */
const queryText = fc.oneof(
  fc.stringMatching(/^[a-cA-C1 ]{0,5}$/),
  fc.constantFrom('a*', 'b?', '-a', 'state:failed', 'type:b*', 'owner:ann,bob', 'a b', 'run.', 'osapi b', '"a b"'),
);
const filter: fc.Arbitrary<JobFilter> = fc.record({
  text: queryText,
  activeOnly: fc.boolean(),
  failedOnly: fc.boolean(),
  source: fc.constantFrom(null, 'osapi', 'mcrit'),
  attention: fc.constant(false),
});

describe('a filter as one predicate', () => {
  it('gives the same verdict as matchesFilter for every job and query', () => {
    fc.assert(
      fc.property(jobList, filter, (jobs, each) => {
        const passes = filterPredicate(each);
        for (const job of jobs) expect(passes(job)).toBe(matchesFilter(job, each));
      }),
      { numRuns: 500 },
    );
  });
});

describe('rows filtered with their searched texts kept beside them', () => {
  it('equal filterJobs, however far warming got and however many filters were chained', () => {
    fc.assert(
      fc.property(
        jobList,
        fc.array(filter, { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 45 }),
        (jobs, filters, warmed) => {
          let rows: readonly Job[] = sortJobs(jobs, { key: 'default', reverse: false });
          warmRowSearch(rows, warmed);
          for (const each of filters) {
            const next = filterRows(rows, each, { now: 0 });
            expect(next).toEqual(filterJobs(rows, each));
            // The texts a filtered list inherits are its own rows' texts.
            expect(rowSearchTexts(next)).toEqual(rowSearchTexts(next.map((job) => job)));
            rows = next;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the table’s rows under any sequence of filters and sorts', () => {
  it('equal the rows computed from scratch (typing, deleting, toggles, clearing, another sort)', () => {
    const step = fc.record({ filter, sort: fc.record({ key: fc.constantFrom(...SORT_KEYS), reverse: fc.boolean() }) });
    fc.assert(
      fc.property(jobList, fc.array(step, { minLength: 1, maxLength: 8 }), (jobs, steps) => {
        for (const { filter: each, sort } of steps) {
          // Clearing the filter now and then puts the unfiltered rows (the basis) in the cache.
          for (const current of [each, EMPTY_FILTER, { ...each, text: each.text.slice(0, -1) }]) {
            const rows = visibleJobs({ fleet: { jobs } as never, sort, filter: current });
            expect(rows).toEqual(sortJobs(filterJobs(jobs, current), sort));
            warmRowSearch(rows, 7);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('indexOfKey', () => {
  it('answers like a scan of the list, whatever was asked before (moves, jumps, unlisted keys)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -500, max: 500 })), { maxLength: 30 }),
        (length, steps) => {
          const rows = Array.from({ length }, (_, index) => makeJob({ id: `j${index}` }));
          let at = 0;
          for (const delta of steps) {
            at += delta;
            // Positions outside the list ask for keys that are not listed.
            const key = `osapi/j${at}`;
            expect(indexOfKey(rows, key)).toBe(rows.findIndex((job) => job.key === key));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the selection across a filter change, found by walking both lists', () => {
  it('is the job reconciling by key finds', () => {
    fc.assert(
      fc.property(jobList, filter, filter, fc.nat(), (jobs, before, after, pick) => {
        const sort = { key: 'created' as const, reverse: false };
        const basis = sortJobs(jobs, sort);
        const previous = filterJobs(basis, before);
        const next = filterJobs(basis, after);
        const selected = previous.length === 0 ? null : previous[pick % previous.length].key;
        // Fresh copies so no cached index is shared between the two answers.
        expect(reconcileSelection(previous, next, selected, true)).toBe(
          reconcileSelection([...previous], [...next], selected, false),
        );
      }),
      { numRuns: 500 },
    );
  });
});
