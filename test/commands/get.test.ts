/**
 * `jobtop get SOURCE/ID` as the built CLI, against demo simulators holding jobs the test put
 * there: readable text and exact JSON, missing jobs, dead sources, hostile strings, and a run
 * in a real pseudo-terminal.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import type { AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import type { OsapiSimulator } from '../../source/demo/osapi-server.js';
import type { VectorChartsSimulator } from '../../source/demo/vectorcharts-server.js';
import { runCli } from '../helpers/run-cli.js';
import { startJobtop } from '../helpers/terminal.js';

const writeConfig = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'jobtop-get-')), 'config.yaml');
  writeFileSync(path, stringify(content), { mode: 0o600 });
  return path;
};

describe('jobtop get', () => {
  const now = Date.now();
  let fleet: DemoFleet;
  let config: string;
  let failedId: string;
  let alteryxId: string;
  let parentId: string;
  let childId: string;

  beforeAll(async () => {
    fleet = await startDemoFleet({ vendors: ['osapi', 'alteryx', 'vectorcharts'], now: () => now, tickMs: 0 });
    const osapi = fleet.servers.osapi.simulator as OsapiSimulator;
    failedId = osapi.inject({
      createdAt: now - 120_000,
      operation: { type: 'network.ping.do', data: { address: '10.0.4.12' } },
      agents: [{ host: 'web-02', outcome: 'failed', error: 'ping: 100% packet loss to 10.0.4.12', durationMs: 5300 }],
    });
    const alteryx = fleet.servers.alteryx.simulator as AlteryxSimulator;
    alteryxId = alteryx.inject({
      status: 'Completed',
      disposition: 'Success',
      workflowName: 'Nasty \x1b]52;c;cHduZWQ=\x07\x1b[2J\u202Ename.yxmd',
      submittedBy: 'Priya Raman',
    }).id;
    const charts = fleet.servers.vectorcharts.simulator as VectorChartsSimulator;
    parentId = charts.insertJob({
      jobType: 'refresh-public-charts',
      jobState: 'running',
      createdAt: now - 5000,
      updatedAt: now - 1000,
    }).id;
    childId = charts.insertJob({
      jobType: 'clear-tiles',
      jobState: 'pending',
      parentJobId: parentId,
      createdAt: now - 4000,
      updatedAt: now - 4000,
    }).id;
    config = writeConfig({ sources: fleet.sources });
  });
  afterAll(() => fleet.close());

  it('prints the fields, steps, messages and result of a job as text', async () => {
    const result = await runCli(['get', `demo-osapi/${failedId}`, '--config', config]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text.split('\n')[0]).toBe(`demo-osapi/${failedId}`);
    expect(text).toMatch(/^Source {5}demo-osapi \(OSAPI\)$/m);
    expect(text).toMatch(/^Type {7}network\.ping\.do$/m);
    expect(text).toMatch(/^State {6}✖ failed {2}\(native: failed\)$/m);
    expect(text).toMatch(/^Host {7}web-02$/m);
    expect(text).toMatch(/^Error {6}ping: 100% packet loss to 10\.0\.4\.12$/m);
    expect(text).toMatch(
      /^Steps \(1\)\n {2}STATE\s+NAME\s+STATUS\s+ATTEMPT\s+HOST\s+STARTED\s+DURATION\s+ERROR\n {2}✖ failed\s+web-02\s+failed\s+web-02\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+5\.3s\s+ping: 100% packet loss to 10\.0\.4\.12$/m,
    );
    expect(text).toMatch(/^Messages \(4\)$/m);
    expect(text).toMatch(
      /^ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}error {4}\[web-02\] Job failed on web-02: ping: 100% packet loss to 10\.0\.4\.12$/m,
    );
    expect(text).toContain('Result\n  {\n');
    expect(text).toContain('"error": "ping: 100% packet loss to 10.0.4.12"');
  });

  it('refuses --result for a source whose jobs have no result value, writing nothing (exit 9)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jobtop-get-')), 'result.json');
    const result = await runCli(['get', `demo-alteryx/${alteryxId}`, '--result', file, '--config', config]);
    expect(result.code).toBe(9);
    expect(result.stderr).toBe(
      `jobtop: demo-alteryx/${alteryxId}: Alteryx jobs have no result value to save; jobtop get demo-alteryx/${alteryxId} shows what the job has\n`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('prints the same job as exact JSON with steps, messages and result', async () => {
    const result = await runCli(['get', `demo-osapi/${failedId}`, '--json', '--config', config]);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as Record<string, unknown> & {
      steps: Record<string, unknown>[];
      messages: { level: string; text: string }[];
      result: { responses: Record<string, unknown> };
    };
    expect(body).toMatchObject({
      key: `demo-osapi/${failedId}`,
      state: 'failed',
      nativeState: 'failed',
      type: 'network.ping.do',
      host: 'web-02',
      error: 'ping: 100% packet loss to 10.0.4.12',
      outputs: null,
      childIds: [],
    });
    expect(body.steps).toEqual([
      expect.objectContaining({
        name: 'web-02',
        state: 'failed',
        host: 'web-02',
        durationMs: 5300,
        error: 'ping: 100% packet loss to 10.0.4.12',
      }),
    ]);
    expect(body.messages.map((message) => message.level)).toEqual(['info', 'info', 'info', 'error']);
    expect(Object.keys(body.result.responses)).toEqual(['web-02']);
    expect(body).not.toHaveProperty('raw');
    const raw = JSON.parse(
      (await runCli(['get', `demo-osapi/${failedId}`, '--json', '--raw', '--config', config])).stdout,
    ) as { raw: { id: string } };
    expect(raw.raw.id).toBe(failedId);
  });

  it('says which tabs a source cannot fill, and sanitizes what the server sent while --json keeps it exact', async () => {
    const text = await runCli(['get', `demo-alteryx/${alteryxId}`, '--config', config]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'Steps\n  Alteryx Server has no per-job steps; the engine messages name the tools instead\n',
    );
    expect(text.stdout).toContain(
      'Result\n  Alteryx jobs have no result value; the files they wrote are listed as outputs\n',
    );
    expect(text.stdout).toMatch(/^Outputs \(1\)\n {2}\S+ {2}\(\w+, \w+\) {2}id [0-9a-f]{24}$/m);
    expect(text.stdout).toMatch(/^State {6}✔ succeeded {2}\(native: Completed\/Success\)$/m);
    expect(text.stdout).not.toMatch(/[\x1b\x07\u202E]/);
    expect(text.stdout).toMatch(/^Type {7}Nasty ⇄name\.yxmd$/m);
    const json = JSON.parse(
      (await runCli(['get', `demo-alteryx/${alteryxId}`, '--json', '--config', config])).stdout,
    ) as { type: string };
    expect(json.type).toBe('Nasty \x1b]52;c;cHduZWQ=\x07\x1b[2J\u202Ename.yxmd');
  });

  it('lists the children of a VectorCharts job, as the detail view does', async () => {
    const result = await runCli(['get', `demo-vectorcharts/${parentId}`, '--config', config]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Children {3}demo-vectorcharts/${childId}$`, 'm'));
    const child = await runCli(['get', `demo-vectorcharts/${childId}`, '--json', '--config', config]);
    expect(JSON.parse(child.stdout)).toMatchObject({ parentId, childIds: [] });
  });

  it('exits 6 for a job that does not exist, with the reason on stderr and nothing on stdout', async () => {
    const missing = await runCli(['get', 'demo-osapi/00000000-0000-4000-8000-000000000000', '--config', config]);
    expect(missing).toMatchObject({
      code: 6,
      stdout: '',
      stderr: 'jobtop: demo-osapi/00000000-0000-4000-8000-000000000000: no such job on demo-osapi\n',
    });
    const malformed = await runCli(['get', 'demo-osapi/not-a-uuid', '--config', config]);
    expect(malformed.code).toBe(6);
    expect(malformed.stderr).toMatch(
      /^jobtop: demo-osapi\/not-a-uuid: no such job \(demo-osapi: HTTP 400: Invalid format for parameter id/,
    );
  });

  it('exits 7 when the job’s source cannot be reached, and 1 for an unknown source or a malformed argument', async () => {
    const dead = writeConfig({
      sources: [
        ...fleet.sources,
        {
          name: 'dead',
          type: 'alteryx',
          url: 'http://127.0.0.1:9/webapi',
          clientId: 'k',
          clientSecret: 's3cret-value',
        },
      ],
    });
    const unreachable = await runCli(['get', 'dead/6b02a6008fae84857b4cc02c', '--config', dead]);
    expect(unreachable.code).toBe(7);
    expect(unreachable.stderr).toMatch(/^jobtop: dead: connection refused/);
    expect(unreachable.stderr).not.toContain('s3cret-value');
    expect(await runCli(['get', 'nowhere/1', '--config', config])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        `jobtop: no source named "nowhere" in ${config} (sources: demo-osapi, demo-alteryx, demo-vectorcharts, demo-legacy-vectorcharts)`,
      ),
    });
    expect(await runCli(['get', 'no-slash', '--config', config])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('"no-slash" is not SOURCE/ID'),
    });
    expect(await runCli(['get', 'a/1', 'b/2', '--config', config])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('get takes one job as SOURCE/ID, got 2'),
    });
  });

  it('prints the job on a terminal too', async () => {
    const session = startJobtop(['get', `demo-osapi/${failedId}`, '--config', config], { cols: 100, rows: 60 });
    expect((await session.exited).exitCode).toBe(0);
    const screen = await session.waitForScreen('Messages (4)');
    expect(screen).toContain(`demo-osapi/${failedId}`);
    expect(screen).toMatch(/State {6}✖ failed/);
  });
});
