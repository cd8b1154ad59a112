// The bundle's `string-width` (8.3.0, the copy Ink and source/domain/text-width.ts import): the
// package's own rules, ported (MIT, Sindre Sorhus), with nothing built when the module loads.
// why: the package builds its `\p{RGI_Emoji}` regex (thousands of emoji sequences) when it loads
// and again when first used, 15-18 ms and 70-130 ms on this machine, and its Intl.Segmenter is the
// process's first Intl object, 15-55 ms of ICU data; the first frame measured a `…` or a box line
// and paid for all of it (docs/performance.md "Session 3: start-up"). Here:
// - text whose every character is its own cluster (source/domain/simple-clusters.ts) is measured
//   character by character, without a segmenter;
// - a cluster of one code point is the East Asian Width of a printing character, 0 otherwise (the
//   package's answer for every code point, tested);
// - longer clusters follow the package's rules below, their regexes built on first use.
// test/domain/string-width-fast.test.ts compares it with the package on every code point of the
// BMP and the emoji plane and on random text. scripts/build.mjs puts it in the package's place.
import stripAnsi from 'strip-ansi';
import { eastAsianWidth } from 'get-east-asian-width';
import { graphemeSegmenter, hasOneCharacterClusters } from '../source/domain/simple-clusters.ts';

const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;
// The package's test for a printing character (its `visibleCharacterRegex`).
const visibleCharacter =
  /[^\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/v;

/** A regex built on first use. */
function later(build) {
  let regex;
  return () => (regex ??= build());
}
const spacingMark = later(() => /\p{Spacing_Mark}/v);
const rgiEmoji = later(() => /^\p{RGI_Emoji}$/v);
const unqualifiedKeycap = /^[\d#*]\u20E3$/;
const extendedPictographic = later(() => /\p{Extended_Pictographic}/gu);

function isDoubleWidthNonRgiEmojiSequence(segment) {
  if (segment.length > 50) return false;
  if (unqualifiedKeycap.test(segment)) return true;
  if (segment.includes('\u200D')) {
    const pictographics = segment.match(extendedPictographic());
    return pictographics !== null && pictographics.length >= 2;
  }
  return false;
}

function baseVisible(segment) {
  const index = segment.search(visibleCharacter);
  return index === -1 ? undefined : segment.slice(index);
}

const isHangulLeadingJamo = (codePoint) =>
  (codePoint >= 0x1100 && codePoint <= 0x115f) || (codePoint >= 0xa960 && codePoint <= 0xa97c);
const isHangulVowelJamo = (codePoint) =>
  (codePoint >= 0x1160 && codePoint <= 0x11a7) || (codePoint >= 0xd7b0 && codePoint <= 0xd7c6);
const isHangulTrailingJamo = (codePoint) =>
  (codePoint >= 0x11a8 && codePoint <= 0x11ff) || (codePoint >= 0xd7cb && codePoint <= 0xd7fb);
const isHangulJamo = (codePoint) =>
  isHangulLeadingJamo(codePoint) || isHangulVowelJamo(codePoint) || isHangulTrailingJamo(codePoint);

function hangulClusterWidth(visibleSegment, eastAsianWidthOptions) {
  const codePoints = [];
  for (const character of visibleSegment) {
    if (visibleCharacter.test(character)) codePoints.push(character.codePointAt(0));
  }
  if (codePoints.length === 0) return undefined;
  let width = 0;
  for (let index = 0; index < codePoints.length; index++) {
    const codePoint = codePoints[index];
    if (!isHangulJamo(codePoint)) {
      if (width === 0) return undefined;
      for (let remaining = index; remaining < codePoints.length; remaining++) {
        width += eastAsianWidth(codePoints[remaining], eastAsianWidthOptions);
      }
      return width;
    }
    if (isHangulLeadingJamo(codePoint) && isHangulVowelJamo(codePoints[index + 1])) {
      width += 2;
      index += isHangulTrailingJamo(codePoints[index + 2]) ? 2 : 1;
      continue;
    }
    width += eastAsianWidth(codePoint, eastAsianWidthOptions);
  }
  return width;
}

function trailingWidth(visibleSegment, eastAsianWidthOptions) {
  let extra = 0;
  let first = true;
  for (const character of visibleSegment) {
    if (first) {
      first = false;
      continue;
    }
    if (spacingMark().test(character) || (character >= '\uFF00' && character <= '\uFFEF')) {
      extra += eastAsianWidth(character.codePointAt(0), eastAsianWidthOptions);
    }
  }
  return extra;
}

/** One grapheme cluster's cells, by the package's rules. */
function clusterWidth(segment, eastAsianWidthOptions) {
  const codePoint = segment.codePointAt(0);
  if (segment.length === (codePoint > 0xffff ? 2 : 1)) {
    return visibleCharacter.test(segment) ? eastAsianWidth(codePoint, eastAsianWidthOptions) : 0;
  }
  const visibleSegment = baseVisible(segment);
  if (visibleSegment === undefined) return 0;
  if (rgiEmoji().test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) return 2;
  const hangulWidth = hangulClusterWidth(visibleSegment, eastAsianWidthOptions);
  if (hangulWidth !== undefined) return hangulWidth;
  return (
    eastAsianWidth(visibleSegment.codePointAt(0), eastAsianWidthOptions) +
    trailingWidth(visibleSegment, eastAsianWidthOptions)
  );
}

/** The package's width of `input` in terminal cells, with its options. */
export default function stringWidth(input, options = {}) {
  if (typeof input !== 'string' || input.length === 0) return 0;
  const { ambiguousIsNarrow = true, countAnsiEscapeCodes = false } = options;
  let string = input;
  if (!countAnsiEscapeCodes && (string.includes('\u001B') || string.includes('\u009B'))) string = stripAnsi(string);
  if (string.length === 0) return 0;
  if (PRINTABLE_ASCII.test(string)) return string.length;
  const eastAsianWidthOptions = { ambiguousAsWide: !ambiguousIsNarrow };
  let width = 0;
  if (hasOneCharacterClusters(string)) {
    for (const character of string) width += clusterWidth(character, eastAsianWidthOptions);
    return width;
  }
  for (const { segment } of graphemeSegmenter().segment(string)) width += clusterWidth(segment, eastAsianWidthOptions);
  return width;
}
