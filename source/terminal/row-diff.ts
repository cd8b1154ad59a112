/**
 * The bytes that turn one screen row into another. Both rows are laid out as cells (grapheme,
 * SGR state); only the spans of cells that differ are rewritten — a progress cell "66%" → "67%"
 * costs a cursor move and one character, five "0s ago" → "1s ago" cells cost five short spans —
 * with the SGR state re-established at each span and reset after it. Rows whose cell widths
 * terminals disagree on are erased and rewritten whole.
 */
import { DEFAULT_SGR, sgrSequence, sgrTransition, type SgrState } from './sgr-state.js';
import { parseStyledLine, type StyledLine } from './styled-line.js';

/** Erase from the cursor to the end of the row. */
export const ERASE_TO_END = '\x1b[K';
/** Erase the whole row. */
export const ERASE_ROW = '\x1b[2K';
/** Reset all SGR attributes. */
export const RESET_SGR = '\x1b[m';

/** Text to write with the cursor at `col` of the row; `end` is the column the cursor ends in. */
export interface RowPiece {
  col: number;
  text: string;
  end: number;
}

/** One way to update a row: pieces in order, and the column the cursor ends in (null: unknown). */
export interface RowUpdate {
  pieces: RowPiece[];
  endCol: number | null;
}

// why: writing up to this many unchanged cells is cheaper than a cursor move plus SGR re-establishment.
const MERGE_GAP = 6;

/**
 * Ways to change a row showing `old` into `next` on a screen `columns` wide: rewriting it from
 * column 0, and rewriting only the spans of cells that differ. The caller picks the cheapest
 * once it knows what the cursor moves cost. Both rows start and end in the default SGR state.
 */
export function rowUpdates(old: string, next: string, columns: number): RowUpdate[] {
  if (next === '') return [{ pieces: [{ col: 0, text: ERASE_TO_END, end: 0 }], endCol: 0 }];
  const before = parseStyledLine(old);
  const after = parseStyledLine(next);
  if (!before || !after || before.risky || after.risky) {
    return [{ pieces: [{ col: 0, text: (old === '' ? '' : ERASE_ROW) + next, end: NaN }], endCol: null }];
  }
  const endCol = Math.min(after.width, columns);
  const whole = {
    pieces: [{ col: 0, text: wholeRow(after, next) + (after.width < before.width ? ERASE_TO_END : ''), end: endCol }],
    endCol,
  };
  const spans = changedSpans(before, after, columns);
  return spans ? [whole, spans] : [whole];
}

/**
 * A row as cells: per column the grapheme's token index (-1 for the right half of a wide
 * character), its text and its SGR state's id (cells are equal when both are).
 */
interface Cells {
  token: number[];
  text: string[];
  style: number[];
}

const stateIds = new WeakMap<SgrState, number>();
const idsBySequence = new Map<string, number>();
let nextStyleId = 1;

/** A number per distinct SGR state (0 for the default state); an id is never given to two different states. */
function styleId(state: SgrState): number {
  let id = stateIds.get(state);
  if (id === undefined) {
    const sequence = sgrSequence(state);
    id = sequence === '' ? 0 : idsBySequence.get(sequence);
    if (id === undefined) {
      // why: bounded memory; forgetting a sequence only costs a rewrite, since ids keep counting up.
      if (idsBySequence.size >= 4096) idsBySequence.clear();
      idsBySequence.set(sequence, (id = nextStyleId++));
    }
    stateIds.set(state, id);
  }
  return id;
}

// why: the row on screen was laid out when it was the new row; lay out each parsed row once.
const layouts = new WeakMap<StyledLine, Cells | null>();

function layOut(line: StyledLine): Cells | null {
  let cells = layouts.get(line);
  if (cells === undefined) layouts.set(line, (cells = computeLayout(line)));
  return cells;
}

function computeLayout(line: StyledLine): Cells | null {
  const cells: Cells = { token: [], text: [], style: [] };
  for (let index = 0; index < line.tokens.length; index++) {
    const token = line.tokens[index];
    if (token.sgr !== null) continue;
    if (token.width < 1 || token.width > 2) return null;
    const state = line.states[index];
    if (state.unknown) return null;
    const style = styleId(state);
    cells.token.push(index);
    cells.text.push(token.raw);
    cells.style.push(style);
    if (token.width === 2) {
      cells.token.push(-1);
      cells.text.push('');
      cells.style.push(style);
    }
  }
  return cells;
}

/** Whether column `col` shows the same in both rows (past a row's end is a blank default cell). */
function sameCell(old: Cells, next: Cells, col: number): boolean {
  return (
    (old.text[col] ?? ' ') === (next.text[col] ?? ' ') &&
    (old.style[col] ?? 0) === (next.style[col] ?? 0) &&
    (old.token[col] === -1) === (next.token[col] === -1)
  );
}

function changedSpans(before: StyledLine, after: StyledLine, columns: number): RowUpdate | null {
  const old = layOut(before);
  const next = layOut(after);
  if (!old || !next) return null;
  const width = Math.max(old.token.length, next.token.length);
  const spans: [number, number][] = [];
  for (let col = 0; col < width; col++) {
    if (sameCell(old, next, col)) continue;
    let start = col;
    let end = col + 1;
    // A span never splits a wide character, in either row.
    while (start > 0 && (old.token[start] === -1 || next.token[start] === -1)) start--;
    while (end < width && (old.token[end] === -1 || next.token[end] === -1)) end++;
    const previous = spans.at(-1);
    if (previous && start - previous[1] <= MERGE_GAP) previous[1] = Math.max(previous[1], end);
    else spans.push([start, end]);
    col = end - 1;
  }
  const pieces: RowPiece[] = [];
  let endCol = 0;
  for (const [start, end] of spans) {
    // Cells past the new row's end become blank: erase to the end (what lies beyond is blank already).
    const piece = spanPiece(after, next, start, Math.min(end, next.token.length), end > next.token.length);
    if (piece === null) return null;
    pieces.push(piece.piece);
    endCol = piece.endCol;
  }
  return { pieces, endCol: Math.min(endCol, columns) };
}

/** The text rewriting cells [start, end) of the new row, erasing to the end of the row when it got shorter. */
function spanPiece(
  line: StyledLine,
  cells: Cells,
  start: number,
  end: number,
  eraseAfter: boolean,
): { piece: RowPiece; endCol: number } | null {
  if (start >= end) return { piece: { col: start, text: ERASE_TO_END, end: start }, endCol: start };
  const first = cells.token[start];
  let last = cells.token[end - 1];
  if (last === -1) last = cells.token[end - 2];
  if (line.states[last + 1].unknown) return null;
  const text = encodeCells(line, first, last) + (eraseAfter ? ERASE_TO_END : '');
  return { piece: { col: start, text, end }, endCol: end };
}

/**
 * Tokens [first, last] of a row as text with the fewest SGR bytes: each grapheme drawn in its
 * state, reached by the shortest transition from the state before (sgrTransition), starting
 * and ending in the default state.
 */
function encodeCells(line: StyledLine, first: number, last: number): string {
  let text = '';
  let state: SgrState = DEFAULT_SGR;
  for (let index = first; index <= last; index++) {
    const token = line.tokens[index];
    if (token.sgr !== null) continue;
    const wanted = line.states[index];
    if (wanted !== state) {
      text += sgrTransition(state, wanted);
      state = wanted;
    }
    text += token.raw;
  }
  return text + sgrTransition(state, DEFAULT_SGR);
}

// why: a row is written whole against every row it is compared with (row moves try several); encode it once.
const wholeRows = new WeakMap<StyledLine, string>();

/** A row written whole from column 0: re-encoded with the fewest SGR bytes when its cells are laid out, else as Ink wrote it. */
function wholeRow(line: StyledLine, raw: string): string {
  let text = wholeRows.get(line);
  if (text === undefined) {
    text = layOut(line) === null ? raw : encodeCells(line, 0, line.tokens.length - 1);
    wholeRows.set(line, text);
  }
  return text;
}
