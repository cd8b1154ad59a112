import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALTERYX_ENRICH_PER_POLL,
  alteryxMessageLevel,
  alteryxNativeState,
  createAlteryxSource,
  mapAlteryxState,
  normalizeAlteryxDetail,
  normalizeAlteryxJob,
  normalizeAlteryxMessages,
  parseAlteryxPriority,
  type AlteryxOptions,
} from '../../source/adapters/alteryx/index.js';
import type { JobSource } from '../../source/adapters/contract.js';
import { SourceError } from '../../source/adapters/errors.js';
import { MAX_PAGES_PER_POLL } from '../../source/adapters/paging.js';
import {
  ALTERYX_DEMO_CLIENT_ID,
  ALTERYX_DEMO_CLIENT_SECRET,
  ALTERYX_DEMO_USER,
  ALTERYX_DENIED_MESSAGE,
  ALTERYX_PROTECTED_OWNER,
  createAlteryxSimulator,
  type AlteryxJobSeed,
  type AlteryxSimulator,
  type AlteryxSimulatorOptions,
} from '../../source/demo/alteryx-server.js';
import {
  startDemoServer,
  type DemoRequest,
  type RunningDemoServer,
  type VendorSimulator,
} from '../../source/demo/kit.js';
import type { Job } from '../../source/domain/job.js';
import { startStubServer } from '../helpers/stub-server.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/alteryx');
const fixture = (name: string): any => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

const START = Date.parse('2025-10-01T15:00:00Z');
let clock = START;
const now = () => clock;

const servers: RunningDemoServer[] = [];
const sources: JobSource[] = [];

afterEach(async () => {
  await Promise.all(sources.splice(0).map((source) => source.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
  clock = START;
});

/** A quiet simulator (no starting jobs, no arrivals) on a real port under /webapi. */
async function startAlteryx(
  options: AlteryxSimulatorOptions = {},
  wrap?: (simulator: AlteryxSimulator) => VendorSimulator,
) {
  const simulator = createAlteryxSimulator({ now, seed: 7, jobCount: 0, arrivals: false, ...options });
  const server = await startDemoServer(wrap ? wrap(simulator) : simulator, { basePath: '/webapi' });
  servers.push(server);
  return { simulator, server };
}

function sourceFor(
  server: { url: string; simulator: VendorSimulator },
  overrides: Partial<AlteryxOptions> = {},
): JobSource {
  const config = server.simulator.sourceConfig(server.url, 'ayx') as unknown as AlteryxOptions;
  const source = createAlteryxSource({ ...config, now, ...overrides });
  sources.push(source);
  return source;
}

/** Injects `count` jobs, the first the newest, a minute apart. */
function injectMany(
  simulator: AlteryxSimulator,
  count: number,
  seed: (index: number) => AlteryxJobSeed = () => ({ status: 'Running' }),
): string[] {
  return Array.from(
    { length: count },
    (_, index) => simulator.inject({ queuedAt: clock - (index + 1) * 60_000, ...seed(index) }).id,
  );
}

const listCalls = (server: RunningDemoServer) =>
  server.requests.filter((request) => request.method === 'GET' && request.path === '/webapi/v3/jobs');
const detailCalls = (server: RunningDemoServer) =>
  server.requests.filter((request) => request.method === 'GET' && /^\/webapi\/v3\/jobs\/[^/]+$/.test(request.path));
const sequence = (server: RunningDemoServer) => server.requests.map((request) => `${request.method} ${request.path}`);

async function rejection(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('mapAlteryxState', () => {
  it.each([
    ['Created', undefined, 'queued', false, []],
    ['Queued', undefined, 'queued', false, []],
    ['Initializing', undefined, 'running', false, []],
    ['Running', 'None', 'running', false, []],
    ['Cancelled', undefined, 'cancelled', true, []],
    ['Cancelled', 'Cancelled', 'cancelled', true, []],
    ['Completed', 'Success', 'succeeded', true, []],
    ['Completed', 'Warning', 'succeeded', true, ['warnings']],
    ['Completed', 'Error', 'failed', true, []],
    ['Completed', 'Cancelled', 'cancelled', true, []],
    ['Complete', 'Success', 'succeeded', true, []],
    ['Complete', 'Error', 'failed', true, []],
    ['Completed', undefined, 'unknown', true, ['needs-disposition']],
    ['Completed', null, 'unknown', true, ['needs-disposition']],
    ['Completed', '', 'unknown', true, ['needs-disposition']],
    ['Completed', 'None', 'unknown', true, []],
    ['Completed', 'Exploded', 'unknown', true, []],
    ['Paused', undefined, 'unknown', false, []],
    ['', undefined, 'unknown', false, []],
    [undefined, undefined, 'unknown', false, []],
    [42, 'Success', 'unknown', false, []],
  ])(
    'maps status %j with disposition %j to %s (terminal %s, flags %j)',
    (status, disposition, state, terminal, flags) => {
      expect(mapAlteryxState(status, disposition)).toEqual({ state, terminal, flags });
    },
  );

  it.each([
    ['Completed', 'Warning', 'Completed/Warning'],
    ['Complete', 'Error', 'Complete/Error'],
    ['Completed', undefined, 'Completed'],
    ['Running', 'None', 'Running'],
    ['Cancelled', 'Cancelled', 'Cancelled'],
    ['Paused', undefined, 'Paused'],
  ])('shows status %j with disposition %j as native state %j', (status, disposition, native) => {
    expect(alteryxNativeState(status, disposition)).toBe(native);
  });
});

describe('parseAlteryxPriority', () => {
  it.each([
    ['Low', 0, 'low'],
    ['Default', 0, 'normal'],
    ['Normal', 0, 'normal'],
    ['Medium', 1, 'normal'],
    ['High', 2, 'high'],
    ['Critical', 3, 'urgent'],
    ['0', 0, 'normal'],
    ['1', 1, 'normal'],
    ['4', 4, 'normal'],
    ['6', 6, 'low'],
    ['5', 5, null],
    ['Urgent', null, null],
  ])('reads priority %j as value %j, rank %j, with the label kept', (label, value, rank) => {
    expect(parseAlteryxPriority(label)).toEqual({ rank, value, label });
  });

  it('reads a missing priority as null and a numeric one as its string label', () => {
    expect(parseAlteryxPriority(undefined)).toEqual({ rank: null, value: null, label: null });
    expect(parseAlteryxPriority({})).toEqual({ rank: null, value: null, label: null });
    expect(parseAlteryxPriority(2)).toEqual({ rank: 'high', value: 2, label: '2' });
  });
});

describe('alteryxMessageLevel', () => {
  it.each([
    [1, 'info'],
    [2, 'warning'],
    [3, 'error'],
    [4, 'info'],
    [5, 'warning'],
    [8, 'info'],
    [9, 'info'],
    [10, 'debug'],
    [50, 'debug'],
    [70, 'debug'],
    [0x40000000 | 1, 'info'],
    [0x40000000 | 2, 'warning'],
    [0x40000000 | 3, 'error'],
    [99, 'info'],
    ['3', 'error'],
    ['loud', 'info'],
    [undefined, 'info'],
  ])('gives engine message status %j the level %s', (status, level) => {
    expect(alteryxMessageLevel(status)).toBe(level);
  });
});

describe('normalizeAlteryxJob (fixtures)', () => {
  const page1 = fixture('list-page-1.json').data;
  const page2 = fixture('list-page-2.json').data;

  it('normalizes a queued list item completely, keeping the record as raw', () => {
    const job = normalizeAlteryxJob(page1[0], 'ayx');
    expect(job).toEqual({
      source: 'ayx',
      id: '68dd3a41c97fddfcc003ae10',
      key: 'ayx/68dd3a41c97fddfcc003ae10',
      vendor: 'alteryx',
      type: 'ETL Customers.yxwz',
      state: 'queued',
      nativeState: 'Queued',
      terminal: false,
      flags: [],
      priority: { rank: 'high', value: 2, label: 'High' },
      progress: null,
      createdAt: Date.parse('2025-10-01T14:22:09Z'),
      startedAt: null,
      finishedAt: null,
      updatedAt: null,
      owner: 'Priya Raman',
      host: null,
      parentId: null,
      error: null,
      raw: page1[0],
    });
    expect(job.raw).toBe(page1[0]);
  });

  it('gives running jobs a start but no end', () => {
    const initializing = normalizeAlteryxJob(page1[1], 'ayx');
    const running = normalizeAlteryxJob(page1[2], 'ayx');
    expect([initializing.state, running.state]).toEqual(['running', 'running']);
    expect(running.startedAt).toBe(Date.parse('2025-10-01T14:20:52Z'));
    expect(running.finishedAt).toBeNull();
    expect(running.priority).toEqual({ rank: 'normal', value: 0, label: '0' });
    expect(initializing.priority).toEqual({ rank: 'normal', value: 0, label: 'Default' });
  });

  it('leaves a completed job unknown and flagged until its disposition is known, with its end from the execution time', () => {
    const job = normalizeAlteryxJob(page1[3], 'ayx');
    expect(job).toMatchObject({
      state: 'unknown',
      terminal: true,
      flags: ['needs-disposition'],
      nativeState: 'Completed',
      type: 'Workflow1',
    });
    expect(job.finishedAt).toBe(Date.parse('2025-10-01T13:57:12Z'));
    expect(normalizeAlteryxJob(page1[4], 'ayx').priority).toEqual({ rank: 'low', value: 6, label: '6' });
  });

  it('applies a known disposition to a completed list item', () => {
    const job = normalizeAlteryxJob(page1[3], 'ayx', 'Warning');
    expect(job).toMatchObject({
      state: 'succeeded',
      terminal: true,
      flags: ['warnings'],
      nativeState: 'Completed/Warning',
    });
  });

  it('reads cancelled jobs and day-long execution times (d.HH:MM:SS)', () => {
    const cancelled = normalizeAlteryxJob(page2[0], 'ayx');
    expect(cancelled).toMatchObject({ state: 'cancelled', terminal: true, priority: { value: 3, label: 'Critical' } });
    expect(cancelled.finishedAt).toBe(Date.parse('2025-09-30T16:40:01Z') + (12 * 60 + 45) * 1000);
    const long = normalizeAlteryxJob(page2[1], 'ayx', 'Success');
    expect(long.finishedAt).toBe(Date.parse('2025-09-29T08:00:05Z') + ((26 * 60 + 3) * 60 + 4) * 1000);
  });

  it('degrades mistyped or missing fields to null instead of throwing', () => {
    const odd = {
      jobId: 5,
      status: ['x'],
      startTime: 'garbage',
      queueTime: '0001-01-01T00:00:00Z',
      priority: {},
      executionTime: 12,
      submittedBy: 7,
    };
    const job = normalizeAlteryxJob(odd, 'ayx');
    expect(job).toMatchObject({
      id: '5',
      state: 'unknown',
      terminal: false,
      startedAt: null,
      createdAt: null,
      finishedAt: null,
      priority: { value: null, label: null },
      type: '(unnamed workflow)',
      owner: '7',
    });
    expect(normalizeAlteryxJob(null, 'ayx')).toMatchObject({ id: '', state: 'unknown', raw: null });
  });
});

describe('normalizeAlteryxDetail (fixtures)', () => {
  const listItem = fixture('list-page-1.json').data[3];

  it('combines the detail with the list item: state, outputs, messages, owner and times', () => {
    const raw = fixture('detail-success.json');
    const detail = normalizeAlteryxDetail(raw, 'ayx', { listItem });
    expect(detail).toMatchObject({
      id: '68dd3336c97fddfcc003add2',
      key: 'ayx/68dd3336c97fddfcc003add2',
      type: 'Workflow1',
      state: 'succeeded',
      nativeState: 'Completed/Success',
      terminal: true,
      flags: [],
      owner: 'Jane Doe',
      priority: { rank: 'low', value: 0, label: 'Low' },
      createdAt: Date.parse('2025-10-01T13:57:10Z'),
      finishedAt: Date.parse('2025-10-01T13:57:12Z'),
      host: null,
      error: null,
      steps: null,
      outputs: [{ id: '68dd333ac97fddfcc003add5', name: 'sales_summary.csv', formats: ['Csv', 'Yxdb'] }],
    });
    expect(detail.raw).toBe(raw);
    expect(detail.result).toBeUndefined();
    expect(detail.messages?.map((message) => [message.level, message.origin])).toEqual([
      ['info', 'engine'],
      ['info', 'tool 1'],
      ['info', 'tool 1'],
      ['debug', 'tool 1'],
      ['info', 'tool 9'],
      ['info', 'engine'],
    ]);
    expect(detail.messages?.[2]).toEqual({
      timestamp: null,
      level: 'info',
      text: 'Input Data (1): Reading records (40%)',
      origin: 'tool 1',
    });
  });

  it('takes the error from the first error message of a failed job and works without a list item', () => {
    const raw = fixture('detail-error.json');
    const detail = normalizeAlteryxDetail(raw, 'ayx');
    expect(detail).toMatchObject({
      state: 'failed',
      nativeState: 'Completed/Error',
      type: '68dd32922a719467662d27c7',
      owner: null,
      host: 'finance',
      priority: { rank: 'normal', value: 0, label: 'Default' },
      createdAt: Date.parse('2025-10-01T13:54:26.402Z'),
      finishedAt: null,
      outputs: [],
      error: 'Output Data (7): Access to the path "\\\\fileshare\\analytics\\out" is denied.',
    });
    expect(detail.messages?.map((message) => message.level)).toEqual(['info', 'warning', 'warning', 'error', 'info']);
  });

  it('has no messages for the reduced object (includeMessages=false)', () => {
    const detail = normalizeAlteryxDetail(fixture('detail-reduced.json'), 'ayx', { listItem });
    expect(detail).toMatchObject({ state: 'succeeded', flags: ['warnings'], messages: null });
  });

  it('reads the messages endpoint as an array or as the single object the docs show', () => {
    expect(
      normalizeAlteryxMessages(fixture('messages.json')).map((message) => [message.level, message.origin]),
    ).toEqual([
      ['info', 'engine'],
      ['warning', 'tool 1'],
      ['error', 'tool 1'],
    ]);
    expect(normalizeAlteryxMessages(fixture('messages-single.json'))).toEqual([
      {
        timestamp: null,
        level: 'warning',
        text: 'Join (6): 312 records from the Left input were unjoined',
        origin: 'tool 6',
      },
    ]);
    expect(normalizeAlteryxMessages('nonsense')).toEqual([]);
    const detail = normalizeAlteryxDetail(fixture('detail-reduced.json'), 'ayx', {
      messages: fixture('messages-single.json'),
    });
    expect(detail.messages).toHaveLength(1);
  });
});

describe('createAlteryxSource against the simulator', () => {
  it('gets a client-credentials token, then lists the newest jobs of all users with it', async () => {
    const { simulator, server } = await startAlteryx();
    const ids = [
      simulator.inject({ status: 'Running', submittedBy: 'Priya Raman', queuedAt: clock - 60_000 }).id,
      simulator.inject({ status: 'Queued', submittedBy: ALTERYX_DEMO_USER, queuedAt: clock - 120_000 }).id,
      simulator.inject({ status: 'Running', submittedBy: 'Marcus Lee', queuedAt: clock - 180_000 }).id,
    ];
    const result = await sourceFor(server).list();

    expect(sequence(server)).toEqual(['POST /webapi/oauth2/token', 'GET /webapi/v3/jobs']);
    const [tokenRequest, listRequest] = server.requests;
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ALTERYX_DEMO_CLIENT_ID}:${ALTERYX_DEMO_CLIENT_SECRET}`).toString('base64')}`,
    );
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({ grant_type: 'client_credentials' });
    expect(listRequest.query).toEqual({
      offset: '0',
      limit: '100',
      sortField: 'CreateDate',
      direction: 'desc',
      allUsers: 'true',
    });
    expect(listRequest.headers.authorization).toMatch(/^Bearer [0-9a-f]{48}$/);
    expect(listRequest.headers.accept).toBe('application/json');

    expect(result.jobs.map((job) => job.id)).toEqual(ids);
    expect(result.jobs.map((job) => job.owner)).toEqual(['Priya Raman', ALTERYX_DEMO_USER, 'Marcus Lee']);
    expect(result.jobs.map((job) => job.state)).toEqual(['running', 'queued', 'running']);
    expect(result).toMatchObject({ total: 3, stateCounts: null, requests: 2 });
  });

  it('reuses the token across polls', async () => {
    const { simulator, server } = await startAlteryx();
    injectMany(simulator, 2);
    const source = sourceFor(server);
    await source.list();
    const second = await source.list();
    expect(sequence(server)).toEqual(['POST /webapi/oauth2/token', 'GET /webapi/v3/jobs', 'GET /webapi/v3/jobs']);
    expect(second.requests).toBe(1);
  });

  it('fetches a new token shortly before the old one expires, without waiting for a 401', async () => {
    const { simulator, server } = await startAlteryx({ tokenLifetimeSeconds: 600 });
    injectMany(simulator, 1);
    const source = sourceFor(server);
    await source.list();
    const firstToken = server.requests[1].headers.authorization;
    clock += 600_000 - 30_000;
    server.clearRequests();
    const result = await source.list();
    expect(sequence(server)).toEqual(['POST /webapi/oauth2/token', 'GET /webapi/v3/jobs']);
    expect(server.requests[1].headers.authorization).not.toBe(firstToken);
    expect(result.requests).toBe(2);
  });

  it('fetches a token again once after a 401 and repeats the read', async () => {
    const { simulator, server } = await startAlteryx();
    injectMany(simulator, 2);
    const source = sourceFor(server);
    await source.list();
    simulator.revokeTokens();
    server.clearRequests();
    const result = await source.list();
    expect(sequence(server)).toEqual(['GET /webapi/v3/jobs', 'POST /webapi/oauth2/token', 'GET /webapi/v3/jobs']);
    expect(result.jobs).toHaveLength(2);
    expect(result.requests).toBe(3);
  });

  it('reports rejected credentials as a failed token request with the server error', async () => {
    const { server } = await startAlteryx();
    const error = await rejection(sourceFor(server, { clientSecret: 'not-the-secret' }).list());
    expect(error).toMatchObject({
      source: 'ayx',
      kind: 'auth',
      status: 400,
      detail: 'invalid_client',
      short: 'token request rejected (HTTP 400)',
    });
    expect(error.message).toContain('ayx: token request rejected (HTTP 400): invalid_client');
    expect(error.message).not.toContain('not-the-secret');
    expect(sequence(server)).toEqual(['POST /webapi/oauth2/token', 'POST /webapi/oauth2/token']);
  });

  it('sends the credentials as HTTP Basic to a Basic-only token endpoint', async () => {
    const { simulator, server } = await startAlteryx({ tokenCredentials: 'basic' });
    injectMany(simulator, 2);
    const result = await sourceFor(server).list();
    const [tokenRequest] = server.requests;
    expect(sequence(server)).toEqual(['POST /webapi/oauth2/token', 'GET /webapi/v3/jobs']);
    expect(tokenRequest.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ALTERYX_DEMO_CLIENT_ID}:${ALTERYX_DEMO_CLIENT_SECRET}`).toString('base64')}`,
    );
    expect(tokenRequest.body).toBe('grant_type=client_credentials');
    expect(result.jobs).toHaveLength(2);
  });

  it('falls back to form-body credentials when Basic is refused, and keeps using what worked', async () => {
    const { simulator, server } = await startAlteryx({ tokenCredentials: 'form', tokenLifetimeSeconds: 600 });
    injectMany(simulator, 1);
    const source = sourceFor(server);
    const first = await source.list();
    const [basic, form] = server.requests;
    expect(sequence(server)).toEqual(['POST /webapi/oauth2/token', 'POST /webapi/oauth2/token', 'GET /webapi/v3/jobs']);
    expect(basic.headers.authorization).toMatch(/^Basic /);
    expect(form.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(form.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: ALTERYX_DEMO_CLIENT_ID,
      client_secret: ALTERYX_DEMO_CLIENT_SECRET,
    });
    expect(first.requests).toBe(3);
    clock += 600_000;
    server.clearRequests();
    await source.list();
    expect(sequence(server)).toEqual(['POST /webapi/oauth2/token', 'GET /webapi/v3/jobs']);
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('reports missing credentials without sending anything', async () => {
    const { server } = await startAlteryx();
    const error = await rejection(sourceFor(server, { clientId: undefined }).list());
    expect(error).toMatchObject({ source: 'ayx', kind: 'config' });
    expect(server.requests).toHaveLength(0);
  });

  describe('paging', () => {
    it('pages with limit=100 until the source limit, newest first', async () => {
      const { simulator, server } = await startAlteryx();
      const ids = injectMany(simulator, 250);
      const result = await sourceFor(server, { limit: 250 }).list();
      expect(listCalls(server).map((request) => [request.query.offset, request.query.limit])).toEqual([
        ['0', '100'],
        ['100', '100'],
        ['200', '100'],
      ]);
      expect(result.jobs.map((job) => job.id)).toEqual(ids);
      expect(result).toMatchObject({ total: 250, requests: 4 });
    });

    it('stops after an exactly full last page that says hasNextPage=false', async () => {
      const { simulator, server } = await startAlteryx();
      injectMany(simulator, 200);
      const result = await sourceFor(server, { limit: 1000 }).list();
      expect(listCalls(server).map((request) => request.query.offset)).toEqual(['0', '100']);
      expect(result.jobs).toHaveLength(200);
      expect(result.requests).toBe(3);
    });

    it('stops at a short page', async () => {
      const { simulator, server } = await startAlteryx();
      injectMany(simulator, 150);
      const result = await sourceFor(server, { limit: 500 }).list();
      expect(listCalls(server).map((request) => request.query.offset)).toEqual(['0', '100']);
      expect(result.jobs).toHaveLength(150);
      expect(result.total).toBe(150);
    });

    it('asks for only the limit when it is smaller than a page', async () => {
      const { simulator, server } = await startAlteryx();
      const ids = injectMany(simulator, 80);
      const result = await sourceFor(server, { limit: 30 }).list();
      expect(listCalls(server).map((request) => [request.query.offset, request.query.limit])).toEqual([['0', '30']]);
      expect(result.jobs.map((job) => job.id)).toEqual(ids.slice(0, 30));
      expect(result.total).toBe(80);
    });

    it('follows a server that applies a smaller page size than asked', async () => {
      const { simulator, server } = await startAlteryx({ maxPageSize: 40 });
      const ids = injectMany(simulator, 100);
      const result = await sourceFor(server, { limit: 100 }).list();
      expect(listCalls(server).map((request) => [request.query.offset, request.query.limit])).toEqual([
        ['0', '100'],
        ['40', '100'],
        ['80', '100'],
      ]);
      expect(result.jobs.map((job) => job.id)).toEqual(ids);
    });

    it('drops the duplicate when a new job pushes an item onto the next page between requests', async () => {
      let listPages = 0;
      const { simulator, server } = await startAlteryx({}, (inner) => ({
        ...inner,
        handle(request: DemoRequest) {
          const response = inner.handle(request);
          if (request.path === '/webapi/v3/jobs' && ++listPages === 1)
            inner.inject({ status: 'Queued', queuedAt: clock });
          return response;
        },
      }));
      const ids = injectMany(simulator, 150);
      const result = await sourceFor(server, { limit: 150 }).list();
      const listed = result.jobs.map((job) => job.id);
      expect(listCalls(server)).toHaveLength(2);
      expect(new Set(listed).size).toBe(listed.length);
      expect(listed).toEqual(ids);
    });
  });

  describe('disposition enrichment', () => {
    it('learns how completed jobs ended from the detail, once, and keeps the answer', async () => {
      const { simulator, server } = await startAlteryx();
      injectMany(
        simulator,
        6,
        (index) =>
          [
            { status: 'Completed', disposition: 'Success' },
            { status: 'Completed', disposition: 'Warning' },
            { status: 'Completed', disposition: 'Error' },
            { status: 'Completed', disposition: 'Cancelled' },
            { status: 'Cancelled' },
            { status: 'Running' },
          ][index] as AlteryxJobSeed,
      );
      const source = sourceFor(server);

      const first = await source.list();
      expect(first.jobs.map((job) => [job.state, job.flags, job.nativeState])).toEqual([
        ['succeeded', [], 'Completed/Success'],
        ['succeeded', ['warnings'], 'Completed/Warning'],
        ['failed', [], 'Completed/Error'],
        ['cancelled', [], 'Completed/Cancelled'],
        ['cancelled', [], 'Cancelled'],
        ['running', [], 'Running'],
      ]);
      expect(detailCalls(server).map((request) => [request.path, request.query])).toEqual(
        first.jobs.slice(0, 4).map((job) => [`/webapi/v3/jobs/${job.id}`, { includeMessages: 'false' }]),
      );
      expect(first.requests).toBe(6);

      server.clearRequests();
      const second = await source.list();
      expect(sequence(server)).toEqual(['GET /webapi/v3/jobs']);
      expect(second.jobs.map((job) => job.state)).toEqual(first.jobs.map((job) => job.state));
      expect(second.requests).toBe(1);
    });

    it(`looks up at most ${ALTERYX_ENRICH_PER_POLL} completed jobs per poll, the newest first`, async () => {
      const { simulator, server } = await startAlteryx();
      const ids = injectMany(simulator, 30, () => ({ status: 'Completed', disposition: 'Success' }));
      const source = sourceFor(server);

      const first = await source.list();
      expect(detailCalls(server)).toHaveLength(25);
      expect(first.jobs.filter((job) => job.state === 'succeeded').map((job) => job.id)).toEqual(ids.slice(0, 25));
      expect(first.jobs.slice(25).map((job) => [job.state, job.flags])).toEqual(
        Array(5).fill(['unknown', ['needs-disposition']]),
      );
      expect(first.requests).toBe(1 + 1 + 25);

      server.clearRequests();
      const second = await source.list();
      expect(detailCalls(server).map((request) => request.path)).toEqual(
        ids.slice(25).map((id) => `/webapi/v3/jobs/${id}`),
      );
      expect(second.jobs.every((job) => job.state === 'succeeded')).toBe(true);

      server.clearRequests();
      await source.list();
      expect(detailCalls(server)).toHaveLength(0);
    });

    it('leaves a job unknown when its look-up fails, and asks again next poll', async () => {
      let broken = '';
      const { simulator, server } = await startAlteryx({}, (inner) => ({
        ...inner,
        handle: (request: DemoRequest) =>
          request.path === `/webapi/v3/jobs/${broken}`
            ? { status: 500, json: { message: 'An error has occurred.' } }
            : inner.handle(request),
      }));
      [broken] = injectMany(simulator, 2, () => ({ status: 'Completed', disposition: 'Error' }));
      const source = sourceFor(server);
      const first = await source.list();
      expect(first.jobs.map((job) => [job.state, job.flags])).toEqual([
        ['unknown', ['needs-disposition']],
        ['failed', []],
      ]);
      server.clearRequests();
      await source.list();
      expect(detailCalls(server).map((request) => request.path)).toEqual([`/webapi/v3/jobs/${broken}`]);
    });
  });

  describe('detail', () => {
    it('returns messages, outputs and the list fields of a finished job', async () => {
      const { simulator, server } = await startAlteryx();
      const job = simulator.inject({
        status: 'Completed',
        disposition: 'Success',
        workflowName: 'Daily Sales.yxmd',
        submittedBy: 'Jane Doe',
      });
      const source = sourceFor(server);
      await source.list();
      server.clearRequests();
      const detail = await source.detail(job.id);

      expect(detailCalls(server).map((request) => [request.path, request.query])).toEqual([
        [`/webapi/v3/jobs/${job.id}`, { includeMessages: 'true' }],
      ]);
      expect(detail).toMatchObject({
        id: job.id,
        state: 'succeeded',
        nativeState: 'Completed/Success',
        type: 'Daily Sales.yxmd',
        owner: 'Jane Doe',
        steps: null,
        error: null,
      });
      expect(detail?.outputs).toEqual([{ id: job.outputs[0].id, name: 'sales_summary.csv', formats: ['Csv', 'Yxdb'] }]);
      expect(detail?.messages?.[0]).toEqual({
        timestamp: null,
        level: 'info',
        text: 'Started running Daily Sales.yxmd',
        origin: 'engine',
      });
      expect(detail?.messages?.at(-1)?.text).toMatch(/^Finished in \d+\.\d seconds with 0 errors$/);
      expect(detail?.messages?.map((message) => message.level)).toContain('debug');
    });

    it('names the first error message of a failed job', async () => {
      const { simulator, server } = await startAlteryx();
      const job = simulator.inject({ status: 'Completed', disposition: 'Error' });
      const detail = await sourceFor(server).detail(job.id);
      expect(detail).toMatchObject({ state: 'failed', outputs: [] });
      expect(detail?.error).toMatch(/^Output Data \(7\): /);
    });

    it('shows the messages of a running job growing', async () => {
      const { simulator, server } = await startAlteryx();
      const job = simulator.inject({ status: 'Running', startedAt: clock - 1_000, runMs: 100_000 });
      const source = sourceFor(server);
      const early = await source.detail(job.id);
      clock += 60_000;
      simulator.tick(clock);
      const later = await source.detail(job.id);
      expect(early?.state).toBe('running');
      expect(later?.state).toBe('running');
      expect(later!.messages!.length).toBeGreaterThan(early!.messages!.length);
    });

    it('keeps a listed job whose detail answers 404 (non-app workflow) with its list status and why its outcome is unknown', async () => {
      const { simulator, server } = await startAlteryx({ noDetailEvery: 1 });
      const job = simulator.inject({
        status: 'Completed',
        disposition: 'Success',
        workflowName: 'Nightly Extract.yxmd',
      });
      const source = sourceFor(server);
      const listed = await source.list();
      expect(detailCalls(server).map((request) => [request.path, request.query])).toEqual([
        [`/webapi/v3/jobs/${job.id}`, { includeMessages: 'false' }],
      ]);
      expect(listed.jobs[0]).toMatchObject({
        id: job.id,
        state: 'unknown',
        nativeState: 'Completed',
        terminal: true,
        error: 'outcome unknown: the server has no detail for this job',
      });
      // why: no detail is the API's answer for this job, not a failed look-up: the source stays whole.
      expect(listed.incomplete).toBeUndefined();
      server.clearRequests();
      const again = await source.list();
      expect(detailCalls(server)).toHaveLength(0);
      expect(again.incomplete).toBeUndefined();
      const detail = await source.detail(job.id);
      expect(detail).toMatchObject({
        id: job.id,
        state: 'unknown',
        nativeState: 'Completed',
        type: 'Nightly Extract.yxmd',
        error: 'outcome unknown: the server has no detail for this job',
        messages: null,
        outputs: null,
      });
    });

    it('finds a 404 job in a fresh list when nothing was listed yet (one-shot get)', async () => {
      const { simulator, server } = await startAlteryx({ noDetailEvery: 1 });
      const job = simulator.inject({ status: 'Completed', disposition: 'Error' });
      const detail = await sourceFor(server).detail(job.id);
      // why: found only in a fresh list, its detail is asked once more (it may have just been created).
      expect(sequence(server)).toEqual([
        'POST /webapi/oauth2/token',
        `GET /webapi/v3/jobs/${job.id}`,
        'GET /webapi/v3/jobs',
        `GET /webapi/v3/jobs/${job.id}`,
      ]);
      expect(detail).toMatchObject({
        id: job.id,
        state: 'unknown',
        error: 'outcome unknown: the server has no detail for this job',
      });
    });

    it('says why when a detail look-up fails for another reason, and asks again next poll', async () => {
      let failing = true;
      const { simulator, server } = await startAlteryx({}, (inner) => ({
        ...inner,
        handle: (request: DemoRequest) =>
          failing && /^\/webapi\/v3\/jobs\/[^/]+$/.test(request.path)
            ? { status: 500, json: { message: 'database busy' } }
            : inner.handle(request),
      }));
      const job = simulator.inject({ status: 'Completed', disposition: 'Success' });
      const source = sourceFor(server);
      const first = await source.list();
      expect(first.incomplete).toEqual({
        jobs: 1,
        reason: 'outcome unknown: its detail request failed (500 server error)',
      });
      expect(first.jobs[0].error).toBe('outcome unknown: its detail request failed (500 server error)');
      failing = false;
      const second = await source.list();
      expect(second.incomplete).toBeUndefined();
      expect(second.jobs[0]).toMatchObject({ id: job.id, state: 'succeeded', error: null });
    });

    it('returns null for a job that no longer exists', async () => {
      const { server } = await startAlteryx();
      expect(await sourceFor(server).detail('68dd3292c97fddfcc003ffff')).toBeNull();
    });
  });

  describe('cancel', () => {
    it('cancels a running job with exactly one DELETE and reports the server message', async () => {
      const { simulator, server } = await startAlteryx();
      simulator.inject({ status: 'Running', submittedBy: 'Jane Doe' });
      const source = sourceFor(server);
      const [job] = (await source.list()).jobs;
      server.clearRequests();

      const outcome = await source.act('cancel', job);
      expect(outcome).toEqual({ kind: 'cancel', effect: 'cancelled', message: 'Cancelled Successfully.' });
      expect(sequence(server)).toEqual([`DELETE /webapi/v3/jobs/${job.id}`]);
      expect(server.requests[0].headers.authorization).toMatch(/^Bearer /);

      const after = await source.list();
      expect(after.jobs[0]).toMatchObject({ id: job.id, state: 'cancelled', nativeState: 'Cancelled', terminal: true });
    });

    it('deletes a queued job, which then disappears from the list', async () => {
      const { simulator, server } = await startAlteryx();
      injectMany(simulator, 2, (index) => ({ status: index === 0 ? 'Queued' : 'Running', submittedBy: 'Aiko Tanaka' }));
      const source = sourceFor(server);
      const [queued, running] = (await source.list()).jobs;
      expect(source.capabilities.actions.cancel?.availability(queued)).toEqual({
        ok: true,
        consequence: 'a queued job is deleted, not cancelled: it disappears from the list',
      });

      const outcome = await source.act('cancel', queued);
      expect(outcome).toEqual({ kind: 'cancel', effect: 'deleted', message: 'Deleted Successfully.' });
      const after = await source.list();
      expect(after.jobs.map((job) => job.id)).toEqual([running.id]);
      expect(after.total).toBe(1);
    });

    it.each([
      [
        'a finished job',
        { status: 'Completed', disposition: 'Success' },
        "This job is not in 'Queued' or 'Running' state.",
      ],
      [
        'a job of an account it may not touch',
        { status: 'Running', submittedBy: ALTERYX_PROTECTED_OWNER },
        'You do not have permission to cancel this job.',
      ],
    ] as [string, AlteryxJobSeed, string][])('surfaces the refusal to cancel %s', async (_, seed, message) => {
      const { simulator, server } = await startAlteryx();
      const injected = simulator.inject(seed);
      const source = sourceFor(server);
      const [job] = (await source.list()).jobs;
      server.clearRequests();
      const error = await rejection(source.act('cancel', job));
      expect(error).toMatchObject({ source: 'ayx', kind: 'vendor', status: 400, detail: message });
      expect(error.message).toContain(`ayx: cancel refused (HTTP 400): ${message}`);
      expect(sequence(server)).toEqual([`DELETE /webapi/v3/jobs/${job.id}`]);
      expect(simulator.jobs.find((candidate) => candidate.id === injected.id)?.status).toBe(seed.status);
    });

    it('never sends the DELETE again after a 401', async () => {
      const { simulator, server } = await startAlteryx();
      simulator.inject({ status: 'Running', submittedBy: 'Jane Doe' });
      const source = sourceFor(server);
      const [job] = (await source.list()).jobs;
      simulator.revokeTokens();
      server.clearRequests();
      const error = await rejection(source.act('cancel', job));
      expect(error).toMatchObject({ kind: 'auth', status: 401, detail: ALTERYX_DENIED_MESSAGE });
      expect(sequence(server)).toEqual([`DELETE /webapi/v3/jobs/${job.id}`]);
      expect(simulator.jobs[0].status).toBe('Running');
    });

    it.each(['retry', 'delete'] as const)('refuses %s as unsupported without sending a request', async (kind) => {
      const { simulator, server } = await startAlteryx();
      simulator.inject({ status: 'Running' });
      const job = normalizeAlteryxJob({ jobId: simulator.jobs[0].id, status: 'Running' }, 'ayx');
      const error = await rejection(sourceFor(server).act(kind, job));
      expect(error).toMatchObject({ source: 'ayx', kind: 'unsupported' });
      expect(server.requests).toHaveLength(0);
    });

    it('sends nothing from a read-only source', async () => {
      const { simulator, server } = await startAlteryx();
      simulator.inject({ status: 'Running' });
      const job = normalizeAlteryxJob({ jobId: simulator.jobs[0].id, status: 'Running' }, 'ayx');
      const error = await rejection(sourceFor(server, { readonly: true }).act('cancel', job));
      expect(error.kind).toBe('readonly');
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('capabilities', () => {
    const source = createAlteryxSource({
      name: 'ayx',
      url: 'http://127.0.0.1:9/webapi',
      clientId: 'id',
      clientSecret: 'secret',
    });
    const cancel = source.capabilities.actions.cancel!;
    const jobIn = (status: string, disposition?: string): Job =>
      normalizeAlteryxJob({ jobId: 'a', status }, 'ayx', disposition);

    it('declares only Cancel, as the DELETE it is, with detail and messages but no steps or result', () => {
      expect(Object.keys(source.capabilities.actions)).toEqual(['cancel']);
      expect(cancel).toMatchObject({
        kind: 'cancel',
        label: 'Cancel',
        request: 'DELETE /v3/jobs/{id}',
        destructive: true,
      });
      expect(cancel.consequence).toMatch(/queued job is deleted/);
      expect(source.capabilities).toMatchObject({ detail: true, messages: true, steps: false, result: false });
      expect(source.capabilities.missing.steps).toMatch(/no per-job steps/);
      expect(source.capabilities.missing.result).toMatch(/no result value/);
    });

    it.each([
      [
        'Queued',
        undefined,
        { ok: true, consequence: 'a queued job is deleted, not cancelled: it disappears from the list' },
      ],
      ['Running', undefined, { ok: true, consequence: 'the running job is cancelled' }],
      [
        'Created',
        undefined,
        { ok: false, reason: 'Alteryx cancels only Queued or Running jobs; this one is Created and not queued yet' },
      ],
      [
        'Initializing',
        undefined,
        {
          ok: false,
          reason: 'Alteryx cancels only Queued or Running jobs; this one is Initializing, try again once it runs',
        },
      ],
      [
        'Completed',
        'Success',
        { ok: false, reason: 'only Queued or Running jobs can be cancelled; this one is Completed/Success' },
      ],
      [
        'Cancelled',
        undefined,
        { ok: false, reason: 'only Queued or Running jobs can be cancelled; this one is Cancelled' },
      ],
    ])('says whether a %s job can be cancelled', (status, disposition, availability) => {
      expect(cancel.availability(jobIn(status, disposition))).toEqual(availability);
    });
  });
});

describe('the Alteryx simulator', () => {
  /** Gets a token and calls a /v3 path through the handler directly. */
  function call(simulator: AlteryxSimulator, path: string, query = '', method = 'GET') {
    const token = simulator.handle({
      method: 'POST',
      path: '/webapi/oauth2/token',
      query: new URLSearchParams(),
      headers: {
        authorization: `Basic ${Buffer.from(`${ALTERYX_DEMO_CLIENT_ID}:${ALTERYX_DEMO_CLIENT_SECRET}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    }) as { status: number; json: { access_token: string } };
    expect(token.status).toBe(200);
    return simulator.handle({
      method,
      path,
      query: new URLSearchParams(query),
      headers: { authorization: `Bearer ${token.json.access_token}` },
      body: '',
    }) as { status: number; json: any };
  }

  it('is deterministic for a seed and clock, with 40 jobs by default in the documented formats', () => {
    const first = call(
      createAlteryxSimulator({ now, seed: 3 }),
      '/webapi/v3/jobs',
      'limit=100&sortField=CreateDate&direction=desc&allUsers=true',
    );
    const second = call(
      createAlteryxSimulator({ now, seed: 3 }),
      '/webapi/v3/jobs',
      'limit=100&sortField=CreateDate&direction=desc&allUsers=true',
    );
    expect(first.json).toEqual(second.json);
    expect(first.json.data).toHaveLength(40);
    expect(first.json.pagination).toEqual({
      currentPage: 1,
      pageSize: 100,
      totalItems: 40,
      totalPages: 1,
      hasNextPage: false,
      hasPreviousPage: false,
    });
    const items = first.json.data as Record<string, unknown>[];
    expect([...new Set(items.map((item) => item.status))]).toEqual(
      expect.arrayContaining(['Created', 'Queued', 'Initializing', 'Running', 'Completed']),
    );
    for (const item of items) {
      expect(Object.keys(item)).toEqual([
        'jobId',
        'status',
        'workflowName',
        'workflowId',
        'submittedBy',
        'startTime',
        'queueTime',
        'executionTime',
        'priority',
      ]);
      expect(item.jobId).toMatch(/^[0-9a-f]{24}$/);
      expect(item.queueTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(typeof item.priority).toBe('string');
      expect(item).not.toHaveProperty('disposition');
    }
    const queued = items.find((item) => item.status === 'Queued')!;
    expect([queued.startTime, queued.executionTime]).toEqual([null, '00:00:00']);
    expect(items.at(-1)!.executionTime).toMatch(/^1\.\d\d:\d\d:\d\d$/);
  });

  it('takes the filter value Complete for the Completed status and rejects anything else', () => {
    const simulator = createAlteryxSimulator({ now, seed: 3 });
    const complete = call(simulator, '/webapi/v3/jobs', 'statuses=Complete&allUsers=true&limit=100');
    expect(complete.status).toBe(200);
    expect(complete.json.data.length).toBeGreaterThan(20);
    expect(new Set(complete.json.data.map((item: { status: string }) => item.status))).toEqual(new Set(['Completed']));
    const both = call(simulator, '/webapi/v3/jobs', 'statuses=Queued,Running&allUsers=true&limit=100');
    expect(new Set(both.json.data.map((item: { status: string }) => item.status))).toEqual(
      new Set(['Queued', 'Running']),
    );
    expect(call(simulator, '/webapi/v3/jobs', 'statuses=Completed').json).toEqual({
      message: 'The request is invalid.',
    });
    expect(call(simulator, '/webapi/v3/jobs', 'limit=ten').status).toBe(400);
  });

  it("shows only the caller's own jobs unless allUsers=true", () => {
    const simulator = createAlteryxSimulator({ now, seed: 3 });
    const own = call(simulator, '/webapi/v3/jobs', 'limit=100');
    const all = call(simulator, '/webapi/v3/jobs', 'limit=100&allUsers=true');
    expect(own.json.data.length).toBeLessThan(all.json.data.length);
    expect(new Set(own.json.data.map((item: { submittedBy: string }) => item.submittedBy))).toEqual(
      new Set([ALTERYX_DEMO_USER]),
    );
  });

  it('answers the detail with or without messages, and the messages endpoint as an array', () => {
    const simulator = createAlteryxSimulator({ now, seed: 3, jobCount: 0, arrivals: false });
    const job = simulator.inject({ status: 'Completed', disposition: 'Warning' });
    const full = call(simulator, `/webapi/v3/jobs/${job.id}`);
    const reduced = call(simulator, `/webapi/v3/jobs/${job.id}`, 'includeMessages=false');
    expect(Object.keys(full.json)).toEqual([
      'id',
      'appId',
      'createDateTime',
      'status',
      'disposition',
      'outputs',
      'priority',
      'workerTag',
      'runWithE2',
      'messages',
    ]);
    expect(full.json).toMatchObject({ id: job.id, status: 'Completed', disposition: 'Warning' });
    expect(full.json.createDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(reduced.json).not.toHaveProperty('messages');
    const messages = call(simulator, `/webapi/v3/jobs/${job.id}/messages`);
    expect(messages.json).toEqual(full.json.messages);
    expect(messages.json.map((message: { status: number }) => message.status)).toEqual(
      expect.arrayContaining([5, 2, 9, 4]),
    );
  });

  it('moves a queued job through Initializing and Running to a finished status', () => {
    const simulator = createAlteryxSimulator({ now, seed: 5, jobCount: 0, arrivals: false });
    const job = simulator.inject({ status: 'Queued', queuedAt: clock, runMs: 20_000, disposition: 'Success' });
    const seen: string[] = [];
    for (let step = 0; step < 30; step++) {
      clock += 2_000;
      simulator.tick(clock);
      if (seen.at(-1) !== job.status) seen.push(job.status);
    }
    expect(seen).toEqual(['Queued', 'Initializing', 'Running', 'Completed']);
    expect(job.disposition).toBe('Success');
    expect(job.outputs).toHaveLength(1);
  });

  it('keeps the number of jobs bounded over hours of arrivals', () => {
    const simulator = createAlteryxSimulator({ now, seed: 9, jobCount: 40 });
    for (let step = 0; step < 6 * 360; step++) {
      clock += 10_000;
      simulator.tick(clock);
    }
    const statuses = simulator.jobs.map((job) => job.status);
    expect(simulator.jobs.length).toBeLessThanOrEqual(
      80 + statuses.filter((status) => status !== 'Completed' && status !== 'Cancelled').length,
    );
    expect(statuses.filter((status) => status === 'Completed').length).toBeGreaterThan(40);
    expect([...new Set(simulator.jobs.map((job) => job.disposition))]).toEqual(
      expect.arrayContaining(['Success', 'Warning', 'Error']),
    );
  });

  it('rejects a missing or expired token with the ASP.NET message', async () => {
    const { server } = await startAlteryx({ tokenLifetimeSeconds: 60 });
    const missing = await fetch(`${server.url}/v3/jobs`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ message: ALTERYX_DENIED_MESSAGE });
    const tokenResponse = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${ALTERYX_DEMO_CLIENT_ID}&client_secret=${ALTERYX_DEMO_CLIENT_SECRET}`,
    });
    const token = (await tokenResponse.json()) as { access_token: string; token_type: string; expires_in: number };
    expect([token.token_type, token.expires_in]).toEqual(['bearer', 60]);
    const fresh = await fetch(`${server.url}/v3/jobs`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(fresh.status).toBe(200);
    clock += 60_000;
    const expired = await fetch(`${server.url}/v3/jobs`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(expired.status).toBe(401);
  });
});

/** A tiny real server that answers the token request and whatever `reply` says for the rest. */
interface StubReply {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
}

async function startStub(reply: (method: string, path: string) => StubReply | undefined) {
  const seen: string[] = [];
  const server = await startStubServer((request) => {
    seen.push(`${request.method} ${request.path}`);
    const answer: StubReply =
      reply(request.method, request.path) ??
      (request.path === '/webapi/oauth2/token'
        ? { status: 200, json: fixture('token.json') }
        : { status: 404, json: { message: 'no stub' } });
    return { ...answer, contentType: answer.contentType ?? 'application/json; charset=utf-8' };
  });
  servers.push(server);
  const url = `${server.url}/webapi`;
  const source = createAlteryxSource({ name: 'stubbed', url, clientId: 'key', clientSecret: 'secret-value', now });
  sources.push(source);
  return { seen, source };
}

const LIST = '/webapi/v3/jobs';
const A_JOB = normalizeAlteryxJob({ jobId: '68dd3292c97fddfcc003adcb', status: 'Running' }, 'stubbed');

describe('Alteryx error shapes (real HTTP stub)', () => {
  it('gives up after one fresh token when the read keeps answering 401', async () => {
    const { seen, source } = await startStub((_, path) =>
      path === LIST ? { status: 401, json: fixture('error-unauthorized.json') } : undefined,
    );
    const error = await rejection(source.list());
    expect(error).toMatchObject({
      source: 'stubbed',
      kind: 'auth',
      status: 401,
      detail: 'Authorization has been denied for this request.',
    });
    expect(error.message).toContain('stubbed: 401 unauthorized: Authorization has been denied for this request.');
    expect(seen).toEqual(['POST /webapi/oauth2/token', `GET ${LIST}`, 'POST /webapi/oauth2/token', `GET ${LIST}`]);
  });

  it.each([
    ['a 401 with an empty body', { status: 401, text: '' }, { kind: 'auth', status: 401 }, '401 unauthorized'],
    [
      'a 404 with a message',
      { status: 404, json: { message: 'No HTTP resource was found.' } },
      { kind: 'not-found', status: 404, detail: 'No HTTP resource was found.' },
      '404 not found',
    ],
    [
      'a 500 HTML page',
      {
        status: 500,
        text: '<!DOCTYPE html><html><body>Server Error in Application</body></html>',
        contentType: 'text/html',
      },
      { kind: 'server', status: 500, detail: 'HTML error page' },
      '500 server error',
    ],
    [
      'a 400 invalid request',
      { status: 400, json: { message: 'The request is invalid.' } },
      { kind: 'http', status: 400, detail: 'The request is invalid.' },
      'HTTP 400',
    ],
  ] as [string, StubReply, Partial<SourceError>, string][])(
    'turns %s from the list into a SourceError naming the source and status',
    async (_, reply, expected, short) => {
      const { source } = await startStub((_method, path) => (path === LIST ? reply : undefined));
      const error = await rejection(source.list());
      expect(error).toMatchObject({ source: 'stubbed', short, ...expected });
      expect(error.message).toContain(`stubbed: ${short}`);
    },
  );

  it.each([
    ['no data array', { pagination: {} }],
    ['data as an object', { data: { jobId: 'x' }, pagination: {} }],
    ['a bare array', [{ jobId: 'x' }]],
  ])('reports a list with %s as an unexpected shape', async (_, body) => {
    const { source } = await startStub((_method, path) => (path === LIST ? { status: 200, json: body } : undefined));
    const error = await rejection(source.list());
    expect(error).toMatchObject({
      kind: 'shape',
      short: 'unexpected response shape',
      detail: 'GET /v3/jobs answered without a "data" array',
    });
  });

  it.each([
    [
      '400 invalid_client',
      { status: 400, json: fixture('error-token-invalid-client.json') },
      { kind: 'auth', status: 400, short: 'token request rejected (HTTP 400)', detail: 'invalid_client' },
    ],
    [
      '401 with a description',
      { status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed.' } },
      { kind: 'auth', status: 401, short: 'token request rejected (HTTP 401)', detail: 'invalid_client' },
    ],
    [
      '503',
      { status: 503, json: { message: 'Service Unavailable' } },
      { kind: 'server', status: 503, detail: 'Service Unavailable' },
    ],
    [
      '200 without a token',
      { status: 200, json: { token_type: 'bearer' } },
      { kind: 'shape', detail: 'the token response has no "access_token"' },
    ],
  ] as [string, StubReply, Partial<SourceError>][])('reports a token answer of %s', async (_, reply, expected) => {
    const { seen, source } = await startStub((_method, path) => (path === '/webapi/oauth2/token' ? reply : undefined));
    const error = await rejection(source.list());
    expect(error).toMatchObject({ source: 'stubbed', ...expected });
    expect(error.message).not.toContain('secret-value');
    // why: a 400/401 to Basic credentials is retried once with form-body credentials; other answers are not.
    const tries = expected.status === 400 || expected.status === 401 ? 2 : 1;
    expect(seen).toEqual(Array(tries).fill('POST /webapi/oauth2/token'));
  });

  it(`stops after ${MAX_PAGES_PER_POLL} pages of a server that always says there is a next page, and de-duplicates`, async () => {
    const page = {
      data: fixture('list-page-1.json').data.slice(0, 2),
      pagination: {
        currentPage: 1,
        pageSize: 2,
        totalItems: 9999,
        totalPages: 5000,
        hasNextPage: true,
        hasPreviousPage: false,
      },
    };
    const { seen, source } = await startStub((_method, path) =>
      path === LIST ? { status: 200, json: page } : undefined,
    );
    const result = await source.list();
    expect(seen.filter((request) => request === `GET ${LIST}`)).toHaveLength(MAX_PAGES_PER_POLL);
    expect(result.jobs.map((job) => job.id)).toEqual(['68dd3a41c97fddfcc003ae10', '68dd3a12c97fddfcc003ae0c']);
    expect(result).toMatchObject({ total: 9999, requests: 1 + MAX_PAGES_PER_POLL });
  });

  it('reads the messages endpoint when the detail has no messages, as an array or a single object', async () => {
    for (const messages of [fixture('messages.json'), fixture('messages-single.json')]) {
      const { seen, source } = await startStub((_method, path) => {
        if (path === '/webapi/v3/jobs/68dd3336c97fddfcc003add2')
          return { status: 200, json: fixture('detail-reduced.json') };
        if (path === '/webapi/v3/jobs/68dd3336c97fddfcc003add2/messages') return { status: 200, json: messages };
        return undefined;
      });
      const detail = await source.detail('68dd3336c97fddfcc003add2');
      expect(seen.slice(1)).toEqual([
        'GET /webapi/v3/jobs/68dd3336c97fddfcc003add2',
        'GET /webapi/v3/jobs/68dd3336c97fddfcc003add2/messages',
      ]);
      expect(detail?.messages).toEqual(normalizeAlteryxMessages(messages));
    }
  });

  it('reports a detail that is not an object as an unexpected shape', async () => {
    const { source } = await startStub((_method, path) =>
      path.startsWith('/webapi/v3/jobs/') ? { status: 200, json: ['nope'] } : undefined,
    );
    const error = await rejection(source.detail('68dd3336c97fddfcc003add2'));
    expect(error).toMatchObject({ kind: 'shape', short: 'unexpected response shape' });
  });

  it.each([
    ['error-cancel-not-in-state.json', "This job is not in 'Queued' or 'Running' state."],
    ['error-cancel-no-permission.json', 'You do not have permission to cancel this job.'],
  ])('carries the cancel refusal of %s', async (file, message) => {
    const { seen, source } = await startStub((method) =>
      method === 'DELETE' ? { status: 400, json: fixture(file) } : undefined,
    );
    const error = await rejection(source.act('cancel', A_JOB));
    expect(error).toMatchObject({ source: 'stubbed', kind: 'vendor', status: 400, detail: message });
    expect(seen.filter((request) => request.startsWith('DELETE'))).toEqual([
      'DELETE /webapi/v3/jobs/68dd3292c97fddfcc003adcb',
    ]);
  });

  it.each([
    ['cancel-running.json', 'cancelled', 'Cancelled Successfully.'],
    ['cancel-queued.json', 'deleted', 'Deleted Successfully.'],
  ])('reads the effect of %s from the server message', async (file, effect, message) => {
    const { source } = await startStub((method) =>
      method === 'DELETE' ? { status: 200, json: fixture(file) } : undefined,
    );
    expect(await source.act('cancel', A_JOB)).toEqual({ kind: 'cancel', effect, message });
  });

  it('reports a cancel of a job that is gone as not found', async () => {
    const { source } = await startStub((method) =>
      method === 'DELETE' ? { status: 404, json: fixture('error-not-found.json') } : undefined,
    );
    const error = await rejection(source.act('cancel', A_JOB));
    expect(error).toMatchObject({
      kind: 'not-found',
      status: 404,
      detail: "Job '68dd3292c97fddfcc003ffff' was not found.",
    });
  });
});
