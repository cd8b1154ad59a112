/**
 * Writes `jobtop watch`'s view: a live block redrawn in place on a terminal (every second and
 * on every change or resize; the cursor hidden while live and shown again on stop, on a signal
 * and on process exit), or plain lines as changes happen when stdout is a pipe or a file.
 */
import { displayWidth } from '../../domain/text-width.js';
import type { TrackedJob, WatchEvent, WatchTracker } from './watch-tracker.js';
import { CURSOR, liveLine, plainLines, redraw, statusLine } from './watch-view.js';

/** Where and how to show the watch. */
export interface WatchOutputOptions {
  stdout: NodeJS.WritableStream & {
    isTTY?: boolean;
    columns?: number;
    on?: NodeJS.WriteStream['on'];
    off?: NodeJS.WriteStream['off'];
  };
  stderr: NodeJS.WritableStream;
  tracker: WatchTracker;
  intervalMs: number;
  /** Redraw in place (stdout is a terminal). */
  live: boolean;
}

/** The watch's output. */
export interface WatchOutput {
  start(): void;
  events(events: readonly WatchEvent[]): void;
  stop(): void;
}

/** Creates the live or plain output. */
export function createWatchOutput(options: WatchOutputOptions): WatchOutput {
  return options.live ? liveOutput(options) : plainOutput(options);
}

function plainOutput(options: WatchOutputOptions): WatchOutput {
  return {
    start() {},
    events(events) {
      const { out, err } = plainLines(events, Date.now());
      if (out.length > 0) options.stdout.write(`${out.join('\n')}\n`);
      if (err.length > 0) options.stderr.write(`${err.join('\n')}\n`);
    },
    stop() {},
  };
}

function liveOutput(options: WatchOutputOptions): WatchOutput {
  const { stdout, tracker } = options;
  const startedAt = Date.now();
  const failing = new Map<string, string>();
  let drawn: string[] = [];
  let ticker: ReturnType<typeof setInterval> | undefined;
  const columns = () => Math.max(20, stdout.columns || 80);
  // why: a line as wide as the terminal makes it wrap, and then "cursor up N" misses; keep one cell free.
  const width = () => columns() - 1;
  // Rows the last block takes now: more than its line count when the terminal got narrower.
  const rowsDrawn = () =>
    drawn.reduce((rows, line) => rows + Math.max(1, Math.ceil(displayWidth(line) / columns())), 0);
  const draw = () => {
    const now = Date.now();
    const jobs: readonly TrackedJob[] = tracker.jobs();
    const lines = [
      ...jobs.map((job) => liveLine(job, now, width())),
      statusLine(jobs, options.intervalMs, failing, startedAt, now, width()),
    ];
    stdout.write(redraw(lines, rowsDrawn()));
    drawn = lines;
  };
  const showCursor = () => stdout.write(CURSOR.show);
  return {
    start() {
      stdout.write(CURSOR.hide);
      process.once('exit', showCursor);
      stdout.on?.('resize', draw);
      draw();
      ticker = setInterval(draw, 1000);
    },
    events(events) {
      for (const event of events) {
        if (event.kind === 'source-failing') failing.set(event.source, event.error.short);
        if (event.kind === 'source-recovered') failing.delete(event.source);
        // why: on a terminal stderr would break the in-place block, so a degraded source shows in the status line.
        if (event.kind === 'source-degraded') failing.set(event.source, `degraded: ${event.incomplete.jobs} unknown`);
        if (event.kind === 'source-whole') failing.delete(event.source);
        if (event.kind === 'detail-failing')
          failing.set(event.key, `${event.outcomeUnknown ? 'outcome unknown: ' : ''}${event.error.short}`);
        if (event.kind === 'detail-recovered') failing.delete(event.key);
      }
      draw();
    },
    stop() {
      clearInterval(ticker);
      stdout.off?.('resize', draw);
      draw();
      process.removeListener('exit', showCursor);
      showCursor();
    },
  };
}
