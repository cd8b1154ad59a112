/**
 * `--deadline` on `jobtop get` and `jobtop check` (the built CLI), by the same rule as `list`:
 * a source still answering when the deadline passes is reported `timed out` by name and the
 * command exits 2, while the sources that finished are printed. The demo Alteryx server is
 * switched to its `hang` fault (it accepts every request and never answers), so no answer can
 * come: the deadline is the only way out. On a terminal, a waiting line names it meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoFleet } from '../../source/demo/fleet.js';
import type { OsapiSimulator } from '../../source/demo/osapi-server.js';
import { runCli } from '../helpers/run-cli.js';
import { startJobtop } from '../helpers/terminal.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';
import { FROZEN_CLOCK, renamed, startStillFleet, writeConfig } from './harness.js';

interface CheckJson {
  ok: boolean;
  sources: {
    name: string;
    ok: boolean;
    reachable: string;
    error: { kind: string; short: string; message: string } | null;
    hint: string | null;
  }[];
}

describe('--deadline on get and check, with a source that never answers', () => {
  let fleet: DemoFleet;
  let config: string;
  let osapiId: string;

  beforeAll(async () => {
    fleet = await startStillFleet({ vendors: ['osapi', 'alteryx'], seed: 11 });
    osapiId = (fleet.servers.osapi.simulator as OsapiSimulator).inject({
      createdAt: FROZEN_CLOCK - 60_000,
      operation: { type: 'network.ping.do', data: { address: '10.0.4.12' } },
      agents: [{ host: 'web-01', outcome: 'completed', durationMs: 900 }],
    });
    await fleet.servers.alteryx.setFault('hang');
    config = writeConfig({ timeout: '30s', sources: renamed(fleet, 'x') });
  });
  afterAll(async () => {
    await fleet.servers.alteryx.setFault(null);
    await fleet.close();
  });

  it('get: the job’s source still answering at the deadline is reported timed out by name, nothing on stdout, exit 2', async () => {
    const result = await runCli(
      ['get', 'x-alteryx/6b02a6008fae84857b4cc02c', '--deadline', '300ms', '--config', config],
      NO_PROXY_ENV,
    );
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('jobtop: x-alteryx: timed out: no complete answer within the --deadline of 300ms\n');
  });

  it('get: a job of a healthy source is printed whole within the deadline, whatever the other sources do', async () => {
    const result = await runCli(
      ['get', `x-osapi/${osapiId}`, '--json', '--deadline', '5s', '--config', config],
      NO_PROXY_ENV,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ key: `x-osapi/${osapiId}`, state: 'succeeded', complete: true });
  });

  // why 4s: long enough for the healthy source on a loaded machine; the hanging one never answers, whatever the deadline.
  it('check --json: the healthy source passes, the hanging one is timed out with a --deadline hint, exit 2', async () => {
    const result = await runCli(['check', '--json', '--deadline', '4s', '--config', config], NO_PROXY_ENV);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as CheckJson;
    expect(body.ok).toBe(false);
    expect(body.sources.find((source) => source.name === 'x-osapi')).toMatchObject({ ok: true, error: null });
    const alteryx = body.sources.find((source) => source.name === 'x-alteryx')!;
    expect(alteryx).toMatchObject({ ok: false, reachable: 'skipped', error: { kind: 'timeout', short: 'timed out' } });
    expect(alteryx.error!.message).toBe('x-alteryx: timed out: no complete answer within the --deadline of 4s');
    expect(alteryx.hint).toMatch(/raise --deadline/);
  });

  it('check (text): names the timed-out source and counts it as not passed', async () => {
    const result = await runCli(['check', '--deadline', '4s', '--config', config], NO_PROXY_ENV);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('x-alteryx: FAILED: no complete answer within --deadline');
    expect(result.stdout).toContain('1 of 2 sources passed.');
  });

  it('on a terminal, a stderr line names the source still answering meanwhile, and is erased before the output', async () => {
    const session = startJobtop(['list', '--source', 'x-alteryx', '--deadline', '4s', '--config', config], {
      cols: 100,
      rows: 30,
      env: NO_PROXY_ENV,
    });
    await session.waitForScreen(/jobtop: waiting for x-alteryx \(\ds of the 4s deadline\)/);
    expect((await session.exited).exitCode).toBe(2);
    const screen = session.screen().join('\n');
    expect(screen).toContain('jobtop: x-alteryx: timed out: no complete answer within the --deadline of 4s');
    expect(screen).not.toContain('waiting for');
  });

  it('a bad --deadline is a usage error for get and check as for list', async () => {
    for (const args of [['get', `x-osapi/${osapiId}`], ['check']]) {
      const result = await runCli([...args, '--deadline', 'soon', '--config', config], NO_PROXY_ENV);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/--deadline expects a duration of at least 100ms/);
    }
  });
});
