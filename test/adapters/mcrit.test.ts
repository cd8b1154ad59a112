import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTooLargeResult } from '../../source/domain/format.js';
import { identifyJobState } from '../../source/demo/mcrit/job-state.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSource } from '../../source/adapters/contract.js';
import { SourceError } from '../../source/adapters/errors.js';
import {
  MCRIT_PAGE_SIZE,
  createMcritSource,
  deriveMcritState,
  mapMcritState,
  normalizeMcritDetail,
  normalizeMcritJob,
  normalizeMcritStats,
  summarizeMcritError,
  type McritOptions,
} from '../../source/adapters/mcrit/index.js';
import { MAX_PAGES_PER_POLL } from '../../source/adapters/paging.js';
import { startDemoServer, type DemoResponse, type RunningDemoServer } from '../../source/demo/kit.js';
import {
  MCRIT_DEMO_TOKEN,
  createMcritSimulator,
  type McritJobDocument,
  type McritSimulator,
  type McritSimulatorOptions,
} from '../../source/demo/mcrit-server.js';
import type { Job } from '../../source/domain/job.js';
import { startStubServer } from '../helpers/stub-server.js';

const T0 = Date.UTC(2026, 7, 6, 12, 0, 0);

function fixture<T = { status: string; data: unknown }>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/mcrit/${name}`, import.meta.url), 'utf8')) as T;
}

const listFixture = fixture<{ status: string; data: McritJobDocument[] }>('list.json');

// ---- resources closed after every test ----

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

interface Harness {
  simulator: McritSimulator;
  server: RunningDemoServer;
  clock: { now: number };
}

async function startSimulator(options: McritSimulatorOptions = {}): Promise<Harness> {
  const clock = { now: T0 };
  const simulator = createMcritSimulator({ seed: 7, arrivals: false, now: () => clock.now, ...options });
  const server = await startDemoServer(simulator);
  closers.push(() => server.close());
  return { simulator, server, clock };
}

function sourceFor(url: string, options: Partial<McritOptions> = {}): JobSource {
  const source = createMcritSource({ name: 'lab-mcrit', url, apiToken: MCRIT_DEMO_TOKEN, ...options });
  closers.push(() => source.close());
  return source;
}

function listRequests(server: RunningDemoServer) {
  return server.requests.filter((request) => request.path === '/jobs').map((request) => request.query);
}

function newestFirstIds(simulator: McritSimulator): string[] {
  return simulator.documents
    .map((document) => document._id.$oid)
    .sort()
    .reverse();
}

async function captureError(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error('expected a SourceError');
}

interface FakeReply {
  status: number;
  body?: unknown;
  text?: string;
  contentType?: string;
}

/** A tiny real HTTP server that answers every request with `reply(...)`, recording what reached it. */
async function startFakeServer(reply: (path: string, query: URLSearchParams, method: string) => FakeReply) {
  const requests: { method: string; path: string; query: URLSearchParams }[] = [];
  const server = await startStubServer((request) => {
    requests.push({ method: request.method, path: request.path, query: request.query });
    const answer = reply(request.path, request.query, request.method);
    return {
      status: answer.status,
      json: answer.text === undefined ? answer.body : undefined,
      text: answer.text,
      contentType: answer.contentType,
    };
  });
  closers.push(() => server.close());
  return { url: server.url, requests };
}

function jobDocument(id: string, overrides: Partial<McritJobDocument> = {}): McritJobDocument {
  return { ...listFixture.data[2], _id: { $oid: id }, ...overrides };
}

// ---- pure functions ----

describe('deriveMcritState reproduces mongoqueue _identifyJobState rule by rule', () => {
  const started = { $date: '2026-08-06T10:00:01.000Z' };
  const finished = { $date: '2026-08-06T10:00:09.000Z' };
  const base = { started_at: null, locked_by: null, finished_at: null, terminated: false, attempts_left: 3 };
  it.each([
    ['started and locked, not finished', { started_at: started, locked_by: 'Worker-1' }, 'in_progress'],
    [
      'locked with no attempts left is still in_progress (rule 1 before rule 2)',
      { started_at: started, locked_by: 'Worker-1', attempts_left: 0 },
      'in_progress',
    ],
    ['started, locked and finished', { started_at: started, locked_by: 'Worker-1', finished_at: finished }, 'finished'],
    ['started, locked and terminated', { started_at: started, locked_by: 'Worker-1', terminated: true }, 'terminated'],
    ['no attempts left, unlocked', { started_at: started, attempts_left: 0 }, 'failed'],
    ['no attempts left written as Python False', { attempts_left: false }, 'failed'],
    ['no attempts left but finished', { attempts_left: 0, finished_at: finished }, 'finished'],
    ['no attempts left but terminated', { attempts_left: 0, terminated: true }, 'terminated'],
    ['never taken', {}, 'queued'],
    [
      'released after an error with attempts left',
      { started_at: started, attempts_left: 2, last_error: 'Traceback…' },
      'queued',
    ],
    ['an empty locked_by is falsy in Python', { started_at: started, locked_by: '' }, 'queued'],
    ['locked but never started', { locked_by: 'Worker-1' }, 'unknown'],
    ['terminated while unlocked', { terminated: true }, 'terminated'],
  ])('%s → %s', (_name, fields, expected) => {
    expect(deriveMcritState({ ...base, ...fields })).toBe(expected);
    // The simulator's own port of the rule, written apart from the adapter's, agrees with the table.
    expect(
      identifyJobState({ ...jobDocument('6a74660af8b8d2c6f83664f1'), ...base, ...fields } as McritJobDocument),
    ).toBe(expected);
  });

  it.each([[{}], [null], ['a string'], [[1, 2]]])(
    'treats a document with no fields (%j) like Python treats missing values, as queued',
    (value) => {
      expect(deriveMcritState(value)).toBe('queued');
    },
  );
});

describe('mapMcritState maps every derived state (MCRIT job states, docs/vendors.md)', () => {
  it.each([
    ['queued', 'queued', false],
    ['in_progress', 'running', false],
    ['finished', 'succeeded', true],
    ['failed', 'failed', true],
    ['terminated', 'cancelled', true],
    ['unknown', 'unknown', false],
    ['processing', 'unknown', false],
    ['', 'unknown', false],
    ['constructor', 'unknown', false],
  ])('%j → %s (terminal %s)', (native, state, terminal) => {
    expect(mapMcritState(native)).toEqual({ state, terminal, flags: [] });
  });

  it.each([
    ['queued', ['had-error']],
    ['in_progress', ['had-error']],
    ['finished', ['had-error']],
    ['failed', []],
  ])('flags a %s job that carries last_error with %j', (native, flags) => {
    expect(mapMcritState(native, 'Traceback (most recent call last):\nKeyError: 3').flags).toEqual(flags);
  });
});

describe('summarizeMcritError', () => {
  it('keeps the exception line of a Python traceback', () => {
    expect(
      summarizeMcritError(
        'Traceback (most recent call last):\n  File "x.py", line 1, in f\n    raise\nValueError: Sample with ID 17 does not exist.\n',
      ),
    ).toBe('ValueError: Sample with ID 17 does not exist.');
  });

  it('keeps the first line of any other text, and null for blank text', () => {
    expect(summarizeMcritError('worker lost\nsecond line')).toBe('worker lost');
    expect(summarizeMcritError(' \n ')).toBeNull();
    expect(summarizeMcritError(null)).toBeNull();
  });
});

describe('normalizeMcritJob (fixtures/mcrit/list.json)', () => {
  it('normalizes the live-recorded finished document field by field', () => {
    const raw = listFixture.data[6];
    expect(normalizeMcritJob(raw, 'lab')).toEqual({
      source: 'lab',
      id: '6a74660af8b8d2c6f83664f1',
      key: 'lab/6a74660af8b8d2c6f83664f1',
      vendor: 'mcrit',
      type: 'getUniqueBlocks',
      state: 'succeeded',
      nativeState: 'finished',
      terminal: true,
      flags: [],
      priority: { rank: 'normal', value: 0, label: null },
      progress: 100,
      createdAt: Date.parse('2026-08-06T10:46:34.679Z'),
      startedAt: Date.parse('2026-08-06T10:46:34.786Z'),
      finishedAt: Date.parse('2026-08-06T10:46:36.943Z'),
      updatedAt: Date.parse('2026-08-06T10:46:36.943Z'),
      owner: null,
      host: 'Worker-3ff5512e-1070-4a82-a047-536e025d0bb0',
      parentId: null,
      error: null,
      raw,
    });
    expect(normalizeMcritJob(raw, 'lab').raw).toBe(raw);
  });

  it.each([
    [0, 'getMatchesForSample', 'in_progress', 'running', [], 45, 'Worker-3ff5512e-1070-4a82-a047-536e025d0bb0', null],
    [
      1,
      'addBinarySample',
      'queued',
      'queued',
      ['had-error'],
      31,
      null,
      'pymongo.errors.AutoReconnect: mongodb:27017: [Errno 111] Connection refused',
    ],
    [2, 'updateMinHashes', 'queued', 'queued', [], null, null, null],
    [3, 'combineMatchesToCross', 'queued', 'queued', [], null, null, null],
    [4, 'getUniqueBlocks', 'failed', 'failed', [], 12, null, 'KeyError: 17'],
    [5, 'addBinarySample', 'terminated', 'cancelled', [], 27, 'Worker-91c0d7aa-5b4e-4f4e-8d61-0c2b7a9e33f1', null],
    [6, 'getUniqueBlocks', 'finished', 'succeeded', [], 100, 'Worker-3ff5512e-1070-4a82-a047-536e025d0bb0', null],
    [
      7,
      'getMatchesForSampleVsGroup',
      'finished',
      'succeeded',
      [],
      100,
      'Worker-3ff5512e-1070-4a82-a047-536e025d0bb0',
      null,
    ],
  ])('document %i (%s) derives %s → %s', (index, type, nativeState, state, flags, progress, host, error) => {
    const job = normalizeMcritJob(listFixture.data[index], 'lab');
    expect({
      type: job.type,
      nativeState: job.nativeState,
      state: job.state,
      flags: job.flags,
      progress: job.progress,
      host: job.host,
      error: job.error,
    }).toEqual({
      type,
      nativeState,
      state,
      flags,
      progress,
      host,
      error,
    });
  });

  it('takes updatedAt from the newest of locked_at, finished_at, started_at and created_at', () => {
    expect(normalizeMcritJob(listFixture.data[0], 'lab').updatedAt).toBe(Date.parse('2026-08-06T11:05:12.411Z'));
    expect(normalizeMcritJob(listFixture.data[2], 'lab').updatedAt).toBe(Date.parse('2026-08-06T11:04:26.504Z'));
  });

  it('reads priority as a number and the job waiting on this one (required_by) as its parent', () => {
    expect(normalizeMcritJob(listFixture.data[2], 'lab').priority).toEqual({ rank: 'high', value: 1, label: null });
    expect(normalizeMcritJob(listFixture.data[7], 'lab').parentId).toBe('6a7465f2f8b8d2c6f83664cd');
  });

  it('degrades odd documents field by field instead of throwing (fixtures/mcrit/list-edge-cases.json)', () => {
    const [lockedNotStarted, countProgress, sparse] = fixture<{ data: unknown[] }>('list-edge-cases.json').data.map(
      (raw) => normalizeMcritJob(raw, 'lab'),
    );
    expect([lockedNotStarted.nativeState, lockedNotStarted.state, lockedNotStarted.terminal]).toEqual([
      'unknown',
      'unknown',
      false,
    ]);
    // why: a progress above 1 is MCRIT's absolute step count (no total set), not a percentage.
    expect([countProgress.progress, countProgress.progressSteps]).toEqual([null, 1523]);
    expect(sparse).toMatchObject({
      id: '6a746b00f8b8d2c6f8366b18',
      type: 'unknown',
      nativeState: 'unknown',
      priority: { value: null, label: null },
      progress: null,
      createdAt: null,
      updatedAt: null,
      host: '7',
      error: null,
    });
  });
});

describe('normalizeMcritDetail', () => {
  it('shows the full traceback of a failed job as its one error message, with no steps and no result', () => {
    const raw = fixture('detail-failed.json').data;
    const detail = normalizeMcritDetail(raw, 'lab');
    expect(detail.steps).toBeNull();
    expect(detail.result).toBeUndefined();
    expect(detail.messages).toEqual([
      { timestamp: null, level: 'error', text: (raw as McritJobDocument).last_error, origin: null },
    ]);
  });

  it('shows an earlier attempt’s traceback on a retried job as a warning', () => {
    expect(normalizeMcritDetail(listFixture.data[1], 'lab').messages?.[0].level).toBe('warning');
  });

  it('carries the result object and null messages for a clean finished job', () => {
    const result = fixture('result.json').data;
    const detail = normalizeMcritDetail(fixture('detail.json').data, 'lab', result);
    expect(detail.result).toBe(result);
    expect(detail.messages).toBeNull();
    expect(detail.outputs).toBeNull();
  });
});

describe('normalizeMcritStats', () => {
  it('sums the per-method partial maps of the live-recorded stats as the server counters they are', () => {
    expect(normalizeMcritStats(fixture('stats.json').data)).toEqual({
      label: 'MCRIT /jobs/stats (server counters per method; they drift and are not a job count)',
      counts: { failed: 0, finished: 42, in_progress: 4, queued: 0, terminated: 0 },
    });
  });

  it.each([
    [0.25, 25, undefined],
    [1, 100, undefined],
    [0, 0, undefined],
    [1523, null, 1523],
    [1.5, null, 1],
    [-3, null, undefined],
    ['half', null, undefined],
  ])('reads progress %j as percent %j with step count %j', (progress, percent, steps) => {
    const job = normalizeMcritJob(
      jobDocument('6a746b00f8b8d2c6f8366b18', { progress } as Partial<McritJobDocument>),
      'lab',
    );
    expect([job.progress, job.progressSteps]).toEqual([percent, steps]);
  });

  it('reports nothing for the empty stats of an in-memory queue', () => {
    expect(normalizeMcritStats(fixture('stats-empty.json').data)).toBeNull();
  });
});

// ---- adapter over real HTTP against the simulator ----

const PAGE = MCRIT_PAGE_SIZE;

describe('MCRIT adapter against the simulator', () => {
  it('pages newest first with start as a skip count and limit capped at a page, and sends the apitoken header', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 2.5 * PAGE });
    const result = await sourceFor(server.url, { limit: 2.5 * PAGE }).list();
    expect(listRequests(server)).toEqual([
      { start: '0', limit: `${PAGE}` },
      { start: `${PAGE}`, limit: `${PAGE}` },
      { start: `${2 * PAGE}`, limit: `${PAGE / 2}` },
    ]);
    expect(server.requests.map((request) => request.headers.apitoken)).toEqual([
      MCRIT_DEMO_TOKEN,
      MCRIT_DEMO_TOKEN,
      MCRIT_DEMO_TOKEN,
      MCRIT_DEMO_TOKEN,
    ]);
    expect(result.jobs.map((job) => job.id)).toEqual(newestFirstIds(simulator));
    expect(result.requests).toBe(4);
  });

  it('reports GET /jobs/stats as the server counters, never as a total or job counts, even when they drift', async () => {
    const stale = { getMatchesForSample: { in_progress: 1, finished: 9 }, updateMinHashes: { in_progress: 1 } };
    const { simulator, server } = await startSimulator({ jobCount: 30, staleCounters: stale });
    const result = await sourceFor(server.url, { limit: 20 }).list();
    const statsRequests = server.requests.filter((request) => request.path === '/jobs/stats');
    expect(statsRequests.map((request) => [request.method, request.headers.apitoken])).toEqual([
      ['GET', MCRIT_DEMO_TOKEN],
    ]);
    expect([result.total, result.stateCounts]).toEqual([null, null]);
    const summed: Record<string, number> = {};
    for (const counts of Object.values(simulator.stats()))
      for (const [state, n] of Object.entries(counts)) summed[state] = (summed[state] ?? 0) + n;
    expect(result.serverCounters?.counts).toEqual(summed);
    const counted = Object.values(summed).reduce((sum, value) => sum + value, 0);
    expect(counted).toBeGreaterThan(simulator.documents.length);
    expect(result.serverCounters?.counts.in_progress).toBeGreaterThanOrEqual(2);
    expect(result.serverCounters?.label).toMatch(/server counters/);
    expect(simulator.documents).toHaveLength(30);
  });

  it('asks for only the limit when it is smaller than a page', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 60 });
    const result = await sourceFor(server.url, { limit: 30 }).list();
    expect(listRequests(server)).toEqual([{ start: '0', limit: '30' }]);
    expect(result.jobs.map((job) => job.id)).toEqual(newestFirstIds(simulator).slice(0, 30));
    expect(result.requests).toBe(2);
  });

  it('stops at the empty page after an exactly full last page', async () => {
    const { server } = await startSimulator({ jobCount: 2 * PAGE });
    const result = await sourceFor(server.url, { limit: 5 * PAGE }).list();
    expect(listRequests(server)).toEqual([
      { start: '0', limit: `${PAGE}` },
      { start: `${PAGE}`, limit: `${PAGE}` },
      { start: `${2 * PAGE}`, limit: `${PAGE}` },
    ]);
    expect(result.jobs).toHaveLength(2 * PAGE);
    expect(result.requests).toBe(4);
  });

  it('stops at a short page', async () => {
    const { server } = await startSimulator({ jobCount: 1.5 * PAGE });
    const result = await sourceFor(server.url, { limit: 5 * PAGE }).list();
    expect(listRequests(server)).toEqual([
      { start: '0', limit: `${PAGE}` },
      { start: `${PAGE}`, limit: `${PAGE}` },
    ]);
    expect(result.jobs).toHaveLength(1.5 * PAGE);
  });

  it('never sends limit=0, which MCRIT reads as "everything"', async () => {
    const { server } = await startSimulator({ jobCount: 10 });
    await sourceFor(server.url, { limit: 0 }).list();
    expect(listRequests(server)).toEqual([{ start: '0', limit: '1' }]);
  });

  it('sends no apitoken header when none is configured and the server has auth disabled', async () => {
    const { server } = await startSimulator({ jobCount: 5, apiToken: null });
    const result = await sourceFor(server.url, { apiToken: undefined }).list();
    expect(result.jobs).toHaveLength(5);
    expect(server.requests.every((request) => request.headers.apitoken === undefined)).toBe(true);
  });

  it.each([
    [undefined, 'API token required: Please provide an auth token as part of the request.'],
    [
      'wrong-token',
      'Authentication required: The provided API token is not valid. Please request a new token and try again.',
    ],
  ])('fails with 401 and Falcon’s message when the token is %s', async (apiToken, message) => {
    const { server } = await startSimulator({ jobCount: 5 });
    const error = await captureError(sourceFor(server.url, { apiToken }).list());
    expect(error).toMatchObject({ source: 'lab-mcrit', kind: 'auth', status: 401, detail: message });
    expect(error.message).toContain('lab-mcrit: 401 unauthorized');
  });

  it('fetches a finished job and its compact result', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 40 });
    const document = simulator.documents.find(
      (candidate) => candidate.payload.method.startsWith('getMatchesFor') && deriveMcritState(candidate) === 'finished',
    );
    expect(document).toBeDefined();
    const id = document!._id.$oid;
    const detail = await sourceFor(server.url).detail(id);
    expect(server.requests.map((request) => [request.method, request.path, request.query])).toEqual([
      ['GET', `/jobs/${id}`, {}],
      ['GET', `/jobs/${id}/result`, { compact: 'true' }],
    ]);
    expect(detail).toMatchObject({ id, state: 'succeeded', steps: null, messages: null });
    const result = detail!.result as { info: unknown; matches: Record<string, unknown> };
    expect(Object.keys(result)).toEqual(['info', 'matches']);
    expect(result.matches.functions).toBeUndefined();
    expect(result.matches.aggregation).toBeDefined();
  });

  it('reports a result over the body limit with its size and how to get it whole, never as no result', async () => {
    const id = '6a74660af8b8d2c6f83664f1';
    const finishedJob = {
      ...jobDocument(id),
      finished_at: { $date: '2026-08-06T10:46:40.000Z' },
      result: '6a74661ff8b8d2c6f8366500',
      terminated: false,
      locked_by: 'Worker-1',
      started_at: { $date: '2026-08-06T10:46:35.000Z' },
    };
    const big = JSON.stringify({
      status: 'successful',
      data: { blocks: Array.from({ length: 400 }, (_, index) => ({ offset: index, hash: 'f'.repeat(40) })) },
    });
    const fake = await startFakeServer((path) =>
      path.endsWith('/result')
        ? { status: 200, text: big }
        : { status: 200, body: { status: 'successful', data: finishedJob } },
    );
    const detail = await sourceFor(fake.url, { maxBodyBytes: 4_000 }).detail(id);
    expect(fake.requests.map((request) => [request.method, request.path, Object.fromEntries(request.query)])).toEqual([
      ['GET', `/jobs/${id}`, {}],
      ['GET', `/jobs/${id}/result`, { compact: 'true' }],
    ]);
    expect(detail?.state).toBe('succeeded');
    expect(detail?.result).toBeUndefined();
    expect(detail?.resultTooLarge).toEqual({ bytes: Buffer.byteLength(big), limitBytes: 4_000 });
    expect(describeTooLargeResult(detail!.key, detail!.resultTooLarge!)).toBe(
      `result is ${(Buffer.byteLength(big) / 1000).toFixed(1)} kB — too large to show; \`jobtop get lab-mcrit/${id} --result FILE\` saves it whole`,
    );
  });

  it('streams the whole result to a file, uncompacted and past the body limit, with the apitoken header', async () => {
    const id = '6a74660af8b8d2c6f83664f1';
    const big = JSON.stringify({
      status: 'successful',
      data: { blocks: Array.from({ length: 2_000 }, (_, index) => ({ offset: index })) },
    });
    const seen: { path: string; query: string; token: unknown }[] = [];
    const server = await startStubServer((request) => {
      seen.push({ path: request.path, query: request.query.toString(), token: request.headers.apitoken });
      return { status: 200, text: big };
    });
    closers.push(() => server.close());
    const file = join(mkdtempSync(join(tmpdir(), 'jobtop-mcrit-')), 'result.json');
    const saved = await sourceFor(server.url, { maxBodyBytes: 1_000 }).saveResult!(id, file);
    expect(seen).toEqual([{ path: `/jobs/${id}/result`, query: '', token: MCRIT_DEMO_TOKEN }]);
    expect(saved.bytes).toBe(Buffer.byteLength(big));
    expect(readFileSync(file, 'utf8')).toBe(big);
  });

  it('reports a failed result download with the server message', async () => {
    const fake = await startFakeServer(() => ({ status: 500, body: fixture('error-internal.json') }));
    const file = join(mkdtempSync(join(tmpdir(), 'jobtop-mcrit-')), 'result.json');
    const error = await captureError(sourceFor(fake.url).saveResult!('6a74660af8b8d2c6f83664f1', file));
    expect([error.kind, error.status, error.request]).toEqual([
      'server',
      500,
      'GET /jobs/6a74660af8b8d2c6f83664f1/result',
    ]);
  });

  it('does not ask for the result of a job that has not finished', async () => {
    const { simulator, server } = await startSimulator({ jobCount: 0, workers: 0 });
    const id = simulator.submit({ method: 'getUniqueBlocks', params: { family_id: 2, '0': [1, 2] } });
    const detail = await sourceFor(server.url).detail(id);
    expect(server.requests.map((request) => request.path)).toEqual([`/jobs/${id}`]);
    expect(detail).toMatchObject({ id, state: 'queued', nativeState: 'queued', result: undefined, messages: null });
  });

  it('returns null for an unknown id (MCRIT answers 200 with data null)', async () => {
    const { server } = await startSimulator({ jobCount: 3 });
    expect(await sourceFor(server.url).detail('0123456789abcdef01234567')).toBeNull();
  });

  it('surfaces MCRIT’s 400 message for an id that is not 24 hex characters', async () => {
    const { server } = await startSimulator({ jobCount: 3 });
    const error = await captureError(sourceFor(server.url).detail('not-an-id'));
    expect(error).toMatchObject({
      source: 'lab-mcrit',
      status: 400,
      detail: 'Valid JobIDs are hexstrings with 24 characters.',
      request: 'GET /jobs/not-an-id',
    });
  });

  it('deletes a running job with exactly one DELETE, and the worker moves on at its next progress report', async () => {
    const { simulator, server, clock } = await startSimulator({ jobCount: 0, workers: 1 });
    const first = simulator.submit({ method: 'getMatchesForSample', params: { band_matches_required: 2, '0': 3 } });
    const second = simulator.submit({ method: 'getMatchesForSample', params: { band_matches_required: 2, '0': 4 } });
    clock.now = T0 + 2_000;
    simulator.tick(clock.now);
    const running = simulator.document(first)!;
    expect(deriveMcritState(running)).toBe('in_progress');
    const worker = running.locked_by;
    const source = sourceFor(server.url);
    const job = normalizeMcritJob(structuredClone(running), 'lab-mcrit');

    const outcome = await source.act('delete', job);

    expect(server.requests.map((request) => [request.method, request.path, request.headers.apitoken])).toEqual([
      ['DELETE', `/jobs/${first}`, MCRIT_DEMO_TOKEN],
    ]);
    expect(outcome).toEqual({
      kind: 'delete',
      effect: 'deleted',
      message: 'MCRIT deleted the job and its result (num_deleted: 1)',
    });
    expect(simulator.document(first)).toBeUndefined();
    expect(simulator.stats().getMatchesForSample).toEqual({ queued: 1, in_progress: 0 });
    clock.now += 1_000;
    simulator.tick(clock.now);
    expect(simulator.document(second)).toMatchObject({ locked_by: worker });
  });

  it('lets a deleted job that reports no progress keep its worker until it would have finished', async () => {
    const { simulator, server, clock } = await startSimulator({ jobCount: 0, workers: 1 });
    const first = simulator.submit({ method: 'deleteSample', params: { '0': 3 } });
    const second = simulator.submit({ method: 'deleteSample', params: { '0': 4 } });
    clock.now = T0 + 100;
    simulator.tick(clock.now);
    await sourceFor(server.url).act(
      'delete',
      normalizeMcritJob(structuredClone(simulator.document(first)), 'lab-mcrit'),
    );
    clock.now += 900;
    simulator.tick(clock.now);
    expect(deriveMcritState(simulator.document(second))).toBe('queued');
    clock.now += 5_000;
    simulator.tick(clock.now);
    expect(deriveMcritState(simulator.document(second))).not.toBe('queued');
  });

  it('reports that nothing was deleted when the job is already gone', async () => {
    const { server } = await startSimulator({ jobCount: 0 });
    const job = normalizeMcritJob(listFixture.data[6], 'lab-mcrit');
    const outcome = await sourceFor(server.url).act('delete', job);
    expect(outcome.message).toBe('nothing was deleted: the job no longer exists (num_deleted: 0)');
  });

  it.each(['cancel', 'retry'] as const)(
    'refuses %s without sending anything: MCRIT has no such endpoint',
    async (kind) => {
      const { server } = await startSimulator({ jobCount: 0 });
      const error = await captureError(
        sourceFor(server.url).act(kind, normalizeMcritJob(listFixture.data[0], 'lab-mcrit')),
      );
      expect(error).toMatchObject({ source: 'lab-mcrit', kind: 'unsupported' });
      expect(server.requests).toHaveLength(0);
    },
  );

  it.each(['', 'abc', '6a746a41f8b8d2c6f8366a09/../'])(
    'never sends a DELETE for the malformed id %j (so the bulk DELETE /jobs is unreachable)',
    async (id) => {
      const { simulator, server } = await startSimulator({ jobCount: 5 });
      const job: Job = { ...normalizeMcritJob(listFixture.data[0], 'lab-mcrit'), id };
      const error = await captureError(sourceFor(server.url).act('delete', job));
      expect(error).toMatchObject({ kind: 'unsupported', short: 'invalid job id' });
      expect(server.requests).toHaveLength(0);
      expect(simulator.documents).toHaveLength(5);
    },
  );

  it('sends nothing from a read-only source and says so in the action’s availability', async () => {
    const { server } = await startSimulator({ jobCount: 0 });
    const source = sourceFor(server.url, { readonly: true });
    const job = normalizeMcritJob(listFixture.data[0], 'lab-mcrit');
    expect(source.capabilities.actions.delete?.availability(job)).toEqual({
      ok: false,
      reason: 'this source is read-only',
    });
    const error = await captureError(source.act('delete', job));
    expect(error.kind).toBe('readonly');
    expect(server.requests).toHaveLength(0);
  });

  it('declares Delete as its only, destructive action with a state-dependent consequence', () => {
    const source = createMcritSource({ name: 'lab', url: 'http://127.0.0.1:9' });
    closers.push(() => source.close());
    const { capabilities } = source;
    expect(Object.keys(capabilities.actions)).toEqual(['delete']);
    const spec = capabilities.actions.delete!;
    expect([spec.label, spec.request, spec.destructive]).toEqual(['Delete', 'DELETE /jobs/{id}', true]);
    expect(spec.availability(normalizeMcritJob(listFixture.data[0], 'lab'))).toEqual({
      ok: true,
      consequence:
        'Removes the job and its result; the running job stops at its next progress report, or runs to completion if it reports no progress.',
    });
    expect(spec.availability(normalizeMcritJob(listFixture.data[7], 'lab'))).toEqual({
      ok: true,
      consequence: 'Removes the job and its stored result. 1 job(s) waiting on it will keep waiting.',
    });
    expect(capabilities).toMatchObject({ detail: true, steps: false, result: true, stats: true });
    expect(capabilities.missing.steps).toMatch(/MCRIT/);
  });
});

// ---- the simulator's wire fidelity (MCRIT's REST API as docs/vendors.md describes it) ----

describe('MCRIT simulator', () => {
  function call(
    simulator: McritSimulator,
    method: string,
    target: string,
    headers: Record<string, string> = { apitoken: MCRIT_DEMO_TOKEN },
  ): DemoResponse {
    const url = new URL(target, 'http://sim');
    return simulator.handle({ method, path: url.pathname, query: url.searchParams, headers, body: '' }) as DemoResponse;
  }
  function data(response: DemoResponse): unknown {
    expect(response.status).toBe(200);
    const body = response.json as { status: string; data: unknown };
    expect(body.status).toBe('successful');
    return body.data;
  }
  function ids(response: DemoResponse): string[] {
    return (data(response) as McritJobDocument[]).map((document) => document._id.$oid);
  }
  const simulator = (options: McritSimulatorOptions = {}) =>
    createMcritSimulator({ seed: 11, now: () => T0, arrivals: false, ...options });

  it('serves raw Mongo documents: $oid/$date wrapping, no state field, mongoqueue key order', () => {
    const [document] = data(call(simulator(), 'GET', '/jobs?limit=1')) as Record<string, unknown>[];
    expect(Object.keys(document).slice(0, 17)).toEqual(Object.keys(listFixture.data[6]).slice(0, 17));
    expect(document).not.toHaveProperty('state');
    expect(document._id).toEqual({ $oid: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(document.created_at).toEqual({ $date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
  });

  it('accepts /jobs/ and /jobs/stats/ with a trailing slash, as the official client calls them', () => {
    const sim = simulator({ jobCount: 4 });
    expect(ids(call(sim, 'GET', '/jobs/'))).toHaveLength(4);
    expect(data(call(sim, 'GET', '/jobs/stats/'))).toEqual(sim.stats());
  });

  it('treats limit=0 as everything, ignores non-integer start/limit, and sorts oldest first only with ascending=true', () => {
    const sim = simulator({ jobCount: 12 });
    const newest = sim.documents.map((document) => document._id.$oid).reverse();
    expect(ids(call(sim, 'GET', '/jobs?limit=0'))).toEqual(newest);
    expect(ids(call(sim, 'GET', '/jobs?start=abc&limit=x'))).toEqual(newest);
    expect(ids(call(sim, 'GET', '/jobs?start=2&limit=3'))).toEqual(newest.slice(2, 5));
    expect(ids(call(sim, 'GET', '/jobs?ascending=TRUE&limit=3'))).toEqual([...newest].reverse().slice(0, 3));
  });

  it('filters by derived state before paging but applies filter after skip/limit, so pages come back short', () => {
    const sim = simulator({ jobCount: 30 });
    const finished = sim.documents
      .filter((document) => deriveMcritState(document) === 'finished')
      .map((document) => document._id.$oid)
      .reverse();
    expect(finished.length).toBeGreaterThan(3);
    expect(ids(call(sim, 'GET', '/jobs?state=finished&start=1&limit=2'))).toEqual(finished.slice(1, 3));
    const firstFive = data(call(sim, 'GET', '/jobs?limit=5')) as McritJobDocument[];
    const method = firstFive[0].payload.method;
    const filtered = ids(call(sim, 'GET', `/jobs?limit=5&filter=${encodeURIComponent(`${method}(`)}`));
    expect(filtered).toEqual(
      firstFive.filter((document) => document.payload.method === method).map((document) => document._id.$oid),
    );
    const matchingOverall = sim.documents.filter((document) => document.payload.method === method);
    expect(filtered.length).toBeLessThan(5);
    expect(matchingOverall.length).toBeGreaterThan(filtered.length);
  });

  it('answers unknown ids with data null, bad ids with the 400 wrapper and the result of a bad id with a 500', () => {
    const sim = simulator({ jobCount: 1 });
    expect(data(call(sim, 'GET', '/jobs/0123456789abcdef01234567'))).toBeNull();
    expect(call(sim, 'GET', '/jobs/xyz')).toEqual({ status: 400, json: fixture('error-invalid-id.json') });
    expect(call(sim, 'GET', '/jobs/0123456789abcdef01234567ff')).toEqual({
      status: 500,
      json: fixture('error-internal.json'),
    });
    expect(call(sim, 'GET', '/jobs/xyz/result')).toEqual({ status: 500, json: fixture('error-internal.json') });
    expect(call(sim, 'GET', '/nothing-here')).toEqual({ status: 404, json: fixture('error-not-found.json') });
  });

  it('enforces the apitoken header with Falcon’s exact 401 bodies, and nothing when auth is disabled', () => {
    expect(call(simulator(), 'GET', '/jobs', {})).toEqual({ status: 401, json: fixture('error-token-missing.json') });
    expect(call(simulator(), 'GET', '/jobs', { apitoken: 'nope' })).toEqual({
      status: 401,
      json: fixture('error-token-invalid.json'),
    });
    expect(call(simulator({ apiToken: null }), 'GET', '/jobs', {}).status).toBe(200);
  });

  it('keeps stats as incremental partial maps per method, decremented on delete', () => {
    const sim = simulator({ jobCount: 0, workers: 0 });
    const id = sim.submit({ method: 'getMatchesForSampleVs', params: { band_matches_required: 2, '0': 1, '1': 2 } });
    expect(data(call(sim, 'GET', '/jobs/stats'))).toEqual({ getMatchesForSampleVs: { queued: 1 } });
    expect(data(call(sim, 'DELETE', `/jobs/${id}`))).toEqual({ num_deleted: 1 });
    expect(data(call(sim, 'GET', '/jobs/stats'))).toEqual({ getMatchesForSampleVs: { queued: 0 } });
  });

  it('bulk-deletes by method, and deletes everything without a filter (as MCRIT does)', () => {
    const sim = simulator({ jobCount: 0, workers: 0 });
    sim.submit({ method: 'deleteSample', params: { '0': 1 } });
    sim.submit({ method: 'updateMinHashes', params: { '0': [1] } });
    sim.submit({ method: 'updateMinHashes', params: { '0': [2] } });
    expect(data(call(sim, 'DELETE', '/jobs?method=updateMinHashes'))).toEqual({ num_deleted: 2 });
    expect(sim.documents.map((document) => document.payload.method)).toEqual(['deleteSample']);
    expect(data(call(sim, 'DELETE', '/jobs'))).toEqual({ num_deleted: 1 });
    expect(sim.documents).toHaveLength(0);
  });

  it('moves a job from queued to in_progress with growing float progress, then to a terminal state with a result', () => {
    let now = T0;
    const sim = createMcritSimulator({ seed: 3, jobCount: 0, arrivals: false, workers: 1, now: () => now });
    const id = sim.submit({ method: 'getUniqueBlocks', params: { family_id: 1, '0': [0, 1, 2] } });
    expect(deriveMcritState(sim.document(id))).toBe('queued');
    const seen: { state: string; progress: number | undefined }[] = [];
    while (now < T0 + 10 * 60_000 && !['finished', 'failed'].includes(deriveMcritState(sim.document(id)))) {
      now += 500;
      sim.tick(now);
      seen.push({ state: deriveMcritState(sim.document(id)), progress: sim.document(id)!.progress });
    }
    const document = sim.document(id)!;
    expect(deriveMcritState(document)).toBe('finished');
    expect(document).toMatchObject({
      progress: 1,
      result: expect.stringMatching(/^[0-9a-f]{24}$/),
      locked_by: expect.stringMatching(/^Worker-/),
    });
    const running = seen
      .filter((entry) => entry.state === 'in_progress' && entry.progress !== undefined)
      .map((entry) => entry.progress!);
    expect(running.length).toBeGreaterThan(2);
    expect(
      running.every((value, index) => value > 0 && value < 1 && (index === 0 || value >= running[index - 1])),
    ).toBe(true);
    const result = data(call(sim, 'GET', `/jobs/${id}/result`)) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['statistics', 'unique_blocks']);
    expect(data(call(sim, 'GET', `/results/${document.result}/job`))).toEqual(document);
  });

  it('returns failed attempts to the queue with a traceback and fails a job whose attempts run out', () => {
    const sim = simulator({ jobCount: 300 });
    const retried = sim.documents.filter((document) => document.attempts_left < 3);
    expect(retried.length).toBeGreaterThan(0);
    for (const document of retried) {
      expect(document.last_error).toMatch(/^Traceback \(most recent call last\):/);
      if (document.attempts_left === 0) expect(deriveMcritState(document)).toBe('failed');
    }
    expect(retried.some((document) => document.attempts_left === 0)).toBe(true);
  });

  it('is deterministic for a seed and a clock', () => {
    const run = () => {
      let now = T0;
      const sim = createMcritSimulator({ seed: 5, now: () => now });
      for (let step = 0; step < 120; step++) sim.tick((now += 1_000));
      return JSON.stringify(sim.documents);
    };
    expect(run()).toBe(run());
  });

  it('stays bounded over hours of arrivals, dropping the oldest terminal jobs first', () => {
    let now = T0;
    const sim = createMcritSimulator({ seed: 9, jobCount: 40, now: () => now });
    for (let step = 0; step < 6 * 3600; step++) sim.tick((now += 1_000));
    expect(sim.documents.length).toBeLessThanOrEqual(80);
    expect(sim.documents.length).toBeGreaterThan(60);
    expect(Date.parse(sim.documents[0].created_at.$date)).toBeGreaterThan(T0);
  });

  it('describes the config entry that monitors it with its demo token', () => {
    expect(simulator().sourceConfig('http://127.0.0.1:8000', 'demo-mcrit')).toEqual({
      name: 'demo-mcrit',
      type: 'mcrit',
      url: 'http://127.0.0.1:8000',
      apiToken: MCRIT_DEMO_TOKEN,
    });
    expect(simulator({ apiToken: null }).sourceConfig('http://x', 'n')).toEqual({
      name: 'n',
      type: 'mcrit',
      url: 'http://x',
    });
  });
});

// ---- error shapes and paging edge cases against a tiny real HTTP server ----

describe('MCRIT error shapes', () => {
  it.each([
    ['error-invalid-id.json', 400, 'http', 'Valid JobIDs are hexstrings with 24 characters.'],
    [
      'error-token-missing.json',
      401,
      'auth',
      'API token required: Please provide an auth token as part of the request.',
    ],
    [
      'error-token-invalid.json',
      401,
      'auth',
      'Authentication required: The provided API token is not valid. Please request a new token and try again.',
    ],
    ['error-not-found.json', 404, 'not-found', '404 Not Found'],
    ['error-internal.json', 500, 'server', '500 Internal Server Error'],
  ])(
    'turns %s (HTTP %i) into a SourceError naming the source, the status and the server’s message',
    async (file, status, kind, message) => {
      const fake = await startFakeServer(() => ({ status, body: fixture(file) }));
      const error = await captureError(sourceFor(fake.url).list());
      expect(error).toMatchObject({ source: 'lab-mcrit', status, kind, detail: message });
      expect(error.message).toMatch(new RegExp(`^lab-mcrit: .*${status}`));
      expect(error.message).toContain(message);
    },
  );

  it('names an HTML error page from a proxy', async () => {
    const fake = await startFakeServer(() => ({
      status: 502,
      text: '<html><body>Bad Gateway</body></html>',
      contentType: 'text/html',
    }));
    const error = await captureError(sourceFor(fake.url).list());
    expect(error).toMatchObject({ source: 'lab-mcrit', status: 502, detail: 'HTML error page' });
  });

  it.each([
    [
      'data is not an array',
      { status: 'successful', data: { jobs: [] } },
      'expected "data" to be an array of jobs, got an object with keys jobs',
    ],
    [
      'the envelope has no data',
      { status: 'successful', jobs: [] },
      'expected {"status": "successful", "data": …}, got an object with keys status, jobs without "data"',
    ],
    ['the body is a bare array', [], 'expected {"status": "successful", "data": …}, got an array without "data"'],
  ])('reports an unexpected response shape when %s', async (_name, body, detail) => {
    const fake = await startFakeServer((path) =>
      path === '/jobs/stats' ? { status: 200, body: fixture('stats.json') } : { status: 200, body },
    );
    const error = await captureError(sourceFor(fake.url).list());
    expect(error).toMatchObject({
      source: 'lab-mcrit',
      kind: 'shape',
      short: 'unexpected response shape',
      detail,
      request: 'GET /jobs',
    });
  });

  it('surfaces a "failed" envelope that arrives with HTTP 200', async () => {
    const fake = await startFakeServer(() => ({
      status: 200,
      body: { status: 'failed', data: { message: 'sample_ids requires method to be set as well.' } },
    }));
    const error = await captureError(sourceFor(fake.url).list());
    expect(error).toMatchObject({ kind: 'vendor', detail: 'sample_ids requires method to be set as well.' });
  });

  it('keeps listing jobs when /jobs/stats fails, with no totals', async () => {
    const fake = await startFakeServer((path) =>
      path === '/jobs/stats'
        ? { status: 500, body: fixture('error-internal.json') }
        : { status: 200, body: listFixture },
    );
    const result = await sourceFor(fake.url).list();
    expect(result).toMatchObject({ total: null, stateCounts: null, requests: 2 });
    expect(result.jobs.map((job) => job.state)).toEqual([
      'running',
      'queued',
      'queued',
      'queued',
      'failed',
      'cancelled',
      'succeeded',
      'succeeded',
    ]);
  });

  it(`stops after ${MAX_PAGES_PER_POLL} pages even if the server never runs out`, async () => {
    let counter = 0;
    const fake = await startFakeServer((path, query) => {
      if (path === '/jobs/stats') return { status: 200, body: { status: 'successful', data: {} } };
      const size = Number(query.get('limit'));
      return {
        status: 200,
        body: {
          status: 'successful',
          data: Array.from({ length: size }, () => jobDocument((counter++).toString(16).padStart(24, '0'))),
        },
      };
    });
    const result = await sourceFor(fake.url, { limit: 1_000_000 }).list();
    expect(fake.requests.filter((request) => request.path === '/jobs')).toHaveLength(MAX_PAGES_PER_POLL);
    expect(result.jobs).toHaveLength(MAX_PAGES_PER_POLL * MCRIT_PAGE_SIZE);
    expect(result.requests).toBe(MAX_PAGES_PER_POLL + 1);
  });

  it('drops duplicates when new jobs shift the skip window between pages', async () => {
    const page = (from: number, size: number) =>
      Array.from({ length: size }, (_, index) =>
        jobDocument((10 * PAGE - from - index).toString(16).padStart(24, '0')),
      );
    const fake = await startFakeServer((path, query) => {
      if (path === '/jobs/stats') return { status: 200, body: fixture('stats.json') };
      const start = Number(query.get('start'));
      // one new job arrived after the first page: the second page starts one job earlier.
      return { status: 200, body: { status: 'successful', data: start === 0 ? page(0, PAGE) : page(PAGE - 1, PAGE) } };
    });
    const result = await sourceFor(fake.url, { limit: 1.5 * PAGE }).list();
    expect(
      fake.requests.filter((request) => request.path === '/jobs').map((request) => request.query.get('start')),
    ).toEqual(['0', `${PAGE}`]);
    expect(result.jobs).toHaveLength(1.5 * PAGE);
    expect(new Set(result.jobs.map((job) => job.id)).size).toBe(1.5 * PAGE);
  });

  it('keeps the job detail when its result cannot be fetched, saying why', async () => {
    const fake = await startFakeServer((path) =>
      path.endsWith('/result')
        ? { status: 500, body: fixture('error-internal.json') }
        : { status: 200, body: fixture('detail.json') },
    );
    const detail = await sourceFor(fake.url).detail('6a74660af8b8d2c6f83664f1');
    expect(detail?.result).toBeUndefined();
    expect(detail?.messages).toEqual([
      {
        timestamp: null,
        level: 'warning',
        text: expect.stringContaining(
          'result could not be fetched: lab-mcrit: 500 server error: 500 Internal Server Error',
        ),
        origin: null,
      },
    ]);
  });

  it('reports an unexpected shape when a delete answer has no num_deleted', async () => {
    const fake = await startFakeServer(() => ({ status: 200, body: { status: 'successful', data: {} } }));
    const error = await captureError(
      sourceFor(fake.url).act('delete', normalizeMcritJob(listFixture.data[0], 'lab-mcrit')),
    );
    expect(error).toMatchObject({ kind: 'shape', request: 'DELETE /jobs/6a746a41f8b8d2c6f8366a09' });
    expect(fake.requests).toHaveLength(1);
  });

  it('sends a delete exactly once even when the server fails', async () => {
    const fake = await startFakeServer(() => ({ status: 500, body: fixture('error-internal.json') }));
    const error = await captureError(
      sourceFor(fake.url).act('delete', normalizeMcritJob(listFixture.data[0], 'lab-mcrit')),
    );
    expect(error).toMatchObject({ status: 500, detail: '500 Internal Server Error' });
    expect(fake.requests.map((request) => request.method)).toEqual(['DELETE']);
  });
});
