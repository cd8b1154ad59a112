/**
 * Runs the real, built jobtop CLI in a real pseudo-terminal (node-pty) and emulates the
 * screen with xterm's headless terminal, so end-to-end tests assert on what a person sees —
 * and on the raw bytes that reached the terminal.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pty from 'node-pty';
import xterm from '@xterm/headless';

/** The built CLI the tests run (`npm test` builds it first). */
export const CLI_PATH = resolve(import.meta.dirname, '../../dist/cli.js');

export { KEYS } from './keys.js';

/** A jobtop process in a pseudo-terminal. */
export interface TerminalSession {
  /** Every byte jobtop wrote, in order. */
  output(): string;
  /** The emulated screen, one string per row (trailing spaces trimmed). */
  screen(): string[];
  /** Resolves when the screen contains the text (or matches the pattern); rejects after `timeoutMs` with the screen. */
  waitForScreen(match: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Types keys, waiting a moment between them like a person. */
  press(...keys: string[]): Promise<void>;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ exitCode: number; signal?: number }>;
  /** The terminal-mode state the app left: alternate screen, cursor visibility. */
  modes(): { alternateScreen: boolean; cursorHidden: boolean };
}

/** Options for a session. */
export interface SessionOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
}

/** Starts `node dist/cli.js ...args` in a pseudo-terminal with a fresh HOME (so no config is found). */
export function startJobtop(args: string[], options: SessionOptions = {}): TerminalSession {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const home = mkdtempSync(join(tmpdir(), 'jobtop-home-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    TERM: 'xterm-256color',
    ...options.env,
  })) {
    if (value !== undefined) env[key] = value;
  }
  // why: with CI=true Ink renders only the last frame (Ink's README, "CI"); CI sets it.
  delete env.CI;
  delete env.JOBTOP_CONFIG;
  const terminal = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const child = pty.spawn(process.execPath, [CLI_PATH, ...args], {
    cols,
    rows,
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
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolveExit) =>
    child.onExit((event) => resolveExit(event)),
  );

  const screen = () => {
    const lines: string[] = [];
    const buffer = terminal.buffer.active;
    for (let row = 0; row < terminal.rows; row++)
      lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    return lines;
  };

  return {
    output: () => raw,
    screen,
    async waitForScreen(match, timeoutMs = 15_000) {
      const test =
        typeof match === 'function'
          ? match
          : (text: string) => (typeof match === 'string' ? text.includes(match) : match.test(text));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await pending;
        const text = screen().join('\n');
        if (test(text)) return text;
        if (Date.now() > deadline) throw new Error(`screen never matched ${String(match)}; it shows:\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async press(...keys) {
      for (const key of keys) {
        child.write(key);
        await new Promise((r) => setTimeout(r, 60));
      }
    },
    resize(newCols, newRows) {
      child.resize(newCols, newRows);
      terminal.resize(newCols, newRows);
    },
    kill(signal = 'SIGTERM') {
      child.kill(signal);
    },
    exited,
    modes() {
      return {
        alternateScreen: terminal.buffer.active.type === 'alternate',
        cursorHidden: lastIndex(raw, '\x1b[?25l') > lastIndex(raw, '\x1b[?25h'),
      };
    },
  };
}

function lastIndex(text: string, needle: string): number {
  return text.lastIndexOf(needle);
}
