import { describe, expect, it } from 'vitest';
import type { Job } from '../../../source/domain/job.js';
import { createJobMemo } from '../../../source/adapters/kit/job-memo.js';

const idOf = (raw: unknown): string | null => {
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
};
/** A stand-in Job: the memo only keeps and returns it. */
const jobOf = (raw: unknown): Job => ({ raw }) as unknown as Job;
const record = (id: string, state: string) => JSON.parse(JSON.stringify({ id, state, steps: [{ at: 1 }] })) as unknown;

function poll(memo: ReturnType<typeof createJobMemo>, records: unknown[], extra?: string): Job[] {
  memo.round();
  const jobs: Job[] = [];
  for (const raw of records) jobs.push(memo.get(raw, extra) ?? memo.keep(raw, jobOf(raw), extra));
  return jobs;
}

describe('job memo: a Job kept per record id while its record is equal', () => {
  it('gives the kept Job, with the first record, for an equal new record; a changed record gets its own Job', () => {
    const memo = createJobMemo(idOf);
    const [a, b] = poll(memo, [record('a', 'running'), record('b', 'running')]);
    const [a2, b2] = poll(memo, [record('a', 'running'), record('b', 'failed')]);
    expect(a2).toBe(a);
    expect(b2).not.toBe(b);
    expect((b2.raw as { state: string }).state).toBe('failed');
  });

  it('builds the Job again when only extra changed', () => {
    const memo = createJobMemo(idOf);
    const [a] = poll(memo, [record('a', 'done')], 'pending');
    const [a2] = poll(memo, [record('a', 'done')], 'looked-up');
    expect(a2).not.toBe(a);
    expect(poll(memo, [record('a', 'done')], 'looked-up')[0]).toBe(a2);
  });

  it('forgets a record absent for a whole poll, and keeps nothing for a record without an id', () => {
    const memo = createJobMemo(idOf);
    const [a] = poll(memo, [record('a', 'running')]);
    poll(memo, [record('b', 'running')]);
    expect(poll(memo, [record('a', 'running')])[0]).not.toBe(a);
    const anonymous = { state: 'running' };
    const [first] = poll(memo, [anonymous]);
    expect(poll(memo, [{ state: 'running' }])[0]).not.toBe(first);
  });

  it('keeps the last Jobs across a poll that matched nothing before it failed', () => {
    const memo = createJobMemo(idOf);
    const [a] = poll(memo, [record('a', 'running')]);
    poll(memo, []);
    expect(poll(memo, [record('a', 'running')])[0]).toBe(a);
  });

  it('tells two records with one id apart by content within a poll', () => {
    const memo = createJobMemo(idOf);
    const [x, y] = poll(memo, [record('a', 'running'), record('a', 'failed')]);
    expect(x).not.toBe(y);
    const [x2, y2] = poll(memo, [record('a', 'running'), record('a', 'failed')]);
    expect((x2.raw as { state: string }).state).toBe('running');
    expect((y2.raw as { state: string }).state).toBe('failed');
  });
});
