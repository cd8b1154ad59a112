/**
 * A stdout for Ink that sends the terminal only what changed.
 *
 * why: Ink 6.8 erases and rewrites its whole frame on every update (log-update: eraseLines(n)
 * then every line again, ~3.7 KB per update on a 120×54 screen), and its incrementalRendering
 * option is off by one in 6.8.0 and corrupts the screen. This proxy sits between Ink and the
 * real terminal: it models the screen Ink's output would produce (screen-model.ts), and after
 * each write (or each synchronized-update block) paints only the rows and cells that differ
 * from what is already shown (screen-paint.ts, row-diff.ts), addressing rows absolutely from
 * the top-left cell — jobtop draws on the alternate screen, so its frame starts at row 1.
 *
 * Output it does not model is passed through untouched and the next frame is repainted whole
 * (a full repaint, never a corrupted screen). A resize also repaints whole. Size, isTTY and
 * 'resize' events come from the real stdout, so Ink and the app see the real terminal.
 */
import { EventEmitter } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { tokenizeAnsiByLine, type AnsiToken } from './ansi-tokens.js';
import { RecentCache } from './recent-cache.js';
import { BEGIN_SYNC, END_SYNC, readOutput, type Emit } from './output-reader.js';
import { NotModelled, blankScreen, rowWidth, type ScreenState } from './screen-model.js';
import { moveCursor, paintAll, paintDifference, type CursorPosition } from './screen-paint.js';
import type { FinishedRows } from './finished-rows.js';

/** What the diff writer was given, for a render trace (JOBTOP_RENDER_TRACE). */
export type RenderTraceEvent = { kind: 'write'; data: string } | { kind: 'resize'; columns: number; rows: number };

/** Options of the diff writer. */
export interface DiffWriterOptions {
  /** Receives every write as Ink made it (before diffing) and every resize. */
  trace?: (event: RenderTraceEvent) => void;
  /** Rows the UI built as finished strings; their placeholders in Ink's output are replaced first (the trace gets the result). */
  finishedRows?: FinishedRows;
}

/** The stdout proxy. Construct with the real stdout; pass it to Ink's render() as `stdout`. */
export class DiffWriter extends EventEmitter {
  /** What Ink's output would have put on the screen. */
  private target: ScreenState;
  /** What the terminal shows, row by row; null when unknown (after a resize or an unmodelled write). */
  private shown: string[] | null = null;
  private cursor: CursorPosition = { row: NaN, col: NaN };
  private cursorVisible = true;
  /** The terminal shows output passed through unmodelled; nothing is painted until Ink writes text again. */
  private unmodelled = false;
  private carry = '';
  private out = '';
  private callbacks: ((error?: Error | null) => void)[] = [];
  private inSync = false;
  private syncPending = false;
  private syncSent = false;
  private repaintTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly decoder = new StringDecoder('utf8');
  /** The tokens of lines Ink wrote before, by line (most lines of a frame are the last frame's). */
  // why: 128 lines a generation hold every line of a frame up to 128 rows high (docs/performance.md "Session 4: memory").
  private readonly lineTokens = new RecentCache<string, readonly AnsiToken[]>(128);
  private readonly onResize = () => {
    this.resized();
    this.emit('resize');
  };

  constructor(
    private readonly real: NodeJS.WriteStream,
    private readonly options: DiffWriterOptions = {},
  ) {
    super();
    this.target = blankScreen(this.columns, this.rows);
    real.on('resize', this.onResize);
  }

  /** Columns of the real terminal. */
  get columns(): number {
    return this.real.columns || 80;
  }

  /** Rows of the real terminal. */
  get rows(): number {
    return this.real.rows || 24;
  }

  /** Whether the real stdout is a terminal. */
  get isTTY(): boolean {
    return this.real.isTTY === true;
  }

  /** Stream state Ink checks before its last writes. */
  get writable(): boolean {
    return this.real.writable;
  }

  /** Whether the real stdout was destroyed. */
  get destroyed(): boolean {
    return this.real.destroyed;
  }

  /** Whether the real stdout was ended. */
  get writableEnded(): boolean {
    return this.real.writableEnded;
  }

  /** Bytes the real stdout still holds (Ink uses a write('', callback) barrier when this exists). */
  get writableLength(): number {
    return this.real.writableLength ?? 0;
  }

  /** Takes what Ink writes; sends the difference to the real stdout. */
  write(
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | ((error?: Error | null) => void),
    callback?: (error?: Error | null) => void,
  ): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    const written = typeof chunk === 'string' ? chunk : this.decoder.write(Buffer.from(chunk));
    const text = this.options.finishedRows ? this.options.finishedRows.expand(written) : written;
    if (done) this.callbacks.push(done);
    if (text !== '') {
      this.options.trace?.({ kind: 'write', data: text });
      if (this.target.columns !== this.columns || this.target.rows.length !== this.rows) this.resized();
      this.take(this.carry + text);
    }
    if (!this.inSync) this.send();
    return true;
  }

  /** Forgets what the terminal shows and paints the whole frame again now. */
  repaint(): void {
    this.shown = null;
    this.paint();
    this.send();
  }

  /** Stops following the real stdout's resizes. */
  dispose(): void {
    this.real.off('resize', this.onResize);
    if (this.repaintTimer) clearTimeout(this.repaintTimer);
  }

  private take(text: string): void {
    const { tokens, rest } = tokenizeAnsiByLine(text, this.lineTokens);
    this.carry = rest;
    const consumed = text.slice(0, text.length - rest.length);
    let emits: Emit[];
    let after: ScreenState;
    try {
      ({ emits, after } = readOutput(this.target, tokens));
    } catch (error) {
      if (!(error instanceof NotModelled)) throw error;
      return this.passThrough(consumed);
    }
    for (const emit of emits) {
      this.target = emit.at;
      if (emit.sync === 'begin') this.beginSync();
      else if (emit.sync === 'end') this.endSync();
      else this.emitRaw(emit.raw ?? '');
    }
    this.target = after;
    // why: after a pass-through the model is blank; only Ink's next frame (text) makes it worth painting.
    if (this.unmodelled && tokens.some((token) => token.kind === 'text')) this.unmodelled = false;
    if (!this.inSync) this.paint();
  }

  private passThrough(raw: string): void {
    this.paint();
    this.placeCursor();
    this.append(raw);
    // why: what the terminal shows now is unknown; the frame is redrawn whole from the top-left.
    this.shown = null;
    this.cursor = { row: NaN, col: NaN };
    this.target = blankScreen(this.columns, this.rows);
    // why: painting the blank model now (at the end of a synchronized update, say) would erase what was just passed through.
    this.unmodelled = true;
  }

  private beginSync(): void {
    this.paint();
    this.inSync = true;
    this.syncPending = true;
  }

  private endSync(): void {
    this.paint();
    if (this.syncSent) this.out += END_SYNC;
    this.inSync = this.syncPending = this.syncSent = false;
  }

  private emitRaw(raw: string): void {
    this.paint();
    if (raw === '\x1b[?25l') this.cursorVisible = false;
    if (raw === '\x1b[?25h') {
      this.cursorVisible = true;
      this.placeCursor();
    }
    this.append(raw);
  }

  /** Paints the difference between what is shown and the model. */
  private paint(): void {
    if (this.unmodelled) return;
    const { columns } = this.target;
    const painted =
      this.shown === null
        ? paintAll(this.target.rows)
        : paintDifference(this.shown, this.target.rows, this.cursor, columns);
    this.append(painted.output);
    this.cursor = painted.cursor;
    this.shown = [...this.target.rows];
    if (this.cursorVisible) this.placeCursor();
  }

  /** Puts the real cursor where Ink believes it is. */
  private placeCursor(): void {
    const want = { row: this.target.row, col: Math.min(this.target.col, this.target.columns - 1) };
    this.append(moveCursor(this.cursor, want, this.target.columns));
    this.cursor = want;
  }

  private append(text: string): void {
    if (text === '') return;
    if (this.syncPending) {
      this.out += BEGIN_SYNC;
      this.syncPending = false;
      this.syncSent = true;
    }
    this.out += text;
  }

  private send(): void {
    if (this.out === '' && this.callbacks.length === 0) return;
    const callbacks = this.callbacks;
    const output = this.out;
    this.out = '';
    this.callbacks = [];
    this.real.write(output, (error) => {
      for (const callback of callbacks) callback(error);
    });
  }

  private resized(): void {
    const columns = this.columns;
    const rows = this.rows;
    this.options.trace?.({ kind: 'resize', columns, rows });
    const target = this.target;
    // The frame stays anchored at the top: keep the top rows, drop rows the new width would wrap.
    const kept = target.rows.slice(0, rows).map((row) => (rowWidth(row) > columns ? '' : row));
    while (kept.length < rows) kept.push('');
    this.target = {
      ...target,
      rows: kept,
      columns,
      row: Math.min(target.row, rows - 1),
      col: Math.min(target.col, columns),
    };
    this.shown = null;
    this.cursor = { row: NaN, col: NaN };
    // why: when the new size does not change Ink's output, Ink writes nothing; repaint what we have.
    if (this.repaintTimer) clearTimeout(this.repaintTimer);
    this.repaintTimer = setTimeout(() => {
      this.repaintTimer = undefined;
      if (this.shown === null && !this.inSync) this.repaint();
    }, 50);
    this.repaintTimer.unref?.();
  }
}
