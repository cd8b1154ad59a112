import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import {
  VECTORCHARTS_CAPABILITIES,
  createVectorChartsSource,
  mapVectorChartsState,
  normalizeVectorChartsDetail,
  normalizeVectorChartsJob,
  type VectorChartsOptions,
} from '../../source/adapters/vectorcharts/index.js';
import { SourceError } from '../../source/adapters/errors.js';
import type { JobSource } from '../../source/adapters/contract.js';
import { startDemoServer, type RunningDemoServer, type VendorSimulator } from '../../source/demo/kit.js';
import {
  VECTORCHARTS_DEMO_API_TOKEN,
  VECTORCHARTS_ERRORS,
  createVectorChartsSimulator,
  type VectorChartsJobRecord,
  type VectorChartsSimulator,
} from '../../source/demo/vectorcharts-server.js';
import { startStubServer } from '../helpers/stub-server.js';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const JOBS_PATH = '/api/portal/v1/jobs';
const LOGIN_PATH = '/api/portal/v1/auth/login';

const fixture = (name: string): any =>
  JSON.parse(readFileSync(new URL(`../../fixtures/vectorcharts/${name}`, import.meta.url), 'utf8'));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A simulator on 127.0.0.1 with a fake clock (no arrivals unless asked). */
async function startSimulator(options: { jobCount?: number; seed?: number; arrivals?: boolean } = {}) {
  const clock = { now: T0 };
  const simulator = createVectorChartsSimulator({
    now: () => clock.now,
    seed: options.seed ?? 3,
    jobCount: options.jobCount ?? 40,
    arrivals: options.arrivals ?? false,
  });
  const server = await startDemoServer(simulator);
  cleanups.push(() => server.close());
  return { simulator, server, clock };
}

/** An adapter for a test, closed after it. */
function source(url: string, options: Partial<VectorChartsOptions> = {}): JobSource {
  const created = createVectorChartsSource({ name: 'vc', url, ...options });
  cleanups.push(() => created.close());
  return created;
}

interface StubCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

interface StubReply {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
}

/** A tiny node:http server answering with whatever `reply` says, recording every call. */
async function startStub(reply: (call: StubCall) => StubReply): Promise<{ url: string; calls: StubCall[] }> {
  const calls: StubCall[] = [];
  const server = await startStubServer((request) => {
    const call = {
      method: request.method,
      path: request.path,
      query: Object.fromEntries(request.query),
      headers: request.headers,
      body: request.body,
    };
    calls.push(call);
    return reply(call);
  });
  cleanups.push(() => server.close());
  return { url: server.url, calls };
}

/** The SourceError a promise rejects with (fails the test if it resolves or throws anything else). */
async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

const pageQueries = (server: RunningDemoServer) =>
  server.requests.filter((request) => request.path === JOBS_PATH).map((request) => request.query);

/** Makes `count` fake list items, newest first, with ids job-0…job-(count-1). */
function fakeRecords(count: number, from = 0): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, index) => ({
    id: `job-${from + index}`,
    jobType: 'clear-tiles',
    jobState: 'completed',
    createdAt: T0 - (from + index) * 1000,
  }));
}

describe('mapVectorChartsState', () => {
  it.each([
    ['pending', 'queued', false],
    ['running', 'running', false],
    ['processing', 'running', false],
    ['completed', 'succeeded', true],
    ['failed', 'failed', true],
    ['cancelled', 'cancelled', true],
    ['canceled', 'unknown', false],
    ['COMPLETED', 'unknown', false],
    ['paused', 'unknown', false],
    ['constructor', 'unknown', false],
    ['', 'unknown', false],
    [null, 'unknown', false],
    [undefined, 'unknown', false],
    [2, 'unknown', false],
  ])('maps %j to %s (terminal: %s) with no flags', (native, state, terminal) => {
    expect(mapVectorChartsState(native)).toEqual({ state, terminal, flags: [] });
  });

  it('keeps an unknown native value in nativeState', () => {
    const job = normalizeVectorChartsJob({ id: 'x', jobState: 'paused' }, 'vc');
    expect([job.state, job.nativeState, job.terminal]).toEqual(['unknown', 'paused', false]);
  });
});

describe('normalizeVectorChartsJob', () => {
  const list = fixture('list.json');

  it('normalizes the documented example job exactly, keeping the record as raw', () => {
    const record = list.jobs[3];
    const copy = structuredClone(record);
    const job = normalizeVectorChartsJob(record, 'vc');
    expect(job).toEqual({
      source: 'vc',
      id: '5e37b9c1-a4c2-4b8e-9f3a-72d3f4a5b8e1',
      key: 'vc/5e37b9c1-a4c2-4b8e-9f3a-72d3f4a5b8e1',
      vendor: 'vectorcharts',
      type: 'refresh-public-charts',
      state: 'succeeded',
      nativeState: 'completed',
      terminal: true,
      flags: [],
      priority: { rank: 'normal', value: 0, label: null },
      progress: 100,
      createdAt: 1736942400000,
      startedAt: 1736942410000,
      finishedAt: 1736946000000,
      updatedAt: 1736946000000,
      owner: null,
      host: null,
      parentId: null,
      error: null,
      raw: copy,
    });
    expect(job.raw).toBe(record);
    expect(record).toEqual(copy);
  });

  it.each([
    [0, 'queued', false, null, null, null, []],
    [1, 'failed', true, 1736945402000, 1736945409000, 'S-57 parse error: unexpected end of record at offset 48213', []],
    [2, 'running', false, 1736945104000, null, null, ['had-error']],
    [4, 'cancelled', true, 1736938805000, 1736938820000, null, []],
  ])(
    'derives times, error and flags of fixture job %i (%s)',
    (index, state, terminal, startedAt, finishedAt, error, flags) => {
      const job = normalizeVectorChartsJob(list.jobs[index], 'vc');
      expect({
        state: job.state,
        terminal: job.terminal,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
        error: job.error,
        flags: job.flags,
      }).toEqual({
        state,
        terminal,
        startedAt,
        finishedAt,
        error,
        flags,
      });
    },
  );

  it('links ingestion children to their upload and reads accountId as the owner', () => {
    const [pendingChild, failedChild, upload, , vacuum] = list.jobs.map((record: unknown) =>
      normalizeVectorChartsJob(record, 'vc'),
    );
    expect(pendingChild.parentId).toBe(upload.id);
    expect(failedChild.parentId).toBe(upload.id);
    expect(upload.parentId).toBeNull();
    expect([pendingChild.owner, upload.owner, vacuum.owner]).toEqual(['3', '3', null]);
    expect([upload.priority, upload.progress, upload.type]).toEqual([
      { rank: 'high', value: 5, label: null },
      66,
      'process-chart-upload',
    ]);
    expect(upload.host).toBeNull();
  });

  it('falls back to the last error log when a failed job has no step error', () => {
    const job = normalizeVectorChartsJob(
      {
        id: 'f',
        jobState: 'failed',
        logs: [
          { type: 'error', message: 'first' },
          { type: 'info', message: 'x' },
          { type: 'error', message: 'worker crashed' },
        ],
      },
      'vc',
    );
    expect(job.error).toBe('worker crashed');
  });

  it('degrades a malformed record to nulls instead of throwing', () => {
    const job = normalizeVectorChartsJob(
      {
        id: 7,
        jobState: 3,
        jobType: ['x'],
        percentComplete: '250',
        priority: 'high',
        createdAt: 'yesterday',
        updatedAt: -1,
        steps: 'none',
        logs: {},
        accountId: { id: 1 },
        parentJobId: 9,
      },
      'vc',
    );
    expect(job).toMatchObject({
      id: '7',
      key: 'vc/7',
      state: 'unknown',
      nativeState: '3',
      type: 'unknown',
      progress: 100,
      priority: { value: null, label: null },
      createdAt: null,
      updatedAt: null,
      startedAt: null,
      owner: null,
      parentId: '9',
      flags: [],
    });
    expect(normalizeVectorChartsJob(null, 'vc')).toMatchObject({
      id: '',
      state: 'unknown',
      nativeState: '',
      progress: null,
    });
    expect(normalizeVectorChartsJob({ percentComplete: -5 }, 'vc').progress).toBe(0);
  });
});

describe('normalizeVectorChartsDetail', () => {
  const record = fixture('detail.json');

  it('turns the inline steps into JobSteps, retried attempts included', () => {
    expect(normalizeVectorChartsDetail(record, 'vc').steps).toEqual([
      {
        name: 'step_unpack_archive',
        status: 'failed',
        state: 'failed',
        attempt: 1,
        host: null,
        startedAt: 1736945141000,
        finishedAt: 1736945150000,
        durationMs: 9000,
        error: 'worker lost heartbeat; step rescheduled',
      },
      {
        name: 'step_unpack_archive',
        status: 'completed',
        state: 'succeeded',
        attempt: 2,
        host: null,
        startedAt: 1736945152000,
        finishedAt: 1736945190000,
        durationMs: 38000,
        error: null,
      },
      {
        name: 'step_spawn_ingestion',
        status: 'completed',
        state: 'succeeded',
        attempt: 1,
        host: null,
        startedAt: 1736945191000,
        finishedAt: 1736945400000,
        durationMs: 209000,
        error: null,
      },
    ]);
  });

  it('turns the logs into messages with ISO timestamps as epoch ms', () => {
    const messages = normalizeVectorChartsDetail(record, 'vc').messages ?? [];
    expect(messages).toHaveLength(6);
    expect(messages[0]).toEqual({
      timestamp: Date.UTC(2025, 0, 15, 12, 45, 0),
      level: 'info',
      text: 'Queued process-chart-upload',
      origin: null,
    });
    expect(messages[2]).toEqual({
      timestamp: Date.UTC(2025, 0, 15, 12, 45, 50),
      level: 'warning',
      text: 'step_unpack_archive attempt 1 failed: worker lost heartbeat; step rescheduled; retrying',
      origin: null,
    });
  });

  it('carries the result and the job fields, flagging the recovered step error', () => {
    const detail = normalizeVectorChartsDetail(record, 'vc');
    expect(detail.result).toEqual({
      cellsFound: 2,
      ingestionJobIds: ['c31f7a52-0d4e-4b8a-9e21-5f6a7b8c9d01', 'd48e2b63-1e5f-4c9b-8f32-6a7b8c9d0e12'],
    });
    expect(detail.outputs).toBeNull();
    expect([detail.state, detail.flags, detail.error, detail.finishedAt]).toEqual([
      'succeeded',
      ['had-error'],
      null,
      1736945401000,
    ]);
  });

  it('maps unknown log types to info and degrades malformed steps and logs', () => {
    const detail = normalizeVectorChartsDetail(
      {
        id: 'd',
        logs: [{ type: 'notice', message: 'hi' }, { type: 'error' }, 'junk'],
        steps: [{ status: 'weird', error: { message: 'boom' } }, null],
      },
      'vc',
    );
    expect(detail.messages).toEqual([
      { timestamp: null, level: 'info', text: 'hi', origin: null },
      { timestamp: null, level: 'error', text: '', origin: null },
      { timestamp: null, level: 'info', text: '', origin: null },
    ]);
    expect(detail.steps?.map((step) => [step.name, step.status, step.state, step.error, step.durationMs])).toEqual([
      ['step', 'weird', 'unknown', 'boom', null],
      ['step', '', 'unknown', null, null],
    ]);
    expect(detail.result).toBeNull();
  });
});

describe('VectorCharts source: listing over HTTP', () => {
  it('lists the newest jobs in one request with the API token as Bearer', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 40 });
    const result = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN }).list();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: JOBS_PATH, query: { limit: '200', offset: '0' } });
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${VECTORCHARTS_DEMO_API_TOKEN}`);
    expect(result.jobs.map((job) => job.id)).toEqual(simulator.jobs().map((job) => job.id));
    expect([result.total, result.stateCounts, result.requests]).toEqual([40, null, 1]);
    expect(result.jobs[0]).toMatchObject({ source: 'vc', vendor: 'vectorcharts', raw: simulator.jobs()[0] });
  });

  it('accepts the docs base url form ending in /api/portal', async () => {
    const { server } = await startSimulator({ jobCount: 3 });
    const result = await source(`${server.url}/api/portal/`, { token: VECTORCHARTS_DEMO_API_TOKEN }).list();
    expect(server.requests.map((request) => request.path)).toEqual([JOBS_PATH]);
    expect(result.jobs).toHaveLength(3);
  });

  it('pages at the 200 cap and asks the last page only for what the limit still needs', async () => {
    const { server } = await startSimulator({ jobCount: 450 });
    const result = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN, limit: 450 }).list();
    expect(pageQueries(server)).toEqual([
      { limit: '200', offset: '0' },
      { limit: '200', offset: '200' },
      { limit: '50', offset: '400' },
    ]);
    expect(new Set(result.jobs.map((job) => job.id)).size).toBe(450);
    expect([result.total, result.requests]).toEqual([450, 3]);
  });

  it('stops at the exact last page without asking for an empty one', async () => {
    const { server } = await startSimulator({ jobCount: 400 });
    const result = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN, limit: 1000 }).list();
    expect(pageQueries(server)).toEqual([
      { limit: '200', offset: '0' },
      { limit: '200', offset: '200' },
    ]);
    expect([result.jobs.length, result.requests]).toEqual([400, 2]);
  });

  it('stops at a short page', async () => {
    const { server } = await startSimulator({ jobCount: 250 });
    const result = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN, limit: 1000 }).list();
    expect(pageQueries(server)).toEqual([
      { limit: '200', offset: '0' },
      { limit: '200', offset: '200' },
    ]);
    expect([result.jobs.length, result.total, result.requests]).toEqual([250, 250, 2]);
  });

  it('asks for no more than a limit smaller than a page', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 40 });
    const result = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN, limit: 10 }).list();
    expect(pageQueries(server)).toEqual([{ limit: '10', offset: '0' }]);
    expect(result.jobs.map((job) => job.id)).toEqual(
      simulator
        .jobs()
        .slice(0, 10)
        .map((job) => job.id),
    );
    expect(result.total).toBe(40);
  });

  it('fetches the default 200 newest jobs when no limit is configured', async () => {
    const { server } = await startSimulator({ jobCount: 450 });
    const result = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN }).list();
    expect(pageQueries(server)).toEqual([{ limit: '200', offset: '0' }]);
    expect([result.jobs.length, result.total]).toEqual([200, 450]);
  });

  it('drops the duplicate a new arrival shifts onto the next page', async () => {
    const { simulator } = await startSimulator({ jobCount: 250 });
    let pages = 0;
    const drifting: VendorSimulator = {
      ...simulator,
      handle(request) {
        const response = simulator.handle(request);
        if (request.path === JOBS_PATH && pages++ === 0) simulator.insertJob({ id: 'newcomer', createdAt: T0 + 1 });
        return response;
      },
    };
    const server = await startDemoServer(drifting);
    cleanups.push(() => server.close());
    const result = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN, limit: 1000 }).list();
    const ids = result.jobs.map((job) => job.id);
    expect(pageQueries(server)).toEqual([
      { limit: '200', offset: '0' },
      { limit: '200', offset: '200' },
    ]);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(ids).not.toContain('newcomer');
    expect(result.total).toBe(250);
  });

  it('treats the echoed pagination.limit as the page size a server applied', async () => {
    const all = fakeRecords(120);
    const stub = await startStub((call) => {
      const offset = Number(call.query.offset);
      return {
        status: 200,
        json: { jobs: all.slice(offset, offset + 50), pagination: { limit: 50, offset, total: 120 } },
      };
    });
    const result = await source(stub.url, { token: 't0ken', limit: 1000 }).list();
    expect(stub.calls.map((call) => call.query)).toEqual([
      { limit: '200', offset: '0' },
      { limit: '200', offset: '50' },
      { limit: '200', offset: '100' },
    ]);
    expect(result.jobs.map((job) => job.id)).toEqual(all.map((record) => record.id));
  });

  it('stops at a short page even when the server sends no total', async () => {
    const stub = await startStub(() => ({ status: 200, json: { jobs: fakeRecords(30) } }));
    const result = await source(stub.url, { token: 't0ken', limit: 1000 }).list();
    expect(stub.calls.map((call) => call.query)).toEqual([{ limit: '200', offset: '0' }]);
    expect([result.jobs.length, result.total, result.requests]).toEqual([30, null, 1]);
  });

  it('skips list items without an id', async () => {
    const stub = await startStub(() => ({
      status: 200,
      json: { jobs: [{ jobState: 'running' }, ...fakeRecords(2)], pagination: { limit: 200, offset: 0, total: 3 } },
    }));
    const result = await source(stub.url, { token: 't0ken' }).list();
    expect(result.jobs.map((job) => job.id)).toEqual(['job-0', 'job-1']);
    expect(result.total).toBe(3);
  });
});

describe('VectorCharts source: authentication', () => {
  it('logs in with username and password, then reuses the session token', async () => {
    const { server } = await startSimulator({ jobCount: 5 });
    const vc = source(server.url, { username: 'admin', password: 'admin' });
    const first = await vc.list();
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST ${LOGIN_PATH}`,
      `GET ${JOBS_PATH}`,
    ]);
    expect(JSON.parse(server.requests[0].body)).toEqual({ username: 'admin', password: 'admin' });
    expect(server.requests[0].headers.authorization).toBeUndefined();
    expect(server.requests[1].headers.authorization).toMatch(/^Bearer [0-9a-f]{48}$/);
    expect([first.jobs.length, first.requests]).toEqual([5, 2]);
    server.clearRequests();
    const second = await vc.list();
    expect(second.requests).toBe(1);
    expect(server.requests.map((request) => request.path)).toEqual([JOBS_PATH]);
  });

  it('shares one login between a list and a detail that start together', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 5 });
    const vc = source(server.url, { username: 'admin', password: 'admin' });
    const [listed, detail] = await Promise.all([vc.list(), vc.detail(simulator.jobs()[1].id)]);
    expect(server.requests.filter((request) => request.path === LOGIN_PATH)).toHaveLength(1);
    expect([listed.jobs.length, detail?.id]).toEqual([5, simulator.jobs()[1].id]);
  });

  it('sends the token.id of the login response as Bearer', async () => {
    const login = fixture('login.json');
    const stub = await startStub((call) =>
      call.path === LOGIN_PATH
        ? { status: 200, json: login }
        : { status: 200, json: { jobs: [], pagination: { limit: 200, offset: 0, total: 0 } } },
    );
    await source(stub.url, { username: 'admin', password: 'admin' }).list();
    expect(stub.calls[0]).toMatchObject({ method: 'POST', path: LOGIN_PATH });
    expect(stub.calls[0].headers['content-type']).toBe('application/json');
    expect(stub.calls[1].headers.authorization).toBe(`Bearer ${login.token.id}`);
  });

  it('logs in again once and retries the read when the session token is revoked', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 5 });
    const vc = source(server.url, { username: 'admin', password: 'admin' });
    await vc.list();
    const oldBearer = server.requests[1].headers.authorization;
    simulator.revokeSessions();
    server.clearRequests();
    const result = await vc.list();
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET ${JOBS_PATH}`,
      `POST ${LOGIN_PATH}`,
      `GET ${JOBS_PATH}`,
    ]);
    expect(server.requests[0].headers.authorization).toBe(oldBearer);
    expect(server.requests[2].headers.authorization).not.toBe(oldBearer);
    expect([result.jobs.length, result.requests]).toEqual([5, 3]);
  });

  it('gives up after one re-login when the server keeps refusing the session', async () => {
    const stub = await startStub((call) =>
      call.path === LOGIN_PATH
        ? { status: 200, json: fixture('login.json') }
        : { status: 401, json: fixture('error-invalid-token.json') },
    );
    const error = await sourceErrorOf(source(stub.url, { username: 'admin', password: 'admin' }).list());
    expect(stub.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST ${LOGIN_PATH}`,
      `GET ${JOBS_PATH}`,
      `POST ${LOGIN_PATH}`,
      `GET ${JOBS_PATH}`,
    ]);
    expect([error.kind, error.status, error.detail]).toEqual(['auth', 401, 'Invalid or expired token']);
  });

  it('does not log in again for errors other than 401', async () => {
    const stub = await startStub((call) =>
      call.path === LOGIN_PATH
        ? { status: 200, json: fixture('login.json') }
        : { status: 500, json: { error: 'database is starting up' } },
    );
    const error = await sourceErrorOf(source(stub.url, { username: 'admin', password: 'admin' }).list());
    expect(stub.calls.map((call) => call.method)).toEqual(['POST', 'GET']);
    expect([error.status, error.detail]).toEqual([500, 'database is starting up']);
  });

  it('never retries an API token that gets a 401', async () => {
    const { server } = await startSimulator({ jobCount: 5 });
    const error = await sourceErrorOf(
      source(server.url, { token: 'not-the-token', username: 'admin', password: 'admin' }).list(),
    );
    expect(server.requests.map((request) => request.path)).toEqual([JOBS_PATH]);
    expect(error.message).toBe(`vc: 401 unauthorized: ${VECTORCHARTS_ERRORS.invalidToken} (GET ${JOBS_PATH})`);
  });

  it('reports bad credentials with the server message and without the password', async () => {
    const { server } = await startSimulator({ jobCount: 5 });
    const error = await sourceErrorOf(source(server.url, { username: 'admin', password: 'hunter22' }).list());
    expect([error.kind, error.status, error.request]).toEqual(['auth', 401, `POST ${LOGIN_PATH}`]);
    expect(error.message).toBe(`vc: 401 unauthorized: Invalid username or password (POST ${LOGIN_PATH})`);
    expect(error.message).not.toContain('hunter22');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a malformed login with the 400 message', async () => {
    const stub = await startStub(() => ({ status: 400, json: fixture('error-login-malformed.json') }));
    const error = await sourceErrorOf(source(stub.url, { username: 'admin', password: '' }).list());
    expect([error.kind, error.status, error.detail]).toEqual(['http', 400, 'username and password are required']);
    expect(error.message).toContain('vc: HTTP 400');
  });

  it('rejects a login response without token.id as an unexpected shape', async () => {
    const stub = await startStub(() => ({ status: 200, json: { user: { userId: 1 } } }));
    const error = await sourceErrorOf(source(stub.url, { username: 'admin', password: 'admin' }).list());
    expect([error.kind, error.short, error.detail]).toEqual([
      'shape',
      'unexpected login response',
      'the login response has no token.id',
    ]);
    expect(stub.calls).toHaveLength(1);
  });

  it('logs in on a read-only source, since logging in changes nothing', async () => {
    const { server } = await startSimulator({ jobCount: 2 });
    const result = await source(server.url, { username: 'admin', password: 'admin', readonly: true }).list();
    expect(result.jobs).toHaveLength(2);
  });

  it('refuses to poll without credentials and sends nothing', async () => {
    const { server } = await startSimulator({ jobCount: 2 });
    const error = await sourceErrorOf(source(server.url).list());
    expect([error.kind, error.short]).toEqual(['config', 'no credentials']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('VectorCharts source: a pre-pagination server (bare-array list)', () => {
  it('accepts the recorded bare array, cuts it to the limit and asks once', async () => {
    const records = fixture('list-pre-pagination.json');
    const stub = await startStub(() => ({ status: 200, json: records }));
    const result = await source(stub.url, { token: 't0ken', limit: 3 }).list();
    expect(stub.calls.map((call) => [call.method, call.path, call.query, call.headers.authorization])).toEqual([
      ['GET', JOBS_PATH, { limit: '3', offset: '0' }, 'Bearer t0ken'],
    ]);
    expect(result.jobs.map((job) => job.id)).toEqual(records.slice(0, 3).map((record: { id: string }) => record.id));
    expect([result.total, result.requests, result.jobs[1].state, result.jobs[1].priority.value]).toEqual([
      5,
      1,
      'failed',
      null,
    ]);
  });

  it('does not page a bare array even when it is exactly the page size', async () => {
    const stub = await startStub(() => ({ status: 200, json: fakeRecords(250) }));
    const result = await source(stub.url, { token: 't0ken', limit: 400 }).list();
    expect(stub.calls).toHaveLength(1);
    expect([result.jobs.length, result.total]).toEqual([250, 250]);
  });

  it('finds a job of the bare array in detail', async () => {
    const records = fixture('list-pre-pagination.json');
    const stub = await startStub(() => ({ status: 200, json: records }));
    const detail = await source(stub.url, { token: 't0ken' }).detail(records[1].id);
    expect([detail?.id, detail?.steps?.[0].name]).toEqual([records[1].id, 'step_parse_s57']);
  });

  it('monitors the pre-pagination simulator, which ignores limit and offset', async () => {
    const clock = { now: T0 };
    const simulator = createVectorChartsSimulator({
      now: () => clock.now,
      seed: 3,
      jobCount: 30,
      arrivals: false,
      listShape: 'bare-array',
    });
    const server = await startDemoServer(simulator);
    cleanups.push(() => server.close());
    const result = await source(server.url, { username: 'admin', password: 'admin', limit: 12 }).list();
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST ${LOGIN_PATH}`,
      `GET ${JOBS_PATH}`,
    ]);
    expect(result.jobs.map((job) => job.id)).toEqual(
      simulator
        .jobs()
        .slice(0, 12)
        .map((record) => record.id),
    );
    expect(result.total).toBe(30);
  });

  it('still calls a body that is neither shape an unexpected response shape', async () => {
    const stub = await startStub(() => ({ status: 200, json: 'jobs' }));
    const error = await sourceErrorOf(source(stub.url, { token: 't0ken' }).list());
    expect([error.kind, error.detail]).toEqual([
      'shape',
      'expected {"jobs": [...], "pagination": {...}} or a bare array of jobs, got a string',
    ]);
  });
});

describe('VectorCharts source: logout on close', () => {
  const LOGOUT_PATH = '/api/portal/v1/auth/logout';

  it('logs out the session it logged in with, sending that token, and the server forgets it', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 3 });
    const vc = createVectorChartsSource({ name: 'vc', url: server.url, username: 'admin', password: 'admin' });
    await vc.list();
    const bearer = server.requests[1].headers.authorization;
    expect(simulator.liveSessions()).toBe(1);
    await vc.close();
    const last = server.requests.at(-1)!;
    expect([last.method, last.path, last.headers.authorization]).toEqual(['POST', LOGOUT_PATH, bearer]);
    expect(simulator.liveSessions()).toBe(0);
  });

  it('sends nothing on close with an API token, or when it never logged in', async () => {
    const { server } = await startSimulator({ jobCount: 3 });
    const withToken = createVectorChartsSource({ name: 'vc', url: server.url, token: VECTORCHARTS_DEMO_API_TOKEN });
    await withToken.list();
    await withToken.close();
    await createVectorChartsSource({ name: 'vc', url: server.url, username: 'admin', password: 'admin' }).close();
    expect(server.requests.map((request) => request.path)).toEqual([JOBS_PATH]);
  });

  it('logs out on a read-only source too (it ends a session, it changes no job)', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 3 });
    const vc = createVectorChartsSource({
      name: 'vc',
      url: server.url,
      username: 'admin',
      password: 'admin',
      readonly: true,
    });
    await vc.list();
    await vc.close();
    expect(simulator.liveSessions()).toBe(0);
  });

  it('gives up quietly when logout fails or hangs, without printing the token', async () => {
    const login = fixture('login.json');
    const stub = await startStub((call) => {
      if (call.path === LOGIN_PATH) return { status: 200, json: login };
      if (call.path === LOGOUT_PATH) return { status: 500, json: { error: `cannot end session ${login.token.id}` } };
      return { status: 200, json: { jobs: [], pagination: { limit: 200, offset: 0, total: 0 } } };
    });
    const vc = createVectorChartsSource({ name: 'vc', url: stub.url, username: 'admin', password: 'admin' });
    await vc.list();
    await expect(vc.close()).resolves.toBeUndefined();
    expect(stub.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST ${LOGIN_PATH}`,
      `GET ${JOBS_PATH}`,
      `POST ${LOGOUT_PATH}`,
    ]);
  });

  it('bounds a logout the server never answers', async () => {
    const hung = await startStubServer((request) =>
      request.path === LOGOUT_PATH
        ? new Promise(() => {})
        : request.path === LOGIN_PATH
          ? { status: 200, json: fixture('login.json') }
          : { status: 200, json: [] },
    );
    cleanups.push(() => hung.close());
    const vc = createVectorChartsSource({ name: 'vc', url: hung.url, username: 'admin', password: 'admin' });
    await vc.list();
    await expect(vc.close()).resolves.toBeUndefined();
    expect(hung.requests.at(-1)?.path).toBe(LOGOUT_PATH);
  });
});

describe('VectorCharts source: detail', () => {
  it('finds a job on a later page by paging through a fresh list', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 300 });
    const target = simulator.jobs()[250];
    const detail = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN, limit: 1000 }).detail(target.id);
    expect(pageQueries(server)).toEqual([
      { limit: '200', offset: '0' },
      { limit: '200', offset: '200' },
    ]);
    expect(detail?.id).toBe(target.id);
    expect(detail?.steps).toHaveLength(target.steps.length);
    expect(detail?.messages?.map((message) => message.text)).toEqual(target.logs.map((entry) => entry.message));
  });

  it('stops at the first page that holds the job', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 300 });
    const detail = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN, limit: 1000 }).detail(
      simulator.jobs()[3].id,
    );
    expect(detail?.id).toBe(simulator.jobs()[3].id);
    expect(server.requests).toHaveLength(1);
  });

  it('round-trips the recorded detail record through the wire', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 5 });
    const record = fixture('detail.json') as VectorChartsJobRecord;
    simulator.insertJob(record);
    const detail = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN }).detail(record.id);
    expect(detail).toEqual(normalizeVectorChartsDetail(record, 'vc'));
  });

  it('returns null for a job beyond the newest `limit` jobs', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 40 });
    const detail = await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN, limit: 10 }).detail(
      simulator.jobs()[20].id,
    );
    expect(detail).toBeNull();
    expect(pageQueries(server)).toEqual([{ limit: '10', offset: '0' }]);
  });

  it('returns null for an id the server does not know', async () => {
    const { server } = await startSimulator({ jobCount: 40 });
    expect(
      await source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN }).detail('00000000-0000-4000-8000-000000000000'),
    ).toBeNull();
    expect(server.requests).toHaveLength(1);
  });
});

describe('VectorCharts source: capabilities and actions', () => {
  it('declares inline steps, logs and result, a total, and no actions', () => {
    expect(VECTORCHARTS_CAPABILITIES).toEqual({
      detail: true,
      steps: true,
      messages: true,
      result: true,
      stats: true,
      actions: {},
      missing: {},
    });
  });

  it.each(['cancel', 'delete', 'retry'] as const)(
    'refuses %s as unsupported without sending anything',
    async (kind) => {
      const { server } = await startSimulator({ jobCount: 3 });
      const vc = source(server.url, { token: VECTORCHARTS_DEMO_API_TOKEN });
      const job = normalizeVectorChartsJob(fixture('list.json').jobs[0], 'vc');
      const error = await sourceErrorOf(vc.act(kind, job));
      expect([error.kind, error.short, error.source]).toEqual(['unsupported', `${kind} not supported`, 'vc']);
      expect(error.detail).toBe(
        'The VectorCharts Portal API has no cancel, delete or retry endpoint; nothing was sent.',
      );
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe('VectorCharts source: error shapes', () => {
  it.each([
    [401, fixture('error-invalid-token.json'), 'auth', '401 unauthorized', 'Invalid or expired token'],
    [
      401,
      fixture('error-missing-token.json'),
      'auth',
      '401 unauthorized',
      'Missing or malformed Authorization header; expected "Bearer <token>"',
    ],
    [400, { error: 'limit must be a positive integer' }, 'http', 'HTTP 400', 'limit must be a positive integer'],
    [404, { error: 'Not found' }, 'not-found', '404 not found', 'Not found'],
    [
      500,
      { error: 'database connection pool exhausted' },
      'server',
      '500 server error',
      'database connection pool exhausted',
    ],
  ])(
    'surfaces a %i {"error"} body with the source, the status and the server message',
    async (status, body, kind, short, detail) => {
      const stub = await startStub(() => ({ status, json: body }));
      const error = await sourceErrorOf(source(stub.url, { token: 't0ken' }).list());
      expect([error.source, error.status, error.kind, error.short, error.detail]).toEqual([
        'vc',
        status,
        kind,
        short,
        detail,
      ]);
      expect(error.message).toBe(`vc: ${short}: ${detail} (GET ${JOBS_PATH})`);
    },
  );

  it('surfaces a proxy HTML error page as such', async () => {
    const stub = await startStub(() => ({
      status: 502,
      text: '<html><body>Bad Gateway</body></html>',
      contentType: 'text/html',
    }));
    const error = await sourceErrorOf(source(stub.url, { token: 't0ken' }).list());
    expect([error.status, error.short, error.detail]).toEqual([502, '502 server error', 'HTML error page']);
  });

  it('rejects an object without a jobs array, naming what it got', async () => {
    const stub = await startStub(() => ({ status: 200, json: { data: [], pagination: {} } }));
    const error = await sourceErrorOf(source(stub.url, { token: 't0ken' }).detail('x'));
    expect([error.kind, error.detail]).toEqual([
      'shape',
      'expected {"jobs": [...], "pagination": {...}} or a bare array of jobs, got an object with keys data, pagination',
    ]);
  });

  it('keeps the API token out of error messages', async () => {
    const stub = await startStub((call) => ({
      status: 401,
      json: { error: `token ${String(call.headers.authorization)} is revoked` },
    }));
    const error = await sourceErrorOf(source(stub.url, { token: 'secret-token-123' }).list());
    expect(error.message).toBe(`vc: 401 unauthorized: token Bearer *** is revoked (GET ${JOBS_PATH})`);
  });
});

describe('VectorCharts simulator: wire format', () => {
  const call = async (
    server: RunningDemoServer,
    path: string,
    init: { method?: string; token?: string | null; body?: unknown } = {},
  ) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? VECTORCHARTS_DEMO_API_TOKEN}`;
    const response = await fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? init.body : init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: await response.json() };
  };

  it('answers 401 with the recorded error bodies for a missing or unknown token', async () => {
    const { server } = await startSimulator({ jobCount: 3 });
    expect(await call(server, JOBS_PATH, { token: null })).toEqual({
      status: 401,
      body: fixture('error-missing-token.json'),
    });
    expect(await call(server, JOBS_PATH, { token: 'nope' })).toEqual({
      status: 401,
      body: fixture('error-invalid-token.json'),
    });
  });

  it('defaults limit to 25 and clamps a larger limit to 200, echoing the applied values', async () => {
    const { server } = await startSimulator({ jobCount: 450 });
    const defaults = await call(server, JOBS_PATH);
    expect([defaults.body.jobs.length, defaults.body.pagination]).toEqual([25, { limit: 25, offset: 0, total: 450 }]);
    const clamped = await call(server, `${JOBS_PATH}?limit=500&offset=440`);
    expect([clamped.body.jobs.length, clamped.body.pagination]).toEqual([10, { limit: 200, offset: 440, total: 450 }]);
    const beyond = await call(server, `${JOBS_PATH}?offset=999`);
    expect([beyond.body.jobs, beyond.body.pagination]).toEqual([[], { limit: 25, offset: 999, total: 450 }]);
  });

  it.each([
    ['limit=abc', VECTORCHARTS_ERRORS.badLimit],
    ['limit=0', VECTORCHARTS_ERRORS.badLimit],
    ['limit=-5', VECTORCHARTS_ERRORS.badLimit],
    ['offset=-1', VECTORCHARTS_ERRORS.badOffset],
    ['activeOnly=yes', VECTORCHARTS_ERRORS.badActiveOnly],
  ])('rejects %s with 400', async (query, message) => {
    const { server } = await startSimulator({ jobCount: 3 });
    expect(await call(server, `${JOBS_PATH}?${query}`)).toEqual({ status: 400, body: { error: message } });
  });

  it('lists newest first and filters activeOnly to pending and running jobs, with their total', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 60, seed: 7 });
    const all = await call(server, `${JOBS_PATH}?limit=200`);
    const createdAt = all.body.jobs.map((job: VectorChartsJobRecord) => job.createdAt);
    expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a));
    const expected = simulator.jobs().filter((job) => job.jobState === 'pending' || job.jobState === 'running');
    expect(expected.length).toBeGreaterThan(0);
    const active = await call(server, `${JOBS_PATH}?activeOnly=true&limit=200`);
    expect(active.body.jobs.map((job: VectorChartsJobRecord) => job.id)).toEqual(expected.map((job) => job.id));
    expect(active.body.pagination.total).toBe(expected.length);
  });

  it('sends every documented job field with ms-epoch times and ISO log times', async () => {
    const { server } = await startSimulator({ jobCount: 20, seed: 7 });
    const { body } = await call(server, `${JOBS_PATH}?limit=200`);
    for (const job of body.jobs as VectorChartsJobRecord[]) {
      expect(Object.keys(job)).toEqual([
        'id',
        'parentJobId',
        'jobType',
        'jobState',
        'accountId',
        'parameters',
        'result',
        'logs',
        'percentComplete',
        'priority',
        'createdAt',
        'updatedAt',
        'steps',
      ]);
      expect(job.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.isInteger(job.createdAt) && job.updatedAt >= job.createdAt).toBe(true);
      for (const entry of job.logs) expect(entry.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      for (const step of job.steps)
        expect(Object.keys(step)).toEqual([
          'id',
          'jobId',
          'stepName',
          'status',
          'startedAt',
          'completedAt',
          'result',
          'error',
          'attempt',
        ]);
      if (job.jobState !== 'completed' && job.jobState !== 'failed' && job.jobState !== 'cancelled')
        expect(job.result).toBeNull();
    }
  });

  it('has no get-one endpoint', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 3 });
    expect(await call(server, `${JOBS_PATH}/${simulator.jobs()[0].id}`)).toEqual({
      status: 404,
      body: { error: 'Not found' },
    });
    expect(await call(server, `${JOBS_PATH}/${simulator.jobs()[0].id}`, { method: 'DELETE', token: null })).toEqual({
      status: 401,
      body: fixture('error-missing-token.json'),
    });
  });

  it('logs admin/admin in and refuses malformed bodies and bad credentials', async () => {
    const { server } = await startSimulator({ jobCount: 1 });
    const ok = await call(server, LOGIN_PATH, {
      method: 'POST',
      token: null,
      body: { username: 'admin', password: 'admin' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      token: { id: expect.stringMatching(/^[0-9a-f]{48}$/), userId: 1 },
      user: { ...fixture('login.json').user },
    });
    expect((await call(server, JOBS_PATH, { token: ok.body.token.id })).status).toBe(200);
    expect(await call(server, LOGIN_PATH, { method: 'POST', token: null, body: { username: 'admin' } })).toEqual({
      status: 400,
      body: fixture('error-login-malformed.json'),
    });
    expect(await call(server, LOGIN_PATH, { method: 'POST', token: null, body: '{not json' })).toEqual({
      status: 400,
      body: { error: VECTORCHARTS_ERRORS.invalidJson },
    });
    expect(
      await call(server, LOGIN_PATH, { method: 'POST', token: null, body: { username: 'admin', password: 'wrong' } }),
    ).toEqual({ status: 401, body: fixture('error-login-credentials.json') });
  });

  it('starts a maintenance job as pending, and answers 409 while one of that type is active', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 0 });
    const created = await call(server, JOBS_PATH, { method: 'POST', body: { jobType: 'vacuum-analyze' } });
    expect(created).toEqual({ status: 200, body: { jobId: expect.any(String), jobState: 'pending' } });
    expect(Object.keys(fixture('create.json'))).toEqual(Object.keys(created.body));
    expect(simulator.jobs().map((job) => [job.id, job.jobType, job.jobState, job.accountId])).toEqual([
      [created.body.jobId, 'vacuum-analyze', 'pending', null],
    ]);
    expect(await call(server, JOBS_PATH, { method: 'POST', body: { jobType: 'vacuum-analyze' } })).toEqual({
      status: 409,
      body: fixture('error-create-conflict.json'),
    });
    expect((await call(server, JOBS_PATH, { method: 'POST', body: { jobType: 'clear-tiles' } })).status).toBe(200);
  });

  it.each([
    [{ jobType: 'ingest-enc-cell' }, fixture('error-create-job-type.json')],
    [{ jobType: 7 }, fixture('error-create-job-type.json')],
    [{}, { error: VECTORCHARTS_ERRORS.missingJobType }],
  ])('refuses to start %j with 400', async (body, expected) => {
    const { server } = await startSimulator({ jobCount: 0 });
    expect(await call(server, JOBS_PATH, { method: 'POST', body })).toEqual({ status: 400, body: expected });
  });

  it('is monitored by the adapter through its sourceConfig entry', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 12 });
    const config = simulator.sourceConfig(server.url, 'demo-vectorcharts');
    expect(config).toEqual({
      name: 'demo-vectorcharts',
      type: 'vectorcharts',
      url: server.url,
      username: 'admin',
      password: 'admin',
    });
    const vc = createVectorChartsSource(config as unknown as VectorChartsOptions);
    cleanups.push(() => vc.close());
    const result = await vc.list();
    expect([result.jobs.length, result.total]).toEqual([12, 12]);
  });
});

describe('VectorCharts simulator: lifecycles', () => {
  const snapshot = (simulator: VectorChartsSimulator) => JSON.stringify(simulator.jobs());
  const fresh = (seed: number, options: { jobCount?: number; arrivals?: boolean } = {}) => {
    const clock = { now: T0 };
    return {
      clock,
      simulator: createVectorChartsSimulator({
        now: () => clock.now,
        seed,
        jobCount: options.jobCount ?? 40,
        arrivals: options.arrivals,
      }),
    };
  };

  it('starts with exactly jobCount jobs (default 40)', () => {
    expect(fresh(1).simulator.jobs()).toHaveLength(40);
    expect(fresh(1, { jobCount: 7 }).simulator.jobs()).toHaveLength(7);
    expect(createVectorChartsSimulator({ now: () => T0 }).jobs()).toHaveLength(40);
  });

  it('is deterministic for a seed and clock, however finely it ticks', () => {
    const coarse = fresh(5);
    const fine = fresh(5);
    expect(snapshot(coarse.simulator)).toBe(snapshot(fine.simulator));
    for (let at = T0; at <= T0 + 600_000; at += 500) fine.simulator.tick(at);
    coarse.simulator.tick(T0 + 600_000);
    expect(snapshot(fine.simulator)).toBe(snapshot(coarse.simulator));
    expect(snapshot(fresh(6).simulator)).not.toBe(snapshot(fresh(5).simulator));
  });

  it('moves a created job from pending through running to a terminal state, growing progress and logs', async () => {
    const { simulator, server, clock } = await startSimulator({ jobCount: 0 });
    const response = await fetch(`${server.url}${JOBS_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${VECTORCHARTS_DEMO_API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jobType: 'refresh-public-charts' }),
    });
    const { jobId } = (await response.json()) as { jobId: string };
    const states: string[] = [];
    const progress: number[] = [];
    let logs = 0;
    for (clock.now = T0; clock.now <= T0 + 900_000; clock.now += 1000) {
      simulator.tick(clock.now);
      const job = simulator.jobs().find((candidate) => candidate.id === jobId) as VectorChartsJobRecord;
      if (states[states.length - 1] !== job.jobState) states.push(job.jobState);
      progress.push(job.percentComplete);
      expect(job.logs.length).toBeGreaterThanOrEqual(logs);
      logs = job.logs.length;
    }
    const final = simulator.jobs().find((candidate) => candidate.id === jobId) as VectorChartsJobRecord;
    expect(states.slice(0, 2)).toEqual(['pending', 'running']);
    expect(['completed', 'failed', 'cancelled']).toContain(states[states.length - 1]);
    expect(states.length).toBe(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.filter((value) => value === 100).length > 0).toBe(final.jobState === 'completed');
    expect(logs).toBeGreaterThan(3);
    expect(final.steps.every((step) => step.stepName.startsWith('step_') && step.jobId === jobId)).toBe(true);
  });

  it('has a realistic mix of outcomes, upload jobs with ingestion children, and retried steps', () => {
    const { simulator } = fresh(11, { jobCount: 200 });
    const jobs = simulator.jobs();
    const count = (state: string) => jobs.filter((job) => job.jobState === state).length;
    expect(count('completed')).toBeGreaterThan(count('failed'));
    for (const state of ['completed', 'failed', 'cancelled']) expect(count(state)).toBeGreaterThan(0);
    const uploads = new Map(jobs.filter((job) => job.jobType === 'process-chart-upload').map((job) => [job.id, job]));
    const children = jobs.filter((job) => job.parentJobId !== null && uploads.has(job.parentJobId));
    expect(children.length).toBeGreaterThan(0);
    for (const child of children)
      expect([child.jobType, child.accountId]).toEqual([
        'ingest-enc-cell',
        uploads.get(child.parentJobId as string)?.accountId,
      ]);
    const retried = jobs.flatMap((job) =>
      job.steps.filter((step) => step.attempt === 2).map((step) => ({ job, step })),
    );
    expect(retried.length).toBeGreaterThan(0);
    for (const { job, step } of retried) {
      const first = job.steps.find((candidate) => candidate.stepName === step.stepName && candidate.attempt === 1);
      expect(first?.status).toBe('failed');
      expect(first?.error).toEqual(expect.any(String));
    }
    expect(
      jobs
        .filter((job) => job.accountId === null)
        .every((job) => ['refresh-public-charts', 'clear-tiles', 'vacuum-analyze'].includes(job.jobType)),
    ).toBe(true);
  });

  it('keeps new jobs arriving while staying bounded over six hours', () => {
    const { simulator } = fresh(2, { jobCount: 40 });
    const first = new Set(simulator.jobs().map((job) => job.id));
    for (let at = T0; at <= T0 + 6 * 3_600_000; at += 1000) simulator.tick(at);
    const jobs = simulator.jobs();
    expect(jobs.length).toBeLessThanOrEqual(80);
    expect(jobs.length).toBeGreaterThan(40);
    expect(jobs[0].createdAt).toBeGreaterThan(T0 + 5 * 3_600_000);
    expect(jobs.filter((job) => first.has(job.id))).toHaveLength(0);
  });

  it('adds only spawned ingestion children on tick when arrivals are off, and settles every job', () => {
    const { simulator } = fresh(7, { jobCount: 30, arrivals: false });
    const initial = new Set(simulator.jobs().map((job) => job.id));
    simulator.tick(T0 + 3_600_000);
    const added = simulator.jobs().filter((job) => !initial.has(job.id));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((job) => job.jobType === 'ingest-enc-cell' && initial.has(job.parentJobId as string))).toBe(
      true,
    );
    expect(simulator.jobs().every((job) => ['completed', 'failed', 'cancelled'].includes(job.jobState))).toBe(true);
  });
});
