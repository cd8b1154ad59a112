/**
 * `jobtop watch` as the built CLI against demo simulators whose clock the test moves: jobs end
 * when the test says so, and each run asserts the lines printed, the exit code, and the
 * requests that reached the servers. The live view runs in a real pseudo-terminal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import type { AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import { signOsapiDemoToken, type OsapiSimulator } from '../../source/demo/osapi-server.js';
import type { RecordedRequest } from '../../source/demo/kit.js';
import { runCli } from '../helpers/run-cli.js';
import { startJobtop } from '../helpers/terminal.js';

const writeConfig = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'jobtop-watch-')), 'config.yaml');
  writeFileSync(path, stringify(content), { mode: 0o600 });
  return path;
};

/** Polls `check` until it holds; the per-test timeout bounds it, never an assertion on time. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 25) {
    if (waited > 20_000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const STAMP = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ';
const lists = (requests: RecordedRequest[], path: string) =>
  requests.filter((request) => request.method === 'GET' && request.path === path).length;

describe('jobtop watch', () => {
  let clock = Date.now();
  let fleet: DemoFleet;
  let config: string;
  let alteryx: AlteryxSimulator;
  let osapi: OsapiSimulator;
  const advance = (ms: number) => {
    clock += ms;
    fleet.tick(clock);
  };
  const running = (disposition: 'Error' | 'Success' | 'Warning' = 'Success') =>
    alteryx.inject({ status: 'Running', disposition, submittedBy: 'Priya Raman', runMs: 60_000 });
  const processing = (host = 'web-01') =>
    osapi.inject({ createdAt: clock - 5000, agents: [{ host, outcome: 'started' }] });

  beforeAll(async () => {
    fleet = await startDemoFleet({ vendors: ['alteryx', 'osapi'], now: () => clock, tickMs: 0, arrivals: false });
    alteryx = fleet.servers.alteryx.simulator as AlteryxSimulator;
    osapi = fleet.servers.osapi.simulator as OsapiSimulator;
    config = writeConfig({ interval: '500ms', sources: fleet.sources });
  });
  afterAll(() => fleet.close());
  beforeEach(() => {
    for (const server of Object.values(fleet.servers)) server.clearRequests();
  });

  it('prints timestamped state changes and exits 3 with --exit-status when the job fails', async () => {
    const job = running('Error');
    const watching = runCli(['watch', `demo-alteryx/${job.id}`, '--exit-status', '--config', config]);
    await until(() => lists(fleet.servers.alteryx.requests, '/webapi/v3/jobs') >= 2, 'two list polls');
    advance(5 * 60_000);
    const result = await watching;
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      new RegExp(`^${STAMP} demo-alteryx/${job.id} running\\n${STAMP} demo-alteryx/${job.id} running → failed\\n$`),
    );
    expect(result.code).toBe(3);
  });

  it('exits 0 without --exit-status once the job has ended, whatever the outcome', async () => {
    const job = running('Error');
    const watching = runCli(['watch', `demo-alteryx/${job.id}`, '--config', config]);
    await until(() => lists(fleet.servers.alteryx.requests, '/webapi/v3/jobs') >= 1, 'a list poll');
    advance(5 * 60_000);
    expect((await watching).code).toBe(0);
  });

  it('exits 4 when a watched job is cancelled (here by jobtop cancel from another shell)', async () => {
    const job = running();
    const watching = runCli(['watch', `demo-alteryx/${job.id}`, '--exit-status', '--config', config]);
    await until(() => lists(fleet.servers.alteryx.requests, '/webapi/v3/jobs') >= 1, 'a list poll');
    expect(await runCli(['cancel', `demo-alteryx/${job.id}`, '--yes', '--config', config])).toMatchObject({
      code: 0,
      stdout: `demo-alteryx/${job.id} cancelled: Cancelled Successfully.\n`,
    });
    const result = await watching;
    expect(result.stdout).toMatch(new RegExp(`running → cancelled\\n$`));
    expect(result.code).toBe(4);
  });

  it('exits 5 when a job partially fails', async () => {
    const id = osapi.inject({
      agents: [
        { host: 'web-01', outcome: 'completed' },
        { host: 'web-02', outcome: 'failed' },
      ],
    });
    const result = await runCli(['watch', `demo-osapi/${id}`, '--exit-status', '--config', config]);
    expect(result.stdout).toMatch(new RegExp(`^${STAMP} demo-osapi/${id} partial\\n$`));
    expect(result.code).toBe(5);
  });

  it('exits 0 with --exit-status when every job succeeded', async () => {
    const first = running('Success');
    const second = running('Warning');
    const watching = runCli([
      'watch',
      `demo-alteryx/${first.id}`,
      `demo-alteryx/${second.id}`,
      '--exit-status',
      '--config',
      config,
    ]);
    await until(() => lists(fleet.servers.alteryx.requests, '/webapi/v3/jobs') >= 1, 'a list poll');
    advance(5 * 60_000);
    const result = await watching;
    expect(result.stdout.match(/running → succeeded/g)).toHaveLength(2);
    expect(result.code).toBe(0);
  });

  it('exits 6 when a watched job vanishes (deleted from OSAPI meanwhile)', async () => {
    const id = processing();
    const watching = runCli(['watch', `demo-osapi/${id}`, '--exit-status', '--config', config]);
    await until(() => lists(fleet.servers.osapi.requests, '/api/job') >= 1, 'a list poll');
    expect((await runCli(['delete', `demo-osapi/${id}`, '--yes', '--config', config])).code).toBe(0);
    const result = await watching;
    expect(result.stdout).toMatch(
      new RegExp(
        `^${STAMP} demo-osapi/${id} running\\n${STAMP} demo-osapi/${id} vanished: it no longer exists on demo-osapi\\n$`,
      ),
    );
    expect(result.code).toBe(6);
  });

  it('exits 6 at once for a job that does not exist, and waits for it with --wait-for-appear', async () => {
    const missing = await runCli(['watch', 'demo-alteryx/6b0000000000000000000abc', '--config', config]);
    expect(missing.stdout).toMatch(
      new RegExp(`^${STAMP} demo-alteryx/6b0000000000000000000abc not found: no such job on demo-alteryx\\n$`),
    );
    expect(missing.code).toBe(6);

    const id = '6b0000000000000000000def';
    const watching = runCli(['watch', `demo-alteryx/${id}`, '--wait-for-appear', '--exit-status', '--config', config]);
    // why: a 404 detail is checked against a fresh list (the job may have just been created), so the
    // job appears only after that list has answered without it: then "not found yet" is certain.
    await until(() => {
      const requests = fleet.servers.alteryx.requests;
      const detail = requests.findIndex((request) => request.path === `/webapi/v3/jobs/${id}`);
      return detail !== -1 && requests.slice(detail + 1).some((request) => request.path === '/webapi/v3/jobs');
    }, 'the detail that says it does not exist, and the list that confirms it');
    alteryx.inject({ id, status: 'Completed', disposition: 'Success', submittedBy: 'Priya Raman' });
    const result = await watching;
    expect(result.stdout).toMatch(
      new RegExp(
        `^${STAMP} demo-alteryx/${id} not found yet: waiting for it to appear\\n${STAMP} demo-alteryx/${id} succeeded\\n$`,
      ),
    );
    expect(result.code).toBe(0);
  });

  it('polls each source’s list once per interval for all its jobs, and exits 8 at --timeout', async () => {
    const ids = [processing('web-01'), processing('web-02'), processing('web-03')];
    const result = await runCli([
      'watch',
      ...ids.map((id) => `demo-osapi/${id}`),
      '--timeout',
      '2s',
      '--exit-status',
      '--config',
      config,
    ]);
    expect(result.code).toBe(8);
    for (const id of ids) expect(result.stdout).toMatch(new RegExp(`^${STAMP} demo-osapi/${id} running$`, 'm'));
    expect(result.stdout.match(/ timed out: after 2s still running\n/g)).toHaveLength(3);
    const requests = fleet.servers.osapi.requests;
    expect(requests.every((request) => request.path === '/api/job')).toBe(true);
    // 2 s at 500 ms: about four polls, never one per job (that would be twelve).
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.length).toBeLessThanOrEqual(6);
    expect(fleet.servers.alteryx.requests).toEqual([]);
  });

  it('exits 7 when the source stays unreachable, at once when it refuses the credentials', async () => {
    const dead = writeConfig({ sources: [{ name: 'dead', type: 'mcrit', url: 'http://127.0.0.1:9' }] });
    const refused = await runCli([
      'watch',
      'dead/6b02a6008fae84857b4cc02c',
      '--unreachable-after',
      '1s',
      '--interval',
      '500ms',
      '--exit-status',
      '--config',
      dead,
    ]);
    expect(refused.stderr).toMatch(/^jobtop: dead: connection refused.*\(retrying\)$/m);
    expect(refused.stdout).toMatch(
      new RegExp(`^${STAMP} dead/6b02a6008fae84857b4cc02c unreachable: dead: connection refused`),
    );
    expect(refused.code).toBe(7);

    const badToken = signOsapiDemoToken({ signingKey: 'not-the-key' });
    const forged = writeConfig({
      sources: [{ ...fleet.sources.find((source) => source.type === 'osapi'), token: badToken }],
    });
    const denied = await runCli(['watch', `demo-osapi/${processing()}`, '--exit-status', '--config', forged]);
    expect(denied.stdout).toMatch(/unreachable: demo-osapi: 401 unauthorized: Invalid token: signature is invalid/);
    expect(denied.stdout + denied.stderr).not.toContain(badToken);
    expect(denied.code).toBe(7);
  });

  it('reports the first code in precedence order when jobs end differently', async () => {
    const failing = running('Error');
    const cancelledId = osapi.inject({
      agents: [
        { host: 'web-01', outcome: 'completed' },
        { host: 'web-02', outcome: 'failed' },
      ],
    });
    const watching = runCli([
      'watch',
      `demo-alteryx/${failing.id}`,
      `demo-osapi/${cancelledId}`,
      'demo-osapi/00000000-0000-4000-8000-000000000000',
      '--exit-status',
      '--config',
      config,
    ]);
    await until(() => lists(fleet.servers.alteryx.requests, '/webapi/v3/jobs') >= 1, 'a list poll');
    advance(5 * 60_000);
    // failed (3) beats partial (5) and not found (6).
    expect((await watching).code).toBe(3);
  });

  it('usage errors exit 1', async () => {
    expect(await runCli(['watch', '--config', config])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('watch needs at least one job as SOURCE/ID'),
    });
    expect(await runCli(['watch', 'demo-osapi/x', '--timeout', 'soon', '--config', config])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--timeout expects a duration such as 90s, 5m or 1h30m, got "soon"'),
    });
    expect(await runCli(['watch', 'demo-osapi/x', '--interval', '100ms', '--config', config])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--interval must be at least 500ms'),
    });
  });

  it('shows a live line per job on a terminal, rewritten in place, and restores the cursor when done', async () => {
    const job = running('Error');
    const other = processing();
    const session = startJobtop(
      [
        'watch',
        `demo-alteryx/${job.id}`,
        `demo-osapi/${other}`,
        '--exit-status',
        '--timeout',
        '20s',
        '--config',
        config,
      ],
      { cols: 100, rows: 20 },
    );
    await session.waitForScreen(
      (screen) =>
        /● running {6}demo-alteryx\//.test(screen) &&
        /● running {6}demo-osapi\//.test(screen) &&
        screen.includes('watching 2 of 2'),
    );
    expect(session.modes().cursorHidden).toBe(true);
    advance(5 * 60_000);
    await session.waitForScreen(
      (screen) => /✖ failed {7}demo-alteryx\//.test(screen) && screen.includes('watching 1 of 2'),
    );
    session.kill('SIGINT');
    expect((await session.exited).exitCode).toBe(130);
    const screen = session.screen().filter((line) => line !== '');
    expect(screen).toHaveLength(3);
    expect(screen[0]).toMatch(new RegExp(`^✖ failed {7}demo-alteryx/${job.id}  \\S`));
    expect(screen[1]).toMatch(new RegExp(`^● running {6}demo-osapi/${other}  node\\.hostname\\.get$`));
    expect(session.modes().cursorHidden).toBe(false);
    for (const line of session.screen()) expect(line.length).toBeLessThan(100);
  });

  it('exits with the watch’s code on a terminal once every job has ended', async () => {
    const job = running('Success');
    const session = startJobtop(['watch', `demo-alteryx/${job.id}`, '--exit-status', '--config', config], {
      cols: 80,
      rows: 10,
    });
    await session.waitForScreen('watching 1 of 1');
    advance(5 * 60_000);
    expect((await session.exited).exitCode).toBe(0);
    expect(session.screen().join('\n')).toMatch(/✔ succeeded {4}demo-alteryx\/[0-9a-f]+ .*\nall 1 settled/);
    expect(session.modes().cursorHidden).toBe(false);
  });
});
