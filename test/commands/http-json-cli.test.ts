import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { runCli } from '../helpers/run-cli.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';

const RECIPE = new URL('../../examples/sources/osapi.yaml', import.meta.url).pathname;

describe('the CLI with a declared (http-json) source', () => {
  let fleet: DemoFleet;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    fleet = await startDemoFleet({ tickMs: 0, arrivals: false, vendors: ['osapi'] });
    const entry = fleet.sources[0] as { url: string; token: string };
    env = { ...NO_PROXY_ENV, OSAPI_URL: entry.url, OSAPI_TOKEN: entry.token };
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it('lists its jobs as JSON with the source typed http-json and no warnings, the token nowhere', async () => {
    const result = await runCli(['list', '--config', RECIPE, '--json'], env);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as {
      jobs: { key: string; vendor: string; state: string }[];
      sources: Record<string, unknown>[];
    };
    expect(body.sources).toEqual([
      expect.objectContaining({ name: 'osapi-declared', type: 'http-json', ok: true, jobCount: 40, warnings: [] }),
    ]);
    expect(body.jobs.every((job) => job.vendor === 'http-json' && job.key.startsWith('osapi-declared/'))).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(env.OSAPI_TOKEN!);
  });

  it('shows one job through the declared detail endpoint', async () => {
    const list = JSON.parse((await runCli(['list', '--config', RECIPE, '--json'], env)).stdout) as {
      jobs: { key: string; type: string }[];
    };
    const result = await runCli(['get', list.jobs[0].key, '--config', RECIPE], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(list.jobs[0].type);
    expect(result.stdout).toContain('HTTP JSON');
  });
});
