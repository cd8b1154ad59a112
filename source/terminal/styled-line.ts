/**
 * One screen row as Ink writes it — grapheme clusters and SGR sequences — cut into tokens
 * with their cell widths and the SGR state between them, so a row can be compared with the
 * row already on screen and only the cells that differ rewritten.
 */
import { displayWidth } from '../domain/text-width.js';
import { graphemeSegmenter } from '../domain/simple-clusters.js';
import { tokenizeAnsi } from './ansi-tokens.js';
import { RecentCache } from './recent-cache.js';
import { DEFAULT_SGR, applySgr, type SgrState } from './sgr-state.js';

/** A grapheme cluster (`width` cells) or an SGR sequence (`width` 0, `sgr` its parameters). */
export interface LineToken {
  raw: string;
  width: number;
  sgr: string | null;
}

/** A parsed row. `states[i]` is the SGR state before token i (`states[tokens.length]` after the row). */
export interface StyledLine {
  tokens: LineToken[];
  states: SgrState[];
  width: number;
  /** Cell widths terminals disagree on (emoji, combining and format characters): never cut this row. */
  risky: boolean;
}

// why: terminals and string-width disagree on emoji presentation, variation selectors, joiners and
// combining marks (xterm.js counts 😀 as 1 cell, string-width as 2); cutting after one would land
// on the wrong cell, so such rows are only ever rewritten whole, after erasing the row.
const RISKY = /[\p{M}\p{Cf}\p{Emoji_Presentation}\u{1F000}-\u{1FFFF}\u{E0000}-\u{E007F}]/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Whether the cell widths of `text` are ones every terminal agrees on. */
export function hasRiskyWidth(text: string): boolean {
  return !PRINTABLE_ASCII.test(text) && RISKY.test(text);
}

// why: the row on screen was the new row of an earlier frame; parsing each row once saves half the work.
// A frame looks up its own rows and the rows on screen, so 128 rows a generation keep every row of
// frames up to 64 rows high; 1,024 rows (emptied when full) held ~2 MB of token objects for a
// frame that needs ~80 (docs/performance.md "Session 4: memory").
const parsed = new RecentCache<string, StyledLine | null>(128);

/** Parses a row of text and SGR sequences; null when it holds anything else (cursor moves, controls, links). */
export function parseStyledLine(text: string): StyledLine | null {
  let line = parsed.get(text);
  if (line === undefined) {
    line = parse(text);
    parsed.set(text, line);
  }
  return line;
}

function parse(text: string): StyledLine | null {
  const { tokens: raw, rest } = tokenizeAnsi(text);
  if (rest !== '') return null;
  const tokens: LineToken[] = [];
  const states: SgrState[] = [DEFAULT_SGR];
  let state = DEFAULT_SGR;
  let width = 0;
  for (const token of raw) {
    if (token.kind === 'csi' && token.final === 'm' && token.prefix === '') {
      state = applySgr(state, token.params);
      tokens.push({ raw: token.raw, width: 0, sgr: token.params });
      states.push(state);
    } else if (token.kind === 'text') {
      for (const cluster of clusters(token.raw)) {
        const cells = displayWidth(cluster);
        width += cells;
        tokens.push({ raw: cluster, width: cells, sgr: null });
        states.push(state);
      }
    } else {
      return null;
    }
  }
  return { tokens, states, width, risky: hasRiskyWidth(text) };
}

// Code points that join their neighbours into one grapheme cluster without being risky: Hangul jamo.
const JOINING = /[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/;

function clusters(text: string): string[] {
  if (PRINTABLE_ASCII.test(text)) return [...text];
  // why: Intl.Segmenter costs ~1 µs per character; without marks, joiners, emoji or jamo every
  // code point is its own cluster, which is what the box-drawing and symbol cells of a frame are.
  if (!hasRiskyWidth(text) && !JOINING.test(text)) return [...text];
  return Array.from(graphemeSegmenter().segment(text), (part) => part.segment);
}

/** Raw text of tokens [from, to). */
export function rawOf(line: StyledLine, from: number, to: number): string {
  let out = '';
  for (let index = from; index < to; index++) out += line.tokens[index].raw;
  return out;
}

/** Cells of tokens [from, to). */
export function widthOf(line: StyledLine, from: number, to: number): number {
  let cells = 0;
  for (let index = from; index < to; index++) cells += line.tokens[index].width;
  return cells;
}
