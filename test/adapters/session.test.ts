/**
 * `JobSource.session()` of every adapter, over real HTTP: `requests` is exactly the number of
 * requests the server recorded (lists, details, token requests, logins, logouts, actions), and
 * `tokenExpiresAt` is what the credential says (a JWT's `exp`, an OAuth `expires_in` on the
 * source's clock), or null where nothing says.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSource } from '../../source/adapters/contract.js';
import { createSource } from '../../source/adapters/registry.js';
import { parseConfigText } from '../../source/config/load-config.js';
import type { DemoRequest, RunningDemoServer } from '../../source/demo/kit.js';
import { startStubServer, type StubAnswer } from '../helpers/stub-server.js';

const START = Date.parse('2026-03-02T10:00:00Z');
let clock = START;
const now = () => clock;

const servers: RunningDemoServer[] = [];
const sources: JobSource[] = [];

afterEach(async () => {
  await Promise.all(sources.splice(0).map((source) => source.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
  clock = START;
});

async function stub(reply: (request: DemoRequest) => StubAnswer): Promise<RunningDemoServer> {
  const server = await startStubServer(reply);
  servers.push(server);
  return server;
}

function keep(source: JobSource): JobSource {
  sources.push(source);
  return source;
}

/** The session's request count, which must equal what the server recorded. */
function sessionRequests(source: JobSource): number | undefined {
  return source.session?.().requests;
}

/** A bearer token issuer: `tok-1`, `tok-2`, …; a revoked token gets 401 on reads. */
function tokens() {
  let issued = 0;
  const revoked = new Set<string>();
  return {
    issue: () => `oauth-token-${++issued}`,
    revoke: (token: string) => revoked.add(token),
    accepts: (request: DemoRequest) => {
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
      return token !== undefined && token.startsWith('oauth-token-') && !revoked.has(token);
    },
    get last() {
      return `oauth-token-${issued}`;
    },
  };
}

const unauthorized: StubAnswer = { status: 401, json: { message: 'Unauthorized' } };

describe('an Alteryx source session', () => {
  it('counts token requests, pages, disposition look-ups, a 401 retry and the cancel; the token expiry follows expires_in', async () => {
    const bearer = tokens();
    const server = await stub((request) => {
      if (request.path === '/webapi/oauth2/token')
        return { status: 200, json: { access_token: bearer.issue(), token_type: 'bearer', expires_in: 600 } };
      if (!bearer.accepts(request)) return unauthorized;
      if (request.path === '/webapi/v3/jobs')
        return {
          status: 200,
          json: {
            data: [
              { jobId: 'run1', status: 'Running', workflowName: 'Nightly' },
              { jobId: 'done1', status: 'Completed', workflowName: 'Nightly' },
            ],
            pagination: { totalItems: 2, pageSize: 100, hasNextPage: false },
          },
        };
      if (request.path === '/webapi/v3/jobs/done1')
        return { status: 200, json: { id: 'done1', status: 'Completed', disposition: 'Success', messages: [] } };
      if (request.method === 'DELETE') return { status: 200, json: { message: 'Job cancelled.' } };
      return { status: 404, json: { message: 'no such path' } };
    });
    const source = keep(
      createSource({
        type: 'alteryx',
        name: 'ayx',
        url: `${server.url}/webapi`,
        clientId: 'client-id-0001',
        clientSecret: 'client-secret-0001',
        now,
      }),
    );
    expect(source.session?.()).toEqual({ requests: 0, tokenExpiresAt: null, tokenRenews: true });
    const first = await source.list();
    expect(first.requests).toBe(3);
    expect(source.session?.()).toEqual({
      requests: server.requests.length,
      tokenExpiresAt: START + 600_000,
      tokenRenews: true,
    });
    bearer.revoke(bearer.last);
    clock = START + 5_000;
    const second = await source.list();
    expect(second.requests).toBe(3);
    expect(source.session?.()).toEqual({
      requests: server.requests.length,
      tokenExpiresAt: START + 5_000 + 600_000,
      tokenRenews: true,
    });
    await source.act('cancel', first.jobs[0]);
    expect(server.requests.map((request) => request.method).at(-1)).toBe('DELETE');
    expect(sessionRequests(source)).toBe(server.requests.length);
    expect(server.requests.length).toBe(7);
  });
});

describe('a Vectara source session', () => {
  it('counts OAuth token requests on the token endpoint and every read; the expiry follows expires_in', async () => {
    const bearer = tokens();
    const server = await stub((request) => {
      if (request.path === '/oauth2/token')
        return { status: 200, json: { access_token: bearer.issue(), token_type: 'Bearer', expires_in: 900 } };
      if (!bearer.accepts(request)) return { status: 401, json: { messages: ['Unauthorized'], request_id: 'r1' } };
      if (request.path === '/v2/jobs')
        return {
          status: 200,
          json: {
            jobs: [{ id: 'job_1', state: 'completed', type: 'rebuild_vector_index' }],
            metadata: { page_key: '' },
          },
        };
      if (request.path === '/v2/jobs/job_1') return { status: 200, json: { id: 'job_1', state: 'completed' } };
      return { status: 404, json: { messages: ['Not found'], request_id: 'r2' } };
    });
    const source = keep(
      createSource({
        type: 'vectara',
        name: 'vec',
        url: server.url,
        clientId: 'vectara-app-0001',
        clientSecret: 'vectara-secret-0001',
        now,
      }),
    );
    expect((await source.list()).requests).toBe(2);
    expect(source.session?.()).toEqual({ requests: 2, tokenExpiresAt: START + 900_000, tokenRenews: true });
    bearer.revoke(bearer.last);
    clock = START + 60_000;
    expect(await source.detail('job_1')).toMatchObject({ id: 'job_1' });
    expect(server.requests.map((request) => request.path)).toEqual([
      '/oauth2/token',
      '/v2/jobs',
      '/v2/jobs/job_1',
      '/oauth2/token',
      '/v2/jobs/job_1',
    ]);
    expect(source.session?.()).toEqual({ requests: 5, tokenExpiresAt: START + 60_000 + 900_000, tokenRenews: true });
  });

  it('has no token expiry with an API key', async () => {
    const server = await stub(() => ({ status: 200, json: { jobs: [], metadata: {} } }));
    const source = keep(createSource({ type: 'vectara', name: 'vec', url: server.url, apiKey: 'zqt_api_key_0001' }));
    await source.list();
    expect(source.session?.()).toEqual({ requests: server.requests.length, tokenExpiresAt: null });
  });
});

describe('an OSAPI source session', () => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const EXP = 1_780_000_000;
  const jwt = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'ops', roles: ['admin'], exp: EXP })}.c2lnbmF0dXJl`;

  it("counts lists, the old-prefix fallback, details and actions; the expiry is the JWT's exp", async () => {
    const server = await stub((request) => {
      // why: an older server has no /api prefix; Echo answers a route miss with {"message":"Not Found"}.
      if (request.path.startsWith('/api/')) return { status: 404, json: { message: 'Not Found' } };
      if (request.path === '/job')
        return {
          status: 200,
          json: { total_items: 1, status_counts: { failed: 1 }, items: [{ id: 'j1', status: 'failed' }] },
        };
      if (request.path === '/job/j1' && request.method === 'GET')
        return { status: 200, json: { id: 'j1', status: 'failed', timeline: [] } };
      if (request.path === '/job/j1' && request.method === 'DELETE') return { status: 204, text: '' };
      if (request.path === '/job/j1/retry')
        return { status: 201, json: { job_id: 'j2', status: 'submitted', revision: 1 } };
      return { status: 404, json: { error: 'job not found: x' } };
    });
    const source = keep(createSource({ type: 'osapi', name: 'os', url: server.url, token: jwt }));
    const listed = await source.list();
    expect(listed.requests).toBe(2);
    await source.detail('j1');
    await source.act('retry', listed.jobs[0]);
    await source.act('delete', listed.jobs[0]);
    expect(server.requests).toHaveLength(5);
    expect(source.session?.()).toEqual({ requests: 5, tokenExpiresAt: EXP * 1000, tokenRenews: false });
  });

  it('has no token expiry when the token is not a JWT', async () => {
    const server = await stub(() => ({ status: 200, json: { total_items: 0, status_counts: null, items: [] } }));
    const source = keep(createSource({ type: 'osapi', name: 'os', url: server.url, token: 'not-a-jwt-token' }));
    await source.list();
    expect(source.session?.()).toEqual({ requests: 1, tokenExpiresAt: null });
  });
});

describe('an MCRIT source session', () => {
  const ID = '6a746a41f8b8d2c6f8366a09';
  it('counts the stats request, the pages, the detail and the delete, through a priorityMap too; no token expiry', async () => {
    const document = {
      _id: { $oid: ID },
      payload: { method: 'getMatchesForSample' },
      created_at: { $date: '2026-03-02T09:00:00Z' },
      attempts_left: 3,
    };
    const server = await stub((request) => {
      if (request.path === '/jobs/stats') return { status: 200, json: { status: 'successful', data: {} } };
      if (request.path === '/jobs') return { status: 200, json: { status: 'successful', data: [document] } };
      if (request.path === `/jobs/${ID}` && request.method === 'GET')
        return { status: 200, json: { status: 'successful', data: document } };
      if (request.method === 'DELETE') return { status: 200, json: { status: 'successful', data: { num_deleted: 1 } } };
      return { status: 404, json: { title: 'Not Found' } };
    });
    // why: a priorityMap wraps the source (registry.ts); its session must still be the adapter's.
    const source = keep(
      createSource({
        type: 'mcrit',
        name: 'mc',
        url: server.url,
        apiToken: 'mcrit-token-0001',
        priorityMap: { '10': 'urgent' },
      }),
    );
    const listed = await source.list();
    expect(listed.requests).toBe(2);
    await source.detail(ID);
    await source.act('delete', listed.jobs[0]);
    expect(server.requests).toHaveLength(4);
    expect(source.session?.()).toEqual({ requests: 4, tokenExpiresAt: null });
  });
});

describe('a VectorCharts source session', () => {
  it('counts logins (again after a 401), the pages, the detail and the logout on close; no expiry is stated', async () => {
    let logins = 0;
    let accepted = '';
    const server = await stub((request) => {
      if (request.path === '/api/portal/v1/auth/login') {
        accepted = `portal-session-${++logins}`;
        return { status: 200, json: { token: { id: accepted, userId: 1 }, user: { userId: 1 } } };
      }
      if (request.path === '/api/portal/v1/auth/logout') return { status: 200, json: { success: true } };
      if (request.headers.authorization !== `Bearer ${accepted}`)
        return { status: 401, json: { error: 'Unauthorized' } };
      return {
        status: 200,
        json: {
          jobs: [{ id: 'j1', jobType: 'import', jobState: 'running', createdAt: START, updatedAt: START }],
          pagination: { total: 1, limit: 200, offset: 0 },
        },
      };
    });
    const source = keep(
      createSource({
        type: 'vectorcharts',
        name: 'vc',
        url: server.url,
        username: 'ops',
        password: 'portal-pass-0001',
      }),
    );
    expect((await source.list()).requests).toBe(2);
    accepted = 'revoked';
    expect((await source.list()).requests).toBe(3);
    await source.detail('j1');
    expect(source.session?.()).toEqual({ requests: server.requests.length, tokenExpiresAt: null });
    await source.close();
    expect(server.requests.map((request) => request.path).at(-1)).toBe('/api/portal/v1/auth/logout');
    expect(source.session?.()).toEqual({ requests: 7, tokenExpiresAt: null });
    expect(server.requests).toHaveLength(7);
  });
});

describe('a declared (http-json) source session', () => {
  it('counts every page and detail request; no token expiry', async () => {
    const server = await stub((request) => {
      if (request.path === '/api/jobs') {
        const page = Number(request.query.get('page'));
        const jobs =
          page === 1
            ? [
                { id: 'a', status: 'running' },
                { id: 'b', status: 'running' },
              ]
            : [];
        return { status: 200, json: { jobs } };
      }
      return { status: 200, json: { job: { id: 'a', status: 'running' } } };
    });
    const yaml = `sources:
  - name: ci
    type: http-json
    url: ${server.url}
    list:
      path: /api/jobs
      query: {page: "{page}", per_page: "{limit}"}
      items: jobs
      paging: {kind: page, start: 1, pageSize: 2}
    fields: {id: id, type: kind, state: status}
    states: {running: [running]}
    detail: {path: "/api/jobs/{id}", item: job}
`;
    const source = keep(createSource(parseConfigText(yaml, 'jobtop.yaml', {}).sources[0].spec));
    expect((await source.list()).requests).toBe(2);
    await source.detail('a');
    expect(server.requests).toHaveLength(3);
    expect(source.session?.()).toEqual({ requests: 3, tokenExpiresAt: null });
  });
});

describe("a source's list-record detail through a priorityMap", () => {
  it('builds the detail from the list record, with the configured rank, and sends nothing', async () => {
    const server = await stub(() => ({
      status: 200,
      json: {
        jobs: [
          {
            id: 'j1',
            jobType: 'import',
            jobState: 'running',
            priority: 7,
            createdAt: START,
            updatedAt: START,
            logs: [{ level: 'info', message: 'started', timestamp: START }],
          },
        ],
        pagination: { total: 1, limit: 200, offset: 0 },
      },
    }));
    const source = keep(
      createSource({
        type: 'vectorcharts',
        name: 'vc',
        url: server.url,
        token: 'vc-key-0001',
        priorityMap: { '7': 'urgent' },
      }),
    );
    const [job] = (await source.list()).jobs;
    expect(job?.priority.rank).toBe('urgent');
    const sent = server.requests.length;
    const detail = source.listRecordDetail?.(job);
    expect(detail?.priority.rank).toBe('urgent');
    expect(detail?.messages?.length).toBe(1);
    expect(server.requests).toHaveLength(sent);
  });
});
