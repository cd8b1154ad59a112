/**
 * The demo fleet's MCRIT job whose result is over the default body limit, in the TUI: the App
 * over the real store and the real MCRIT adapter against the demo simulator on loopback HTTP.
 * The Result tab says how large the result is and how to get it whole, never "no result".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSource, type SourceSpec } from '../../source/adapters/registry.js';
import type { JobSource } from '../../source/adapters/contract.js';
import { createFleetStore, type FleetStore } from '../../source/store/fleet-store.js';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { MCRIT_OVERSIZED_JOB_ID } from '../../source/demo/mcrit-server.js';
import { App } from '../../source/ui/app.js';
import { KEYS, renderAt, waitFor, type Rendered } from '../helpers/render.js';

vi.hoisted(() => {
  // why: with CI set Ink renders only the last frame (is-in-ci is read when Ink loads).
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
});

let fleet: DemoFleet;
let source: JobSource | undefined;
let store: FleetStore | undefined;
let rendered: Rendered | undefined;

beforeEach(async () => {
  fleet = await startDemoFleet({ vendors: ['mcrit'], tickMs: 0, arrivals: false });
});
afterEach(async () => {
  rendered?.unmount();
  rendered = undefined;
  store?.stop();
  store = undefined;
  await source?.close();
  source = undefined;
  await fleet.close();
});

/** The size of the result answer the adapter asks for, read from the server as a client would. */
async function resultBytes(): Promise<number> {
  const entry = fleet.sources.find((candidate) => candidate.type === 'mcrit')!;
  const response = await fetch(`${fleet.servers.mcrit.url}/jobs/${MCRIT_OVERSIZED_JOB_ID}/result?compact=true`, {
    headers: { apitoken: String(entry.apiToken) },
  });
  return (await response.arrayBuffer()).byteLength;
}

describe('a demo result too large to show', () => {
  it('the Result tab says its size and how to save it whole with jobtop get', async () => {
    source = createSource(fleet.sources.find((entry) => entry.type === 'mcrit') as unknown as SourceSpec);
    store = createFleetStore([{ source }], { intervalMs: 60_000 });
    store.start();
    await store.firstRound();
    const current = store;
    await waitFor(() => current.findJob(`demo-mcrit/${MCRIT_OVERSIZED_JOB_ID}`), {
      describe: () => 'the oversized job was never listed',
    });
    rendered = await renderAt(<App store={current} onExit={() => undefined} write={() => undefined} />, {
      columns: 160,
      rows: 40,
    });
    await rendered.press('/', '\x15');
    await rendered.type(MCRIT_OVERSIZED_JOB_ID);
    await rendered.press(KEYS.enter);
    await rendered.waitFor((frame) =>
      frame.split('\n').some((line) => line.startsWith('›') && line.includes(MCRIT_OVERSIZED_JOB_ID.slice(-5))),
    );
    await rendered.press(KEYS.enter);
    await rendered.waitFor(`demo-mcrit / ${MCRIT_OVERSIZED_JOB_ID}`);
    await rendered.press('4');
    const frame = await rendered.waitFor('too large to show', 10_000);
    const bytes = await resultBytes();
    expect(bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(frame).toContain(
      `result is ${(bytes / 1e6).toFixed(1)} MB — too large to show; \`jobtop get demo-mcrit/${MCRIT_OVERSIZED_JOB_ID} --result FILE\` saves it whole.`,
    );
    expect(frame).not.toMatch(/no result/i);
  });
});
