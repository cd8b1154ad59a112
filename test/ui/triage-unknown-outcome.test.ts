import { describe, expect, it } from 'vitest';
import { fleetTriage } from '../../source/ui/select.js';
import { triageFlagNames } from '../../source/domain/triage.js';
import { makeJob, T0 } from '../helpers/jobs.js';

describe('the unknown-outcome triage flag', () => {
  const jobs = [
    makeJob({ id: 'a', state: 'running', startedAt: T0 - 60_000 }),
    makeJob({ id: 'b', state: 'running', startedAt: T0 - 60_000 }),
  ];

  it('flags the job whose last action is still unknown, and only that job', () => {
    const triage = fleetTriage(jobs, undefined, T0, {}, [
      { jobKey: 'osapi/a', status: 'unknown' },
      { jobKey: 'osapi/b', status: 'done' },
    ]);
    expect(triageFlagNames(triage.get('osapi/a'))).toEqual(expect.arrayContaining(['unknown-outcome', 'attention']));
    expect(triage.get('osapi/b')).toBeUndefined();
  });

  it('drops the flag once the outcome is known (the cache follows the actions)', () => {
    expect(
      fleetTriage(jobs, undefined, T0, {}, [{ jobKey: 'osapi/a', status: 'unknown' }]).get('osapi/a')?.unknownOutcome,
    ).toBe(true);
    expect(
      fleetTriage(jobs, undefined, T0, {}, [{ jobKey: 'osapi/a', status: 'done' }]).get('osapi/a'),
    ).toBeUndefined();
  });
});
