import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyMonitorHeapLimits, capYoungGeneration, type HeapControls } from '../../source/heap-limits.js';

const MB = 2 ** 20;

/** Controls whose new space size the test sets, counting stops and collections watched. */
function fakeControls(initialBytes: number) {
  const state = { newSpace: initialBytes, stops: 0, watching: false, gc: () => {}, oldGrowth: [] as number[] };
  const controls: HeapControls = {
    newSpaceBytes: () => state.newSpace,
    stopGrowth: () => void (state.stops += 1),
    limitOldGrowth: (percent) => void state.oldGrowth.push(percent),
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

describe('applyMonitorHeapLimits', () => {
  it('fixes the old generation growth at 50 % once and caps the young generation at 8 MB', () => {
    const { state, controls, collect } = fakeControls(2 * MB);
    applyMonitorHeapLimits(controls);
    expect(state.oldGrowth).toEqual([50]);
    collect(4 * MB);
    expect(state.stops).toBe(0);
    collect(8 * MB);
    expect(state.stops).toBe(1);
  });
});

// V8 itself: both flags work only because V8 reads them at run time, so a Node whose V8 stops
// reading them must fail here. Child processes, since the flags are process-wide.
describe('the heap limits on this Node', () => {
  let script: string;
  let oldScript: string;
  beforeAll(async () => {
    const directory = mkdtempSync(join(tmpdir(), 'jobtop-heap-limits-'));
    const module = join(directory, 'heap-limits.mjs');
    await build({
      entryPoints: [resolve(import.meta.dirname, '../../source/heap-limits.ts')],
      outfile: module,
      bundle: true,
      format: 'esm',
      platform: 'node',
      logLevel: 'warning',
    });
    script = join(directory, 'grow.mjs');
    oldScript = join(directory, 'old.mjs');
    // 20 MB of objects kept and replaced slowly, so full collections come and the old generation
    // grows between them by V8's factor; prints the largest old generation seen (the young one apart).
    writeFileSync(
      oldScript,
      `import v8 from 'node:v8';
import { applyMonitorHeapLimits } from './heap-limits.mjs';
if (process.argv[2] === 'limit') applyMonitorHeapLimits();
const keep = [];
let peak = 0;
for (let round = 0; round < 400; round++) {
  keep[round % 40] = Array.from({ length: 5000 }, (_, i) => ({ i, text: 'x' + i + round }));
  const old = v8.getHeapSpaceStatistics().filter((space) => !space.space_name.startsWith('new_'));
  peak = Math.max(peak, old.reduce((sum, space) => sum + space.space_size, 0));
  if (round % 10 === 0) await new Promise((done) => setImmediate(done));
}
process.stdout.write(String(peak));
`,
    );
    // Keeps a ring of recent arrays alive so scavenges see survivors (which makes V8 grow the new
    // space), yielding between batches so GC observers run; prints the new space's final size.
    writeFileSync(
      script,
      `import v8 from 'node:v8';
import { capYoungGeneration } from './heap-limits.mjs';
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

  it('keeps the old generation smaller between full collections than V8 does by default', () => {
    const peak = (mode: string) => Number(execFileSync(process.execPath, [oldScript, mode], { encoding: 'utf8' }));
    expect(peak('limit')).toBeLessThan(peak('default'));
  });
});
