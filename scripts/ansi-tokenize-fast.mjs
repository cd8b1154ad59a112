// The bundle's `@alcalzone/ansi-tokenize` (0.2.5): the package itself, with a `styledCharsToString`
// that skips the style diff between neighbouring characters whose styles are the same codes.
// why: Ink's Output.get serialises every cell of every frame through it, and the package diffs
// each pair of cells with three new Sets — most of a frame's cost at 120×40, nearly all of it
// between blank or same-styled cells, where the diff is empty anyway (diffAnsiCodes(x, x) = []).
// The output is byte for byte the package's (test/terminal/diff-writer.property.test.ts).
// Its styled characters are built as literals that share one V8 map (styledCharsFromTokens below;
// test/memory/one-shape.test.ts).
// scripts/build.mjs aliases the package here; tests and the unbundled sources use it unchanged.
import {
  ansiCodesToString,
  diffAnsiCodes,
  reduceAnsiCodesIncremental,
  tokenize as packageTokenize,
} from '../node_modules/@alcalzone/ansi-tokenize/build/index.js';

export * from '../node_modules/@alcalzone/ansi-tokenize/build/index.js';

// why: Ink's Output.get tokenises every line of every frame (a grapheme segmenter per line) and
// builds its styled characters again, though from one frame to the next nearly every line is the
// same string. With the diff writer on, most lines Ink sees are finished-line placeholders of a
// few characters; short lines keep their tokens and styled characters (neither Ink nor jobtop
// changes them after they are made), so an unchanged placeholder costs a lookup. Long lines are
// not kept (memory), and the cache is emptied when full.
const SHORT = 32;
const LIMIT = 4096;
const tokensByLine = new Map();
const styledByTokens = new WeakMap();

/** The package's tokenize; the tokens of a short line are kept and returned again for the same line. */
export function tokenize(text, endChar) {
  if (endChar !== undefined || text.length > SHORT) return packageTokenize(text, endChar);
  let tokens = tokensByLine.get(text);
  if (tokens === undefined) {
    tokens = packageTokenize(text);
    if (tokensByLine.size >= LIMIT) tokensByLine.clear();
    tokensByLine.set(text, tokens);
  }
  return tokens;
}

/**
 * The package's styledCharsFromTokens with each character built as one literal: the package's
 * `{ ...token, styles: [...codes] }` gives, on Node 20's V8, every character a map of its own
 * (a spread followed by a property, at a site that has gone megamorphic), so the code reading them
 * is deoptimised and compiled again as those maps die (docs/performance.md "Session 6:
 * steady-state compiling"). A char token is `{ type, value, fullWidth }` (the package's tokenize),
 * so the characters are equal to the package's, field for field and in the same order.
 */
function buildStyledChars(tokens) {
  let codes = [];
  const ret = [];
  for (const token of tokens) {
    if (token.type === 'ansi') codes = reduceAnsiCodesIncremental(codes, [token]);
    else if (token.type === 'char')
      ret.push({ type: token.type, value: token.value, fullWidth: token.fullWidth, styles: [...codes] });
  }
  return ret;
}

/** styledCharsFromTokens (above); kept for tokens kept by tokenize (the same array gives the same characters). */
export function styledCharsFromTokens(tokens) {
  if (tokens.length > SHORT) return buildStyledChars(tokens);
  let styled = styledByTokens.get(tokens);
  if (styled === undefined) {
    styled = buildStyledChars(tokens);
    styledByTokens.set(tokens, styled);
  }
  return styled;
}

function sameCodes(a, b) {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** The package's styledCharsToString, byte for byte, without diffing equal neighbours. */
export function styledCharsToString(chars) {
  let ret = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (i === 0) {
      ret += ansiCodesToString(char.styles);
    } else {
      const previous = chars[i - 1].styles;
      if (!sameCodes(previous, char.styles)) ret += ansiCodesToString(diffAnsiCodes(previous, char.styles));
    }
    ret += char.value;
    if (i === chars.length - 1) {
      ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
    }
  }
  return ret;
}
