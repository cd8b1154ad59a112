import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import {
  createOsapiSource,
  mapOsapiState,
  normalizeOsapiJob,
  normalizeOsapiJobDetail,
  normalizeOsapiStatusCounts,
  normalizeOsapiTimelineEvent,
  OSAPI_CAPABILITIES,
  type OsapiOptions,
} from '../../source/adapters/osapi/index.js';
import { SourceError } from '../../source/adapters/errors.js';
import type { JobSource } from '../../source/adapters/contract.js';
import type { Job } from '../../source/domain/job.js';
import {
  startDemoServer,
  type DemoRequest,
  type DemoResponse,
  type RunningDemoServer,
  type VendorSimulator,
} from '../../source/demo/kit.js';
import {
  createOsapiSimulator,
  formatGoDuration,
  formatRfc3339Nano,
  OSAPI_DEMO_SIGNING_KEY,
  signOsapiDemoToken,
  type OsapiSimulator,
} from '../../source/demo/osapi-server.js';
import { pathWithQuery, startStubServer } from '../helpers/stub-server.js';

const START = Date.parse('2026-03-20T09:00:00Z');
const MINUTE = 60_000;

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../fixtures/osapi/${name}`, import.meta.url), 'utf8'));
}

const closers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!.close();
});

async function rejection(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

// ---------------------------------------------------------------------------------------------
// Normalizers
// ---------------------------------------------------------------------------------------------

describe('mapOsapiState', () => {
  it.each([
    ['submitted', 'queued', false, []],
    ['pending', 'queued', false, []],
    ['processing', 'running', false, []],
    ['acknowledged', 'running', false, []],
    ['started', 'running', false, []],
    ['completed', 'succeeded', true, []],
    ['failed', 'failed', true, []],
    ['partial_failure', 'partial', true, []],
    ['skipped', 'skipped', true, []],
    ['retried', 'unknown', false, []],
    ['Completed', 'unknown', false, []],
    ['unprocessed', 'unknown', false, []],
    ['toString', 'unknown', false, []],
    ['', 'unknown', false, []],
    [null, 'unknown', false, []],
    [42, 'unknown', false, []],
  ])('maps %j to %s (terminal %s, flags %j)', (native, state, terminal, flags) => {
    expect(mapOsapiState(native)).toEqual({ state, terminal, flags });
  });

  it('hands out fresh flag arrays so callers cannot corrupt the table', () => {
    mapOsapiState('failed').flags.push('warnings');
    expect(mapOsapiState('failed').flags).toEqual([]);
  });
});

describe('normalizeOsapiJob', () => {
  const items: unknown[] = fixture('list.json').items;
  const normalized = items.map((item) => normalizeOsapiJob(item, 'osapi-prod'));

  it('normalizes a processing list item and keeps the record untouched in raw', () => {
    expect(normalized[1]).toEqual({
      source: 'osapi-prod',
      id: '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b',
      key: 'osapi-prod/9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b',
      vendor: 'osapi',
      type: 'command.exec.do',
      state: 'running',
      nativeState: 'processing',
      terminal: false,
      flags: [],
      priority: { rank: null, value: null, label: null },
      progress: null,
      createdAt: Date.parse('2026-03-20T09:13:40Z'),
      startedAt: null,
      finishedAt: null,
      updatedAt: Date.parse('2026-03-20T09:13:41.503Z'),
      owner: null,
      host: null,
      parentId: null,
      error: null,
      raw: items[1],
    });
    expect(normalized[1].raw).toBe(items[1]);
  });

  it('reads the agent host and uses the nanosecond updated_at as finish time of a terminal job', () => {
    expect(normalized[2]).toMatchObject({
      state: 'succeeded',
      terminal: true,
      host: 'web-02',
      updatedAt: Date.parse('2026-03-20T09:12:55.731Z'),
      finishedAt: Date.parse('2026-03-20T09:12:55.731Z'),
    });
  });

  it('shows partial_failure as partial and a failed job with its error', () => {
    expect(normalized[3]).toMatchObject({
      state: 'partial',
      nativeState: 'partial_failure',
      terminal: true,
      error: null,
      host: 'web-02',
    });
    expect(normalized[4]).toMatchObject({ state: 'failed', error: 'permission denied', type: 'node.disk.get' });
  });

  it('keeps a skipped job skipped (terminal, not a failure) with the vendor error text as its reason', () => {
    expect(normalized[5]).toMatchObject({
      state: 'skipped',
      nativeState: 'skipped',
      terminal: true,
      flags: [],
      error: 'unsupported OS family: freebsd',
      host: null,
    });
  });

  it('names the type "Unknown" when the record has no operation, as the OSAPI CLI does', () => {
    expect(normalized[6].type).toBe('Unknown');
    expect(normalized[0]).toMatchObject({
      state: 'queued',
      nativeState: 'submitted',
      type: 'node.hostname.get',
      createdAt: Date.parse('2026-03-20T09:14:02Z'),
    });
  });

  it('degrades missing or mistyped fields to null instead of throwing', () => {
    expect(normalizeOsapiJob(null, 's')).toMatchObject({
      id: '',
      key: 's/',
      state: 'unknown',
      nativeState: '',
      type: 'Unknown',
      createdAt: null,
      updatedAt: null,
      host: null,
      raw: null,
    });
    expect(
      normalizeOsapiJob(
        { id: 7, status: ['x'], created: 'yesterday', operation: 'node', hostname: 3.5, error: {} },
        's',
      ),
    ).toMatchObject({
      id: '7',
      state: 'unknown',
      nativeState: '',
      terminal: false,
      type: 'Unknown',
      createdAt: null,
      host: '3.5',
      error: null,
    });
  });
});

describe('normalizeOsapiStatusCounts', () => {
  it('sums status_counts by normalized state, skipped counted as skipped', () => {
    expect(normalizeOsapiStatusCounts(fixture('list.json').status_counts)).toEqual({
      succeeded: 30,
      failed: 3,
      skipped: 1,
      partial: 2,
      running: 2,
      queued: 5,
    });
  });

  it('reads null (an empty system) as zero jobs and an absent map as unknown', () => {
    expect(normalizeOsapiStatusCounts(fixture('list-empty.json').status_counts)).toEqual({});
    expect(normalizeOsapiStatusCounts(undefined)).toBeNull();
    expect(normalizeOsapiStatusCounts([1, 2])).toBeNull();
  });

  it('counts unknown statuses as unknown and ignores non-numeric counts', () => {
    expect(normalizeOsapiStatusCounts({ cancelled: 2, completed: 'many', failed: '3' })).toEqual({
      unknown: 2,
      failed: 3,
    });
  });
});

describe('normalizeOsapiJobDetail', () => {
  const broadcast = normalizeOsapiJobDetail(fixture('detail-partial-failure.json'), 'osapi-prod');

  it('turns agent_states into one step per host, in the order the agents appear on the timeline', () => {
    expect(broadcast.steps!.map((step) => step.name)).toEqual(['web-02', 'web-01', 'bsd-01', 'web-03']);
    expect(broadcast.steps![0]).toEqual({
      name: 'web-02',
      status: 'failed',
      state: 'failed',
      attempt: null,
      host: 'web-02',
      startedAt: Date.parse('2026-03-20T09:10:00Z'),
      finishedAt: Date.parse('2026-03-20T09:12:03Z'),
      durationMs: 123_500,
      error: 'resolvectl: Failed to set DNS configuration',
    });
    expect(broadcast.steps![1].durationMs).toBeCloseTo(1234.567891, 6);
    expect(broadcast.steps![2]).toMatchObject({
      status: 'skipped',
      state: 'skipped',
      durationMs: null,
      error: 'unsupported OS family: freebsd',
    });
    expect(broadcast.steps![3]).toMatchObject({ status: 'completed', state: 'succeeded', durationMs: 850.25 });
  });

  it('turns the timeline into messages: failed → error, skipped → warning, others info, with the host as origin', () => {
    const messages = broadcast.messages!;
    expect(messages).toHaveLength(13);
    expect(messages[0]).toEqual({
      timestamp: Date.parse('2026-03-20T09:10:00Z'),
      level: 'info',
      text: 'Job submitted to queue',
      origin: '_api',
    });
    expect(messages[6]).toEqual({
      timestamp: Date.parse('2026-03-20T09:10:01Z'),
      level: 'warning',
      text: 'Job skipped on bsd-01 (unsupported OS family): unsupported OS family: freebsd',
      origin: 'bsd-01',
    });
    expect(messages[11]).toMatchObject({
      level: 'error',
      text: 'Job failed on web-02: resolvectl: Failed to set DNS configuration',
      origin: 'web-02',
    });
    expect(messages[12]).toMatchObject({ level: 'info', text: 'Job retried as 6fa459ea-ee8a-4ca4-894e-db77e160355e' });
  });

  it('takes start and finish from agent events, not from a later retried event', () => {
    expect(broadcast).toMatchObject({
      state: 'partial',
      startedAt: Date.parse('2026-03-20T09:10:00Z'),
      finishedAt: Date.parse('2026-03-20T09:12:03Z'),
      updatedAt: Date.parse('2026-03-20T09:15:30.000Z'),
    });
  });

  it('offers per-agent responses (and the broadcast changed flag) as the result', () => {
    const result = broadcast.result as Record<string, any>;
    expect(Object.keys(result)).toEqual(['changed', 'responses']);
    expect(result.changed).toBe(true);
    expect(result.responses['web-01']).toEqual({ changed: true, data: {}, hostname: 'web-01', status: 'completed' });
    expect(broadcast.outputs).toBeNull();
  });

  it('normalizes a failed single-agent job with its error and one step', () => {
    const failed = normalizeOsapiJobDetail(fixture('detail-failed.json'), 'osapi-prod');
    expect(failed).toMatchObject({
      state: 'failed',
      error: 'permission denied',
      host: 'web-01',
      finishedAt: Date.parse('2026-03-20T09:00:01Z'),
    });
    expect(failed.steps).toEqual([
      expect.objectContaining({ name: 'web-01', durationMs: 1100, error: 'permission denied' }),
    ]);
    expect(failed.messages!.map((message) => message.level)).toEqual(['info', 'info', 'info', 'error']);
  });

  it('has an empty step list and a null result before any agent answered', () => {
    const queued = normalizeOsapiJobDetail(
      {
        id: 'x',
        status: 'submitted',
        created: '2026-03-20T09:00:00Z',
        changed: null,
        timeline: [
          {
            event: 'submitted',
            hostname: '_api',
            message: 'Job submitted to queue',
            timestamp: '2026-03-20T09:00:00Z',
          },
        ],
      },
      's',
    );
    expect(queued).toMatchObject({ steps: [], result: null, startedAt: null, finishedAt: null });
    expect(queued.messages).toHaveLength(1);
  });

  it('falls back to the event name when a timeline entry has no message', () => {
    expect(normalizeOsapiTimelineEvent({ event: 'started', hostname: 'db-01' })).toEqual({
      timestamp: null,
      level: 'info',
      text: 'started',
      origin: 'db-01',
    });
  });
});

describe('OSAPI capabilities', () => {
  const job = (nativeState: string, terminal = true) => ({
    ...normalizeOsapiJob({ id: 'a', status: nativeState }, 's'),
    terminal,
  });

  it('declares delete and retry but no cancel, and fills every tab', () => {
    expect(Object.keys(OSAPI_CAPABILITIES.actions).sort()).toEqual(['delete', 'retry']);
    expect(OSAPI_CAPABILITIES).toMatchObject({
      detail: true,
      steps: true,
      messages: true,
      result: true,
      stats: true,
      missing: {},
    });
    expect(OSAPI_CAPABILITIES.actions.delete).toMatchObject({
      label: 'Delete',
      destructive: true,
      request: 'DELETE /job/{id}',
    });
    expect(OSAPI_CAPABILITIES.actions.delete!.consequence).toMatch(
      /forgets the job record; agents already working on it keep working/,
    );
    expect(OSAPI_CAPABILITIES.actions.retry).toMatchObject({
      label: 'Retry',
      destructive: false,
      request: 'POST /job/{id}/retry',
    });
  });

  it.each(['failed', 'partial_failure', 'skipped'])('offers retry for a %s job', (status) => {
    expect(OSAPI_CAPABILITIES.actions.retry!.availability(job(status))).toEqual({
      ok: true,
      consequence: OSAPI_CAPABILITIES.actions.retry!.consequence,
    });
  });

  it.each(['completed', 'processing', 'submitted'])('explains why a %s job cannot be retried', (status) => {
    expect(OSAPI_CAPABILITIES.actions.retry!.availability(job(status, status === 'completed'))).toEqual({
      ok: false,
      reason: `only failed, partially failed or skipped jobs are retried; this one is ${status}`,
    });
  });

  it('warns that deleting a running job does not stop it', () => {
    const running = OSAPI_CAPABILITIES.actions.delete!.availability(job('processing', false));
    expect(running).toEqual({
      ok: true,
      consequence: 'OSAPI forgets the job record but does not stop it: agents already working on it keep working.',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Adapter over real HTTP against the simulator
// ---------------------------------------------------------------------------------------------

interface World {
  sim: OsapiSimulator;
  server: RunningDemoServer;
  source: JobSource;
  token: string | undefined;
  advance(ms: number): void;
}

interface WorldOptions {
  jobCount?: number;
  seed?: number;
  simPrefix?: string;
  sourcePrefix?: string;
  roles?: string[] | null;
  limit?: number;
  readonly?: boolean;
  wrap?: (sim: OsapiSimulator) => VendorSimulator;
}

async function startWorld(options: WorldOptions = {}): Promise<World> {
  let now = START;
  const sim = createOsapiSimulator({
    now: () => now,
    seed: options.seed ?? 3,
    jobCount: options.jobCount ?? 0,
    arrivals: false,
    pathPrefix: options.simPrefix,
  });
  const server = await startDemoServer(options.wrap ? options.wrap(sim) : sim);
  closers.push(server);
  const token = options.roles === null ? undefined : sim.mintToken({ roles: options.roles ?? ['admin'] });
  const sourceOptions: OsapiOptions = {
    name: 'osapi-test',
    url: server.url,
    token,
    limit: options.limit,
    readonly: options.readonly,
  };
  if (options.sourcePrefix !== undefined) sourceOptions.pathPrefix = options.sourcePrefix;
  const source = createOsapiSource(sourceOptions);
  closers.push(source);
  return {
    sim,
    server,
    source,
    token,
    advance(ms) {
      now += ms;
      sim.tick(now);
    },
  };
}

const requestSummary = (world: World) =>
  world.server.requests.map((request) => ({ method: request.method, path: request.path, query: request.query }));

async function listedJob(world: World, id: string): Promise<Job> {
  const job = (await world.source.list()).jobs.find((candidate) => candidate.id === id);
  expect(job).toBeDefined();
  world.server.clearRequests();
  return job!;
}

describe('createOsapiSource list()', () => {
  it('fetches the newest jobs in pages of 100 with the bearer token and reports totals', async () => {
    const world = await startWorld({ jobCount: 250 });
    const result = await world.source.list();
    expect(requestSummary(world)).toEqual([
      { method: 'GET', path: '/api/job', query: { limit: '100', offset: '0' } },
      { method: 'GET', path: '/api/job', query: { limit: '100', offset: '100' } },
    ]);
    expect(world.server.requests.every((request) => request.headers.authorization === `Bearer ${world.token}`)).toBe(
      true,
    );
    expect(result.requests).toBe(2);
    expect(result.total).toBe(250);
    expect(result.jobs).toHaveLength(200);
    const newestFirst = [...world.sim.jobs]
      .reverse()
      .slice(0, 200)
      .map((job) => job.id);
    expect(result.jobs.map((job) => job.id)).toEqual(newestFirst);
    expect(Object.values(result.stateCounts!).reduce((sum, count) => sum + count, 0)).toBe(250);
  });

  it('asks for only what the limit needs when it is smaller than a page', async () => {
    const world = await startWorld({ jobCount: 40, limit: 7 });
    const result = await world.source.list();
    expect(requestSummary(world)).toEqual([{ method: 'GET', path: '/api/job', query: { limit: '7', offset: '0' } }]);
    expect(result).toMatchObject({ total: 40, requests: 1 });
    expect(result.jobs).toHaveLength(7);
  });

  it('requests a partial last page when the limit is not a multiple of 100', async () => {
    const world = await startWorld({ jobCount: 250, limit: 150 });
    const result = await world.source.list();
    expect(requestSummary(world).map((request) => request.query)).toEqual([
      { limit: '100', offset: '0' },
      { limit: '50', offset: '100' },
    ]);
    expect(result.jobs).toHaveLength(150);
  });

  it('stops at the exact last page without asking for an empty one', async () => {
    const world = await startWorld({ jobCount: 200, limit: 300 });
    const result = await world.source.list();
    expect(requestSummary(world).map((request) => request.query.offset)).toEqual(['0', '100']);
    expect(result).toMatchObject({ total: 200, requests: 2 });
    expect(result.jobs).toHaveLength(200);
  });

  it('stops after a short page', async () => {
    const world = await startWorld({ jobCount: 150, limit: 300 });
    const result = await world.source.list();
    expect(requestSummary(world).map((request) => request.query)).toEqual([
      { limit: '100', offset: '0' },
      { limit: '100', offset: '100' },
    ]);
    expect(result.jobs).toHaveLength(150);
  });

  it('drops the duplicates that appear when new jobs shift the offsets between pages', async () => {
    let drifted = false;
    const world = await startWorld({
      jobCount: 150,
      wrap: (sim) => ({
        vendor: 'osapi',
        tick: (at) => sim.tick(at),
        sourceConfig: (url, name) => sim.sourceConfig(url, name),
        handle(request: DemoRequest): DemoResponse {
          const response = sim.handle(request) as DemoResponse;
          if (!drifted) {
            drifted = true;
            for (let index = 0; index < 3; index++) sim.inject({});
          }
          return response;
        },
      }),
    });
    const result = await world.source.list();
    expect(result.requests).toBe(2);
    expect(new Set(result.jobs.map((job) => job.id)).size).toBe(result.jobs.length);
    expect(result.jobs).toHaveLength(150);
    expect(result.total).toBe(150);
  });

  it('maps every status into stateCounts and lists newest first', async () => {
    const world = await startWorld();
    world.sim.inject({ agents: [] });
    world.sim.inject({ agents: [{ host: 'web-01', outcome: 'started' }] });
    world.sim.inject({ agents: [{ host: 'web-01', outcome: 'completed', data: { hostname: 'web-01' } }] });
    world.sim.inject({ agents: [{ host: 'web-02', outcome: 'failed', error: 'permission denied' }] });
    world.sim.inject({
      agents: [
        { host: 'web-01', outcome: 'completed' },
        { host: 'web-02', outcome: 'failed' },
      ],
    });
    world.sim.inject({
      operation: { type: 'node.load.get', data: {} },
      agents: [{ host: 'bsd-01', outcome: 'skipped' }],
    });
    const result = await world.source.list();
    expect(result.stateCounts).toEqual({ queued: 1, running: 1, succeeded: 1, failed: 1, skipped: 1, partial: 1 });
    expect(result.total).toBe(6);
    expect(result.jobs.map((job) => job.nativeState)).toEqual([
      'skipped',
      'partial_failure',
      'failed',
      'completed',
      'processing',
      'submitted',
    ]);
    expect(result.jobs.map((job) => job.state)).toEqual([
      'skipped',
      'partial',
      'failed',
      'succeeded',
      'running',
      'queued',
    ]);
    expect([result.jobs[0].flags, result.jobs[0].terminal]).toEqual([[], true]);
    expect(result.jobs[2]).toMatchObject({ error: 'permission denied', host: 'web-02' });
  });

  it('reports zero jobs (not unknown counts) on an empty system whose status_counts is null', async () => {
    const world = await startWorld({ jobCount: 0 });
    await expect(world.source.list()).resolves.toEqual({ jobs: [], total: 0, stateCounts: {}, requests: 1 });
  });

  it('keeps counting a deleted job until its events expire with the TTL', async () => {
    const world = await startWorld();
    const kept = world.sim.inject({ agents: [{ host: 'web-01', outcome: 'completed' }] });
    const deleted = world.sim.inject({ agents: [{ host: 'web-02', outcome: 'completed' }] });
    await world.source.act('delete', await listedJob(world, deleted));
    const after = await world.source.list();
    expect(after.jobs.map((job) => job.id)).toEqual([kept]);
    expect(after.total).toBe(1);
    expect(after.stateCounts).toMatchObject({ succeeded: 2 });
    world.advance(61 * MINUTE);
    await expect(world.source.list()).resolves.toMatchObject({ jobs: [], total: 0, stateCounts: {} });
  });

  it('lets jobs vanish after the 1 h TTL, after which detail() is null', async () => {
    const world = await startWorld();
    const old = world.sim.inject({ createdAt: START - 59 * MINUTE, agents: [{ host: 'db-01', outcome: 'failed' }] });
    expect((await world.source.list()).jobs.map((job) => job.id)).toEqual([old]);
    world.advance(2 * MINUTE);
    expect((await world.source.list()).jobs).toEqual([]);
    await expect(world.source.detail(old)).resolves.toBeNull();
  });

  it('moves generated jobs through their lifecycle as the clock ticks', async () => {
    const world = await startWorld({ jobCount: 40, seed: 3 });
    const running = (await world.source.list()).jobs.filter((job) => job.state === 'running');
    expect(running.length).toBeGreaterThan(0);
    world.advance(10 * MINUTE);
    const after = new Map((await world.source.list()).jobs.map((job) => [job.id, job]));
    for (const job of running)
      expect(after.get(job.id)).toMatchObject({ terminal: true, updatedAt: expect.any(Number) });
    const stillActive = [...after.values()].filter((job) => !job.terminal);
    // why: only jobs aimed at the offline agent web-04 never leave "submitted".
    expect(
      stillActive.every(
        (job) =>
          job.nativeState === 'submitted' && world.sim.jobs.find((sim) => sim.id === job.id)!.target === 'web-04',
      ),
    ).toBe(true);
  });
});

describe('createOsapiSource path prefix', () => {
  it('uses the old /job paths when told the prefix is empty', async () => {
    const world = await startWorld({ jobCount: 3, simPrefix: '', sourcePrefix: '' });
    const result = await world.source.list();
    expect(requestSummary(world)).toEqual([{ method: 'GET', path: '/job', query: { limit: '100', offset: '0' } }]);
    expect(result.jobs).toHaveLength(3);
  });

  it('falls back once to /job when an unconfigured source meets an older server, then sticks to it', async () => {
    const world = await startWorld({ jobCount: 3, simPrefix: '' });
    const first = await world.source.list();
    expect(requestSummary(world).map((request) => request.path)).toEqual(['/api/job', '/job']);
    expect(first).toMatchObject({ requests: 2, total: 3 });
    world.server.clearRequests();
    const second = await world.source.list();
    await world.source.detail(second.jobs[0].id);
    expect(requestSummary(world).map((request) => request.path)).toEqual(['/job', `/job/${second.jobs[0].id}`]);
    expect(second.requests).toBe(1);
  });

  it('reports the embedded web UI as HTML when the old prefix is used against a current server', async () => {
    const world = await startWorld({ jobCount: 3, sourcePrefix: '' });
    const error = await rejection(world.source.list());
    expect(error).toMatchObject({ source: 'osapi-test', kind: 'html', status: 200 });
  });
});

describe('createOsapiSource detail()', () => {
  it('reads agents, timeline and responses of a broadcast job', async () => {
    const world = await startWorld();
    const id = world.sim.inject({
      operation: { type: 'node.hostname.get', data: {} },
      agents: [
        { host: 'web-01', outcome: 'completed', data: { hostname: 'web-01' }, durationMs: 1500 },
        { host: 'web-02', outcome: 'failed', error: 'context deadline exceeded', durationMs: 30_000 },
      ],
    });
    const detail = await world.source.detail(id);
    expect(requestSummary(world)).toEqual([{ method: 'GET', path: `/api/job/${id}`, query: {} }]);
    expect(world.server.requests[0].headers.authorization).toBe(`Bearer ${world.token}`);
    expect(detail).toMatchObject({ id, state: 'partial', nativeState: 'partial_failure', host: 'web-02', error: null });
    expect(detail!.steps!.map((step) => [step.name, step.state, step.durationMs, step.error])).toEqual([
      ['web-01', 'succeeded', 1500, null],
      ['web-02', 'failed', 30_000, 'context deadline exceeded'],
    ]);
    expect(detail!.messages!.map((message) => message.text)).toEqual([
      'Job submitted to queue',
      'Job acknowledged by agent web-01',
      'Job acknowledged by agent web-02',
      'Job processing started on web-01',
      'Job processing started on web-02',
      'Job completed successfully on web-01',
      'Job failed on web-02: context deadline exceeded',
    ]);
    expect(detail!.result).toMatchObject({
      changed: null,
      responses: { 'web-01': { data: { hostname: 'web-01' }, status: 'completed' } },
    });
  });

  it('returns null for a job the server no longer holds', async () => {
    const world = await startWorld();
    await expect(world.source.detail('1b4e28ba-2fa1-41d2-883f-0016d3cca427')).resolves.toBeNull();
  });

  it("surfaces Echo's binding error for an id that is not a UUID", async () => {
    const world = await startWorld();
    const error = await rejection(world.source.detail('not-a-uuid'));
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      detail:
        "Invalid format for parameter id: error unmarshaling 'not-a-uuid' text as *uuid.UUID: invalid UUID length: 10",
    });
  });
});

describe('createOsapiSource act()', () => {
  it('deletes with exactly one DELETE and reports that agents keep working', async () => {
    const world = await startWorld();
    const id = world.sim.inject({ agents: [{ host: 'web-01', outcome: 'started' }] });
    const outcome = await world.source.act('delete', await listedJob(world, id));
    expect(requestSummary(world)).toEqual([{ method: 'DELETE', path: `/api/job/${id}`, query: {} }]);
    expect(world.server.requests[0].headers.authorization).toBe(`Bearer ${world.token}`);
    expect(outcome).toEqual({
      kind: 'delete',
      effect: 'deleted',
      message: `OSAPI forgot job ${id}; agents already working on it keep working`,
    });
    expect(world.sim.statusOf(id)).toBeUndefined();
  });

  it('retries with exactly one POST, returns the new job id, and the original gains a retried event', async () => {
    const world = await startWorld({ roles: ['write'] });
    const id = world.sim.inject({
      operation: { type: 'node.disk.get', data: {} },
      agents: [{ host: 'web-01', outcome: 'failed' }],
    });
    const outcome = await world.source.act('retry', await listedJob(world, id));
    const created = world.sim.jobs[world.sim.jobs.length - 1];
    expect(requestSummary(world)).toEqual([{ method: 'POST', path: `/api/job/${id}/retry`, query: {} }]);
    expect(world.server.requests[0].body).toBe('');
    expect(outcome).toMatchObject({ kind: 'retry', effect: 'retried', newJobId: created.id });
    expect(outcome.message).toMatch(new RegExp(`^Retried as job ${created.id} \\(status created, revision \\d+\\)$`));
    expect(created.operation).toEqual({ type: 'node.disk.get', data: {} });
    const original = await world.source.detail(id);
    expect(original!.messages!.at(-1)).toMatchObject({
      text: `Job retried as ${created.id}`,
      origin: '_api',
      level: 'info',
    });
    expect(original!.nativeState).toBe('failed');
    expect((await world.source.detail(created.id))!.nativeState).toBe('submitted');
    world.advance(5 * MINUTE);
    expect((await world.source.detail(created.id))!.terminal).toBe(true);
  });

  it("surfaces the server's refusal to retry a job without operation data, sent once", async () => {
    const world = await startWorld();
    const id = world.sim.inject({ operation: null, agents: [{ host: 'web-01', outcome: 'failed' }] });
    const error = await rejection(world.source.act('retry', await listedJob(world, id)));
    expect(error).toMatchObject({ source: 'osapi-test', status: 400, detail: `job has no operation data: ${id}` });
    expect(world.server.requests).toHaveLength(1);
  });

  it('surfaces 403 for a read-only token and does not resend', async () => {
    const world = await startWorld({ roles: ['read'] });
    const id = world.sim.inject({ agents: [{ host: 'web-01', outcome: 'failed' }] });
    const error = await rejection(world.source.act('delete', await listedJob(world, id)));
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(error.detail).toBe(
      'Insufficient permissions. Required: [job:write], resolved: map[agent:read:true container:read:true file:read:true health:read:true job:read:true network:read:true node:read:true]',
    );
    expect(world.server.requests).toHaveLength(1);
    expect(world.sim.statusOf(id)).toBe('failed');
  });

  it('refuses cancel without sending anything: OSAPI has none', async () => {
    const world = await startWorld();
    const id = world.sim.inject({ agents: [{ host: 'web-01', outcome: 'started' }] });
    const error = await rejection(world.source.act('cancel', await listedJob(world, id)));
    expect(error).toMatchObject({ kind: 'unsupported', detail: 'OSAPI has no cancel; Delete only forgets the record' });
    expect(world.server.requests).toHaveLength(0);
  });

  it('sends nothing from a read-only source', async () => {
    const world = await startWorld({ readonly: true });
    const id = world.sim.inject({ agents: [{ host: 'web-01', outcome: 'failed' }] });
    const error = await rejection(world.source.act('delete', await listedJob(world, id)));
    expect(error.kind).toBe('readonly');
    expect(world.server.requests).toHaveLength(0);
  });
});

describe('createOsapiSource authentication', () => {
  it('names the missing token', async () => {
    const world = await startWorld({ jobCount: 2, roles: null });
    const error = await rejection(world.source.list());
    expect(world.server.requests[0].headers.authorization).toBeUndefined();
    expect(error).toMatchObject({ source: 'osapi-test', kind: 'auth', status: 401, detail: 'Bearer token required' });
    expect(error.message).toBe('osapi-test: 401 unauthorized: Bearer token required (GET /api/job)');
  });

  it('names an expired token', async () => {
    const sim = createOsapiSimulator({ now: () => START, jobCount: 2, arrivals: false });
    const server = await startDemoServer(sim);
    closers.push(server);
    const token = signOsapiDemoToken({ issuedAt: START - 2 * 3_600_000, expiresInSeconds: 3600 });
    const source = createOsapiSource({ name: 'osapi-test', url: server.url, token });
    closers.push(source);
    const error = await rejection(source.list());
    expect(error).toMatchObject({ kind: 'auth', status: 401, detail: 'Invalid token: token is expired by 1h0m0s' });
  });

  it('names a token signed with another key', async () => {
    const sim = createOsapiSimulator({ now: () => START, jobCount: 2, arrivals: false });
    const server = await startDemoServer(sim);
    closers.push(server);
    const source = createOsapiSource({
      name: 'osapi-test',
      url: server.url,
      token: signOsapiDemoToken({ signingKey: 'not-the-key', issuedAt: START }),
    });
    closers.push(source);
    await expect(rejection(source.list())).resolves.toMatchObject({
      status: 401,
      detail: 'Invalid token: signature is invalid',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Every documented error shape, from a tiny real server
// ---------------------------------------------------------------------------------------------

interface FixedServer {
  url: string;
  requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>;
}

async function startFixedServer(status: number, body: string, contentType = 'application/json'): Promise<FixedServer> {
  const requests: FixedServer['requests'] = [];
  const server = await startStubServer((request) => {
    requests.push({ method: request.method, url: pathWithQuery(request), headers: request.headers });
    return { status, text: body, contentType };
  });
  closers.push({ close: () => server.close() });
  return { url: server.url, requests };
}

function fixedSource(server: FixedServer, token = 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'): JobSource {
  const source = createOsapiSource({ name: 'osapi-errors', url: server.url, token, pathPrefix: '/api' });
  closers.push(source);
  return source;
}

const failedJob = normalizeOsapiJob({ id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', status: 'failed' }, 'osapi-errors');

describe('OSAPI error shapes', () => {
  it.each([
    ['error-400-validation.json', 400, 'http', 'HTTP 400'],
    ['error-400-binding-limit.json', 400, 'http', 'HTTP 400'],
    ['error-401-missing-token.json', 401, 'auth', '401 unauthorized'],
    ['error-401-invalid-token.json', 401, 'auth', '401 unauthorized'],
    ['error-403.json', 403, 'forbidden', '403 forbidden'],
    ['error-404.json', 404, 'not-found', '404 not found'],
    ['error-500.json', 500, 'server', '500 server error'],
  ])(
    'turns %s (HTTP %i) from the list into a SourceError with the server message',
    async (file, status, kind, short) => {
      const body = fixture(file);
      const vendorMessage: string = body.error ?? body.message;
      const source = fixedSource(await startFixedServer(status, JSON.stringify(body)));
      const error = await rejection(source.list());
      expect(error).toMatchObject({
        source: 'osapi-errors',
        kind,
        short,
        status,
        detail: vendorMessage,
        request: 'GET /api/job',
      });
      expect(error.message).toBe(`osapi-errors: ${short}: ${vendorMessage} (GET /api/job)`);
    },
  );

  it("turns Echo's 400 for a malformed id into a SourceError from detail()", async () => {
    const source = fixedSource(await startFixedServer(400, JSON.stringify(fixture('error-400-binding-id.json'))));
    await expect(rejection(source.detail('not-a-uuid'))).resolves.toMatchObject({
      status: 400,
      detail: fixture('error-400-binding-id.json').message,
    });
  });

  it("reads OSAPI's own 404 on detail as a vanished job, but Echo's route-miss 404 as an error", async () => {
    await expect(
      fixedSource(await startFixedServer(404, JSON.stringify(fixture('error-404.json')))).detail(failedJob.id),
    ).resolves.toBeNull();
    const routeMiss = fixedSource(await startFixedServer(404, '{"message":"Not Found"}\n'));
    await expect(rejection(routeMiss.detail(failedJob.id))).resolves.toMatchObject({
      kind: 'not-found',
      detail: 'Not Found',
    });
  });

  it('surfaces the 400 for a retry without operation data and sends it once', async () => {
    const server = await startFixedServer(400, JSON.stringify(fixture('error-400-no-operation.json')));
    const error = await rejection(fixedSource(server).act('retry', failedJob));
    expect(error).toMatchObject({
      status: 400,
      detail: 'job has no operation data: 1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      request: 'POST /api/job/1b4e28ba-2fa1-11d2-883f-0016d3cca427/retry',
    });
    expect(server.requests.map((request) => request.method)).toEqual(['POST']);
  });

  it('does not resend a delete that met 401', async () => {
    const server = await startFixedServer(401, JSON.stringify(fixture('error-401-invalid-token.json')));
    await rejection(fixedSource(server).act('delete', failedJob));
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'DELETE /api/job/1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    ]);
  });

  it('redacts the token when a server echoes it back', async () => {
    const token = signOsapiDemoToken({ issuedAt: START });
    const source = fixedSource(
      await startFixedServer(401, JSON.stringify({ error: `Invalid token: ${token}` })),
      token,
    );
    const error = await rejection(source.list());
    expect(error.detail).toBe('Invalid token: ***');
    expect(error.message).not.toContain(token);
  });

  it('reads a retry answer from the fixture', async () => {
    const server = await startFixedServer(201, JSON.stringify(fixture('retry.json')));
    await expect(fixedSource(server).act('retry', failedJob)).resolves.toEqual({
      kind: 'retry',
      effect: 'retried',
      message: 'Retried as job 6fa459ea-ee8a-4ca4-894e-db77e160355e (status created, revision 7)',
      newJobId: '6fa459ea-ee8a-4ca4-894e-db77e160355e',
    });
  });

  it.each([
    [
      'a list without items',
      200,
      '{"total_items":3,"status_counts":null}',
      (source: JobSource) => source.list(),
      'the list response has no "items" array: got an object with keys total_items, status_counts',
    ],
    [
      'a list that is a bare array',
      200,
      '[]',
      (source: JobSource) => source.list(),
      'the list response has no "items" array: got an array',
    ],
    [
      'a detail without id',
      200,
      '{"status":"failed"}',
      (source: JobSource) => source.detail(failedJob.id),
      'the job response has no "id": got an object with keys status',
    ],
    [
      'a retry answer without job_id',
      201,
      '{"status":"created"}',
      (source: JobSource) => source.act('retry', failedJob),
      'the retry response has no "job_id": got an object with keys status',
    ],
  ])('reports %s as an unexpected response shape', async (_name, status, body, call, detail) => {
    const error = await rejection(call(fixedSource(await startFixedServer(status, body))));
    expect(error).toMatchObject({
      source: 'osapi-errors',
      kind: 'shape',
      short: 'unexpected response shape',
      detail,
      status,
    });
  });

  it('reads the fixture list page end to end', async () => {
    const source = fixedSource(await startFixedServer(200, JSON.stringify(fixture('list.json'))));
    const result = await source.list();
    expect(result).toMatchObject({
      total: 42,
      requests: 1,
      stateCounts: { succeeded: 30, failed: 3, skipped: 1, partial: 2, running: 2, queued: 5 },
    });
    expect(result.jobs.map((job) => job.state)).toEqual([
      'queued',
      'running',
      'succeeded',
      'partial',
      'failed',
      'skipped',
      'succeeded',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Simulator fidelity (OSAPI's wire format as docs/vendors.md describes it)
// ---------------------------------------------------------------------------------------------

describe('OSAPI simulator', () => {
  const makeSimulator = (options: { pathPrefix?: string; jobCount?: number; seed?: number } = {}) =>
    createOsapiSimulator({
      now: () => START,
      seed: options.seed ?? 5,
      jobCount: options.jobCount ?? 30,
      arrivals: false,
      pathPrefix: options.pathPrefix,
    });
  const call = (sim: OsapiSimulator, method: string, path: string, query = '', token?: string | null, body = '') => {
    const headers = token === null ? {} : { authorization: `Bearer ${token ?? sim.mintToken()}` };
    const response = sim.handle({ method, path, query: new URLSearchParams(query), headers, body }) as DemoResponse;
    return {
      status: response.status,
      body: response.text
        ? response.headers?.['content-type']?.startsWith('application/json')
          ? JSON.parse(response.text)
          : response.text
        : undefined,
      response,
    };
  };

  it('keeps list items lean: changed null, no timeline, agent_states or responses, result only for single agents', () => {
    const sim = makeSimulator({ jobCount: 60 });
    const { status, body } = call(sim, 'GET', '/api/job', 'limit=100');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['items', 'status_counts', 'total_items']);
    for (const item of body.items) {
      expect(item.changed).toBeNull();
      expect(item).not.toHaveProperty('timeline');
      expect(item).not.toHaveProperty('agent_states');
      expect(item).not.toHaveProperty('responses');
      if (item.result !== undefined)
        expect(Object.keys(call(sim, 'GET', `/api/job/${item.id}`).body.responses)).toHaveLength(1);
    }
  });

  it('formats created at seconds and agent events at nanoseconds like Go', () => {
    const sim = makeSimulator();
    const id = sim.inject({
      createdAt: START - MINUTE,
      agents: [{ host: 'web-01', outcome: 'completed', durationMs: 1500 }],
    });
    const { body } = call(sim, 'GET', `/api/job/${id}`);
    expect(body.created).toBe('2026-03-20T08:59:00Z');
    expect(body.updated_at).toBe('2026-03-20T08:59:02.6Z');
    expect(body.agent_states['web-01']).toEqual({ duration: '1.5s', status: 'completed' });
    expect(formatRfc3339Nano(START + 250, 123)).toBe('2026-03-20T09:00:00.250000123Z');
    expect([0, 999, 350_123, 1.5e9, 123.5e9, 3.6e12].map(formatGoDuration)).toEqual([
      '0s',
      '999ns',
      '350.123µs',
      '1.5s',
      '2m3.5s',
      '1h0m0s',
    ]);
  });

  it('validates limit after auth with the validator text, naming the struct of each API version', () => {
    expect(call(makeSimulator(), 'GET', '/api/job', 'limit=0')).toMatchObject({
      status: 400,
      body: { error: "Key: 'GetApiJobParams.Limit' Error:Field validation for 'Limit' failed on the 'min' tag" },
    });
    expect(call(makeSimulator(), 'GET', '/api/job', 'limit=101')).toMatchObject({
      status: 400,
      body: { error: "Key: 'GetApiJobParams.Limit' Error:Field validation for 'Limit' failed on the 'max' tag" },
    });
    expect(call(makeSimulator({ pathPrefix: '' }), 'GET', '/job', 'limit=0&offset=-1')).toMatchObject({
      status: 400,
      body: {
        error:
          "Key: 'GetJobsParams.Limit' Error:Field validation for 'Limit' failed on the 'min' tag; Key: 'GetJobsParams.Offset' Error:Field validation for 'Offset' failed on the 'min' tag",
      },
    });
    expect(call(makeSimulator(), 'GET', '/api/job', 'limit=0', null)).toMatchObject({
      status: 401,
      body: { error: 'Bearer token required' },
    });
    expect(call(makeSimulator(), 'GET', '/api/job', 'status=skipped').body.error).toContain(
      "failed on the 'oneof' tag",
    );
  });

  it('binds parameters before auth, answering in Echo\'s {"message"} shape even without a token', () => {
    expect(call(makeSimulator(), 'GET', '/api/job', 'limit=ten', null)).toMatchObject({
      status: 400,
      body: {
        message:
          'Invalid format for parameter limit: error binding string parameter: strconv.ParseInt: parsing "ten": invalid syntax',
      },
    });
    expect(call(makeSimulator(), 'DELETE', '/api/job/42', '', null)).toMatchObject({
      status: 400,
      body: {
        message: "Invalid format for parameter id: error unmarshaling '42' text as *uuid.UUID: invalid UUID length: 2",
      },
    });
  });

  it('returns an empty page with the real total past the end, and null status_counts on an empty bucket', () => {
    expect(call(makeSimulator({ jobCount: 12 }), 'GET', '/api/job', 'offset=500').body).toMatchObject({
      items: [],
      total_items: 12,
    });
    expect(call(makeSimulator({ jobCount: 0 }), 'GET', '/api/job').body).toEqual({
      items: [],
      status_counts: null,
      total_items: 0,
    });
    expect(call(makeSimulator({ jobCount: 30 }), 'GET', '/api/job').body.items).toHaveLength(10);
  });

  it('filters by status and always lists the five base keys of status_counts', () => {
    const sim = makeSimulator({ jobCount: 0 });
    sim.inject({ agents: [{ host: 'web-01', outcome: 'failed' }] });
    sim.inject({ agents: [{ host: 'web-01', outcome: 'completed' }] });
    const { body } = call(sim, 'GET', '/api/job', 'status=failed');
    expect(body.total_items).toBe(1);
    expect(body.items.map((item: any) => item.status)).toEqual(['failed']);
    expect(body.status_counts).toEqual({ completed: 1, failed: 1, partial_failure: 0, processing: 0, submitted: 0 });
  });

  it('verifies tokens like golang-jwt and the scope middleware', () => {
    const sim = makeSimulator();
    expect(call(sim, 'GET', '/api/job', '', 'abc').body).toEqual({
      error: 'Invalid token: token contains an invalid number of segments',
    });
    expect(call(sim, 'GET', '/api/job', '', sim.mintToken({ roles: ['operator'] })).body).toEqual({
      error:
        "Invalid token: Key: 'CustomClaims.Roles[0]' Error:Field validation for 'Roles[0]' failed on the 'oneof' tag",
    });
    expect(
      call(sim, 'GET', '/api/job', '', sim.mintToken({ roles: ['read'], permissions: ['node:read'] })),
    ).toMatchObject({
      status: 403,
      body: { error: 'Insufficient permissions. Required: [job:read], resolved: map[node:read:true]' },
    });
    expect(call(sim, 'GET', '/api/job', '', sim.mintToken({ roles: ['read'], permissions: ['job:read'] })).status).toBe(
      200,
    );
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"roles":["admin"]}').toString('base64url')}.`;
    expect(call(sim, 'GET', '/api/job', '', unsigned).body).toEqual({
      error: 'Invalid token: unexpected signing method',
    });
  });

  it('rejects a retry target that no agent answers to', () => {
    const sim = makeSimulator({ jobCount: 0 });
    const id = sim.inject({ agents: [{ host: 'web-01', outcome: 'failed' }] });
    expect(call(sim, 'POST', `/api/job/${id}/retry`, '', undefined, '{"target_hostname":"mystery-01"}')).toMatchObject({
      status: 400,
      body: {
        error: `Key: 'RetryJobRequest.TargetHostname' Error:Field validation for 'TargetHostname' failed on the 'valid_target' tag: target agent "mystery-01" not found`,
      },
    });
    const retried = call(sim, 'POST', `/api/job/${id}/retry`, '', undefined, '{"target_hostname":"_all"}');
    expect(retried.status).toBe(201);
    expect(Object.keys(retried.body)).toEqual(['job_id', 'revision', 'status', 'timestamp']);
    expect(retried.body).toMatchObject({ status: 'created', timestamp: '2026-03-20T09:00:00Z' });
  });

  it("answers unknown routes like Echo, and the embedded UI's HTML outside /api", () => {
    const sim = makeSimulator();
    expect(call(sim, 'PUT', '/api/job')).toMatchObject({ status: 405, body: { message: 'Method Not Allowed' } });
    expect(call(sim, 'GET', '/api/jobs')).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    const ui = call(sim, 'GET', '/job');
    expect(ui.status).toBe(200);
    expect(ui.response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(call(makeSimulator({ pathPrefix: '' }), 'GET', '/api/job')).toMatchObject({
      status: 404,
      body: { message: 'Not Found' },
    });
  });

  it('is deterministic for a seed and clock', () => {
    const first = call(
      makeSimulator({ seed: 9 }),
      'GET',
      '/api/job',
      'limit=100',
      signOsapiDemoToken({ issuedAt: START }),
    );
    const second = call(
      makeSimulator({ seed: 9 }),
      'GET',
      '/api/job',
      'limit=100',
      signOsapiDemoToken({ issuedAt: START }),
    );
    expect(second.response.text).toBe(first.response.text);
    expect(call(makeSimulator({ seed: 10 }), 'GET', '/api/job', 'limit=100').response.text).not.toBe(
      first.response.text,
    );
  });

  it('simulates broadcasts with partial failures, skipped FreeBSD agents and jobs stuck on an offline host', () => {
    const sim = createOsapiSimulator({ now: () => START, seed: 2, jobCount: 200, arrivals: false });
    sim.tick(START + 10 * MINUTE);
    const statuses = new Set(sim.jobs.filter((job) => job.recordAlive).map((job) => sim.statusOf(job.id)));
    expect([...statuses].sort()).toEqual(['completed', 'failed', 'partial_failure', 'skipped', 'submitted']);
    expect(sim.jobs.some((job) => job.events.some((event) => event.event === 'retried'))).toBe(true);
  });

  it('stays bounded over hours of arrivals', () => {
    let now = START;
    const sim = createOsapiSimulator({ now: () => now, seed: 4, jobCount: 40 });
    for (let step = 0; step < 3 * 360; step++) {
      now += 10_000;
      sim.tick(now);
    }
    expect(sim.jobs.filter((job) => job.recordAlive).length).toBeLessThanOrEqual(80);
    expect(sim.jobs.length).toBeLessThan(200);
    expect(sim.jobs.every((job) => job.events.every((event) => event.at > now - 3_600_000))).toBe(true);
  });

  it('hands out a config entry whose long-lived admin token the simulator accepts', () => {
    const sim = makeSimulator();
    const entry = sim.sourceConfig('http://127.0.0.1:9', 'demo-osapi');
    expect(entry).toMatchObject({ name: 'demo-osapi', type: 'osapi', url: 'http://127.0.0.1:9', pathPrefix: '/api' });
    expect(call(sim, 'DELETE', `/api/job/${sim.jobs[0].id}`, '', entry.token as string).status).toBe(204);
    expect(signOsapiDemoToken({ issuedAt: START }).split('.')).toHaveLength(3);
    expect(OSAPI_DEMO_SIGNING_KEY).toBe('jobtop-demo-osapi-signing-key');
  });
});

describe('OSAPI demo token verification', () => {
  it('answers 401 (not a crash) for a token whose alg is an object property name', async () => {
    const { createOsapiSimulator } = await import('../../source/demo/osapi-server.js');
    const simulator = createOsapiSimulator({ seed: 1, now: () => 1_790_000_000_000 });
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${encode({ alg: 'constructor', typ: 'JWT' })}.${encode({ sub: 'x', roles: ['admin'] })}.c2ln`;
    const response = await simulator.handle({
      method: 'GET',
      path: '/api/job',
      query: new URLSearchParams(),
      headers: { authorization: `Bearer ${token}` },
      body: '',
    });
    expect(response.status).toBe(401);
    expect(response.json ?? JSON.parse(response.text ?? 'null')).toEqual({
      error: expect.stringMatching(/^Invalid token: /),
    });
  });
});
