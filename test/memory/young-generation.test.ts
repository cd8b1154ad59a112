import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { capYoungGeneration, type HeapControls } from '../../source/young-generation.js';

const MB = 2 ** 20;

/** Controls whose new space size the test sets, counting stops and collections watched. */
function fakeControls(initialBytes: number) {
  const state = { newSpace: initialBytes, stops: 0, watching: false, gc: () => {} };
  const controls: HeapControls = {
    newSpaceBytes: () => state.newSpace,
    stopGrowth: () => void (state.stops += 1),
    afterEachGc(check) {
      state.watching = true;
      state.gc = check;
      return () => {
        state.watching = false;
      };
    },
  };
  /** A collection after which the new space is `bytes`. */
  const collect = (bytes: number) => {
    state.newSpace = bytes;
    if (state.watching) state.gc();
  };
  return { state, controls, collect };
}

describe('capYoungGeneration', () => {
  it('stops growth the first time a collection leaves the new space at the cap, then stops watching', () => {
    const { state, controls, collect } = fakeControls(2 * MB);
    capYoungGeneration(16 * MB, controls);
    collect(4 * MB);
    collect(8 * MB);
    expect(state.stops).toBe(0);
    expect(state.watching).toBe(true);
    collect(16 * MB);
    expect(state.stops).toBe(1);
    expect(state.watching).toBe(false);
  });

  it('stops growth at once, without watching, when the new space is already at the cap', () => {
    const { state, controls } = fakeControls(32 * MB);
    capYoungGeneration(16 * MB, controls);
    expect(state.stops).toBe(1);
    expect(state.watching).toBe(false);
  });

  it('stops growth once even if collections keep coming', () => {
    const { state, controls, collect } = fakeControls(2 * MB);
    capYoungGeneration(8 * MB, controls);
    collect(8 * MB);
    state.gc();
    state.gc();
    expect(state.stops).toBe(1);
  });

  it('the returned function stops watching and leaves growth alone', () => {
    const { state, controls, collect } = fakeControls(2 * MB);
    const stop = capYoungGeneration(16 * MB, controls);
    stop();
    expect(state.watching).toBe(false);
    collect(32 * MB);
    expect(state.stops).toBe(0);
  });
});

// V8 itself: the growth factor read at run time is what makes the cap work, so a Node whose V8
// stops reading it must fail here. A child process, since the flag is process-wide.
describe('capYoungGeneration on this Node', () => {
  let script: string;
  beforeAll(async () => {
    const directory = mkdtempSync(join(tmpdir(), 'jobtop-young-generation-'));
    const module = join(directory, 'young-generation.mjs');
    await build({
      entryPoints: [resolve(import.meta.dirname, '../../source/young-generation.ts')],
      outfile: module,
      bundle: true,
      format: 'esm',
      platform: 'node',
      logLevel: 'warning',
    });
    script = join(directory, 'grow.mjs');
    // Keeps a ring of recent arrays alive so scavenges see survivors (which makes V8 grow the new
    // space), yielding between batches so GC observers run; prints the new space's final size.
    writeFileSync(
      script,
      `import v8 from 'node:v8';
import { capYoungGeneration } from './young-generation.mjs';
const cap = Number(process.argv[2]);
if (cap > 0) capYoungGeneration(cap);
const ring = new Array(4096);
for (let batch = 0; batch < 1500; batch++) {
  for (let i = 0; i < 256; i++) ring[(batch * 256 + i) % ring.length] = new Array(64).fill(batch);
  await new Promise((done) => setImmediate(done));
  await new Promise((done) => setImmediate(done));
}
const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
process.stdout.write(String(newSpace));
`,
    );
  });

  const newSpaceAfter = (cap: number) =>
    Number(execFileSync(process.execPath, [script, String(cap)], { encoding: 'utf8' }));

  it('keeps the new space at the cap where an uncapped process grows it further', () => {
    expect(newSpaceAfter(0)).toBeGreaterThan(4 * MB);
    expect(newSpaceAfter(4 * MB)).toBeLessThanOrEqual(4 * MB);
  });
});
