/**
 * Requests per minute and token expiry from a source's own session (JobSource.session): the
 * sliding window as a pure function, then the store sampling it after each poll and when the
 * sources screen asks (sampleSessions), with fake timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourceSession } from '../../source/adapters/contract.js';
import { createFleetStore } from '../../source/store/fleet-store.js';
import {
  addRequestSample,
  REQUEST_WINDOW_MS,
  requestsPerMinute,
  type RequestSample,
} from '../../source/store/request-rate.js';
import { createScriptedSource, makeJob, withSession } from '../helpers/scripted-source.js';

const fold = (readings: [number, number][]) =>
  readings.reduce<RequestSample[]>((samples, [at, requests]) => addRequestSample(samples, { at, requests }), []);

describe('requests per minute over a sliding window', () => {
  it.each<[string, [number, number][], number]>([
    ['one reading: nothing sent yet', [[0, 0]], 0],
    [
      'a session younger than a minute counts what it sent so far',
      [
        [0, 0],
        [10_000, 7],
        [20_000, 15],
      ],
      15,
    ],
    [
      'counts from the newest reading a minute old or older',
      [
        [0, 0],
        [30_000, 50],
        [60_000, 80],
        [90_000, 100],
      ],
      50,
    ],
    [
      'readings exactly a minute apart',
      [
        [0, 10],
        [60_000, 70],
      ],
      60,
    ],
    [
      'spreads a gap longer than the window over the time it covers',
      [
        [0, 0],
        [180_000, 90],
      ],
      30,
    ],
    [
      'nothing sent for a minute is 0',
      [
        [0, 0],
        [10_000, 40],
        [75_000, 40],
      ],
      0,
    ],
    [
      'a counter that went back counts nothing, never a negative rate',
      [
        [0, 40],
        [30_000, 10],
      ],
      0,
    ],
  ])('%s', (_, readings, expected) => expect(requestsPerMinute(fold(readings))).toBe(expected));

  it('keeps only the last minute’s readings and one before it (memory bounded by the sampling rate)', () => {
    const readings: [number, number][] = Array.from({ length: 600 }, (_, index) => [index * 1000, index * 2]);
    const samples = fold(readings);
    expect(samples[0].at).toBe(599_000 - REQUEST_WINDOW_MS);
    expect(samples).toHaveLength(61);
    expect(requestsPerMinute(samples)).toBe(120);
  });
});

/** A scripted source counting `perList` requests per list and reporting its session. */
const countingSource = (name: string, perList: number, session: Partial<SourceSession> = {}) =>
  withSession(createScriptedSource(name, [[makeJob(name, '1', 'running')]]), perList, session);

describe('the store samples each source’s session', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the requests of the last minute, not the polls: 3 requests a poll at 30 polls a minute is 90 req/min', async () => {
    const { source } = countingSource('paged', 3);
    const store = createFleetStore([{ source }], { intervalMs: 2000 });
    store.start();
    await store.firstRound();
    expect(store.getSnapshot().sources[0].session).toEqual({
      requestsPerMinute: 3,
      tokenExpiresAt: null,
      tokenRenews: null,
    });
    await vi.advanceTimersByTimeAsync(120_000);
    const snapshot = store.getSnapshot().sources[0];
    expect(snapshot.pollsLastMinute).toBe(30);
    expect(snapshot.session?.requestsPerMinute).toBe(90);
    store.stop();
  });

  it('counts requests sent between polls (details, actions) when the sources screen samples, and publishes only on a change', async () => {
    const counting = countingSource('osapi', 1);
    const store = createFleetStore([{ source: counting.source }], { intervalMs: 60_000 });
    store.start();
    await store.firstRound();
    const listener = vi.fn();
    store.subscribe(listener);
    counting.session.requests += 40;
    store.sampleSessions();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().sources[0].session?.requestsPerMinute).toBe(41);
    store.sampleSessions();
    expect(listener).toHaveBeenCalledTimes(1);
    store.stop();
  });

  it('lets the figure fall to 0 a minute after the requests stop (paused)', async () => {
    const { source } = countingSource('osapi', 5);
    const store = createFleetStore([{ source }], { intervalMs: 2000 });
    store.start();
    await store.firstRound();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.getSnapshot().sources[0].session?.requestsPerMinute).toBe(30);
    store.setPaused(true);
    await vi.advanceTimersByTimeAsync(61_000);
    store.sampleSessions();
    expect(store.getSnapshot().sources[0].session?.requestsPerMinute).toBe(0);
    store.stop();
  });

  it('passes on the token’s expiry and whether the source renews it, as the source reports them', async () => {
    const expiresAt = 1_000_000 + 41 * 60_000;
    const counting = countingSource('alteryx', 2, { tokenExpiresAt: expiresAt, tokenRenews: true });
    const store = createFleetStore([{ source: counting.source }], { intervalMs: 2000 });
    store.start();
    await store.firstRound();
    expect(store.getSnapshot().sources[0].session).toMatchObject({ tokenExpiresAt: expiresAt, tokenRenews: true });
    counting.session.tokenExpiresAt = expiresAt + 3_600_000;
    await vi.advanceTimersByTimeAsync(2000);
    expect(store.getSnapshot().sources[0].session?.tokenExpiresAt).toBe(expiresAt + 3_600_000);
    store.stop();
  });

  it('leaves the session out for a source that cannot tell, and keeps its polls per minute', async () => {
    const plain = createScriptedSource('mcrit', [[makeJob('mcrit', '1', 'running')]]);
    const store = createFleetStore([{ source: plain }], { intervalMs: 2000 });
    store.start();
    await store.firstRound();
    await vi.advanceTimersByTimeAsync(10_000);
    store.sampleSessions();
    const snapshot = store.getSnapshot().sources[0];
    expect(snapshot.session).toBeNull();
    expect(snapshot.pollsLastMinute).toBe(6);
    store.stop();
  });
});
