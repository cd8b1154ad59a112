/**
 * Moving rows that are already on screen instead of rewriting them, as curses does.
 *
 * why: when a job arrives or changes place in the sorted list, every row below it shows the
 * row that was above (or below) it before; rewritten cell by cell that is most of a poll
 * round's bytes (docs/performance.md "Session 5: bytes on the wire"). Deleting lines (`CSI n M`)
 * pulls the rows below up and inserting lines (`CSI n L`) pushes them down, so a block of rows
 * moves by `n` with two such operations — one to make room, one to put the rows beneath back —
 * at about 16 bytes, whatever the block's size. Both are VT102 sequences every terminal jobtop
 * targets implements (xterm, tmux, screen, the Linux console); no scroll region is set, so
 * nothing is left behind if the process dies halfway. The blank lines they bring in take the
 * current background colour; the writer's SGR state is the default one between rows.
 */

/** A block move: old rows [from, from + count) are shown at [to, to + count) afterwards. */
export interface RowMove {
  from: number;
  to: number;
  count: number;
}

/** The bytes that move a block, and the rows shown after it. */
export interface MovedRows {
  output: string;
  rows: string[];
}

/** Bytes to rewrite one row (`before` shown, `after` wanted) at row `row`, the cursor elsewhere. */
export type RowCost = (before: string, after: string, row: number) => number;

// why: each round of planning looks at every offset some changed row votes for; a frame moving more
// blocks than this is a new screen (a scrolled list, another view) and is rewritten as before.
const MAX_MOVES = 4;
const MAX_OFFSETS = 6;

const cursorTo = (row: number) => (row === 0 ? '\x1b[H' : `\x1b[${row + 1}H`);
const lines = (count: number, final: 'L' | 'M') => (count === 1 ? `\x1b[${final}` : `\x1b[${count}${final}`);

/** The sequence performing `move` on a screen of `height` rows, and the rows it leaves shown. */
export function applyMove(shown: readonly string[], move: RowMove, height: number): MovedRows {
  const { from, to, count } = move;
  const rows = [...shown];
  const offset = to - from;
  let output = '';
  if (offset > 0) {
    // Down: delete the rows the block will cover below it (unless it ends at the bottom), then insert above it.
    const end = to + count;
    if (end < height) output += cursorTo(from + count) + lines(offset, 'M');
    output += cursorTo(from) + lines(offset, 'L');
    for (let row = end - 1; row >= to; row--) rows[row] = shown[row - offset];
    for (let row = from; row < to; row++) rows[row] = '';
  } else if (offset < 0) {
    // Up: delete the rows above the block, then insert below it what the deletion pulled up (unless at the bottom).
    const gap = -offset;
    output += cursorTo(to) + lines(gap, 'M');
    if (from + count < height) output += cursorTo(to + count) + lines(gap, 'L');
    for (let row = to; row < to + count; row++) rows[row] = shown[row + gap];
    for (let row = to + count; row < from + count; row++) rows[row] = '';
  }
  return { output, rows };
}

/**
 * Block moves that make `shown` cheaper to turn into `target` (by `cost`), found greedily: each
 * round takes the offsets some changed row's text is found at, and for each the block with the
 * largest saving (maximum-sum run of per-row savings), and applies the best one, until none saves.
 */
export function planRowMoves(shown: readonly string[], target: readonly string[], cost: RowCost): MovedRows {
  const height = target.length;
  let rows = shown.slice(0, height);
  while (rows.length < height) rows.push('');
  let output = '';
  // why: keyed by the rows themselves (nested maps, no concatenated keys: no garbage per look-up);
  // a row's cost differs by at most a digit of its cursor move between rows, which only the estimate sees.
  const costs = new Map<string, Map<string, number>>();
  const rowCost = (before: string, after: string, row: number): number => {
    if (before === after) return 0;
    let byBefore = costs.get(after);
    if (byBefore === undefined) costs.set(after, (byBefore = new Map<string, number>()));
    let known = byBefore.get(before);
    if (known === undefined) byBefore.set(before, (known = cost(before, after, row)));
    return known;
  };
  for (let round = 0; round < MAX_MOVES; round++) {
    let best: { move: RowMove; saving: number } | undefined;
    for (const offset of votedOffsets(rows, target)) {
      const found = bestBlock(rows, target, offset, rowCost);
      if (found && (!best || found.saving > best.saving)) best = found;
    }
    if (!best) break;
    const moved = applyMove(rows, best.move, height);
    output += moved.output;
    rows = moved.rows;
  }
  return { output, rows };
}

/** Offsets (new row − old row) at which changed rows' texts are shown now, most voted first. */
function votedOffsets(rows: readonly string[], target: readonly string[]): number[] {
  const at = new Map<string, number[]>();
  for (let row = 0; row < rows.length; row++) {
    if (rows[row] === '' || rows[row] === target[row]) continue;
    const list = at.get(rows[row]);
    if (list) list.push(row);
    else at.set(rows[row], [row]);
  }
  const votes = new Map<number, number>();
  for (let row = 0; row < target.length; row++) {
    if (target[row] === '' || target[row] === rows[row]) continue;
    const list = at.get(target[row]);
    if (!list) continue;
    for (const old of list) votes.set(row - old, (votes.get(row - old) ?? 0) + 1);
  }
  return [...votes.entries()]
    .sort((a, b) => b[1] - a[1] || Math.abs(a[0]) - Math.abs(b[0]))
    .slice(0, MAX_OFFSETS)
    .map((entry) => entry[0]);
}

/** The block moved by `offset` that saves the most bytes (its operations and blanked rows counted), if any saves. */
function bestBlock(
  rows: readonly string[],
  target: readonly string[],
  offset: number,
  rowCost: RowCost,
): { move: RowMove; saving: number } | undefined {
  const height = target.length;
  const gap = Math.abs(offset);
  // New rows [first, last] can show old rows moved by `offset`; gains[i] is what new row first + i saves.
  const first = Math.max(0, offset);
  const last = Math.min(height - 1, height - 1 + offset);
  const gains = new Array<number>(last - first + 2);
  gains[0] = 0;
  for (let row = first; row <= last; row++)
    gains[row - first + 1] =
      gains[row - first] + rowCost(rows[row], target[row], row) - rowCost(rows[row - offset], target[row], row);
  // blanks[r]: what blanking rows [0, r) costs more than leaving them.
  const blanks = new Array<number>(height + 1);
  blanks[0] = 0;
  for (let row = 0; row < height; row++)
    blanks[row + 1] = blanks[row] + rowCost('', target[row], row) - rowCost(rows[row], target[row], row);
  let best: { move: RowMove; saving: number } | undefined;
  for (let start = first; start <= last; start++) {
    if (gains[start - first + 1] - gains[start - first] <= 0) continue;
    for (let end = start; end <= last; end++) {
      const count = end - start + 1;
      const move = { from: start - offset, to: start, count };
      // Down: rows [from, to) are blanked; up: the rows below the block's new place.
      const blankFrom = offset > 0 ? move.from : end + 1;
      const saving =
        gains[end - first + 1] -
        gains[start - first] -
        (blanks[blankFrom + gap] - blanks[blankFrom]) -
        sequenceLength(move, height);
      if (saving > 0 && (!best || saving > best.saving)) best = { move, saving };
    }
  }
  return best;
}

const digits = (value: number) => String(value).length;
const cursorLength = (row: number) => (row === 0 ? 3 : 3 + digits(row + 1));
const linesLength = (count: number) => (count === 1 ? 3 : 3 + digits(count));

/** Bytes of `applyMove`'s sequence for `move` on a screen of `height` rows, without building it. */
export function sequenceLength({ from, to, count }: RowMove, height: number): number {
  const gap = Math.abs(to - from);
  if (to > from)
    return (
      (to + count < height ? cursorLength(from + count) + linesLength(gap) : 0) + cursorLength(from) + linesLength(gap)
    );
  return (
    cursorLength(to) + linesLength(gap) + (from + count < height ? cursorLength(to + count) + linesLength(gap) : 0)
  );
}
