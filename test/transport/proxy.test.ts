import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { runCli } from '../helpers/run-cli.js';
import { temporaryDirectory, writeConfig } from '../config/config-fixtures.js';
import {
  NO_PROXY_ENV,
  createTestPki,
  startRecordingProxy,
  startTlsFront,
  type Listening,
  type TestPki,
} from './transport-fixtures.js';

describe('HTTP_PROXY, HTTPS_PROXY and NO_PROXY', () => {
  let fleet: DemoFleet;
  let proxy: Listening & { requests: Awaited<ReturnType<typeof startRecordingProxy>>['requests'] };
  let pki: TestPki;
  let front: Listening;
  let source: Record<string, unknown>;

  beforeAll(async () => {
    fleet = await startDemoFleet({ vendors: ['osapi'], arrivals: false });
    proxy = await startRecordingProxy();
    pki = createTestPki(temporaryDirectory('jobtop-pki-'));
    front = await startTlsFront(fleet.servers.osapi.url, pki.issue('server', 'IP:127.0.0.1'));
    source = fleet.sources[0];
  });
  afterAll(async () => {
    await front?.close();
    await proxy?.close();
    await fleet?.close();
  });
  beforeEach(() => {
    proxy.requests.length = 0;
    fleet.servers.osapi.clearRequests();
  });

  const check = async (entry: Record<string, unknown>, env: Record<string, string | undefined>) => {
    const result = await runCli(['check', '--json', '--config', writeConfig({ sources: [entry] })], {
      ...NO_PROXY_ENV,
      ...env,
    });
    return {
      code: result.code,
      source: (JSON.parse(result.stdout) as { sources: Record<string, unknown>[] }).sources[0],
    };
  };

  it('sends requests for an http url through HTTP_PROXY, as a tunnel the proxy cannot read the token in', async () => {
    const port = new URL(String(source.url)).port;
    const { code, source: result } = await check(source, { HTTP_PROXY: `http://127.0.0.1:${proxy.port}` });
    expect(code).toBe(0);
    expect(result).toMatchObject({ ok: true, jobs: 40, proxy: `http://127.0.0.1:${proxy.port}` });
    expect(proxy.requests.map((request) => [request.method, request.target])).toEqual([
      ['CONNECT', `127.0.0.1:${port}`],
    ]);
    expect(JSON.stringify(proxy.requests)).not.toContain(String(source.token));
    expect(fleet.servers.osapi.requests.length).toBeGreaterThan(0);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const { code, source: result } = await check(source, {
      HTTP_PROXY: `http://127.0.0.1:${proxy.port}`,
      NO_PROXY: 'localhost,127.0.0.1',
    });
    expect(code).toBe(0);
    expect(result).toMatchObject({ ok: true, proxy: null });
    expect(proxy.requests).toEqual([]);
    expect(fleet.servers.osapi.requests.length).toBeGreaterThan(0);
  });

  it('tunnels an https url through HTTPS_PROXY and still verifies the server certificate against caFile', async () => {
    const secure = { ...source, url: `https://127.0.0.1:${front.port}` };
    const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` };
    const trusted = await check({ ...secure, caFile: pki.caFile }, env);
    expect(trusted).toMatchObject({ code: 0, source: { ok: true, tls: 'ok', jobs: 40 } });
    expect(proxy.requests.map((request) => [request.method, request.target])).toEqual([
      ['CONNECT', `127.0.0.1:${front.port}`],
    ]);
    const untrusted = await check(secure, env);
    expect(untrusted).toMatchObject({
      code: 2,
      source: { tls: 'failed', error: { short: 'TLS: certificate not trusted' } },
    });
  });

  it('reports a proxy that is down as a failure of that source, naming the proxy without its password', async () => {
    const entry = writeConfig({ sources: [source] });
    const env = { ...NO_PROXY_ENV, HTTP_PROXY: 'http://ops:proxy-pass-8812@127.0.0.1:1' };
    const json = await runCli(['check', '--json', '--config', entry], env);
    const text = await runCli(['check', '--config', entry], env);
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as { sources: unknown[] }).sources[0]).toMatchObject({
      ok: false,
      reachable: 'failed',
      proxy: 'http://127.0.0.1:1',
      hint: 'connection refused: is the url/port right? (requests go through the proxy http://127.0.0.1:1: is it up? does NO_PROXY need this host?)',
    });
    expect(text.stdout).toContain(`${String(source.name)}: via proxy http://127.0.0.1:1`);
    expect(json.stdout + json.stderr + text.stdout + text.stderr).not.toContain('proxy-pass-8812');
    expect(fleet.servers.osapi.requests).toEqual([]);
  });
});
