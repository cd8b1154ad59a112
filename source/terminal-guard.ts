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

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGQUIT: 3 } as const;

/** A full-screen session; `restore` is idempotent. */
export interface TerminalGuard {
  restore(): void;
  dispose(): void;
}

/**
 * Enters full screen on `stdout` and installs the restore hooks. `onFatal` receives an
 * uncaught error after the screen is restored.
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
  const handlers = new Map<string, (...args: unknown[]) => void>();
  for (const [signal, number] of Object.entries(SIGNALS)) {
    const handler = () => {
      restore();
      process.exit(128 + number);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  const fatal = (error: unknown) => {
    restore();
    onFatal(error);
    process.exit(70);
  };
  handlers.set('uncaughtException', fatal);
  handlers.set('unhandledRejection', fatal);
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  process.on('exit', restore);
  stdout.write(ENTER_FULL_SCREEN);
  return {
    restore,
    dispose() {
      restore();
      for (const [event, handler] of handlers) process.off(event, handler);
      process.off('exit', restore);
    },
  };
}
