// The bundle's `widest-line` (6.0.0): the package itself, with the answer for a short text kept.
// why: Ink's renderNodeToOutput measures every text node of every frame with it (string-width:
// a grapheme segmenter and an emoji test per character), and with finished lines on (see
// source/terminal/finished-rows.ts) nearly every text is a six-character placeholder from a small
// recycled set, the same from frame to frame. Texts up to 32 characters keep their width (4,096
// at most, emptied when full); longer ones are measured as before. The answers are the
// package's (test/terminal/diff-writer.property.test.ts). scripts/build.mjs aliases the package here.
import packageWidestLine from '../node_modules/widest-line/index.js';

const SHORT = 32;
const LIMIT = 4096;
const widths = new Map();

/** The package's widestLine; a short text's width is kept and returned again. */
export default function widestLine(text) {
  if (text.length > SHORT) return packageWidestLine(text);
  let width = widths.get(text);
  if (width === undefined) {
    width = packageWidestLine(text);
    if (widths.size >= LIMIT) widths.clear();
    widths.set(text, width);
  }
  return width;
}
