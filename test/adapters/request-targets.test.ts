/**
 * Request targets are built once per path and query and looked up after: the kept target must be
 * the very URL building it again would give, and two queries that give different URLs must never
 * share one.
 */
import { describe, expect, it } from 'vitest';
import { buildUrl, createRequestTargets, type QueryValue } from '../../source/adapters/request-targets.js';

type Query = Record<string, QueryValue> | undefined;

const BASE = new URL('https://jobs.example.com:8443/api/v2/?tenant=a%20b');

describe('request targets', () => {
  it.each<[string, string, Query]>([
    ['no query', '/jobs', undefined],
    ['an empty query', '/jobs', {}],
    ['numbers and booleans', '/jobs', { limit: 100, offset: 0, all: true }],
    ['dropped undefined and null values', '/jobs', { a: undefined, b: null, c: 'x' }],
    ['repeated names from an array', '/jobs', { status: ['running', 'queued'], limit: 5 }],
    ['characters to encode', '/jobs', { q: 'a b&c=d?#', 'we ird': 'é/+' }],
    ['a path without its leading slash', 'jobs/42', { x: '1' }],
    ['a path with characters to encode', '/jobs/a b#c', undefined],
  ])('gives the URL built afresh for %s, the first time and when looked up again', (_name, path, query) => {
    const targets = createRequestTargets(BASE);
    const url = buildUrl(BASE, path, query);
    const expected = { path: url.pathname + url.search, href: url.href };
    expect(targets.of(path, query)).toMatchObject(expected);
    expect(targets.of(path, query === undefined ? undefined : { ...query })).toMatchObject(expected);
    expect(targets.origin).toBe('https://jobs.example.com:8443');
  });

  it.each<[string, Query, Query]>([
    ['a value that looks like two parameters', { a: '1&b=2' }, { a: '1', b: '2' }],
    ['a value holding what looks like a length prefix', { a: '1:b=1:2' }, { a: '1', b: '2' }],
    ['an array against its joined items', { a: ['x', 'y'] }, { a: 'xy' }],
    ['names and values swapped', { a: 'b' }, { b: 'a' }],
    ['a value against none', { a: '' }, {}],
  ])('keeps apart %s', (_name, one, other) => {
    const targets = createRequestTargets(BASE);
    const first = targets.of('/jobs', one);
    const second = targets.of('/jobs', other);
    expect(first.href).toBe(buildUrl(BASE, '/jobs', one).href);
    expect(second.href).toBe(buildUrl(BASE, '/jobs', other).href);
    expect(second.href).not.toBe(first.href);
  });

  it('keeps apart a path holding a `?` (an id from a server) and a shorter path with a query', () => {
    const targets = createRequestTargets(BASE);
    const odd = targets.of('/jobs?1:b=1:c');
    const plain = targets.of('/jobs', { b: 'c' });
    expect(odd.href).toBe(buildUrl(BASE, '/jobs?1:b=1:c').href);
    expect(plain.href).toBe(buildUrl(BASE, '/jobs', { b: 'c' }).href);
    expect(plain.href).not.toBe(odd.href);
  });

  it('labels a request with the joined path as written', () => {
    expect(createRequestTargets(BASE).of('/jobs/7', { a: '1' }).joined).toBe('/api/v2/jobs/7');
  });
});
