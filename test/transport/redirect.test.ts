import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { writeConfig } from '../config/config-fixtures.js';
import { NO_PROXY_ENV } from './transport-fixtures.js';

async function start(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A redirect must not carry credentials to another host: jobtop does not follow it at all. */
describe('redirects', () => {
  const elsewhere: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];
  let other: { server: Server; port: number };
  let redirecting: { server: Server; port: number };

  beforeAll(async () => {
    other = await start((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        elsewhere.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    redirecting = await start((req, res) => {
      req.resume();
      const status = req.method === 'POST' ? 307 : 302;
      res.writeHead(status, { location: `http://localhost:${other.port}${req.url}?session=abc123` }).end();
    });
  });
  afterAll(async () => {
    for (const { server } of [other, redirecting]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports a 302 on a read and a 307 on the token request without following either', async () => {
    const url = `http://127.0.0.1:${redirecting.port}`;
    const config = writeConfig({
      sources: [
        { name: 'moved-mcrit', type: 'mcrit', url, apiToken: 'mcrit-token-77aa' },
        {
          name: 'moved-alteryx',
          type: 'alteryx',
          url: `${url}/webapi`,
          clientId: 'key',
          clientSecret: 'alteryx-secret-99bb',
        },
      ],
    });
    const result = await runCli(['check', '--json', '--config', config], NO_PROXY_ENV);
    expect(result.code).toBe(2);
    const [mcrit, alteryx] = (JSON.parse(result.stdout) as { sources: Record<string, unknown>[] }).sources;
    expect(mcrit).toMatchObject({
      error: { kind: 'http', short: 'HTTP 302 redirect', status: 302 },
      hint: '302 from mcrit: a redirect; set url to the address it points at (jobtop does not follow redirects)',
    });
    expect((mcrit.error as { message: string }).message).toBe(
      `moved-mcrit: HTTP 302 redirect: to http://localhost:${other.port}/jobs; jobtop does not follow redirects (credentials would go along): set url to the final address (GET /jobs)`,
    );
    expect(alteryx).toMatchObject({ error: { kind: 'http', short: 'HTTP 307 redirect', status: 307 } });
    expect((alteryx.error as { message: string }).message).toContain(
      `to http://localhost:${other.port}/webapi/oauth2/token; jobtop does not follow redirects`,
    );
    expect(elsewhere).toEqual([]);
    expect(result.stdout + result.stderr).not.toMatch(/mcrit-token-77aa|alteryx-secret-99bb|abc123/);
  });
});
