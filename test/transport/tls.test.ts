import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { runCli } from '../helpers/run-cli.js';
import { temporaryDirectory, writeConfig } from '../config/config-fixtures.js';
import { NO_PROXY_ENV, createTestPki, startTlsFront, type Listening, type TestPki } from './transport-fixtures.js';

/** TLS against a CA generated for the test: verification on by default, caFile, insecure, host names. */
describe('TLS with a self-signed company CA', () => {
  let fleet: DemoFleet;
  let pki: TestPki;
  let front: Listening;
  let wrongName: Listening;
  let source: Record<string, unknown>;

  beforeAll(async () => {
    fleet = await startDemoFleet({ vendors: ['mcrit'], arrivals: false });
    pki = createTestPki(temporaryDirectory('jobtop-pki-'));
    front = await startTlsFront(fleet.servers.mcrit.url, pki.issue('server', 'IP:127.0.0.1,DNS:localhost'));
    wrongName = await startTlsFront(fleet.servers.mcrit.url, pki.issue('other', 'DNS:jobs.other.example'));
    source = { ...fleet.sources[0], name: 'secure-mcrit', url: `https://127.0.0.1:${front.port}` };
  });
  afterAll(async () => {
    await front?.close();
    await wrongName?.close();
    await fleet?.close();
  });

  const check = async (entry: Record<string, unknown>, dir = temporaryDirectory()) => {
    fleet.servers.mcrit.clearRequests();
    const result = await runCli(
      ['check', '--json', '--config', writeConfig({ sources: [entry] }, { dir })],
      NO_PROXY_ENV,
    );
    return { ...result, report: JSON.parse(result.stdout) as { ok: boolean; sources: Record<string, unknown>[] } };
  };

  it('refuses a certificate from an unknown CA by default, before any credential is sent', async () => {
    const { code, report } = await check(source);
    expect(code).toBe(2);
    expect(report.sources[0]).toMatchObject({
      ok: false,
      reachable: 'ok',
      tls: 'failed',
      authenticated: 'skipped',
      error: { kind: 'tls', short: 'TLS: certificate not trusted' },
      hint: 'TLS: certificate not trusted; set caFile or check the host name',
    });
    expect(fleet.servers.mcrit.requests).toEqual([]);
  });

  it('trusts the server with caFile (relative to the config file) and lists its jobs', async () => {
    const { code, report } = await check({ ...source, caFile: 'ca.pem' }, pki.dir);
    expect(code).toBe(0);
    expect(report.sources[0]).toMatchObject({
      ok: true,
      reachable: 'ok',
      tls: 'ok',
      authenticated: 'ok',
      jobs: 41, // the demo MCRIT's 40 jobs and its oversized-result job
      insecure: false,
      warnings: [],
    });
    expect(fleet.servers.mcrit.requests.map((request) => request.path)).toContain('/jobs');
  });

  it('works with insecure: true and warns about it', async () => {
    const { code, report, stdout } = await check({ ...source, insecure: true });
    expect(code).toBe(0);
    expect(report.sources[0]).toMatchObject({
      ok: true,
      tls: 'ok',
      insecure: true,
      warnings: ['insecure: true: the TLS certificate is not verified, so anyone in between can read the credentials'],
    });
    const text = await runCli(
      ['check', '--config', writeConfig({ sources: [{ ...source, insecure: true }] })],
      NO_PROXY_ENV,
    );
    expect(text.stdout).toContain('secure-mcrit: warning: insecure: true: the TLS certificate is not verified');
    expect(stdout).not.toContain(String(source.apiToken));
  });

  it('names a certificate issued for another host name', async () => {
    const { code, report } = await check({ ...source, url: `https://127.0.0.1:${wrongName.port}`, caFile: pki.caFile });
    expect(code).toBe(2);
    expect(report.sources[0]).toMatchObject({
      tls: 'failed',
      error: { short: 'TLS: certificate is for another host name' },
      hint: "TLS: certificate is for another host name; use the name on the certificate in url (or check caFile's CA)",
    });
    expect(String((report.sources[0].error as { message: string }).message)).toContain('jobs.other.example');
  });

  it('says when an https url points at a plain-HTTP port', async () => {
    const { report } = await check({
      ...source,
      url: fleet.servers.mcrit.url.replace('http:', 'https:'),
      caFile: pki.caFile,
    });
    expect(report.sources[0]).toMatchObject({
      tls: 'failed',
      error: { short: 'TLS handshake failed' },
      hint: 'TLS handshake failed: does the port speak HTTPS? (use http:// for a plain-HTTP port)',
    });
  });

  it('lets list read through caFile too', async () => {
    const result = await runCli(
      ['list', '--json', '--config', writeConfig(stringify({ sources: [{ ...source, caFile: pki.caFile }] }))],
      NO_PROXY_ENV,
    );
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { jobs: unknown[] }).jobs).toHaveLength(41);
  });
});
