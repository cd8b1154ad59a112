/**
 * Hard wrapping of already-sanitized text to a width in display cells, with an ASCII fast
 * path: logs and raw JSON can be megabytes and measuring every character would freeze the UI.
 */
import { displayWidth } from '../../domain/text-width.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Splits one line into pieces of at most `width` cells (at least one piece, possibly empty). */
export function wrapLine(line: string, width: number, maxPieces = Number.POSITIVE_INFINITY): string[] {
  const cells = Math.max(1, width);
  if (PRINTABLE_ASCII.test(line)) {
    if (line.length <= cells) return [line];
    const pieces: string[] = [];
    for (let start = 0; start < line.length && pieces.length < maxPieces; start += cells)
      pieces.push(line.slice(start, start + cells));
    return pieces;
  }
  const pieces: string[] = [];
  let current = '';
  let used = 0;
  for (const char of line) {
    const charWidth = displayWidth(char);
    if (used + charWidth > cells && current !== '') {
      pieces.push(current);
      if (pieces.length >= maxPieces) return pieces;
      current = '';
      used = 0;
    }
    current += char;
    used += charWidth;
  }
  pieces.push(current);
  return pieces;
}

/** Wraps multi-line text: every `\n`-separated line, then each piece at most `width` cells. */
export function wrapText(text: string, width: number, maxPieces = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    for (const piece of wrapLine(line, width, maxPieces - out.length)) out.push(piece);
    if (out.length >= maxPieces) break;
  }
  return out;
}

/** Wraps prose at spaces to at most `width` cells per line; a word longer than a line is hard-wrapped. */
export function wordWrap(text: string, width: number): string[] {
  const cells = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current = '';
    for (const word of paragraph.split(' ')) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (displayWidth(candidate) <= cells) {
        current = candidate;
        continue;
      }
      if (current !== '') out.push(current);
      const pieces = wrapLine(word, cells);
      current = pieces.pop() ?? '';
      out.push(...pieces);
    }
    out.push(current);
  }
  return out;
}
