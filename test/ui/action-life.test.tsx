/**
 * An action's visible life (requested → done until a refresh confirms it, or failed with the
 * server's message), marks and bulk actions with per-job outcome, a retry's new job, and the
 * action keys in the detail view; against a fake store publishing what the real one does.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSource } from '../../source/adapters/registry.js';
import type { PendingAction } from '../../source/store/types.js';
import { createFakeStore, fleetOf, type FakeStore } from '../helpers/fake-store.js';
import { makeJob, makeSource, T0 } from '../helpers/jobs.js';
import { KEYS, renderApp, waitFor, type RenderedApp } from '../helpers/render.js';

const adapters = {
  alteryx: createSource({
    type: 'alteryx',
    name: 'alteryx',
    url: 'http://127.0.0.1:9/webapi',
    clientId: 'id',
    clientSecret: 'secret',
  }),
  osapi: createSource({ type: 'osapi', name: 'osapi', url: 'http://127.0.0.1:9', token: 'token' }),
  vectara: createSource({ type: 'vectara', name: 'vectara', url: 'http://127.0.0.1:9', apiKey: 'key' }),
};
afterAll(() => Promise.all(Object.values(adapters).map((source) => source.close())));

const RUNNING_ID = '6b02a242fbc8840ff4808007';
const RUNNING_KEY = `alteryx/${RUNNING_ID}`;
const running = makeJob({
  id: RUNNING_ID,
  source: 'alteryx',
  state: 'running',
  nativeState: 'Running',
  type: 'Data Quality Checks.yxmd',
  raw: { status: 'Running' },
});
const alteryx = (jobs = [running]) => makeSource('alteryx', jobs, { capabilities: adapters.alteryx.capabilities });
const osapiJob = (id: string, state: 'failed' | 'running', extra = {}) =>
  makeJob({
    id,
    source: 'osapi',
    state,
    nativeState: state === 'failed' ? 'failed' : 'processing',
    type: 'node.disk.get',
    createdAt: T0 - 60_000,
    ...extra,
  });
const osapi = (jobs: ReturnType<typeof makeJob>[]) =>
  makeSource('osapi', jobs, { capabilities: adapters.osapi.capabilities });
const vectara = (jobs: ReturnType<typeof makeJob>[]) =>
  makeSource('vectara', jobs, { capabilities: adapters.vectara.capabilities });

/** A store action as the real store publishes it. */
function action(
  id: number,
  patch: Partial<PendingAction> & Pick<PendingAction, 'kind' | 'jobKey' | 'status'>,
): PendingAction {
  return {
    id,
    stateAtRequest: 'running',
    jobType: 'Data Quality Checks.yxmd',
    at: T0,
    settledAt: patch.status === 'requested' ? undefined : T0,
    ...patch,
  };
}
const runActions = (store: FakeStore) => store.calls.filter((call) => call.method === 'runAction');
const rowOf = (frame: string, text: string) => frame.split('\n').find((line) => line.includes(text)) ?? '';

let app: RenderedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

async function cancelRunning(store: FakeStore): Promise<RenderedApp> {
  const rendered = await renderApp(store, { columns: 140, rows: 30 });
  await rendered.waitFor('6b02…08007');
  await rendered.press('c');
  await rendered.waitFor('Cancel this job?'); // the question appears once the re-check answered
  await rendered.press('y');
  await waitFor(() => runActions(store).length === 1);
  return rendered;
}

describe("an action's life on the row and in the footer", () => {
  it('shows requested, then done with the server’s message, until a refresh shows the new state', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await cancelRunning(store);
    store.push({ actions: [action(1, { kind: 'cancel', jobKey: RUNNING_KEY, status: 'requested' })] });
    expect(rowOf(await app.waitFor('⋯ cancelling'), '6b02…08007')).toContain('⋯ cancelling');
    store.push({
      actions: [
        action(1, {
          kind: 'cancel',
          jobKey: RUNNING_KEY,
          status: 'done',
          outcome: { kind: 'cancel', effect: 'cancelled', message: 'Cancelled Successfully.' },
        }),
      ],
    });
    const done = await app.waitFor('✔ Cancel alteryx/6b02…08007: Cancelled Successfully.');
    expect(rowOf(done, '6b02…08007')).toContain('✔ cancelled');
    expect(rowOf(done, '6b02…08007')).not.toContain('● running');
    await app.press('c');
    await app.waitFor('was already accepted; waiting for the next refresh');
    expect(app.frame()).not.toContain('Cancel this job?');
    store.setSources([
      alteryx([{ ...running, state: 'cancelled', nativeState: 'Completed/Cancelled', terminal: true }]),
    ]);
    const confirmed = await app.waitFor((frame) => rowOf(frame, '6b02…08007').includes('⊘ cancelled'));
    expect(rowOf(confirmed, '6b02…08007')).not.toContain('✔');
  });

  it('shows a refusal with the server’s own message, on the row and in the footer, and allows another try', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await cancelRunning(store);
    const message =
      "alteryx: cancel refused (HTTP 400): This job is not in 'Queued' or 'Running' state. (DELETE /webapi/v3/jobs/6b02a242fbc8840ff4808007)";
    store.push({ actions: [action(1, { kind: 'cancel', jobKey: RUNNING_KEY, status: 'failed', error: message })] });
    const failed = await app.waitFor("This job is not in 'Queued' or 'Running' state.");
    expect(failed.split('\n').at(-1)).toContain(
      '✖ Cancel alteryx/6b02…08007 failed: alteryx: cancel refused (HTTP 400)',
    );
    expect(rowOf(failed, '6b02…08007')).toContain('✖ cancel err');
    await app.press('c');
    await app.waitFor('Cancel this job?');
  });

  it('shows the pending action in the detail view’s title, and c there acts on the opened job', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store, { columns: 120, rows: 30 });
    await app.waitFor('6b02…08007');
    await app.press(KEYS.enter);
    await app.waitFor(`‹ alteryx / ${RUNNING_ID}`);
    expect(app.lines().at(-1)).toContain('c cancel');
    await app.press('c');
    await app.waitFor('Cancel this job?');
    await app.press('y');
    await waitFor(() => runActions(store).length === 1);
    expect(runActions(store)[0]).toMatchObject({ kind: 'cancel', keys: [RUNNING_KEY] });
    store.push({ actions: [action(1, { kind: 'cancel', jobKey: RUNNING_KEY, status: 'requested' })] });
    expect((await app.waitFor('⋯ cancelling')).split('\n')[0]).toContain('⋯ cancelling');
  });
});

describe('marks and bulk actions', () => {
  const failedA = osapiJob('aaaa-0001', 'failed', { createdAt: T0 - 10_000 });
  const failedB = osapiJob('bbbb-0002', 'failed', { createdAt: T0 - 20_000 });
  const runningC = osapiJob('cccc-0003', 'running', { createdAt: T0 - 30_000 });
  const vectaraJob = makeJob({ id: 'job_1040', source: 'vectara', state: 'failed' });
  const fleet = () => fleetOf([osapi([failedA, failedB, runningC]), vectara([vectaraJob])]);

  it('marks by key across refreshes, shows the count, and u clears them', async () => {
    const store = createFakeStore(fleet());
    app = await renderApp(store, { columns: 140, rows: 30 });
    await app.waitFor('aaaa-0001');
    const first = app.lines().find((line) => line.startsWith('›')) as string;
    const id = /(\w{4}-\d{4}|job_\d+)/.exec(first)![1];
    await app.press(KEYS.space);
    const marked = await app.waitFor('◆ 1 marked');
    expect(rowOf(marked, id)).toMatch(/^ ◆/);
    store.setSources([
      osapi([osapiJob('dddd-0004', 'running', { createdAt: T0 }), failedA, failedB, runningC]),
      vectara([vectaraJob]),
    ]);
    await app.waitFor('dddd-0004');
    expect(rowOf(app.frame(), id)).toMatch(/^.◆/);
    expect(app.frame()).toContain('◆ 1 marked');
    await app.press('u');
    await app.waitFor('unmarked 1 job');
    expect(app.frame()).not.toContain('◆');
  });

  it('shows per source how many jobs a bulk retry touches and which it skips and why, then runs them with per-job outcome', async () => {
    const store = createFakeStore(fleet());
    app = await renderApp(store, { columns: 140, rows: 40 });
    await app.waitFor('job_1040');
    await app.press('/');
    await app.type('"-000"'); // quoted: a leading - negates a term
    await app.press(KEYS.enter, 'g', KEYS.space, KEYS.space, KEYS.space, KEYS.escape);
    await app.waitFor('◆ 3 marked');
    await app.press('/');
    await app.type('job_');
    await app.press(KEYS.enter, KEYS.space, KEYS.escape);
    await app.waitFor('◆ 4 marked');
    await app.press('R');
    const dialog = await app.waitFor('Retry 2 marked jobs?');
    expect(dialog).toContain('osapi (OSAPI) · 2 jobs · POST /job/{id}/retry, each sent once');
    expect(dialog).toContain('2 × OSAPI submits a new job with the same operation');
    expect(dialog).toContain('Skipped 2 (nothing is sent for them):');
    expect(dialog).toContain('…0001  node.disk.get  ✖ failed → retried as a new job');
    expect(dialog).toContain(
      '…0003  running → nothing to do, skipped: only failed, partially failed or skipped jobs are retried; this one is processing',
    );
    expect(dialog).toContain("…1040  Vectara's API has no retry");
    await app.press('y');
    await waitFor(() => runActions(store).length === 1);
    expect(runActions(store)[0]).toMatchObject({ kind: 'retry', keys: ['osapi/aaaa-0001', 'osapi/bbbb-0002'] });
    await app.waitFor('Retry: 0 done, 0 failed, 2 in flight, 2 skipped');
    expect(app.frame()).toContain('◆ 2 marked'); // the skipped jobs stay marked, the sent ones are unmarked
    store.push({
      actions: [
        action(1, {
          kind: 'retry',
          jobKey: 'osapi/aaaa-0001',
          status: 'done',
          stateAtRequest: 'failed',
          outcome: {
            kind: 'retry',
            effect: 'retried',
            message: 'Retried as job eeee-0005 (status created, revision 7)',
            newJobId: 'eeee-0005',
          },
        }),
        action(2, {
          kind: 'retry',
          jobKey: 'osapi/bbbb-0002',
          status: 'failed',
          stateAtRequest: 'failed',
          error:
            'osapi: 403 forbidden: Insufficient permissions. Required: [job:write] (POST /api/job/bbbb-0002/retry)',
        }),
      ],
    });
    const outcome = await app.waitFor('Retry: 1 done, 1 failed, 2 skipped');
    expect(rowOf(outcome, '✔ osapi/aaaa-0001')).toContain('Retried as job eeee-0005 (status created, revision 7)');
    expect(rowOf(outcome, '✖ osapi/bbbb-0002')).toContain('Insufficient permissions. Required: [job:write]');
    expect(rowOf(outcome, '– osapi/cccc-0003')).toContain('skipped: only failed');
    expect(outcome.split('\n').at(-1)).toContain('✖ Retry: 1 done, 1 failed, 2 skipped');
    await app.press(KEYS.escape);
    await app.waitFor((frame) => !frame.includes('Esc closes'));
  });

  it('asks for "delete 2" in full before a bulk delete, and refuses when no marked job allows the action', async () => {
    const store = createFakeStore(fleet());
    app = await renderApp(store, { columns: 140, rows: 40 });
    await app.waitFor('job_1040');
    await app.press('G', KEYS.space);
    await app.waitFor('◆ 1 marked');
    await app.press('c');
    await app.waitFor('none of the 1 marked jobs can be cancelled: ');
    await app.press('u', 'g', KEYS.space, KEYS.space, 'D');
    await app.waitFor('Type delete 2 and Enter to delete 2 jobs');
    await app.press('y', KEYS.enter);
    await app.waitFor('"y" is not "delete 2"');
    await app.press(KEYS.backspace);
    await app.type('delete 2');
    await app.press(KEYS.enter);
    await waitFor(() => runActions(store).length === 1);
    expect(runActions(store)[0]).toMatchObject({ kind: 'delete' });
    expect(runActions(store)[0].method === 'runAction' && runActions(store)[0].keys).toHaveLength(2);
  });
});

describe('retry', () => {
  it('selects the new job when it appears in the list', async () => {
    const failed = osapiJob('aaaa-0001', 'failed', { createdAt: T0 - 10_000 });
    const other = osapiJob('ffff-0009', 'running', { createdAt: T0 - 5_000 }); // active jobs sort first
    const store = createFakeStore(fleetOf([osapi([other, failed])]));
    app = await renderApp(store, { columns: 140, rows: 30 });
    await app.waitFor('aaaa-0001');
    await app.press('j');
    await waitFor(() =>
      app!
        .lines()
        .find((line) => line.startsWith('›'))
        ?.includes('aaaa-0001'),
    );
    await app.press('R', 'y');
    await waitFor(() => runActions(store).length === 1);
    expect(runActions(store)[0]).toMatchObject({ kind: 'retry', keys: ['osapi/aaaa-0001'] });
    store.push({
      actions: [
        action(1, {
          kind: 'retry',
          jobKey: 'osapi/aaaa-0001',
          status: 'done',
          stateAtRequest: 'failed',
          outcome: {
            kind: 'retry',
            effect: 'retried',
            message: 'Retried as job eeee-0005 (status created, revision 7)',
            newJobId: 'eeee-0005',
          },
        }),
      ],
    });
    await app.waitFor('✔ Retry osapi/aaaa-0001: Retried as job eeee-0005');
    store.setSources([osapi([osapiJob('eeee-0005', 'running', { createdAt: T0 }), other, failed])]);
    const frame = await app.waitFor('selected the new job eeee-0005');
    expect(frame.split('\n').find((line) => line.startsWith('›'))).toContain('eeee-0005');
  });
});
