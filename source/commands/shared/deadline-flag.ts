/**
 * `--deadline` of the one-shot commands that ask sources (`list`, `get`, `check`): one flag,
 * one check, one waiting line. The rule itself — what finished is printed, the rest reported
 * `timed out` by name, exit 2 — lives in store/deadline.ts (docs/scripting.md).
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { formatInterval } from '../../domain/format.js';
import { truncateToWidth } from '../../domain/text-width.js';
import { parseDuration } from '../../config/values.js';
import { DEFAULT_DEADLINE_MS } from '../../store/deadline.js';
import { UsageError, type FlagSpec, type ParsedArgs } from '../command.js';

/** The flag, as `list`, `get` and `check` declare it. */
export const DEADLINE_FLAG: FlagSpec = {
  type: 'string',
  value: 'DURATION',
  description: `wait at most this long for all sources together (default ${formatInterval(DEFAULT_DEADLINE_MS)}); the sources still answering are reported as timed out (exit 2), the others printed`,
};

/** Checks `--deadline` (absent: the default). Throws UsageError. */
export function parseDeadline(value: ParsedArgs['flags'][string]): number {
  if (value === undefined) return DEFAULT_DEADLINE_MS;
  const ms = parseDuration(value);
  if (ms === null || ms < 100)
    throw new UsageError(
      `--deadline expects a duration of at least 100ms (20s, 1m, 500ms), got "${sanitizeInline(String(value), 100)}"`,
    );
  return ms;
}

/** Where the waiting line goes: stderr, drawn only when it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** A waiting line: which sources are still being asked, for how long, against which deadline. */
export interface DeadlineProgress {
  /** A source has its answer (or its error). */
  settled(name: string): void;
  /** Erases the line; call before printing anything else. Idempotent. */
  stop(): void;
}

/** Options of the waiting line; the clock and timers are injectable for tests. */
export interface ProgressOptions {
  stderr: ProgressStream;
  names: readonly string[];
  deadlineMs: number;
  /** Nothing is drawn before this much waiting (default 1 s: a quick answer prints no line). */
  quietMs?: number;
  now?: () => number;
  setInterval?: (draw: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

const ERASE_LINE = '\r\x1b[2K';

/**
 * Starts the waiting line on stderr when stderr is a terminal, redrawn each second in place:
 * `jobtop: waiting for x-alteryx, x-osapi (3s of the 20s deadline)`. Nothing otherwise
 * (a log or a pipe gets only the final messages).
 */
export function startDeadlineProgress(options: ProgressOptions): DeadlineProgress {
  const { stderr } = options;
  if (stderr.isTTY !== true || options.names.length === 0) return { settled() {}, stop() {} };
  const now = options.now ?? Date.now;
  const every = options.setInterval ?? ((draw: () => void, ms: number) => setInterval(draw, ms));
  const cancel = options.clearInterval ?? ((handle: unknown) => clearInterval(handle as NodeJS.Timeout));
  const quietMs = options.quietMs ?? 1_000;
  const started = now();
  const pending = new Set(options.names);
  let drawn = false;
  let stopped = false;
  const draw = () => {
    const waited = now() - started;
    if (stopped || waited < quietMs || pending.size === 0) return;
    const names = [...pending].map((name) => sanitizeInline(name, 100)).join(', ');
    const line = `jobtop: waiting for ${names} (${formatInterval(Math.floor(waited / 1000) * 1000)} of the ${formatInterval(options.deadlineMs)} deadline)`;
    stderr.write(`${ERASE_LINE}${truncateToWidth(line, Math.max(20, (stderr.columns ?? 80) - 1))}`);
    drawn = true;
  };
  const handle = every(draw, 1_000);
  (handle as { unref?: () => void } | null)?.unref?.();
  return {
    settled(name) {
      pending.delete(name);
      if (pending.size === 0 && drawn) {
        stderr.write(ERASE_LINE);
        drawn = false;
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      cancel(handle);
      if (drawn) stderr.write(ERASE_LINE);
      drawn = false;
    },
  };
}
