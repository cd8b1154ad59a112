/**
 * The fault matrix against the live store: every demo vendor plays the same fault at once
 * through its real adapter, while two healthy sources keep polling beside them. For each
 * fault the store keeps running, says what happened in words, keeps the last good jobs with
 * their age, backs off exactly as scheduled (or as Retry-After says), leaves the other
 * sources alone, and recovers by itself once the server does.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobSource } from '../../source/adapters/contract.js';
import type { Vendor } from '../../source/domain/job.js';
import type { DemoFleet } from '../../source/demo/fleet.js';
import type { FaultName } from '../../source/demo/faults.js';
import { createFleetStore, type FleetStore } from '../../source/store/fleet-store.js';
import {
  buildSources,
  recordUnhandled,
  recordingClock,
  renamed,
  renamedSources,
  startStillFleet,
  watchStore,
  type StoreWatch,
} from './harness.js';

const INTERVAL_MS = 100;
/** The request timeout for the faults that end by it (a hung socket, a trickling body). */
const TIMEOUT_MS = 600;
/**
 * For every other fault: the server answers at once, so no timeout should end the request.
 * why: a short one turns a 401 into "timeout" on a loaded machine (CI runs beside other work).
 */
const ANSWER_TIMEOUT_MS = 10_000;
const timeoutFor = (fault: string) => (fault === 'hang' || fault === 'slow-body' ? TIMEOUT_MS : ANSWER_TIMEOUT_MS);

/** What the health cell must say for each fault (the adapters hold a valid session when it starts). */
const EXPECTED_SHORT: Record<
  Exclude<FaultName, 'vanish' | 'drift'>,
  string | Partial<Record<Vendor | 'default', string>>
> = {
  refused: 'connection refused',
  hang: 'timeout',
  'slow-body': 'timeout',
  reset: 'connection reset',
  '401': { default: '401 unauthorized', alteryx: 'token request rejected (HTTP 401)' },
  '403': '403 forbidden',
  '404': '404 not found',
  '429': '429 rate limited',
  '500': '500 server error',
  '502': '502 server error',
  '503': '503 server error',
  html: 'HTML instead of JSON',
  empty: 'empty response',
  truncated: 'invalid JSON',
  'wrong-shape': 'unexpected response shape',
  oversize: 'response too large',
};

function expectedShort(fault: keyof typeof EXPECTED_SHORT, vendor: Vendor): string {
  const entry = EXPECTED_SHORT[fault];
  return typeof entry === 'string' ? entry : (entry[vendor] ?? entry.default!);
}

describe('the store under every fault, per vendor', () => {
  let faulty: DemoFleet;
  let calm: DemoFleet;
  let sources: JobSource[] = [];
  let store: FleetStore | undefined;
  let watch: StoreWatch | undefined;
  const unhandled = recordUnhandled();

  beforeAll(async () => {
    faulty = await startStillFleet({ seed: 11 });
    calm = await startStillFleet({ vendors: ['osapi', 'mcrit'], seed: 23 });
  });
  afterEach(async () => {
    watch?.dispose();
    store?.stop();
    await Promise.all(sources.map((source) => source.close()));
    for (const server of Object.values(faulty.servers)) await server.setFault(null);
    expect(unhandled.errors).toEqual([]);
  });
  afterAll(async () => {
    unhandled.dispose();
    await Promise.all([faulty.close(), calm.close()]);
  });

  /** A store over the faulty fleet (`bad-<vendor>`, `bad-legacy-vectorcharts`) and two healthy sources (`calm-osapi`, `calm-mcrit`). */
  async function startStore(timeoutMs = ANSWER_TIMEOUT_MS) {
    // A 1 MB body limit: the oversize fault sends 8 MiB, and every real answer here is far smaller.
    sources = buildSources([...renamed(faulty, 'bad'), ...renamed(calm, 'calm')], {
      timeout: `${timeoutMs}ms`,
      connectTimeout: `${timeoutMs}ms`,
      maxBodySize: '1MB',
    });
    const clock = recordingClock();
    store = createFleetStore(
      sources.map((source) => ({ source, intervalMs: INTERVAL_MS })),
      { intervalMs: INTERVAL_MS, now: clock.now, random: () => 0.5 },
    );
    watch = watchStore(store);
    store.start();
    await store.firstRound();
    const first = store.getSnapshot();
    expect(first.sources.map((source) => [source.name, source.status])).toEqual([
      ...renamedSources(faulty, 'bad').map(({ name }) => [name, 'ok']),
      ['calm-osapi', 'ok'],
      ['calm-mcrit', 'ok'],
    ]);
    return { store, watch, first };
  }

  it.each(Object.keys(EXPECTED_SHORT) as (keyof typeof EXPECTED_SHORT)[])(
    '%s: says so, keeps the last good jobs, backs off, spares the others and recovers',
    async (fault) => {
      const { watch, first } = await startStore(timeoutFor(fault));
      const lastGood = new Map(
        first.sources.map((source) => [
          source.name,
          { at: source.lastSuccessAt, keys: source.jobs.map((job) => job.key) },
        ]),
      );
      // why: the legacy VectorCharts source is limited to 8 jobs; every other one lists 40.
      for (const { name } of renamedSources(faulty, 'bad'))
        expect(lastGood.get(name)!.keys.length, name).toBeGreaterThanOrEqual(8);

      const faultStartedAt = Date.now();
      for (const server of Object.values(faulty.servers))
        await server.setFault(fault, { retryAfterSeconds: 1, trickleMs: 40 });
      const failing = await watch.until('three failures in a row at every faulty source', (snapshot) =>
        snapshot.sources
          .filter((source) => source.name.startsWith('bad-'))
          .every((source) => source.consecutiveFailures >= 3),
      );

      for (const { name, vendor } of renamedSources(faulty, 'bad')) {
        const source = failing.sources.find((candidate) => candidate.name === name)!;
        expect(source.status, name).toBe('error');
        expect(source.error?.short, name).toBe(expectedShort(fault, vendor));
        expect(source.error?.message, name).toMatch(new RegExp(`^${name}: `));
        // The last good jobs stay, with the time they were good.
        expect(source.lastSuccessAt, name).toBe(lastGood.get(name)!.at);
        expect(
          source.jobs.map((job) => job.key),
          name,
        ).toEqual(lastGood.get(name)!.keys);
        // Backoff: the interval doubling per failure (no jitter at random 0.5), at least Retry-After after a 429.
        const delays = watch.failureDelays(name).slice(0, 3);
        expect(delays, name).toEqual(
          fault === '429' ? [1000, 1000, 1000] : [INTERVAL_MS, 2 * INTERVAL_MS, 4 * INTERVAL_MS],
        );
      }
      // Refused: the first poll may meet a keep-alive socket the server just closed ("connection reset").
      const seenShorts = new Set(
        watch.snapshots.flatMap((snapshot) =>
          snapshot.sources.filter((s) => s.name.startsWith('bad-') && s.error).map((s) => s.error!.short),
        ),
      );
      if (fault === 'refused')
        expect([...seenShorts].every((short) => short === 'connection refused' || short === 'connection reset')).toBe(
          true,
        );

      // The healthy sources never failed and kept polling during the fault.
      for (const name of ['calm-osapi', 'calm-mcrit']) {
        expect(
          watch.snapshots.every((snapshot) => snapshot.sources.find((s) => s.name === name)!.consecutiveFailures === 0),
          name,
        ).toBe(true);
        expect(failing.sources.find((s) => s.name === name)!.lastSuccessAt!, name).toBeGreaterThan(faultStartedAt);
      }

      for (const server of Object.values(faulty.servers)) await server.setFault(null);
      const recovered = await watch.until('every faulty source recovered', (snapshot) =>
        snapshot.sources.every((source) => source.status === 'ok'),
      );
      for (const { name } of renamedSources(faulty, 'bad')) {
        const source = recovered.sources.find((candidate) => candidate.name === name)!;
        expect(source, name).toMatchObject({ error: null, consecutiveFailures: 0 });
        expect(source.lastSuccessAt!, name).toBeGreaterThan(faultStartedAt);
        expect(
          source.jobs.map((job) => job.key),
          name,
        ).toEqual(lastGood.get(name)!.keys);
        // Back to the steady interval: the poll after the recovery was scheduled one interval after
        // the recovering poll started (the store keeps healthy polls on a grid), not backed off.
        const last = watch.delays.get(name)!.at(-1)!;
        expect(last.failures, name).toBe(0);
        expect(last.delayMs, name).toBeGreaterThanOrEqual(0);
        expect(last.delayMs, name).toBeLessThanOrEqual(INTERVAL_MS);
      }
    },
  );

  it('vanish: a source whose jobs disappear shows none, stays healthy, and shows them again when they return', async () => {
    const { watch, first } = await startStore();
    const before = new Map(first.sources.map((source) => [source.name, source.jobs.length]));
    for (const server of Object.values(faulty.servers)) await server.setFault('vanish');
    const emptied = await watch.until('every faulty source empty', (snapshot) =>
      snapshot.sources.filter((s) => s.name.startsWith('bad-')).every((s) => s.jobs.length === 0),
    );
    for (const source of emptied.sources) {
      expect(source, source.name).toMatchObject({ status: 'ok', error: null, consecutiveFailures: 0 });
      if (source.name.startsWith('calm-')) expect(source.jobs.length, source.name).toBe(before.get(source.name));
      // Sources that report totals report zero.
      if (source.name.startsWith('bad-') && source.total !== null) expect(source.total, source.name).toBe(0);
    }
    for (const server of Object.values(faulty.servers)) await server.setFault(null);
    const back = await watch.until('jobs back', (snapshot) =>
      snapshot.sources.every((s) => s.jobs.length === before.get(s.name)),
    );
    expect(back.sources.every((source) => source.status === 'ok')).toBe(true);
  });
});
