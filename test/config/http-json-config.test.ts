import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../source/config/config-error.js';
import { parseConfigText } from '../../source/config/load-config.js';

const problemsOf = (text: string, env: NodeJS.ProcessEnv = {}): readonly string[] => {
  try {
    parseConfigText(text, 'jobtop.yaml', env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

/** A valid declaration; tests replace one line to break it. */
const VALID = `sources:
  - name: ci
    type: http-json
    url: http://127.0.0.1:9000
    headers: {Authorization: "Bearer \${CI_TOKEN}"}
    list:
      path: /api/jobs
      query: {per_page: "{limit}", page: "{page}"}
      items: data.jobs
      paging: {kind: page, start: 1, pageSize: 50}
      total: meta.total
    fields:
      id: id
      type: name
      state: status
      progress: "progress * \`100\`"
    states:
      queued: [pending]
      running: [running]
      succeeded: [success]
    actions:
      cancel: {method: POST, path: "/api/jobs/{id}/cancel", means: "stops the job; it ends cancelled", when: [queued, running]}
`;
const ENV = { CI_TOKEN: 'ci-secret-token-1234' };

describe('http-json declarations in the config', () => {
  it('compiles a valid declaration once at load, and keeps the header secret for redaction', () => {
    const config = parseConfigText(VALID, 'jobtop.yaml', ENV);
    const spec = config.sources[0].spec as unknown as Record<string, unknown> & {
      declaration: { fields: Record<string, { text: string }>; states: Map<string, string> };
    };
    expect(spec.type).toBe('http-json');
    expect(spec.headers).toEqual({ Authorization: 'Bearer ci-secret-token-1234' });
    expect(spec.declaration.fields.progress.text).toBe('progress * `100`');
    expect([...spec.declaration.states]).toEqual([
      ['pending', 'queued'],
      ['running', 'running'],
      ['success', 'succeeded'],
    ]);
    expect(config.secrets).toEqual(expect.arrayContaining(['ci-secret-token-1234', 'Bearer ci-secret-token-1234']));
  });

  it.each([
    [
      'invalid JMESPath',
      '      type: name',
      '      type: "name["',
      'jobtop.yaml:14: sources[0].fields.type: invalid JMESPath "name[": ',
    ],
    ['a missing required field', '      state: status\n', '', 'jobtop.yaml:12: sources[0].fields.state: required'],
    [
      'an unknown state',
      '      succeeded: [success]',
      '      finished: [success]',
      'jobtop.yaml:20: sources[0].states.finished: unknown state (expected one of queued, running, succeeded',
    ],
    [
      'a word under two states',
      '      succeeded: [success]',
      '      succeeded: [success, running]',
      'jobtop.yaml:20: sources[0].states.succeeded[1]: "running" is already mapped to running',
    ],
    [
      'an unknown paging kind',
      'kind: page, start: 1',
      'kind: pages, start: 1',
      'jobtop.yaml:10: sources[0].list.paging.kind: expected one of none, offset, page, cursor, link, got "pages"',
    ],
    [
      'a paging kind without its placeholder',
      'page: "{page}"',
      'p: "1"',
      'jobtop.yaml:8: sources[0].list.query: paging kind page needs {page} in one of the query values',
    ],
    [
      'an unknown placeholder',
      'per_page: "{limit}"',
      'per_page: "{size}"',
      'jobtop.yaml:8: sources[0].list.query.per_page: unknown placeholder {size}',
    ],
    [
      'an action without means',
      ', means: "stops the job; it ends cancelled"',
      '',
      'jobtop.yaml:22: sources[0].actions.cancel.means: required',
    ],
    [
      'an action state that does not exist',
      'when: [queued, running]',
      'when: [queued, busy]',
      'jobtop.yaml:22: sources[0].actions.cancel.when[1]: expected a state',
    ],
    [
      'an action path without {id}',
      '"/api/jobs/{id}/cancel"',
      '"/api/jobs/cancel"',
      'jobtop.yaml:22: sources[0].actions.cancel.path: expected a path with {id}',
    ],
    [
      'a GET action',
      'method: POST',
      'method: GET',
      'jobtop.yaml:22: sources[0].actions.cancel.method: expected one of POST, PUT, PATCH, DELETE, got "GET"',
    ],
    [
      'an unknown key',
      '      total: meta.total',
      '      totals: meta.total',
      'jobtop.yaml:11: sources[0].list.totals: unknown key (expected one of path, query, items, paging, total)',
    ],
    [
      'an unset environment variable',
      '/api/jobs\n',
      '/api/${JOBS_PATH}\n',
      'jobtop.yaml:7: sources[0].list.path: environment variable JOBS_PATH is not set',
    ],
  ])('reports %s at its file, line and field', (_, from, to, expected) => {
    expect(VALID.includes(from)).toBe(true);
    const problems = problemsOf(VALID.replace(from, to), ENV);
    expect(problems).toEqual([expect.stringContaining(expected)]);
  });

  it('requires list, fields and states, and says so at the source', () => {
    const problems = problemsOf('sources:\n  - {name: ci, type: http-json, url: "http://127.0.0.1:9000"}\n');
    expect(problems).toEqual([
      'jobtop.yaml:2: sources[0].list: required',
      'jobtop.yaml:2: sources[0].fields: required',
      'jobtop.yaml:2: sources[0].states: required',
    ]);
  });

  it("accepts every state of the domain's list (so a new state needs no change here)", async () => {
    const { JOB_STATES } = await import('../../source/domain/job.js');
    const states = JOB_STATES.map((state) => `      ${state}: [word-${state}]`).join('\n');
    const text = VALID.replace(/ {4}states:\n( {6}.*\n)+/, `    states:\n${states}\n`);
    expect(() => parseConfigText(text, 'jobtop.yaml', ENV)).not.toThrow();
  });

  it('never echoes a header value in an error', () => {
    const problems = problemsOf(
      VALID.replace('{Authorization: "Bearer ${CI_TOKEN}"}', '{Authorization: {nested: secret-value-9876}}'),
      ENV,
    );
    expect(problems).toEqual(['jobtop.yaml:5: sources[0].headers: headers.Authorization: expected a string value']);
    expect(problems.join('\n')).not.toContain('secret-value-9876');
  });

  it('lets the {token} placeholder take its value from tokenCommand', () => {
    const text = VALID.replace(
      'headers: {Authorization: "Bearer ${CI_TOKEN}"}',
      'headers: {Authorization: "Bearer {token}"}\n    tokenCommand: echo from-a-command-5678',
    );
    const config = parseConfigText(text, 'jobtop.yaml', {});
    expect(config.sources[0].spec).toMatchObject({
      token: 'from-a-command-5678',
      headers: { Authorization: 'Bearer {token}' },
    });
    expect(config.secrets).toContain('from-a-command-5678');
  });
});
