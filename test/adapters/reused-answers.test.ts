/**
 * An answer identical to the last one costs nothing downstream: a list page whose body is
 * byte-identical to the same request's previous good answer is not parsed again, and every
 * adapter returns the very same Job objects for the very same raw records — against real HTTP
 * servers on 127.0.0.1 speaking each vendor's list format.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Job } from '../../source/domain/job.js';
import type { JobSource } from '../../source/adapters/contract.js';
import { createHttpClient, type HttpClient } from '../../source/adapters/http.js';
import { createReusedAnswers } from '../../source/adapters/reused-answers.js';
import { createAlteryxSource } from '../../source/adapters/alteryx/index.js';
import { createMcritSource } from '../../source/adapters/mcrit/source.js';
import { createOsapiSource } from '../../source/adapters/osapi/index.js';
import { createVectaraSource } from '../../source/adapters/vectara/index.js';
import { createVectorChartsSource } from '../../source/adapters/vectorcharts/index.js';
import type { DemoRequest, RunningDemoServer } from '../../source/demo/kit.js';
import { startStubServer, type StubAnswer } from '../helpers/stub-server.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const fixture = (name: string): any => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

const servers: RunningDemoServer[] = [];
const closers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((closer) => closer.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function stub(reply: (request: DemoRequest) => StubAnswer): Promise<string> {
  const server = await startStubServer(reply);
  servers.push(server);
  return server.url;
}

function client(url: string): HttpClient {
  const made = createHttpClient({ source: 'stub', baseUrl: url });
  closers.push(made);
  return made;
}

describe('HTTP client: a byte-identical list answer is not parsed again', () => {
  it('returns the previous parsed value itself for a reuse request, and parses anew without reuse', async () => {
    const url = await stub(() => ({ status: 200, json: { items: [{ id: 'a' }] } }));
    const http = client(url);
    const first = await http.json({ path: '/list', reuse: true });
    expect(await http.json({ path: '/list', reuse: true })).toBe(first);
    const plain = await http.json({ path: '/list' });
    expect(plain).toEqual(first);
    expect(plain).not.toBe(first);
  });

  it('parses a changed body, and keeps answers apart by request', async () => {
    let version = 1;
    const url = await stub((request) => ({ status: 200, json: { version, path: request.path } }));
    const http = client(url);
    const one = await http.json({ path: '/list', query: { page: 1 }, reuse: true });
    const other = await http.json({ path: '/list', query: { page: 2 }, reuse: true });
    expect(await http.json({ path: '/list', query: { page: 1 }, reuse: true })).toBe(one);
    expect(await http.json({ path: '/list', query: { page: 2 }, reuse: true })).toBe(other);
    version = 2;
    const changed = await http.json({ path: '/list', query: { page: 1 }, reuse: true });
    expect(changed).toEqual({ version: 2, path: '/list' });
    expect(changed).not.toBe(one);
  });

  it('keeps no error answer, and parses the next good answer after one', async () => {
    const answers: StubAnswer[] = [
      { status: 200, json: { jobs: [1] } },
      { status: 500, json: { jobs: [1] } },
      { status: 200, json: { jobs: [1] } },
      { status: 200, json: { jobs: [1] } },
      { status: 200, text: '{"jobs": [1]}', contentType: 'text/html' },
      { status: 200, json: { jobs: [1] } },
    ];
    const url = await stub(() => answers.shift()!);
    const http = client(url);
    const first = await http.json({ path: '/list', reuse: true });
    await expect(http.json({ path: '/list', reuse: true })).rejects.toMatchObject({ status: 500 });
    const third = await http.json({ path: '/list', reuse: true });
    expect(third).toEqual(first);
    expect(third).not.toBe(first);
    expect(await http.json({ path: '/list', reuse: true })).toBe(third);
    await expect(http.json({ path: '/list', reuse: true })).rejects.toMatchObject({ kind: 'html' });
    const sixth = await http.json({ path: '/list', reuse: true });
    expect(sixth).toEqual(first);
    expect(sixth).not.toBe(third);
  });

  it('after a body that changed size, reuses from its third identical answer (its size was not hashed the first time)', async () => {
    const bodies = [{ jobs: [1] }, { jobs: [1, 22] }, { jobs: [1, 22] }, { jobs: [1, 22] }, { jobs: [1, 22] }];
    const url = await stub(() => ({ status: 200, json: bodies.shift() }));
    const http = client(url);
    await http.json({ path: '/list', reuse: true });
    const second = await http.json({ path: '/list', reuse: true });
    const third = await http.json({ path: '/list', reuse: true });
    expect(third).toEqual(second);
    expect(third).not.toBe(second);
    expect(await http.json({ path: '/list', reuse: true })).toBe(third);
    expect(await http.json({ path: '/list', reuse: true })).toBe(third);
  });

  it('keeps no parsed value of a changed answer of the same size: reused from its third identical answer', async () => {
    const bodies = [{ jobs: [1] }, { jobs: [2] }, { jobs: [2] }, { jobs: [2] }, { jobs: [2] }];
    const url = await stub(() => ({ status: 200, json: bodies.shift() }));
    const http = client(url);
    await http.json({ path: '/list', reuse: true });
    const second = await http.json({ path: '/list', reuse: true });
    const third = await http.json({ path: '/list', reuse: true });
    expect(third).toEqual({ jobs: [2] });
    expect(third).not.toBe(second);
    expect(await http.json({ path: '/list', reuse: true })).toBe(third);
    expect(await http.json({ path: '/list', reuse: true })).toBe(third);
  });

  it('compares the request body too (a POST read)', async () => {
    const url = await stub(() => ({ status: 200, json: { job: [] } }));
    const http = client(url);
    const post = (json: unknown) =>
      http.json({ method: 'POST', path: '/v1/list-jobs', json, mutating: false, reuse: true });
    const a = await post({ pageKey: 'a' });
    const b = await post({ pageKey: 'b' });
    // The same bytes answered another request body: parsed, not taken from the first request.
    expect(b).not.toBe(a);
    expect(await post({ pageKey: 'a' })).toBe(a);
  });
});

describe('kept answers', () => {
  const body = (text: string) => ({ chunks: [Buffer.from(text)], size: Buffer.byteLength(text) });

  it('drops the answer of a request that stopped coming (a page the list no longer reaches)', () => {
    const answers = createReusedAnswers();
    const keep = (key: string, text: string) => {
      const compared = answers.compare(key, 200, 'application/json', body(text));
      if (!compared.kept) answers.remember(key, compared, 'application/json', { text });
      return compared;
    };
    keep('page-1', '[1]');
    keep('page-2', '[2]');
    expect(keep('page-2', '[2]').kept).toBe(true);
    for (let poll = 0; poll < 1000; poll++) expect(keep('page-1', '[1]').kept).toBe(true);
    expect(keep('page-2', '[2]').kept).toBe(false);
  });
});

/** One vendor's list endpoint served from a body the test can change, with its auth endpoints. */
interface VendorCase {
  name: string;
  body: () => any;
  /** The body with one record changed, and that record's id. */
  change: (body: any) => string;
  /** What the changed field shows on the Job: [read it, the value after the change]. */
  shows: [(job: Job) => unknown, unknown];
  serve: (request: DemoRequest, body: unknown) => StubAnswer | undefined;
  create: (url: string) => JobSource;
}

const CASES: VendorCase[] = [
  {
    name: 'VectorCharts',
    body: () => fixture('vectorcharts/list.json'),
    change: (body) => {
      body.jobs[0].percentComplete = 99;
      return body.jobs[0].id;
    },
    shows: [(job) => job.progress, 99],
    serve: (request, body) => (request.path === '/api/portal/v1/jobs' ? { status: 200, json: body } : undefined),
    create: (url) => createVectorChartsSource({ name: 'vc', url, token: 'vc-token-0123456789' }),
  },
  {
    name: 'OSAPI',
    body: () => fixture('osapi/list.json'),
    change: (body) => {
      body.items[0].status = 'failed';
      return body.items[0].id;
    },
    shows: [(job) => job.state, 'failed'],
    serve: (request, body) => (request.path === '/api/job' ? { status: 200, json: body } : undefined),
    create: (url) => createOsapiSource({ name: 'os', url, token: 'osapi-token-0123456789', pathPrefix: '/api' }),
  },
  {
    name: 'Vectara',
    body: () => fixture('vectara/v2-list-last-page.json'),
    change: (body) => {
      body.jobs[0].created_by_username = 'someone-else';
      return body.jobs[0].id;
    },
    shows: [(job) => job.owner, 'someone-else'],
    serve: (request, body) => (request.path === '/v2/jobs' ? { status: 200, json: body } : undefined),
    create: (url) => createVectaraSource({ name: 'vt', url, apiKey: 'vectara-key-0123456789' }),
  },
  {
    name: 'MCRIT',
    body: () => fixture('mcrit/list.json'),
    change: (body) => {
      body.data[0].progress = 0.5;
      return body.data[0]._id.$oid;
    },
    shows: [(job) => job.progress, 50],
    serve: (request, body) =>
      request.path === '/jobs'
        ? { status: 200, json: body }
        : request.path === '/jobs/stats'
          ? { status: 200, json: fixture('mcrit/stats.json') }
          : undefined,
    create: (url) => createMcritSource({ name: 'mc', url }),
  },
  {
    name: 'Alteryx',
    body: () => fixture('alteryx/list-page-2.json'),
    change: (body) => {
      body.data[0].workflowName = 'Renamed.yxmd';
      return body.data[0].jobId;
    },
    shows: [(job) => job.type, 'Renamed.yxmd'],
    serve: (request, body) =>
      request.path === '/webapi/v3/jobs'
        ? { status: 200, json: body }
        : request.path === '/webapi/oauth2/token'
          ? { status: 200, json: fixture('alteryx/token.json') }
          : undefined,
    create: (url) =>
      createAlteryxSource({ name: 'ax', url: `${url}/webapi`, clientId: 'key', clientSecret: 'secret-value' }),
  },
];

describe('adapters: the same Job objects for an identical list answer and for unchanged records', () => {
  it.each(CASES)(
    '$name keeps every Job object while the answer is identical, and rebuilds only the changed record',
    async (vendor) => {
      let body = vendor.body();
      const url = await stub(
        (request) => vendor.serve(request, body) ?? { status: 404, json: { message: 'no such path in this stub' } },
      );
      const source = vendor.create(url);
      closers.push(source);
      const first = await source.list();
      expect(first.jobs.length).toBeGreaterThan(1);
      const second = await source.list();
      second.jobs.forEach((job, index) => expect(job).toBe(first.jobs[index]));

      body = vendor.body();
      const changedId = vendor.change(body);
      const third = await source.list();
      const changed = third.jobs.find((job) => job.id === changedId)!;
      const before = first.jobs.find((job) => job.id === changedId)!;
      expect(changed).not.toBe(before);
      expect(changed.raw).not.toEqual(before.raw);
      const [read, value] = vendor.shows;
      expect(read(before)).not.toEqual(value);
      expect(read(changed)).toEqual(value);
      // The other records came from a new parse, equal to the last ones: they keep their Jobs and records.
      expect(third.jobs.length).toBe(first.jobs.length);
      for (const job of third.jobs) if (job.id !== changedId) expect(job).toBe(first.jobs.find((j) => j.id === job.id));

      // The change stays shown, and the next identical answer keeps the changed Job.
      const fourth = await source.list();
      expect(fourth.jobs.find((job) => job.id === changedId)).toBe(changed);
    },
  );

  it('Alteryx builds a Job again when only its looked-up disposition changed', async () => {
    const list = {
      data: [
        { jobId: 'aaaaaaaaaaaaaaaaaaaaaaaa', status: 'Completed', workflowName: 'A.yxmd', startTime: null },
        { jobId: 'bbbbbbbbbbbbbbbbbbbbbbbb', status: 'Running', workflowName: 'B.yxmd', startTime: null },
      ],
      pagination: { currentPage: 1, pageSize: 10, totalItems: 2, totalPages: 1, hasNextPage: false },
    };
    const details: StubAnswer[] = [
      { status: 500, json: { message: 'busy' } },
      { status: 200, json: { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', status: 'Completed', disposition: 'Success' } },
    ];
    const url = await stub((request) => {
      if (request.path === '/webapi/oauth2/token') return { status: 200, json: fixture('alteryx/token.json') };
      if (request.path === '/webapi/v3/jobs') return { status: 200, json: list };
      return details.shift() ?? { status: 500, json: { message: 'asked too often' } };
    });
    const source = createAlteryxSource({ name: 'ax', url: `${url}/webapi`, clientId: 'key', clientSecret: 'secret' });
    closers.push(source);
    const first = await source.list();
    expect(first.jobs[0]).toMatchObject({ state: 'unknown', error: expect.stringContaining('detail request failed') });
    const second = await source.list();
    expect(second.jobs[0]).not.toBe(first.jobs[0]);
    expect(second.jobs[0]).toMatchObject({ state: 'succeeded', error: null });
    expect(second.jobs[1]).toBe(first.jobs[1]);
    const third = await source.list();
    expect(third.jobs[0]).toBe(second.jobs[0]);
  });
});
