/**
 * The shortest SGR transition between two states draws exactly what establishing the new state
 * from a reset draws, on an emulated terminal, whatever attributes the old state had set.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SGR, applySgr, sgrSequence, sgrTransition } from '../../source/terminal/sgr-state.js';
import { createScreen, feed, snapshot } from './screen-harness.js';

const PARAMS = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '21',
  '5',
  '7',
  '8',
  '9',
  '53',
  '22',
  '23',
  '24',
  '27',
  '31',
  '91',
  '39',
  '44',
  '49',
];
const EXTENDED = ['38;5;208', '38;2;10;200;30', '48;5;17', '58;5;3', '59'];
const param = fc.constantFrom(...PARAMS, ...EXTENDED);
const state = fc
  .array(param, { maxLength: 5 })
  .map((list) => list.reduce((current, params) => applySgr(current, params), DEFAULT_SGR));
/** Two states: unrelated, or the second one a few parameters on from the first (most attributes shared). */
const pair = fc.oneof(
  fc.tuple(state, state),
  fc
    .tuple(state, fc.array(param, { minLength: 1, maxLength: 2 }))
    .map(([from, more]) => [from, more.reduce((current, params) => applySgr(current, params), from)] as const),
);

describe('the shortest SGR transition', () => {
  it('draws a cell exactly as a reset and the new state do', async () => {
    await fc.assert(
      fc.asyncProperty(pair, async ([from, to]) => {
        const ours = createScreen(8, 1);
        const reference = createScreen(8, 1);
        await feed(ours, `${sgrSequence(from)}x${sgrTransition(from, to)}y${sgrTransition(to, DEFAULT_SGR)}z`);
        await feed(reference, `${sgrSequence(from)}x\x1b[m${sgrSequence(to)}y\x1b[mz`);
        expect(snapshot(ours)).toEqual(snapshot(reference));
        expect(sgrTransition(from, to).length).toBeLessThanOrEqual(`\x1b[m${sgrSequence(to)}`.length);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['nothing changes', '1;33', '1;33', ''],
    ['one colour changes', '1;33', '1;36', '\x1b[36m'],
    ['bold goes, dim stays', '1;2;33', '2;33', '\x1b[22;2m'],
    ['everything goes', '1;33', '0', '\x1b[m'],
    ['a reset is shorter', '1;3;4;7;33', '36', '\x1b[0;36m'],
  ])('%s', (_name, from, to, expected) => {
    expect(sgrTransition(applySgr(DEFAULT_SGR, from), applySgr(DEFAULT_SGR, to))).toBe(expected);
  });
});
