import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeTriage,
  describeTriage,
  jobTriage,
  starvedThresholdMs,
  triageFlagNames,
  triageWithChange,
} from '../../source/domain/triage.js';
import { NO_SAMPLES, percentile, recordFinishedDurations } from '../../source/domain/duration-samples.js';
import type { Job } from '../../source/domain/job.js';
import { makeJob, T0 } from '../helpers/jobs.js';

const MIN = 60_000;
/** A finished job of `type` on `source` that ran `minutes`. */
const finished = (id: string, minutes: number, overrides: Partial<Job> = {}) =>
  makeJob({
    id,
    state: 'succeeded',
    type: 'etl',
    startedAt: T0 - 100 * MIN,
    finishedAt: T0 - 100 * MIN + minutes * MIN,
    ...overrides,
  });
const running = (id: string, minutes: number, overrides: Partial<Job> = {}) =>
  makeJob({ id, state: 'running', type: 'etl', startedAt: T0 - minutes * MIN, finishedAt: null, ...overrides });

describe('duration samples', () => {
  it('counts each finished job once across polls, skipping cancelled and jobs without times', () => {
    const poll = [
      finished('a', 1),
      finished('b', 2),
      finished('c', 3, { state: 'cancelled' }),
      finished('d', 4, { startedAt: null }),
      running('e', 1),
    ];
    const once = recordFinishedDurations(NO_SAMPLES, poll);
    const twice = recordFinishedDurations(once, poll);
    expect(twice).toBe(once);
    expect([...once.groups.values()]).toEqual([[MIN, 2 * MIN]]);
  });

  it.each<[number[], number, number | null]>([
    [[], 0.9, null],
    [[5], 0.9, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.5, 5],
  ])('percentile of %j at %d is %s', (values, p, expected) => expect(percentile(values, p)).toBe(expected));
});

describe('computeTriage', () => {
  const history = [1, 2, 3, 4, 4].map((minutes, index) => finished(`f${index}`, minutes));

  it.each<[string, Job[], Record<string, string[]>]>([
    [
      'a job running past the p90 of 5 finished runs is slow',
      [...history, running('r', 14)],
      { r: ['slow', 'attention'] },
    ],
    ['within the p90 it is not', [...history, running('r', 3)], {}],
    ['4 samples are not enough', [...history.slice(1), running('r', 14)], {}],
    ['another type has its own samples', [...history, running('r', 14, { type: 'other' })], {}],
    ['another source has its own samples', [...history, running('r', 14, { source: 'mcrit' })], {}],
  ])('%s', (_, jobs, expected) => {
    const triage = computeTriage(jobs, T0);
    const got = Object.fromEntries(
      [...triage].filter(([, flags]) => flags.slow).map(([key, flags]) => [key.split('/')[1], triageFlagNames(flags)]),
    );
    expect(got).toEqual(expected);
  });

  it('says how long it runs and how long it usually takes', () => {
    const flags = computeTriage([...history, running('r', 14)], T0).get('osapi/r');
    expect(flags?.slow).toEqual({ expectedMs: 4 * MIN, runningMs: 14 * MIN });
    expect(describeTriage(flags, T0)).toEqual(['slow: running 14m, usually ≤ 4m00s']);
  });

  it('uses samples accumulated over earlier polls once the finished jobs left the list', () => {
    const samples = recordFinishedDurations(NO_SAMPLES, history);
    expect(computeTriage([running('r', 14)], T0, { samples }).get('osapi/r')?.slow?.expectedMs).toBe(4 * MIN);
    expect(computeTriage([running('r', 14)], T0).size).toBe(0);
  });

  it('takes the percentile and sample count from the options', () => {
    expect(
      computeTriage([...history, running('r', 3.5)], T0, { percentile: 0.5 }).get('osapi/r')?.slow?.expectedMs,
    ).toBe(3 * MIN);
    expect(
      computeTriage([...history.slice(2), running('r', 14)], T0, { minSamples: 3 }).get('osapi/r')?.slow,
    ).toBeDefined();
  });

  const queued = (id: string, minutes: number, overrides: Partial<Job> = {}) =>
    makeJob({ id, state: 'queued', createdAt: T0 - minutes * MIN, startedAt: null, finishedAt: null, ...overrides });
  const startedLater = makeJob({ id: 'later', state: 'running', createdAt: T0 - 2 * MIN, startedAt: T0 - MIN });

  it.each<[string, Job[], boolean]>([
    ['queued 10m while a later job started: starved', [queued('q', 10), startedLater], true],
    ['queued 10m, nothing later started: waiting, not starved', [queued('q', 10)], false],
    ['queued 4m (under 5m) while a later job started: not yet', [queued('q', 4), startedLater], false],
    [
      'high priority starves after half the time',
      [queued('q', 3, { priority: { rank: 'high', value: 2, label: null } }), startedLater],
      true,
    ],
    [
      'low priority waits twice as long',
      [queued('q', 8, { priority: { rank: 'low', value: -1, label: null } }), startedLater],
      false,
    ],
    [
      'a later job on another source does not count',
      [queued('q', 10), { ...startedLater, source: 'mcrit', key: 'mcrit/later' }],
      false,
    ],
  ])('%s', (_, jobs, starved) => expect(computeTriage(jobs, T0).get('osapi/q')?.starved !== undefined).toBe(starved));

  it('names the starvation in words', () => {
    const flags = computeTriage([queued('q', 10), startedLater], T0).get('osapi/q');
    expect(flags?.starved).toEqual({ queuedMs: 10 * MIN, overtakenBy: 1, thresholdMs: 5 * MIN });
    expect(describeTriage(flags, T0)).toEqual(['starved: queued 10m while 1 job queued after it has started']);
  });

  it('counts, for every starved job, exactly the later-created started jobs of its own source', () => {
    const job = fc.record({
      source: fc.constantFrom('osapi', 'mcrit'),
      state: fc.constantFrom('queued', 'running', 'succeeded'),
      createdMinutes: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      started: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(job, { maxLength: 40 }), (specs) => {
        const jobs = specs.map((spec, index) =>
          makeJob({
            id: `j${index}`,
            source: spec.source,
            state: spec.state,
            createdAt: spec.createdMinutes === null ? null : T0 - spec.createdMinutes * MIN,
            startedAt: spec.state !== 'queued' && spec.started ? T0 - MIN : null,
            finishedAt: null,
          }),
        );
        const triage = computeTriage(jobs, T0);
        for (const queuedJob of jobs) {
          const starved = triage.get(queuedJob.key)?.starved;
          if (!starved) continue;
          const later = jobs.filter(
            (other) =>
              other.source === queuedJob.source &&
              other.startedAt !== null &&
              other.createdAt !== null &&
              other.createdAt > (queuedJob.createdAt ?? Infinity),
          );
          expect(starved.overtakenBy).toBe(later.length);
          expect(starved.overtakenBy).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each<[number | null, number]>([
    [null, 300_000],
    [0, 600_000],
    [1, 300_000],
    [2, 150_000],
    [3, 75_000],
  ])('rank %s starves after %i ms', (rank, ms) => expect(starvedThresholdMs(300_000, rank)).toBe(ms));

  it('flags failures of the last hour and unknown outcomes as attention', () => {
    const jobs = [
      makeJob({ id: 'new', state: 'failed', finishedAt: T0 - 10 * MIN }),
      makeJob({ id: 'old', state: 'failed', finishedAt: T0 - 2 * 60 * MIN }),
      makeJob({ id: 'x', state: 'running' }),
    ];
    const triage = computeTriage(jobs, T0, { unknownOutcome: new Set(['osapi/x']) });
    expect(triageFlagNames(triage.get('osapi/new'))).toEqual(['failed-recently', 'attention']);
    expect(triage.has('osapi/old')).toBe(false);
    expect(triageFlagNames(triage.get('osapi/x'))).toEqual(['unknown-outcome', 'attention']);
  });
});

describe('triageWithChange: when the flags next change by time alone', () => {
  const history = [1, 2, 3, 4, 4].map((minutes, index) => finished(`f${index}`, minutes));
  const queued = (id: string, minutesAgo: number) =>
    makeJob({ id, state: 'queued', type: 'etl', createdAt: T0 - minutesAgo * MIN, startedAt: null, finishedAt: null });
  const laterStarted = makeJob({ id: 'later', state: 'running', type: 'other', createdAt: T0 - MIN, startedAt: T0 });
  const failedAt = (id: string, minutesAgo: number) =>
    makeJob({ id, state: 'failed', finishedAt: T0 - minutesAgo * MIN, startedAt: T0 - (minutesAgo + 1) * MIN });

  it.each<[string, Job[]]>([
    ['a running job turning slow', [...history, running('r', 3)]],
    ['a queued job overtaken by a later one turning starved', [queued('q', 2), laterStarted]],
    ['a recent failure ageing out', [failedAt('x', 50)]],
    ['the earliest of several', [...history, running('r', 3), queued('q', 2), laterStarted, failedAt('x', 50)]],
  ])('%s: the flagged set is the same just before the instant and differs at it', (_, jobs) => {
    const { triage, changesAt } = triageWithChange(jobs, T0);
    expect(changesAt).toBeGreaterThan(T0);
    expect(changesAt).toBeLessThan(Infinity);
    const flagged = (at: number) =>
      [...computeTriage(jobs, at)].map(([key, flags]) => `${key}:${triageFlagNames(flags).join(',')}`);
    expect(flagged(changesAt - 1)).toEqual(flagged(T0));
    expect(flagged(changesAt)).not.toEqual(flagged(T0));
    expect([...triage.keys()]).toEqual([...computeTriage(jobs, T0).keys()]);
  });

  it('is Infinity when nothing can change by time alone (finished jobs, old failures)', () => {
    expect(triageWithChange([...history, failedAt('old', 120)], T0).changesAt).toBe(Infinity);
  });
});

describe('jobTriage: one job’s flags', () => {
  const history = [1, 2, 3, 4, 4].map((minutes, index) => finished(`f${index}`, minutes));
  const jobs = [
    ...history,
    running('slow', 14),
    running('fine', 2),
    makeJob({ id: 'q', state: 'queued', type: 'etl', createdAt: T0 - 20 * MIN, startedAt: null, finishedAt: null }),
    makeJob({ id: 'later', state: 'running', type: 'x', createdAt: T0 - MIN, startedAt: T0 - MIN }),
    makeJob({ id: 'bad', state: 'failed', finishedAt: T0 - 5 * MIN, startedAt: T0 - 6 * MIN }),
  ];

  it.each([0, 3 * MIN, 90 * MIN])('equals the whole list’s triage for every job, %d ms later', (later) => {
    const whole = computeTriage(jobs, T0 + later, { unknownOutcome: new Set(['osapi/fine']) });
    for (const job of jobs)
      expect(jobTriage(jobs, job, T0 + later, { unknownOutcome: new Set(['osapi/fine']) })).toEqual(whole.get(job.key));
    expect(whole.size).toBeGreaterThan(0);
  });
});
