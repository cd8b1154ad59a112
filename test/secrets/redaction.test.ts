import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { ALTERYX_DEMO_CLIENT_ID, ALTERYX_DEMO_CLIENT_SECRET } from '../../source/demo/alteryx-server.js';
import { MCRIT_DEMO_TOKEN } from '../../source/demo/mcrit-server.js';
import { signOsapiDemoToken } from '../../source/demo/osapi-server.js';
import { VECTARA_DEMO_CLIENT_ID, VECTARA_DEMO_CLIENT_SECRET } from '../../source/demo/vectara-server.js';
import { VECTORCHARTS_DEMO_API_TOKEN } from '../../source/demo/vectorcharts-server.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { temporaryDirectory, writeConfig } from '../config/config-fixtures.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';

/** Credentials of the sources whose server echoes them back in its error bodies. */
const ECHOED = {
  mcrit: 'mcrit-echo-secret-5521',
  osapi: 'osapi.echo-secret.7731',
  vectara: 'vectara-echo-secret-9901',
  alteryx: 'alteryx-echo-secret-3310',
  vectorcharts: 'vc-echo-password-4410',
};

/** A hostile or careless server: every error body quotes the credential it was sent. */
function echoingServer(): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const sent = `${String(req.headers.authorization ?? '')} ${String(req.headers.apitoken ?? '')} ${body}`;
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const path = req.url ?? '';
      if (path.startsWith('/mcrit/'))
        return json(401, { title: 'Authentication required', description: `token ${sent} is not valid` });
      if (path.startsWith('/osapi/')) return json(403, { message: `token ${sent} lacks job:read` });
      if (path.startsWith('/vectara/'))
        return json(400, { error: 'invalid_client', error_description: `unknown client: ${decodeURIComponent(sent)}` });
      if (path.startsWith('/alteryx/')) return json(401, { message: `rejected ${decodeURIComponent(sent)}` });
      if (path.startsWith('/charts/'))
        return res.writeHead(500, { 'content-type': 'text/plain' }).end(`login failed for ${sent}`);
      res.writeHead(404).end();
    });
  });
}

describe('secrets never appear in any output', () => {
  let fleet: DemoFleet;
  let echo: Server;
  let config: string;
  const env = {
    ...NO_PROXY_ENV,
    VC_TOKEN: VECTORCHARTS_DEMO_API_TOKEN,
    MCRIT_TOKEN: MCRIT_DEMO_TOKEN,
    ALTERYX_SECRET: ALTERYX_DEMO_CLIENT_SECRET,
    ECHO_MCRIT: ECHOED.mcrit,
  };
  const jwt = signOsapiDemoToken();

  beforeAll(async () => {
    fleet = await startDemoFleet();
    echo = echoingServer();
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
    const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'osapi.jwt'), jwt);
    config = writeConfig(
      {
        sources: [
          { name: 'charts', type: 'vectorcharts', url: fleet.servers.vectorcharts.url, token: '${VC_TOKEN}' },
          { name: 'ops', type: 'osapi', url: fleet.servers.osapi.url, tokenCommand: 'cat osapi.jwt' },
          {
            name: 'search',
            type: 'vectara',
            url: fleet.servers.vectara.url,
            clientId: VECTARA_DEMO_CLIENT_ID,
            clientSecret: VECTARA_DEMO_CLIENT_SECRET,
          },
          { name: 'malware', type: 'mcrit', url: fleet.servers.mcrit.url, apiToken: '${MCRIT_TOKEN}' },
          {
            name: 'analytics',
            type: 'alteryx',
            url: fleet.servers.alteryx.url,
            clientId: ALTERYX_DEMO_CLIENT_ID,
            clientSecret: '${ALTERYX_SECRET}',
          },
          { name: 'echo-mcrit', type: 'mcrit', url: `${echoUrl}/mcrit`, apiToken: '${ECHO_MCRIT}' },
          { name: 'echo-osapi', type: 'osapi', url: `${echoUrl}/osapi`, tokenCommand: `echo ${ECHOED.osapi}` },
          {
            name: 'echo-vectara',
            type: 'vectara',
            url: `${echoUrl}/vectara`,
            clientId: 'app',
            clientSecret: ECHOED.vectara,
          },
          {
            name: 'echo-alteryx',
            type: 'alteryx',
            url: `${echoUrl}/alteryx`,
            clientId: 'key',
            clientSecret: ECHOED.alteryx,
          },
          {
            name: 'echo-charts',
            type: 'vectorcharts',
            url: `${echoUrl}/charts`,
            username: 'ops',
            password: ECHOED.vectorcharts,
          },
        ],
      },
      { dir },
    );
  });
  afterAll(async () => {
    echo?.closeAllConnections();
    await new Promise((resolve) => echo?.close(resolve));
    await fleet?.close();
  });

  /** Every credential in play: configured ones and the tokens the servers issued during the runs. */
  const secrets = () => {
    const issued = Object.values(fleet.servers)
      .flatMap((server) => server.requests.map((request) => request.headers.authorization))
      .filter((value): value is string => typeof value === 'string' && value.startsWith('Bearer '))
      .map((value) => value.slice(7));
    return [
      ...new Set([
        VECTORCHARTS_DEMO_API_TOKEN,
        jwt,
        VECTARA_DEMO_CLIENT_SECRET,
        MCRIT_DEMO_TOKEN,
        ALTERYX_DEMO_CLIENT_SECRET,
        ...Object.values(ECHOED),
        ...issued,
      ]),
    ];
  };

  it.each([
    ['list', ['list']],
    ['list --json --raw', ['list', '--json', '--raw']],
    ['check', ['check']],
    ['check --json', ['check', '--json']],
  ])('jobtop %s prints no credential on stdout or stderr, even the ones a server echoed back', async (_name, args) => {
    const result: CliResult = await runCli([...args, '--config', config], env);
    expect(result.code).toBe(2);
    const output = `${result.stdout}\n${result.stderr}`;
    const known = secrets();
    expect(known.length).toBeGreaterThan(Object.keys(ECHOED).length + 5);
    for (const secret of known) expect(output, `leaked ${secret.slice(0, 6)}…`).not.toContain(secret);
    // The echoed errors did reach the output, with the credential replaced.
    for (const name of ['echo-mcrit', 'echo-osapi', 'echo-vectara', 'echo-alteryx', 'echo-charts'])
      expect(output).toMatch(new RegExp(`${name}: .*\\*\\*\\*`));
  });
});
