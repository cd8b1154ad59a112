/**
 * Puts the terminal into full-screen mode and guarantees it is restored — on normal exit,
 * on an uncaught error and on SIGINT, SIGTERM, SIGHUP (SSH disconnect) and SIGQUIT.
 * why: Ink 6.8 has no alternate-screen option (architecture.md), so jobtop writes the
 * sequences itself and owns their undoing.
 */

/** Enter the alternate screen, hide the cursor. */
export const ENTER_FULL_SCREEN = '\x1b[?1049h\x1b[?25l';
/** Show the cursor, leave the alternate screen, reset attributes. */
export const LEAVE_FULL_SCREEN = '\x1b[0m\x1b[?25h\x1b[?1049l';

/** The signals that end jobtop with the terminal restored, and their numbers. */
export const GUARDED_SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGQUIT: 3 } as const;

/** Exit code after an uncaught error (EX_SOFTWARE). */
export const CRASH_EXIT_CODE = 70;

/** A full-screen session; `restore` is idempotent. */
export interface TerminalGuard {
  restore(): void;
  /** The uncaught-error path, for errors caught elsewhere (Ink's render errors): restore, report, exit. */
  fail(error: unknown): never;
  dispose(): void;
}

/**
 * Enters full screen on `stdout` and installs the restore hooks. `onFatal` receives an
 * uncaught error after the screen is restored (and must write to stderr, not stdout).
 */
export function guardTerminal(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, onFatal: (error: unknown) => void): TerminalGuard {
  let restored = false;
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
    stdout.write = ((_chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    });
  };
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const uninstall = () => {
    for (const [event, handler] of handlers) process.off(event, handler);
    process.off('exit', restore);
  };
  for (const [signal, number] of Object.entries(GUARDED_SIGNALS)) {
    const handler = () => {
      restore();
      silenceStdout();
      uninstall();
      // why 128+n rather than re-raising the signal: Ink's signal-exit also listens and would run
      // its exit hooks first; the shell shows the same status either way ($? = 130 for SIGINT).
      process.exit(128 + number);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  const fail = (error: unknown): never => {
    restore();
    silenceStdout();
    uninstall();
    try {
      onFatal(error);
    } finally {
      process.exit(CRASH_EXIT_CODE);
    }
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
    dispose() {
      restore();
      uninstall();
    },
  };
}
