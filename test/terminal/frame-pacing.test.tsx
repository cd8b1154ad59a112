/**
 * Frame pacing under Ink's real render(): with the TUI's setting every commit is drawn in the
 * same turn, so a key's frame never waits behind the frame before it (ui/frame-pacing.ts).
 * No clock is read: the frames are checked synchronously, before any timer could run.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INK_MAX_FPS } from '../../source/ui/frame-pacing.js';
import { FakeTty } from './screen-harness.js';

type Ink = typeof import('ink');
let ink: Ink;

beforeAll(async () => {
  // why: with CI set Ink renders only the last frame (is-in-ci is read when Ink loads).
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  ink = await import('ink');
});

const instances: { unmount(): void }[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.unmount();
});

/** Renders frames `first`, `second`, `third` one right after the other; returns what was written by then. */
function threeFramesAtOnce(maxFps: number): string {
  const tty = new FakeTty(40, 10);
  const { Text } = ink;
  const instance = ink.render(<Text>first</Text>, {
    stdout: tty.asStdout(),
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps,
  });
  instances.push(instance);
  instance.rerender(<Text>second</Text>);
  instance.rerender(<Text>third</Text>);
  return tty.chunks.join('');
}

describe('frame pacing', () => {
  it('draws every commit at once, even right after another frame', () => {
    const written = threeFramesAtOnce(INK_MAX_FPS);
    expect(written).toContain('first');
    expect(written).toContain('second');
    expect(written).toContain('third');
  });

  it('(the reason) with a frame-rate cap, a commit right after a frame waits for a timer', () => {
    const written = threeFramesAtOnce(60);
    expect(written).toContain('first');
    expect(written).not.toContain('third');
  });
});
