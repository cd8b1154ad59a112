/**
 * `jobtop get` and `jobtop watch` (the built CLI) when Alteryx lists a finished job but its
 * per-job detail — the only place that says how it ended — fails: neither command may present
 * the unknown outcome as known. `get` prints what the list says, `complete: false` with the
 * reason, and exits 2; `watch` says on stderr that the source is degraded and the outcome
 * unknown, and settles as unreachable (7), never as success (0) or failure (3). A 404 ("no
 * detail": not an app workflow) is by design not incomplete (docs/vendors.md). A real proxy on
 * 127.0.0.1 in front of the demo Alteryx server plays the detail failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoFleet } from '../../source/demo/fleet.js';
import type { AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import { runCli } from '../helpers/run-cli.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';
import { isAlteryxDetail, renamed, startFaultProxy, startStillFleet, writeConfig } from './harness.js';

interface GetJson {
  key: string;
  state: string;
  error: string | null;
  complete: boolean;
  incomplete: { reason: string; outcomeUnknown: boolean } | null;
}

describe('get and watch over an Alteryx job whose detail fails', () => {
  let fleet: DemoFleet;
  let proxy: { url: string; close(): Promise<void> };
  let mode: 'pass' | 'detail-500' | 'detail-404' = 'pass';
  let failedId: string;
  let key: string;

  beforeAll(async () => {
    fleet = await startStillFleet({ vendors: ['osapi', 'alteryx'], seed: 7 });
    const alteryx = fleet.servers.alteryx.simulator as AlteryxSimulator;
    failedId = alteryx.inject({ status: 'Completed', disposition: 'Error', workflowName: 'nightly-load.yxmd' }).id;
    key = `x-alteryx/${failedId}`;
    const upstream = String(fleet.sources.find((source) => source.type === 'alteryx')!.url);
    proxy = await startFaultProxy(upstream, (request) => {
      if (!isAlteryxDetail(request) || mode === 'pass') return null;
      return mode === 'detail-500'
        ? { status: 500, json: { message: 'An unexpected error occurred.' } }
        : { status: 404, json: { message: `Job '${request.path.split('/').pop()}' was not found.` } };
    });
  });
  afterAll(async () => {
    await proxy.close();
    await fleet.close();
  });

  const config = () =>
    writeConfig({
      timeout: '30s',
      sources: renamed(fleet, 'x').map((source) =>
        source.type === 'alteryx' ? { ...source, url: proxy.url } : source,
      ),
    });

  it('get: with the detail answering, the job is whole — failed, complete, exit 0 (the control case)', async () => {
    mode = 'pass';
    const result = await runCli(['get', key, '--json', '--config', config()], NO_PROXY_ENV);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ key, state: 'failed', complete: true, incomplete: null });
  });

  it('get --json: the detail failing, the outcome is unknown, complete: false with the reason, exit 2', async () => {
    mode = 'detail-500';
    const result = await runCli(['get', key, '--json', '--config', config()], NO_PROXY_ENV);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as GetJson;
    expect(body).toMatchObject({ key, state: 'unknown', complete: false });
    expect(body.incomplete).toEqual({
      reason: expect.stringMatching(/^its detail request failed \(500 server error/) as string,
      outcomeUnknown: true,
    });
    expect(result.stderr).toContain(`jobtop: ${key}: incomplete: outcome unknown: its detail request failed (500`);
    expect(result.stderr).toMatch(/jobtop: x-alteryx: .*500/);
  });

  it('get (text): says under the key that the outcome is unknown and why, never a known state, exit 2', async () => {
    mode = 'detail-500';
    const result = await runCli(['get', key, '--config', config()], NO_PROXY_ENV);
    expect(result.code).toBe(2);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(key);
    expect(lines[1]).toMatch(
      /^Incomplete outcome unknown: its detail request failed \(500 server error.*\); shown as its source lists it$/,
    );
    expect(result.stdout).toMatch(/^State +\S+ unknown/m);
    expect(result.stdout).not.toMatch(/^State .*(failed|succeeded)/m);
  });

  it('get: a job the server has no detail for (404) is not incomplete: unknown with that reason, exit 0', async () => {
    mode = 'detail-404';
    const result = await runCli(['get', key, '--json', '--config', config()], NO_PROXY_ENV);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      key,
      state: 'unknown',
      complete: true,
      incomplete: null,
      error: 'outcome unknown: the server has no detail for this job',
    });
  });

  it('check: a source whose per-job look-ups fail is degraded, not a pass (exit 2)', async () => {
    mode = 'detail-500';
    const json = await runCli(['check', '--json', '--config', config()], NO_PROXY_ENV);
    expect(json.code).toBe(2);
    const sources = (
      JSON.parse(json.stdout) as {
        sources: { name: string; ok: boolean; error: unknown; incomplete: { jobs: number } | null }[];
      }
    ).sources;
    const alteryx = sources.find((source) => source.name === 'x-alteryx')!;
    expect(alteryx).toMatchObject({ ok: false, error: null });
    expect(alteryx.incomplete!.jobs).toBeGreaterThan(0);
    expect(sources.find((source) => source.name === 'x-osapi')).toMatchObject({ ok: true, incomplete: null });
    const text = await runCli(['check', '--config', config()], NO_PROXY_ENV);
    expect(text.stdout).toMatch(/^x-alteryx +alteryx +DEGRADED /m);
    expect(text.stdout).toMatch(
      /^x-alteryx: degraded: \d+ jobs? with an unknown outcome \(outcome unknown: its detail request failed/m,
    );
    expect(text.stdout).toContain('1 of 2 sources passed.');
  });

  it('watch --exit-status: says the source is degraded and the outcome unknown, and settles unreachable (7), not 0 or 3', async () => {
    mode = 'detail-500';
    const result = await runCli(
      ['watch', key, '--exit-status', '--interval', '500ms', '--unreachable-after', '1s', '--config', config()],
      NO_PROXY_ENV,
    );
    expect(result.code).toBe(7);
    expect(result.stderr).toMatch(
      /^jobtop: x-alteryx: degraded: \d+ jobs? with an unknown outcome \(outcome unknown: its detail request failed \(500 server error/m,
    );
    expect(result.stderr).toMatch(
      new RegExp(
        `^jobtop: ${key}: outcome unknown: its detail request failed: x-alteryx: .*500.* \\(retrying\\)$`,
        'm',
      ),
    );
    expect(result.stdout).toMatch(new RegExp(`${key} unreachable: outcome unknown: `));
    expect(result.stdout).not.toMatch(/→ (failed|succeeded)/);
  });

  it('watch --exit-status: a job that ended with no detail to say how exits 10 (outcome unknown), not 3', async () => {
    mode = 'detail-404';
    const result = await runCli(
      ['watch', key, '--exit-status', '--interval', '500ms', '--config', config()],
      NO_PROXY_ENV,
    );
    expect(result.code).toBe(10);
    expect(result.stdout).toContain(`${key} ended: outcome unknown: the server has no detail for this job`);
    const plain = await runCli(['watch', key, '--interval', '500ms', '--config', config()], NO_PROXY_ENV);
    expect(plain.code).toBe(0);
  });
});
