/**
 * The job detail screen drawn as finished lines through the diff writer (line.tsx FittedLines)
 * shows exactly what Ink shows laying out the same screen itself: random jobs with steps and
 * messages, every tab, scrolled, at widths from a placeholder's width to a wide terminal,
 * compared cell by cell (characters, colours, attributes) after every change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import React from 'react';
import { sanitizeInline } from '../../source/domain/sanitize.js';
import type { KeyName } from '../../source/ui/keys.js';
import type { JobMessage, JobState, JobStep, MessageLevel } from '../../source/domain/job.js';
import type { NavigationState } from '../../source/ui/navigation-state.js';
import { fleetOf } from '../helpers/fake-store.js';
import { makeDetail, makeJob, makeSource, T0 } from '../helpers/jobs.js';

type Ink = typeof import('ink');
let ink: Ink;
let createNavigationState: (typeof import('../../source/ui/navigation.js'))['createNavigationState'];
let navigationReducer: (typeof import('../../source/ui/navigation.js'))['navigationReducer'];
let detailViewProps: (typeof import('../../source/ui/view-props.js'))['detailViewProps'];
let DetailView: (typeof import('../../source/ui/views/detail-view.js'))['DetailView'];
let expectFinishedLikeInk: (typeof import('./finished-like-ink.js'))['expectFinishedLikeInk'];

beforeAll(async () => {
  // why: with CI set Ink renders only the last frame (is-in-ci is read when Ink loads).
  // Everything that loads Ink is imported here, after CI is gone: a static import would load Ink
  // first (in CI the property then waited forever for a frame that Ink never wrote).
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  ink = await import('ink');
  ({ createNavigationState, navigationReducer } = await import('../../source/ui/navigation.js'));
  ({ detailViewProps } = await import('../../source/ui/view-props.js'));
  ({ DetailView } = await import('../../source/ui/views/detail-view.js'));
  ({ expectFinishedLikeInk } = await import('./finished-like-ink.js'));
});

const STATES: JobState[] = ['running', 'queued', 'succeeded', 'failed', 'cancelled', 'unknown'];
// Server texts as the adapters hand them on: sanitized (source/domain/sanitize.ts).
const TEXTS = [
  'node.exec',
  'x',
  '全角の種類',
  'emoji👍🏽x',
  'e\u0301t\u00e9',
  'a\u001b[31mred',
  'long '.repeat(40),
  '',
].map((text) => sanitizeInline(text));
const text = fc.constantFrom(...TEXTS);

const step: fc.Arbitrary<JobStep> = fc.record({
  name: text,
  status: text,
  state: fc.constantFrom(...STATES),
  attempt: fc.option(fc.nat({ max: 3 })),
  host: fc.option(text),
  startedAt: fc.option(fc.integer({ min: T0 - 600_000, max: T0 })),
  finishedAt: fc.constant(null),
  durationMs: fc.option(fc.nat({ max: 600_000 })),
  error: fc.option(text),
});
const message: fc.Arbitrary<JobMessage> = fc.record({
  timestamp: fc.option(fc.integer({ min: T0 - 600_000, max: T0 })),
  level: fc.constantFrom<MessageLevel>('debug', 'info', 'warning', 'error'),
  text,
  origin: fc.option(text),
});

/** One screen: the job as the list and its detail have it, the tab, and keys pressed in it. */
interface Step {
  state: JobState;
  type: string;
  owner: string;
  progress: number | null;
  detail: { steps: JobStep[]; messages: JobMessage[] } | null;
  tab: KeyName;
  keys: KeyName[];
}
const screenStep: fc.Arbitrary<Step> = fc.record({
  state: fc.constantFrom(...STATES),
  type: text,
  owner: text,
  progress: fc.option(fc.integer({ min: 0, max: 100 })),
  detail: fc.option(
    fc.record({ steps: fc.array(step, { maxLength: 12 }), messages: fc.array(message, { maxLength: 40 }) }),
  ),
  tab: fc.constantFrom<KeyName>('1', '2', '3', '4', '5'),
  keys: fc.array(fc.constantFrom<KeyName>('j', 'k', 'G', 'g', 'pagedown'), { maxLength: 4 }),
});

/** The navigation state with the job open as `step` describes it. */
function openedState(step: Step, columns: number, rows: number): NavigationState {
  const fields = { id: 'job-1', state: step.state, type: step.type, owner: step.owner, progress: step.progress };
  const job = makeJob({ ...fields, createdAt: T0 - 120_000, startedAt: T0 - 60_000 });
  const fleet = fleetOf([makeSource('osapi', [job])]);
  let state = createNavigationState(fleet, { columns, rows });
  const press = (key: KeyName) => (state = navigationReducer(state, { type: 'key', key, at: T0 }));
  press('enter');
  if (step.detail)
    state = navigationReducer(state, {
      type: 'detail',
      snapshot: {
        key: job.key,
        status: 'ok',
        error: null,
        lastSuccessAt: T0 - 2_000,
        detail: makeDetail({ ...fields, ...step.detail, createdAt: T0 - 120_000, startedAt: T0 - 60_000 }),
      },
    });
  press(step.tab);
  for (const key of step.keys) press(key);
  return state;
}

describe('the job detail drawn as finished lines through the diff writer', () => {
  it('shows exactly what Ink shows laying out the same screen itself, after every change', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 8, max: 130 }),
        fc.integer({ min: 8, max: 24 }),
        fc.boolean(),
        fc.array(screenStep, { minLength: 1, maxLength: 4 }),
        async (columns, rows, noColor, steps) => {
          const finishedRows = await expectFinishedLikeInk({
            columns,
            rows: rows + 1, // the view's rows and a marker line above them
            noColor,
            steps,
            marker: (index) => `s${index}`,
            content: (step, index) => [
              React.createElement(ink.Text, { key: 'marker' }, `s${index}`),
              React.createElement(DetailView, {
                key: 'detail',
                ...detailViewProps(openedState(step, columns, rows - 1), T0),
              }),
            ],
          });
          // The lines really went the finished way.
          expect(finishedRows.size).toBeGreaterThan(0);
        },
      ),
      { numRuns: 30 },
    );
  });
});
