/**
 * A token or login response cut off mid-token (the demo fault "truncated") must not put any part
 * of the new token in an error: not on stderr, not in `list --json`, not in `check` or `check --json`.
 * Every vendor that obtains a token at run time: VectorCharts' login, Alteryx's and Vectara's OAuth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VECTARA_DEMO_CLIENT_ID, VECTARA_DEMO_CLIENT_SECRET } from '../../source/demo/vectara-server.js';
import { runCli } from '../helpers/run-cli.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';
import { startStillFleet, writeConfig } from '../faults/harness.js';
import type { DemoFleet } from '../../source/demo/fleet.js';

/** The demo tokens are hex (48 digits) or `eyJ.demo-N.<hex>`: any run of 12 hex digits would be a piece of one. */
const TOKEN_PIECE = /[0-9a-f]{12,}/;

describe('a token response cut off mid-token', () => {
  let fleet: DemoFleet;
  beforeAll(async () => {
    fleet = await startStillFleet({ vendors: ['vectorcharts', 'alteryx', 'vectara'], seed: 11 });
    for (const server of Object.values(fleet.servers)) await server.setFault('truncated');
  });
  afterAll(() => fleet.close());

  const entries = () => ({
    vectorcharts: fleet.sources.find((source) => source.type === 'vectorcharts')!,
    alteryx: fleet.sources.find((source) => source.type === 'alteryx')!,
    vectara: {
      ...fleet.sources.find((source) => source.type === 'vectara')!,
      apiKey: undefined,
      clientId: VECTARA_DEMO_CLIENT_ID,
      clientSecret: VECTARA_DEMO_CLIENT_SECRET,
    },
  });

  it.each(['vectorcharts', 'alteryx', 'vectara'] as const)(
    '%s: list, list --json, check and check --json name the failure without a piece of the token',
    async (vendor) => {
      const entry = Object.fromEntries(Object.entries(entries()[vendor]).filter(([, value]) => value !== undefined));
      const config = writeConfig({ timeout: '15s', sources: [entry] });
      const runs = await Promise.all([
        runCli(['list', '--config', config], NO_PROXY_ENV),
        runCli(['list', '--json', '--config', config], NO_PROXY_ENV),
        runCli(['check', '--config', config], NO_PROXY_ENV),
        runCli(['check', '--json', '--config', config], NO_PROXY_ENV),
      ]);
      const [list, listJson] = runs;
      expect(list.code).toBe(2);
      expect(list.stderr).toMatch(/invalid JSON|unexpected (login|response)|no .access_token/);
      const error = (JSON.parse(listJson.stdout) as { sources: { error: string }[] }).sources[0].error;
      if (vendor !== 'vectara') {
        // The excerpt is still there, with the credential's value taken out.
        expect(error).toContain('body starts');
        expect(error.replaceAll('\\"', '"')).toMatch(
          vendor === 'alteryx' ? /"access_token":"\*\*\*/ : /"token":\{"id":"\*\*\*/,
        );
      }
      for (const run of runs) {
        expect(run.stdout + run.stderr).not.toMatch(TOKEN_PIECE);
      }
    },
  );
});
