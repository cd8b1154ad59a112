/**
 * A key is drawn at input priority: its frame is rendered in the microtask after the key is read,
 * before the event loop runs anything already queued (a poll answer's callbacks, an idle slice).
 * No clock is read: the test lets microtasks run and nothing else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render as inkRender } from 'ink-testing-library';
import { App } from '../../source/ui/app.js';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeJobs, makeSource, T0 } from '../helpers/jobs.js';
import type { FleetSnapshot } from '../../source/store/types.js';
import { stripAnsi, waitFor } from '../helpers/render.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** Lets queued microtasks run (and those they queue), but no timer, immediate or I/O callback. */
async function microtasksOnly(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise<void>((resolve) => queueMicrotask(resolve));
}

function selectedRow(frame: string): number {
  return stripAnsi(frame)
    .split('\n')
    .findIndex((line) => line.startsWith('›'));
}

describe('key priority', () => {
  it('draws a key’s frame before the event loop moves on to work queued before the key', async () => {
    const store = createFakeStore(fleetOf([makeSource('osapi', makeJobs(5))]));
    const instance = inkRender(<App store={store} now={() => T0} onExit={() => undefined} />);
    unmount = () => instance.unmount();
    await waitFor(() => selectedRow(instance.lastFrame() ?? '') >= 0);
    const before = selectedRow(instance.lastFrame() ?? '');

    let queuedWorkRan = false;
    setImmediate(() => (queuedWorkRan = true));
    instance.stdin.write('j');
    await microtasksOnly();

    expect(selectedRow(instance.lastFrame() ?? '')).toBe(before + 1);
    expect(queuedWorkRan).toBe(false);
  });

  it('applies keys that arrive together in order, in one frame', async () => {
    const store = createFakeStore(fleetOf([makeSource('osapi', makeJobs(5))]));
    const instance = inkRender(<App store={store} now={() => T0} onExit={() => undefined} />);
    unmount = () => instance.unmount();
    await waitFor(() => selectedRow(instance.lastFrame() ?? '') >= 0);
    const before = selectedRow(instance.lastFrame() ?? '');
    const frames = instance.frames.length;

    instance.stdin.write('jjjk');
    await microtasksOnly();

    expect(selectedRow(instance.lastFrame() ?? '')).toBe(before + 2);
    expect(instance.frames.length).toBe(frames + 1);
  });

  it('draws a key with the fleet as last published; a round still being coalesced appears with its publish', async () => {
    const jobs = makeJobs(5);
    const base = createFakeStore(fleetOf([makeSource('osapi', jobs)]));
    // Like the fleet store while it coalesces a round: readers get the newer snapshot before listeners hear of it.
    let coalescing: FleetSnapshot | null = null;
    const store = { ...base, getSnapshot: () => coalescing ?? base.getSnapshot() };
    const instance = inkRender(<App store={store} now={() => T0} onExit={() => undefined} />);
    unmount = () => instance.unmount();
    await waitFor(() => selectedRow(instance.lastFrame() ?? '') >= 0);
    const before = selectedRow(instance.lastFrame() ?? '');

    const arrived = makeJob({ id: 'new-1', state: 'running', createdAt: T0 + 1_000 });
    const round = [makeSource('osapi', [arrived, ...jobs])];
    coalescing = fleetOf(round);
    instance.stdin.write('j');
    await microtasksOnly();
    expect(selectedRow(instance.lastFrame() ?? '')).toBe(before + 1);
    expect(stripAnsi(instance.lastFrame() ?? '')).not.toContain('new-1');

    coalescing = null;
    base.setSources(round); // the publish
    await waitFor(() => stripAnsi(instance.lastFrame() ?? '').includes('new-1'));
  });
});
