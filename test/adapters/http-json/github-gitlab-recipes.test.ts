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

describe('the GitHub Actions recipe', () => {
  const TOKEN = 'ghp_recipeTestToken0123';
  const REPO = 'octo-org/octo-repo';

  it('follows the Link header to the next page and maps status + conclusion to a state', async () => {
    server = await startStubServer((request) => {
      if (request.path !== `/repos/${REPO}/actions/runs`) return { status: 404, json: { message: 'Not Found' } };
      if (request.query.get('page') === '2') return { status: 200, json: fixture('github-runs-page2.json') };
      const next = `${server!.url}/repos/${REPO}/actions/runs?per_page=100&page=2`;
      return {
        status: 200,
        json: fixture('github-runs-page1.json'),
        headers: { link: `<${next}>; rel="next", <${next}>; rel="last"` },
      };
    });
    ({ source } = openRecipe('github-actions', {
      GITHUB_API_URL: server.url,
      GITHUB_REPOSITORY: REPO,
      GITHUB_TOKEN: TOKEN,
    }));
    const result = await source.list();
    expect(result.jobs.map(summary)).toEqual([
      ['30433642', 'Build', 'running', 'in_progress', '2026-03-02T10:05:00.000Z', '2026-03-02T10:05:04.000Z', null],
      ['30433641', 'Build', 'queued', 'queued', '2026-03-02T10:04:00.000Z', '2026-03-02T10:04:00.000Z', null],
      [
        '30433640',
        'Deploy',
        'succeeded',
        'success',
        '2026-03-02T09:00:00.000Z',
        '2026-03-02T09:00:05.000Z',
        '2026-03-02T09:03:20.000Z',
      ],
      [
        '30433639',
        'Build',
        'failed',
        'failure',
        '2026-03-01T18:00:00.000Z',
        '2026-03-01T18:00:03.000Z',
        '2026-03-01T18:02:00.000Z',
      ],
      [
        '30433638',
        'Nightly',
        'cancelled',
        'cancelled',
        '2026-03-01T02:00:00.000Z',
        '2026-03-01T02:00:09.000Z',
        '2026-03-01T02:30:00.000Z',
      ],
    ]);
    expect(result.jobs[1].owner).toBe('hubot');
    expect(result.total).toBe(5);
    expect(result.requests).toBe(2);
    expect(result.warnings).toBeUndefined();
    expect(
      server.requests.map(
        (request) =>
          `${request.method} ${request.path}?${new URLSearchParams(request.query as Record<string, string>)}`,
      ),
    ).toEqual([`GET /repos/${REPO}/actions/runs?per_page=100`, `GET /repos/${REPO}/actions/runs?per_page=100&page=2`]);
    expect(
      server.requests.every(
        (request) =>
          request.headers.authorization === `Bearer ${TOKEN}` &&
          request.headers['x-github-api-version'] === '2022-11-28',
      ),
    ).toBe(true);
  });

  it('cancels with the declared request and refuses it on a finished run, saying why', async () => {
    server = await startStubServer((request) =>
      request.method === 'POST' ? { status: 202, json: {} } : { status: 200, json: fixture('github-runs-page2.json') },
    );
    ({ source } = openRecipe('github-actions', {
      GITHUB_API_URL: server.url,
      GITHUB_REPOSITORY: REPO,
      GITHUB_TOKEN: TOKEN,
    }));
    const { jobs } = await source.list();
    const cancel = source.capabilities.actions.cancel!;
    expect(cancel.request).toBe(`POST /repos/${REPO}/actions/runs/{id}/cancel`);
    expect(cancel.availability(jobs[0])).toEqual({
      ok: false,
      reason: 'Cancel applies to queued or running jobs; this one is failed',
    });
    const outcome = await source.act('cancel', { ...jobs[0], state: 'running' });
    expect(outcome).toMatchObject({ kind: 'cancel', effect: 'cancelled' });
    expect(outcome.message).toContain('HTTP 202');
    expect(server.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/repos/${REPO}/actions/runs/30433639/cancel`,
      query: {},
    });
  });

  it('refuses every declared action when read-only, before anything is sent', async () => {
    server = await startStubServer(() => ({ status: 200, json: fixture('github-runs-page1.json') }));
    ({ source } = openRecipe(
      'github-actions',
      { GITHUB_API_URL: server.url, GITHUB_REPOSITORY: REPO, GITHUB_TOKEN: TOKEN },
      { readonly: true },
    ));
    const { jobs } = await source.list();
    for (const kind of ['cancel', 'retry', 'delete'] as const)
      await expect(source.act(kind, jobs[0])).rejects.toMatchObject({ kind: 'readonly' });
    expect(server.requests.map((request) => request.method)).toEqual(['GET']);
  });

  it('keeps the token out of errors even when the server echoes it', async () => {
    server = await startStubServer(() => ({
      status: 401,
      json: { message: `Bad credentials: Bearer ${TOKEN}`, documentation_url: 'https://docs.github.com/rest' },
    }));
    ({ source } = openRecipe('github-actions', {
      GITHUB_API_URL: server.url,
      GITHUB_REPOSITORY: REPO,
      GITHUB_TOKEN: TOKEN,
    }));
    const error = (await source.list().catch((thrown: Error) => thrown)) as Error;
    expect(error).toMatchObject({ kind: 'auth', short: '401 unauthorized' });
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('Bad credentials');
  });

  it('does not follow a Link header to another host with the token', async () => {
    server = await startStubServer(() => ({
      status: 200,
      json: fixture('github-runs-page1.json'),
      headers: { link: '<https://elsewhere.example/runs?page=2>; rel="next"' },
    }));
    ({ source } = openRecipe('github-actions', {
      GITHUB_API_URL: server.url,
      GITHUB_REPOSITORY: REPO,
      GITHUB_TOKEN: TOKEN,
    }));
    await expect(source.list()).rejects.toMatchObject({
      kind: 'shape',
      detail: expect.stringContaining("outside the source's url; not followed"),
    });
    expect(server.requests).toHaveLength(1);
  });
});

describe('the GitLab pipelines recipe', () => {
  const TOKEN = 'glpat-recipeTestToken01';

  it('pages with page and per_page until a short page and reads the detail endpoint for times and user', async () => {
    server = await startStubServer((request) => {
      if (request.path === '/api/v4/projects/group%2Fproject/pipelines/1202')
        return { status: 200, json: fixture('gitlab-pipeline-1202.json') };
      if (request.path !== '/api/v4/projects/group%2Fproject/pipelines')
        return { status: 404, json: { message: '404 Project Not Found' } };
      return { status: 200, json: fixture(`gitlab-pipelines-page${request.query.get('page')}.json`) };
    });
    // why a page size of 2: the recipe's 100 would need 100 fixture pipelines to reach a second page.
    ({ source } = openRecipe(
      'gitlab-pipelines',
      { GITLAB_URL: server.url, GITLAB_PROJECT: 'group%2Fproject', GITLAB_TOKEN: TOKEN },
      { limit: 5, replace: ['pageSize: 100', 'pageSize: 2'] },
    ));
    const result = await source.list();
    expect(result.jobs.map(summary)).toEqual([
      ['1204', 'main', 'running', 'running', '2026-03-02T10:05:00.000Z', null, null],
      ['1203', 'feature/login', 'queued', 'pending', '2026-03-02T10:00:00.000Z', null, null],
      ['1202', 'main', 'succeeded', 'success', '2026-03-01T12:00:00.000Z', null, '2026-03-01T12:09:00.000Z'],
      ['1201', 'main', 'cancelled', 'canceled', '2026-03-01T11:00:00.000Z', null, '2026-03-01T11:01:00.000Z'],
      ['1200', 'v1.2.0', 'failed', 'failed', '2026-03-01T10:00:00.000Z', null, '2026-03-01T10:04:00.000Z'],
    ]);
    expect(result.warnings).toBeUndefined();
    expect(server.requests.map((request) => request.query.page)).toEqual(['1', '2', '3']);
    expect(
      server.requests.every((request) => request.headers['private-token'] === TOKEN && request.query.per_page === '2'),
    ).toBe(true);
    const detail = await source.detail('1202');
    expect(detail && summary(detail)).toEqual([
      '1202',
      'main',
      'succeeded',
      'success',
      '2026-03-01T12:00:00.000Z',
      '2026-03-01T12:00:10.000Z',
      '2026-03-01T12:08:55.000Z',
    ]);
    expect(detail?.owner).toBe('root');
  });
});
