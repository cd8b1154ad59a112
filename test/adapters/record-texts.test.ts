/**
 * Records kept by their text between answers (record-texts.ts): an unchanged record is the object
 * parsed before, a changed one is parsed anew, nothing is shared within one answer, and every value
 * is still exactly JSON.parse's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_CUT, parseJsonPieces } from '../../source/adapters/json-pieces.js';
import { RECORD_TEXT_MAX, RECORD_TEXT_MIN, ROUND_TEXT_MAX, RecordTexts } from '../../source/adapters/record-texts.js';

const text = (id: string, state = 'running') => JSON.stringify({ id, state, note: 'x'.repeat(RECORD_TEXT_MIN) });

describe('RecordTexts', () => {
  it('gives the object parsed in the round before for the same text, a new one for a changed text', () => {
    const records = new RecordTexts();
    records.begin('/jobs');
    const a = records.parse(text('a'));
    const b = records.parse(text('b'));
    records.begin('/jobs');
    expect(records.parse(text('a'))).toBe(a);
    const changed = records.parse(text('b', 'done'));
    expect(changed).not.toBe(b);
    expect(changed).toStrictEqual(JSON.parse(text('b', 'done')));
  });

  it('parses a text met twice in one round twice, as JSON.parse of the whole answer would', () => {
    const records = new RecordTexts();
    records.begin('/jobs');
    const first = records.parse(text('a'));
    expect(records.parse(text('a'))).not.toBe(first);
    records.begin('/jobs');
    expect(records.parse(text('a'))).toBe(first);
    expect(records.parse(text('a'))).not.toBe(first);
  });

  it('keeps one round across the pages of a list: only the same request answered again starts the next', () => {
    const records = new RecordTexts();
    records.begin('/jobs?page=1');
    const a = records.parse(text('a'));
    // The record moved to page 2 in the same round: a second record of this round, parsed again.
    records.begin('/jobs?page=2');
    expect(records.parse(text('a'))).not.toBe(a);
    records.begin('/jobs?page=1');
    records.begin('/jobs?page=2');
    expect(records.parse(text('a'))).toBe(a);
  });

  it('forgets a record no answer listed for a whole round', () => {
    const records = new RecordTexts();
    records.begin('/jobs');
    const a = records.parse(text('a'));
    records.parse(text('b'));
    records.begin('/jobs');
    records.parse(text('b'));
    records.begin('/jobs');
    records.parse(text('b'));
    expect(records.size).toBe(1);
    records.begin('/jobs');
    expect(records.parse(text('a'))).not.toBe(a);
  });

  it('keeps neither short texts (cheap to parse) nor texts V8 hashes by length alone', () => {
    const records = new RecordTexts();
    const short = JSON.stringify({ id: 'a' });
    const long = JSON.stringify({ id: 'a', log: 'x'.repeat(RECORD_TEXT_MAX) });
    records.begin('/jobs');
    const [s, l] = [records.parse(short), records.parse(long)];
    records.begin('/jobs');
    expect(records.parse(short)).not.toBe(s);
    expect(records.parse(long)).not.toBe(l);
    expect(records.size).toBe(0);
  });

  it('throws JSON.parse’s error for a text JSON.parse rejects, and keeps nothing of it', () => {
    const records = new RecordTexts();
    records.begin('/jobs');
    const broken = `${text('a').slice(0, -1)},}`;
    expect(() => records.parse(broken)).toThrow(SyntaxError);
    expect(records.size).toBe(0);
  });
});

describe('json-pieces with RecordTexts, over a run of answers', () => {
  const record = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd'),
    state: fc.constantFrom('queued', 'running', 'done'),
    note: fc.string({ unit: 'grapheme', minLength: 0, maxLength: 8 }).map((note) => note + '·'.repeat(RECORD_TEXT_MIN)),
    extra: fc.option(fc.jsonValue(), { nil: undefined }),
  });
  const answer = fc.oneof(
    fc.record({ jobs: fc.array(fc.oneof(record, fc.jsonValue()), { maxLength: 12 }), total: fc.nat() }),
    fc.array(record, { maxLength: 12 }),
  );

  it('gives each answer exactly JSON.parse’s value, and no object twice within one answer', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('/p1', '/p2'), answer), { minLength: 1, maxLength: 8 }), (run) => {
        const records = new RecordTexts();
        for (const [key, value] of run) {
          const bytes = Buffer.from(JSON.stringify(value), 'utf8');
          records.begin(key);
          const parsed = parseJsonPieces(bytes, records);
          expect(parsed).not.toBe(NOT_CUT);
          expect(parsed).toStrictEqual(JSON.parse(bytes.toString('utf8')));
          const elements = (Array.isArray(parsed) ? parsed : (parsed as { jobs: unknown[] }).jobs).filter(
            (element) => element !== null && typeof element === 'object',
          );
          expect(new Set(elements).size).toBe(elements.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('RecordTexts for requests never answered twice', () => {
  it('starts the next round once a round holds ROUND_TEXT_MAX of texts, so what is kept stays bounded', () => {
    const records = new RecordTexts();
    const big = (index: number) => JSON.stringify({ id: index, log: 'x'.repeat(RECORD_TEXT_MAX - 40) });
    const perRound = Math.ceil(ROUND_TEXT_MAX / big(0).length) + 1;
    for (let answer = 0; answer < 4 * perRound; answer++) {
      records.begin(`/jobs?since=${answer}`);
      records.parse(big(answer));
    }
    expect(records.size).toBeLessThanOrEqual(2 * perRound + 1);
    expect(records.size).toBeGreaterThan(0);
  });
});
