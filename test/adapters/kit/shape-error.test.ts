/** The words every adapter's shape error uses for what a body turned out to be. */
import { describe, expect, it } from 'vitest';
import { describeFound, shapeError } from '../../../source/adapters/kit/shape-error.js';

describe('describeFound', () => {
  it.each<[string, unknown, string]>([
    ['a missing field', undefined, 'nothing'],
    ['null', null, 'null'],
    ['an array', [1, 2], 'an array'],
    ['an empty object', {}, 'an object with no keys'],
    ['an object', { data: [], pagination: {} }, 'an object with keys data, pagination'],
    [
      'an object with many keys',
      Object.fromEntries('abcdefghij'.split('').map((k) => [k, 1])),
      'an object with keys a, b, c, d, e, f, g, h, …',
    ],
    ['a string', 'x', 'a string'],
    ['a number', 3, 'a number'],
    ['a boolean', false, 'a boolean'],
  ])('%s → %s', (_name, value, expected) => {
    expect(describeFound(value)).toBe(expected);
  });

  it('goes into a shape error as its detail', () => {
    const error = shapeError('s', 'GET /jobs', `expected an array of jobs, got ${describeFound({ jobs: 1 })}`, 200);
    expect(error).toMatchObject({ kind: 'shape', short: 'unexpected response shape', status: 200 });
    expect(error.detail).toBe('expected an array of jobs, got an object with keys jobs');
  });
});
