import { describe, expect, it } from 'vitest';
import { compileDeclaration } from '../../../source/adapters/http-json/compile-declaration.js';
import type { HttpJsonDeclaration } from '../../../source/adapters/http-json/declaration.js';
import { readLevel } from '../../../source/adapters/http-json/job-detail.js';
import { findingsWarnings } from '../../../source/adapters/http-json/findings-warnings.js';
import { readPriority, readTime } from '../../../source/adapters/http-json/field-values.js';
import { newFindings, normalizeItem } from '../../../source/adapters/http-json/normalize-item.js';
import {
  firstPageRequest,
  nextLink,
  nextPageRequest,
  type PageRead,
} from '../../../source/adapters/http-json/page-requests.js';

/** Compiles a declaration from parts, failing the test on problems. */
function declare(parts: Record<string, unknown> = {}): HttpJsonDeclaration {
  const compiled = compileDeclaration({
    list: { path: '/jobs', query: {}, ...(parts.list as object) },
    fields: { id: 'id', type: 'name', state: 'status', ...(parts.fields as object) },
    states: parts.states ?? { queued: ['pending'], running: ['running'], succeeded: ['done'], failed: ['error'] },
  });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.declaration;
}

const BASE = new URL('http://127.0.0.1:9000/api');
const read = (items: number, fetched: number, extra: Partial<PageRead> = {}): PageRead => ({
  items,
  fetched,
  total: null,
  body: {},
  linkHeader: undefined,
  ...extra,
});

describe('paging kinds', () => {
  it.each([
    [
      'offset',
      { kind: 'offset', pageSize: 50 },
      { limit: '{limit}', offset: '{offset}' },
      120,
      [
        { limit: '50', offset: '0' },
        { limit: '50', offset: '50' },
        { limit: '20', offset: '100' },
      ],
    ],
    [
      'page',
      { kind: 'page', start: 1, pageSize: 50 },
      { per_page: '{limit}', page: '{page}' },
      120,
      [
        { per_page: '50', page: '1' },
        { per_page: '50', page: '2' },
        { per_page: '50', page: '3' },
      ],
    ],
    [
      'page from 0',
      { kind: 'page', start: 0, pageSize: 100 },
      { size: '{limit}', p: '{page}' },
      150,
      [
        { size: '100', p: '0' },
        { size: '100', p: '1' },
      ],
    ],
    ['none', undefined, { limit: '{limit}' }, 120, [{ limit: '120' }]],
  ])('%s paging asks for the right pages until the limit', (_, paging, query, limit, expected) => {
    const declaration = declare({ list: { paging, query } });
    const requests = [firstPageRequest(declaration.list, limit)];
    let fetched = requests[0].size;
    for (;;) {
      const next = nextPageRequest(
        declaration.list,
        requests.at(-1)!,
        read(requests.at(-1)!.size, Math.min(fetched, limit)),
        limit,
        BASE,
      );
      if (next === null || 'error' in next) break;
      requests.push(next);
      fetched += next.size;
    }
    expect(requests.map((request) => request.query)).toEqual(expected);
  });

  it.each([
    ['a short page', read(10, 10), null],
    ['an empty page', read(0, 50), null],
    ['the total reached', read(50, 50, { total: 50 }), null],
  ])('offset paging stops at %s', (_, pageRead, expected) => {
    const declaration = declare({ list: { paging: { kind: 'offset', pageSize: 50 }, query: { offset: '{offset}' } } });
    expect(nextPageRequest(declaration.list, firstPageRequest(declaration.list, 200), pageRead, 200, BASE)).toEqual(
      expected,
    );
  });

  it('cursor paging leaves the cursor out of the first request and stops when the cursor is empty or repeats', () => {
    const declaration = declare({
      list: { paging: { kind: 'cursor', next: 'meta.next' }, query: { cursor: '{cursor}', n: '{limit}' } },
    });
    const first = firstPageRequest(declaration.list, 500);
    expect(first.query).toEqual({ n: '100' });
    const second = nextPageRequest(
      declaration.list,
      first,
      read(100, 100, { body: { meta: { next: 'abc' } } }),
      500,
      BASE,
    );
    expect(second && !('error' in second) && second.query).toEqual({ cursor: 'abc', n: '100' });
    expect(
      nextPageRequest(
        declaration.list,
        second as never,
        read(100, 200, { body: { meta: { next: 'abc' } } }),
        500,
        BASE,
      ),
    ).toBeNull();
    expect(
      nextPageRequest(declaration.list, first, read(100, 100, { body: { meta: { next: '' } } }), 500, BASE),
    ).toBeNull();
  });

  it('link paging follows rel="next" on the same origin and below the base path only', () => {
    const declaration = declare({ list: { paging: { kind: 'link' }, query: { per_page: '{limit}' } } });
    const first = firstPageRequest(declaration.list, 500);
    const follow = (link: string) =>
      nextPageRequest(declaration.list, first, read(100, 100, { linkHeader: link }), 500, BASE);
    expect(follow('<http://127.0.0.1:9000/api/jobs?page=2&per_page=100>; rel="next"')).toMatchObject({
      path: '/jobs',
      query: { page: '2', per_page: '100' },
    });
    expect(follow('<http://other.example/api/jobs?page=2>; rel="next"')).toEqual({
      error: expect.stringContaining("outside the source's url"),
    });
    expect(follow('<http://127.0.0.1:9000/elsewhere?page=2>; rel="next"')).toEqual({
      error: expect.stringContaining("outside the source's url"),
    });
    expect(follow('<http://127.0.0.1:9000/api/jobs?page=9>; rel="last"')).toBeNull();
  });

  it.each([
    ['<https://h/x?page=2>; rel="next", <https://h/x?page=5>; rel="last"', 'https://h/x?page=2'],
    ['<https://h/x?page=5>; rel="last", <https://h/x?page=2>; rel=next', 'https://h/x?page=2'],
    ['<https://h/x?page=2>; rel="prev next"', 'https://h/x?page=2'],
    ['<https://h/x?page=1>; rel="prev"', null],
    ['', null],
  ])('reads the next link of %j', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });
});

describe('field values', () => {
  it.each([
    ['ISO 8601 with nanoseconds', '2026-03-02T10:05:00.123456789Z', 'auto', Date.UTC(2026, 2, 2, 10, 5, 0, 123)],
    ['ISO 8601 with an offset', '2026-03-02T12:05:00+02:00', 'auto', Date.UTC(2026, 2, 2, 10, 5)],
    ['epoch seconds', 1772445600, 'auto', 1772445600000],
    ['epoch seconds with a fraction', 1772445600.5112, 'auto', 1772445600511],
    ['epoch milliseconds', 1772445600000, 'auto', 1772445600000],
    ['epoch seconds as a string', '1772445600', 'auto', 1772445600000],
    ['small epoch milliseconds named', 5000, 'epoch-ms', 5000],
    ['epoch seconds named', 1772445600000, 'epoch-s', 1772445600000000],
    ['a number where ISO is named', 1772445600, 'iso', null],
    ['junk', 'yesterday', 'auto', null],
    ['zero', 0, 'auto', null],
    ['null', null, 'auto', null],
  ] as const)('reads %s', (_, value, format, expected) => {
    expect(readTime(value, format)).toBe(expected);
  });

  it.each([
    [5, { rank: 'high', value: 5, label: '5' }],
    [0, { rank: 'normal', value: 0, label: '0' }],
    [12, { rank: 'urgent', value: 12, label: '12' }],
    ['high', { rank: 'high', value: null, label: 'high' }],
    ['Critical', { rank: null, value: null, label: 'Critical' }],
    ['3', { rank: 'high', value: 3, label: '3' }],
  ])('reads the priority %j', (value, expected) => {
    expect(readPriority(value)).toEqual(expected);
  });

  it.each([
    ['WARN', 'warning'],
    ['error', 'error'],
    ['Fatal', 'error'],
    ['debug', 'debug'],
    ['chatter', 'info'],
    [3, 'info'],
  ])('reads the message level %j', (value, expected) => {
    expect(readLevel(value)).toBe(expected);
  });
});

describe('normalizing an item', () => {
  it('maps every declared field, arithmetic included', () => {
    const declaration = declare({
      fields: {
        progress: 'progress * `100`',
        owner: 'user.login',
        priority: 'priority',
        created: 'created_at',
        parent: 'parent_id',
        error: 'error.message',
      },
    });
    const job = normalizeItem(
      {
        id: 7,
        name: 'build',
        status: 'running',
        progress: 0.425,
        user: { login: 'ada' },
        priority: 2,
        created_at: 1772445600,
        parent_id: 3,
        error: { message: 'slow' },
      },
      declaration,
      'ci',
      newFindings(),
    );
    expect(job).toMatchObject({
      key: 'ci/7',
      id: '7',
      type: 'build',
      state: 'running',
      nativeState: 'running',
      terminal: false,
      progress: 43,
      owner: 'ada',
      priority: { value: 2 },
      createdAt: 1772445600000,
      parentId: '3',
      error: 'slow',
      vendor: 'http-json',
    });
  });

  it.each([
    ['pending', 'queued', false],
    ['running', 'running', false],
    ['done', 'succeeded', true],
    ['error', 'failed', true],
    ['paused', 'unknown', false],
  ])('maps the state word %s to %s (terminal %s)', (word, state, terminal) => {
    expect(normalizeItem({ id: 1, name: 'n', status: word }, declare(), 'ci', newFindings())).toMatchObject({
      state,
      terminal,
      nativeState: word,
    });
  });

  it('turns fields that do not resolve into one warning per field for the source, not a crash', () => {
    const declaration = declare({ fields: { created: 'created_at', progress: 'pct * `100`' } });
    const findings = newFindings();
    const items = [
      { id: 1, name: 'a', status: 'running', created_at: 'soon', pct: 'x' },
      { name: 'b', status: 'running' },
      { id: 3, status: 'paused', created_at: 1772445600, pct: 0.5 },
    ];
    const jobs = items.map((item) => normalizeItem(item, declaration, 'ci', findings));
    expect(jobs.map((job) => job?.id ?? null)).toEqual(['1', null, '3']);
    expect(findingsWarnings(findings, declaration)).toEqual([
      'fields.id (id) resolved to nothing on 1 of 3 items: they have no key and are left out',
      'fields.type (name) resolved to nothing on 1 of 3 items',
      'fields.created (created_at) gave values it cannot read on 1 of 3 items, e.g. "soon"',
      'fields.progress (pct * `100`) failed on 1 of 3 items: not-a-number',
      'states: "paused" is not declared under states (1 of 3 items shown as unknown)',
    ]);
  });

  it('says nothing when every field resolved', () => {
    const findings = newFindings();
    normalizeItem({ id: 1, name: 'a', status: 'done' }, declare(), 'ci', findings);
    expect(findingsWarnings(findings, declare())).toEqual([]);
  });
});

describe('evaluating expressions on untrusted items', () => {
  it.each([
    ['arithmetic on a missing value is nothing', 'progress * `100`', {}, { ok: true, value: null }],
    ['a function of a missing value is nothing', 'abs(delta)', {}, { ok: true, value: null }],
    [
      'arithmetic on a string is an error',
      'progress * `100`',
      { progress: 'half' },
      { ok: false, error: 'not-a-number' },
    ],
    ['a path through a string is nothing', 'user.login', { user: 'ada' }, { ok: true, value: null }],
  ])('%s', async (_, text, item, expected) => {
    const { compileExpression, evaluate } = await import('../../../source/adapters/http-json/expression.js');
    const expression = compileExpression(text);
    if ('error' in expression) throw new Error(expression.error);
    expect(evaluate(expression, item)).toEqual(expected);
  });
});
