/**
 * applyPollResult: what one list poll does to a source's state, table by table, without a
 * store, timers or a clock.
 */
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../source/adapters/errors.js';
import type { Job } from '../../source/domain/job.js';
import { applyPollResult, VANISH_MIN_JOBS, type PollOutcome, type PollState } from '../../source/store/poll-result.js';
import type { SourceSnapshot } from '../../source/store/types.js';
import { makeJob } from '../helpers/scripted-source.js';

const AT = 1_000_000;

function state(overrides: Partial<SourceSnapshot> = {}, extra: Partial<PollState> = {}): PollState {
  const snapshot: SourceSnapshot = {
    name: 's',
    vendor: 'osapi',
    url: 'http://127.0.0.1:1',
    status: 'ok',
    jobs: [],
    total: null,
    stateCounts: null,
    lastSuccessAt: AT - 2000,
    error: null,
    consecutiveFailures: 0,
    nextPollAt: null,
    nextPollDelayMs: null,
    intervalMs: 2000,
    readonly: false,
    insecure: false,
    capabilities: {
      detail: true,
      steps: false,
      messages: false,
      result: false,
      stats: false,
      actions: {},
      missing: {},
    },
    ...overrides,
  };
  return { snapshot, confirmingEmpty: false, retryAfterMs: undefined, ...extra };
}

const running = (count: number): Job[] =>
  Array.from({ length: count }, (_, index) => makeJob('s', String(index + 1), 'running'));
const listed = (jobs: Job[], total: number | null = jobs.length): PollOutcome => ({
  kind: 'listed',
  result: { jobs, total, stateCounts: null, requests: 1 },
});
const failed = (retryAfterMs?: number): PollOutcome => ({
  kind: 'failed',
  error: new SourceError({ source: 's', kind: 'http', short: 'HTTP 503', status: 503, retryAfterMs }),
});

describe('applyPollResult', () => {
  it.each([
    [
      'a first list',
      state({ status: 'loading', lastSuccessAt: null }),
      listed(running(2)),
      { status: 'ok', jobs: 2, failures: 0, lastSuccessAt: AT, confirmingEmpty: false, changed: [] },
    ],
    [
      'a list after a list',
      state({ jobs: running(2) }),
      listed(running(3)),
      { status: 'ok', jobs: 3, failures: 0, lastSuccessAt: AT, confirmingEmpty: false, changed: ['s/3'] },
    ],
    [
      'a list after failures',
      state({ status: 'error', jobs: running(1), consecutiveFailures: 3 }),
      listed(running(1)),
      { status: 'ok', jobs: 1, failures: 0, lastSuccessAt: AT, confirmingEmpty: false, changed: [] },
    ],
    [
      'a failure',
      state({ jobs: running(2) }),
      failed(),
      { status: 'error', jobs: 2, failures: 1, lastSuccessAt: AT - 2000, confirmingEmpty: false, changed: [] },
    ],
    [
      'a second failure',
      state({ status: 'error', jobs: running(2), consecutiveFailures: 1 }),
      failed(),
      { status: 'error', jobs: 2, failures: 2, lastSuccessAt: AT - 2000, confirmingEmpty: false, changed: [] },
    ],
    [
      'an empty list after a full one',
      state({ jobs: running(VANISH_MIN_JOBS) }),
      listed([]),
      {
        status: 'error',
        jobs: VANISH_MIN_JOBS,
        failures: 1,
        lastSuccessAt: AT - 2000,
        confirmingEmpty: true,
        changed: [],
      },
    ],
    [
      'a second empty list (confirmed)',
      state({ status: 'error', jobs: running(VANISH_MIN_JOBS), consecutiveFailures: 1 }, { confirmingEmpty: true }),
      listed([]),
      { status: 'ok', jobs: 0, failures: 0, lastSuccessAt: AT, confirmingEmpty: false, changed: [] },
    ],
    [
      'an empty list after a short one',
      state({ jobs: running(VANISH_MIN_JOBS - 1) }),
      listed([]),
      { status: 'ok', jobs: 0, failures: 0, lastSuccessAt: AT, confirmingEmpty: false, changed: [] },
    ],
    [
      'a full list while confirming',
      state({ status: 'error', jobs: running(VANISH_MIN_JOBS), consecutiveFailures: 1 }, { confirmingEmpty: true }),
      listed(running(VANISH_MIN_JOBS)),
      { status: 'ok', jobs: VANISH_MIN_JOBS, failures: 0, lastSuccessAt: AT, confirmingEmpty: false, changed: [] },
    ],
  ])('%s', (_name, previous, outcome, expected) => {
    const next = applyPollResult(previous, outcome, AT);
    expect({
      status: next.snapshot.status,
      jobs: next.snapshot.jobs.length,
      failures: next.snapshot.consecutiveFailures,
      lastSuccessAt: next.snapshot.lastSuccessAt,
      confirmingEmpty: next.confirmingEmpty,
      changed: next.changed,
    }).toEqual(expected);
  });

  it('says how many jobs vanished, and keeps them', () => {
    const previous = state({ jobs: running(7) });
    const next = applyPollResult(previous, listed([]), AT);
    expect(next.snapshot.error).toMatchObject({ kind: 'vanished', short: 'all 7 jobs vanished' });
    expect(next.snapshot.jobs).toBe(previous.snapshot.jobs);
  });

  it('keeps the vendor’s Retry-After from a failure and forgets it after a success', () => {
    const afterFailure = applyPollResult(state(), failed(30_000), AT);
    expect(afterFailure.retryAfterMs).toBe(30_000);
    expect(afterFailure.snapshot.error).toEqual({
      kind: 'http',
      short: 'HTTP 503',
      message: 's: HTTP 503',
      status: 503,
    });
    expect(applyPollResult(afterFailure, listed(running(1)), AT + 1).retryAfterMs).toBeUndefined();
  });

  it('marks the jobs whose state changed, not on the first list', () => {
    const first = applyPollResult(state({ status: 'loading', lastSuccessAt: null }), listed(running(2)), AT);
    expect(first.changed).toEqual([]);
    const jobs = [makeJob('s', '1', 'succeeded'), makeJob('s', '2', 'running'), makeJob('s', '3', 'queued')];
    expect(applyPollResult(first, listed(jobs), AT + 2000).changed.sort()).toEqual(['s/1', 's/3']);
  });

  it('reuses unchanged job objects, so views can skip them', () => {
    const first = applyPollResult(state(), listed(running(2)), AT);
    const next = applyPollResult(first, listed(running(2)), AT + 2000);
    expect(next.snapshot.jobs[0]).toBe(first.snapshot.jobs[0]);
  });

  it('takes totals and state counts from the list', () => {
    const next = applyPollResult(
      state(),
      { kind: 'listed', result: { jobs: running(1), total: 40, stateCounts: { running: 40 }, requests: 2 } },
      AT,
    );
    expect([next.snapshot.total, next.snapshot.stateCounts]).toEqual([40, { running: 40 }]);
  });
});
