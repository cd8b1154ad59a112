/**
 * `jobtop list` (the built CLI) when a source answers only in part or too slowly:
 * - Alteryx lists its jobs but every per-job detail (the disposition look-up) fails → the
 *   source is reported incomplete (`complete: false`, the count and the reason), exit 2, and a
 *   `--state` filter says it may miss jobs;
 * - Alteryx answers every per-job request slowly (within its own timeout) → the overall
 *   `--deadline` ends the wait: the healthy source is printed, Alteryx is reported timed out, exit 2.
 * A real proxy on 127.0.0.1 in front of the demo Alteryx server plays the detail failures and delays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoFleet } from '../../source/demo/fleet.js';
import { runCli } from '../helpers/run-cli.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';
import { isAlteryxDetail, renamed, startFaultProxy, startStillFleet, writeConfig } from './harness.js';

interface ListJson {
  jobs: { source: string; state: string }[];
  sources: {
    name: string;
    ok: boolean;
    complete: boolean;
    error: string | null;
    incomplete: { jobs: number; reason: string } | null;
  }[];
}

describe('a source that answers in part, or too slowly', () => {
  let fleet: DemoFleet;
  let proxy: { url: string; close(): Promise<void> };
  let mode: 'detail-500' | 'detail-slow' | 'pass' = 'pass';
  let alteryxUrl: string;

  beforeAll(async () => {
    fleet = await startStillFleet({ vendors: ['osapi', 'alteryx'], seed: 5 });
    const upstream = String(fleet.sources.find((source) => source.type === 'alteryx')!.url);
    proxy = await startFaultProxy(upstream, async (request) => {
      if (isAlteryxDetail(request) && mode === 'detail-500')
        return { status: 500, json: { message: 'An unexpected error occurred.' } };
      if (isAlteryxDetail(request) && mode === 'detail-slow')
        await new Promise((resolve) => setTimeout(resolve, 4_000));
      return null;
    });
    alteryxUrl = proxy.url;
  });
  afterAll(async () => {
    await proxy.close();
    await fleet.close();
  });

  const config = () => {
    const sources = renamed(fleet, 'x').map((source) =>
      source.type === 'alteryx' ? { ...source, url: alteryxUrl } : source,
    );
    return writeConfig({ timeout: '30s', sources });
  };

  it('the proxy passes the demo through untouched when no fault is set (the control case)', async () => {
    mode = 'pass';
    const result = await runCli(['list', '--json', '--config', config()], NO_PROXY_ENV);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const alteryx = (JSON.parse(result.stdout) as ListJson).sources.find((source) => source.name === 'x-alteryx')!;
    expect(alteryx).toMatchObject({ ok: true, complete: true, incomplete: null });
  });

  it('detail look-ups failing: the source is incomplete with the count and reason, stderr says so, exit 2', async () => {
    mode = 'detail-500';
    const result = await runCli(['list', '--json', '--config', config()], NO_PROXY_ENV);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as ListJson;
    const alteryx = body.sources.find((source) => source.name === 'x-alteryx')!;
    expect(alteryx.ok).toBe(true);
    expect(alteryx.complete).toBe(false);
    const unknown = body.jobs.filter((job) => job.source === 'x-alteryx' && job.state === 'unknown').length;
    expect(alteryx.incomplete!.jobs).toBeGreaterThan(0);
    expect(alteryx.incomplete!.jobs).toBeLessThanOrEqual(unknown);
    expect(alteryx.incomplete!.reason).toMatch(/500 server error/);
    expect(result.stderr).toMatch(
      new RegExp(
        `x-alteryx: incomplete: ${alteryx.incomplete!.jobs} jobs? with an unknown outcome \\(outcome unknown: its detail request failed \\(500 server error`,
      ),
    );
    expect(body.sources.find((source) => source.name === 'x-osapi')).toMatchObject({ ok: true, complete: true });
  });

  it('detail look-ups failing: --state failed warns that it may miss jobs', async () => {
    mode = 'detail-500';
    const result = await runCli(['list', '--state', 'failed', '--config', config()], NO_PROXY_ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /warning: --state may miss jobs of x-alteryx: \d+ of its jobs have an unknown outcome/,
    );
  });

  it('a slow source: the deadline prints the healthy source and reports the slow one timed out, exit 2', async () => {
    mode = 'detail-slow';
    const result = await runCli(['list', '--json', '--deadline', '3s', '--config', config()], NO_PROXY_ENV);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as ListJson;
    expect(body.sources.find((source) => source.name === 'x-alteryx')).toMatchObject({ ok: false, complete: false });
    expect(body.sources.find((source) => source.name === 'x-alteryx')!.error).toMatch(
      /^x-alteryx: timed out: no complete answer within the --deadline of 3s/,
    );
    expect(body.sources.find((source) => source.name === 'x-osapi')).toMatchObject({ ok: true, complete: true });
    expect(body.jobs.some((job) => job.source === 'x-osapi')).toBe(true);
    expect(result.stderr).toMatch(/jobtop: x-alteryx: timed out/);
  });

  it('a bad --deadline is a usage error', async () => {
    const result = await runCli(['list', '--deadline', 'soon', '--config', config()], NO_PROXY_ENV);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--deadline expects a duration/);
  });
});
