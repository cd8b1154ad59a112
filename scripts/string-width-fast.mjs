// The bundle's `string-width` (8.3.0, the copy Ink and source/domain/text-width.ts import): the
// package's answer, with clusters of one code point measured without its `\p{RGI_Emoji}` regex.
// why: V8 builds that regex (thousands of emoji sequences) on its first use, 70-130 ms on this
// machine, and the first frame's first non-ASCII character (a `…`, a box line) paid for it
// (docs/performance.md "Session 3: start-up"). The package sums a width per grapheme cluster; for
// a cluster of one code point that width is the East Asian Width of a printing character and 0
// otherwise — checked for every code point against the package, with both `ambiguousIsNarrow`
// settings, in test/domain/string-width-fast.test.ts. Longer clusters (emoji sequences, letters
// with marks, Hangul from jamo) are still measured by the package itself.
// scripts/build.mjs aliases the package here; tests and the unbundled sources use it unchanged.
import stripAnsi from 'strip-ansi';
import { eastAsianWidth } from 'get-east-asian-width';
import packageWidth from '../node_modules/string-width/index.js';

const segmenter = new Intl.Segmenter();
// The package's test for a printing character (its `visibleCharacterRegex`).
const visibleCharacter =
  /[^\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/v;
const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;

/** The package's width of `input` in terminal cells, with its options. */
export default function stringWidth(input, options = {}) {
  if (typeof input !== 'string' || input.length === 0) return 0;
  const { ambiguousIsNarrow = true, countAnsiEscapeCodes = false } = options;
  let string = input;
  if (!countAnsiEscapeCodes && (string.includes('\u001B') || string.includes('\u009B'))) string = stripAnsi(string);
  if (string.length === 0) return 0;
  if (PRINTABLE_ASCII.test(string)) return string.length;
  const eastAsianWidthOptions = { ambiguousAsWide: !ambiguousIsNarrow };
  const clusterOptions = { ambiguousIsNarrow, countAnsiEscapeCodes: true };
  let width = 0;
  for (const { segment } of segmenter.segment(string)) {
    const codePoint = segment.codePointAt(0);
    if (segment.length === (codePoint > 0xffff ? 2 : 1)) {
      width += visibleCharacter.test(segment) ? eastAsianWidth(codePoint, eastAsianWidthOptions) : 0;
    } else {
      width += packageWidth(segment, clusterOptions);
    }
  }
  return width;
}
