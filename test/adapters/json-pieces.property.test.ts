/**
 * A large list answer parsed record by record gives exactly JSON.parse's value (keys in the same
 * order, "__proto__" as an own key), and never a value where JSON.parse of the whole body throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_CUT, parseJsonPieces } from '../../source/adapters/json-pieces.js';

const wholeParse = (bytes: Buffer): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return { ok: false };
  }
};

const record = fc.dictionary(
  fc.oneof(fc.string(), fc.constantFrom('__proto__', 'id', '0', '10', 'a"b', 'c\\\\')),
  fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
);
const body = fc.oneof(
  fc.record({ jobs: fc.array(record), pagination: fc.record({ total: fc.nat(), limit: fc.nat() }) }),
  fc.array(fc.oneof(record, fc.jsonValue())),
  fc.dictionary(fc.string(), fc.oneof(fc.array(record), fc.jsonValue())),
);
const spaced = (value: unknown, indent: number): Buffer =>
  Buffer.from(` \n${JSON.stringify(value, null, indent)}\t\r\n`, 'utf8');

describe('json-pieces: a list body parsed piece by piece', () => {
  it('gives the value JSON.parse gives, keys in the same order', () => {
    fc.assert(
      fc.property(body, fc.constantFrom(0, 1, 2), (value, indent) => {
        const bytes = spaced(value, indent);
        const pieces = parseJsonPieces(bytes);
        expect(pieces).not.toBe(NOT_CUT);
        const whole = JSON.parse(bytes.toString('utf8')) as unknown;
        expect(pieces).toStrictEqual(whole);
        expect(JSON.stringify(pieces)).toBe(JSON.stringify(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('gives no value for a body JSON.parse rejects, and the same value or none after any one-byte change', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 0, max: 255 }), (value, position, byte) => {
        const bytes = spaced(value, 1);
        bytes[position % bytes.length] = byte;
        const whole = wholeParse(bytes);
        const pieces = parseJsonPieces(bytes);
        if (!whole.ok) expect(pieces).toBe(NOT_CUT);
        else if (pieces !== NOT_CUT) expect(JSON.stringify(pieces)).toBe(JSON.stringify(whole.value));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['a bare scalar', '12345'],
    ['a string', '"jobs"'],
    ['a byte-order mark first', '\uFEFF{"jobs":[]}'],
    ['trailing text', '{"jobs":[]} x'],
    ['two values', '[1] [2]'],
    ['an unclosed array', '{"jobs":[{"id":1},'],
    ['an unclosed string', '{"jobs":["abc'],
    ['a missing colon', '{"jobs" []}'],
    ['a trailing comma', '{"jobs":[1,]}'],
    ['an escaped closing quote', '{"jobs":["a\\"]}'],
  ])('leaves %s to the whole parse', (_name, text) => {
    expect(parseJsonPieces(Buffer.from(text, 'utf8'))).toBe(NOT_CUT);
  });

  it('reads escaped quotes and backslashes inside strings', () => {
    const text = '{"a\\\\":["x\\\\\\"y\\\\", {"b":"]}"}], "n": -1.5e3 , "t":true}';
    expect(parseJsonPieces(Buffer.from(text, 'utf8'))).toStrictEqual(JSON.parse(text));
  });
});
