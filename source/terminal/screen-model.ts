/**
 * A row-level model of the screen the terminal would show if it received Ink's output as is:
 * each row is the exact text written on it, plus the cursor and SGR state. It follows the
 * subset of control sequences Ink's renderer uses (eraseLines, clearTerminal, cursor moves,
 * text with SGR colours and newlines) and refuses everything else, so the caller can fall
 * back to passing the output through and repainting.
 */
import { displayWidth } from '../domain/text-width.js';
import type { AnsiToken } from './ansi-tokens.js';
import { DEFAULT_SGR, applySgr, isDefaultSgr, sgrSequence, type SgrState } from './sgr-state.js';
import { hasRiskyWidth, parseStyledLine, rawOf } from './styled-line.js';

/** The modelled screen. `col` equal to `columns` means the last cell was written (pending wrap). */
export interface ScreenState {
  rows: string[];
  columns: number;
  row: number;
  col: number;
  sgr: SgrState;
}

/** A blank screen with the cursor top left. */
export function blankScreen(columns: number, rowCount: number): ScreenState {
  return {
    rows: Array.from({ length: Math.max(1, rowCount) }, () => ''),
    columns: Math.max(1, columns),
    row: 0,
    col: 0,
    sgr: DEFAULT_SGR,
  };
}

/** A copy that can be changed without touching `state`. */
export function copyScreen(state: ScreenState): ScreenState {
  return { ...state, rows: [...state.rows] };
}

/** Thrown when the output does something the model does not follow. */
export class NotModelled extends Error {}

/** Applies one non-text, non-SGR, non-mode token to `state` (text goes through `writeRow`). */
export function applyControl(state: ScreenState, token: AnsiToken): void {
  if (token.kind === 'control' && token.raw === '\n') return lineFeed(state);
  if (token.kind === 'control' && token.raw === '\r') return void (state.col = 0);
  if (token.kind !== 'csi' || token.prefix !== '') throw new NotModelled(token.raw);
  const count = Math.max(1, Number.parseInt(token.params || '1', 10) || 1);
  const last = state.rows.length - 1;
  const clampCol = (col: number) => Math.min(Math.max(0, col), state.columns - 1);
  switch (token.final) {
    case 'A':
      state.row = Math.max(0, state.row - count);
      state.col = clampCol(state.col);
      return;
    case 'B':
      state.row = Math.min(last, state.row + count);
      state.col = clampCol(state.col);
      return;
    case 'C':
      state.col = clampCol(state.col + count);
      return;
    case 'D':
      state.col = clampCol(state.col - count);
      return;
    case 'E':
      state.row = Math.min(last, state.row + count);
      state.col = 0;
      return;
    case 'F':
      state.row = Math.max(0, state.row - count);
      state.col = 0;
      return;
    case 'G':
      state.col = clampCol(count - 1);
      return;
    case 'H':
    case 'f': {
      const [row, col] = token.params.split(';').map((part) => Math.max(1, Number.parseInt(part || '1', 10) || 1));
      state.row = Math.min(last, row - 1);
      state.col = clampCol((col ?? 1) - 1);
      return;
    }
    case 'K':
      return eraseInRow(state, token.params);
    case 'J':
      return eraseInScreen(state, token.params);
    default:
      throw new NotModelled(token.raw);
  }
}

function lineFeed(state: ScreenState): void {
  // why: the tty driver's ONLCR (kept on in raw mode by libuv) turns "\n" into "\r\n".
  state.col = 0;
  if (state.row < state.rows.length - 1) state.row += 1;
  else {
    state.rows.shift();
    state.rows.push('');
  }
}

function requireDefaultSgr(state: ScreenState): void {
  // why: erasing paints the current background colour; only the default one is modelled.
  if (!isDefaultSgr(state.sgr)) throw new NotModelled('erase with attributes set');
}

function eraseInRow(state: ScreenState, params: string): void {
  requireDefaultSgr(state);
  if (params === '2' || ((params === '' || params === '0') && state.col === 0)) state.rows[state.row] = '';
  else if (params === '' || params === '0') eraseRowTail(state);
  else throw new NotModelled(`erase ${params}`);
}

function eraseRowTail(state: ScreenState): void {
  const content = state.rows[state.row];
  if (state.col >= state.columns || hasRiskyWidth(content) || rowWidth(content) > state.col)
    throw new NotModelled('erase inside a row');
}

function eraseInScreen(state: ScreenState, params: string): void {
  requireDefaultSgr(state);
  if (params === '3') return; // scrollback only; the alternate screen has none
  if (params === '2') return void state.rows.fill('');
  if (params !== '' && params !== '0') throw new NotModelled(`erase ${params}`);
  for (let row = state.row + 1; row < state.rows.length; row++) state.rows[row] = '';
  eraseInRow(state, '');
}

/** Applies an SGR sequence. */
export function applySgrToken(state: ScreenState, params: string): void {
  state.sgr = applySgr(state.sgr, params);
}

/** Cells `text` (text and SGR only) occupies. */
export function rowWidth(text: string): number {
  return displayWidth(text.replace(/\x1b\[[\d;:]*m/g, ''));
}

/**
 * Writes one row segment — text and SGR sequences from column 0, starting and ending in the
 * default SGR state — over the current row; a longer row keeps its later cells. Anything that
 * would wrap, cut a wide cell, involve cells terminals measure differently, or leave attributes
 * set across rows is refused.
 */
export function writeRow(state: ScreenState, segment: string, cells: number, startSgr: SgrState): void {
  if (!isDefaultSgr(startSgr) || !isDefaultSgr(state.sgr)) throw new NotModelled('attributes across rows');
  if (state.col !== 0) throw new NotModelled('text in the middle of a row');
  if (cells > state.columns) throw new NotModelled('row wider than the screen');
  if (cells === 0) return;
  const under = state.rows[state.row];
  if (under !== '' && (hasRiskyWidth(under) || hasRiskyWidth(segment))) throw new NotModelled('text over a risky row');
  // why: text over a longer row leaves the row's later cells as they were (a frame written over
  // rows that output between frames moved it to): the row becomes the new text plus that tail.
  const tail = under !== '' && rowWidth(under) > cells ? rowTail(under, cells) : '';
  if (tail === null) throw new NotModelled('text over a longer row');
  state.rows[state.row] = segment + tail;
  state.col = cells;
}

/** The cells of `row` from column `from` on, with the SGR state they are drawn in; null when a cell straddles `from`. */
function rowTail(row: string, from: number): string | null {
  const line = parseStyledLine(row);
  if (line === null) return null;
  let col = 0;
  for (let index = 0; index < line.tokens.length; index++) {
    if (col === from) return sgrSequence(line.states[index]) + rawOf(line, index, line.tokens.length);
    col += line.tokens[index].width;
    if (col > from) return null;
  }
  return null;
}
