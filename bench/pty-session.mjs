/**
 * A program in a real pseudo-terminal (node-pty) with an emulated screen (@xterm/headless):
 * every output chunk is timed and counted, and `until` resolves with the arrival time of the
 * chunk after which the screen first satisfies a test — the moment a person would see it.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pty from 'node-pty';
import xterm from '@xterm/headless';

/** The built CLI (a snapshot of dist/ once `snapshotDist` ran), for runs that pass node flags. */
export let CLI = resolve(import.meta.dirname, '../dist/cli.js');

/** The `jobtop` command beside it (the launcher an operator runs; package.json "bin"), which the rows measure. */
export let JOBTOP = resolve(import.meta.dirname, '../dist/jobtop');

/**
 * Copies dist/ to a temporary directory and runs that copy from then on.
 * why: a rebuild (`npm run build` empties dist/ first) during a ten-minute bench would make
 * the runs after it fail; the bundle has no run-time dependencies outside dist/.
 */
export function snapshotDist() {
  const copy = join(mkdtempSync(join(tmpdir(), 'jobtop-bench-dist-')), 'dist');
  cpSync(resolve(import.meta.dirname, '../dist'), copy, { recursive: true });
  CLI = join(copy, 'cli.js');
  JOBTOP = join(copy, 'jobtop');
}

/** Starts the `jobtop` command (the launcher, as an operator runs it) with `args` in a pty, like `startSession`. */
export function startJobtop(args, options) {
  return startSession(JOBTOP, args, options);
}

/** A fresh HOME so no user config is found. */
export function freshHome() {
  return mkdtempSync(join(tmpdir(), 'jobtop-bench-home-'));
}

/** Starts `command args` at `cols`×`rows`; env is added to a clean copy of this process's (CI and JOBTOP_* removed). */
export function startSession(command, args, { cols = 120, rows = 40, env = {} } = {}) {
  const home = freshHome();
  const clean = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), TERM: 'xterm-256color', ...env };
  for (const key of Object.keys(clean))
    if (clean[key] === undefined || key === 'CI' || (key.startsWith('JOBTOP_') && !(key in env))) delete clean[key];
  const terminal = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const startedAt = performance.now();
  const child = pty.spawn(command, args, { cols, rows, env: clean, cwd: home, name: 'xterm-256color' });
  /** Every chunk: arrival (performance.now()), wall clock (Date.now()) and bytes. */
  const chunks = [];
  const watchers = new Set();
  let parsed = Promise.resolve();
  child.onData((data) => {
    const chunk = { at: performance.now(), wall: Date.now(), bytes: Buffer.byteLength(data) };
    chunks.push(chunk);
    parsed = parsed
      .then(() => new Promise((done) => terminal.write(data, done)))
      .then(() => {
        for (const watcher of [...watchers]) watcher(chunk.at);
      });
  });
  const exited = new Promise((resolveExit) =>
    child.onExit((event) => resolveExit({ ...event, at: performance.now() })),
  );

  const text = () => {
    const buffer = terminal.buffer.active;
    const lines = [];
    for (let row = 0; row < terminal.rows; row++)
      lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    return lines.join('\n');
  };

  return {
    child,
    /** The emulated screen (cells with their colours and attributes). */
    terminal,
    pid: child.pid,
    startedAt,
    chunks,
    exited,
    text,
    /** Resolves with the arrival time of the output that made `test(screen)` true (now, if it already is). */
    until(test, timeoutMs = 120_000) {
      return new Promise((resolveUntil, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`screen never matched ${test}; it shows:\n${text()}`));
        }, timeoutMs);
        const check = (at) => {
          if (!test(text())) return;
          watchers.delete(check);
          clearTimeout(timer);
          resolveUntil(at);
        };
        parsed.then(() => {
          if (test(text())) {
            clearTimeout(timer);
            resolveUntil(performance.now());
          } else watchers.add(check);
        });
      });
    },
    /** Writes keys and resolves when `test` holds (within `timeoutMs`); resolves with milliseconds from the write to that output. */
    async press(keys, test, timeoutMs) {
      await parsed;
      const before = performance.now();
      child.write(keys);
      const at = await this.until(test, timeoutMs);
      return Math.max(0, at - before);
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Milliseconds to wait. */
export const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
