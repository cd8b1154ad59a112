import { describe, expect, it } from 'vitest';
import { dedupeById } from '../../source/adapters/paging.js';
import { makeJob } from '../helpers/jobs.js';

const job = (id: string, type = id) => makeJob({ id, type });

describe('dedupeById', () => {
  it.each<[string, string[], string[]]>([
    ['no jobs', [], []],
    ['distinct ids', ['a', 'b', 'c'], ['a', 'b', 'c']],
    ['a repeat right after the first', ['a', 'a', 'b'], ['a', 'b']],
    [
      'repeats further on, the first occurrence kept in place',
      ['a', 'b', 'c', 'b', 'd', 'a', 'e'],
      ['a', 'b', 'c', 'd', 'e'],
    ],
  ])('%s', (_, ids, kept) => {
    const jobs = ids.map((id, index) => job(id, `${id}${index}`));
    const out = dedupeById(jobs);
    expect(out.map((one) => one.id)).toEqual(kept);
    // The first occurrence of each id is the one kept.
    for (const one of out) expect(one).toBe(jobs.find((other) => other.id === one.id));
  });

  it('gives back the very array when no id repeats, and never changes its input', () => {
    const distinct = [job('a'), job('b')];
    expect(dedupeById(distinct)).toBe(distinct);
    const repeated = [job('a'), job('b'), job('a')];
    const copy = [...repeated];
    expect(dedupeById(repeated)).not.toBe(repeated);
    expect(repeated).toEqual(copy);
  });
});
