import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionSpec, SourceCapabilities } from '../../source/adapters/contract.js';
import { SourceError } from '../../source/adapters/errors.js';
import { nextPollDelay } from '../../source/store/backoff.js';
import { createFleetStore, PUBLISH_COALESCE_MS } from '../../source/store/fleet-store.js';
import type { DetailSnapshot } from '../../source/store/types.js';
import { createScriptedSource, makeJob } from '../helpers/scripted-source.js';

const unauthorized = (source: string) =>
  new SourceError({ source, kind: 'auth', short: '401 unauthorized', status: 401, request: 'GET /jobs' });

describe('fleet store polling', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('merges every source and keeps a failing source’s last good jobs with their age while the other updates', async () => {
    const good = createScriptedSource('good', [[makeJob('good', '1', 'running')], [makeJob('good', '1', 'succeeded')]]);
    const flaky = createScriptedSource('flaky', [[makeJob('flaky', 'a', 'queued')], unauthorized('flaky')]);
    const store = createFleetStore([{ source: good }, { source: flaky }], { intervalMs: 2000, random: () => 0.5 });
    store.start();
    await store.firstRound();
    expect(store.getSnapshot().jobs.map((job) => job.key)).toEqual(['good/1', 'flaky/a']);
    const firstSuccess = store.getSnapshot().sources[1].lastSuccessAt;

    await vi.advanceTimersByTimeAsync(2000);
    const snapshot = store.getSnapshot();
    expect(snapshot.sources[0]).toMatchObject({ status: 'ok', error: null });
    expect(snapshot.jobs.find((job) => job.key === 'good/1')?.state).toBe('succeeded');
    expect(snapshot.sources[1]).toMatchObject({ status: 'error', consecutiveFailures: 1, lastSuccessAt: firstSuccess });
    expect(snapshot.sources[1].error).toMatchObject({ short: '401 unauthorized', status: 401 });
    expect(snapshot.sources[1].error?.message).toBe('flaky: 401 unauthorized (GET /jobs)');
    expect(snapshot.jobs.map((job) => job.key)).toContain('flaky/a');
    store.stop();
  });

  it('shows a failing source the very backoff delay it computed, even when the clock moves between readings', async () => {
    const source = createScriptedSource('s', [unauthorized('s'), unauthorized('s'), unauthorized('s')]);
    // A clock a millisecond further on at every reading, as a real one may be between two lines.
    let readings = 0;
    const now = () => Date.now() + readings++;
    const store = createFleetStore([{ source }], { intervalMs: 2000, random: () => 0.5, now });
    store.start();
    await store.firstRound();
    const delays = [store.getSnapshot().sources[0].nextPollDelayMs];
    for (let failures = 2; failures <= 3; failures++) {
      await vi.advanceTimersByTimeAsync(delays.at(-1)! + 10);
      delays.push(store.getSnapshot().sources[0].nextPollDelayMs);
    }
    expect(delays).toEqual([1, 2, 3].map((failures) => nextPollDelay(2000, failures, () => 0.5, undefined)));
    store.stop();
  });

  it('still tells its listeners of a poll round a reader saw before the coalesced notification', async () => {
    const source = createScriptedSource('s', [[makeJob('s', '1', 'running')], [makeJob('s', '1', 'succeeded')]]);
    const store = createFleetStore([{ source }], { intervalMs: 2000, random: () => 0.5 });
    const heard: string[] = [];
    store.subscribe(() => heard.push(store.getSnapshot().jobs[0]?.state ?? 'none'));
    store.start();
    await store.firstRound();
    await vi.advanceTimersByTimeAsync(PUBLISH_COALESCE_MS);
    expect(heard.at(-1)).toBe('running');
    await vi.advanceTimersByTimeAsync(2000 - PUBLISH_COALESCE_MS);
    expect(source.listCalls).toBe(2);
    // A render (a key, the screen clock) reads the store between the answer and the notification.
    const seen = store.getSnapshot();
    expect(seen.jobs[0]?.state).toBe('succeeded');
    expect(heard.at(-1)).toBe('running');
    await vi.advanceTimersByTimeAsync(PUBLISH_COALESCE_MS);
    expect(heard.at(-1)).toBe('succeeded');
    // The notification hands out the snapshot the reader already has: nothing new to draw.
    expect(store.getSnapshot()).toBe(seen);
    store.stop();
  });

  it('backs off a failing source and recovers by itself', async () => {
    const source = createScriptedSource('s', [
      unauthorized('s'),
      unauthorized('s'),
      unauthorized('s'),
      [makeJob('s', '1', 'running')],
    ]);
    const store = createFleetStore([{ source }], { intervalMs: 1000, random: () => 0.5 });
    store.start();
    await store.firstRound();
    expect(source.listCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1000); // first failure waits one interval
    expect(source.listCalls).toBe(2);
    await vi.advanceTimersByTimeAsync(1999); // second failure waits two
    expect(source.listCalls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(source.listCalls).toBe(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(source.listCalls).toBe(4);
    expect(store.getSnapshot().sources[0]).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(source.listCalls).toBe(5);
    store.stop();
  });

  it('waits at least Retry-After after a 429', async () => {
    const limited = new SourceError({
      source: 's',
      kind: 'rate-limited',
      short: '429 rate limited',
      status: 429,
      retryAfterMs: 30_000,
    });
    const source = createScriptedSource('s', [limited, [makeJob('s', '1', 'running')]]);
    const store = createFleetStore([{ source }], { intervalMs: 1000, random: () => 0.5 });
    store.start();
    await store.firstRound();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(source.listCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(source.listCalls).toBe(2);
    store.stop();
  });

  it('never has two list requests of one source in flight, however often refresh is pressed', async () => {
    let release!: () => void;
    const source = createScriptedSource('s', [[makeJob('s', '1', 'running')]]);
    source.gate = new Promise<void>((resolve) => (release = resolve));
    const store = createFleetStore([{ source }], { intervalMs: 1000 });
    store.start();
    store.refreshNow();
    store.refreshNow();
    store.refreshNow();
    expect(source.listCalls).toBe(1);
    source.gate = null;
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(source.listCalls).toBe(2); // one coalesced follow-up for the presses
    await vi.advanceTimersByTimeAsync(999);
    expect(source.listCalls).toBe(2);
    store.stop();
  });

  it('stops polling while paused and polls at once on resume', async () => {
    const source = createScriptedSource('s', [[makeJob('s', '1', 'running')]]);
    const store = createFleetStore([{ source }], { intervalMs: 1000 });
    store.start();
    await store.firstRound();
    store.setPaused(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(source.listCalls).toBe(1);
    expect(store.getSnapshot()).toMatchObject({ paused: true });
    store.setPaused(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(source.listCalls).toBe(2);
    store.stop();
  });

  it('marks jobs whose state changed at the last refresh, and only those', async () => {
    const source = createScriptedSource('s', [
      [makeJob('s', '1', 'running'), makeJob('s', '2', 'queued')],
      [makeJob('s', '1', 'failed'), makeJob('s', '2', 'queued'), makeJob('s', '3', 'queued')],
    ]);
    const store = createFleetStore([{ source }], { intervalMs: 1000, changeMarkMs: 3000 });
    store.start();
    await store.firstRound();
    expect([...store.getSnapshot().changed.keys()]).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect([...store.getSnapshot().changed.keys()].sort()).toEqual(['s/1', 's/3']);
    await vi.advanceTimersByTimeAsync(4000);
    expect([...store.getSnapshot().changed.keys()]).toEqual([]);
    store.stop();
  });

  it('says so when every job suddenly vanishes, keeps the last good jobs for one poll, then accepts the empty list', async () => {
    const five = ['1', '2', '3', '4', '5'].map((id) => makeJob('s', id, 'running'));
    const source = createScriptedSource('s', [five, [], []]);
    const store = createFleetStore([{ source }], { intervalMs: 1000, random: () => 0.5 });
    store.start();
    await store.firstRound();
    const lastGood = store.getSnapshot().sources[0].lastSuccessAt;
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getSnapshot().sources[0]).toMatchObject({
      status: 'error',
      lastSuccessAt: lastGood,
      error: { kind: 'vanished', short: 'all 5 jobs vanished' },
    });
    expect(store.getSnapshot().jobs).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getSnapshot().sources[0]).toMatchObject({ status: 'ok', error: null, consecutiveFailures: 0 });
    expect(store.getSnapshot().jobs).toHaveLength(0);
    store.stop();
  });

  it('does not hold back a list that shrinks to none from a handful of jobs', async () => {
    const source = createScriptedSource('s', [[makeJob('s', '1', 'running')], []]);
    const store = createFleetStore([{ source }], { intervalMs: 1000 });
    store.start();
    await store.firstRound();
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getSnapshot().sources[0]).toMatchObject({ status: 'ok', jobs: [] });
    store.stop();
  });

  it('keeps healthy sources on one poll grid, shows the first answer at once and then tells listeners once per poll round', async () => {
    const slow = createScriptedSource('slow', [[makeJob('slow', '1', 'running')]]);
    const quick = createScriptedSource('quick', [[makeJob('quick', '1', 'running')]]);
    const slowList = slow.list.bind(slow);
    slow.list = async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return slowList();
    };
    const store = createFleetStore([{ source: slow }, { source: quick }], { intervalMs: 1000 });
    let notifications = 0;
    store.subscribe(() => (notifications += 1));
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(notifications).toBe(1); // the first answer at once, not after the coalescing window
    expect(store.getSnapshot().sources.map((source) => source.status)).toEqual(['loading', 'ok']);
    await vi.advanceTimersByTimeAsync(200);
    expect(notifications).toBe(2); // the slow first answer, 30 ms later
    expect(store.getSnapshot().sources.map((source) => source.nextPollDelayMs)).toEqual([970, 1000]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect([slow.listCalls, quick.listCalls]).toEqual([11, 11]); // one list request per interval each, no drift
    expect(notifications).toBe(12); // then one update per poll round
    store.stop();
  });

  it('polls healthy sources due a few ms apart at one instant, never sooner than an interval after the last poll', async () => {
    const started = 1_000_000;
    const times: Record<string, number[]> = { a: [], b: [] };
    const sources = ['a', 'b'].map((name) => {
      const source = createScriptedSource(name, [[makeJob(name, '1', 'running')]]);
      const list = source.list.bind(source);
      source.list = (signal) => {
        times[name].push(Date.now() - started);
        return list(signal);
      };
      return source;
    });
    const store = createFleetStore(
      sources.map((source) => ({ source })),
      { intervalMs: 1000 },
    );
    store.start();
    await vi.advanceTimersByTimeAsync(10);
    store.refreshNow('a'); // a's next poll is now due at 1010, b's at 1000: both poll at 1010
    await vi.advanceTimersByTimeAsync(3000);
    expect(times).toEqual({ a: [0, 10, 1010, 2010, 3010], b: [0, 1010, 2010, 3010] });
    store.stop();
  });

  it('keeps the same snapshot object when a poll brings nothing new', async () => {
    const source = createScriptedSource('s', [[makeJob('s', '1', 'running')]]);
    const store = createFleetStore([{ source }], { intervalMs: 1000 });
    store.start();
    await store.firstRound();
    const jobBefore = store.getSnapshot().jobs[0];
    const jobsBefore = store.getSnapshot().jobs;
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getSnapshot().jobs[0]).toBe(jobBefore);
    // The merged list is the same array too, so the views' caches per jobs array stay valid.
    expect(store.getSnapshot().jobs).toBe(jobsBefore);
    store.stop();
  });
});

describe('fleet store details and actions', () => {
  const deleteSpec: ActionSpec = {
    kind: 'delete',
    label: 'Delete',
    request: 'DELETE /job/{id}',
    consequence: 'forgets the record',
    destructive: true,
    availability: (job) =>
      job.state === 'running'
        ? { ok: false, reason: 'still running' }
        : { ok: true, consequence: 'forgets the record' },
  };
  const withDelete: SourceCapabilities = {
    detail: true,
    steps: true,
    messages: true,
    result: true,
    stats: false,
    actions: { delete: deleteSpec },
    missing: {},
  };

  it('sends a mutating request exactly once even when asked twice at the same time', async () => {
    const source = createScriptedSource('s', [[makeJob('s', '1', 'failed')]], withDelete);
    const store = createFleetStore([{ source }], { intervalMs: 60_000 });
    store.start();
    await store.firstRound();
    const [first, second] = await Promise.all([store.runAction('delete', ['s/1']), store.runAction('delete', ['s/1'])]);
    expect(source.actCalls).toEqual([{ kind: 'delete', id: '1' }]);
    expect(first[0].status).toBe('done');
    expect(second[0].jobKey).toBe('s/1');
    store.stop();
  });

  it('sends a bulk action’s requests at most `concurrency` at a time per source, every one of them', async () => {
    const jobs = ['1', '2', '3', '4', '5'].map((id) => makeJob('s', id, 'failed'));
    const source = createScriptedSource('s', [jobs], withDelete);
    let inFlight = 0;
    let most = 0;
    const held: (() => void)[] = [];
    const act = source.act.bind(source);
    source.act = async (kind, job) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => held.push(resolve));
      inFlight -= 1;
      return act(kind, job);
    };
    const store = createFleetStore([{ source, concurrency: 2 }], { intervalMs: 60_000 });
    store.start();
    await store.firstRound();
    const running = store.runAction(
      'delete',
      jobs.map((job) => job.key),
    );
    for (let released = 0; released < jobs.length;) {
      await vi.waitFor(() => expect(held.length).toBeGreaterThan(0));
      const batch = held.splice(0);
      released += batch.length;
      batch.forEach((release) => release());
    }
    const results = await running;
    expect(results.map((result) => result.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(most).toBe(2);
    store.stop();
  });

  it('refuses in read-only mode without calling the source', async () => {
    const source = createScriptedSource('s', [[makeJob('s', '1', 'failed')]], withDelete);
    const store = createFleetStore([{ source, readonly: true }], { intervalMs: 60_000 });
    store.start();
    await store.firstRound();
    const [result] = await store.runAction('delete', ['s/1']);
    expect(result).toMatchObject({ status: 'failed', error: 's is read-only: actions are off and nothing is sent' });
    expect(source.actCalls).toEqual([]);
    store.stop();
  });

  it('refuses an action the job’s state does not allow, and one the source does not have', async () => {
    const source = createScriptedSource('s', [[makeJob('s', '1', 'running')]], withDelete);
    const store = createFleetStore([{ source }], { intervalMs: 60_000 });
    store.start();
    await store.firstRound();
    expect((await store.runAction('delete', ['s/1']))[0]).toMatchObject({ status: 'failed', error: 'still running' });
    expect((await store.runAction('cancel', ['s/1']))[0]).toMatchObject({
      status: 'failed',
      error: "OSAPI's API has no cancel — it offers Delete",
    });
    expect(source.actCalls).toEqual([]);
    store.stop();
  });

  it('follows a job’s detail and stops polling it once it is terminal', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const running = makeJob('s', '1', 'running');
    const source = createScriptedSource('s', [[running]]);
    source.details.set('1', { ...running, steps: [], messages: [], result: undefined, outputs: null });
    const store = createFleetStore([{ source }], { intervalMs: 1000 });
    store.start();
    await store.firstRound();
    const seen: DetailSnapshot[] = [];
    const stopWatching = store.watchDetail('s/1', (snapshot) => seen.push(snapshot));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.at(-1)).toMatchObject({ status: 'ok' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(source.detailCalls).toBe(2);
    source.details.set('1', {
      ...makeJob('s', '1', 'succeeded'),
      steps: [],
      messages: [],
      result: { ok: true },
      outputs: null,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen.at(-1)?.detail?.state).toBe('succeeded');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(source.detailCalls).toBe(3);
    stopWatching();
    store.stop();
    vi.useRealTimers();
  });

  it('reports a job that disappeared as gone', async () => {
    const source = createScriptedSource('s', [[makeJob('s', '1', 'running')]]);
    const store = createFleetStore([{ source }], { intervalMs: 60_000 });
    store.start();
    await store.firstRound();
    const seen: DetailSnapshot[] = [];
    let stopWatching = (): void => undefined;
    // why: await the watcher's first answer (anything but 'loading') instead of sleeping and hoping it came.
    await new Promise<void>((answered) => {
      stopWatching = store.watchDetail('s/1', (snapshot) => {
        seen.push(snapshot);
        if (snapshot.status !== 'loading') answered();
      });
    });
    expect(seen.at(-1)?.status).toBe('gone');
    stopWatching();
    store.stop();
  });
});
