/**
 * `concurrency:` bounds a source's per-job requests: `jobtop list` (the built CLI) against the
 * demo Alteryx server, through a proxy on 127.0.0.1 that counts the disposition look-ups
 * (`GET /v3/jobs/{id}`) in flight. The proxy holds each look-up until as many are waiting as
 * the setting allows (or as are left), then lets them through: a client that sends more at once
 * shows a higher maximum, one that sends fewer never gets its answers (and the test fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoFleet } from '../../source/demo/fleet.js';
import { fetchOnce } from '../../source/store/fetch-once.js';
import { runCli } from '../helpers/run-cli.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';
import { buildSources, isAlteryxDetail, renamed, startFaultProxy, startStillFleet, writeConfig } from './harness.js';

const LIMIT = 60;

describe('per-source concurrency of per-job requests', () => {
  let fleet: DemoFleet;
  let proxy: { url: string; close(): Promise<void> };
  let completed = 0;
  let allowed = 1;
  let released = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let held: (() => void)[] = [];

  beforeAll(async () => {
    fleet = await startStillFleet({ vendors: ['alteryx'], seed: 21 });
    const entry = renamed(fleet, 'x')[0];
    // How many listed jobs are `Completed` (each needs one look-up): read from the server itself.
    const [outcome] = await fetchOnce(buildSources([entry], { limit: LIMIT, concurrency: 4 }));
    completed = outcome.jobs.filter((job) => (job.raw as { status?: string }).status === 'Completed').length;
    proxy = await startFaultProxy(String(entry.url), async (request) => {
      if (!isAlteryxDetail(request)) return null;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => {
        held.push(resolve);
        if (held.length >= Math.min(allowed, completed - released)) {
          released += held.length;
          for (const release of held.splice(0)) release();
        }
      });
      inFlight -= 1;
      return null;
    });
  });
  afterAll(async () => {
    await proxy.close();
    await fleet.close();
  });

  const run = async (concurrency: number) => {
    allowed = concurrency;
    released = 0;
    maxInFlight = 0;
    held = [];
    const config = writeConfig({
      limit: LIMIT,
      concurrency,
      sources: renamed(fleet, 'x').map((source) => ({ ...source, url: proxy.url })),
    });
    return runCli(['list', '--json', '--config', config], NO_PROXY_ENV);
  };

  it('the demo lists enough finished jobs to tell 1 from 8 (the premise)', () => {
    expect(completed).toBeGreaterThan(8);
  });

  it.each([1, 8])('concurrency: %i keeps at most that many look-ups in flight, and reaches it', async (concurrency) => {
    const result = await run(concurrency);
    expect(result.code).toBe(0);
    expect(released).toBe(completed);
    expect(maxInFlight).toBe(concurrency);
  });

  it('a source’s own concurrency wins over the global one', async () => {
    allowed = 2;
    released = 0;
    maxInFlight = 0;
    const config = writeConfig({
      limit: LIMIT,
      concurrency: 16,
      sources: renamed(fleet, 'x').map((source) => ({ ...source, url: proxy.url, concurrency: 2 })),
    });
    const result = await runCli(['list', '--json', '--config', config], NO_PROXY_ENV);
    expect(result.code).toBe(0);
    expect(maxInFlight).toBe(2);
  });
});
