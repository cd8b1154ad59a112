/**
 * The one sanitizer every server-controlled string passes before it reaches a terminal
 * (docs/faults.md, "Server text is sanitized"). Laying the result out in terminal cells is text-width.ts.
 *
 * What each class of character becomes:
 * - ESC / CSI / OSC / DCS / SOS / PM / APC sequences, 7-bit (`ESC [`, `ESC ]`, `ESC P`…) and 8-bit
 *   (`\x9b`, `\x9d`, `\x90`, `\x98`, `\x9e`, `\x9f`): removed with their payload (OSC 0 titles,
 *   OSC 52 clipboard writes, OSC 8 links…). A string sequence ends at BEL, ST (`ESC \` or `\x9c`),
 *   the next ESC, or the end of the text.
 * - Every other C0 control, DEL and C1 control (NUL, BEL, BS, VT, FF, lone `\r`, NEL…): removed.
 * - Tab: one space inline, four spaces in multiline text.
 * - `\n`, `\r\n`, U+2028, U+2029: `↵` inline; `\n` in multiline text.
 * - Bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069): `⇄`, so "Trojan Source"
 *   reordering cannot happen and the operator sees that something tried.
 * - Invisible characters that can make two different names look alike (U+200B zero-width space,
 *   U+2060 word joiner, U+00AD soft hyphen, U+180E, Hangul fillers U+115F/U+1160/U+3164/U+FFA0,
 *   U+034F, other format and default-ignorable characters, a run of tag characters): `⍰`.
 *   Visible rather than removed: removing would turn "pro<U+200B>d" into a perfect copy of "prod".
 * - U+FEFF: removed at the start of the text (a byte-order mark), `⍰` elsewhere.
 * - U+200D zero-width joiner: kept between emoji (👩‍💻) and, like U+200C, between letters of
 *   scripts that need joiners (Arabic, Syriac, N'Ko, Mongolian, Indic); `⍰` anywhere else.
 * - Variation selectors: one kept after a visible character (❤️), removed when standalone or
 *   repeated (repeated selectors are how data is smuggled inside an emoji).
 * - Tag characters: kept inside an emoji flag (🏴 + up to 12 tags + cancel tag), else `⍰` per run.
 * - Lone surrogates: U+FFFD `�`.
 * Everything left is printable, so whatever a parser would have done with the removed bytes, the
 * terminal never sees a control: safety does not depend on guessing where a sequence ends.
 */
import { graphemeSegmenter } from './simple-clusters.js';

/** Glyphs that stand in for what a terminal would not show honestly: each one cell, East Asian Width neutral except `…` and `�` (ambiguous: narrow unless the terminal is set to wide). */
export const PLACEHOLDERS = {
  /** U+21B5: a line break inside a one-line cell. */
  newline: '↵',
  /** U+21C4: a bidi control (Trojan Source). */
  bidi: '⇄',
  /** U+2370: an invisible character (zero-width space, soft hyphen, Hangul filler, tags...). */
  hidden: '⍰',
  /** U+FFFD: a lone surrogate. */
  invalid: '\uFFFD',
  /** U+2026: the text was cut here. */
  ellipsis: '…',
} as const;

type Mode = 'inline' | 'multiline';

const NONE = -1;
const MULTILINE_TAB = '    ';
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const PRINTABLE_ASCII_LINES = /^[\x20-\x7e\n]*$/;

const STRING_SEQUENCE = /(?:\x1b[P\]X^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/u;
const CONTROL_SEQUENCE = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?/u;
const ESCAPE_SEQUENCE = /\x1b[ -/]*[0-~]?/u;
const FLAG_TAG_SEQUENCE = /\u{1F3F4}[\u{E0020}-\u{E007E}]{1,12}\u{E007F}/u;
const TAG_RUN = /[\u{E0000}-\u{E007F}]+/u;
// why: with the u flag a surrogate range only matches surrogates that are not part of a pair.
const SUSPECT_CHARACTER = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029\uD800-\uDFFF]/u;

// why: one left-to-right scan finds everything that needs a decision; alternatives are tried in
// order, so `ESC [` is a CSI before it is a two-byte escape. Every alternative consumes at least one
// character and none can backtrack more than linearly.
const HOSTILE = new RegExp(
  [STRING_SEQUENCE, CONTROL_SEQUENCE, ESCAPE_SEQUENCE, /\r\n/u, FLAG_TAG_SEQUENCE, TAG_RUN, SUSPECT_CHARACTER]
    .map((pattern) => pattern.source)
    .join('|'),
  'gu',
);
const EMOJI = /\p{Extended_Pictographic}/u;
const JOINING_SCRIPT =
  /[\p{scx=Arab}\p{scx=Syrc}\p{scx=Nkoo}\p{scx=Mong}\p{scx=Deva}\p{scx=Beng}\p{scx=Guru}\p{scx=Gujr}\p{scx=Orya}\p{scx=Taml}\p{scx=Telu}\p{scx=Knda}\p{scx=Mlym}\p{scx=Sinh}]/u;
const LETTER = /\p{L}/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

/** One line for a table cell or header: controls and newlines made harmless, capped at `maxLength` characters. */
export function sanitizeInline(value: unknown, maxLength = 500): string {
  // why: the common case (a job name, a state) is printable ASCII: one regex test, no allocation.
  if (typeof value === 'string' && value.length <= maxLength && PRINTABLE_ASCII.test(value)) return value;
  return sanitize(value, maxLength, 'inline');
}

/** Text that may span lines (logs, results): like sanitizeInline but keeps `\n` (`\r\n` becomes `\n`); tabs become spaces. */
export function sanitizeMultiline(value: unknown, maxLength = 100_000): string {
  if (typeof value === 'string' && value.length <= maxLength && PRINTABLE_ASCII_LINES.test(value)) return value;
  return sanitize(value, maxLength, 'multiline');
}

function sanitize(value: unknown, maxLength: number, mode: Mode): string {
  const text = toText(value);
  const limit = Number.isNaN(maxLength) ? 0 : Math.max(0, Math.floor(maxLength));
  // why: a 10 MB log line must not be scanned to show 500 characters. The window leaves room for
  // removed sequences and combining marks; a sequence cut by it is unterminated and so removed to
  // the end of the window, and nothing past the window is ever shown, so the cut cannot leak.
  const scanLimit = limit * 4 + 1024;
  const inputWasCut = text.length > scanLimit;
  const head = inputWasCut ? text.slice(0, clusterStartAtOrBefore(text, scanLimit)) : text;
  return capLength(replaceHostile(head, mode), limit, inputWasCut);
}

// why: a window ending inside a cluster (half a ZWJ family, a base without its marks) would show a
// different character than the server sent: end the window where that cluster starts.
function clusterStartAtOrBefore(text: string, end: number): number {
  const cluster = graphemeSegmenter()
    .segment(text.slice(0, end + 32))
    .containing(end);
  return cluster !== undefined && cluster.index > 0
    ? cluster.index
    : end - (isHighSurrogate(text.charCodeAt(end - 1)) ? 1 : 0);
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  try {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- why: a cell shows any value the server sent, as String() spells it.
    return String(value);
  } catch {
    return ''; // why: Object.create(null) and hostile toString() throw; a cell must still render.
  }
}

function replaceHostile(text: string, mode: Mode): string {
  HOSTILE.lastIndex = 0;
  let match = HOSTILE.exec(text);
  if (match === null) return text;
  let out = '';
  let cursor = 0;
  let previous = NONE; // last code point written to `out`: context for joiners and selectors
  while (match !== null) {
    const start = match.index;
    const token = match[0];
    if (start > cursor) {
      out += text.slice(cursor, start);
      previous = codePointBefore(text, start);
    }
    cursor = start + token.length;
    const next = cursor < text.length ? (text.codePointAt(cursor) as number) : NONE;
    const replacement = replacementFor(token, mode, previous, next);
    if (replacement !== '') {
      out += replacement;
      previous = codePointBefore(replacement, replacement.length);
    }
    match = HOSTILE.exec(text);
  }
  return out + text.slice(cursor);
}

// Decisions use the previous *output* code point and the next input one (which is always kept
// unchanged when it matters), so a second pass makes the same choices: sanitizing is idempotent.
function replacementFor(token: string, mode: Mode, previous: number, next: number): string {
  const code = token.codePointAt(0) as number;
  if (code === 0x0a || (code === 0x0d && token.length === 2) || code === 0x2028 || code === 0x2029) {
    return mode === 'inline' ? PLACEHOLDERS.newline : '\n';
  }
  if (code === 0x09) return mode === 'inline' ? ' ' : MULTILINE_TAB;
  if (code < 0xa0) return ''; // escape sequences, C0, DEL, C1
  if (code >= 0xd800 && code <= 0xdfff) return PLACEHOLDERS.invalid;
  if (isBidiControl(code)) return PLACEHOLDERS.bidi;
  if (code === 0x1f3f4) return token; // an emoji flag with its tag sequence
  if (isVariationSelector(code))
    return previous !== NONE && previous !== 0x0a && !isVariationSelector(previous) ? token : '';
  if (code === 0x200d && joinsEmoji(previous, next)) return token;
  if ((code === 0x200c || code === 0x200d) && joinsScript(previous, next)) return token;
  if (code === 0xfeff && previous === NONE) return '';
  return PLACEHOLDERS.hidden;
}

function isBidiControl(code: number): boolean {
  return (
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function isVariationSelector(code: number): boolean {
  return (
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0xe0100 && code <= 0xe01ef) ||
    (code >= 0x180b && code <= 0x180d) ||
    code === 0x180f
  );
}

function joinsEmoji(previous: number, next: number): boolean {
  if (previous === NONE || next === NONE || !EMOJI.test(String.fromCodePoint(next))) return false;
  // why: U+FE0F and skin-tone modifiers end an emoji before a joiner (🏳️‍🌈, 👩🏽‍💻).
  return (
    previous === 0xfe0f || (previous >= 0x1f3fb && previous <= 0x1f3ff) || EMOJI.test(String.fromCodePoint(previous))
  );
}

function joinsScript(previous: number, next: number): boolean {
  if (previous === NONE || next === NONE) return false;
  const before = String.fromCodePoint(previous);
  const after = String.fromCodePoint(next);
  return (
    LETTER_OR_MARK.test(before) &&
    JOINING_SCRIPT.test(before) &&
    LETTER.test(after) &&
    JOINING_SCRIPT.test(after) &&
    !SUSPECT_CHARACTER.test(after)
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function codePointBefore(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  if (last >= 0xdc00 && last <= 0xdfff && end >= 2 && isHighSurrogate(text.charCodeAt(end - 2))) {
    return text.codePointAt(end - 2) as number;
  }
  return last;
}

/** At most `maxLength` code points; when cut, ends with `…` at a grapheme boundary. */
function capLength(text: string, maxLength: number, inputWasCut: boolean): string {
  if (!inputWasCut && text.length <= maxLength) return text;
  if (!inputWasCut && indexAfterCodePoints(text, maxLength) === text.length) return text;
  if (maxLength === 0) return '';
  const end = indexAfterCodePoints(text, maxLength - 1);
  return text.slice(0, withoutTrailingJoiners(text, graphemeBoundaryAtOrBefore(text, end))) + PLACEHOLDERS.ellipsis;
}

function indexAfterCodePoints(text: string, count: number): number {
  let index = 0;
  for (let seen = 0; seen < count && index < text.length; seen += 1) {
    index += isHighSurrogate(text.charCodeAt(index)) && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

function graphemeBoundaryAtOrBefore(text: string, end: number): number {
  if (end === 0 || end >= text.length) return end;
  const cluster = graphemeSegmenter().segment(text).containing(end);
  if (cluster === undefined || cluster.index === end) return end;
  // why: one giant cluster (Zalgo text, a long ZWJ chain) would leave only `…`: cut between code points.
  return cluster.index > 0 ? cluster.index : end;
}

// why: a joiner or tag means something only with what follows; left before `…` a second pass would
// turn it into `⍰`, so sanitizing would not be idempotent.
function withoutTrailingJoiners(text: string, end: number): number {
  let cut = end;
  while (cut > 0) {
    const code = codePointBefore(text, cut);
    if (code !== 0x200c && code !== 0x200d && !(code >= 0xe0000 && code <= 0xe007f)) break;
    cut -= code > 0xffff ? 2 : 1;
  }
  return cut;
}
