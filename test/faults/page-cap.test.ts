/**
 * A source `limit` above what one poll's page cap (50 pages) can fetch: `jobtop list` warns on
 * stderr with how many jobs were fetched of how many asked, and `--json` carries the same in
 * `sources[].truncated`. A stub MCRIT server on 127.0.0.1 with an endless job list.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDemoServer } from '../../source/demo/kit.js';
import { startStubServer } from '../helpers/stub-server.js';
import { runCli } from '../helpers/run-cli.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';
import { writeConfig } from './harness.js';

const template = (
  JSON.parse(readFileSync(new URL('../../fixtures/mcrit/list.json', import.meta.url), 'utf8')) as {
    data: Record<string, unknown>[];
  }
).data[2];

describe('a limit above the page cap', () => {
  let server: RunningDemoServer;
  beforeAll(async () => {
    server = await startStubServer((request) => {
      if (request.path === '/jobs/stats') return { status: 404, json: { status: 'failed', data: null } };
      if (request.path !== '/jobs') return { status: 404, json: { status: 'failed', data: null } };
      const start = Number(request.query.get('start') ?? 0);
      const size = Number(request.query.get('limit') ?? 100);
      const data = Array.from({ length: size }, (_, index) => ({
        ...template,
        _id: { $oid: (start + index).toString(16).padStart(24, '0') },
      }));
      return { status: 200, json: { status: 'successful', data } };
    });
  });
  afterAll(() => server.close());

  it('warns with how many jobs were fetched of how many asked; --json says the same', async () => {
    const config = writeConfig({
      sources: [{ name: 'big', type: 'mcrit', url: server.url, apiToken: 'stub-token', limit: 6000 }],
    });
    const result = await runCli(['list', '--json', '--config', config], NO_PROXY_ENV);
    expect(result.stderr).toContain(
      'jobtop: big: warning: fetched 5000 of the 6000 jobs asked for (a poll fetches at most 50 pages; lower limit to 5000 or less)',
    );
    const body = JSON.parse(result.stdout) as { jobs: unknown[]; sources: { truncated: unknown }[] };
    expect(body.jobs).toHaveLength(5000);
    expect(body.sources[0].truncated).toEqual({
      asked: 6000,
      fetched: 5000,
      reason: 'a poll fetches at most 50 pages; lower limit to 5000 or less',
    });
    expect(result.code).toBe(0);
  });

  it('a limit within the cap fetches it all without a warning', async () => {
    const config = writeConfig({
      sources: [{ name: 'big', type: 'mcrit', url: server.url, apiToken: 'stub-token', limit: 450 }],
    });
    const result = await runCli(['list', '--json', '--config', config], NO_PROXY_ENV);
    expect(result.stderr).toBe('');
    expect(
      (JSON.parse(result.stdout) as { jobs: unknown[]; sources: { truncated: unknown }[] }).sources[0].truncated,
    ).toBeNull();
    expect(result.code).toBe(0);
  });
});
