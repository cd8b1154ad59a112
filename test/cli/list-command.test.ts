/**
 * `jobtop list` as a script sees it: the built CLI as a child process without a TTY.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { runCli } from '../helpers/run-cli.js';

const writeConfig = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'jobtop-config-')), 'config.yaml');
  writeFileSync(path, typeof content === 'string' ? content : stringify(content), { mode: 0o600 });
  return path;
};

describe('jobtop list', () => {
  let fleet: DemoFleet;
  let htmlServer: Server;
  let htmlUrl: string;

  beforeAll(async () => {
    fleet = await startDemoFleet({ vendors: ['osapi', 'mcrit'] });
    htmlServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Please log in</body></html>');
    });
    await new Promise<void>((resolve) => htmlServer.listen(0, '127.0.0.1', resolve));
    htmlUrl = `http://127.0.0.1:${(htmlServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await fleet.close();
    htmlServer.close();
  });

  it('prints jobs from all five demo vendors and the legacy VectorCharts server as JSON and exits 0', async () => {
    const result = await runCli(['--demo', 'list', '--json']);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { jobs: Record<string, unknown>[]; sources: Record<string, unknown>[] };
    expect(body.sources.map((source) => [source.name, source.type, source.ok, source.error])).toEqual([
      ['demo-vectorcharts', 'vectorcharts', true, null],
      ['demo-osapi', 'osapi', true, null],
      ['demo-vectara', 'vectara', true, null],
      ['demo-mcrit', 'mcrit', true, null],
      ['demo-alteryx', 'alteryx', true, null],
      ['demo-legacy-vectorcharts', 'vectorcharts', true, null],
    ]);
    expect(new Set(body.jobs.map((job) => job.vendor))).toEqual(
      new Set(['vectorcharts', 'osapi', 'vectara', 'mcrit', 'alteryx']),
    );
    const job = body.jobs[0];
    for (const field of [
      'source',
      'id',
      'key',
      'type',
      'state',
      'nativeState',
      'priority',
      'progress',
      'createdAt',
      'startedAt',
      'finishedAt',
    ])
      expect(job).toHaveProperty(field);
    expect(job.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(job).not.toHaveProperty('raw');
    // why: the demo plays non-app workflows whose detail answers 404: only those may stay unknown, and they say why.
    expect(
      body.jobs.filter(
        (j) =>
          j.vendor === 'alteryx' &&
          j.state === 'unknown' &&
          j.error !== 'outcome unknown: the server has no detail for this job',
      ),
    ).toEqual([]);
  });

  it('includes the vendor record only with --raw', async () => {
    const result = await runCli(['--demo', 'list', '--json', '--raw']);
    const body = JSON.parse(result.stdout) as { jobs: { vendor: string; raw: Record<string, unknown> }[] };
    expect(body.jobs.find((job) => job.vendor === 'mcrit')?.raw._id).toHaveProperty('$oid');
  });

  it('exits 2 when a source fails, naming it on stderr and in sources, and still prints the others', async () => {
    const config = writeConfig({
      sources: [
        ...fleet.sources,
        { name: 'login-page', type: 'mcrit', url: htmlUrl },
        { name: 'nobody-home', type: 'vectara', url: 'http://127.0.0.1:9', apiKey: 'k-123456' },
      ],
    });
    const result = await runCli(['list', '--json', '--config', config]);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as {
      jobs: { source: string }[];
      sources: { name: string; ok: boolean; error: string | null }[];
    };
    expect(new Set(body.jobs.map((job) => job.source))).toEqual(new Set(['demo-osapi', 'demo-mcrit']));
    expect(body.sources.find((source) => source.name === 'login-page')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^login-page: HTML instead of JSON/),
    });
    expect(body.sources.find((source) => source.name === 'nobody-home')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^nobody-home: connection refused/),
    });
    expect(result.stderr).toContain('jobtop: login-page: HTML instead of JSON');
    expect(result.stderr).toContain('jobtop: nobody-home: connection refused');
  });

  it('never prints a credential, even when the server echoes it back', async () => {
    const config = writeConfig({
      sources: [
        { name: 'echo', type: 'vectara', url: 'http://127.0.0.1:9', apiKey: 'super-secret-key-42' },
        ...fleet.sources,
      ],
    });
    const result = await runCli(['list', '--json', '--config', config]);
    expect(result.stdout + result.stderr).not.toContain('super-secret-key-42');
    const osapiToken = String((fleet.sources.find((source) => source.type === 'osapi') as { token: string }).token);
    expect(result.stdout + result.stderr).not.toContain(osapiToken);
  });

  it('prints an aligned table without --json', async () => {
    const result = await runCli(['--demo', 'list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^STATE\s+SOURCE\s+TYPE\s+ID\s+PRIO\s+PROG\s+CREATED$/);
    expect(lines.length).toBeGreaterThan(100);
    const sourceColumn = lines[0].indexOf('SOURCE');
    for (const line of lines.slice(1)) expect(line.slice(sourceColumn)).toMatch(/^demo-/);
  });

  it('exits 1 naming the file, line and field of a broken config', async () => {
    const config = writeConfig('sources:\n  - name: x\n    type: jenkins\n    url: http://h\n');
    const result = await runCli(['list', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `jobtop: ${config}:3: sources[0].type: expected one of vectorcharts, osapi, vectara, mcrit, alteryx, http-json, got "jenkins"\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('exits 1 on an unknown flag or command, and when no config exists for list', async () => {
    expect(await runCli(['list', '--jsn'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown option --jsn'),
    });
    expect(await runCli(['lst'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown command "lst", did you mean list?'),
    });
    expect(await runCli(['list'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no config file found') });
  });

  it('finds the config through JOBTOP_CONFIG', async () => {
    const config = writeConfig({ sources: fleet.sources });
    const result = await runCli(['list', '--json'], { JOBTOP_CONFIG: config });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).sources).toHaveLength(2);
  });
});
