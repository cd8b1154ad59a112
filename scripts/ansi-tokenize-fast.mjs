// The bundle's `@alcalzone/ansi-tokenize` (0.2.5): the package itself, with a `styledCharsToString`
// that skips the style diff between neighbouring characters whose styles are the same codes.
// why: Ink's Output.get serialises every cell of every frame through it, and the package diffs
// each pair of cells with three new Sets — most of a frame's cost at 120×40, nearly all of it
// between blank or same-styled cells, where the diff is empty anyway (diffAnsiCodes(x, x) = []).
// The output is byte for byte the package's (test/terminal/diff-writer.property.test.ts).
// scripts/build.mjs aliases the package here; tests and the unbundled sources use it unchanged.
import { ansiCodesToString, diffAnsiCodes } from '../node_modules/@alcalzone/ansi-tokenize/build/index.js';

export * from '../node_modules/@alcalzone/ansi-tokenize/build/index.js';

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
