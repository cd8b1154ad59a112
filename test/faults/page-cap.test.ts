/**
 * A source `limit` above what one poll's page cap (50 pages) can fetch: `jobtop list` warns on
 * stderr with how many jobs were fetched of how many asked, and `--json` carries the same in
 * `sources[].truncated`. A stub MCRIT server on 127.0.0.1 with an endless job list.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDemoServer } from '../../source/demo/kit.js';
import { MCRIT_PAGE_SIZE } from '../../source/adapters/mcrit/index.js';
import { MAX_PAGES_PER_POLL } from '../../source/adapters/paging.js';
import { startStubServer } from '../helpers/stub-server.js';
import { runCli } from '../helpers/run-cli.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';
import { writeConfig } from './harness.js';

const template = (
  JSON.parse(readFileSync(new URL('../../fixtures/mcrit/list.json', import.meta.url), 'utf8')) as {
    data: Record<string, unknown>[];
  }
).data[2];

/** What 50 pages hold. */
const CAP = MAX_PAGES_PER_POLL * MCRIT_PAGE_SIZE;
/** 49 full pages and a short 50th. */
const FINITE_JOBS = CAP - MCRIT_PAGE_SIZE / 2;

describe('a limit above the page cap', () => {
  let server: RunningDemoServer;
  beforeAll(async () => {
    server = await startStubServer((request) => {
      // why: /endless serves jobs for ever; /finite ends with a short 50th page (the cap reached the end).
      const list = /^\/(endless|finite)\/jobs$/.exec(request.path);
      if (!list) return { status: 404, json: { status: 'failed', data: null } };
      const start = Number(request.query.get('start') ?? 0);
      const size = Number(request.query.get('limit') ?? 100);
      const count = list[1] === 'finite' ? Math.max(0, Math.min(size, FINITE_JOBS - start)) : size;
      const data = Array.from({ length: count }, (_, index) => ({
        ...template,
        _id: { $oid: (start + index).toString(16).padStart(24, '0') },
      }));
      return { status: 200, json: { status: 'successful', data } };
    });
  });
  afterAll(() => server.close());

  it('warns with how many jobs were fetched of how many asked; --json says the same', async () => {
    const asked = CAP + 1000;
    const config = writeConfig({
      sources: [{ name: 'big', type: 'mcrit', url: `${server.url}/endless`, apiToken: 'stub-token', limit: asked }],
    });
    const result = await runCli(['list', '--json', '--config', config], NO_PROXY_ENV);
    const reason = `a poll fetches at most 50 pages; lower limit to ${CAP} or less`;
    expect(result.stderr).toContain(`jobtop: big: warning: fetched ${CAP} of the ${asked} jobs asked for (${reason})`);
    const body = JSON.parse(result.stdout) as { jobs: unknown[]; sources: { truncated: unknown }[] };
    expect(body.jobs).toHaveLength(CAP);
    expect(body.sources[0].truncated).toEqual({ asked, fetched: CAP, reason });
    expect(result.code).toBe(0);
  });

  it('says nothing of the cap when the 50th page was the server’s last', async () => {
    const config = writeConfig({
      sources: [{ name: 'big', type: 'mcrit', url: `${server.url}/finite`, apiToken: 'stub-token', limit: CAP + 1000 }],
    });
    const result = await runCli(['list', '--json', '--config', config], NO_PROXY_ENV);
    expect(result.stderr).toBe('');
    const body = JSON.parse(result.stdout) as { jobs: unknown[]; sources: { truncated: unknown }[] };
    expect(body.jobs).toHaveLength(FINITE_JOBS);
    expect(body.sources[0].truncated).toBeNull();
    expect(result.code).toBe(0);
  });

  it('a limit within the cap fetches it all without a warning', async () => {
    const config = writeConfig({
      sources: [{ name: 'big', type: 'mcrit', url: `${server.url}/endless`, apiToken: 'stub-token', limit: 450 }],
    });
    const result = await runCli(['list', '--json', '--config', config], NO_PROXY_ENV);
    expect(result.stderr).toBe('');
    expect(
      (JSON.parse(result.stdout) as { jobs: unknown[]; sources: { truncated: unknown }[] }).sources[0].truncated,
    ).toBeNull();
    expect(result.code).toBe(0);
  });
});
