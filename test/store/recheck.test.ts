/**
 * Re-reading jobs before an action and after an unanswered one: a job missing from a list is
 * "gone" only when that list provably holds every job; a list cut at the limit sends the
 * question to the job's detail, or leaves the answer unknown.
 */
import { describe, expect, it } from 'vitest';
import type { ListResult } from '../../source/adapters/contract.js';
import { listHoldsEveryJob, recheckJobs, rereadJob } from '../../source/store/recheck.js';
import { makeCapabilities } from '../helpers/jobs.js';
import { createScriptedSource, makeJob, type ScriptedSource } from '../helpers/scripted-source.js';

/** A scripted source whose list reports `total` (null: the vendor gives none). */
function sourceWith(total: number | null, detail: boolean, ids: string[]): ScriptedSource {
  const source = createScriptedSource(
    's',
    [ids.map((id) => makeJob('s', id, 'running'))],
    makeCapabilities({ detail }),
  );
  const list = source.list.bind(source);
  source.list = async (signal) => ({ ...(await list(signal)), total });
  return source;
}

const targets = (source: ScriptedSource, ids: string[]) => ids.map((id) => ({ key: `s/${id}`, id, source }));
const recheck = (source: ScriptedSource, ids: string[]) =>
  recheckJobs(targets(source, ids), { now: () => 5, timeoutMs: 5_000 });

describe('listHoldsEveryJob', () => {
  const jobs = [makeJob('s', 'a', 'running'), makeJob('s', 'b', 'running')];
  it.each<[string, Pick<ListResult, 'jobs' | 'total' | 'truncated'>, boolean]>([
    ['a total equal to the jobs returned', { jobs, total: 2 }, true],
    ['a total larger than the jobs returned (cut at the limit)', { jobs, total: 40 }, false],
    ['no total (the vendor gives none)', { jobs, total: null }, false],
    [
      'a total but the paging was cut',
      { jobs, total: 2, truncated: { asked: 5, fetched: 2, reason: 'page cap' } },
      false,
    ],
  ])('%s → %s', (_name, list, expected) => {
    expect(listHoldsEveryJob(list)).toBe(expected);
  });
});

describe('recheckJobs over a list', () => {
  it('calls a job missing from a complete list gone', async () => {
    const source = sourceWith(2, false, ['a', 'b']);
    const result = await recheck(source, ['a', 'z']);
    expect(result.jobs.get('s/a')?.state).toBe('running');
    expect(result.jobs.get('s/z')).toBeNull();
    expect(result.failures.size).toBe(0);
  });

  it('does not call a job missing from a list cut at the limit gone: the source could not be re-checked', async () => {
    const source = sourceWith(500, false, ['a', 'b']);
    const result = await recheck(source, ['a', 'z']);
    expect(result.jobs.get('s/a')?.state).toBe('running');
    expect(result.jobs.has('s/z')).toBe(false);
    expect(result.failures.get('s')).toMatch(/not among the 2 newest jobs the list returned/);
  });

  it('reads the detail of a job a cut list did not reach, when the source has one', async () => {
    const source = sourceWith(null, true, ['a', 'b']);
    source.details.set('z', { ...makeJob('s', 'z', 'succeeded'), steps: null, messages: null, result: null } as never);
    source.details.set('y', null);
    const result = await recheck(source, ['a', 'z', 'y']);
    expect(result.jobs.get('s/a')?.state).toBe('running');
    expect(result.jobs.get('s/z')?.state).toBe('succeeded');
    expect(result.jobs.get('s/y')).toBeNull();
    expect(source.detailCalls).toBe(2);
    expect(result.failures.size).toBe(0);
  });
});

describe('rereadJob of a list-only source', () => {
  it('finds the job in the list', async () => {
    expect((await rereadJob(sourceWith(null, false, ['a']), 'a', 5_000))?.id).toBe('a');
  });

  it('calls a job gone only when the list holds every job', async () => {
    expect(await rereadJob(sourceWith(1, false, ['a']), 'z', 5_000)).toBeNull();
  });

  it('throws (outcome unknown) when the job may be beyond the list’s limit', async () => {
    await expect(rereadJob(sourceWith(null, false, ['a']), 'z', 5_000)).rejects.toThrow(
      /not among the 1 newest jobs the list returned; cannot tell whether it still exists/,
    );
  });
});
