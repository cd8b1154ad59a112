/**
 * Hostile data end to end: the full-screen monitor in a real pseudo-terminal against the demo
 * fleet in hostile mode (escape sequences, C0/C1 controls, 8-bit CSI, bidi overrides,
 * zero-width, wide and combining characters and huge strings in every rendered field and in
 * some job ids). Nothing that came from a server may reach the terminal as a control, and the
 * table must stay aligned on the emulated screen.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDERS } from '../../source/domain/sanitize.js';
import { layoutColumns } from '../../source/ui/columns.js';
import { CLI_PATH, KEYS } from '../helpers/terminal.js';

const COLS = 160;
const ROWS = 40;

/** Sequences and characters the hostile payloads carry and jobtop itself never sends. */
const FORBIDDEN: Record<string, string> = {
  'OSC 0 title change': '\x1b]0;',
  'OSC 2 title change': '\x1b]2;',
  'OSC 52 clipboard write': '\x1b]52;',
  'any other OSC': '\x1b]',
  'DCS (DECRQSS answerback)': '\x1bP',
  'CSI 3J clear scrollback': '\x1b[3J',
  'title report request': '\x1b[21t',
  'concealed text': '\x1b[8m',
  'save cursor': '\x1b7',
  'restore cursor': '\x1b8',
  'absolute cursor move of the payload': '\x1b[5;5H\x1b[3A',
  '8-bit CSI': '\u009b',
  '8-bit OSC': '\u009d',
  '8-bit DCS': '\u0090',
  '8-bit ST': '\u009c',
  NEL: '\u0085',
  'reverse index': '\u008d',
  BEL: '\x07',
  backspace: '\x08',
  NUL: '\x00',
  'vertical tab': '\x0b',
  'form feed': '\x0c',
  DEL: '\x7f',
  'right-to-left override': '\u202e',
  'left-to-right isolate': '\u2066',
  'zero-width space': '\u200b',
  'word joiner': '\u2060',
  'byte order mark': '\ufeff',
};

/** One emulated screen cell: its text ('' for the second half of a wide character) and its width. */
interface Cell {
  chars: string;
  width: number;
}

/**
 * jobtop in a pseudo-terminal, like test/helpers/terminal.ts, but with cell-level access to the
 * emulated screen: with wide characters on a line, string offsets no longer equal columns.
 */
function startHostileMonitor() {
  const home = mkdtempSync(join(tmpdir(), 'jobtop-hostile-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    TERM: 'xterm-256color',
    JOBTOP_DEMO_HOSTILE: '1',
  })) {
    // why: with CI=true Ink renders only the last frame (Ink's README, "CI").
    if (value !== undefined && key !== 'CI' && key !== 'JOBTOP_CONFIG' && key !== 'JOBTOP_DEMO_FAULTS')
      env[key] = value;
  }
  const terminal = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true, scrollback: 0 });
  useModernWidths(terminal);
  const child = pty.spawn(process.execPath, [CLI_PATH, '--demo'], {
    cols: COLS,
    rows: ROWS,
    env,
    cwd: home,
    name: 'xterm-256color',
  });
  let raw = '';
  let pending = Promise.resolve();
  child.onData((data) => {
    raw += data;
    pending = new Promise((done) => terminal.write(data, done));
  });
  const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
  const buffer = () => terminal.buffer.active;
  const screen = () =>
    Array.from(
      { length: ROWS },
      (_, row) =>
        buffer()
          .getLine(buffer().viewportY + row)
          ?.translateToString(true) ?? '',
    );
  return {
    output: () => raw,
    screen,
    cells(row: number): Cell[] {
      const line = buffer().getLine(buffer().viewportY + row);
      return Array.from({ length: COLS }, (_, x) => {
        const cell = line?.getCell(x);
        return { chars: cell?.getChars() ?? '', width: cell?.getWidth() ?? 1 };
      });
    },
    async waitForScreen(test: (screen: string) => boolean): Promise<void> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        await pending;
        if (test(screen().join('\n'))) return;
        if (Date.now() > deadline) throw new Error(`the screen never matched; it shows:\n${screen().join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async press(...keys: string[]): Promise<void> {
      for (const key of keys) {
        child.write(key);
        await new Promise((resolve) => setTimeout(resolve, 80));
      }
    },
    async stop(): Promise<void> {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Makes the emulator measure characters as current terminals do.
 * why: xterm.js ships Unicode 6 width tables, where emoji such as 🚀 take one cell; VTE, iTerm2,
 * kitty, Windows Terminal (and xterm.js with its unicode11 addon, not installed here) give them
 * two, as Unicode 9+ East Asian Width and string-width do. The provider below is xterm's own
 * Unicode 6 provider with string-width as wcwidth.
 */
function useModernWidths(terminal: InstanceType<typeof xterm.Terminal>): void {
  const wcwidth = (codepoint: number) => Math.min(2, stringWidth(String.fromCodePoint(codepoint))) as 0 | 1 | 2;
  terminal.unicode.register({
    version: 'string-width',
    wcwidth,
    charProperties(codepoint, preceding) {
      // The packing of xterm's UnicodeService: state << 3 | width << 1 | shouldJoin.
      let width: number = wcwidth(codepoint);
      let join = width === 0 && preceding !== 0;
      if (join) {
        const previous = (preceding >> 1) & 3;
        if (previous === 0) join = false;
        else if (previous > width) width = previous;
      }
      return ((width & 3) << 1) | (join ? 1 : 0);
    },
  });
  terminal.unicode.activeVersion = 'string-width';
}

describe('the monitor against hostile servers', () => {
  let session: ReturnType<typeof startHostileMonitor>;
  let listScreen: string[];
  let listCells: Cell[][];

  beforeAll(async () => {
    session = startHostileMonitor();
    // why: all six demo sources healthy, and the frame whole — a frame arrives in chunks, header
    // first, and the table's rows and the footer after it.
    await session.waitForScreen(
      (screen) =>
        (screen.match(/\bOK\b/g) ?? []).length >= 6 && /j\/k move/.test(screen.trimEnd().split('\n').at(-1) ?? ''),
    );
    listScreen = session.screen();
    listCells = listScreen.map((_, row) => session.cells(row));
    // Walk through the detail tabs of the selected job and back, so messages, results and raw records render too.
    await session.press(
      KEYS.enter,
      KEYS.tab,
      KEYS.tab,
      KEYS.tab,
      KEYS.tab,
      KEYS.escape,
      'j',
      'j',
      KEYS.enter,
      '3',
      '4',
      '5',
      KEYS.escape,
    );
    await session.waitForScreen((screen) => /STATE.*SOURCE.*TYPE/.test(screen));
  });
  afterAll(async () => {
    await session?.stop();
  });

  it('sends the terminal no sequence or control that came from server data', () => {
    const raw = session.output();
    for (const [what, needle] of Object.entries(FORBIDDEN)) expect(raw.includes(needle), what).toBe(false);
    // The screen is cleared only by jobtop's own full repaints (home, then clear).
    const clears = [...raw.matchAll(/\x1b\[2J/g)].map((match) => match.index);
    expect(clears.length).toBeGreaterThan(0);
    for (const at of clears) expect(raw.slice(at - 3, at)).toBe('\x1b[H');
    // jobtop moves its cursor with CR itself, so look for the payloads' own line breaks around their text.
    expect(raw.includes('c\rd'), 'carriage return from data').toBe(false);
    expect(raw.includes('ok\n') || raw.includes('fake-row\r'), 'line break from data').toBe(false);
  });

  it('shows what the servers tried, as visible placeholders', () => {
    const text = session.output();
    expect(text).toContain(PLACEHOLDERS.bidi);
    expect(text).toContain(PLACEHOLDERS.hidden);
    expect(text).toContain('作业数据');
  });

  it('keeps every table row aligned to the header’s columns', () => {
    const columns = layoutColumns(COLS);
    const starts: number[] = [];
    let x = 0;
    for (const column of columns) {
      starts.push(x);
      x += column.width + 1;
    }
    const headerRow = listScreen.findIndex((line) => /STATE.*SOURCE.*TYPE/.test(line));
    expect(headerRow).toBeGreaterThanOrEqual(0);
    const header = listScreen[headerRow];
    columns.forEach((column, index) => {
      const cell = header.slice(starts[index], starts[index] + column.width);
      if (column.title)
        expect(
          column.align === 'left' ? cell.startsWith(column.title) : cell.trimEnd().endsWith(column.title),
          `${column.title} in ${JSON.stringify(cell)}`,
        ).toBe(true);
    });
    const source = columns.findIndex((column) => column.id === 'source');
    const state = columns.findIndex((column) => column.id === 'state');
    const text = (row: Cell[], from: number, to: number) =>
      row
        .slice(from, to)
        .map((cell) => cell.chars)
        .join('');
    let checked = 0;
    for (const row of listCells.slice(headerRow + 1)) {
      if (text(row, starts[source], starts[source] + 5) !== 'demo-') continue;
      checked += 1;
      const shown = row.map((cell) => cell.chars).join('');
      expect(text(row, starts[state] + 2, starts[state + 1] - 1).trim(), shown).toMatch(
        /^(queued|running|succeeded|failed|cancelled|partial|skipped|unknown)$/,
      );
      for (const start of starts.slice(1)) {
        // The separator before each column is a blank single cell (a space, or erased), never half of a wide character.
        expect(
          row[start - 1].chars.trim() === '' && row[start - 1].width === 1,
          `${shown} at ${start - 1}: ${JSON.stringify(row[start - 1])}`,
        ).toBe(true);
        expect(row[start].width, `${shown} at ${start}`).toBeGreaterThan(0);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
