/**
 * Test harness for the diff writer: a fake TTY stdout, an emulated screen (@xterm/headless)
 * with a cell-by-cell snapshot (characters and attributes), Ink's real log-update, and
 * frames built the way Ink builds them (each styled run opened and closed on its line).
 */
import { EventEmitter } from 'node:events';
import xterm from '@xterm/headless';
// why: Ink's package exports only its entry point; the real log-update is what the diff writer reads.
import logUpdateModule from '../../node_modules/ink/build/log-update.js';
import stringWidth from 'string-width';
import { DiffWriter } from '../../source/terminal/diff-writer.js';

/** Ink's log-update (eraseLines, then the whole frame), unmodified. */
export const logUpdate = logUpdateModule;

/** A stdout that is a TTY of a given size; records what was written. */
export class FakeTty extends EventEmitter {
  isTTY = true;
  writable = true;
  destroyed = false;
  writableEnded = false;
  writableLength = 0;
  readonly chunks: string[] = [];

  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }

  write(data: string | Uint8Array, encoding?: unknown, callback?: (error?: Error | null) => void): boolean {
    this.chunks.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) queueMicrotask(() => done(null));
    return true;
  }

  /** Everything written, and forgets it. */
  take(): string {
    return this.chunks.splice(0).join('');
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }

  asStdout(): NodeJS.WriteStream {
    return this as unknown as NodeJS.WriteStream;
  }
}

/** An emulated terminal on its alternate screen. convertEol stands for the tty driver's ONLCR. */
export function createScreen(columns: number, rows: number): InstanceType<typeof xterm.Terminal> {
  const terminal = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true, scrollback: 0, convertEol: true });
  terminal.write('\x1b[?1049h');
  return terminal;
}

/** Writes to the emulated terminal and waits until it is parsed. */
export function feed(terminal: InstanceType<typeof xterm.Terminal>, data: string): Promise<void> {
  return new Promise((resolve) => terminal.write(data, resolve));
}

/** The screen, one string per row: characters, with ⟦attributes⟧ wherever they change. */
export function snapshot(terminal: InstanceType<typeof xterm.Terminal>): string[] {
  const buffer = terminal.buffer.active;
  const cell = buffer.getNullCell();
  const rows: string[] = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    let text = '';
    let current = '';
    for (let x = 0; x < terminal.cols; x++) {
      line?.getCell(x, cell);
      if (!line || cell.getWidth() === 0) continue;
      const attributes = cell.isAttributeDefault()
        ? ''
        : `${cell.getFgColorMode()}:${cell.getFgColor()} ${cell.getBgColorMode()}:${cell.getBgColor()} ${cell.isBold()}${cell.isDim()}${cell.isItalic()}${cell.isUnderline()}${cell.isBlink()}${cell.isInverse()}${cell.isInvisible()}${cell.isStrikethrough()}${cell.isOverline()}`;
      if (attributes !== current) {
        text += `⟦${attributes}⟧`;
        current = attributes;
      }
      text += cell.getChars() || ' ';
    }
    // Trailing blank cells in the default attributes are not shown, so rows compare as people see them.
    rows.push(current === '' ? text.replace(/ +$/, '').replace(/⟦⟧$/, '') : text);
  }
  return rows;
}

/** The cursor of the emulated terminal. */
export function cursorOf(terminal: InstanceType<typeof xterm.Terminal>): { x: number; y: number } {
  return { x: terminal.buffer.active.cursorX, y: terminal.buffer.active.cursorY };
}

/** A run of text with one style, as Ink's chalk output opens and closes it. */
export interface Run {
  text: string;
  style: keyof typeof STYLES;
}

/** Styles a run can have: [open, close]. */
export const STYLES = {
  plain: ['', ''],
  red: ['\x1b[31m', '\x1b[39m'],
  gray: ['\x1b[90m', '\x1b[39m'],
  orange: ['\x1b[38;5;208m', '\x1b[39m'],
  rgb: ['\x1b[38;2;10;200;30m', '\x1b[39m'],
  blueBackground: ['\x1b[44m', '\x1b[49m'],
  bold: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  inverse: ['\x1b[7m', '\x1b[27m'],
  underline: ['\x1b[4m', '\x1b[24m'],
  boldRed: ['\x1b[1m\x1b[31m', '\x1b[39m\x1b[22m'],
} as const;

/** One line of a frame. */
export type FrameLine = Run[];

/** The line as Ink writes it, cut to `columns` cells (Ink never writes a line wider than the screen). */
export function renderLine(line: FrameLine, columns: number): string {
  let out = '';
  let used = 0;
  for (const run of line) {
    let text = '';
    for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(run.text)) {
      const width = stringWidth(segment);
      if (used + width > columns) break;
      used += width;
      text += segment;
    }
    if (text !== '') out += STYLES[run.style][0] + text + STYLES[run.style][1];
  }
  return out;
}

/** The frame text Ink hands log-update: lines joined, with the trailing newline. */
export function renderFrame(lines: readonly FrameLine[], columns: number): string {
  return `${lines.map((line) => renderLine(line, columns)).join('\n')}\n`;
}

/**
 * A diff writer over a fake TTY with Ink's log-update on top, and the same frames also written
 * unmodified into a reference screen (the caller disposes `writer`).
 */
export function writerBesideInk(columns = 40, rows = 10) {
  const tty = new FakeTty(columns, rows);
  const writer = new DiffWriter(tty.asStdout());
  const log = logUpdate.create(writer as never);
  const referenceTty = new FakeTty(columns, rows);
  const referenceLog = logUpdate.create(referenceTty as never);
  const ours = createScreen(columns, rows);
  const reference = createScreen(columns, rows);
  return {
    tty,
    writer,
    /** Renders a frame through both paths; resolves with the bytes the writer sent. */
    async frame(text: string): Promise<string> {
      log(text);
      referenceLog(text);
      const sent = tty.take();
      await feed(ours, sent);
      await feed(reference, referenceTty.take());
      return sent;
    },
    ours: () => snapshot(ours),
    reference: () => snapshot(reference),
    /** The reference terminal, and both log-updates (ours first), for writes outside `frame`. */
    referenceTty,
    logs: [log, referenceLog] as const,
    /** Feeds what both terminals were sent since. */
    async feedBoth(): Promise<void> {
      await feed(ours, tty.take());
      await feed(reference, referenceTty.take());
    },
  };
}
