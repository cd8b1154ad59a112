/**
 * Property test of moving rows: random lists (a header, rows of styled text, a footer) that
 * change the way a job list does — rows arriving, leaving and changing place, cells changing
 * inside them — written by Ink's real log-update once straight into an emulated terminal and
 * once through the diff writer; the screens must be identical cell by cell after every frame.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderFrame, STYLES, writerBesideInk, type FrameLine } from './screen-harness.js';

type Style = keyof typeof STYLES;
interface Row {
  id: number;
  style: Style;
  cell: string;
}
type Step =
  | { kind: 'arrive'; at: number; row: Row }
  | { kind: 'leave'; at: number; count: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'tick'; at: number; cell: string }
  | { kind: 'footer'; text: string };

const style = fc.constantFrom(...(Object.keys(STYLES) as Style[]));
const cell = fc.constantFrom('12%', '13%', '██░', '█░░', '日本', 'ok', '…', '');
const row: fc.Arbitrary<Row> = fc.record({ id: fc.nat({ max: 99 }), style, cell });
const at = fc.nat({ max: 30 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('arrive' as const), at, row }),
  fc.record({ kind: fc.constant('leave' as const), at, count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('move' as const), from: at, to: at }),
  fc.record({ kind: fc.constant('tick' as const), at, cell }),
  fc.record({ kind: fc.constant('footer' as const), text: fc.constantFrom('? help', 'q quit', '') }),
);

function apply(rows: Row[], footer: string, change: Step): { rows: Row[]; footer: string } {
  const next = [...rows];
  const index = (value: number) => value % Math.max(1, next.length);
  if (change.kind === 'arrive') next.splice(Math.min(change.at, next.length), 0, change.row);
  else if (change.kind === 'leave') next.splice(index(change.at), change.count);
  else if (change.kind === 'move' && next.length > 0)
    next.splice(index(change.to), 0, ...next.splice(index(change.from), 1));
  else if (change.kind === 'tick' && next.length > 0)
    next[index(change.at)] = { ...next[index(change.at)], cell: change.cell };
  else if (change.kind === 'footer') return { rows: next, footer: change.text };
  return { rows: next, footer };
}

function frameLines(rows: Row[], footer: string, height: number): FrameLine[] {
  const lines: FrameLine[] = [[{ text: `jobs ${rows.length}`, style: 'bold' }]];
  for (const item of rows.slice(0, height - 2))
    lines.push([
      { text: `job-${String(item.id).padStart(2, '0')} `, style: 'plain' },
      { text: item.id % 3 === 0 ? 'running ' : 'queued  ', style: item.style },
      ...(item.cell ? [{ text: item.cell, style: 'red' as const }] : []),
    ]);
  lines.push([{ text: footer || ' ', style: 'dim' }]);
  return lines;
}

describe('moving rows against full repaints', () => {
  it('shows exactly what Ink’s full repaints show when rows arrive, leave and change place', async () => {
    let framesWithMoves = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 12, max: 50 }),
        fc.integer({ min: 4, max: 24 }),
        fc.array(row, { maxLength: 24 }),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        async (columns, height, initial, steps) => {
          const screen = writerBesideInk(columns, height);
          let state = { rows: initial, footer: '? help' };
          try {
            for (const change of [null, ...steps]) {
              if (change) state = apply(state.rows, state.footer, change);
              const sent = await screen.frame(renderFrame(frameLines(state.rows, state.footer, height), columns));
              if (/\x1b\[\d*[LM]/.test(sent)) framesWithMoves++;
              expect(screen.ours()).toEqual(screen.reference());
            }
          } finally {
            screen.writer.dispose();
          }
        },
      ),
      { numRuns: 200 },
    );
    // The property exercised what it is about.
    expect(framesWithMoves).toBeGreaterThan(20);
  });
});
