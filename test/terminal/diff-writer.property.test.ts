/**
 * Property tests of the diff writer: random sequences of frames written by Ink's real
 * log-update, once straight into an emulated terminal (Ink's full repaints) and once through
 * the diff writer; the two screens must be identical cell by cell, colours included.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DiffWriter } from '../../source/terminal/diff-writer.js';
import { FakeTty, createScreen, cursorOf, feed, logUpdate, renderFrame, snapshot, STYLES, type FrameLine, type Run } from './screen-harness.js';

const GRAPHEMES = ['a', 'b', 'x', ' ', ' ', '1', '%', '█', '░', '●', '…', '界', '日', 'é', 'e\u0301', '😀', '✔'];
const run: fc.Arbitrary<Run> = fc.record({
  text: fc.array(fc.constantFrom(...GRAPHEMES), { minLength: 1, maxLength: 14 }).map((parts) => parts.join('')),
  style: fc.constantFrom(...(Object.keys(STYLES) as (keyof typeof STYLES)[])),
});
const line: fc.Arbitrary<FrameLine> = fc.array(run, { minLength: 0, maxLength: 4 });
const frame = (maxLines: number) => fc.array(line, { minLength: 0, maxLength: maxLines });

/** One thing that happens between two screens. */
type Step =
  | { kind: 'frame'; lines: FrameLine[] }
  | { kind: 'edit'; index: number; line: FrameLine }
  | { kind: 'overlay'; start: number; lines: FrameLine[] }
  | { kind: 'insert'; index: number; lines: FrameLine[] }
  | { kind: 'delete'; index: number; count: number }
  | { kind: 'tweak'; index: number; position: number; grapheme: string }
  | { kind: 'same' }
  | { kind: 'clear' }
  | { kind: 'cursor'; x: number; y: number }
  | { kind: 'resize'; columns: number; rows: number }
  | { kind: 'foreign'; text: string };

const index = fc.nat({ max: 14 });
const frameSteps = (maxLines: number): fc.Arbitrary<Step>[] => [
  frame(maxLines).map((lines) => ({ kind: 'frame' as const, lines })),
  fc.record({ kind: fc.constant('edit' as const), index, line }),
  fc.record({ kind: fc.constant('overlay' as const), start: index, lines: frame(5) }),
  fc.record({ kind: fc.constant('insert' as const), index, lines: frame(3) }),
  fc.record({ kind: fc.constant('delete' as const), index, count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('tweak' as const), index, position: fc.nat({ max: 40 }), grapheme: fc.constantFrom(...GRAPHEMES) }),
  fc.record({ kind: fc.constant('tweak' as const), index, position: fc.nat({ max: 40 }), grapheme: fc.constantFrom(...GRAPHEMES) }),
  fc.constant({ kind: 'same' as const }),
  fc.constant({ kind: 'clear' as const }),
  fc.record({ kind: fc.constant('cursor' as const), x: fc.nat({ max: 20 }), y: fc.nat({ max: 10 }) }),
];

/** The frame after a step (steps that are not frame changes leave it as it is). */
function nextFrame(current: FrameLine[], step: Step): FrameLine[] {
  const lines = [...current];
  switch (step.kind) {
    case 'frame': return step.lines;
    case 'edit': if (lines.length > 0) lines[step.index % lines.length] = step.line; return lines;
    case 'overlay': lines.splice(Math.min(step.start, lines.length), step.lines.length, ...step.lines); return lines;
    case 'insert': lines.splice(Math.min(step.index, lines.length), 0, ...step.lines); return lines;
    case 'delete': lines.splice(step.index % Math.max(1, lines.length), step.count); return lines;
    case 'tweak': {
      if (lines.length === 0) return lines;
      const at = step.index % lines.length;
      const runs = lines[at].map((part) => ({ ...part }));
      const target = runs[step.position % Math.max(1, runs.length)];
      if (!target) return lines;
      const parts = Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(target.text), (part) => part.segment);
      parts[step.position % parts.length] = step.grapheme;
      target.text = parts.join('');
      lines[at] = runs;
      return lines;
    }
    default: return lines;
  }
}

/** Drives Ink's log-update with the steps, into the reference screen directly and into ours through the writer. */
async function compareWithFullRepaint(columns: number, rows: number, steps: Step[]): Promise<void> {
  const referenceTty = new FakeTty(columns, rows);
  const realTty = new FakeTty(columns, rows);
  const writer = new DiffWriter(realTty.asStdout());
  const referenceLog = logUpdate.create(referenceTty as never);
  const ourLog = logUpdate.create(writer as never);
  const reference = createScreen(columns, rows);
  const ours = createScreen(columns, rows);
  let current: FrameLine[] = [];
  let cursorSet = false;
  let cursorShown = false;
  try {
    for (const step of steps) {
      if (step.kind === 'clear') {
        referenceLog.clear();
        ourLog.clear();
        cursorShown = false;
      } else if (step.kind === 'cursor') {
        const position = { x: step.x % columns, y: step.y % Math.max(1, current.length + 1) };
        referenceLog.setCursorPosition(position);
        ourLog.setCursorPosition(position);
        cursorSet = true;
        continue;
      } else if (step.kind === 'foreign') {
        // Ink's writeToStdout (patched console): clear, the data, the last frame again.
        referenceLog.clear();
        ourLog.clear();
        referenceTty.write(step.text);
        writer.write(step.text);
        referenceLog(renderFrame(current, columns));
        ourLog(renderFrame(current, columns));
        cursorShown = cursorSet;
        cursorSet = false;
      } else {
        current = nextFrame(current, step);
        const text = renderFrame(current, columns);
        const wrote = referenceLog.willRender(text);
        referenceLog(text);
        ourLog(text);
        // log-update shows the cursor only when a position was set since its last render.
        if (wrote) cursorShown = cursorSet;
        cursorSet = false;
      }
      await feed(reference, referenceTty.take());
      await feed(ours, realTty.take());
      expect(snapshot(ours)).toEqual(snapshot(reference));
    }
    if (cursorShown) expect(cursorOf(ours)).toEqual(cursorOf(reference));
  } finally {
    writer.dispose();
  }
}

/** Output between frames that the writer follows: plain and coloured lines that fit, an absolute cursor move. */
const modelledForeign = fc.record({ kind: fc.constant('foreign' as const), text: fc.constantFrom('hi\n', '\x1b[31mred\x1b[39m\n', '\x1b[2Hjump\n') });

describe('the diff writer against full repaints', () => {
  it('shows exactly what Ink’s full repaints show, after every frame of a random sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 8, max: 40 }), fc.integer({ min: 3, max: 12 }), fc.array(fc.oneof(...frameSteps(14), modelledForeign), { minLength: 1, maxLength: 14 }), (columns, rows, steps) =>
        compareWithFullRepaint(columns, rows, steps),
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the screen exact across frames taller than the screen (scrolling) and back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 8, max: 30 }), fc.integer({ min: 3, max: 6 }), fc.array(fc.oneof(...frameSteps(9)), { minLength: 2, maxLength: 10 }), (columns, rows, steps) =>
        compareWithFullRepaint(columns, rows, steps),
      ),
      { numRuns: 150 },
    );
  });
});

describe('the diff writer after resizes and foreign output', () => {
  it('ends on exactly the last frame painted on a fresh screen', async () => {
    const resize = fc.record({ kind: fc.constant('resize' as const), columns: fc.integer({ min: 8, max: 40 }), rows: fc.integer({ min: 3, max: 12 }) });
    // Output the writer does not follow: it is passed through and the next frame is painted whole.
    const foreign = fc.record({ kind: fc.constant('foreign' as const), text: fc.constantFrom('tab\there\n', '\x1b7saved\x1b8', 'a \x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\\n', '\x1b[1Jup') });
    const steps = fc.array(fc.oneof(...frameSteps(10), resize, resize, foreign), { minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 8, max: 40 }), fc.integer({ min: 3, max: 12 }), steps, frame(10), async (columns, rows, sequence, last) => {
        const realTty = new FakeTty(columns, rows);
        const writer = new DiffWriter(realTty.asStdout());
        const log = logUpdate.create(writer as never);
        const ours = createScreen(columns, rows);
        let size = { columns, rows };
        let current: FrameLine[] = [];
        try {
          for (const step of sequence) {
            if (step.kind === 'resize') {
              ours.resize(step.columns, step.rows);
              realTty.resize(step.columns, step.rows);
              // why: this is what Ink does when the terminal gets narrower (ink.js resized()).
              if (step.columns < size.columns) log.clear();
              size = { columns: step.columns, rows: step.rows };
            } else if (step.kind === 'foreign') {
              // Ink's writeToStdout (patched console): clear, the data, the last frame again.
              log.clear();
              writer.write(step.text);
              log(renderFrame(current, size.columns));
            } else if (step.kind === 'clear') log.clear();
            else if (step.kind !== 'cursor') {
              current = nextFrame(current, step);
              log(renderFrame(current, size.columns));
            }
            await feed(ours, realTty.take());
          }
          // why: a last frame equal to the one shown would make log-update write nothing.
          const lastLines = [...last.slice(0, Math.max(0, size.rows - 2)), [{ text: 'END', style: 'bold' as const }]];
          log(renderFrame(lastLines, size.columns));
          await feed(ours, realTty.take());
          const fresh = createScreen(size.columns, size.rows);
          await feed(fresh, renderFrame(lastLines, size.columns));
          expect(snapshot(ours)).toEqual(snapshot(fresh));
        } finally {
          writer.dispose();
        }
      }),
      { numRuns: 250 },
    );
  });
});
