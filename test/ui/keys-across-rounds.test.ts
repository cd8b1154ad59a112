import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Job, JobState } from '../../source/domain/job.js';
import { createNavigationState, navigationReducer } from '../../source/ui/navigation.js';
import type { NavigationState } from '../../source/ui/navigation-state.js';
import { indexOfKey, visibleJobs } from '../../source/ui/select.js';
import { fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeSource } from '../helpers/jobs.js';

const STATES: JobState[] = ['running', 'queued', 'succeeded', 'failed'];
const change = fc.record({ index: fc.nat(), state: fc.constantFrom(...STATES), minutes: fc.nat({ max: 90 }) });
const action = fc.oneof(
  fc.constantFrom('j', 'j', 'j', 'k', 'g', 'G', 'pagedown', '/', 'a', 'b', '1', 'backspace', 'escape', 'enter'),
  fc.array(change, { minLength: 1, maxLength: 5 }),
);

const job = (id: number, state: JobState, minutes: number): Job =>
  makeJob({
    id: `j${id}`,
    type: id % 2 === 0 ? 'build' : 'abc',
    state,
    createdAt: 1_000_000 - minutes * 60_000,
    finishedAt: state === 'succeeded' || state === 'failed' ? 1_000_000 - minutes * 30_000 : null,
  });

/** The selection is where a scan of the rows finds it, and the window shows it. */
function expectConsistent(state: NavigationState) {
  const rows = visibleJobs(state);
  const index = rows.findIndex((row) => row.key === state.selectedKey);
  expect(indexOfKey(rows, state.selectedKey)).toBe(index);
  if (rows.length > 0 && state.view === 'list') expect(index).toBeGreaterThanOrEqual(0);
}

describe('keys between poll rounds that move jobs (the selection follows its job)', () => {
  it('keep the selection where a scan of the rows finds it; g always selects the first row', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        let jobs = Array.from({ length: 300 }, (_, id) => job(id, STATES[id % 4], id % 80));
        let state = createNavigationState(fleetOf([makeSource('osapi', jobs)]), { columns: 100, rows: 30 });
        for (const each of actions) {
          if (Array.isArray(each)) {
            // A poll round: changed jobs get new objects, the rest keep theirs.
            jobs = [...jobs];
            for (const { index, state: next, minutes } of each)
              jobs[index % jobs.length] = job(index % jobs.length, next, minutes);
            state = navigationReducer(state, { type: 'fleet', fleet: fleetOf([makeSource('osapi', jobs)]), at: 1 });
          } else {
            const rows = visibleJobs(state);
            state = navigationReducer(state, { type: 'key', key: each, at: 1 });
            if (each === 'g' && state.view === 'list' && !state.prompt && rows.length > 0)
              expect(state.selectedKey).toBe(visibleJobs(state)[0].key);
          }
          expectConsistent(state);
        }
      }),
      { numRuns: 150 },
    );
  });
});
