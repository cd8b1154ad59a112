import { afterEach, describe, expect, it } from 'vitest';
import type { JobSource } from '../../../source/adapters/contract.js';
import { createSource } from '../../../source/adapters/registry.js';
import { parseConfigText } from '../../../source/config/load-config.js';
import type { RunningDemoServer } from '../../../source/demo/kit.js';
import { startStubServer, type StubAnswer } from '../../helpers/stub-server.js';

let server: RunningDemoServer | undefined;
let source: JobSource | undefined;
afterEach(async () => {
  await source?.close();
  await server?.close();
  source = server = undefined;
});

/** The example declaration of docs/http-json.md, with detail, messages and a cancel. */
const DECLARATION = (url: string) => `sources:
  - name: ci
    type: http-json
    url: ${url}
    headers: {Authorization: "Bearer {token}"}
    token: \${CI_TOKEN}
    list:
      path: /api/jobs
      query: {per_page: "{limit}", page: "{page}"}
      items: data.jobs
      paging: {kind: page, start: 1, pageSize: 100}
      total: meta.total
    fields:
      id: id
      type: name
      state: status
      created: created_at
      finished: finished_at
      progress: "progress * \`100\`"
      priority: priority
      owner: user.login
      error: error.message
      parent: parent_id
    states:
      queued: [pending, waiting]
      running: [running, in_progress]
      succeeded: [success, completed]
      failed: [failure, error]
      cancelled: [cancelled]
    detail: {path: "/api/jobs/{id}", item: job, result: output}
    messages: {path: "/api/jobs/{id}/logs", items: lines, fields: {time: ts, level: level, text: msg, origin: step}}
    actions:
      cancel: {method: POST, path: "/api/jobs/{id}/cancel", means: "stops the job; it ends cancelled", when: [queued, running]}
`;

const JOBS = [
  {
    id: 'j/2',
    name: 'deploy',
    status: 'running',
    created_at: '2026-03-02T10:00:00Z',
    progress: 0.256,
    priority: 'high',
    user: { login: 'ada' },
    parent_id: 'j/1',
  },
  {
    id: 'j/1',
    name: 'build',
    status: 'error',
    created_at: '2026-03-02T09:00:00Z',
    finished_at: '2026-03-02T09:05:00Z',
    error: { message: 'exit 2' },
    priority: 3,
  },
];

function stub(request: { method: string; path: string }): StubAnswer {
  if (request.path === '/api/jobs') return { status: 200, json: { data: { jobs: JOBS }, meta: { total: 2 } } };
  if (request.path === '/api/jobs/j%2F2')
    return { status: 200, json: { job: { ...JOBS[0], output: { url: 'https://x/y' } } } };
  if (request.path === '/api/jobs/j%2F2/logs')
    return {
      status: 200,
      json: {
        lines: [
          { ts: 1772445601, level: 'WARN', msg: 'slow disk', step: 'upload' },
          { ts: '2026-03-02T10:00:02Z', level: 'info', msg: '\u001b[31mdone' },
        ],
      },
    };
  if (request.path === '/api/jobs/j%2F2/cancel' && request.method === 'POST')
    return { status: 202, json: { accepted: true } };
  return { status: 404, json: { message: 'no such job' } };
}

describe('a declared source over HTTP', () => {
  it("reads the list, one job's detail with its declared result, and its messages", async () => {
    server = await startStubServer(stub);
    const config = parseConfigText(DECLARATION(server.url), 'jobtop.yaml', { CI_TOKEN: 'ci-token-0042' });
    source = createSource(config.sources[0].spec);
    const { jobs, total, warnings } = await source.list();
    expect(total).toBe(2);
    expect(warnings).toBeUndefined();
    expect(
      jobs.map((job) => [
        job.key,
        job.state,
        job.terminal,
        job.progress,
        job.priority,
        job.owner,
        job.parentId,
        job.error,
      ]),
    ).toEqual([
      ['ci/j/2', 'running', false, 26, { rank: 'high', value: null, label: 'high' }, 'ada', 'j/1', null],
      ['ci/j/1', 'failed', true, null, { rank: 'high', value: 3, label: '3' }, null, null, 'exit 2'],
    ]);
    expect(source.capabilities).toMatchObject({ detail: true, messages: true, result: true, steps: false });
    const detail = await source.detail('j/2');
    expect(detail).toMatchObject({ id: 'j/2', state: 'running', result: { url: 'https://x/y' }, steps: null });
    expect(detail?.messages).toEqual([
      { timestamp: 1772445601000, level: 'warning', text: 'slow disk', origin: 'upload' },
      { timestamp: Date.parse('2026-03-02T10:00:02Z'), level: 'info', text: '\u001b[31mdone', origin: null },
    ]);
    expect(await source.detail('j/9')).toBeNull();
    expect(server.requests.every((request) => request.headers.authorization === 'Bearer ci-token-0042')).toBe(true);
  });

  it('cancels once with the declared request and reports what the declaration says it does', async () => {
    server = await startStubServer(stub);
    source = createSource(
      parseConfigText(DECLARATION(server.url), 'jobtop.yaml', { CI_TOKEN: 'ci-token-0042' }).sources[0].spec,
    );
    const { jobs } = await source.list();
    expect(source.capabilities.actions.cancel?.availability(jobs[1])).toEqual({
      ok: false,
      reason: 'Cancel applies to queued or running jobs; this one is failed',
    });
    expect(await source.act('cancel', jobs[0])).toEqual({
      kind: 'cancel',
      effect: 'cancelled',
      message: 'Cancel of j/2 accepted (HTTP 202): stops the job; it ends cancelled',
    });
    expect(server.requests.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual([
      '/api/jobs/j%2F2/cancel',
    ]);
    await expect(source.act('delete', jobs[0])).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('fails the poll with the expression and the keys when the items are not an array, keeping the token out', async () => {
    server = await startStubServer(() => ({ status: 200, json: { data: { jobs: 'none' }, token: 'ci-token-0042' } }));
    source = createSource(
      parseConfigText(DECLARATION(server.url), 'jobtop.yaml', { CI_TOKEN: 'ci-token-0042' }).sources[0].spec,
    );
    await expect(source.list()).rejects.toMatchObject({
      kind: 'shape',
      message:
        'ci: unexpected response shape: list.items (data.jobs): expected an array of jobs, got a string (GET /api/jobs)',
    });
  });
});
