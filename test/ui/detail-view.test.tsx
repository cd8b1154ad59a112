import { afterEach, describe, expect, it } from 'vitest';
import { createFakeStore, fleetOf, type FakeStore } from '../helpers/fake-store.js';
import { makeCapabilities, makeDetail, makeJob, makeSource, T0 } from '../helpers/jobs.js';
import { KEYS, renderApp, waitFor, type RenderedApp } from '../helpers/render.js';
import type { JobDetail } from '../../source/domain/job.js';
import type { SourceCapabilities } from '../../source/adapters/contract.js';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const job = makeJob({
  id: 'job-42',
  type: 'node.exec',
  state: 'running',
  nativeState: 'processing',
  priority: { rank: 'high', value: 3, label: 'high' },
  progress: 40,
  owner: 'alice',
  host: 'web-01',
  createdAt: T0 - 90_000,
  startedAt: T0 - 60_000,
  updatedAt: T0 - 1_000,
  flags: ['retrying'],
});

async function openJob(
  capabilities: Partial<SourceCapabilities> = {},
  extra = [] as ReturnType<typeof makeJob>[],
): Promise<{ store: FakeStore; app: RenderedApp }> {
  const store = createFakeStore(
    fleetOf([makeSource('osapi', [job, ...extra], { capabilities: makeCapabilities(capabilities) })]),
  );
  app = await renderApp(store, { columns: 100, rows: 30 });
  await app.waitFor('job-42');
  await app.press(KEYS.enter);
  await app.waitFor('Overview');
  await waitFor(() => store.watched().includes('osapi/job-42'));
  return { store, app };
}

const ok = (detail: Partial<JobDetail>) => ({
  key: 'osapi/job-42',
  status: 'ok' as const,
  error: null,
  lastSuccessAt: T0 - 3_000,
  detail: makeDetail({ ...job, ...detail }),
});

describe('job detail', () => {
  it("shows the list's fields while the detail loads", async () => {
    const { app } = await openJob();
    const frame = await app.waitFor('loading detail');
    expect(frame).toContain("showing the list's fields");
    for (const text of [
      'osapi (OSAPI)',
      'job-42',
      'node.exec',
      '● running',
      'native: processing',
      'retrying',
      'high (vendor: high)',
      '40%',
      'alice',
      'web-01',
      '2024-05-01 11:58:30Z',
      '1m30s ago',
      'Duration   1m00s',
    ]) {
      expect(frame).toContain(text);
    }
  });

  it('renders every tab from the detail', async () => {
    const { store, app } = await openJob();
    store.pushDetail(
      ok({
        steps: [
          {
            name: 'fetch',
            status: 'completed',
            state: 'succeeded',
            attempt: 1,
            host: 'agent-1',
            startedAt: T0 - 50_000,
            finishedAt: T0 - 40_000,
            durationMs: null,
            error: null,
          },
          {
            name: 'build',
            status: 'failed',
            state: 'failed',
            attempt: 2,
            host: 'agent-2',
            startedAt: T0 - 40_000,
            finishedAt: T0 - 30_000,
            durationMs: 10_000,
            error: 'compiler exploded',
          },
        ],
        messages: [
          { timestamp: T0 - 20_000, level: 'info', text: 'started', origin: 'agent-1' },
          { timestamp: T0 - 10_000, level: 'error', text: 'disk full', origin: null },
        ],
        result: { answer: 42, nested: { list: [1, 2] } },
        raw: { vendorField: 'vendor value' },
      }),
    );
    expect(await app.waitFor('detail 3s ago')).toContain('polling');
    await app.press('2');
    const steps = await app.waitFor('STEP');
    expect(steps).toMatch(/✔ fetch\s+completed\s+1\s+agent-1\s+11:59:10\s+11:59:20\s+10s/);
    expect(steps).toMatch(/✖ build\s+failed\s+2\s+agent-2/);
    expect(steps).toContain('↳ compiler exploded');
    await app.press('3');
    const messages = await app.waitFor('disk full');
    expect(messages).toMatch(/11:59:40 INFO\s+\[agent-1\] started/);
    expect(messages).toMatch(/11:59:50 ERROR disk full/);
    await app.press('4');
    const result = await app.waitFor('answer');
    expect(result).toContain('▾ {2 keys}');
    expect(result).toContain('answer: 42');
    expect(result).toContain('▾ nested: {1 key}');
    expect(result).toContain('▸ list: [2 items]');
    await app.press('5');
    expect(await app.waitFor('vendorField')).toContain('"vendorField": "vendor value"');
  });

  it("says when a tab can't be filled, with the source's own sentence or a generic one", async () => {
    const { store, app } = await openJob({
      messages: false,
      steps: false,
      missing: { messages: 'MCRIT has no per-job messages' },
    });
    await app.press('3');
    expect(await app.waitFor('MCRIT has no per-job messages')).toContain('3 Messages');
    await app.press('2');
    await app.waitFor('OSAPI does not report steps for its jobs.');
    await app.press('4');
    await app.waitFor('Waiting for the job detail');
    store.pushDetail(ok({ result: undefined, outputs: null }));
    await app.waitFor('This job has no result (yet).');
  });

  it('says when the source has no detail endpoint at all', async () => {
    const { app } = await openJob({ detail: false, missing: {} });
    expect(await app.waitFor('has no per-job detail')).toContain("showing the list's fields");
    await app.press('2');
    await app.waitFor('no per-job detail endpoint');
  });

  it('shows an error with the age of the last good detail, and a vanished job', async () => {
    const { store, app } = await openJob();
    store.pushDetail(ok({}));
    await app.waitFor('detail 3s ago');
    store.pushDetail({
      ...ok({}),
      status: 'error',
      lastSuccessAt: T0 - 12_000,
      error: { kind: 'timeout', short: 'timeout', message: 'osapi: timeout (GET /job/job-42)' },
    });
    expect(await app.waitFor('✖ timeout')).toContain('⧗ last known, 12s old — ✖ timeout');
    await app.press('3');
    expect(await app.waitFor('Messages')).toContain('⧗ last known, 12s old'); // every tab built from the old detail says so
    await app.press('1');
    store.pushDetail({ key: 'osapi/job-42', status: 'gone', detail: null, error: null, lastSuccessAt: T0 - 12_000 });
    await app.waitFor('this job no longer exists on osapi');
    await app.press('3');
    await app.waitFor('This job no longer exists on osapi.');
  });

  it('says a tab could not be fetched, with the reason — never that the vendor reported none', async () => {
    const { store, app } = await openJob();
    store.pushDetail({
      key: 'osapi/job-42',
      status: 'error',
      detail: makeDetail({ ...job, steps: null, messages: null }),
      lastSuccessAt: null,
      error: { kind: 'refused', short: 'connection refused', message: 'osapi: connection refused (GET /job/job-42)' },
    });
    await app.press('3');
    const messages = await app.waitFor('could not fetch messages: connection refused');
    expect(messages).not.toContain('reported no messages');
    await app.press('2');
    expect(await app.waitFor('could not fetch steps: connection refused')).not.toContain('reported no steps');
  });

  it('marks a paused detail as last known with its age', async () => {
    const { store, app } = await openJob();
    store.pushDetail(ok({}));
    await app.waitFor('detail 3s ago');
    store.push({ paused: true });
    expect(await app.waitFor('⧗ last known')).toMatch(/⧗ last known, \d+[a-z0-9]* old — updates are paused/);
  });

  it('lists children and opens them; Esc goes back up', async () => {
    const children = [
      makeJob({ id: 'child-1', parentId: 'job-42', state: 'succeeded' }),
      makeJob({ id: 'child-2', parentId: 'job-42', state: 'failed' }),
    ];
    const { store, app } = await openJob({}, children);
    const frame = await app.waitFor('Children   2');
    expect(frame).toMatch(/✔ child-1\s+node.exec\s+succeeded/);
    expect(frame).toMatch(/✖ child-2\s+node.exec\s+failed/);
    await app.press('G', KEYS.enter);
    expect(await app.waitFor('‹ osapi / child-2')).toContain('opened from its parent');
    await waitFor(() => store.watched().includes('osapi/child-2') && !store.watched().includes('osapi/job-42'));
    await app.press('G', KEYS.up, KEYS.enter);
    expect(await app.waitFor('‹ osapi / job-42')).toContain('2 levels up');
    await app.press(KEYS.escape);
    await app.waitFor('‹ osapi / child-2');
    await app.press(KEYS.escape);
    expect(await app.waitFor('‹ osapi / job-42  ● running')).not.toContain('opened from');
    await app.press(KEYS.escape);
    await app.waitFor('STATE');
    await waitFor(() => store.watched().length === 0);
  });

  it('renders a 100,000-element result with a "more" line', async () => {
    const { store, app } = await openJob();
    store.pushDetail(
      ok({ result: { rows: Array.from({ length: 100_000 }, (_, index) => ({ index, name: `row ${index}` })) } }),
    );
    await app.press('4');
    const frame = await app.waitFor('rows: [100,000 items]');
    expect(frame).toContain('▸ 0: {2 keys}');
    await app.press('G');
    expect(await app.waitFor('more')).toContain('… 99,950 more');
    await app.press(KEYS.enter);
    await app.waitFor('50: {2 keys}');
    await app.press('G');
    await app.waitFor('… 99,900 more');
  });

  it('follows new messages at the bottom unless scrolled up', async () => {
    const { store, app } = await openJob();
    const lines = (count: number) =>
      Array.from({ length: count }, (_, index) => ({
        timestamp: T0,
        level: 'info' as const,
        text: `message ${index}`,
        origin: null,
      }));
    store.pushDetail(ok({ messages: lines(60) }));
    await app.press('3');
    await app.waitFor('message 59');
    store.pushDetail(ok({ messages: lines(61) }));
    expect(await app.waitFor('message 60')).toContain('following');
    await app.press('g');
    await app.waitFor('message 0');
    store.pushDetail(ok({ messages: lines(62) }));
    await app.waitFor('1–25 of 62');
    expect(app.frame()).not.toContain('message 61');
    await app.press('G');
    await app.waitFor('message 61');
  });

  it('searches the messages and highlights matches', async () => {
    const { store, app } = await openJob();
    store.pushDetail(
      ok({
        messages: Array.from({ length: 80 }, (_, index) => ({
          timestamp: T0,
          level: 'info' as const,
          text: index % 20 === 5 ? `needle ${index}` : `hay ${index}`,
          origin: null,
        })),
      }),
    );
    await app.press('3', 'g', '/');
    await app.type('needle');
    expect(await app.waitFor('search: needle')).toContain('needle 5');
    await app.press(KEYS.enter, 'n', 'n', 'n');
    await app.waitFor('needle 65');
    await app.press('N');
    await app.waitFor('needle 45');
  });
});
