import { describe, expect, it } from 'vitest';
import { reconcileSelection } from '../../source/ui/selection.js';
import { makeJob } from '../helpers/jobs.js';

const list = (...ids: string[]) => ids.map((id) => makeJob({ id }));

describe('reconcileSelection', () => {
  it.each<[string, string[], string[], string | null, string | null]>([
    ['keeps the same job when it is still listed', ['a', 'b', 'c'], ['c', 'b', 'a'], 'osapi/b', 'osapi/b'],
    ['moves to the next job of the previous ordering', ['a', 'b', 'c', 'd'], ['a', 'c', 'd'], 'osapi/b', 'osapi/c'],
    ['skips next jobs that also vanished', ['a', 'b', 'c', 'd'], ['d', 'a'], 'osapi/b', 'osapi/d'],
    ['falls back to the previous job at the end', ['a', 'b', 'c'], ['a', 'b'], 'osapi/c', 'osapi/b'],
    ['selects the first row when nothing was selected', [], ['x', 'y'], null, 'osapi/x'],
    ['selects the first row when the old one is unknown', ['a'], ['x', 'y'], 'osapi/zz', 'osapi/x'],
    ['keeps the key while the list is empty', ['a'], [], 'osapi/a', 'osapi/a'],
  ])('%s', (_name, before, after, selected, expected) => {
    expect(reconcileSelection(list(...before), list(...after), selected)).toBe(expected);
  });
});
