/**
 * Acting on jobs from the keyboard (docs/keys.md, "Actions"), against a fake store and the real adapters'
 * action specs: the dialog, the lock, the stronger confirmation of deletes, the action's
 * visible life, read-only, and what a key says where the source has no such action.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSource } from '../../source/adapters/registry.js';
import type { SourceCapabilities } from '../../source/adapters/contract.js';
import type { PendingAction } from '../../source/store/types.js';
import { createFakeStore, fleetOf, type FakeStore } from '../helpers/fake-store.js';
import { makeJob, makeSource, T0 } from '../helpers/jobs.js';
import { KEYS, lineCells, renderApp, waitFor, type RenderedApp } from '../helpers/render.js';

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
const capabilities = (vendor: keyof typeof adapters): SourceCapabilities => adapters[vendor].capabilities;

const RUNNING_ID = '6b02a242fbc8840ff4808007';
const QUEUED_ID = '6b02a52406d55d1c805d5003';
const alteryxRunning = makeJob({
  id: RUNNING_ID,
  source: 'alteryx',
  state: 'running',
  nativeState: 'Running',
  type: 'Data Quality Checks.yxmd',
  raw: { id: RUNNING_ID, status: 'Running' },
  createdAt: T0 - 60_000,
});
const alteryxQueued = makeJob({
  id: QUEUED_ID,
  source: 'alteryx',
  state: 'queued',
  nativeState: 'Queued',
  type: 'ETL Customers.yxwz',
  raw: { id: QUEUED_ID, status: 'Queued' },
  createdAt: T0 - 120_000,
});
const alteryx = (jobs = [alteryxRunning, alteryxQueued], overrides = {}) =>
  makeSource('alteryx', jobs, { capabilities: capabilities('alteryx'), ...overrides });

const FAILED_ID = '5f1c2a3b-9d8e-4f00-a1b2-000000000001';
const osapiFailed = makeJob({
  id: FAILED_ID,
  source: 'osapi',
  state: 'failed',
  nativeState: 'failed',
  type: 'node.disk.get',
});
const osapi = (jobs = [osapiFailed]) => makeSource('osapi', jobs, { capabilities: capabilities('osapi') });

const runActions = (store: FakeStore) => store.calls.filter((call) => call.method === 'runAction');

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

let app: RenderedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const selected = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

describe('the confirmation dialog', () => {
  it('names the action, the source, the job id and type, its state and the consequence, with No as the default answer', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store, { columns: 100, rows: 30 });
    await app.waitFor('6b02…08007');
    await app.press('c');
    const dialog = await app.waitFor('Cancel this job?');
    expect(dialog).toContain('Source   alteryx (Alteryx)');
    expect(dialog).toContain(`Job      ${RUNNING_ID}`);
    expect(dialog).toContain('Type     Data Quality Checks.yxmd');
    expect(dialog).toContain('re-checked on the server just now');
    expect(dialog).toMatch(/Now {6}● running → cancelled {2}\(native: Running\)/);
    expect(dialog).toContain('Effect   the running job is cancelled');
    expect(dialog).toContain('Request  DELETE /v3/jobs/{id} — sent once, never retried');
    await app.press(KEYS.enter);
    await app.waitFor('Cancel: answered no, nothing was sent');
    expect(app.frame()).not.toContain('Cancel this job?');
    expect(runActions(store)).toEqual([]);
  });

  it.each([['n'], [KEYS.escape]])('aborts on %j without sending anything', async (key) => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store);
    await app.waitFor('6b02…08007');
    await app.press('c');
    await app.waitFor('Cancel this job?');
    await app.press(key);
    await app.waitFor('answered no');
    expect(runActions(store)).toEqual([]);
  });

  it('sends on y, once, even when y arrives twice in one chunk', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store);
    await app.waitFor('6b02…08007');
    await app.press('c');
    await app.waitFor('Cancel this job?');
    await app.press('yy');
    await app.waitFor('Cancel alteryx/6b02…08007: request sent');
    expect(runActions(store)).toEqual([{ method: 'runAction', kind: 'cancel', keys: [`alteryx/${RUNNING_ID}`] }]);
  });

  it('sends nothing before the re-check answered, even when c y c y arrive in one chunk', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    let answer: (() => void) | undefined;
    const recheck = store.recheck.bind(store);
    store.recheck = (keys) => new Promise((resolve) => (answer = () => void recheck(keys).then(resolve)));
    app = await renderApp(store);
    await app.waitFor('6b02…08007');
    await app.press('cycy');
    await app.waitFor('re-checking the jobs on the server first');
    expect(runActions(store)).toEqual([]);
    (await waitFor(() => answer))!();
    await app.waitFor('Cancel this job?');
    await app.press('y');
    await waitFor(() => runActions(store).length === 1);
  });

  it('opens no second dialog for a job whose request was just sent (c, y, then c y in one chunk)', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store);
    await app.waitFor('6b02…08007');
    await app.press('c');
    await app.waitFor('Cancel this job?');
    await app.press('ycy');
    await app.waitFor('was just sent');
    expect(app.frame()).not.toContain('Cancel this job?');
    await waitFor(() => runActions(store).length > 0);
    expect(runActions(store)).toEqual([{ method: 'runAction', kind: 'cancel', keys: [`alteryx/${RUNNING_ID}`] }]);
    expect(app.writes).toEqual([]); // the second y was not taken as "copy id"
  });

  it('Enter answers Yes only after the highlight was moved to it', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store);
    await app.waitFor('6b02…08007');
    await app.press('c', KEYS.right, KEYS.enter);
    await waitFor(() => runActions(store).length === 1);
    expect(runActions(store)[0]).toMatchObject({ kind: 'cancel', keys: [`alteryx/${RUNNING_ID}`] });
  });

  it('locks the target: a refresh that reorders the list under the dialog does not retarget it', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store);
    await app.waitFor('6b02…08007');
    await app.press('c');
    await app.waitFor('Cancel this job?');
    const newcomer = makeJob({
      id: '6b02aaaaaaaaaaaaaaaa0001',
      source: 'alteryx',
      state: 'running',
      nativeState: 'Running',
      raw: { status: 'Running' },
      createdAt: T0 - 1_000,
      priority: { rank: 'urgent', value: 9, label: 'Critical' },
    });
    store.setSources([alteryx([newcomer, alteryxQueued, alteryxRunning])]);
    await app.waitFor('6b02…a0001');
    expect(app.frame()).toContain(`Job      ${RUNNING_ID}`);
    await app.press('y');
    await waitFor(() => runActions(store).length === 1);
    expect(runActions(store)[0]).toMatchObject({ keys: [`alteryx/${RUNNING_ID}`] });
  });

  it('sends nothing when the job changed state after the dialog opened (the consequence confirmed no longer holds)', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store);
    await app.waitFor('6b02…08007');
    await app.press('c');
    await app.waitFor('Cancel this job?');
    store.setSources([
      alteryx([
        { ...alteryxRunning, state: 'succeeded', nativeState: 'Completed/Success', terminal: true },
        alteryxQueued,
      ]),
    ]);
    await app.waitFor('✔ succeeded');
    await app.press('y');
    await app.waitFor('nothing was sent — changed from running to succeeded since the dialog opened');
    expect(runActions(store)).toEqual([]);
  });
});

describe('deletes need a stronger confirmation', () => {
  it("asks for the id's shortest unique end for an OSAPI delete and says agents keep working", async () => {
    const store = createFakeStore(fleetOf([osapi()]));
    app = await renderApp(store, { columns: 120, rows: 30 });
    await app.waitFor('5f1c…00001');
    await app.press('D');
    const dialog = await app.waitFor('Delete this job?');
    expect(dialog).toContain(
      'OSAPI forgets the job record; its events stay in the status counts until the TTL expires.',
    );
    expect(dialog).toContain('Type 0001 and Enter to delete this job (Esc: no)');
    await app.press('y', KEYS.enter);
    await app.waitFor('"y" is not "0001"');
    expect(runActions(store)).toEqual([]);
    await app.press(KEYS.backspace);
    await app.type('0001');
    await app.press(KEYS.enter);
    await waitFor(() => runActions(store).length === 1);
    expect(runActions(store)[0]).toMatchObject({ kind: 'delete', keys: [`osapi/${FAILED_ID}`] });
  });

  it('treats an Alteryx cancel of a queued job as the delete it is', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store, { columns: 120, rows: 30 });
    await app.waitFor('6b02…d5003');
    await app.press('j', 'c');
    const dialog = await app.waitFor('Cancel this job?');
    expect(dialog).toContain('Effect   a queued job is deleted, not cancelled: it disappears from the list');
    // why: both listed Alteryx ids start with 6b02 (a timestamp): the token is the end of the id, unique among them.
    expect(dialog).toContain(`Type ${QUEUED_ID.slice(-4)} and Enter to cancel this job`);
    await app.press('y', 'n', KEYS.escape);
    await app.waitFor('answered no');
    expect(runActions(store)).toEqual([]);
  });
});

describe('keys a source cannot honour', () => {
  it("says so in the footer instead of doing nothing: Vectara's API has no cancel", async () => {
    const store = createFakeStore(
      fleetOf([
        makeSource('vectara', [makeJob({ id: 'job_1040', source: 'vectara' })], {
          capabilities: capabilities('vectara'),
        }),
      ]),
    );
    app = await renderApp(store, { columns: 120 });
    await app.waitFor('job_1040');
    expect(app.lines().at(-1)).not.toMatch(/c cancel|D delete|R retry/);
    await app.press('c');
    expect(await app.waitFor("Vectara's API has no cancel")).not.toContain('Cancel this job?');
  });

  it('points an OSAPI operator from c to what the API has, and offers only D and R on its jobs', async () => {
    const store = createFakeStore(fleetOf([osapi()]));
    app = await renderApp(store, { columns: 160 });
    await app.waitFor('5f1c…00001');
    const footer = app.lines().at(-1) as string;
    expect(footer).toContain('D delete');
    expect(footer).toContain('R retry');
    expect(footer).not.toContain('c cancel');
    await app.press('c');
    await app.waitFor("OSAPI's API has no cancel — it offers Delete (D), Retry (R)");
  });

  it('refuses a state the source does not allow with the source’s own reason', async () => {
    const running = makeJob({ id: 'aaaa-run', source: 'osapi', state: 'running', nativeState: 'processing' });
    app = await renderApp(createFakeStore(fleetOf([osapi([running])])), { columns: 160 });
    await app.waitFor('aaaa-run');
    await app.press('R');
    await app.waitFor(
      'Retry osapi/aaaa-run: only failed, partially failed or skipped jobs are retried; this one is processing',
    );
  });
});

describe('read-only', () => {
  it('--readonly hides the action keys, says read-only, and a key sends nothing', async () => {
    const store = createFakeStore(fleetOf([alteryx()]));
    app = await renderApp(store, { readonly: true, columns: 140 });
    const frame = await app.waitFor('6b02…08007');
    expect(frame.split('\n')[0]).toContain('READ-ONLY');
    const footer = app.lines().at(-1) as string;
    expect(footer).toContain('read-only: no actions');
    expect(footer).not.toMatch(/c cancel|Space mark/);
    await app.press('c');
    await app.waitFor('read-only: actions are off and nothing is sent');
    expect(app.frame()).not.toContain('Cancel this job?');
    expect(runActions(store)).toEqual([]);
  });

  it('a source with readonly: true offers no actions on its jobs, while another source still does', async () => {
    const store = createFakeStore(fleetOf([alteryx(undefined, { readonly: true }), osapi()]));
    app = await renderApp(store, { columns: 160 });
    await app.waitFor('6b02…08007');
    expect(app.lines().at(-1)).toContain('read-only: no actions');
    await app.press('c');
    await app.waitFor('alteryx is read-only: actions are off and nothing is sent');
    await app.press('G');
    await waitFor(() => selected(app!.frame()).includes('5f1c…00001'));
    expect(app.lines().at(-1)).toContain('D delete');
    expect(runActions(store)).toEqual([]);
  });
});

describe('the dialog on any terminal size', () => {
  it.each<[number, number]>([
    [120, 40],
    [80, 24],
    [60, 14],
    [40, 8],
    [30, 5],
  ])('at %i×%i stays inside the frame and keeps the job and the question', async (columns, rows) => {
    const store = createFakeStore(
      fleetOf([alteryx(), osapi(), makeSource('vectara', [], { capabilities: capabilities('vectara') })]),
    );
    app = await renderApp(store, { columns, rows });
    await app.waitFor((frame) => frame.includes('6b02') || frame.includes('●'));
    await app.press('c');
    const frame = await app.waitFor('Cancel this job?');
    const lines = app.raw().split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    for (const line of lines) expect(lineCells(line)).toBeLessThanOrEqual(columns);
    expect(frame).toMatch(/No\s+Yes/);
    expect(frame).toContain('6b02a242f'); // the locked job stays named, however small the terminal
    await app.press('n');
    await app.waitFor((current) => !current.includes('Cancel this job?'));
  });
});

describe('server-controlled text in dialogs and outcomes', () => {
  it('cannot reach the terminal as control sequences (a hostile type, state or error message)', async () => {
    const hostile = makeJob({
      id: '6b02ffffffffffffffff0001',
      source: 'alteryx',
      state: 'running',
      nativeState: 'Running\x1b[2J',
      type: 'Payroll\x1b]52;c;ZXZpbA==\x07.yxmd',
      raw: { status: 'Running' },
    });
    const store = createFakeStore(fleetOf([alteryx([hostile])]));
    app = await renderApp(store, { columns: 120, rows: 30 });
    await app.waitFor('6b02…f0001');
    await app.press('c');
    await app.waitFor('Cancel this job?');
    expect(app.raw()).not.toMatch(/\x1b\]52|\x1b\[2J|\x07/);
    await app.press('y');
    await waitFor(() => runActions(store).length === 1);
    store.push({
      actions: [
        action(1, {
          kind: 'cancel',
          jobKey: `alteryx/${hostile.id}`,
          status: 'failed',
          error: 'alteryx: cancel refused (HTTP 400): \x1b]52;c;cm0gLXJmIC8=\x07 nope',
        }),
      ],
    });
    await app.waitFor('nope');
    expect(app.raw()).not.toMatch(/\x1b\]52|\x07/);
  });
});
