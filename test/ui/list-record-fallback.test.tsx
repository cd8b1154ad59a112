/**
 * A tab whose detail could not be fetched says so with the reason, and shows what the last good
 * list record carries instead: VectorCharts list items hold their logs and steps inline, so with
 * the Portal refusing connections the Messages tab reads "could not fetch messages: connection
 * refused; showing the list record's 3 log lines, …s old" above those lines — never "reported no
 * messages". The App runs over the real store and adapter against the demo VectorCharts server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSource, type SourceSpec } from '../../source/adapters/registry.js';
import type { JobSource } from '../../source/adapters/contract.js';
import { createFleetStore, type FleetStore } from '../../source/store/fleet-store.js';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import type { VectorChartsSimulator } from '../../source/demo/vectorcharts-server.js';
import { App } from '../../source/ui/app.js';
import { couldNotFetch } from '../../source/ui/content/detail-content.js';
import { KEYS, renderApp, renderAt, waitFor, type Rendered, type RenderedApp } from '../helpers/render.js';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeDetail, makeJob, makeSource, T0 } from '../helpers/jobs.js';

let fleet: DemoFleet;
let source: JobSource | undefined;
let store: FleetStore | undefined;
let rendered: Rendered | undefined;

beforeEach(async () => {
  fleet = await startDemoFleet({ vendors: ['vectorcharts'], tickMs: 0, arrivals: false });
});
afterEach(async () => {
  rendered?.unmount();
  rendered = undefined;
  store?.stop();
  store = undefined;
  await fleet.servers.vectorcharts.setFault(null);
  await source?.close();
  source = undefined;
  await fleet.close();
});

const simulator = () => fleet.servers.vectorcharts.simulator as VectorChartsSimulator;

async function openOn(id: string): Promise<Rendered> {
  source = createSource(fleet.sources[0] as unknown as SourceSpec);
  store = createFleetStore([{ source }], { intervalMs: 60_000 });
  store.start();
  await store.firstRound();
  const current = store;
  await waitFor(() => current.findJob(`demo-vectorcharts/${id}`), { describe: () => `${id} never listed` });
  const view = await renderAt(<App store={current} onExit={() => undefined} write={() => undefined} />, {
    columns: 140,
    rows: 40,
  });
  await view.press('/');
  await view.type(id);
  await view.press(KEYS.enter);
  await view.waitFor((frame) => frame.split('\n').some((line) => line.startsWith('›') && line.includes(id.slice(-5))));
  return view;
}

describe('a tab whose detail could not be fetched shows the list record instead, and says so', () => {
  it("shows the list record's log lines with the reason and their age when the Portal refuses connections", async () => {
    const at = Date.now() - 30_000;
    const job = simulator().insertJob({
      jobState: 'running',
      jobType: 'render-tiles',
      percentComplete: 40,
      logs: [
        { timestamp: new Date(at).toISOString(), type: 'info', message: 'Queued render-tiles' },
        { timestamp: new Date(at + 1000).toISOString(), type: 'info', message: 'Rendering zoom 4 of 12' },
        { timestamp: new Date(at + 2000).toISOString(), type: 'warning', message: 'Tile 4/8/3 retried' },
      ],
    });
    rendered = await openOn(job.id);
    await fleet.servers.vectorcharts.setFault('refused');
    fleet.servers.vectorcharts.clearRequests();
    await rendered.press(KEYS.enter);
    await rendered.press('3');
    const frame = await rendered.waitFor('could not fetch messages');
    expect(frame).toMatch(
      /could not fetch messages: connection refused; showing the list record's 3 log lines, \d+s old/,
    );
    for (const line of ['Queued render-tiles', 'Rendering zoom 4 of 12', 'Tile 4/8/3 retried'])
      expect(frame).toContain(line);
    expect(frame).not.toContain('reported no messages');
    // nothing reached the refusing server: the lines are the list record jobtop already held
    expect(fleet.servers.vectorcharts.requests).toEqual([]);
  });

  it('says the list record has no messages, not that the vendor has none, when it carries no log lines', async () => {
    const job = simulator().insertJob({ jobState: 'running', jobType: 'render-tiles', logs: [] });
    rendered = await openOn(job.id);
    await fleet.servers.vectorcharts.setFault('500');
    await rendered.press(KEYS.enter);
    await rendered.press('3');
    const frame = await rendered.waitFor('could not fetch messages');
    expect(frame).toMatch(/could not fetch messages: 500[^;]*; the list record, \d+s old, has no messages/);
    expect(frame).not.toContain('reported no messages');
    expect(
      fleet.servers.vectorcharts.requests.some((request) => request.method === 'GET' && request.path.endsWith('/jobs')),
    ).toBe(true);
  });
});

describe('the sentence of a tab that could not be fetched', () => {
  it.each([
    [
      'messages',
      { count: 3 },
      "could not fetch messages: connection refused; showing the list record's 3 log lines, 1m04s old",
    ],
    [
      'messages',
      { count: 1 },
      "could not fetch messages: connection refused; showing the list record's 1 log line, 1m04s old",
    ],
    ['steps', { count: 4 }, "could not fetch steps: connection refused; showing the list record's 4 steps, 1m04s old"],
    ['result', { count: 1 }, 'could not fetch result: connection refused; the list record, 1m04s old, carries one'],
    ['messages', null, 'could not fetch messages: connection refused; the list record, 1m04s old, has no messages'],
  ] as const)('%s with %j from the list record', (tab, fromList, sentence) => {
    expect(couldNotFetch(tab, 'connection refused', 1_000_000, 1_064_000, fromList)).toContain(sentence);
  });
});

describe('while the detail is still being fetched', () => {
  let app: RenderedApp | undefined;
  afterEach(() => app?.unmount());

  it("shows the list record's log lines meanwhile, saying so, then the fetched messages", async () => {
    const job = makeJob({ id: 'job-7', source: 'vectorcharts' });
    const listRecord = makeDetail({
      id: 'job-7',
      source: 'vectorcharts',
      messages: [{ timestamp: T0 - 5_000, level: 'info', text: 'Queued from the list', origin: null }],
    });
    const store = createFakeStore(fleetOf([makeSource('vectorcharts', [job])]));
    app = await renderApp(store, { columns: 120, rows: 30 });
    await app.waitFor('job-7');
    await app.press(KEYS.enter, '3');
    await waitFor(() => store.watched().includes('vectorcharts/job-7'));
    const loading = { key: 'vectorcharts/job-7', detail: null, error: null, lastSuccessAt: null };
    store.pushDetail({ ...loading, status: 'loading', listRecord });
    const frame = await app.waitFor("Fetching messages…; showing the list record's meanwhile.");
    expect(frame).toContain('Queued from the list');
    store.pushDetail({ ...loading, status: 'loading', listRecord: null });
    await app.waitFor("Fetching messages… (the list's record has none to show meanwhile)");
    store.pushDetail({
      ...loading,
      status: 'ok',
      lastSuccessAt: T0,
      detail: makeDetail({
        id: 'job-7',
        source: 'vectorcharts',
        messages: [{ timestamp: T0 - 1_000, level: 'info', text: 'Fetched from the detail', origin: null }],
      }),
    });
    const fetched = await app.waitFor('Fetched from the detail');
    expect(fetched).not.toContain('list record');
  });
});
