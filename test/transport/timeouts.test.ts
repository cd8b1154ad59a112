import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { writeConfig } from '../config/config-fixtures.js';
import {
  NO_PROXY_ENV,
  startRecordingProxy,
  startSilentServer,
  startStallingServer,
  type Listening,
} from './transport-fixtures.js';

/** Per-source connect and whole-request timeouts, against a server that accepts connections and never answers. */
describe('per-source timeouts', () => {
  let silent: Listening;
  let stalling: Listening;
  let proxy: Listening;

  beforeAll(async () => {
    silent = await startSilentServer();
    stalling = await startStallingServer();
    proxy = await startRecordingProxy();
  });
  afterAll(async () => {
    await silent?.close();
    await stalling?.close();
    await proxy?.close();
  });

  const check = async (entry: Record<string, unknown>, env: Record<string, string | undefined> = {}) => {
    const result = await runCli(
      ['check', '--json', '--config', writeConfig({ sources: [{ name: 'slow', type: 'mcrit', ...entry }] })],
      { ...NO_PROXY_ENV, ...env },
    );
    if (!result.stdout) throw new Error(result.stderr);
    return {
      code: result.code,
      source: (JSON.parse(result.stdout) as { sources: Record<string, unknown>[] }).sources[0],
    };
  };

  it('gives up on a TLS handshake that never completes after connectTimeout', async () => {
    const { code, source } = await check({
      url: `https://127.0.0.1:${silent.port}`,
      connectTimeout: '300ms',
      timeout: '20s',
    });
    expect(code).toBe(2);
    expect(source).toMatchObject({
      reachable: 'failed',
      error: { kind: 'timeout', short: 'connect timeout' },
      hint: 'no connection within connectTimeout (300ms): a firewall may drop the packets, or the host needs a proxy (HTTPS_PROXY)',
    });
  });

  it('gives up on a server that never answers after the whole-request timeout', async () => {
    const { source } = await check({ url: `http://127.0.0.1:${silent.port}`, timeout: '300ms' });
    expect(source).toMatchObject({
      reachable: 'ok',
      authenticated: 'skipped',
      error: { kind: 'timeout', short: 'timeout' },
      hint: 'no answer within timeout (300ms): the server is overloaded or a proxy holds the request; raise timeout or lower limit',
    });
  });

  it('gives up on a body that stops half-way after the whole-request timeout', async () => {
    const { source } = await check({ url: `http://127.0.0.1:${stalling.port}`, timeout: '300ms' });
    expect(source).toMatchObject({ error: { kind: 'timeout', short: 'timeout' } });
  });

  it('applies connectTimeout to the TLS handshake inside a proxy tunnel too', async () => {
    // why 5s: undici's own default for the tunnelled handshake is 10s, so without the per-source
    // setting reaching it, the whole-request timeout would end this first, as a plain "timeout".
    const { source } = await check(
      { url: `https://127.0.0.1:${silent.port}`, connectTimeout: '300ms', timeout: '5s' },
      { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` },
    );
    expect(source).toMatchObject({
      error: { kind: 'timeout', short: 'connect timeout' },
      proxy: `http://127.0.0.1:${proxy.port}`,
    });
  });
});
