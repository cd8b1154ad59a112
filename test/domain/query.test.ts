import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeQueryError, parseJobQuery, type JobQueryAst } from '../../source/domain/query-parse.js';
import { matchesJobQuery, matchesGlob } from '../../source/domain/query-match.js';
import { JOB_STATES, type Job } from '../../source/domain/job.js';
import { makeJob, T0 } from '../helpers/jobs.js';

const MIN = 60_000;
const jobs: Job[] = [
  makeJob({
    id: 'a1',
    source: 'analytics',
    type: 'ETL nightly',
    state: 'failed',
    createdAt: T0 - 30 * MIN,
    finishedAt: T0 - 5 * MIN,
    priority: { rank: 'high', value: 2, label: 'High' },
    owner: 'alice',
  }),
  makeJob({
    id: 'b2',
    source: 'analytics',
    type: 'ETL hourly',
    state: 'partial',
    createdAt: T0 - 3 * 60 * MIN,
    finishedAt: T0 - 2 * 60 * MIN,
    priority: { rank: 'normal', value: 0, label: 'Default' },
  }),
  makeJob({
    id: 'c3',
    source: 'ops',
    type: 'process-chart',
    state: 'queued',
    createdAt: T0 - 2 * MIN,
    priority: { rank: 'urgent', value: 3, label: null },
    host: 'db-07',
  }),
  makeJob({
    id: 'd4',
    source: 'ops',
    type: 'node.exec',
    state: 'succeeded',
    createdAt: T0 - 90 * MIN,
    finishedAt: T0 - 20 * MIN,
    owner: null,
  }),
  makeJob({
    id: 'e5',
    source: 'mcrit-1',
    type: 'updateMinHashes',
    state: 'running',
    createdAt: T0 - 10 * MIN,
    startedAt: T0 - 9 * MIN,
    priority: { rank: 'low', value: -1, label: null },
  }),
];
const flagsOf = (job: Job) => (job.id === 'e5' ? ['slow', 'attention'] : []);

function ids(text: string): string[] {
  const parsed = parseJobQuery(text);
  if (!parsed.ok) throw new Error(describeQueryError(parsed.error));
  return jobs.filter((job) => matchesJobQuery(job, parsed.query, { now: T0, flagsOf })).map((job) => job.id);
}

describe('query language: what each query keeps', () => {
  it.each<[string, string[]]>([
    ['', ['a1', 'b2', 'c3', 'd4', 'e5']],
    ['etl', ['a1', 'b2']],
    ['queued process-chart', ['c3']],
    ['etl alice', ['a1', 'b2']],
    ['etl -owner:alice', []],
    ['state:failed', ['a1']],
    ['state:failed,partial', ['a1', 'b2']],
    ['state:active', ['c3', 'e5']],
    ['-state:succeeded', ['a1', 'b2', 'c3', 'e5']],
    ['type:ETL*', ['a1', 'b2']],
    ['type:etl*', ['a1', 'b2']],
    ['type:"ETL nightly"', ['a1']],
    ['type:*.exec', ['d4']],
    ['source:analytics state:failed type:ETL*', ['a1']],
    ['source:ops,mcrit-*', ['c3', 'd4', 'e5']],
    ['vendor:mcrit', ['e5']],
    ['id:c3', ['c3']],
    ['id:?4', ['d4']],
    ['owner:alice', ['a1', 'b2', 'c3', 'e5']],
    ['-owner:alice', ['d4']],
    ['host:db-*', ['c3']],
    ['native:queued', ['c3']],
    ['age:<1h', ['a1', 'c3', 'e5']],
    ['age:>=1h', ['b2', 'd4']],
    ['created:<15m', ['c3', 'e5']],
    ['finished:<10m', ['a1']],
    ['finished:10m', ['a1']],
    ['finished:>1h', ['b2']],
    ['started:>5m', ['e5']],
    ['dur:>8m', ['e5']],
    ['pri:>=high', ['a1', 'c3']],
    ['pri:urgent', ['c3']],
    ['pri:low', ['e5']],
    ['pri:normal', ['b2']],
    ['priority:high,urgent', ['a1', 'c3']],
    ['pri:>2', ['c3']],
    ['-pri:>=high', ['b2', 'd4', 'e5']],
    ['flag:slow', ['e5']],
    ['flag:attention', ['e5']],
    ['status:running', ['e5']],
    ['-etl -ops', ['e5']],
    ['"a:b"', []],
  ])('%j keeps %j', (text, expected) => expect(ids(text)).toEqual(expected));
});

describe('query language: errors point at the column', () => {
  it.each<[string, number, RegExp]>([
    ['sate:failed', 1, /unknown field "sate"/],
    ['etl -sate:x', 6, /unknown field/],
    ['state:', 7, /needs a value/],
    ['age:<abc', 6, /expected a duration/],
    ['pri:>=hihg', 5, /expected low, normal, high, urgent/],
    ['pri:high,hihg', 10, /expected low/],
    ['state:>x', 7, /compares only by value/],
    ['type:"ETL', 6, /quote is never closed/],
  ])('%j fails at column %i', (text, column, message) => {
    const parsed = parseJobQuery(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.column).toBe(column);
    expect(parsed.error.message).toMatch(message);
    expect(describeQueryError(parsed.error)).toMatch(new RegExp(`^column ${column}: `));
  });
});

describe('query language: properties', () => {
  const word = fc.stringMatching(/^[a-z0-9._-]{1,8}$/).filter((text) => !text.startsWith('-'));
  const arbitraryJob = fc
    .record({
      id: word,
      type: word,
      state: fc.constantFrom(...JOB_STATES),
      source: fc.constantFrom('ops', 'analytics', 'mcrit-1'),
      createdAt: fc.integer({ min: T0 - 10 * 60 * MIN, max: T0 }),
    })
    .map((fields) => makeJob(fields));

  it('never throws on any text: it parses or reports a column inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const parsed = parseJobQuery(text);
        if (parsed.ok) return;
        expect(parsed.error.column).toBeGreaterThanOrEqual(1);
        expect(parsed.error.column).toBeLessThanOrEqual(text.length + 1);
      }),
    );
  });

  it('a negated term keeps exactly the jobs the term drops', () => {
    const term = fc.oneof(
      word.map((text) => text),
      fc.constantFrom('state:failed', 'state:active', 'type:a*', 'age:<1h', 'source:ops,analytics', 'pri:>=high'),
    );
    fc.assert(
      fc.property(fc.array(arbitraryJob, { maxLength: 12 }), term, (list, text) => {
        const plain = (parseJobQuery(text) as { query: JobQueryAst }).query;
        const negated = (parseJobQuery(`-${text}`) as { query: JobQueryAst }).query;
        for (const job of list)
          expect(matchesJobQuery(job, negated, { now: T0 })).toBe(!matchesJobQuery(job, plain, { now: T0 }));
      }),
    );
  });

  it('terms combine with AND: adding a term never lets more jobs through', () => {
    fc.assert(
      fc.property(fc.array(arbitraryJob, { maxLength: 12 }), word, word, (list, first, second) => {
        const one = (parseJobQuery(first) as { query: JobQueryAst }).query;
        const both = (parseJobQuery(`${first} ${second}`) as { query: JobQueryAst }).query;
        for (const job of list)
          if (matchesJobQuery(job, both, { now: T0 })) expect(matchesJobQuery(job, one, { now: T0 })).toBe(true);
      }),
    );
  });

  it('a glob without wildcards is equality, ignoring case', () => {
    fc.assert(
      fc.property(word, word, (left, right) => {
        expect(matchesGlob(left, right.toUpperCase())).toBe(left === right);
      }),
    );
  });

  it('every id matches its own id: term', () => {
    fc.assert(
      fc.property(arbitraryJob, (job) => {
        expect(matchesJobQuery(job, (parseJobQuery(`id:${job.id}`) as { query: JobQueryAst }).query, { now: T0 })).toBe(
          true,
        );
      }),
    );
  });
});
