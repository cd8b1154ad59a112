/**
 * A large list answer parsed record by record: `{"jobs": [r1, r2, …], "pagination": {…}}` or
 * `[r1, r2, …]` is cut at its top-level members and at the elements of its top-level arrays, and
 * each piece is decoded and given to JSON.parse alone. The value is the one JSON.parse of the whole
 * body gives; anything this cannot cut (other shapes, a byte it does not expect, a piece JSON.parse
 * rejects) returns NOT_CUT, and the caller parses the whole body, which gives JSON.parse's own
 * verdict and message.
 *
 * Why: one JSON.parse of a 0.5 MB body builds all its records at once, and a young collection that
 * falls inside that (with the capped 16 MB young generation, about one poll in five) finds whole
 * pages of live records and moves them to the old generation, where they are garbage a moment later
 * (the records equal to the last poll's are dropped by kit/job-memo.ts); the 0.5 MB body string
 * itself is a large object, moved there too when a collection finds it alive. Record by record,
 * only the record being compared is alive, and no string is larger than a record
 * (docs/performance.md "Session 5: changed records").
 *
 * Cutting at ASCII bytes (brackets, commas, quotes, colons) never splits a UTF-8 sequence, so each
 * piece decodes to the same characters as the same bytes inside the whole body.
 */

import type { RecordTexts } from './record-texts.js';

/** Returned when the body is not cut (parse it whole). */
export const NOT_CUT: unique symbol = Symbol('not cut');

/** Bodies smaller than this are parsed whole (one JSON.parse is cheaper, and young enough). */
export const PIECES_MIN_BYTES = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The cursor over one body; `at` is the next byte to read, -1 after a failure. */
interface Cursor {
  bytes: Buffer;
  at: number;
  /** Where the objects among array elements are looked up by their text first (record-texts.ts). */
  records: RecordTexts | undefined;
}

/**
 * Parses `bytes` (UTF-8 JSON) piece by piece, or NOT_CUT: see above. With `records`, an object
 * element of an array whose text was met in an earlier answer is that answer's object.
 */
export function parseJsonPieces(bytes: Buffer, records?: RecordTexts): unknown {
  const cursor: Cursor = { bytes, at: 0, records };
  try {
    skipSpace(cursor);
    const first = bytes[cursor.at];
    let value: unknown;
    if (first === OPEN_BRACKET) value = readArray(cursor);
    else if (first === OPEN_BRACE) value = readObject(cursor);
    else return NOT_CUT;
    if (value === NOT_CUT) return NOT_CUT;
    skipSpace(cursor);
    return cursor.at === bytes.length ? value : NOT_CUT;
  } catch {
    // why: a piece JSON.parse rejects; the whole body's parse gives the real message.
    return NOT_CUT;
  }
}

/** `{ "key": value, … }` at the top: member values are pieces, arrays among them are cut into elements. */
function readObject(cursor: Cursor): unknown {
  const { bytes } = cursor;
  const out: Record<string, unknown> = {};
  cursor.at += 1;
  skipSpace(cursor);
  if (bytes[cursor.at] === CLOSE_BRACE) {
    cursor.at += 1;
    return out;
  }
  for (;;) {
    skipSpace(cursor);
    if (bytes[cursor.at] !== QUOTE) return NOT_CUT;
    const keyStart = cursor.at;
    const keyEnd = stringEnd(bytes, keyStart);
    if (keyEnd < 0) return NOT_CUT;
    const key = JSON.parse(bytes.toString('utf8', keyStart, keyEnd)) as string;
    cursor.at = keyEnd;
    skipSpace(cursor);
    if (bytes[cursor.at] !== COLON) return NOT_CUT;
    cursor.at += 1;
    skipSpace(cursor);
    const value = bytes[cursor.at] === OPEN_BRACKET ? readArray(cursor) : readPiece(cursor);
    if (value === NOT_CUT) return NOT_CUT;
    // why: JSON.parse makes "__proto__" an own property; an assignment would set the prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
    skipSpace(cursor);
    const next = bytes[cursor.at];
    cursor.at += 1;
    if (next === CLOSE_BRACE) return out;
    if (next !== COMMA) return NOT_CUT;
  }
}

/** `[ value, … ]`: each element is a piece. */
function readArray(cursor: Cursor): unknown {
  const { bytes } = cursor;
  const out: unknown[] = [];
  cursor.at += 1;
  skipSpace(cursor);
  if (bytes[cursor.at] === CLOSE_BRACKET) {
    cursor.at += 1;
    return out;
  }
  for (;;) {
    skipSpace(cursor);
    const value = readElement(cursor);
    if (value === NOT_CUT) return NOT_CUT;
    out.push(value);
    skipSpace(cursor);
    const next = bytes[cursor.at];
    cursor.at += 1;
    if (next === CLOSE_BRACKET) return out;
    if (next !== COMMA) return NOT_CUT;
  }
}

/** One value, parsed alone: its end is found by brackets and strings; JSON.parse checks the rest. */
function readPiece(cursor: Cursor): unknown {
  const text = pieceText(cursor);
  return text === undefined ? NOT_CUT : JSON.parse(text);
}

/** An array element: an object is looked up by its text in `cursor.records` first; anything else is a piece. */
function readElement(cursor: Cursor): unknown {
  const { records } = cursor;
  if (records === undefined || cursor.bytes[cursor.at] !== OPEN_BRACE) return readPiece(cursor);
  const text = pieceText(cursor);
  return text === undefined ? NOT_CUT : records.parse(text);
}

/** The text of the value at the cursor, which moves past it; undefined when its end is not found. */
function pieceText(cursor: Cursor): string | undefined {
  const { bytes } = cursor;
  const start = cursor.at;
  const end = valueEnd(bytes, start);
  if (end <= start) return undefined;
  cursor.at = end;
  return bytes.toString('utf8', start, end);
}

/** The index after the value starting at `start`, or -1. */
function valueEnd(bytes: Buffer, start: number): number {
  const first = bytes[start];
  if (first === QUOTE) return stringEnd(bytes, start);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A number or a literal: up to the next separator; JSON.parse of the piece checks it.
    let at = start;
    while (at < bytes.length && !endsScalar(bytes[at])) at++;
    return at;
  }
  let depth = 0;
  let at = start;
  while (at < bytes.length) {
    const byte = bytes[at];
    if (byte === QUOTE) {
      at = stringEnd(bytes, at);
      if (at < 0) return -1;
      continue;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return at + 1;
    }
    at++;
  }
  return -1;
}

/** The index after the closing quote of the string whose opening quote is at `start`, or -1. */
function stringEnd(bytes: Buffer, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    // why: an odd run of backslashes escapes the quote; an even one escapes itself.
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

function endsScalar(byte: number | undefined): boolean {
  return byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte);
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(cursor: Cursor): void {
  while (isSpace(cursor.bytes[cursor.at])) cursor.at++;
}
