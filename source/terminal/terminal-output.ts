/**
 * Chooses the stdout the full-screen UI renders to: the diff writer over the real stdout
 * (only changed cells reach the terminal), or the real stdout itself with
 * JOBTOP_RENDERER=full (Ink's own full repaints — an escape hatch should a terminal ever
 * disagree with the diff writer; table rows are then laid out by Ink too). JOBTOP_RENDER_TRACE=FILE records what Ink wrote, before
 * diffing, one JSON object per line, for reproducing a screen problem.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { DiffWriter, type RenderTraceEvent } from './diff-writer.js';
import { FinishedRows } from './finished-rows.js';

/** The stdout to give Ink, and how to let go of it after Ink unmounts. */
export interface TerminalOutput {
  stdout: NodeJS.WriteStream;
  /** Where the UI hands rows built as finished strings; absent when Ink's own output reaches the terminal. */
  finishedRows?: FinishedRows;
  /** Paints the whole frame again (after the terminal was given back by a suspend). */
  repaint(): void;
  dispose(): void;
}

/** Builds the UI's stdout from the real one and the environment (JOBTOP_RENDERER, JOBTOP_RENDER_TRACE). */
export function createTerminalOutput(real: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): TerminalOutput {
  // why: Ink repaints its whole frame on 'resize'; that is the full renderer's repaint.
  if (env.JOBTOP_RENDERER === 'full' || !real.isTTY)
    return { stdout: real, repaint: () => real.emit('resize'), dispose() {} };
  const tracePath = env.JOBTOP_RENDER_TRACE;
  let trace: ((event: RenderTraceEvent) => void) | undefined;
  if (tracePath) {
    writeFileSync(
      tracePath,
      `${JSON.stringify({ kind: 'resize', columns: real.columns, rows: real.rows, at: Date.now() })}\n`,
    );
    // why: synchronous, so the trace is complete up to the last write whenever it is read.
    trace = (event) => appendFileSync(tracePath, `${JSON.stringify({ ...event, at: Date.now() })}\n`);
  }
  const finishedRows = new FinishedRows();
  const writer = new DiffWriter(real, { trace, finishedRows });
  // why: Ink only needs write, size, isTTY and 'resize' of its stdout; the proxy provides exactly those.
  return {
    stdout: writer as unknown as NodeJS.WriteStream,
    finishedRows,
    repaint: () => writer.repaint(),
    dispose: () => writer.dispose(),
  };
}
