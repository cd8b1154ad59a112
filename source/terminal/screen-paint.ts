/**
 * Paints a screen of rows: either the difference from what is already shown (only changed
 * rows, and in them only changed cells) or, when what is shown is unknown, everything after
 * clearing the screen. Rows are addressed absolutely from the top-left cell.
 */
import { RESET_SGR, rowUpdates, type RowUpdate } from './row-diff.js';
import { planRowMoves } from './row-moves.js';

/** A cursor position (0-based). `col` equal to the width means "after the last cell" (pending wrap); NaN means unknown. */
export interface CursorPosition {
  row: number;
  col: number;
}

/** Output and where it leaves the cursor. */
export interface Painted {
  output: string;
  cursor: CursorPosition;
}

/** The shortest sequence moving the cursor from `from` to `to` (absolute unless a shortcut is exact). */
export function moveCursor(from: CursorPosition, to: CursorPosition, columns: number): string {
  const known = Number.isFinite(from.row) && Number.isFinite(from.col);
  if (known && from.row === to.row && from.col === to.col && from.col < columns) return '';
  if (known && to.col === 0 && from.row === to.row) return '\r';
  if (known && to.col === 0 && from.row + 1 === to.row) return '\r\n';
  if (known && from.row === to.row && from.col < columns) {
    const absolute = `\x1b[${to.col + 1}G`;
    const forward = `\x1b[${to.col - from.col}C`;
    return to.col > from.col && forward.length < absolute.length ? forward : absolute;
  }
  if (to.row === 0 && to.col === 0) return '\x1b[H';
  return to.col === 0 ? `\x1b[${to.row + 1}H` : `\x1b[${to.row + 1};${to.col + 1}H`;
}

const UNKNOWN: CursorPosition = { row: NaN, col: NaN };

/**
 * Rewrites the rows of `target` that differ from `shown`, starting with the cursor at `cursor`:
 * first moving blocks of rows already on screen where that is cheaper (row-moves.ts), then
 * rewriting the cells that still differ — whichever of the two ways costs fewer bytes.
 */
export function paintDifference(
  shown: readonly string[],
  target: readonly string[],
  cursor: CursorPosition,
  columns: number,
): Painted {
  const direct = paintRows(shown, target, cursor, columns);
  if (direct.output === '') return direct;
  const moved = planRowMoves(
    shown,
    target,
    (before, after, row) => paintRow(before, after, row, UNKNOWN, columns).bytes.length,
  );
  if (moved.output === '') return direct;
  const after = paintRows(moved.rows, target, UNKNOWN, columns);
  const output = moved.output + after.output;
  return output.length < direct.output.length ? { output, cursor: after.cursor } : direct;
}

/** Rewrites, row by row, the cells of `target` that differ from `shown`. */
function paintRows(
  shown: readonly string[],
  target: readonly string[],
  cursor: CursorPosition,
  columns: number,
): Painted {
  let output = '';
  let at = cursor;
  for (let row = 0; row < target.length; row++) {
    const before = shown[row] ?? '';
    const after = target[row];
    if (before === after) continue;
    const painted = paintRow(before, after, row, at, columns);
    if (painted.bytes === '') continue;
    output += painted.bytes;
    at = painted.cursor;
  }
  return { output, cursor: at };
}

/** The cheapest bytes turning row `row` from `before` into `after`, the cursor at `at`, and where they leave it. */
function paintRow(
  before: string,
  after: string,
  row: number,
  at: CursorPosition,
  columns: number,
): { bytes: string; cursor: CursorPosition } {
  let best: { bytes: string; update: RowUpdate } | undefined;
  for (const update of rowUpdates(before, after, columns)) {
    let bytes = '';
    let from = at;
    for (const piece of update.pieces) {
      bytes += moveCursor(from, { row, col: piece.col }, columns) + piece.text;
      from = { row, col: piece.end };
    }
    if (best === undefined || bytes.length < best.bytes.length) best = { bytes, update };
  }
  if (best === undefined) return { bytes: '', cursor: at };
  return { bytes: best.bytes, cursor: best.update.endCol === null ? UNKNOWN : { row, col: best.update.endCol } };
}

/** Clears the screen and writes every row of `target` (what is shown is unknown, SGR state included). */
export function paintAll(target: readonly string[]): Painted {
  let last = target.length - 1;
  while (last >= 0 && target[last] === '') last--;
  let output = `${RESET_SGR}\x1b[H\x1b[2J`;
  for (let row = 0; row <= last; row++) {
    // why: absolute addressing per row, so a row a terminal measures wider than we do cannot shift the next.
    output += (row === 0 ? '' : `\x1b[${row + 1}H`) + target[row];
  }
  return { output, cursor: { row: NaN, col: NaN } };
}
