import { afterEach, describe, expect, it } from 'vitest';
import type { JobSource } from '../../../source/adapters/contract.js';
import type { RunningDemoServer } from '../../../source/demo/kit.js';
import { startStubServer } from '../../helpers/stub-server.js';
import { fixture, openRecipe, summary } from './recipe-harness.js';

let server: RunningDemoServer | undefined;
let source: JobSource | undefined;
afterEach(async () => {
  await source?.close();
  await server?.close();
  source = server = undefined;
});

describe('the Kubernetes Jobs recipe (kubectl proxy)', () => {
  const CONTINUE = (fixture('k8s-jobs-chunk1.json') as { metadata: { continue: string } }).metadata.continue;

  it('follows metadata.continue and reads the state from status.conditions with JMESPath', async () => {
    server = await startStubServer((request) => {
      if (request.path === '/apis/batch/v1/namespaces/batch/jobs/import-2')
        return { status: 200, json: (fixture('k8s-jobs-chunk2.json') as { items: unknown[] }).items[0] };
      if (request.path.startsWith('/apis/batch/v1/namespaces/batch/jobs/'))
        return {
          status: 404,
          json: {
            kind: 'Status',
            status: 'Failure',
            message: 'jobs.batch "x" not found',
            reason: 'NotFound',
            code: 404,
          },
        };
      return {
        status: 200,
        json: fixture(request.query.get('continue') === CONTINUE ? 'k8s-jobs-chunk2.json' : 'k8s-jobs-chunk1.json'),
      };
    });
    ({ source } = openRecipe('kubernetes-jobs', { KUBE_PROXY_URL: server.url, K8S_NAMESPACE: 'batch' }));
    const result = await source.list();
    expect(result.jobs.map(summary)).toEqual([
      [
        'backup-28950120',
        'backup',
        'succeeded',
        'Complete',
        '2026-03-02T02:00:00.000Z',
        '2026-03-02T02:00:01.000Z',
        '2026-03-02T02:03:12.000Z',
      ],
      ['import-1', 'importer', 'running', 'Running', '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:02.000Z', null],
      [
        'import-2',
        'importer',
        'failed',
        'Failed',
        '2026-03-02T09:30:00.000Z',
        '2026-03-02T09:30:01.000Z',
        '2026-03-02T09:41:00.000Z',
      ],
      ['report-1', 'reporter', 'queued', 'Pending', '2026-03-02T10:00:00.000Z', null, null],
    ]);
    expect(result.jobs.map((job) => [job.parentId, job.error])).toEqual([
      ['backup', null],
      [null, null],
      [null, 'Job has reached the specified backoff limit'],
      [null, null],
    ]);
    expect(result.warnings).toBeUndefined();
    expect(server.requests.map((request) => request.query)).toEqual([
      { limit: '100' },
      { limit: '100', continue: CONTINUE },
    ]);
    const detail = await source.detail('import-2');
    expect(detail?.state).toBe('failed');
    expect(detail?.result).toMatchObject({ failed: 7 });
    expect(await source.detail('gone')).toBeNull();
  });
});

describe('the Airflow DAG runs recipe (REST API v1)', () => {
  it("lists every DAG's runs with offset paging, ids made of dag_id/dag_run_id, and basic auth", async () => {
    server = await startStubServer(() => ({ status: 200, json: fixture('airflow-dag-runs.json') }));
    ({ source } = openRecipe('airflow-dag-runs', { AIRFLOW_URL: server.url, AIRFLOW_BASIC_AUTH: 'YWRtaW46YWRtaW4=' }));
    const result = await source.list();
    expect(result.jobs.map(summary)).toEqual([
      [
        'etl_daily/scheduled__2026-03-02T00:00:00+00:00',
        'etl_daily',
        'running',
        'running',
        '2026-03-02T00:00:00.000Z',
        '2026-03-02T00:00:04.512Z',
        null,
      ],
      [
        'reports/manual__2026-03-01T17:12:44.101010+00:00',
        'reports',
        'queued',
        'queued',
        '2026-03-01T17:12:44.101Z',
        null,
        null,
      ],
      [
        'etl_daily/scheduled__2026-03-01T00:00:00+00:00',
        'etl_daily',
        'succeeded',
        'success',
        '2026-03-01T00:00:00.000Z',
        '2026-03-01T00:00:03.000Z',
        '2026-03-01T00:20:00.000Z',
      ],
      [
        'reports/scheduled__2026-03-01T00:00:00+00:00',
        'reports',
        'failed',
        'failed',
        '2026-03-01T00:00:00.000Z',
        '2026-03-01T00:00:05.000Z',
        '2026-03-01T00:01:30.000Z',
      ],
    ]);
    expect(result.total).toBe(4);
    expect(result.requests).toBe(1);
    expect(result.warnings).toBeUndefined();
    expect(server.requests[0]).toMatchObject({
      path: '/api/v1/dags/~/dagRuns',
      query: { limit: '100', offset: '0', order_by: '-execution_date' },
    });
    expect(server.requests[0].headers.authorization).toBe('Basic YWRtaW46YWRtaW4=');
    expect(source.capabilities.detail).toBe(false);
    expect(Object.keys(source.capabilities.actions)).toEqual([]);
  });
});

describe('the Celery Flower recipe', () => {
  it('turns the task object into items, reads epoch-second times and revokes with the declared request', async () => {
    server = await startStubServer((request) => {
      if (request.method === 'POST')
        return { status: 200, json: { message: "Revoked '8d2e4f60-71c5-4c1e-b7a0-3f0c2b9e5d22'" } };
      return { status: 200, json: fixture('flower-tasks.json') };
    });
    ({ source } = openRecipe('celery-flower', { FLOWER_URL: server.url }));
    const result = await source.list();
    expect(result.jobs.map(summary)).toEqual([
      [
        '2f9c7b1e-0e33-4b63-9f8a-6a3d1d2e9a11',
        'tasks.add',
        'succeeded',
        'SUCCESS',
        '2026-03-02T10:00:00.511Z',
        '2026-03-02T10:00:00.600Z',
        '2026-03-02T10:00:01.250Z',
      ],
      [
        '8d2e4f60-71c5-4c1e-b7a0-3f0c2b9e5d22',
        'tasks.sub',
        'running',
        'STARTED',
        '2026-03-02T10:00:10.000Z',
        '2026-03-02T10:00:10.200Z',
        null,
      ],
      [
        'c41a9e02-5b7d-4f3e-8c61-0a9b8d7e6f33',
        'tasks.resize',
        'failed',
        'FAILURE',
        '2026-03-02T09:58:20.000Z',
        '2026-03-02T09:58:20.100Z',
        '2026-03-02T09:58:22.750Z',
      ],
      [
        'e7b3d5c8-9a1f-4e2d-a6b4-1c2d3e4f5a44',
        'tasks.add',
        'cancelled',
        'REVOKED',
        '2026-03-02T09:56:40.000Z',
        null,
        '2026-03-02T09:56:45.000Z',
      ],
      [
        'f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e55',
        'tasks.mail',
        'queued',
        'RECEIVED',
        '2026-03-02T10:00:20.000Z',
        null,
        null,
      ],
    ]);
    expect(result.jobs[2]).toMatchObject({ error: "ValueError('image too large')", host: 'celery@worker1' });
    expect(result.warnings).toBeUndefined();
    expect(server.requests[0]).toMatchObject({ path: '/api/tasks', query: { limit: '200', sort_by: '-received' } });
    const outcome = await source.act('cancel', result.jobs[1]);
    expect(outcome.effect).toBe('cancelled');
    expect(server.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/task/revoke/8d2e4f60-71c5-4c1e-b7a0-3f0c2b9e5d22',
    });
  });
});
