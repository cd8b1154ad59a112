/**
 * Terminal safety end to end: the built CLI runs the full-screen monitor against the demo
 * fleet in a real pseudo-terminal, inside a shell that records the terminal's termios with
 * `stty -g` before and after. Killed by SIGINT, SIGTERM, SIGHUP or SIGQUIT, or crashing, it
 * must leave the terminal as it found it: raw mode off, cursor shown, alternate screen left,
 * nothing drawn on the shell's screen afterwards — and a crash explains itself there.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH } from '../helpers/terminal.js';
import { buildCrashCli } from '../helpers/crash-cli.js';

/** A shell in a pseudo-terminal that saves `stty -g` before and after running jobtop, then prints jobtop's exit status. */
interface WrappedRun {
  dir: string;
  screen(): string;
  output(): string;
  /** Resolves once the screen shows what `test` accepts (polling the emulated screen). */
  waitForScreen(what: string, test: (screen: string) => boolean): Promise<void>;
  /** jobtop's own pid (the shell's child). */
  jobtopPid(): number;
  /** Resolves when the shell ended: jobtop's exit status as the shell saw it. */
  finished: Promise<number>;
  alternateScreen(): boolean;
  cursorHidden(): boolean;
  termios(): { before: string; after: string };
}

function runWrapped(args: string[], env: Record<string, string> = {}, cli = CLI_PATH): WrappedRun {
  const dir = mkdtempSync(join(tmpdir(), 'jobtop-signals-'));
  const childEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // why: with CI=true Ink renders only the last frame (Ink's README, "CI"); the rest would change what runs.
    if (
      value !== undefined &&
      key !== 'CI' &&
      key !== 'JOBTOP_CONFIG' &&
      !key.startsWith('JOBTOP_DEMO_') &&
      !key.startsWith('JOBTOP_TEST_')
    )
      childEnv[key] = value;
  }
  Object.assign(childEnv, { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), TERM: 'xterm-256color' }, env);
  const command = `stty -g > before; ${[process.execPath, cli, ...args].map((arg) => `'${arg}'`).join(' ')}; code=$?; stty -g > after; echo "jobtop-exit=$code"; sleep 0.2`;
  const terminal = new xterm.Terminal({ cols: 120, rows: 30, allowProposedApi: true, scrollback: 0 });
  const shell = pty.spawn('/bin/bash', ['--norc', '--noprofile', '-c', command], {
    cols: 120,
    rows: 30,
    cwd: dir,
    env: childEnv,
    name: 'xterm-256color',
  });
  let raw = '';
  let pending = Promise.resolve();
  shell.onData((data) => {
    raw += data;
    pending = new Promise((done) => terminal.write(data, done));
  });
  const screen = () => {
    const buffer = terminal.buffer.active;
    return Array.from(
      { length: terminal.rows },
      (_, row) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '',
    ).join('\n');
  };
  const finished = new Promise<number>((resolve) => {
    shell.onExit(() => {
      void pending.then(() => {
        const match = /jobtop-exit=(\d+)/.exec(raw);
        resolve(match ? Number(match[1]) : -1);
      });
    });
  });
  return {
    dir,
    screen,
    output: () => raw,
    async waitForScreen(what, test) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        await pending;
        if (test(screen())) return;
        if (Date.now() > deadline) throw new Error(`the screen never showed ${what}; it shows:\n${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    jobtopPid() {
      const children = readFileSync(`/proc/${shell.pid}/task/${shell.pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean);
      if (children.length !== 1)
        throw new Error(`expected one child of the shell, found ${children.join(', ') || 'none'}`);
      return Number(children[0]);
    },
    finished,
    alternateScreen: () => terminal.buffer.active.type === 'alternate',
    cursorHidden: () => raw.lastIndexOf('\x1b[?25l') > raw.lastIndexOf('\x1b[?25h'),
    termios: () => ({
      before: readFileSync(join(dir, 'before'), 'utf8').trim(),
      after: readFileSync(join(dir, 'after'), 'utf8').trim(),
    }),
  };
}

/** The monitor is up and every demo source answered: raw mode is on and the alternate screen shows jobs. */
const LIVE = (screen: string) => (screen.match(/\bOK\b/g) ?? []).length >= 5;

/** What reached the terminal after jobtop left the alternate screen, minus cursor-show sequences and the shell's own line. */
function afterLeaving(raw: string): string {
  const left = raw.lastIndexOf('\x1b[?1049l');
  return raw
    .slice(left + '\x1b[?1049l'.length)
    .replaceAll('\x1b[?25h', '')
    .replace(/jobtop-exit=\d+\s*$/, '');
}

describe('terminal restore', () => {
  // The crash cases run a test-only build whose App fails on demand (test/helpers/crash-app.tsx).
  let crashCli = '';
  beforeAll(async () => {
    crashCli = await buildCrashCli();
  }, 120_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGQUIT', 131],
    ['SIGUSR2', 140],
    ['SIGALRM', 142],
  ] as const)('%s: raw mode off, cursor shown, alternate screen left, nothing drawn after', async (signal, status) => {
    const run = runWrapped(['--demo']);
    await run.waitForScreen('every demo source OK', LIVE);
    expect(run.alternateScreen()).toBe(true);
    process.kill(run.jobtopPid(), signal);
    expect(await run.finished).toBe(status);
    const { before, after } = run.termios();
    expect(after).toBe(before);
    expect(before).not.toBe('');
    expect(run.alternateScreen()).toBe(false);
    expect(run.cursorHidden()).toBe(false);
    expect(afterLeaving(run.output())).toBe('');
  });

  it('SIGUSR1 starts no inspector: no banner over the frame, the monitor keeps running', async () => {
    const logPath = join(mkdtempSync(join(tmpdir(), 'jobtop-usr1-')), 'jobtop.log');
    const run = runWrapped(['--demo', `--log-file=${logPath}`]);
    await run.waitForScreen('every demo source OK', LIVE);
    const pid = run.jobtopPid();
    process.kill(pid, 'SIGUSR1');
    // why: jobtop's own handler notes the signal in the log; once it ran, Node's inspector can no longer start.
    const noted = () => existsSync(logPath) && readFileSync(logPath, 'utf8').includes('SIGUSR1 ignored');
    for (const deadline = Date.now() + 10_000; !noted() && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(noted()).toBe(true);
    expect(run.output()).not.toContain('Debugger listening');
    expect(run.alternateScreen()).toBe(true);
    process.kill(pid, 'SIGINT');
    expect(await run.finished).toBe(130);
  });

  it.each(['throw', 'rejection', 'render'])(
    'an uncaught error (%s) is printed after the screen is restored, with a hint and the log path',
    async (kind) => {
      const dir = mkdtempSync(join(tmpdir(), 'jobtop-crash-'));
      const logPath = join(dir, 'jobtop.log');
      const run = runWrapped(['--demo', `--log-file=${logPath}`], { JOBTOP_TEST_CRASH: kind }, crashCli);
      expect(await run.finished).toBe(70);
      const { before, after } = run.termios();
      expect(after).toBe(before);
      expect(run.alternateScreen()).toBe(false);
      expect(run.cursorHidden()).toBe(false);
      const shown = afterLeaving(run.output());
      expect(shown).toMatch(/^jobtop crashed: Error: JOBTOP_TEST_CRASH: a test-only /);
      expect(shown).toContain('The terminal was restored.');
      expect(shown).toContain(`The full error is in ${logPath} (the log file).`);
      expect(shown).toContain('Hint: this is a bug in jobtop; please report it with that file.');
      // The message is on the shell's screen, below where jobtop started.
      expect(run.screen()).toContain('jobtop crashed: Error: JOBTOP_TEST_CRASH');
      const log = readFileSync(logPath, 'utf8');
      expect(log).toMatch(/ERROR jobtop crashed \(jobtop \d+\.\d+\.\d+ on Node v\d+/);
      expect(log).toContain('JOBTOP_TEST_CRASH: a test-only');
      expect(log).toMatch(/ERROR\s+at /); // the stack
    },
  );

  it('without --log-file, the crash report goes to a new file the message names', async () => {
    const run = runWrapped(['--demo'], { JOBTOP_TEST_CRASH: '1' }, crashCli);
    expect(await run.finished).toBe(70);
    const shown = afterLeaving(run.output());
    const path = /The full error is in (\S+)\.\r?\n/.exec(shown)?.[1];
    expect(path).toMatch(/jobtop-crash-\d+-\d+\.log$/);
    expect(existsSync(path!)).toBe(true);
    expect(readFileSync(path!, 'utf8')).toContain('JOBTOP_TEST_CRASH: a test-only uncaught exception');
    expect(shown).toContain('Run with --log-file FILE to keep a log of source errors and retries too.');
    rmSync(path!);
  });

  it('console output, stderr writes and process warnings go to the log file, never onto the live screen', async () => {
    const logPath = join(mkdtempSync(join(tmpdir(), 'jobtop-log-')), 'diagnostics.log');
    const run = runWrapped(
      ['--demo', `--log-file=${logPath}`],
      { JOBTOP_TEST_CRASH: 'console', JOBTOP_DEMO_FAULTS: 'vectara=503' },
      crashCli,
    );
    await run.waitForScreen(
      'four sources OK and Vectara failing',
      (screen) => (screen.match(/\bOK\b/g) ?? []).length >= 4 && screen.includes('503 server error'),
    );
    // The test hook writes right after every source answered once; wait until the log has its last line.
    await run.waitForScreen(
      '(log complete)',
      () => existsSync(logPath) && readFileSync(logPath, 'utf8').includes('JOBTOP_TEST_CRASH process warning'),
    );
    process.kill(run.jobtopPid(), 'SIGTERM');
    expect(await run.finished).toBe(143);
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('INFO  console.log: JOBTOP_TEST_CRASH console.log line');
    expect(log).toContain('ERROR console.error: JOBTOP_TEST_CRASH console.error line');
    expect(log).toContain('WARN  stderr: JOBTOP_TEST_CRASH direct stderr line');
    expect(log).toContain('WARN  Warning: JOBTOP_TEST_CRASH process warning');
    expect(log).toMatch(/INFO {2}demo-osapi: first answer, \d+ jobs/);
    // Source failures are logged with the server's words and the next retry, not shown as text on the screen.
    expect(log).toMatch(
      /WARN {2}demo-vectara: 503 server error: upstream connect error .* \(GET \/v2\/jobs\) \(failure 1; next try in \d+\.\d s\)/,
    );
    expect(run.output()).not.toContain('upstream connect error');
    expect(run.output()).not.toContain('JOBTOP_TEST_CRASH');
  });
});
