import { describe, expect, it } from 'vitest';
import { newlyFailed, nextInterval, osc52, performEffect } from '../../source/ui/effects.js';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeSource, T0 } from '../helpers/jobs.js';

describe('nextInterval', () => {
  it.each<[number, 'faster' | 'slower', number]>([
    [5_000, 'faster', 3_000],
    [5_000, 'slower', 10_000],
    [500, 'faster', 500],
    [300_000, 'slower', 300_000],
    [7_000, 'faster', 5_000],
    [7_000, 'slower', 10_000],
  ])('%i ms %s → %i ms', (current, direction, next) => expect(nextInterval(current, direction)).toBe(next));
});

describe('newlyFailed', () => {
  const running = makeJob({ id: 'a', state: 'running' });
  const before = fleetOf([makeSource('osapi', [running], { lastSuccessAt: T0 - 5_000 })]);
  it.each<[string, ReturnType<typeof makeJob>[], string[]]>([
    ['a known job that turned failed', [{ ...running, state: 'failed' }], ['osapi/a']],
    ['a known job still running', [running], []],
    [
      'a new job that failed since the last poll',
      [running, makeJob({ id: 'b', state: 'failed', finishedAt: T0 - 1_000 })],
      ['osapi/b'],
    ],
    [
      'a new job that failed long ago',
      [running, makeJob({ id: 'c', state: 'failed', finishedAt: T0 - 60_000, updatedAt: T0 - 60_000 })],
      [],
    ],
  ])('%s', (_name, jobs, keys) => expect(newlyFailed(before, fleetOf([makeSource('osapi', jobs)]))).toEqual(keys));

  it('rings for nothing on the first snapshot', () => expect(newlyFailed(null, before)).toEqual([]));
});

describe('performEffect', () => {
  it('talks to the store and the terminal', () => {
    const store = createFakeStore(fleetOf([]));
    const writes: string[] = [];
    let exits = 0;
    const targets = { store, write: (data: string) => writes.push(data), onExit: () => (exits += 1) };
    performEffect({ id: 1, kind: 'toggle-pause' }, targets);
    performEffect({ id: 2, kind: 'interval', direction: 'slower' }, targets);
    performEffect({ id: 3, kind: 'refresh' }, targets);
    performEffect({ id: 4, kind: 'copy', text: 'job é' }, targets);
    performEffect({ id: 5, kind: 'quit' }, targets);
    expect(store.calls).toEqual([
      { method: 'setPaused', paused: true },
      { method: 'setIntervalMs', ms: 10_000 },
      { method: 'refreshNow', source: undefined },
    ]);
    expect(writes).toEqual([osc52('job é')]);
    expect(writes[0]).toBe(`\x1b]52;c;${Buffer.from('job é').toString('base64')}\x07`);
    expect(exits).toBe(1);
  });
});
