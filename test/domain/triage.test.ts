/**
 * Triage flags: slow running jobs (beyond the p90 of finished jobs of the same source and type,
 * once there are enough of them) and starved queued jobs, judged against an injected clock.
 */
import { describe, expect, it } from 'vitest';
import { computeTriage, finishedDurationMs } from '../../source/domain/triage.js';
import { T0, makeJob } from '../helpers/jobs.js';

/** A finished job of `type` that ran `ms`. */
const finished = (id: string, ms: number, type = 'render', source = 'osapi') => makeJob({ id, source, type, state: 'succeeded', startedAt: T0 - 100_000, finishedAt: T0 - 100_000 + ms });
const running = (id: string, ms: number, type = 'render', source = 'osapi') => makeJob({ id, source, type, state: 'running', startedAt: T0 - ms, finishedAt: null });
const samples = (type = 'render', source = 'osapi') => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => finished(`${source}-${type}-${n}`, n * 1000, type, source));

describe('computeTriage', () => {
  it('flags a running job past the p90 of finished jobs of its source and type, with both figures', () => {
    const flags = computeTriage([...samples(), running('slow', 9_500), running('ok', 8_000)], T0);
    expect(flags.get('osapi/slow')).toEqual({ slow: { expectedMs: 9_000, runningMs: 9_500 } });
    expect(flags.has('osapi/ok')).toBe(false);
  });

  it('does not judge with fewer than five finished samples', () => {
    const few = [1, 2, 3, 4].map((n) => finished(`f${n}`, n * 1000));
    expect(computeTriage([...few, running('long', 60_000)], T0).size).toBe(0);
    expect(computeTriage([...few, finished('f5', 5000), running('long', 60_000)], T0).get('osapi/long')?.slow?.expectedMs).toBe(5000);
  });

  it('keeps types and sources apart', () => {
    const jobs = [...samples('render'), running('other-type', 60_000, 'export'), running('other-source', 60_000, 'render', 'mcrit')];
    expect(computeTriage(jobs, T0).size).toBe(0);
  });

  it('flags a queued job waiting past the threshold as starved', () => {
    const queued = makeJob({ id: 'q', state: 'queued', createdAt: T0 - 11 * 60_000 });
    const fresh = makeJob({ id: 'fresh', state: 'queued', createdAt: T0 - 60_000 });
    const flags = computeTriage([queued, fresh], T0);
    expect(flags.get('osapi/q')).toEqual({ starved: { queuedMs: 11 * 60_000 } });
    expect(flags.has('osapi/fresh')).toBe(false);
    expect(computeTriage([queued], T0, { starvedAfterMs: 20 * 60_000 }).size).toBe(0);
  });

  it.each([
    ['a finished job', finished('a', 4000), 4000],
    ['a running job', running('b', 4000), null],
    ['a job with no start', makeJob({ id: 'c', state: 'failed', startedAt: null }), null],
    ['a job finishing before it started (clock skew)', makeJob({ id: 'd', state: 'failed', startedAt: T0, finishedAt: T0 - 1 }), null],
  ])('finishedDurationMs of %s', (_name, job, expected) => {
    expect(finishedDurationMs(job)).toBe(expected);
  });
});
