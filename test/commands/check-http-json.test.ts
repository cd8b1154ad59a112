import { afterEach, describe, expect, it } from 'vitest';
import type { RunningDemoServer } from '../../source/demo/kit.js';
import { startStubServer } from '../helpers/stub-server.js';
import { runCli } from '../helpers/run-cli.js';
import { writeConfig } from '../config/config-fixtures.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';

let server: RunningDemoServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const config = (url: string) => `sources:
  - name: ci
    type: http-json
    url: ${url}
    headers: {Authorization: "Bearer \${CI_TOKEN}"}
    list:
      path: /api/jobs
      items: data.jobs
    fields:
      id: id
      type: name
      state: status
      created: created_at
      owner: user.login
      progress: "progress * \`100\`"
    states:
      running: [running]
      succeeded: [success]
`;

describe('jobtop check on an http-json source', () => {
  it('prints the first item with each declared field resolved, and the fields that did not resolve as warnings', async () => {
    server = await startStubServer(() => ({
      status: 200,
      json: {
        data: {
          jobs: [
            { id: 41, name: 'build', status: 'running', created_at: 1772445600, progress: 0.5 },
            { id: 40, name: 'test', status: 'paused', created_at: '2026-03-02T09:00:00Z', progress: 1 },
          ],
        },
      },
    }));
    const path = writeConfig(config(server.url));
    const result = await runCli(['check', '--config', path], { ...NO_PROXY_ENV, CI_TOKEN: 'ci-token-secret-42' });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const first = lines.indexOf('ci: first item ci/41, field by field:');
    expect(first).toBeGreaterThan(0);
    expect(lines.slice(first + 1, first + 7)).toEqual([
      '  id        id                → 41',
      '  type      name              → "build"',
      '  state     status            → "running"',
      '  created   created_at        → 1772445600  (reads as 2026-03-02T10:00:00.000Z)',
      '  progress  progress * `100`  → 50',
      '  owner     user.login        → nothing (did not resolve)',
    ]);
    expect(result.stdout).toContain(
      'ci: warning: states: "paused" is not declared under states (1 of 2 items shown as unknown)',
    );
    expect(result.stdout).not.toContain('ci-token-secret-42');
  });

  it('names the expression when the items are not an array', async () => {
    server = await startStubServer(() => ({ status: 200, json: { data: { jobs: { id: 1 } } } }));
    const result = await runCli(['check', '--config', writeConfig(config(server.url)), '--json'], {
      ...NO_PROXY_ENV,
      CI_TOKEN: 'ci-token-secret-42',
    });
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { sources: { error: { message: string } }[] };
    expect(report.sources[0].error.message).toBe(
      'ci: unexpected response shape: list.items (data.jobs): expected an array of jobs, got an object with keys id (GET /api/jobs)',
    );
  });
});
