/**
 * `jobtop cancel|delete|retry` as the built CLI against demo simulators: the exact requests
 * that reached each server (none when not confirmed, read-only, or not offered; exactly one per
 * job otherwise), the server's own words on refusal, and the confirmation on a real terminal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { ALTERYX_PROTECTED_OWNER, type AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import type { OsapiSimulator } from '../../source/demo/osapi-server.js';
import type { McritSimulator } from '../../source/demo/mcrit-server.js';
import type { RecordedRequest } from '../../source/demo/kit.js';
import { runCli } from '../helpers/run-cli.js';
import { KEYS, startJobtop } from '../helpers/terminal.js';

const writeConfig = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'jobtop-act-')), 'config.yaml');
  writeFileSync(path, stringify(content), { mode: 0o600 });
  return path;
};

const mutating = (requests: RecordedRequest[]) =>
  requests
    .filter((request) => request.method !== 'GET' && !request.path.endsWith('/oauth2/token'))
    .map((request) => `${request.method} ${request.path}`);

describe('jobtop cancel, delete and retry', () => {
  let clock = Date.now();
  let fleet: DemoFleet;
  let config: string;
  let alteryx: AlteryxSimulator;
  let osapi: OsapiSimulator;
  let mcrit: McritSimulator;
  const allRequests = () => Object.values(fleet.servers).flatMap((server) => server.requests);
  const alteryxJob = (status: 'Queued' | 'Running' | 'Completed', submittedBy = 'Priya Raman') =>
    alteryx.inject({ status, submittedBy, disposition: 'Success', workflowName: 'Daily Sales.yxmd' });
  const failedOsapiJob = () =>
    osapi.inject({ agents: [{ host: 'web-01', outcome: 'failed', error: 'exit status 1' }] });

  beforeAll(async () => {
    fleet = await startDemoFleet({
      vendors: ['alteryx', 'osapi', 'mcrit'],
      now: () => clock,
      tickMs: 0,
      arrivals: false,
    });
    alteryx = fleet.servers.alteryx.simulator as AlteryxSimulator;
    osapi = fleet.servers.osapi.simulator as OsapiSimulator;
    mcrit = fleet.servers.mcrit.simulator as McritSimulator;
    config = writeConfig({ sources: fleet.sources });
  });
  afterAll(() => fleet.close());
  beforeEach(() => {
    for (const server of Object.values(fleet.servers)) server.clearRequests();
  });

  it('refuses without --yes when stdin is not a terminal, before contacting any server', async () => {
    const job = alteryxJob('Running');
    const result = await runCli(['cancel', `demo-alteryx/${job.id}`, '--config', config]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      'jobtop: not cancelled: stdin is not a terminal, so jobtop cannot ask for confirmation. Pass --yes to cancel without asking. Nothing was sent.\n',
    );
    expect(allRequests()).toEqual([]);
    expect(alteryx.jobs.find((candidate) => candidate.id === job.id)?.status).toBe('Running');
  });

  it('sends nothing at all with --readonly, or to a source configured readonly: true', async () => {
    const job = alteryxJob('Running');
    const flagged = await runCli(['cancel', `demo-alteryx/${job.id}`, '--yes', '--readonly', '--config', config]);
    expect(flagged).toMatchObject({
      code: 9,
      stdout: '',
      stderr: `jobtop: demo-alteryx/${job.id}: not cancelled: demo-alteryx is read-only: actions are off and nothing is sent\n`,
    });
    const readonlyConfig = writeConfig({
      sources: fleet.sources.map((source) => (source.type === 'osapi' ? { ...source, readonly: true } : source)),
    });
    const configured = await runCli(['delete', `demo-osapi/${failedOsapiJob()}`, '--yes', '--config', readonlyConfig]);
    expect(configured.code).toBe(9);
    expect(configured.stderr).toMatch(/not deleted: demo-osapi is read-only: actions are off and nothing is sent\n$/);
    expect(allRequests()).toEqual([]);
  });

  it('reports an Alteryx queued job as deleted and a running one as cancelled, one DELETE each', async () => {
    const queued = alteryxJob('Queued');
    const running = alteryxJob('Running');
    const result = await runCli([
      'cancel',
      `demo-alteryx/${queued.id}`,
      `demo-alteryx/${running.id}`,
      '--yes',
      '--config',
      config,
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      `demo-alteryx/${queued.id} deleted: Deleted Successfully.\ndemo-alteryx/${running.id} cancelled: Cancelled Successfully.\n`,
    );
    expect(result.code).toBe(0);
    const deletes = fleet.servers.alteryx.requests.filter((request) => request.method === 'DELETE');
    expect(deletes.map((request) => request.path).sort()).toEqual(
      [`/webapi/v3/jobs/${queued.id}`, `/webapi/v3/jobs/${running.id}`].sort(),
    );
    for (const request of deletes) expect(request.headers.authorization).toMatch(/^Bearer [0-9a-f]{48}$/);
    expect(alteryx.jobs.some((candidate) => candidate.id === queued.id)).toBe(false);
    expect(alteryx.jobs.find((candidate) => candidate.id === running.id)?.status).toBe('Cancelled');
  });

  it('refuses a finished job with the source’s rule and sends nothing', async () => {
    const done = alteryxJob('Completed');
    const result = await runCli(['cancel', `demo-alteryx/${done.id}`, '--yes', '--config', config]);
    expect(result).toMatchObject({ code: 9, stdout: '' });
    expect(result.stderr).toBe(
      `jobtop: demo-alteryx/${done.id}: not cancelled: only Queued or Running jobs can be cancelled; this one is Completed/Success (nothing was sent)\n`,
    );
    expect(mutating(fleet.servers.alteryx.requests)).toEqual([]);
  });

  it('shows the server’s own message when it refuses (Alteryx permission, OSAPI missing job:write)', async () => {
    const payroll = alteryxJob('Running', ALTERYX_PROTECTED_OWNER);
    const alteryxRefusal = await runCli(['cancel', `demo-alteryx/${payroll.id}`, '--yes', '--config', config]);
    expect(alteryxRefusal.code).toBe(9);
    expect(alteryxRefusal.stderr).toBe(
      `jobtop: demo-alteryx/${payroll.id}: not cancelled: demo-alteryx: cancel refused (HTTP 400): You do not have permission to cancel this job. (DELETE /webapi/v3/jobs/${payroll.id})\n`,
    );
    expect(mutating(fleet.servers.alteryx.requests)).toEqual([`DELETE /webapi/v3/jobs/${payroll.id}`]);

    const readToken = osapi.mintToken({ roles: ['read'] });
    const readerConfig = writeConfig({
      sources: fleet.sources.map((source) => (source.type === 'osapi' ? { ...source, token: readToken } : source)),
    });
    const id = failedOsapiJob();
    const deleted = await runCli(['delete', `demo-osapi/${id}`, '--yes', '--config', readerConfig]);
    expect(deleted.code).toBe(9);
    expect(deleted.stderr).toContain(
      `jobtop: demo-osapi/${id}: not deleted: demo-osapi: 403 forbidden: Insufficient permissions. Required: [job:write], resolved: map[`,
    );
    const retried = await runCli(['retry', `demo-osapi/${id}`, '--yes', '--config', readerConfig]);
    expect(retried.code).toBe(9);
    expect(retried.stderr).toContain('403 forbidden: Insufficient permissions. Required: [job:write]');
    expect(mutating(fleet.servers.osapi.requests)).toEqual([`DELETE /api/job/${id}`, `POST /api/job/${id}/retry`]);
    expect(deleted.stderr + retried.stderr).not.toContain(readToken);
    expect(osapi.statusOf(id)).toBe('failed');
  });

  it('prints the new job of a retry, as text and as JSON', async () => {
    const id = failedOsapiJob();
    const result = await runCli(['retry', `demo-osapi/${id}`, '--yes', '--config', config]);
    expect(result.code).toBe(0);
    const match = new RegExp(
      `^demo-osapi/${id} retried as demo-osapi/([0-9a-f-]{36}): Retried as job \\1 \\(status created, revision \\d+\\)\\n$`,
    ).exec(result.stdout);
    expect(match).not.toBeNull();
    expect(osapi.statusOf(match![1])).toBeDefined();
    const again = failedOsapiJob();
    const json = JSON.parse(
      (await runCli(['retry', `demo-osapi/${again}`, '--yes', '--json', '--config', config])).stdout,
    ) as Record<string, unknown>[];
    expect(json).toEqual([
      {
        key: `demo-osapi/${again}`,
        action: 'retry',
        ok: true,
        effect: 'retried',
        message: expect.stringMatching(/^Retried as job /),
        newJobId: expect.any(String),
        newKey: `demo-osapi/${String(json[0].newJobId)}`,
        error: null,
        sent: true,
        outcome: 'done',
        note: null,
        request: `POST /job/${again}/retry`,
      },
    ]);
    expect(mutating(fleet.servers.osapi.requests)).toEqual([
      `POST /api/job/${id}/retry`,
      `POST /api/job/${again}/retry`,
    ]);
  });

  it('deletes MCRIT jobs, and says where an action is not offered or a job does not exist', async () => {
    const first = mcrit.submit({ method: 'getMatchesForSample', params: { sample_id: 1 } });
    const result = await runCli(['delete', `demo-mcrit/${first}`, '--yes', '--config', config]);
    expect(result).toMatchObject({
      code: 0,
      stdout: `demo-mcrit/${first} deleted: MCRIT deleted the job and its result (num_deleted: 1)\n`,
    });
    expect(mutating(fleet.servers.mcrit.requests)).toEqual([`DELETE /jobs/${first}`]);
    fleet.servers.mcrit.clearRequests();

    const notOffered = await runCli(['cancel', `demo-mcrit/${first}`, '--yes', '--config', config]);
    expect(notOffered).toMatchObject({
      code: 9,
      stderr: `jobtop: demo-mcrit/${first}: not cancelled: MCRIT's API has no cancel — it offers Delete (jobtop delete) (nothing was sent)\n`,
    });
    expect(allRequests()).toEqual([]);
    const missing = await runCli(['cancel', 'demo-alteryx/6b0000000000000000000000', '--yes', '--config', config]);
    expect(missing).toMatchObject({
      code: 6,
      stderr:
        'jobtop: demo-alteryx/6b0000000000000000000000: not cancelled: no such job on demo-alteryx (nothing was sent)\n',
    });
  });

  it('asks on a terminal, showing the action, source, id, type, state and consequence; No is the default', async () => {
    const id = failedOsapiJob();
    for (const answer of ['', 'n']) {
      const session = startJobtop(['retry', `demo-osapi/${id}`, '--config', config], { cols: 160, rows: 20 });
      const screen = await session.waitForScreen('Retry this job? [y/N]');
      expect(screen).toContain('Retry on demo-osapi (OSAPI: POST /job/{id}/retry):');
      expect(screen).toMatch(
        new RegExp(
          `demo-osapi/${id} {2}node\\.hostname\\.get {2}failed → retried as a new job \\(now; native: failed\\)`,
        ),
      );
      expect(screen).toContain('OSAPI submits a new job with the same operation to any one agent (_any)');
      await session.press(...answer, KEYS.enter);
      expect((await session.exited).exitCode).toBe(1);
      expect(session.screen().join('\n')).toContain('jobtop: not confirmed: nothing was retried and nothing was sent.');
    }
    expect(mutating(fleet.servers.osapi.requests)).toEqual([]);
    const yes = startJobtop(['retry', `demo-osapi/${id}`, '--config', config], { cols: 160, rows: 20 });
    await yes.waitForScreen('[y/N]');
    await yes.press('y', KEYS.enter);
    expect((await yes.exited).exitCode).toBe(0);
    expect(yes.screen().join('\n')).toMatch(new RegExp(`demo-osapi/${id} retried as demo-osapi/[0-9a-f-]{36}`));
    expect(mutating(fleet.servers.osapi.requests)).toEqual([`POST /api/job/${id}/retry`]);
  });

  it('needs "delete N" typed to delete several jobs on a terminal; y is not enough', async () => {
    const ids = [
      mcrit.submit({ method: 'getMatchesForSample', params: { sample_id: 2 } }),
      mcrit.submit({ method: 'getMatchesForSample', params: { sample_id: 3 } }),
    ];
    const keys = ids.map((id) => `demo-mcrit/${id}`);
    const refused = startJobtop(['delete', ...keys, '--config', config], { cols: 160, rows: 20 });
    await refused.waitForScreen('type "delete 2" to confirm');
    await refused.press('y', KEYS.enter);
    expect((await refused.exited).exitCode).toBe(1);
    expect(mutating(fleet.servers.mcrit.requests)).toEqual([]);
    const confirmed = startJobtop(['delete', ...keys, '--config', config], { cols: 160, rows: 20 });
    const screen = await confirmed.waitForScreen('type "delete 2" to confirm');
    expect(screen).toContain('Delete on demo-mcrit (MCRIT: DELETE /jobs/{id}):');
    expect(screen).toContain('Removes the job before it runs.');
    await confirmed.press(...'delete 2', KEYS.enter);
    expect((await confirmed.exited).exitCode).toBe(0);
    expect(mutating(fleet.servers.mcrit.requests).sort()).toEqual(ids.map((id) => `DELETE /jobs/${id}`).sort());
  });

  it("asks for the job's token (the end of its id) before an Alteryx cancel that deletes a queued job, as for a delete", async () => {
    const queued = alteryxJob('Queued');
    const session = startJobtop(['cancel', `demo-alteryx/${queued.id}`, '--config', config], { cols: 160, rows: 20 });
    const screen = await session.waitForScreen(`type "${queued.id.slice(-4)}" to confirm`);
    expect(screen).toContain('a queued job is deleted, not cancelled: it disappears from the list');
    expect(screen).toMatch(/queued → deleted \(now; native: Queued\)/);
    await session.press(...queued.id.slice(-4), KEYS.enter);
    expect((await session.exited).exitCode).toBe(0);
    expect(session.screen().join('\n')).toContain(`demo-alteryx/${queued.id} deleted: Deleted Successfully.`);
    expect(mutating(fleet.servers.alteryx.requests)).toEqual([`DELETE /webapi/v3/jobs/${queued.id}`]);
  });

  it('sends what was confirmed even when the job changed meanwhile, and shows the server’s refusal (Alteryx 400)', async () => {
    const job = alteryx.inject({
      status: 'Running',
      disposition: 'Success',
      submittedBy: 'Priya Raman',
      runMs: 60_000,
    });
    const session = startJobtop(['cancel', `demo-alteryx/${job.id}`, '--config', config], { cols: 160, rows: 20 });
    const screen = await session.waitForScreen('Cancel this job? [y/N]');
    expect(screen).toMatch(
      new RegExp(`demo-alteryx/${job.id} {2}\\S.*\\.yx\\w+ {2}running → cancelled \\(now; native: Running\\)`),
    );
    expect(screen).toContain('the running job is cancelled');
    clock += 10 * 60_000;
    fleet.tick(clock);
    expect(alteryx.jobs.find((candidate) => candidate.id === job.id)?.status).toBe('Completed');
    await session.press('y', KEYS.enter);
    expect((await session.exited).exitCode).toBe(9);
    expect(session.screen().join('\n').replace(/\n/g, '')).toContain(
      "cancel refused (HTTP 400): This job is not in 'Queued' or 'Running' state.",
    );
    expect(mutating(fleet.servers.alteryx.requests)).toEqual([`DELETE /webapi/v3/jobs/${job.id}`]);
  });
});
