import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { ALTERYX_DEMO_CLIENT_ID, ALTERYX_DEMO_CLIENT_SECRET } from '../../source/demo/alteryx-server.js';
import { MCRIT_DEMO_TOKEN } from '../../source/demo/mcrit-server.js';
import { signOsapiDemoToken } from '../../source/demo/osapi-server.js';
import {
  VECTARA_DEMO_API_KEY,
  VECTARA_DEMO_CLIENT_ID,
  VECTARA_DEMO_CLIENT_SECRET,
  VECTARA_DEMO_CUSTOMER_ID,
} from '../../source/demo/vectara-server.js';
import {
  VECTORCHARTS_DEMO_API_TOKEN,
  VECTORCHARTS_DEMO_PASSWORD,
  VECTORCHARTS_DEMO_USERNAME,
} from '../../source/demo/vectorcharts-server.js';
import { runCli } from '../helpers/run-cli.js';
import { temporaryDirectory, writeConfig } from '../config/config-fixtures.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';

/** Every vendor's auth flow, configured as an operator would (env vars, credential commands), checked by the built CLI. */
describe('jobtop check: each vendor authentication against the demo fleet', () => {
  let fleet: DemoFleet;
  beforeAll(async () => {
    fleet = await startDemoFleet({ arrivals: false });
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it("authenticates every configured flow and sends each credential only to its own source's host", async () => {
    const dir = temporaryDirectory();
    const jwt = signOsapiDemoToken({ roles: ['read'] });
    writeFileSync(join(dir, 'osapi.jwt'), `${jwt}\n`);
    const url = (vendor: keyof DemoFleet['servers']) => fleet.servers[vendor].url;
    const config = writeConfig(
      {
        sources: [
          { name: 'vc-token', type: 'vectorcharts', url: url('vectorcharts'), token: '${VC_TOKEN}' },
          {
            name: 'vc-login',
            type: 'vectorcharts',
            url: url('vectorcharts'),
            username: VECTORCHARTS_DEMO_USERNAME,
            passwordCommand: `printf '%s\\n' ${VECTORCHARTS_DEMO_PASSWORD}`,
          },
          { name: 'osapi-jwt', type: 'osapi', url: url('osapi'), tokenCommand: 'cat osapi.jwt', readonly: true },
          { name: 'vectara-key', type: 'vectara', url: url('vectara'), apiKey: '${VECTARA_KEY}' },
          {
            name: 'vectara-oauth',
            type: 'vectara',
            url: url('vectara'),
            clientId: VECTARA_DEMO_CLIENT_ID,
            clientSecret: '${VECTARA_SECRET}',
          },
          {
            name: 'vectara-v1',
            type: 'vectara',
            url: url('vectara'),
            apiVersion: 'v1',
            customerId: VECTARA_DEMO_CUSTOMER_ID,
            apiKey: '${VECTARA_KEY}',
          },
          { name: 'mcrit-token', type: 'mcrit', url: url('mcrit'), apiToken: '${MCRIT_TOKEN}' },
          {
            name: 'alteryx-oauth',
            type: 'alteryx',
            url: url('alteryx'),
            clientId: ALTERYX_DEMO_CLIENT_ID,
            clientSecretCommand: 'printf "%s" "$ALTERYX_SECRET_FOR_HELPER"',
          },
        ],
      },
      { dir },
    );
    for (const server of Object.values(fleet.servers)) server.clearRequests();
    const env = {
      ...NO_PROXY_ENV,
      VC_TOKEN: VECTORCHARTS_DEMO_API_TOKEN,
      VECTARA_KEY: VECTARA_DEMO_API_KEY,
      VECTARA_SECRET: VECTARA_DEMO_CLIENT_SECRET,
      MCRIT_TOKEN: MCRIT_DEMO_TOKEN,
      ALTERYX_SECRET_FOR_HELPER: ALTERYX_DEMO_CLIENT_SECRET,
    };
    const result = await runCli(['check', '--json', '--config', config], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { sources: Record<string, unknown>[] };
    expect(report.sources.map((source) => [source.name, source.authenticated, source.jobs])).toEqual([
      ['vc-token', 'ok', 40],
      ['vc-login', 'ok', 40],
      ['osapi-jwt', 'ok', 40],
      ['vectara-key', 'ok', 40],
      ['vectara-oauth', 'ok', 40],
      ['vectara-v1', 'ok', 40],
      ['mcrit-token', 'ok', 41], // the demo MCRIT also holds its oversized-result job
      ['alteryx-oauth', 'ok', 40],
    ]);
    expect(report.sources[3].warnings).toEqual([]);
    expect(report.sources[5].warnings).toEqual(['Vectara retired the v1 API on 2025-08-16: move to apiVersion: v2']);

    const requests = (vendor: keyof DemoFleet['servers']) =>
      fleet.servers[vendor].requests.map((request) => ({ ...request, line: `${request.method} ${request.path}` }));
    // VectorCharts: the API token as Bearer, and a login whose session token is then used.
    const charts = requests('vectorcharts');
    expect(
      charts
        .filter((request) => request.line === 'POST /api/portal/v1/auth/login')
        .map((request) => JSON.parse(request.body)),
    ).toEqual([{ username: 'admin', password: 'admin' }]);
    expect(charts.some((request) => request.headers.authorization === `Bearer ${VECTORCHARTS_DEMO_API_TOKEN}`)).toBe(
      true,
    );
    // OSAPI: the JWT the command printed, without its newline.
    expect(requests('osapi').every((request) => request.headers.authorization === `Bearer ${jwt}`)).toBe(true);
    // Vectara: x-api-key on v2, customer-id + key on v1, and the OAuth token fetched from the source's own host.
    const vectara = requests('vectara');
    const tokenRequests = vectara.filter((request) => request.line === 'POST /oauth2/token');
    expect(tokenRequests.map((request) => Object.fromEntries(new URLSearchParams(request.body)))).toEqual([
      {
        grant_type: 'client_credentials',
        client_id: VECTARA_DEMO_CLIENT_ID,
        client_secret: VECTARA_DEMO_CLIENT_SECRET,
      },
    ]);
    expect(
      vectara.some(
        (request) =>
          request.line === 'GET /v2/jobs' && /^Bearer eyJ\.demo-/.test(String(request.headers.authorization)),
      ),
    ).toBe(true);
    expect(
      vectara.some(
        (request) =>
          request.line === 'POST /v1/list-jobs' &&
          request.headers['customer-id'] === VECTARA_DEMO_CUSTOMER_ID &&
          request.headers['x-api-key'] === VECTARA_DEMO_API_KEY,
      ),
    ).toBe(true);
    // MCRIT: the apitoken header; Alteryx: a client-credentials token, then Bearer.
    expect(requests('mcrit').every((request) => request.headers.apitoken === MCRIT_DEMO_TOKEN)).toBe(true);
    const alteryx = requests('alteryx');
    expect(alteryx[0].line).toBe('POST /webapi/oauth2/token');
    expect(alteryx[0].headers.authorization).toBe(
      `Basic ${Buffer.from(`${ALTERYX_DEMO_CLIENT_ID}:${ALTERYX_DEMO_CLIENT_SECRET}`).toString('base64')}`,
    );
    expect(alteryx.slice(1).every((request) => /^Bearer [0-9a-f]+$/.test(String(request.headers.authorization)))).toBe(
      true,
    );
    // No server saw another vendor's credential.
    const credentials: Record<string, string[]> = {
      vectorcharts: [VECTORCHARTS_DEMO_API_TOKEN],
      osapi: [jwt],
      vectara: [VECTARA_DEMO_API_KEY, VECTARA_DEMO_CLIENT_SECRET],
      mcrit: [MCRIT_DEMO_TOKEN],
      alteryx: [ALTERYX_DEMO_CLIENT_SECRET],
    };
    for (const [vendor, server] of Object.entries(fleet.servers)) {
      const seen = JSON.stringify(server.requests);
      for (const [owner, secrets] of Object.entries(credentials))
        if (owner !== vendor)
          for (const secret of secrets) expect(seen, `${owner} secret at ${vendor}`).not.toContain(secret);
    }
  });
});
