import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { signOsapiDemoToken } from '../../source/demo/osapi-server.js';
import { runCli } from '../helpers/run-cli.js';
import { temporaryDirectory, writeConfig } from '../config/config-fixtures.js';
import { NO_PROXY_ENV, closedPort } from '../transport/transport-fixtures.js';

type Report = { ok: boolean; config: string | null; sources: Record<string, unknown>[]; warnings: string[] };

describe('jobtop check', () => {
  let fleet: DemoFleet;
  let loginPage: Server;
  let loginPagePort: number;
  const byName = (name: string) => fleet.sources.find((source) => source.name === `demo-${name}`)!;

  beforeAll(async () => {
    fleet = await startDemoFleet({ arrivals: false });
    loginPage = createServer((req, res) => {
      req.resume();
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><body><form action="/login">Sign in</form></body></html>');
    });
    await new Promise<void>((resolve) => loginPage.listen(0, '127.0.0.1', () => resolve()));
    loginPagePort = (loginPage.address() as AddressInfo).port;
  });
  afterAll(async () => {
    loginPage?.closeAllConnections();
    await new Promise((resolve) => loginPage?.close(resolve));
    await fleet?.close();
  });

  const check = (config: string, ...flags: string[]) => runCli(['check', '--config', config, ...flags], NO_PROXY_ENV);
  const checkJson = async (config: string, ...flags: string[]) => {
    const result = await check(config, '--json', ...flags);
    if (!result.stdout) throw new Error(`no output; stderr: ${result.stderr}`);
    return { code: result.code, report: JSON.parse(result.stdout) as Report };
  };

  it('passes every demo source and prints an aligned table with capabilities, job counts and times', async () => {
    const result = await check(writeConfig({ sources: fleet.sources }));
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^SOURCE\s+TYPE\s+RESULT\s+REACHABLE\s+TLS\s+AUTH\s+JOBS\s+TIME\s+CAPABILITIES$/);
    // MCRIT also holds the fleet's oversized-result job; the legacy VectorCharts source keeps 8 of
    // all its jobs (its server's bare array holds every one, children spawned meanwhile included).
    const normalized = (line: string) =>
      line
        .replace(/\d+ms/, 'Nms')
        .replace(/ (\d+)\/\d+ /, ' $1/N ')
        .replace(/\s+/g, ' ');
    expect(lines.slice(1, 7).map(normalized)).toEqual([
      'demo-vectorcharts vectorcharts ok ok http ok 40 Nms detail steps messages result stats; no actions',
      'demo-osapi osapi ok ok http ok 40 Nms detail steps messages result stats; delete retry',
      'demo-vectara vectara ok ok http ok 40 Nms detail; no actions',
      'demo-mcrit mcrit ok ok http ok 41 Nms detail messages result stats; delete',
      'demo-alteryx alteryx ok ok http ok 40 Nms detail messages stats; cancel',
      'demo-legacy-vectorcharts vectorcharts ok ok http ok 8/N Nms detail steps messages result stats; no actions',
    ]);
    const column = lines[0].indexOf('RESULT');
    for (const row of lines.slice(1, 7)) expect(row.slice(column, column + 2)).toBe('ok');
    expect(lines).toContain('All 6 sources passed.');
  });

  it('reports the same as JSON, with the OSAPI token expiry from its exp claim', async () => {
    const { code, report } = await checkJson(writeConfig({ sources: fleet.sources }));
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(
      report.sources.map((source) => [
        source.name,
        source.ok,
        source.reachable,
        source.tls,
        source.authenticated,
        source.jobs,
      ]),
    ).toEqual(
      [
        ['demo-vectorcharts', 40],
        ['demo-osapi', 40],
        ['demo-vectara', 40],
        ['demo-mcrit', 41],
        ['demo-alteryx', 40],
        ['demo-legacy-vectorcharts', 8],
      ].map(([name, jobs]) => [name, true, 'ok', 'n/a', 'ok', jobs]),
    );
    const token = String(byName('osapi').token);
    const exp = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp;
    expect(report.sources[1]).toMatchObject({
      tokenExpiresAt: new Date(exp * 1000).toISOString(),
      actions: ['delete', 'retry'],
      warnings: [],
    });
    expect(
      report.sources.every(
        (source) => typeof source.elapsedMs === 'number' && source.error === null && source.hint === null,
      ),
    ).toBe(true);
  });

  it('shows read-only sources without actions', async () => {
    const { report } = await checkJson(writeConfig({ sources: [byName('osapi')] }), '--readonly');
    expect(report.sources[0]).toMatchObject({ ok: true, readonly: true, actions: [] });
    expect((await check(writeConfig({ sources: [byName('osapi')] }), '--readonly')).stdout).toMatch(
      /detail steps messages result stats; read-only/,
    );
  });

  it('gives a specific hint for each kind of failure and exit code 2, while healthy sources still pass', async () => {
    const alteryxRoot = String(byName('alteryx').url).replace(/\/webapi$/, '');
    const expiredToken = signOsapiDemoToken({ expiresInSeconds: -3 * 86_400 });
    const config = writeConfig({
      sources: [
        byName('mcrit'),
        { name: 'refused', type: 'mcrit', url: `http://127.0.0.1:${await closedPort()}` },
        { name: 'login-page', type: 'osapi', url: `http://127.0.0.1:${loginPagePort}`, token: 'x.y.z' },
        { ...byName('alteryx'), name: 'wrong-secret', clientSecret: 'not-the-secret' },
        { ...byName('alteryx'), name: 'no-webapi', url: alteryxRoot },
        { ...byName('vectorcharts'), name: 'wrong-password', password: 'not-the-password' },
        { ...byName('osapi'), name: 'expired', token: expiredToken },
        { name: 'no-token', type: 'mcrit', url: byName('mcrit').url },
        { ...byName('vectara'), name: 'wrong-key', apiKey: 'zut_not_a_key' },
      ],
    });
    const { code, report } = await checkJson(config);
    expect(code).toBe(2);
    expect(report.ok).toBe(false);
    const hints = Object.fromEntries(report.sources.map((source) => [source.name, source.hint]));
    expect(hints).toEqual({
      'demo-mcrit': null,
      refused: 'connection refused: is the url/port right?',
      'login-page': 'HTML instead of JSON: the url probably points at a web UI or login page',
      'wrong-secret': '400 from alteryx: token request rejected; check clientId/clientSecret',
      'no-webapi': '404 from alteryx: the API is not at this url; url must end in /webapi (e.g. https://host/webapi)',
      'wrong-password': '401 from vectorcharts: login rejected; check username/password',
      expired:
        '401 from osapi: token rejected (expired, or signed with another key); mint a new one with `osapi token generate`',
      'no-token': "401 from mcrit: the server requires a token: set apiToken to the server's AUTH_TOKEN",
      'wrong-key': '401 from vectara: x-api-key rejected; check apiKey and customerId',
    });
    const steps = Object.fromEntries(
      report.sources.map((source) => [source.name, [source.reachable, source.authenticated]]),
    );
    expect(steps).toMatchObject({
      'demo-mcrit': ['ok', 'ok'],
      refused: ['failed', 'skipped'],
      'login-page': ['ok', 'skipped'],
      'wrong-secret': ['ok', 'failed'],
      expired: ['ok', 'failed'],
    });
    expect(report.sources.find((source) => source.name === 'expired')!.warnings).toEqual([
      expect.stringMatching(
        /^the OSAPI token expired \d{4}-\d\d-\d\d \d\d:\d\d UTC \(3 days ago\): mint a new one with `osapi token generate`$/,
      ),
    ]);
    const text = await check(config);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain(
      'wrong-secret: FAILED: 400 from alteryx: token request rejected; check clientId/clientSecret\n  wrong-secret: token request rejected (HTTP 400): invalid_client (POST /webapi/oauth2/token)',
    );
    expect(text.stdout).toContain('1 of 9 sources passed.');
  });

  it('warns a week before the OSAPI token expires and about a readable file with an inline secret, without failing', async () => {
    const soon = signOsapiDemoToken({ expiresInSeconds: 3 * 86_400 + 3600 });
    const path = writeConfig({ sources: [{ ...byName('osapi'), token: soon }] }, { mode: 0o644 });
    const result = await check(path);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^demo-osapi: token expires \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 3 days\)$/m);
    expect(result.stdout).toMatch(
      /^demo-osapi: warning: the OSAPI token expires \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 3 days\): mint a new one/m,
    );
    expect(result.stdout).toContain(
      `warning: ${path}:5: sources[0].token: the file holds a secret and is readable by others (mode 644): run chmod 600 ${path}`,
    );
    expect(result.stdout).not.toContain(soon);
  });

  it('exits 1 with file, line and field on a config error, probing nothing', async () => {
    fleet.servers.mcrit.clearRequests();
    const path = writeConfig(
      `sources:\n  - name: m\n    type: mcrit\n    url: ${String(byName('mcrit').url)}\n    limt: 5\n`,
    );
    const result = await check(path);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `jobtop: ${path}:5: sources[0].limt: unknown key, did you mean limit? (expected one of name, type, url, caFile, insecure, priorityMap, interval, timeout, connectTimeout, limit, concurrency, readonly, maxBodySize, commandTimeout, labels, apiToken, apiTokenCommand)\n`,
    );
    expect(fleet.servers.mcrit.requests).toEqual([]);
  });

  it('finds the config by --config, then $JOBTOP_CONFIG, then $XDG_CONFIG_HOME, then ~/.config', async () => {
    const home = temporaryDirectory();
    const xdg = join(home, 'xdg');
    const place = (dir: string, name: string) => {
      mkdirSync(dir, { recursive: true });
      return writeConfig({ sources: [{ ...byName('mcrit'), name }] }, { dir });
    };
    place(join(home, '.config', 'jobtop'), 'from-home');
    place(join(xdg, 'jobtop'), 'from-xdg');
    const fromEnv = place(join(home, 'env'), 'from-env');
    const fromFlag = place(join(home, 'flag'), 'from-flag');
    const nameFound = async (args: string[], env: Record<string, string | undefined>) => {
      const result = await runCli(['check', '--json', ...args], { ...NO_PROXY_ENV, HOME: home, ...env });
      return (JSON.parse(result.stdout) as Report).sources[0].name;
    };
    expect(await nameFound(['--config', fromFlag], { JOBTOP_CONFIG: fromEnv, XDG_CONFIG_HOME: xdg })).toBe('from-flag');
    expect(await nameFound([], { JOBTOP_CONFIG: fromEnv, XDG_CONFIG_HOME: xdg })).toBe('from-env');
    expect(await nameFound([], { XDG_CONFIG_HOME: xdg })).toBe('from-xdg');
    expect(await nameFound([], { XDG_CONFIG_HOME: undefined })).toBe('from-home');
  });

  it('exits 1 when there is no config file at all', async () => {
    const result = await runCli(['check'], NO_PROXY_ENV);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^jobtop: no config file found .* run jobtop init, or use --demo/);
  });

  it('checks the embedded demo fleet with --demo', async () => {
    const result = await runCli(['check', '--demo', '--json'], NO_PROXY_ENV);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Report).config).toBeNull();
  });
});
