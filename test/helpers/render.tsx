/**
 * THE view-test helper: renders through ink-testing-library 4.0.0 at a chosen terminal size,
 * presses keys as a terminal sends them, and waits for frames by polling (never fixed sleeps).
 */
import type { ReactElement } from 'react';
import { render as inkRender } from 'ink-testing-library';
import stringWidth from 'string-width';
import { App, type AppProps } from '../../source/ui/app.js';
import type { FakeStore } from './fake-store.js';
import { T0 } from './jobs.js';

export { KEYS } from './keys.js';

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** Text without escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Display width of a frame line (escape sequences removed). */
export function lineCells(line: string): number {
  return stringWidth(stripAnsi(line));
}

/** Lets pending input flushes, effects and timers of zero delay run. */
export async function tick(times = 2): Promise<void> {
  for (let index = 0; index < times; index += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Polls `predicate` until it returns truthy (then returns that), or fails after `timeoutMs` with `describe()`. */
export async function waitFor<T>(
  predicate: () => T,
  options: { timeoutMs?: number; describe?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 3000);
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`waitFor timed out${options.describe ? `:\n${options.describe()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A rendered tree with helpers. */
export interface Rendered {
  /** The last frame, colours included. */
  raw(): string;
  /** The last frame without escape sequences. */
  frame(): string;
  /** Lines of the plain frame. */
  lines(): string[];
  /** Writes key sequences to stdin, one press at a time (an Esc is flushed before the next key). */
  press(...keys: string[]): Promise<void>;
  /** Types text one character per key press. */
  type(text: string): Promise<void>;
  /** Waits until the plain frame contains `text` (or satisfies the predicate); returns the frame. */
  waitFor(match: string | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Changes the terminal size and emits 'resize'. */
  resize(columns: number, rows: number): Promise<void>;
  unmount(): void;
}

/** Renders any element at `columns`×`rows` (rows undefined = like ink-testing-library: none). */
export async function renderAt(tree: ReactElement, size: { columns?: number; rows?: number } = {}): Promise<Rendered> {
  const instance = inkRender(tree);
  const stdout = instance.stdout as unknown as { columns: number; rows?: number; emit(event: string): boolean };
  const resize = async (columns: number, rows: number | undefined) => {
    // why: ink-testing-library's stdout has a fixed 100-column getter and no rows.
    Object.defineProperty(stdout, 'columns', { value: columns, configurable: true, writable: true });
    Object.defineProperty(stdout, 'rows', { value: rows, configurable: true, writable: true });
    await tick();
    stdout.emit('resize');
    await tick();
  };
  if (size.columns !== undefined || size.rows !== undefined) await resize(size.columns ?? 100, size.rows);
  else await tick();
  const frame = () => stripAnsi(instance.lastFrame() ?? '');
  return {
    raw: () => instance.lastFrame() ?? '',
    frame,
    lines: () => frame().split('\n'),
    async press(...keys) {
      for (const key of keys) {
        instance.stdin.write(key);
        await tick();
      }
    },
    async type(text) {
      for (const char of text) {
        instance.stdin.write(char);
        await tick(1);
      }
    },
    waitFor: (match, timeoutMs) =>
      waitFor(
        () => {
          const current = frame();
          return (typeof match === 'string' ? current.includes(match) : match(current)) ? current : '';
        },
        {
          timeoutMs,
          describe: () =>
            `expected ${typeof match === 'string' ? JSON.stringify(match) : 'predicate'} in frame:\n${frame()}`,
        },
      ),
    resize: (columns, rows) => resize(columns, rows),
    unmount: () => instance.unmount(),
  };
}

/** Options of renderApp: App props except the store, plus the terminal size. */
export interface RenderAppOptions extends Partial<Omit<AppProps, 'store'>> {
  columns?: number;
  rows?: number;
}

/** A rendered App with the fake store, recorded raw writes (bell, OSC 52) and exits. */
export interface RenderedApp extends Rendered {
  store: FakeStore;
  writes: string[];
  exits: () => number;
}

/** Renders the App against a fake store; the clock is fixed at T0 unless `now` is given. */
export async function renderApp(store: FakeStore, options: RenderAppOptions = {}): Promise<RenderedApp> {
  const writes: string[] = [];
  let exits = 0;
  const { columns, rows, ...props } = options;
  const rendered = await renderAt(
    <App store={store} now={() => T0} onExit={() => (exits += 1)} write={(data) => writes.push(data)} {...props} />,
    { columns, rows },
  );
  return { ...rendered, store, writes, exits: () => exits };
}
