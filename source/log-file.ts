/**
 * Diagnostics of the full-screen monitor (docs/faults.md, "Diagnostics"): they go to the file given with
 * `--log-file FILE` (off by default), never onto the live screen. While the TUI runs, console
 * output, process warnings and stray stderr writes are captured into it; source failures,
 * retries and recoveries are logged as they happen; a crash report is written even without
 * a log file, so the message printed after the screen is restored can point at the details.
 *
 * Every line is sanitized: server-sent text in a log file must not attack the terminal of
 * whoever later runs `tail` or `cat` on it.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { sanitizeMultiline } from './domain/sanitize.js';
import type { FleetStoreApi, SourceSnapshot } from './store/types.js';

/** Severity of a log line. */
export type LogLevel = 'info' | 'warn' | 'error';

/** The diagnostics sink of one run; every method is a no-op without a file. */
export interface DiagnosticLog {
  /** The file written to, or null when logging is off. */
  readonly path: string | null;
  write(level: LogLevel, message: string): void;
  close(): void;
}

/** Opens (appends to, mode 0600) the log file; null path = logging off. Throws an Error naming the file and the reason. */
export function openDiagnosticLog(path: string | null | undefined, now: () => number = Date.now): DiagnosticLog {
  if (!path) return { path: null, write() {}, close() {} };
  let fd: number | null;
  try {
    fd = openSync(path, 'a', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'its directory does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory'
            : (code ?? String(error));
    throw new Error(`cannot open the log file ${path}: ${reason}`, { cause: error });
  }
  return {
    path,
    write(level, message) {
      if (fd === null) return;
      const text = sanitizeMultiline(message, 20_000).trimEnd();
      if (text === '') return;
      const stamp = `${new Date(now()).toISOString()} ${level.toUpperCase().padEnd(5)}`;
      try {
        writeSync(
          fd,
          `${text
            .split('\n')
            .map((line) => `${stamp} ${line}`)
            .join('\n')}\n`,
        );
      } catch {
        // why: a full disk must not take the monitor down; the log is best effort.
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/**
 * Routes console.*, process warnings and direct stderr writes into the log while the TUI owns
 * the terminal (Ink's patchConsole would print them above the frame, on the live screen).
 * Returns the function that puts everything back.
 */
export function captureStdio(log: DiagnosticLog, stderr: NodeJS.WriteStream = process.stderr): () => void {
  const methods = ['log', 'info', 'debug', 'warn', 'error', 'trace'] as const;
  const saved = methods.map((method) => [method, console[method]] as const);
  for (const method of methods) {
    console[method] = (...args: unknown[]) =>
      log.write(
        method === 'warn' ? 'warn' : method === 'error' || method === 'trace' ? 'error' : 'info',
        `console.${method}: ${format(...args)}`,
      );
  }
  const savedWrite = stderr.write;
  stderr.write = (chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
    log.write(
      'warn',
      `stderr: ${typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')}`,
    );
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  };
  // why: Node prints warnings (deprecations, MaxListeners…) to stderr from its own listener.
  const warningListeners = process.listeners('warning');
  process.removeAllListeners('warning');
  const onWarning = (warning: Error) => log.write('warn', `${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  return () => {
    for (const [method, original] of saved) console[method] = original;
    stderr.write = savedWrite;
    process.off('warning', onWarning);
    for (const listener of warningListeners) process.on('warning', listener);
  };
}

/** Logs each source's failures, retries, recoveries and sudden emptying as the store reports them. Returns the unsubscribe. */
export function logSourceHealth(store: FleetStoreApi, log: DiagnosticLog, now: () => number = Date.now): () => void {
  if (log.path === null) return () => undefined;
  const previous = new Map<string, SourceSnapshot>();
  const warned = new Set<string>();
  const check = () => {
    for (const source of store.getSnapshot().sources) {
      const before = previous.get(source.name);
      previous.set(source.name, source);
      if (before === source) continue;
      const retry =
        source.nextPollAt === null ? '' : `; next try in ${((source.nextPollAt - now()) / 1000).toFixed(1)} s`;
      if (source.error && source.consecutiveFailures !== before?.consecutiveFailures) {
        // The message already starts with the source's name.
        log.write('warn', `${source.error.message} (failure ${source.consecutiveFailures}${retry})`);
      } else if (source.status === 'ok' && before?.status === 'error') {
        log.write(
          'info',
          `${source.name}: recovered after ${before.consecutiveFailures} failure(s), ${source.jobs.length} jobs`,
        );
      } else if (source.status === 'ok' && (before === undefined || before.status === 'loading')) {
        log.write('info', `${source.name}: first answer, ${source.jobs.length} jobs`);
      }
      if (source.incomplete && source.incomplete !== before?.incomplete) {
        log.write(
          'warn',
          `${source.name}: degraded: ${source.incomplete.jobs} job(s) with an unknown outcome (${source.incomplete.reason})`,
        );
      }
      if (source.truncated && !before?.truncated) {
        log.write(
          'warn',
          `${source.name}: fetched ${source.truncated.fetched} of the ${source.truncated.asked} jobs asked for (${source.truncated.reason})`,
        );
      }
      for (const warning of source.warnings ?? []) {
        // why: counts change from poll to poll ("3 of 50 items"); the same problem is logged once per source.
        const key = `${source.name}\u0000${warning.replace(/\d+/g, '#')}`;
        if (warned.has(key)) continue;
        warned.add(key);
        log.write('warn', `${source.name}: ${warning}`);
      }
      if (source.status === 'ok' && before?.status === 'ok' && before.jobs.length > 0 && source.jobs.length === 0) {
        log.write('warn', `${source.name}: the job list went from ${before.jobs.length} jobs to none`);
      }
    }
  };
  check();
  return store.subscribe(check);
}

/**
 * Writes the full report of an uncaught error: into the log file when there is one, else into
 * a new file in the temporary directory. Returns the path, or null if nothing could be written.
 */
export function writeCrashReport(log: DiagnosticLog, error: unknown, details: string): string | null {
  const text = `jobtop crashed (${details}):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  if (log.path !== null) {
    log.write('error', text);
    return log.path;
  }
  const path = join(tmpdir(), `jobtop-crash-${process.pid}-${Date.now()}.log`);
  try {
    const report = openDiagnosticLog(path);
    report.write('error', text);
    report.close();
    return path;
  } catch {
    return null;
  }
}

/** What is printed on stderr after a crash, once the screen is restored: the error, the report's path and a hint. */
export function crashMessage(error: unknown, reportPath: string | null, logPath: string | null): string {
  const first = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const lines = [`jobtop crashed: ${sanitizeMultiline(first, 2000).split('\n')[0]}`, 'The terminal was restored.'];
  lines.push(
    reportPath
      ? `The full error is in ${reportPath}${reportPath === logPath ? ' (the log file)' : ''}.`
      : 'The full error could not be written to a file.',
  );
  lines.push(
    `Hint: this is a bug in jobtop; please report it with that file.${logPath ? '' : ' Run with --log-file FILE to keep a log of source errors and retries too.'}`,
  );
  return `${lines.join('\n')}\n`;
}
