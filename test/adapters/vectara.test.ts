import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../source/adapters/errors.js';
import { MAX_PAGES_PER_POLL } from '../../source/adapters/paging.js';
import {
  VECTARA_CAPABILITIES,
  VECTARA_V1_STATE_NAMES,
  createVectaraSource,
  defaultVectaraTokenUrl,
  detectVectaraApiVersion,
  mapVectaraState,
  normalizeVectaraJob,
  normalizeVectaraJobDetail,
  type VectaraOptions,
} from '../../source/adapters/vectara/index.js';
import type { JobFlag, JobState } from '../../source/domain/job.js';
import { startDemoServer, type RunningDemoServer, type VendorSimulator } from '../../source/demo/kit.js';
import {
  VECTARA_DEMO_API_KEY,
  VECTARA_DEMO_CLIENT_ID,
  VECTARA_DEMO_CLIENT_SECRET,
  VECTARA_DEMO_CUSTOMER_ID,
  VECTARA_DEMO_INDEX_KEY,
  VECTARA_DEMO_QUERY_KEY,
  VECTARA_DEMO_TOKEN_LIFETIME_SECONDS,
  createVectaraSimulator,
  type VectaraSimulator,
  type VectaraSimulatorOptions,
} from '../../source/demo/vectara-server.js';
import { pathWithQuery, startStubServer } from '../helpers/stub-server.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const ALL_V1_STATES = [
  'JOB_STATE__UNKNOWN',
  'JOB_STATE__QUEUED',
  'JOB_STATE__STARTED',
  'JOB_STATE__COMPLETED',
  'JOB_STATE__FAILED',
  'JOB_STATE__TRANSIENT_FAILURE_RETRY_IMMINENT',
  'JOB_STATE__ABORTED',
];

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/vectara/${name}`, import.meta.url), 'utf8'));
}

function fixtureRecord(name: string, index: number, field = 'jobs'): unknown {
  return (fixture(name) as Record<string, unknown[]>)[field][index];
}

const pageKeyFor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64');
const decodeKey = (key: string) => JSON.parse(Buffer.from(key, 'base64').toString('utf8')) as Record<string, unknown>;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

interface Harness {
  simulator: VectaraSimulator;
  server: RunningDemoServer;
  clock: { now: number };
}

async function startSimulator(
  options: VectaraSimulatorOptions = {},
  wrap?: (simulator: VectaraSimulator) => VendorSimulator,
): Promise<Harness> {
  const clock = { now: T0 };
  const simulator = createVectaraSimulator({
    now: () => clock.now,
    seed: 7,
    arrivals: false,
    jobCount: 40,
    ...options,
  });
  const server = await startDemoServer(wrap ? wrap(simulator) : simulator);
  cleanups.push(() => server.close());
  return { simulator, server, clock };
}

function sourceFor(url: string, overrides: Partial<VectaraOptions> = {}) {
  const source = createVectaraSource({
    name: 'vec',
    url,
    apiKey: VECTARA_DEMO_API_KEY,
    customerId: VECTARA_DEMO_CUSTOMER_ID,
    ...overrides,
  });
  cleanups.push(() => source.close());
  return source;
}

const oauthOptions: Partial<VectaraOptions> = {
  apiKey: undefined,
  clientId: VECTARA_DEMO_CLIENT_ID,
  clientSecret: VECTARA_DEMO_CLIENT_SECRET,
};

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error('expected a SourceError');
}

/** Injects a new newest job after the first list request, so offset paging repeats one job. */
function injectAfterFirstRequest(simulator: VectaraSimulator): VendorSimulator {
  let handled = 0;
  return {
    vendor: simulator.vendor,
    tick: (now) => simulator.tick(now),
    sourceConfig: (url, name) => simulator.sourceConfig(url, name),
    handle(request) {
      const response = simulator.handle(request);
      handled += 1;
      if (handled === 1) simulator.inject({ state: 'queued', createdAt: T0 });
      return response;
    },
  };
}

interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A tiny real server answering every request from `respond`; records what reached it. */
async function startFixedServer(respond: (request: SeenRequest) => { status: number; body: unknown }) {
  const requests: SeenRequest[] = [];
  const server = await startStubServer((request) => {
    const seen = { method: request.method, path: pathWithQuery(request), headers: request.headers, body: request.body };
    requests.push(seen);
    const { status, body } = respond(seen);
    return { status, text: JSON.stringify(body) };
  });
  cleanups.push(() => server.close());
  return { url: server.url, requests };
}

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const v1Headers = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'customer-id': VECTARA_DEMO_CUSTOMER_ID,
  'x-api-key': VECTARA_DEMO_API_KEY,
  ...extra,
});

describe('mapVectaraState', () => {
  it.each<[unknown, JobState, boolean, JobFlag[]]>([
    ['queued', 'queued', false, []],
    ['started', 'running', false, []],
    ['failed_will_retry', 'running', false, ['retrying']],
    ['completed', 'succeeded', true, []],
    ['failed', 'failed', true, []],
    ['aborted', 'cancelled', true, []],
    ['unknown', 'unknown', false, []],
    ['JOB_STATE__QUEUED', 'queued', false, []],
    ['JOB_STATE__STARTED', 'running', false, []],
    ['JOB_STATE__TRANSIENT_FAILURE_RETRY_IMMINENT', 'running', false, ['retrying']],
    ['JOB_STATE__COMPLETED', 'succeeded', true, []],
    ['JOB_STATE__FAILED', 'failed', true, []],
    ['JOB_STATE__ABORTED', 'cancelled', true, []],
    ['JOB_STATE__UNKNOWN', 'unknown', false, []],
    [0, 'unknown', false, []],
    [5, 'queued', false, []],
    [10, 'running', false, []],
    [15, 'succeeded', true, []],
    [20, 'failed', true, []],
    [25, 'running', false, ['retrying']],
    [30, 'cancelled', true, []],
    ['paused', 'unknown', false, []],
    ['JOB_STATE__PAUSED', 'unknown', false, []],
    ['COMPLETED', 'unknown', false, []],
    ['Completed', 'unknown', false, []],
    [99, 'unknown', false, []],
    ['15', 'unknown', false, []],
    ['', 'unknown', false, []],
    [null, 'unknown', false, []],
    [undefined, 'unknown', false, []],
    ['toString', 'unknown', false, []],
  ])('maps %j to %s (terminal %s, flags %j)', (native, state, terminal, flags) => {
    expect(mapVectaraState(native)).toEqual({ state, terminal, flags });
  });

  it('hands out a fresh flags array each time', () => {
    mapVectaraState('failed_will_retry').flags.push('warnings');
    expect(mapVectaraState('failed_will_retry').flags).toEqual(['retrying']);
  });

  it.each<[unknown, string, string]>([
    ['paused', 'v2', 'paused'],
    ['JOB_STATE__PAUSED', 'v1', 'JOB_STATE__PAUSED'],
    [99, 'v1', '99'],
    [25, 'v1', 'JOB_STATE__TRANSIENT_FAILURE_RETRY_IMMINENT'],
  ])('keeps the native state %j of a %s record as %j', (native, version, nativeState) => {
    const job = normalizeVectaraJob({ id: 'job_1', state: native }, 'vec', version as 'v1' | 'v2');
    expect(job.nativeState).toBe(nativeState);
    if (native !== 25) expect([job.state, job.terminal]).toEqual(['unknown', false]);
  });
});

describe('normalizeVectaraJob with v2 fixtures', () => {
  it('normalizes a completed job with every field', () => {
    const raw = fixtureRecord('v2-list-page-1.json', 0);
    expect(normalizeVectaraJob(raw, 'vec')).toEqual({
      source: 'vec',
      id: 'job_1042',
      key: 'vec/job_1042',
      vendor: 'vectara',
      type: 'replace_filter_attributes',
      state: 'succeeded',
      nativeState: 'completed',
      terminal: true,
      flags: [],
      priority: { rank: null, value: null, label: null },
      progress: null,
      createdAt: Date.parse('2026-03-01T10:00:00Z'),
      startedAt: Date.parse('2026-03-01T10:00:05Z'),
      finishedAt: Date.parse('2026-03-01T10:02:00Z'),
      updatedAt: Date.parse('2026-03-01T10:02:00Z'),
      owner: 'alice.chen',
      host: null,
      parentId: null,
      error: null,
      raw,
    });
    expect(normalizeVectaraJob(raw, 'vec').raw).toBe(raw);
  });

  it('gives a system job (no created_by_username) no owner and keeps a running job unfinished', () => {
    const job = normalizeVectaraJob(fixtureRecord('v2-list-page-1.json', 1), 'vec');
    expect(job).toMatchObject({
      id: 'job_1041',
      type: 'rebuild_vector_index',
      state: 'running',
      owner: null,
      finishedAt: null,
    });
    expect(job.updatedAt).toBe(Date.parse('2026-03-01T09:55:31Z'));
  });

  it('reads queued, retrying and aborted-before-start jobs', () => {
    const [, , queued, retrying, aborted] = (fixture('v2-list-page-1.json') as { jobs: unknown[] }).jobs.map((raw) =>
      normalizeVectaraJob(raw, 'vec'),
    );
    expect(queued).toMatchObject({
      state: 'queued',
      startedAt: null,
      finishedAt: null,
      owner: 'bob.okafor',
      updatedAt: Date.parse('2026-03-01T09:54:10Z'),
    });
    expect(retrying).toMatchObject({
      state: 'running',
      nativeState: 'failed_will_retry',
      flags: ['retrying'],
      terminal: false,
    });
    expect(aborted).toMatchObject({
      state: 'cancelled',
      terminal: true,
      startedAt: null,
      finishedAt: Date.parse('2026-03-01T09:30:20Z'),
    });
  });

  it('maps the unknown type and state of the last page', () => {
    const [failed, unknown] = (fixture('v2-list-last-page.json') as { jobs: unknown[] }).jobs.map((raw) =>
      normalizeVectaraJob(raw, 'vec'),
    );
    expect(failed).toMatchObject({ state: 'failed', terminal: true, owner: 'dmitri.volkov' });
    expect(unknown).toMatchObject({ type: 'unknown', state: 'unknown', nativeState: 'unknown', terminal: false });
  });

  it('builds a detail with no steps, messages, result or outputs', () => {
    const detail = normalizeVectaraJobDetail(fixture('v2-job.json'), 'vec');
    expect(detail).toMatchObject({ id: 'job_1041', state: 'running', steps: null, messages: null, outputs: null });
    expect(detail.result).toBeUndefined();
  });
});

describe('normalizeVectaraJob with v1 fixtures', () => {
  it('reads epoch seconds sent as strings and the v1 enum names', () => {
    const raw = fixtureRecord('v1-list-page-1.json', 0, 'job');
    expect(normalizeVectaraJob(raw, 'vec')).toEqual({
      source: 'vec',
      id: 'job_1042',
      key: 'vec/job_1042',
      vendor: 'vectara',
      type: 'JOB__CORPUS_REPLACE_FILTER_ATTRS',
      state: 'succeeded',
      nativeState: 'JOB_STATE__COMPLETED',
      terminal: true,
      flags: [],
      priority: { rank: null, value: null, label: null },
      progress: null,
      createdAt: 1772359200_000,
      startedAt: 1772359205_000,
      finishedAt: 1772359320_000,
      updatedAt: 1772359320_000,
      owner: 'alice.chen',
      host: null,
      parentId: null,
      error: null,
      raw,
    });
  });

  it('flags the transient failure as retrying', () => {
    expect(normalizeVectaraJob(fixtureRecord('v1-list-page-1.json', 2, 'job'), 'vec')).toMatchObject({
      state: 'running',
      flags: ['retrying'],
      owner: 'carla.mendes',
      startedAt: 1772358012_000,
      finishedAt: null,
    });
  });

  it('treats omitted zero values and "0" timestamps as unknown or unset', () => {
    const job = normalizeVectaraJob(fixtureRecord('v1-list-sparse.json', 0, 'job'), 'vec');
    expect(job).toMatchObject({
      type: 'JOB__UNKNOWN',
      state: 'unknown',
      nativeState: 'JOB_STATE__UNKNOWN',
      startedAt: null,
      finishedAt: null,
      owner: null,
    });
    expect(job.createdAt).toBe(1772355000_000);
  });

  it('accepts proto numbers for states and numbers for timestamps', () => {
    const aborted = normalizeVectaraJob(fixtureRecord('v1-list-sparse.json', 1, 'job'), 'vec');
    expect(aborted).toMatchObject({
      state: 'cancelled',
      nativeState: 'JOB_STATE__ABORTED',
      terminal: true,
      finishedAt: 1772354030_000,
      owner: 'ingest-bot',
    });
    expect(normalizeVectaraJob(fixtureRecord('v1-list-sparse.json', 2, 'job'), 'vec')).toMatchObject({
      state: 'queued',
      createdAt: 1772353000_000,
    });
  });

  it('tells v1 records from v2 records', () => {
    expect(detectVectaraApiVersion(fixtureRecord('v1-list-page-1.json', 1, 'job'))).toBe('v1');
    expect(detectVectaraApiVersion(fixtureRecord('v1-list-sparse.json', 0, 'job'))).toBe('v1');
    expect(detectVectaraApiVersion({ id: 'x', state: 10 })).toBe('v1');
    expect(detectVectaraApiVersion(fixtureRecord('v2-list-page-1.json', 2))).toBe('v2');
    expect(detectVectaraApiVersion(fixture('v2-job.json'))).toBe('v2');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 42],
    ['an array', ['job_1']],
    [
      'mistyped fields',
      {
        id: 7,
        type: ['x'],
        state: { name: 'queued' },
        created_at: 'yesterday',
        started_at: 12,
        created_by_username: false,
      },
    ],
    [
      'mistyped v1 fields',
      { id: 'job_2', tsCreate: 'soon', tsStart: '-5', state: 'JOB_STATE__STARTED', userHandle: 3 },
    ],
  ])('degrades %s to nulls without throwing', (_label, raw) => {
    const job = normalizeVectaraJob(raw, 'vec');
    expect(job.raw).toBe(raw);
    expect([job.createdAt, job.finishedAt, job.progress, job.priority.value]).toEqual([null, null, null, null]);
  });

  it('keeps a numeric id as a string', () => {
    expect(normalizeVectaraJob({ id: 7, state: { name: 'queued' } }, 'vec')).toMatchObject({
      id: '7',
      key: 'vec/7',
      state: 'unknown',
      nativeState: '{"name":"queued"}',
    });
  });
});

describe('Vectara v2 source over HTTP', () => {
  it('lists newest first with GET /v2/jobs, x-api-key and no customer-id header', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 12 });
    const result = await sourceFor(server.url).list();
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect([request.method, request.path, request.query]).toEqual(['GET', '/v2/jobs', { limit: '100' }]);
    expect(request.headers['x-api-key']).toBe(VECTARA_DEMO_API_KEY);
    expect(request.headers['customer-id']).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
    expect(result.jobs.map((job) => job.id)).toEqual(simulator.jobs.map((job) => job.id));
    expect(result.jobs.map((job) => job.nativeState)).toEqual(simulator.jobs.map((job) => job.state));
    expect(result.jobs.map((job) => job.createdAt)).toEqual(simulator.jobs.map((job) => job.createdAt));
    expect(result).toMatchObject({ total: null, stateCounts: null, requests: 1 });
  });

  it('asks for only `limit` jobs when the limit is smaller than a page', async () => {
    const { simulator, server } = await startSimulator();
    const result = await sourceFor(server.url, { limit: 7 }).list();
    expect(server.requests.map((request) => request.query)).toEqual([{ limit: '7' }]);
    expect(result.jobs.map((job) => job.id)).toEqual(simulator.jobs.slice(0, 7).map((job) => job.id));
    expect(result.requests).toBe(1);
  });

  it('caps pages at 100 and follows page_key until there is none', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 230 });
    const result = await sourceFor(server.url, { limit: 250 }).list();
    expect(server.requests.map((request) => request.query)).toEqual([
      { limit: '100' },
      { limit: '100', page_key: pageKeyFor(100) },
      { limit: '50', page_key: pageKeyFor(200) },
    ]);
    expect(result.jobs.map((job) => job.id)).toEqual(simulator.jobs.map((job) => job.id));
    expect(result.requests).toBe(3);
  });

  it('stops on an exactly full last page that carries no page_key', async () => {
    const { server } = await startSimulator({ jobCount: 200 });
    const result = await sourceFor(server.url, { limit: 300 }).list();
    expect(server.requests.map((request) => request.query)).toEqual([
      { limit: '100' },
      { limit: '100', page_key: pageKeyFor(100) },
    ]);
    expect(result.jobs).toHaveLength(200);
  });

  it('stops at the limit although the server has more pages', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 150 });
    const result = await sourceFor(server.url, { limit: 120 }).list();
    expect(server.requests.map((request) => request.query)).toEqual([
      { limit: '100' },
      { limit: '20', page_key: pageKeyFor(100) },
    ]);
    expect(result.jobs.map((job) => job.id)).toEqual(simulator.jobs.slice(0, 120).map((job) => job.id));
    expect(result.requests).toBe(2);
  });

  it('keeps asking for full pages once the server answered a short one, and drops the last page’s extra jobs', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 300, shortPages: true });
    const result = await sourceFor(server.url, { limit: 200 }).list();
    // The simulator serves half of what is asked (with a page_key), as real servers answer short pages.
    expect(server.requests.map((request) => request.query.limit)).toEqual(['100', '100', '100', '100']);
    expect(result.jobs.map((job) => job.id)).toEqual(simulator.jobs.slice(0, 200).map((job) => job.id));
    expect(result.requests).toBe(4);
  });

  it('drops the job that slides across a page boundary when a new job arrives mid-poll', async () => {
    let before: string[] = [];
    const { server } = await startSimulator({ jobCount: 150 }, (simulator) => {
      before = simulator.jobs.map((job) => job.id);
      return injectAfterFirstRequest(simulator);
    });
    const result = await sourceFor(server.url).list();
    const ids = result.jobs.map((job) => job.id);
    expect(server.requests).toHaveLength(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(before);
  });

  it('fetches one job with GET /v2/jobs/{id}', async () => {
    const { simulator, server } = await startSimulator();
    const target = simulator.jobs[3];
    const detail = await sourceFor(server.url).detail(target.id);
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v2/jobs/${target.id}`,
    ]);
    expect(server.requests[0].headers['x-api-key']).toBe(VECTARA_DEMO_API_KEY);
    expect(detail).toMatchObject({
      id: target.id,
      key: `vec/${target.id}`,
      nativeState: target.state,
      createdAt: target.createdAt,
      steps: null,
      messages: null,
      outputs: null,
    });
  });

  it('answers null for a job the server does not know (404)', async () => {
    const { server } = await startSimulator();
    expect(await sourceFor(server.url).detail('job_999999')).toBeNull();
    expect(server.requests[0].path).toBe('/v2/jobs/job_999999');
  });

  it('accepts a query key but surfaces 401 and 403 with the server message', async () => {
    const { server } = await startSimulator({ jobCount: 3 });
    expect((await sourceFor(server.url, { apiKey: VECTARA_DEMO_QUERY_KEY }).list()).jobs).toHaveLength(3);
    const wrong = await failure(sourceFor(server.url, { apiKey: 'zut_wrong' }).list());
    expect(wrong).toMatchObject({
      source: 'vec',
      kind: 'auth',
      status: 401,
      detail: 'Unauthorized: the API key is not valid.',
    });
    expect(wrong.message).toContain('vec: 401 unauthorized');
    const index = await failure(sourceFor(server.url, { apiKey: VECTARA_DEMO_INDEX_KEY }).list());
    expect(index).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(index.message).toContain('Permission denied: this API key cannot list jobs.');
  });

  it('refuses to poll without credentials and sends nothing', async () => {
    const { server } = await startSimulator();
    const error = await failure(sourceFor(server.url, { apiKey: undefined }).list());
    expect(error).toMatchObject({ kind: 'config', source: 'vec' });
    expect(server.requests).toHaveLength(0);
  });

  it('offers no actions, says which tabs it cannot fill, and act() sends nothing', async () => {
    const { server } = await startSimulator({ jobCount: 2 });
    const source = sourceFor(server.url);
    expect(source.capabilities).toBe(VECTARA_CAPABILITIES);
    expect(source.capabilities.actions).toEqual({});
    expect(source.capabilities).toMatchObject({
      detail: true,
      steps: false,
      messages: false,
      result: false,
      stats: false,
    });
    expect(Object.keys(source.capabilities.missing).sort()).toEqual(['messages', 'result', 'steps']);
    const [job] = (await source.list()).jobs;
    server.clearRequests();
    for (const kind of ['cancel', 'delete', 'retry'] as const) {
      const error = await failure(source.act(kind, job));
      expect(error).toMatchObject({ kind: 'unsupported', source: 'vec' });
      expect(error.message).toContain('no cancel, delete or retry');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('Vectara v1 source over HTTP', () => {
  const v1 = { apiVersion: 'v1' } as const;

  it('lists with POST /v1/list-jobs, customer-id, x-api-key and every state spelled out, even read-only', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 12 });
    const result = await sourceFor(server.url, { ...v1, readonly: true }).list();
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect([request.method, request.path]).toEqual(['POST', '/v1/list-jobs']);
    expect(request.headers['customer-id']).toBe(VECTARA_DEMO_CUSTOMER_ID);
    expect(request.headers['x-api-key']).toBe(VECTARA_DEMO_API_KEY);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ state: ALL_V1_STATES, numResults: 100 });
    expect(result.jobs.map((job) => job.id)).toEqual(simulator.jobs.map((job) => job.id));
    expect(result.jobs.some((job) => job.terminal)).toBe(true);
    expect(result.jobs.map((job) => [job.createdAt, job.startedAt, job.finishedAt])).toEqual(
      simulator.jobs.map((job) => [job.createdAt, job.startedAt, job.completedAt]),
    );
    expect(result.jobs[0].nativeState).toMatch(/^JOB_STATE__/);
    expect(result).toMatchObject({ total: null, stateCounts: null, requests: 1 });
  });

  it('sends only pageKey on later pages and stops when there is none', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 230 });
    const result = await sourceFor(server.url, { ...v1, limit: 250 }).list();
    const bodies = server.requests.map((request) => JSON.parse(request.body) as Record<string, unknown>);
    expect(bodies[0]).toEqual({ state: ALL_V1_STATES, numResults: 100 });
    expect(bodies.slice(1).map((body) => Object.keys(body))).toEqual([['pageKey'], ['pageKey']]);
    expect(bodies.slice(1).map((body) => decodeKey(body.pageKey as string).offset)).toEqual([100, 200]);
    expect(result.jobs.map((job) => job.id)).toEqual(simulator.jobs.map((job) => job.id));
    expect(result.requests).toBe(3);
  });

  it('asks for numResults = limit when the limit is smaller than a page', async () => {
    const { server } = await startSimulator();
    const result = await sourceFor(server.url, { ...v1, limit: 7 }).list();
    expect(server.requests.map((request) => JSON.parse(request.body))).toEqual([
      { state: ALL_V1_STATES, numResults: 7 },
    ]);
    expect(result.jobs).toHaveLength(7);
  });

  it('trims the frozen-size last page to the limit', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 150 });
    const result = await sourceFor(server.url, { ...v1, limit: 120 }).list();
    expect(server.requests).toHaveLength(2);
    expect(result.jobs.map((job) => job.id)).toEqual(simulator.jobs.slice(0, 120).map((job) => job.id));
  });

  it('stops on an exactly full last page without a pageKey', async () => {
    const { server } = await startSimulator({ jobCount: 200 });
    const result = await sourceFor(server.url, { ...v1, limit: 300 }).list();
    expect(server.requests).toHaveLength(2);
    expect(result.jobs).toHaveLength(200);
  });

  it('de-duplicates a job repeated by a mid-poll arrival', async () => {
    let before: string[] = [];
    const { server } = await startSimulator({ jobCount: 150 }, (simulator) => {
      before = simulator.jobs.map((job) => job.id);
      return injectAfterFirstRequest(simulator);
    });
    const ids = (await sourceFor(server.url, v1).list()).jobs.map((job) => job.id);
    expect(ids).toEqual(before);
  });

  it('gets one job by listing with a jobId filter, and null when it is absent', async () => {
    const { simulator, server } = await startSimulator();
    const target = simulator.jobs.find((job) => job.state === 'completed');
    expect(target).toBeDefined();
    const source = sourceFor(server.url, v1);
    const detail = await source.detail(target!.id);
    expect(JSON.parse(server.requests[0].body)).toEqual({ jobId: target!.id, state: ALL_V1_STATES, numResults: 1 });
    expect(detail).toMatchObject({
      id: target!.id,
      state: 'succeeded',
      nativeState: 'JOB_STATE__COMPLETED',
      steps: null,
      messages: null,
    });
    expect(await source.detail('job_424242')).toBeNull();
  });

  it.each<[string, Partial<VectaraOptions>, string, string, string]>([
    ['a wrong key', { apiKey: 'zut_wrong' }, 'auth', 'INVALID_API_KEY', 'The API key is not valid for this customer.'],
    ['a wrong customer id', { customerId: '42' }, 'auth', 'INVALID_CUSTOMER_ID', 'Customer ID 42 is not valid.'],
    [
      'a query key',
      { apiKey: VECTARA_DEMO_QUERY_KEY },
      'forbidden',
      'PERMISSION_DENIED',
      'ListJobs accepts only a Personal API key',
    ],
  ])('turns HTTP 200 with a failed status for %s into a SourceError', async (_label, overrides, kind, code, text) => {
    const { server } = await startSimulator();
    const error = await failure(sourceFor(server.url, { ...v1, ...overrides }).list());
    expect(error).toMatchObject({ source: 'vec', kind, status: 200, short: `${code} (HTTP 200)` });
    expect(error.message).toContain(`vec: ${code} (HTTP 200): ${code}: ${text}`);
  });

  it('requires a customer id before sending anything', async () => {
    const { server } = await startSimulator();
    const error = await failure(sourceFor(server.url, { ...v1, customerId: undefined }).list());
    expect(error).toMatchObject({ kind: 'config' });
    expect(error.message).toContain('customerId');
    expect(server.requests).toHaveLength(0);
  });
});

describe('Vectara OAuth2 client credentials', () => {
  it('fetches a token with a form POST, sends it as Bearer and reuses it on the next poll', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 5 });
    const source = sourceFor(server.url, { ...oauthOptions, readonly: true });
    const first = await source.list();
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /oauth2/token',
      'GET /v2/jobs',
    ]);
    const tokenRequest = server.requests[0];
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: VECTARA_DEMO_CLIENT_ID,
      client_secret: VECTARA_DEMO_CLIENT_SECRET,
    });
    expect(server.requests[1].headers.authorization).toMatch(/^Bearer eyJ\.demo-1\./);
    expect(server.requests[1].headers['x-api-key']).toBeUndefined();
    expect(first).toMatchObject({ requests: 2 });
    const second = await source.list();
    expect(second.requests).toBe(1);
    expect(simulator.tokensIssued).toBe(1);
  });

  it('fetches a new token once when the old one is refused with 401, then repeats the read', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 5 });
    const source = sourceFor(server.url, oauthOptions);
    await source.list();
    simulator.revokeTokens();
    server.clearRequests();
    const result = await source.list();
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v2/jobs',
      'POST /oauth2/token',
      'GET /v2/jobs',
    ]);
    expect(server.requests[2].headers.authorization).toMatch(/^Bearer eyJ\.demo-2\./);
    expect(result).toMatchObject({ requests: 3 });
    expect(result.jobs).toHaveLength(5);
  });

  it('recovers when the server clock passes the token lifetime', async () => {
    const { clock, server } = await startSimulator({ jobCount: 5 });
    const source = sourceFor(server.url, oauthOptions);
    await source.list();
    clock.now += (VECTARA_DEMO_TOKEN_LIFETIME_SECONDS + 1) * 1000;
    server.clearRequests();
    expect((await source.list()).requests).toBe(3);
  });

  it('refreshes on v1 status UNAUTHENTICATED (HTTP 200) and sends customer-id with the Bearer token', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 5 });
    const source = sourceFor(server.url, { ...oauthOptions, apiVersion: 'v1' });
    await source.list();
    simulator.revokeTokens();
    server.clearRequests();
    const result = await source.list();
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/list-jobs', '/oauth2/token', '/v1/list-jobs']);
    expect(server.requests[2].headers['customer-id']).toBe(VECTARA_DEMO_CUSTOMER_ID);
    expect(server.requests[2].headers.authorization).toMatch(/^Bearer /);
    expect(result.jobs).toHaveLength(5);
  });

  it('reports a refused client with the OAuth error code and sends no job request', async () => {
    const { server } = await startSimulator();
    const error = await failure(sourceFor(server.url, { ...oauthOptions, clientSecret: 'wrong-secret' }).list());
    expect(error).toMatchObject({ source: 'vec', kind: 'auth', status: 400, detail: 'invalid_client' });
    expect(error.message).toContain('HTTP 400');
    expect(server.requests.map((request) => request.path)).toEqual(['/oauth2/token']);
  });

  it('retries a refused read only once and uses a configured tokenUrl', async () => {
    const fake = await startFixedServer((request) =>
      request.path === '/auth/token'
        ? { status: 200, body: fixture('oauth-token.json') }
        : { status: 401, body: fixture('v2-error-401.json') },
    );
    const source = sourceFor(fake.url, { ...oauthOptions, tokenUrl: `${fake.url}/auth/token` });
    const error = await failure(source.list());
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /auth/token',
      'GET /v2/jobs?limit=100',
      'POST /auth/token',
      'GET /v2/jobs?limit=100',
    ]);
    expect(error).toMatchObject({ kind: 'auth', status: 401, detail: 'Unauthorized: the API key is not valid.' });
    expect(error.message).not.toContain('eyJraWQiOiJkZW1vIn0');
  });

  it.each<[string, 'v1' | 'v2', string | undefined, string]>([
    ['https://api.vectara.io', 'v2', undefined, 'https://auth.vectara.io/oauth2/token'],
    [
      'https://api.vectara.io',
      'v1',
      '1366999410',
      'https://vectara-prod-1366999410.auth.us-west-2.amazoncognito.com/oauth2/token',
    ],
    ['http://127.0.0.1:9000/', 'v2', undefined, 'http://127.0.0.1:9000/oauth2/token'],
    ['http://127.0.0.1:9000/vectara', 'v1', '5', 'http://127.0.0.1:9000/vectara/oauth2/token'],
  ])('defaults the token URL of %s (%s) sensibly', (url, version, customerId, expected) => {
    expect(defaultVectaraTokenUrl(url, version, customerId)).toBe(expected);
  });
});

describe('Vectara error shapes', () => {
  it.each<[string, number, string, string[]]>([
    ['v2-error-400.json', 400, 'http', ['The request is invalid.', 'limit: must be an integer between 1 and 100']],
    ['v2-error-401.json', 401, 'auth', ['Unauthorized: the API key is not valid.']],
    ['v2-error-403.json', 403, 'forbidden', ['Permission denied: this API key cannot list jobs.']],
    ['v2-error-404.json', 404, 'not-found', ["Job 'job_9999' was not found."]],
  ])('v2 list: %s (HTTP %i) becomes a %s SourceError with the server message', async (name, status, kind, texts) => {
    const fake = await startFixedServer(() => ({ status, body: fixture(name) }));
    const error = await failure(sourceFor(fake.url).list());
    expect(error).toMatchObject({ source: 'vec', status, kind, request: 'GET /v2/jobs' });
    expect(error.message).toMatch(new RegExp(`^vec: .*${status}`));
    for (const text of texts) expect(error.message).toContain(text);
  });

  it.each<[string, number, string]>([
    ['v1-error-400.json', 400, 'http'],
    ['v1-error-401.json', 401, 'auth'],
    ['v1-error-503.json', 503, 'server'],
  ])('v1 list: gRPC-gateway body %s (HTTP %i) becomes a %s SourceError', async (name, status, kind) => {
    const body = fixture(name) as { message: string };
    const fake = await startFixedServer(() => ({ status, body }));
    const error = await failure(sourceFor(fake.url, { apiVersion: 'v1' }).list());
    expect(error).toMatchObject({ source: 'vec', status, kind, detail: body.message, request: 'POST /v1/list-jobs' });
    expect(error.message).toContain(String(status));
  });

  it.each<[string, string, string]>([
    ['v1-status-invalid-api-key.json', 'INVALID_API_KEY', 'auth'],
    ['v1-status-invalid-customer-id.json', 'INVALID_CUSTOMER_ID', 'auth'],
    ['v1-status-unauthenticated.json', 'UNAUTHENTICATED', 'auth'],
    ['v1-status-permission-denied.json', 'PERMISSION_DENIED', 'forbidden'],
  ])('v1 list: HTTP 200 carrying %s fails with the code and statusDetail', async (name, code, kind) => {
    const body = fixture(name) as { status: Array<{ statusDetail: string }> };
    const fake = await startFixedServer(() => ({ status: 200, body }));
    const error = await failure(sourceFor(fake.url, { apiVersion: 'v1' }).list());
    expect(error).toMatchObject({
      source: 'vec',
      kind,
      status: 200,
      detail: `${code}: ${body.status[0].statusDetail}`,
    });
    expect(error.message).toContain('HTTP 200');
  });

  it('does not retry an API-key request refused with UNAUTHENTICATED', async () => {
    const fake = await startFixedServer(() => ({ status: 200, body: fixture('v1-status-unauthenticated.json') }));
    await failure(sourceFor(fake.url, { apiVersion: 'v1' }).list());
    expect(fake.requests).toHaveLength(1);
  });

  it('reports every non-OK element of a mixed status list', async () => {
    const body = {
      status: [{ code: 'OK' }, { code: 'FAILURE', statusDetail: 'index busy' }, { code: 'DEADLINE_EXCEEDED' }],
    };
    const fake = await startFixedServer(() => ({ status: 200, body }));
    const error = await failure(sourceFor(fake.url, { apiVersion: 'v1' }).list());
    expect(error).toMatchObject({
      kind: 'vendor',
      short: 'FAILURE (HTTP 200)',
      detail: 'FAILURE: index busy; DEADLINE_EXCEEDED',
    });
  });

  it.each<[string, 'v1' | 'v2', unknown, string]>([
    ['a v2 list without jobs', 'v2', { items: [] }, 'no `jobs` array'],
    ['a v2 list that is an array', 'v2', [], 'no `jobs` array'],
    ['a v2 list with jobs as an object', 'v2', { jobs: {} }, 'no `jobs` array'],
    ['a v1 list that is an array', 'v1', [], 'not a JSON object'],
    ['a v1 list with job as an object', 'v1', { status: [{ code: 'OK' }], job: { id: 'x' } }, '`job` is not an array'],
    ['a v1 list with status as a string', 'v1', { status: 'OK', job: [] }, '`status` is not an array'],
  ])('calls %s an unexpected response shape', async (_label, apiVersion, body, detail) => {
    const fake = await startFixedServer(() => ({ status: 200, body }));
    const error = await failure(sourceFor(fake.url, { apiVersion }).list());
    expect(error).toMatchObject({ source: 'vec', kind: 'shape', short: 'unexpected response shape', status: 200 });
    expect(error.detail).toContain(detail);
  });

  it('calls a v2 job body without an id an unexpected response shape', async () => {
    const fake = await startFixedServer(() => ({ status: 200, body: { state: 'queued' } }));
    const error = await failure(sourceFor(fake.url).detail('job_1'));
    expect(error).toMatchObject({ kind: 'shape', request: 'GET /v2/jobs/job_1' });
  });

  it('reads an all-defaults v1 body `{}` as an empty list and sparse records as jobs', async () => {
    const bodies = [{}, fixture('v1-list-sparse.json')];
    const fake = await startFixedServer(() => ({ status: 200, body: bodies.shift() }));
    const source = sourceFor(fake.url, { apiVersion: 'v1' });
    expect((await source.list()).jobs).toEqual([]);
    expect((await source.list()).jobs.map((job) => [job.id, job.state])).toEqual([
      ['job_1036', 'unknown'],
      ['job_1035', 'cancelled'],
      ['job_1034', 'queued'],
    ]);
  });

  it('follows the page_key of a page shorter than asked: a short page is not the last one', async () => {
    const fake = await startFixedServer((request) =>
      request.path.includes('page_key')
        ? { status: 200, body: fixture('v2-list-last-page.json') }
        : { status: 200, body: fixture('v2-list-page-1.json') },
    );
    const result = await sourceFor(fake.url, { limit: 7 }).list();
    const pageKey = (fixture('v2-list-page-1.json') as { metadata: { page_key: string } }).metadata.page_key;
    expect(fake.requests.map((request) => [request.method, request.path, request.headers['x-api-key']])).toEqual([
      ['GET', '/v2/jobs?limit=7', VECTARA_DEMO_API_KEY],
      // a short page was seen: the next page asks for the same size again, not only the 2 missing jobs
      ['GET', `/v2/jobs?limit=7&page_key=${encodeURIComponent(pageKey)}`, VECTARA_DEMO_API_KEY],
    ]);
    expect(result.jobs.map((job) => job.id).slice(0, 5)).toEqual([
      'job_1042',
      'job_1041',
      'job_1040',
      'job_1039',
      'job_1038',
    ]);
    expect(result.jobs.length).toBeGreaterThan(5);
  });

  it('follows a v1 pageKey past a 2-job page (recorded shape: empty status, base64 ids, "0" times) until the key is empty', async () => {
    const fake = await startFixedServer((request) => ({
      status: 200,
      body: fixture(JSON.parse(request.body).pageKey ? 'v1-list-short-page-last.json' : 'v1-list-short-page.json'),
    }));
    const result = await sourceFor(fake.url, { apiVersion: 'v1', limit: 50 }).list();
    const firstPage = fixture('v1-list-short-page.json') as { pageKey: string; job: { id: string }[] };
    expect(
      fake.requests.map((request) => [
        request.method,
        request.path,
        request.headers['customer-id'],
        JSON.parse(request.body),
      ]),
    ).toEqual([
      ['POST', '/v1/list-jobs', VECTARA_DEMO_CUSTOMER_ID, { state: ALL_V1_STATES, numResults: 50 }],
      ['POST', '/v1/list-jobs', VECTARA_DEMO_CUSTOMER_ID, { pageKey: firstPage.pageKey }],
    ]);
    expect(result.jobs.map((job) => [job.id, job.key, job.state, job.startedAt])).toEqual([
      [firstPage.job[0].id, `vec/${firstPage.job[0].id}`, 'succeeded', 1772359205_000],
      [firstPage.job[1].id, `vec/${firstPage.job[1].id}`, 'queued', null],
      ['Ck0KBGpvYnMSRWpvYl9jOWQ+ZTJmL2crMw==', 'vec/Ck0KBGpvYnMSRWpvYl9jOWQ+ZTJmL2crMw==', 'failed', 1772358012_000],
    ]);
    expect(result.requests).toBe(2);
  });

  it('finds a base64 v1 id with "=", "/" and "+" in detail, sending it exactly as jobId', async () => {
    const id = 'Ck0KBGpvYnMSRWpvYl9iN2M/ZDFlL2Y+KzI=';
    const fake = await startFixedServer(() => ({ status: 200, body: fixture('v1-list-short-page.json') }));
    const detail = await sourceFor(fake.url, { apiVersion: 'v1' }).detail(id);
    expect(JSON.parse(fake.requests[0].body)).toEqual({ jobId: id, state: ALL_V1_STATES, numResults: 1 });
    expect([detail?.id, detail?.key, detail?.state]).toEqual([id, `vec/${id}`, 'queued']);
  });

  it('escapes a base64 id in the v2 detail path', async () => {
    const id = 'job_a4f>c?d/e+f=';
    const fake = await startFixedServer(() => ({ status: 200, body: { id, state: 'completed' } }));
    const detail = await sourceFor(fake.url).detail(id);
    expect(fake.requests.map((request) => request.path)).toEqual([`/v2/jobs/${encodeURIComponent(id)}`]);
    expect(fake.requests[0].path).toBe('/v2/jobs/job_a4f%3Ec%3Fd%2Fe%2Bf%3D');
    expect(detail?.id).toBe(id);
  });

  it('reports the page cap as truncated when the server still has pages', async () => {
    let page = 0;
    const fake = await startFixedServer(() => ({
      status: 200,
      body: { jobs: [{ id: `job_${page}`, state: 'queued' }], metadata: { page_key: `k${++page}` } },
    }));
    const result = await sourceFor(fake.url, { limit: 500 }).list();
    expect(result.truncated).toEqual({
      asked: 500,
      fetched: 50,
      reason: 'stopped after 50 pages; the server still had a next page',
    });
  });

  it('stops when the server hands back the page_key it was given', async () => {
    const jobs = Array.from({ length: 100 }, (_, index) => ({ id: `job_${index}`, state: 'queued' }));
    const fake = await startFixedServer(() => ({ status: 200, body: { jobs, metadata: { page_key: 'c2FtZQ==' } } }));
    const result = await sourceFor(fake.url, { limit: 1000 }).list();
    expect(fake.requests.map((request) => request.path)).toEqual([
      '/v2/jobs?limit=100',
      '/v2/jobs?limit=100&page_key=c2FtZQ%3D%3D',
    ]);
    expect(result.jobs).toHaveLength(100);
  });

  it('never fetches more than MAX_PAGES_PER_POLL pages in one poll', async () => {
    let page = 0;
    const fake = await startFixedServer(() => {
      page += 1;
      const jobs = Array.from({ length: 100 }, (_, index) => ({ id: `job_${page}_${index}`, state: 'started' }));
      return { status: 200, body: { jobs, metadata: { page_key: pageKeyFor(page * 100) } } };
    });
    const result = await sourceFor(fake.url, { limit: 100_000 }).list();
    expect(fake.requests).toHaveLength(MAX_PAGES_PER_POLL);
    expect(result).toMatchObject({ requests: MAX_PAGES_PER_POLL });
    expect(result.jobs).toHaveLength(MAX_PAGES_PER_POLL * 100);
  });

  it('skips records without an id', async () => {
    const fake = await startFixedServer(() => ({
      status: 200,
      body: { jobs: [{ state: 'queued' }, { id: 'job_2', state: 'started' }], metadata: {} },
    }));
    expect((await sourceFor(fake.url).list()).jobs.map((job) => job.id)).toEqual(['job_2']);
  });
});

describe('Vectara simulator', () => {
  it('is deterministic for a seed and independent of how often it ticks', () => {
    let coarseClock = T0;
    let fineClock = T0;
    const coarse = createVectaraSimulator({ seed: 3, now: () => coarseClock });
    const fine = createVectaraSimulator({ seed: 3, now: () => fineClock });
    expect(fine.jobs).toEqual(coarse.jobs);
    coarseClock = T0 + 3_600_000;
    coarse.tick(coarseClock);
    for (fineClock = T0; fineClock < T0 + 3_600_000; fineClock += 7_000) fine.tick(fineClock);
    fineClock = T0 + 3_600_000;
    fine.tick(fineClock);
    expect(fine.jobs).toEqual(coarse.jobs);
    expect(fine.jobs.length).toBeGreaterThan(40);
  });

  it('moves jobs through every state with consistent timestamps', () => {
    let clock = T0;
    const simulator = createVectaraSimulator({ seed: 11, jobCount: 60, now: () => clock });
    const seen = new Set<string>(simulator.jobs.map((job) => job.state));
    const inconsistent: string[] = [];
    for (; clock < T0 + 3 * 3_600_000; clock += 10_000) {
      simulator.tick(clock);
      for (const job of simulator.jobs) {
        seen.add(job.state);
        const terminal = ['completed', 'failed', 'aborted'].includes(job.state);
        if ((job.startedAt !== null && job.startedAt < job.createdAt) || (job.completedAt !== null) !== terminal)
          inconsistent.push(job.id);
      }
    }
    expect(inconsistent).toEqual([]);
    expect([...seen].sort()).toEqual(['aborted', 'completed', 'failed', 'failed_will_retry', 'queued', 'started']);
  });

  it('stays bounded over twelve hours of arrivals', () => {
    let clock = T0;
    const simulator = createVectaraSimulator({ seed: 5, jobCount: 10, now: () => clock });
    for (; clock < T0 + 12 * 3_600_000; clock += 30_000) simulator.tick(clock);
    const active = simulator.jobs.filter((job) => !['completed', 'failed', 'aborted'].includes(job.state)).length;
    expect(simulator.jobs.length).toBeLessThanOrEqual(20 + active);
    expect(simulator.jobs[0].createdAt).toBeGreaterThan(T0 + 11 * 3_600_000);
  });

  it('serves v2 jobs in the documented shape and validates limit and page_key', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 15 });
    const key = { 'x-api-key': VECTARA_DEMO_API_KEY };
    const page = await call(`${server.url}/v2/jobs`, { headers: key });
    expect(page.status).toBe(200);
    expect((page.body.jobs as unknown[]).length).toBe(10);
    expect(page.body.metadata).toEqual({ page_key: pageKeyFor(10) });
    const queued = simulator.inject({ state: 'queued', createdAt: T0, username: null });
    const first = ((await call(`${server.url}/v2/jobs?limit=1`, { headers: key })).body.jobs as unknown[])[0];
    expect(first).toEqual({
      id: queued.id,
      type: 'replace_filter_attributes',
      corpus_keys: queued.corpusKeys,
      state: 'queued',
      created_at: '2026-03-01T12:00:00Z',
    });
    const last = await call(`${server.url}/v2/jobs?limit=10&page_key=${pageKeyFor(10)}`, { headers: key });
    expect([(last.body.jobs as unknown[]).length, last.body.metadata]).toEqual([6, {}]);
    for (const limit of ['0', '101', 'ten']) {
      const refused = await call(`${server.url}/v2/jobs?limit=${limit}`, { headers: key });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body).sort()).toEqual(Object.keys(fixture('v2-error-400.json') as object).sort());
      expect(refused.body.field_errors).toEqual({ limit: 'must be an integer between 1 and 100' });
    }
    expect((await call(`${server.url}/v2/jobs?page_key=garbage`, { headers: key })).body.field_errors).toEqual({
      page_key: 'is not a valid page key',
    });
    expect((await call(`${server.url}/v2/jobs?state=running`, { headers: key })).status).toBe(400);
    const filtered = await call(`${server.url}/v2/jobs?limit=100&state=queued`, { headers: key });
    expect((filtered.body.jobs as Array<{ state: string }>).every((job) => job.state === 'queued')).toBe(true);
  });

  it('answers v2 errors with the documented bodies', async () => {
    const { server } = await startSimulator();
    const shapeOf = (name: string) => Object.keys(fixture(name) as object).sort();
    const missing = await call(`${server.url}/v2/jobs/job_999999`, { headers: { 'x-api-key': VECTARA_DEMO_API_KEY } });
    expect([missing.status, Object.keys(missing.body).sort(), missing.body.id]).toEqual([
      404,
      shapeOf('v2-error-404.json'),
      'job_999999',
    ]);
    const badId = await call(`${server.url}/v2/jobs/nope`, { headers: { 'x-api-key': VECTARA_DEMO_API_KEY } });
    expect([badId.status, badId.body.field_errors]).toEqual([400, { job_id: 'must match the pattern job_.+' }]);
    const anonymous = await call(`${server.url}/v2/jobs`);
    expect([anonymous.status, Object.keys(anonymous.body).sort()]).toEqual([401, shapeOf('v2-error-401.json')]);
    const index = await call(`${server.url}/v2/jobs`, { headers: { 'x-api-key': VECTARA_DEMO_INDEX_KEY } });
    expect([index.status, index.body.messages]).toEqual([
      403,
      (fixture('v2-error-403.json') as { messages: string[] }).messages,
    ]);
    const deletion = await call(`${server.url}/v2/jobs/job_1001`, {
      method: 'DELETE',
      headers: { 'x-api-key': VECTARA_DEMO_API_KEY },
    });
    expect(deletion.status).toBe(405);
  });

  it('serves v1 in protojson form: string seconds, omitted unset fields, QUEUED+STARTED by default', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 30 });
    const all = await call(`${server.url}/v1/list-jobs`, {
      method: 'POST',
      headers: v1Headers(),
      body: JSON.stringify({ state: VECTARA_V1_STATE_NAMES, numResults: 100 }),
    });
    expect(all.body.status).toEqual([{ code: 'OK', statusDetail: '' }]);
    expect(all.body.pageKey).toBeUndefined();
    const records = all.body.job as Array<Record<string, unknown>>;
    expect(records).toHaveLength(30);
    const first = simulator.jobs[0];
    expect(records[0].tsCreate).toBe(String(first.createdAt / 1000));
    for (const record of records) {
      expect(typeof record.tsCreate).toBe('string');
      if (record.state === 'JOB_STATE__QUEUED') expect(record.tsStart).toBeUndefined();
    }
    const unfiltered = await call(`${server.url}/v1/list-jobs`, {
      method: 'POST',
      headers: v1Headers(),
      body: JSON.stringify({ numResults: 100 }),
    });
    const active = simulator.jobs
      .filter((job) => job.state === 'queued' || job.state === 'started')
      .map((job) => job.id);
    expect((unfiltered.body.job as Array<{ id: string }>).map((job) => job.id)).toEqual(active);
    expect(active.length).toBeLessThan(30);
  });

  it('makes v1 later pages ignore every field but pageKey, and validates the request', async () => {
    const { server } = await startSimulator({ jobCount: 30 });
    const post = (body: unknown, headers = v1Headers()) =>
      call(`${server.url}/v1/list-jobs`, { method: 'POST', headers, body: JSON.stringify(body) });
    const first = await post({ state: [15, 20, 30, 5, 10, 25, 0], num_results: 4 });
    const pageKey = first.body.pageKey as string;
    expect(decodeKey(pageKey).offset).toBe(4);
    const second = await post({ pageKey, numResults: 1, state: ['JOB_STATE__QUEUED'] });
    expect((second.body.job as unknown[]).length).toBe(4);
    expect(await post({ numResults: 101 })).toEqual({
      status: 200,
      body: { status: [{ code: 'INVALID_ARGUMENT', statusDetail: 'numResults must be at most 100.' }] },
    });
    expect((await post({ state: ['JOB_STATE__PAUSED'] })).body).toEqual(fixture('v1-error-400.json'));
    expect((await post({ pageKey: '%%%' })).status).toBe(400);
    expect((await post({ pageKey: pageKeyFor(3).slice(2) })).body.status).toEqual([
      { code: 'INVALID_ARGUMENT', statusDetail: 'The page key is invalid or has expired.' },
    ]);
    const anonymous = await post({}, {
      'content-type': 'application/json',
      'customer-id': VECTARA_DEMO_CUSTOMER_ID,
    } as ReturnType<typeof v1Headers>);
    expect([anonymous.status, anonymous.body]).toEqual([401, fixture('v1-error-401.json')]);
    const noCustomer = await post({}, {
      'content-type': 'application/json',
      'x-api-key': VECTARA_DEMO_API_KEY,
    } as ReturnType<typeof v1Headers>);
    expect(noCustomer.body.status).toEqual([
      { code: 'INVALID_CUSTOMER_ID', statusDetail: 'The customer-id header is required.' },
    ]);
    expect((await call(`${server.url}/v1/list-jobs`, { headers: v1Headers() })).status).toBe(405);
  });

  it('issues tokens only for the demo client, with Cognito-style refusals', async () => {
    const { server } = await startSimulator();
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const good = await call(
      `${server.url}/oauth2/token`,
      form({
        grant_type: 'client_credentials',
        client_id: VECTARA_DEMO_CLIENT_ID,
        client_secret: VECTARA_DEMO_CLIENT_SECRET,
      }),
    );
    expect([good.status, Object.keys(good.body).sort()]).toEqual([
      200,
      Object.keys(fixture('oauth-token.json') as object).sort(),
    ]);
    expect(good.body.expires_in).toBe(VECTARA_DEMO_TOKEN_LIFETIME_SECONDS);
    const bad = await call(
      `${server.url}/oauth2/token`,
      form({ grant_type: 'client_credentials', client_id: VECTARA_DEMO_CLIENT_ID, client_secret: 'nope' }),
    );
    expect([bad.status, bad.body]).toEqual([400, fixture('oauth-error-invalid-client.json')]);
    const grant = await call(`${server.url}/oauth2/token`, form({ grant_type: 'password' }));
    expect(grant.body).toEqual({ error: 'unsupported_grant_type' });
  });

  it('hands out a config entry that monitors it', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 4 });
    const config = simulator.sourceConfig(server.url, 'demo-vectara');
    expect(config).toEqual({
      name: 'demo-vectara',
      type: 'vectara',
      url: server.url,
      apiVersion: 'v2',
      apiKey: VECTARA_DEMO_API_KEY,
      customerId: VECTARA_DEMO_CUSTOMER_ID,
    });
    const source = createVectaraSource(config as unknown as VectaraOptions);
    cleanups.push(() => source.close());
    expect((await source.list()).jobs).toHaveLength(4);
    const v1Config = createVectaraSimulator({ sourceApiVersion: 'v1' }).sourceConfig('http://x', 'n');
    expect(v1Config.apiVersion).toBe('v1');
  });
});
