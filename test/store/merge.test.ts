import { describe, expect, it } from 'vitest';
import { changedKeys, reuseUnchanged } from '../../source/store/merge.js';
import type { Job } from '../../source/domain/job.js';
import { makeJob } from '../helpers/jobs.js';

const jobs = () => [
  makeJob({ id: 'a' }),
  makeJob({ id: 'b', state: 'queued' }),
  makeJob({ id: 'c', state: 'succeeded' }),
];

describe('structural sharing between polls', () => {
  it('keeps the previous array itself when a poll changed nothing shown', () => {
    const previous = jobs();
    expect(reuseUnchanged(previous, jobs())).toBe(previous);
  });

  it('keeps every unchanged job object and takes the changed one', () => {
    const previous = jobs();
    const next = jobs();
    next[1] = makeJob({ id: 'b', state: 'running' });
    const merged = reuseUnchanged(previous, next);
    expect(merged).not.toBe(previous);
    expect(merged[0]).toBe(previous[0]);
    expect(merged[1]).toBe(next[1]);
    expect(merged[2]).toBe(previous[2]);
  });

  it.each<[string, Partial<Job>]>([
    ['type', { type: 'another-workflow' }],
    ['owner', { owner: 'someone-else' }],
    ['created time', { createdAt: 1_000 }],
    ['parent', { parentId: 'p-1' }],
    ['flag of the same count', { flags: ['warnings'] }],
    ['vendor record alone', { raw: { id: 'b', status: 'queued', logs: ['one more line'] } }],
  ])('takes the new job object when only its %s changed', (_field, change) => {
    const previous = jobs();
    previous[1] = makeJob({ id: 'b', state: 'queued', flags: ['had-error'] });
    const next = jobs();
    next[1] = makeJob({ id: 'b', state: 'queued', flags: ['had-error'], ...change });
    const merged = reuseUnchanged(previous, next);
    expect(merged[1]).toBe(next[1]);
    expect(merged[0]).toBe(previous[0]);
  });

  it('keeps the previous job object for a vendor record equal by content', () => {
    const previous = jobs();
    const next = jobs();
    next[1] = { ...next[1], raw: JSON.parse(JSON.stringify(previous[1].raw)) };
    expect(reuseUnchanged(previous, next)).toBe(previous);
  });

  it('is a new array when a job arrived, left or moved', () => {
    const previous = jobs();
    expect(reuseUnchanged(previous, [...jobs(), makeJob({ id: 'd' })])).not.toBe(previous);
    expect(reuseUnchanged(previous, jobs().slice(1))).not.toBe(previous);
    expect(reuseUnchanged(previous, jobs().reverse())).not.toBe(previous);
  });

  it('spots state changes and arrivals', () => {
    const next = jobs();
    next[1] = makeJob({ id: 'b', state: 'running' });
    expect(changedKeys(jobs(), [...next, makeJob({ id: 'd' })])).toEqual([next[1].key, makeJob({ id: 'd' }).key]);
  });
});
