import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import packageWidth from 'string-width';
// @ts-expect-error -- a plain .mjs of the build (scripts/build.mjs bundles it in string-width's place)
import fastWidth from '../../scripts/string-width-fast.mjs';

// The bundle's string-width measures clusters of one code point without the package's
// \p{RGI_Emoji} regex (~100 ms of start-up); it must give the package's answer everywhere.
type Width = (text: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;
const fast = fastWidth as Width;
const OPTIONS = [{}, { ambiguousIsNarrow: false }, { countAnsiEscapeCodes: true }];

function disagreements(codePoints: Iterable<number>, optionSets = OPTIONS): string[] {
  const found: string[] = [];
  for (const codePoint of codePoints) {
    const text = String.fromCodePoint(codePoint);
    for (const options of optionSets)
      if (fast(text, options) !== packageWidth(text, options))
        found.push(`${codePoint.toString(16)} ${JSON.stringify(options)}`);
  }
  return found;
}

function* range(from: number, to: number, step = 1): Generator<number> {
  for (let codePoint = from; codePoint <= to; codePoint += step) yield codePoint;
}

describe("the bundle's string-width (scripts/string-width-fast.mjs)", () => {
  it('agrees with the package on every code point of the BMP and the emoji plane', () => {
    expect(disagreements(range(0, 0x1ffff), [{}])).toEqual([]);
  });

  it('agrees with the package with ambiguous characters counted wide, on every code point of the BMP', () => {
    expect(disagreements(range(0, 0xffff), [{ ambiguousIsNarrow: false }])).toEqual([]);
  });

  it('agrees with the package on every 13th code point of the emoji plane, with each option', () => {
    expect(disagreements(range(0x10000, 0x1ffff, 13))).toEqual([]);
  });

  it('agrees with the package across the higher planes (CJK extensions, tags, private use)', () => {
    expect(disagreements(range(0x20000, 0x10ffff, 97))).toEqual([]);
    expect(disagreements([0x2fffd, 0x30000, 0xe0001, 0xe0020, 0xe007f, 0xe0100, 0xf0000, 0x10fffd])).toEqual([]);
  });

  it.each([
    ['an emoji ZWJ sequence', '👩‍💻'],
    ['a flag (two regional indicators)', '🇩🇪'],
    ['a keycap', '1️⃣'],
    ['a skin-tone modifier sequence', '👍🏽'],
    ['a text symbol with the emoji presentation selector', '⚠️'],
    ['a letter with a combining accent', 'é'],
    ['a Hangul syllable from jamo', '각'],
    ['a Devanagari conjunct', 'क्षि'],
    ['coloured text', '\x1b[31mジョブ…\x1b[39m ▲ ok'],
    ['a lone escape and C1 CSI', 'a\x1bb\x9b'],
    ['empty text', ''],
  ])('agrees with the package on %s', (_, text) => {
    for (const options of OPTIONS) expect(fast(text, options)).toBe(packageWidth(text, options));
  });

  it('agrees with the package on random text mixing ASCII, escapes, marks, emoji and wide characters', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        ...['\x1b[1m', '\x1b[0m', '\u0301', '\u200d', '\ufe0f', '\u20e3', '🏽', '🇩', '👩', '💻', '1', '#'],
        ...['ᄀ', 'ᅡ', 'ᆨ', 'ꥠ', 'ힰ', '각', 'ｶ', 'ﾞ', 'ｰ', 'ा', 'ः', 'क', '्', 'ำ', 'ก'],
        ...['…', '─', '│', '▲', '●', '✓', 'é', 'ж', 'λ', '中', 'ア', '\t', '\u00ad', '\u2028', '\u0600'],
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom(...OPTIONS), (pieces, options) => {
        const text = pieces.join('');
        expect(fast(text, options)).toBe(packageWidth(text, options));
      }),
      { numRuns: 500 },
    );
  });
});
