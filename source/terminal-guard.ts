/**
 * Puts the terminal into full-screen mode and guarantees it is restored — on normal exit,
 * on an uncaught error and on every fatal signal Node lets a program handle (SIGINT, SIGTERM,
 * SIGHUP, SIGQUIT, SIGUSR2, SIGALRM, …). Losing the terminal (EIO/EPIPE on stdout or stdin: an
 * SSH drop, a killed tmux pane) is a quiet exit 129, never a crash. Ctrl-Z and SIGTSTP suspend
 * the way htop does: the terminal is restored, the process stops, and `fg` (SIGCONT) re-enters
 * full screen and redraws.
 * why: Ink 6.8's render options have no alternate screen (Ink's README, `render`), so jobtop writes the
 * sequences itself and owns their undoing.
 */

import { closeSync } from 'node:fs';

/**
 * Enter the alternate screen, reset the scroll region to the whole screen, hide the cursor.
 * why the scroll region: the diff writer moves rows with delete/insert lines, which act within
 * the scroll region; one left behind by an earlier program would make them move the wrong rows.
 */
export const ENTER_FULL_SCREEN = '\x1b[?1049h\x1b[r\x1b[?25l';
/** Show the cursor, leave the alternate screen, reset attributes. */
export const LEAVE_FULL_SCREEN = '\x1b[0m\x1b[?25h\x1b[?1049l';

/**
 * The signals that end jobtop with the terminal restored, and their numbers. Not here: SIGSEGV,
 * SIGBUS, SIGFPE and SIGILL (Node: a listener may loop forever on a real fault), SIGKILL and
 * SIGSTOP (cannot be caught), SIGUSR1 (Node's inspector; see GuardHooks.onInspectorSignal).
 */
export const GUARDED_SIGNALS = {
  SIGINT: 2,
  SIGTERM: 15,
  SIGHUP: 1,
  SIGQUIT: 3,
  SIGUSR2: 12,
  SIGALRM: 14,
  SIGVTALRM: 26,
  SIGXCPU: 24,
  SIGXFSZ: 25,
} as const;

/** Exit code after an uncaught error (EX_SOFTWARE). */
export const CRASH_EXIT_CODE = 70;

/** Exit code when the terminal went away (128 + SIGHUP, as if hung up). */
export const TERMINAL_LOST_EXIT_CODE = 129;

/** How long the way out waits for `beforeExit` (a logout) before exiting anyway. */
const EXIT_GRACE_MS = 2_000;

/** Errors that mean the terminal is gone (not a bug): EIO on a hung-up tty, EPIPE on a closed pipe. */
export function isTerminalLoss(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EIO' || code === 'EPIPE' || code === 'ENXIO' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * Closes the descriptors of a terminal that went away, just before exiting.
 * why: Node's exit hook (ResetStdio) restores the start-up termios on every tty descriptor and
 * asserts that this worked; on a hung-up tty it fails with EIO and Node aborts or segfaults
 * (exit 134/139) — seen when the parent ignores SIGHUP. It skips descriptors that are closed.
 */
function closeTerminalDescriptors(wasTty: readonly boolean[]): void {
  wasTty.forEach((tty, fd) => {
    if (!tty) return;
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  });
}

/** What the guard calls besides restoring the screen. */
export interface GuardHooks {
  /** Runs (bounded to 2 s, errors ignored) before any exit the guard makes: stop timers, log out. */
  beforeExit?: (reason: 'signal' | 'terminal-lost' | 'crash') => Promise<void> | void;
  /** After SIGCONT, once raw mode and the alternate screen are back: paint the whole frame. */
  redraw?: () => void;
  /** A note for the log (suspend, resume, terminal lost, SIGUSR1). */
  note?: (text: string) => void;
}

/** A full-screen session; `restore` is idempotent. */
export interface TerminalGuard {
  restore(): void;
  /** The uncaught-error path, for errors caught elsewhere (Ink's render errors): restore, report, exit. */
  fail(error: unknown): never;
  /** Restores the terminal and stops the process (Ctrl-Z); SIGCONT brings it back. */
  suspend(): void;
  /** True once the guard is on its way out (a signal, a lost terminal, a crash): it exits by itself. */
  exiting(): boolean;
  dispose(): void;
}

/**
 * Enters full screen on `stdout` and installs the restore hooks. `onFatal` receives an
 * uncaught error after the screen is restored (and must write to stderr, not stdout).
 */
export function guardTerminal(
  stdout: NodeJS.WriteStream,
  stdin: NodeJS.ReadStream,
  onFatal: (error: unknown) => void,
  hooks: GuardHooks = {},
): TerminalGuard {
  let restored = false;
  let leaving = false;
  // Which of fd 0–2 were terminals at start (a hung-up tty may no longer say so).
  const ttyDescriptors = [stdin.isTTY === true, stdout.isTTY === true, process.stderr.isTTY === true];
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    } catch {
      // The terminal may already be gone (SIGHUP); nothing left to restore on it.
    }
    try {
      stdout.write(LEAVE_FULL_SCREEN);
    } catch {
      // Same: a hung-up terminal cannot be written to.
    }
  };
  // why: on the way out (signal, crash) Ink's exit hook still flushes a last frame and a newline;
  // once the alternate screen is left, those would land on the operator's shell screen.
  const silenceStdout = () => {
    stdout.write = (_chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    };
  };
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const uninstall = () => {
    for (const [event, handler] of handlers) process.off(event, handler);
    process.off('exit', restore);
  };
  /** Leaves after `beforeExit` (bounded); the terminal is already restored or gone. */
  const leave = (code: number, reason: 'signal' | 'terminal-lost' | 'crash') => {
    if (leaving) return;
    leaving = true;
    // why: the handlers stay installed (and do nothing now): a second signal or a late EIO while
    // logging out must not fall back to Node's defaults (a stack trace, a kill by signal-exit).
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, EXIT_GRACE_MS);
    });
    const work = Promise.resolve()
      .then(() => hooks.beforeExit?.(reason))
      .catch(() => undefined);
    void Promise.race([work, grace]).then(() => {
      clearTimeout(timer);
      if (reason === 'terminal-lost') closeTerminalDescriptors(ttyDescriptors);
      process.exit(code);
    });
  };
  /** The terminal went away: write nothing more to it, report nothing, log out, exit 129. */
  const lost = (error?: unknown) => {
    if (leaving) return;
    hooks.note?.(
      `the terminal went away${error ? ` (${String((error as { code?: string }).code ?? (error instanceof Error ? error.message : 'unknown error'))})` : ''}; exiting`,
    );
    restored = true; // nothing can be restored on a terminal that is gone
    silenceStdout();
    try {
      stdin.pause();
    } catch {
      // already closed
    }
    leave(TERMINAL_LOST_EXIT_CODE, 'terminal-lost');
  };
  // why: a write to a hung-up tty fails asynchronously with an 'error' event; unhandled, that was a
  // crash report (and, with HUP ignored by the parent, a native crash on the way out).
  const onStreamError = (error: unknown) => (isTerminalLoss(error) ? lost(error) : fail(error));
  stdout.on('error', onStreamError);
  stdin.on('error', onStreamError);
  for (const [signal, number] of Object.entries(GUARDED_SIGNALS)) {
    const handler = () => {
      if (leaving) return;
      restore();
      silenceStdout();
      // why 128+n rather than re-raising the signal: Ink's signal-exit also listens and would run
      // its exit hooks first; the shell shows the same status either way ($? = 130 for SIGINT).
      leave(128 + number, signal === 'SIGHUP' ? 'terminal-lost' : 'signal');
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  const suspend = () => {
    if (leaving || restored) return;
    hooks.note?.('suspended (Ctrl-Z); fg resumes');
    restore();
    process.once('SIGCONT', resume);
    // why SIGSTOP, not SIGTSTP: this process handles SIGTSTP itself; SIGSTOP cannot be caught.
    process.kill(process.pid, 'SIGSTOP');
  };
  const resume = () => {
    if (leaving) return;
    restored = false;
    try {
      if (stdin.isTTY) stdin.setRawMode(true);
      stdout.write(ENTER_FULL_SCREEN);
    } catch (error) {
      if (isTerminalLoss(error)) return lost(error);
      throw error;
    }
    hooks.note?.('resumed');
    hooks.redraw?.();
  };
  handlers.set('SIGTSTP', suspend);
  process.on('SIGTSTP', suspend);
  // why: SIGUSR1 would start Node's inspector, whose banner goes straight to the terminal over
  // the frame; a listener replaces that (debug with `node --inspect` instead).
  const onUsr1 = () =>
    hooks.note?.('SIGUSR1 ignored: the inspector is not started in the monitor (use node --inspect)');
  handlers.set('SIGUSR1', onUsr1);
  process.on('SIGUSR1', onUsr1);
  const fail = (error: unknown): never => {
    if (isTerminalLoss(error) && (error as { syscall?: unknown }).syscall !== 'connect') {
      lost(error);
      return undefined as never;
    }
    if (leaving) return undefined as never;
    restore();
    silenceStdout();
    try {
      onFatal(error);
    } finally {
      leave(CRASH_EXIT_CODE, 'crash');
    }
    return undefined as never;
  };
  handlers.set('uncaughtException', fail);
  handlers.set('unhandledRejection', fail);
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  process.on('exit', restore);
  stdout.write(ENTER_FULL_SCREEN);
  return {
    restore,
    fail,
    suspend,
    exiting: () => leaving,
    dispose() {
      restore();
      uninstall();
      stdout.off('error', onStreamError);
      stdin.off('error', onStreamError);
    },
  };
}
