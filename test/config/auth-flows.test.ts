import { afterEach, describe, expect, it } from 'vitest';
import { createSource, type SourceSpec } from '../../source/adapters/registry.js';
import type { JobSource } from '../../source/adapters/contract.js';
import { loadConfigFile } from '../../source/config/load-config.js';
import {
  ALTERYX_DEMO_CLIENT_ID,
  ALTERYX_DEMO_CLIENT_SECRET,
  createAlteryxSimulator,
} from '../../source/demo/alteryx-server.js';
import { startDemoServer, type RunningDemoServer } from '../../source/demo/kit.js';
import { createVectorChartsSimulator } from '../../source/demo/vectorcharts-server.js';
import { writeConfig } from './config-fixtures.js';

/**
 * Session renewal from a loaded config file (credentials from a command, as operators set them
 * up) against the real simulators: VectorCharts logs in again once after its session is revoked,
 * Alteryx renews its token before expiry and once after a 401.
 */
describe('auth renewal from a config file', () => {
  const opened: { server: RunningDemoServer; source: JobSource }[] = [];
  afterEach(async () => {
    for (const { server, source } of opened.splice(0)) {
      await source.close();
      await server.close();
    }
  });
  const env = { PATH: process.env.PATH };

  it('logs in to VectorCharts again once when the session is revoked, with the password from passwordCommand', async () => {
    const simulator = createVectorChartsSimulator({ arrivals: false });
    const server = await startDemoServer(simulator);
    const config = loadConfigFile(
      writeConfig({
        sources: [
          { name: 'charts', type: 'vectorcharts', url: server.url, username: 'admin', passwordCommand: 'echo admin' },
        ],
      }),
      env,
    );
    const source = createSource(config.sources[0].spec);
    opened.push({ server, source });
    const logins = () => server.requests.filter((request) => request.path === '/api/portal/v1/auth/login').length;

    expect((await source.list()).jobs).toHaveLength(40);
    expect((await source.list()).jobs).toHaveLength(40);
    expect(logins()).toBe(1);
    simulator.revokeSessions();
    expect((await source.list()).jobs).toHaveLength(40);
    expect(logins()).toBe(2);
    const lists = server.requests.filter((request) => request.path === '/api/portal/v1/jobs');
    expect(lists.map((request) => request.headers.authorization)).toEqual([
      lists[0].headers.authorization,
      lists[0].headers.authorization,
      lists[0].headers.authorization,
      lists[3].headers.authorization,
    ]);
    expect(lists[3].headers.authorization).not.toBe(lists[0].headers.authorization);
  });

  it('renews the Alteryx token before it expires, and once more after the server revokes it', async () => {
    let now = Date.parse('2026-11-22T08:00:00Z');
    const clock = () => now;
    const simulator = createAlteryxSimulator({ now: clock, tokenLifetimeSeconds: 600, arrivals: false });
    const server = await startDemoServer(simulator, { basePath: '/webapi' });
    const config = loadConfigFile(
      writeConfig({
        sources: [
          {
            name: 'analytics',
            type: 'alteryx',
            url: server.url,
            clientId: ALTERYX_DEMO_CLIENT_ID,
            clientSecretCommand: `echo ${ALTERYX_DEMO_CLIENT_SECRET}`,
          },
        ],
      }),
      env,
    );
    // why: the adapter takes a clock for token expiry; the config cannot set one, so the test adds the simulator's.
    const source = createSource({ ...config.sources[0].spec, now: clock } as SourceSpec);
    opened.push({ server, source });
    const tokenRequests = () => server.requests.filter((request) => request.path === '/webapi/oauth2/token');
    const bearerOfLastList = () =>
      server.requests.filter((request) => request.path === '/webapi/v3/jobs').at(-1)!.headers.authorization;

    await source.list();
    const first = bearerOfLastList();
    now += 540_000 + 1000; // past the renewal point (lifetime − a tenth), still before expiry
    server.clearRequests();
    await source.list();
    expect(tokenRequests()).toHaveLength(1);
    expect(server.requests[0].path).toBe('/webapi/oauth2/token');
    expect(bearerOfLastList()).not.toBe(first);
    // why: the secret from the command goes out as HTTP Basic (id:secret), as Alteryx's own clients send it.
    expect(tokenRequests()[0].headers.authorization).toBe(
      `Basic ${Buffer.from(`${ALTERYX_DEMO_CLIENT_ID}:${ALTERYX_DEMO_CLIENT_SECRET}`).toString('base64')}`,
    );

    simulator.revokeTokens();
    server.clearRequests();
    expect((await source.list()).jobs.length).toBeGreaterThan(0);
    expect(server.requests.slice(0, 3).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /webapi/v3/jobs',
      'POST /webapi/oauth2/token',
      'GET /webapi/v3/jobs',
    ]);
  });
});
