/**
 * The shared check of the finished-lines property tests: the same content rendered by Ink's real
 * render() twice — Ink laying out every line itself (the reference) and finished lines through the
 * diff writer — with the screens compared cell by cell after every step.
 * It loads Ink: import it only after deleting CI (with CI set Ink renders only the last frame).
 */
import React, { type ReactNode } from 'react';
import { expect } from 'vitest';
import * as ink from 'ink';
import { DiffWriter } from '../../source/terminal/diff-writer.js';
import { FinishedRows } from '../../source/terminal/finished-rows.js';
import { FinishedLinesContext, NoColorContext } from '../../source/ui/line.js';
import { FakeTty, createScreen, feed, snapshot } from './screen-harness.js';

/** What one property run draws. */
export interface FinishedLikeInkCase<S> {
  columns: number;
  rows: number;
  noColor: boolean;
  steps: readonly S[];
  /** The lines of step `index`, drawn in a column `columns` wide; they must include `marker(index)`. */
  content: (step: S, index: number) => ReactNode;
  /** A text that only step `index`'s frame shows: both renders have drawn the step once it is written. */
  marker: (index: number) => string;
}

/** Polls; the test runner's timeout is the only limit (never an assertion on time). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

/**
 * Expects the screen drawn with finished lines through the diff writer to equal Ink's own after
 * every step; returns the finished rows used (to check the lines really went the finished way).
 */
export async function expectFinishedLikeInk<S>(run: FinishedLikeInkCase<S>): Promise<FinishedRows> {
  const { columns, rows, noColor, steps } = run;
  const referenceTty = new FakeTty(columns, rows);
  const tty = new FakeTty(columns, rows);
  const finishedRows = new FinishedRows();
  let inkWrote = '';
  const writer = new DiffWriter(tty.asStdout(), {
    finishedRows,
    trace: (event) => void (event.kind === 'write' && (inkWrote += event.data)),
  });
  const element = (step: S, index: number, finished: boolean) =>
    React.createElement(
      NoColorContext.Provider,
      { value: noColor },
      React.createElement(
        FinishedLinesContext.Provider,
        { value: finished ? finishedRows : null },
        React.createElement(ink.Box, { flexDirection: 'column', width: columns }, run.content(step, index)),
      ),
    );
  const options = { exitOnCtrlC: false, patchConsole: false };
  const first = steps[0];
  const reference = ink.render(element(first, 0, false), { ...options, stdout: referenceTty.asStdout() });
  const ours = ink.render(element(first, 0, true), { ...options, stdout: writer as unknown as NodeJS.WriteStream });
  const referenceScreen = createScreen(columns, rows);
  const ourScreen = createScreen(columns, rows);
  try {
    for (const [index, step] of steps.entries()) {
      if (index > 0) {
        reference.rerender(element(step, index, false));
        ours.rerender(element(step, index, true));
      }
      const marker = run.marker(index);
      await until(() => referenceTty.chunks.join('').includes(marker) && inkWrote.includes(marker));
      inkWrote = '';
      await feed(referenceScreen, referenceTty.take());
      await feed(ourScreen, tty.take());
      expect(snapshot(ourScreen)).toEqual(snapshot(referenceScreen));
    }
  } finally {
    reference.unmount();
    ours.unmount();
    writer.dispose();
  }
  return finishedRows;
}
