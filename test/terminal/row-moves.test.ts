/**
 * Moving rows already on screen (delete/insert lines) instead of rewriting them: what each
 * move does to the rows shown, the bytes it costs, and the writer using it when a job arrives
 * in or leaves the middle of a list — its screen compared with Ink's full repaint.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ENTER_FULL_SCREEN } from '../../source/terminal-guard.js';
import { DiffWriter } from '../../source/terminal/diff-writer.js';
import { applyMove, planRowMoves, sequenceLength, type RowMove } from '../../source/terminal/row-moves.js';
import { createScreen, feed, snapshot, writerBesideInk } from './screen-harness.js';

const ROWS = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('a block move', () => {
  it.each<[string, RowMove, string[], string]>([
    [
      'down by one in the middle',
      { from: 1, to: 2, count: 3 },
      ['a', '', 'b', 'c', 'd', 'f'],
      '\x1b[5H\x1b[M\x1b[2H\x1b[L',
    ],
    ['down by two to the bottom', { from: 2, to: 4, count: 2 }, ['a', 'b', '', '', 'c', 'd'], '\x1b[3H\x1b[2L'],
    [
      'up by one in the middle',
      { from: 2, to: 1, count: 3 },
      ['a', 'c', 'd', 'e', '', 'f'],
      '\x1b[2H\x1b[M\x1b[5H\x1b[L',
    ],
    ['up by two from the bottom', { from: 3, to: 1, count: 3 }, ['a', 'd', 'e', 'f', '', ''], '\x1b[2H\x1b[2M'],
    ['from the top row down', { from: 0, to: 1, count: 2 }, ['', 'a', 'b', 'd', 'e', 'f'], '\x1b[3H\x1b[M\x1b[H\x1b[L'],
  ])('%s: leaves the rows a terminal shows after its bytes', async (_name, move, rows, bytes) => {
    const moved = applyMove(ROWS, move, ROWS.length);
    expect(moved).toEqual({ output: bytes, rows });
    expect(sequenceLength(move, ROWS.length)).toBe(bytes.length);
    const screen = createScreen(10, ROWS.length);
    await feed(screen, ROWS.map((row, index) => `\x1b[${index + 1}H${row}`).join('') + moved.output);
    expect(snapshot(screen)).toEqual(rows);
  });
});

it('moves the same rows after entering full screen over a scroll region an earlier program left behind', async () => {
  const move: RowMove = { from: 1, to: 2, count: 3 };
  const screen = createScreen(10, ROWS.length);
  await feed(
    screen,
    '\x1b[3;4r' +
      ENTER_FULL_SCREEN +
      ROWS.map((row, index) => `\x1b[${index + 1}H${row}`).join('') +
      applyMove(ROWS, move, ROWS.length).output,
  );
  expect(snapshot(screen)).toEqual(['a', '', 'b', 'c', 'd', 'f']);
});

describe('planning moves', () => {
  const cost = (before: string, after: string) => (before === after ? 0 : after.length + 6);

  it('moves nothing when no row shows what another row wants', () => {
    expect(planRowMoves(ROWS, ['a', 'x', 'c', 'y', 'e', 'f'], cost)).toEqual({
      output: '',
      rows: ROWS,
    });
  });

  it('moves nothing when rewriting is cheaper than the move', () => {
    expect(planRowMoves(['a', 'b', 'c', 'd'], ['a', 'a', 'b', 'd'], cost).output).toBe('');
  });

  it('moves the block that saves the most when a long row arrives', () => {
    const long = ROWS.map((row) => row.repeat(40));
    const target = [long[0], 'new', ...long.slice(1, 4), long[5]];
    const planned = planRowMoves(long, target, cost);
    expect(planned.rows).toEqual([long[0], '', ...long.slice(1, 4), long[5]]);
  });
});

const writers: DiffWriter[] = [];
afterEach(() => {
  for (const writer of writers.splice(0)) writer.dispose();
});

/** Ink's log-update into the writer and, unmodified, into a reference screen (screen-harness.ts), disposed after each test. */
function setup(columns: number, rows: number) {
  const screen = writerBesideInk(columns, rows);
  writers.push(screen.writer);
  return screen;
}

const job = (index: number) =>
  `\x1b[36m● running\x1b[39m  demo-osapi  command.shell.do  ${String(1000 + index)}…5c8ec  \x1b[36m██░░\x1b[39m ${index}%`;
const list = (jobs: number[]) =>
  ['jobtop  header', 'STATE      SOURCE      NAME', ...jobs.map(job), '\x1b[2m? help  q quit\x1b[22m', ''].join('\n');

describe('the writer moving rows', () => {
  it('inserts a line where a job arrived instead of rewriting the rows below it', async () => {
    const screen = setup(80, 16);
    const before = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    await screen.frame(list(before));
    const sent = await screen.frame(list([1, 2, 42, 3, 4, 5, 6, 7, 8, 9]));
    // Delete the last job's row (the footer moves up), insert one above the arrival: the footer is back.
    expect(sent.startsWith('\x1b[12H\x1b[M\x1b[5H\x1b[L')).toBe(true);
    expect(sent.length).toBeLessThan(job(42).length + 30);
    expect(screen.ours()).toEqual(screen.reference());
  });

  it('deletes the line of a job that left, and the rows below move up', async () => {
    const screen = setup(80, 16);
    await screen.frame(list([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const sent = await screen.frame(list([1, 2, 4, 5, 6, 7, 8, 9, 10, 11]));
    expect(sent).toContain('\x1b[5H\x1b[M');
    expect(sent.length).toBeLessThan(job(11).length + 30);
    expect(screen.ours()).toEqual(screen.reference());
  });

  it('moves the rows between a job’s old and new place when it changes place', async () => {
    const screen = setup(80, 16);
    await screen.frame(list([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const sent = await screen.frame(list([1, 9, 2, 3, 4, 5, 6, 7, 8, 10]));
    expect(sent).toMatch(/\x1b\[\d*[LM]/);
    expect(sent.length).toBeLessThan(job(9).length + 30);
    expect(screen.ours()).toEqual(screen.reference());
  });
});
