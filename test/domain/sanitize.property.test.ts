/**
 * Properties of the sanitizer and the width functions over random hostile text: thousands of
 * cases each, so they run in the full suite only (`npm run test:unit` leaves `*.property.test.ts`
 * out); the examples are in sanitize.test.ts.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { PLACEHOLDERS, sanitizeInline, sanitizeMultiline } from '../../source/domain/sanitize.js';
import { displayWidth, fitToWidth, truncateToWidth } from '../../source/domain/text-width.js';

const { ellipsis: ELLIPSIS } = PLACEHOLDERS;

const FORBIDDEN_INLINE =
  /[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u00ad\u180e\u2028\u2029\u115f\u1160\u3164\uffa0\ufeff\uD800-\uDFFF]/u;
const FORBIDDEN_MULTILINE =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u00ad\u180e\u2028\u2029\u115f\u1160\u3164\uffa0\ufeff\uD800-\uDFFF]/u;

const codePoints = (text: string) => [...text].length;

const RUNS = 3000;

// Fragments a hostile job server would send, mixed with ordinary text.
const hostileFragment = fc.oneof(
  fc.constantFrom(
    '\x1b]0;pwned\x07',
    '\x1b]52;c;ZXZpbA==\x1b\\',
    '\x1b]8;;http://evil\x1b\\',
    '\x1b]',
    '\x1b[2J',
    '\x1b[10;10H',
    '\x1b[31m',
    '\x1b[?1049l',
    '\x1bP1$r\x1b\\',
    '\x1bX',
    '\x1b_',
    '\x1b^',
    '\x9b2J',
    '\x9d0;t\x9c',
    '\x90q\x9c',
    '\x9b',
    '\x9c',
    '\x1b',
    '\x1b[',
    '\x1b(',
    '\x07',
    '\b',
    '\r',
    '\r\n',
    '\n',
    '\t',
    '\0',
    '\x7f',
    '\x85',
    '\u202e',
    '\u2066',
    '\u2069',
    '\u200e',
    '\u061c',
    '\u200b',
    '\u200c',
    '\u200d',
    '\u2060',
    '\ufeff',
    '\u00ad',
    '\u180e',
    '\u2028',
    '\u2029',
    '\ufe0f',
    '\ufe0e',
    '\u{e0100}',
    '\u115f',
    '\u1160',
    '\u3164',
    '\uffa0',
    '\u{e0041}',
    '\u{e007f}',
    '\u{1f3f4}',
    '\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}',
    '\ud800',
    '\udc00',
    '中',
    '文字',
    '😀',
    '👩‍💻',
    '🏳️‍🌈',
    '\u{1f3fb}',
    '\u0301',
    'e\u0301',
    '\u0d4e',
    '\u0e33',
    '\u0600',
    'ب',
    'क्',
    '\u1100\u1161',
    '\uff9e',
    '🇫🇷',
    '\u{1f1e6}',
    '…',
    '↵',
    '⍰',
    ' ',
    'job-42',
  ),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
);
const hostileText = fc.array(hostileFragment, { maxLength: 24 }).map((parts) => parts.join(''));
const printableAscii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 120,
});
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  hostileText,
);

describe('sanitize properties', () => {
  it('inline output holds no control, bidi or misleading invisible character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(sanitizeInline(text)).not.toMatch(FORBIDDEN_INLINE);
      }),
      { numRuns: RUNS },
    );
  });
  it('multiline output holds none of them either, except \\n', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(sanitizeMultiline(text)).not.toMatch(FORBIDDEN_MULTILINE);
      }),
      { numRuns: RUNS },
    );
  });
  it('is idempotent, also when cutting', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 60 }), (text, maxLength) => {
        const inline = sanitizeInline(text, maxLength);
        expect(sanitizeInline(inline, maxLength)).toBe(inline);
        const multiline = sanitizeMultiline(text, maxLength);
        expect(sanitizeMultiline(multiline, maxLength)).toBe(multiline);
        expect(sanitizeInline(sanitizeInline(text))).toBe(sanitizeInline(text));
      }),
      { numRuns: RUNS },
    );
  });
  it('never returns more than maxLength characters', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 60 }), (text, maxLength) => {
        expect(codePoints(sanitizeInline(text, maxLength))).toBeLessThanOrEqual(maxLength);
        expect(codePoints(sanitizeMultiline(text, maxLength))).toBeLessThanOrEqual(maxLength);
      }),
      { numRuns: RUNS },
    );
  });
  it('passes plain printable ASCII through unchanged', () => {
    fc.assert(
      fc.property(printableAscii, (text) => {
        expect(sanitizeInline(text)).toBe(text);
        expect(sanitizeMultiline(text)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });
  it('passes printable ASCII lines through sanitizeMultiline unchanged', () => {
    fc.assert(
      fc.property(fc.array(printableAscii), (lines) => {
        const text = lines.join('\n');
        expect(sanitizeMultiline(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('width properties', () => {
  const widthArbitrary = fc.integer({ min: 0, max: 120 });
  it('fitToWidth returns exactly the width asked for', () => {
    fc.assert(
      fc.property(
        anyText,
        widthArbitrary,
        fc.constantFrom('left' as const, 'right' as const),
        (text, width, alignment) => {
          expect(displayWidth(fitToWidth(text, width, alignment))).toBe(width);
        },
      ),
      { numRuns: RUNS },
    );
  });
  it('fitToWidth of sanitized text holds no control character', () => {
    fc.assert(
      fc.property(anyText, widthArbitrary, (text, width) => {
        expect(fitToWidth(sanitizeInline(text), width)).not.toMatch(FORBIDDEN_INLINE);
      }),
      { numRuns: RUNS },
    );
  });
  it('truncateToWidth never exceeds the width and keeps text that fits', () => {
    fc.assert(
      fc.property(anyText, widthArbitrary, (text, width) => {
        const cut = truncateToWidth(text, width);
        expect(displayWidth(cut)).toBeLessThanOrEqual(width);
        if (width === 0) expect(cut).toBe('');
        else if (displayWidth(text) <= width) expect(cut).toBe(text);
        else expect(cut.endsWith(ELLIPSIS)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
  it('displayWidth of sanitized text agrees with string-width, which Ink uses for layout', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const clean = sanitizeMultiline(text);
        expect(displayWidth(clean)).toBe(stringWidth(clean));
      }),
      { numRuns: RUNS },
    );
  });
});
