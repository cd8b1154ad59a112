/**
 * The screen tells the truth at the moment of decision: the App over the real store and the
 * real adapters against the demo fleet (loopback HTTP, the fault switch, `tick(now)` moving
 * jobs on the server). Each test asserts what the operator sees and what reached the server
 * (the demo servers' request logs): acting on paused data, a confirmation that names the job,
 * stale rows, a tab that could not be fetched, and a request whose answer was lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSource, type SourceSpec } from '../../source/adapters/registry.js';
import type { JobSource } from '../../source/adapters/contract.js';
import type { Job } from '../../source/domain/job.js';
import { uniqueSuffix } from '../../source/domain/confirm-token.js';
import { createFleetStore, type FleetStore, type FleetStoreOptions } from '../../source/store/fleet-store.js';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { ALTERYX_DEMO_USER, type AlteryxJobSeed, type AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import type { OsapiSimulator } from '../../source/demo/osapi-server.js';
import type { RecordedRequest } from '../../source/demo/kit.js';
import { App } from '../../source/ui/app.js';
import { KEYS, renderAt, waitFor, type Rendered } from '../helpers/render.js';

let fleet: DemoFleet;
let sources: JobSource[] = [];
let store: FleetStore | undefined;
let rendered: Rendered | undefined;

beforeEach(async () => {
  fleet = await startDemoFleet({ vendors: ['osapi', 'alteryx'], tickMs: 0, arrivals: false });
});
afterEach(async () => {
  rendered?.unmount();
  rendered = undefined;
  store?.stop();
  store = undefined;
  await Promise.all(sources.map((source) => source.close()));
  sources = [];
  await fleet.close();
});

const spec = (vendor: 'osapi' | 'alteryx', patch: Record<string, unknown> = {}) =>
  ({ ...fleet.sources.find((entry) => entry.type === vendor), ...patch }) as unknown as SourceSpec;

async function open(
  vendors: ('osapi' | 'alteryx')[],
  options: FleetStoreOptions = {},
  patch: Record<string, unknown> = {},
): Promise<FleetStore> {
  sources = vendors.map((vendor) => createSource(spec(vendor, patch)));
  store = createFleetStore(
    sources.map((source) => ({ source })),
    { intervalMs: 60_000, ...options },
  );
  store.start();
  await store.firstRound();
  return store;
}

const alteryxSim = () => fleet.servers.alteryx.simulator as AlteryxSimulator;
const injectAlteryx = (seed: AlteryxJobSeed) => alteryxSim().inject({ submittedBy: ALTERYX_DEMO_USER, ...seed });
const deletes = (requests: readonly RecordedRequest[]) =>
  requests.filter((request) => request.method === 'DELETE').map((request) => request.path);

async function listed(current: FleetStore, key: string): Promise<Job> {
  current.refreshNow();
  return (await waitFor(() => current.findJob(key), { describe: () => `${key} never listed` })) as Job;
}

async function selectJob(view: Rendered, id: string) {
  await view.press('/', '\x15'); // ctrl-u clears an earlier filter
  await view.type(id);
  await view.press(KEYS.enter);
  await view.waitFor((frame) => frame.split('\n').some((line) => line.startsWith('›') && line.includes(id.slice(-5))));
}

const app = (current: FleetStore) => <App store={current} onExit={() => undefined} write={() => undefined} />;

describe('acting on paused, stale data', () => {
  it('re-reads the marked jobs when the dialog opens: a job that finished meanwhile is skipped, only the other is sent', async () => {
    const current = await open(['alteryx']);
    const finishing = injectAlteryx({ status: 'Running', runMs: 60_000, workflowName: 'Finishing.yxmd' });
    const waiting = injectAlteryx({ status: 'Running', runMs: 36_000_000, workflowName: 'Long.yxmd' });
    await listed(current, `demo-alteryx/${finishing.id}`);
    await listed(current, `demo-alteryx/${waiting.id}`);
    rendered = await renderAt(app(current), { columns: 140, rows: 40 });
    await rendered.press('p');
    await rendered.waitFor('⏸ paused');
    // the server moves on while the screen is paused: the first job completes
    fleet.tick(Date.now() + 3_600_000);
    await selectJob(rendered, finishing.id);
    await rendered.press(KEYS.space);
    await selectJob(rendered, waiting.id);
    await rendered.press(KEYS.space);
    await rendered.waitFor('◆ 2 marked');
    fleet.servers.alteryx.clearRequests();
    await rendered.press('c');
    const dialog = await rendered.waitFor('Cancel 1 marked job?');
    expect(dialog).toContain('updates are paused');
    expect(dialog).toContain('✔ re-checked on the server just now');
    expect(dialog).toMatch(/running → cancelled/);
    expect(dialog).toMatch(/(succeeded|failed|cancelled|unknown) → nothing to do, skipped/);
    await rendered.press('y');
    await waitFor(() => deletes(fleet.servers.alteryx.requests).length === 1);
    expect(deletes(fleet.servers.alteryx.requests)).toEqual([`/webapi/v3/jobs/${waiting.id}`]);
  });
});

describe('a confirmation that names the job', () => {
  it("asks for the shortest unique end of the queued job's id, not the timestamp prefix every Alteryx id shares", async () => {
    const current = await open(['alteryx']);
    const queued = injectAlteryx({ status: 'Queued', workflowName: 'Queued.yxmd' });
    const key = `demo-alteryx/${queued.id}`;
    await listed(current, key);
    const ids = current.getSnapshot().jobs.map((job) => job.id);
    const token = uniqueSuffix(queued.id, ids);
    expect(token.length).toBeGreaterThanOrEqual(4);
    expect(ids.filter((id) => id !== queued.id && id.endsWith(token))).toEqual([]);
    rendered = await renderAt(app(current), { columns: 140, rows: 40 });
    await selectJob(rendered, queued.id);
    fleet.servers.alteryx.clearRequests();
    await rendered.press('c');
    expect(await rendered.waitFor('Cancel this job?')).toContain(`Type ${token} and Enter to cancel this job`);
    await rendered.type(queued.id.slice(0, 4));
    await rendered.press(KEYS.enter);
    await rendered.waitFor(`is not "${token}"`);
    expect(deletes(fleet.servers.alteryx.requests)).toEqual([]);
    await rendered.press('\x15'); // ctrl-u clears the typed text
    await rendered.type(token);
    await rendered.press(KEYS.enter);
    await waitFor(() => deletes(fleet.servers.alteryx.requests).length === 1);
    expect(deletes(fleet.servers.alteryx.requests)).toEqual([`/webapi/v3/jobs/${queued.id}`]);
  });
});

describe('stale rows look stale', () => {
  it('marks the rows of a source refusing connections with ⧗ and its age, while the other source stays live', async () => {
    const current = await open(['osapi', 'alteryx']);
    rendered = await renderAt(app(current), { columns: 140, rows: 40 });
    await rendered.waitFor('✔ demo-alteryx');
    await fleet.servers.alteryx.setFault('refused');
    await rendered.press('r');
    const frame = await rendered.waitFor('connection refused');
    const rows = frame
      .split('\n')
      .filter((line) => /^[ ›]/.test(line) && (line.includes('demo-alteryx ') || line.includes('demo-osapi ')));
    const alteryxRows = rows.filter((line) => line.includes('demo-alteryx '));
    const osapiRows = rows.filter((line) => line.includes('demo-osapi '));
    expect(alteryxRows.length).toBeGreaterThan(0);
    for (const line of alteryxRows) expect(line).toMatch(/^.⧗.*⧗ ?\d/);
    for (const line of osapiRows) expect(line).not.toContain('⧗');
    expect(frame).toMatch(/demo-alteryx.*connection refused ⧗ stale/);
    await fleet.servers.alteryx.setFault(null);
  });
});

describe('"could not fetch" is never worded as "none"', () => {
  it('says the messages could not be fetched, with the reason, when the detail request fails', async () => {
    const current = await open(['osapi']);
    const id = (fleet.servers.osapi.simulator as OsapiSimulator).inject({
      agents: [{ host: 'web-01', outcome: 'failed', error: 'disk full' }],
    });
    await listed(current, `demo-osapi/${id}`);
    rendered = await renderAt(app(current), { columns: 140, rows: 40 });
    await selectJob(rendered, id);
    await fleet.servers.osapi.setFault('500');
    await rendered.press(KEYS.enter, '3');
    const frame = await rendered.waitFor('could not fetch messages');
    expect(frame).toMatch(/could not fetch messages: 500/);
    expect(frame).not.toContain('reported no messages');
    await fleet.servers.osapi.setFault(null);
  });
});

describe('an answer lost is not a failure', () => {
  it('shows a cancel whose connection was reset as unknown, re-reads the job and reports it cancelled', async () => {
    const current = await open(['alteryx'], { unknownChecks: { attempts: 40, delayMs: 50 } });
    const job = injectAlteryx({ status: 'Running', runMs: 36_000_000 });
    await listed(current, `demo-alteryx/${job.id}`);
    rendered = await renderAt(app(current), { columns: 140, rows: 40 });
    await selectJob(rendered, job.id);
    await rendered.press('c');
    await rendered.waitFor('Cancel this job?');
    fleet.servers.alteryx.clearRequests();
    // why: 'reset' lets the server carry out the DELETE, then cuts the answer in half: the cancel happened, its answer was lost.
    await fleet.servers.alteryx.setFault('reset');
    await rendered.press('y');
    await waitFor(() => deletes(fleet.servers.alteryx.requests).length === 1);
    await rendered.waitFor('no answer');
    expect(rendered.frame()).not.toMatch(/✖ Cancel .* failed/);
    await fleet.servers.alteryx.setFault(null);
    const frame = await rendered.waitFor('cancel sent, no answer; checked → job is cancelled', 6000);
    expect(frame).toContain(`✔ Cancel demo-alteryx/`);
    expect(deletes(fleet.servers.alteryx.requests)).toEqual([`/webapi/v3/jobs/${job.id}`]);
    expect(current.getSnapshot().actions.at(-1)).toMatchObject({ status: 'done', outcome: { effect: 'cancelled' } });
  });
});
