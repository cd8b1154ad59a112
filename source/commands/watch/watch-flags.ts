/**
 * The flags of `jobtop watch` and their checking (durations as `90s`, `5m`, `1h30m`).
 */
import { parseDurationText } from '../../domain/job-query.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { UsageError, type FlagSpec, type ParsedArgs } from '../command.js';

/** Default time a source may fail before its jobs count as unreachable. */
export const DEFAULT_UNREACHABLE_AFTER_MS = 60_000;

/** Shortest poll interval `--interval` accepts (the store's floor). */
const MIN_INTERVAL_MS = 500;

/** `watch`'s own flags. */
export const WATCH_FLAGS: Record<string, FlagSpec> = {
  'exit-status': {
    type: 'boolean',
    description:
      'exit 0 only when every job succeeded (or was skipped: not a failure): 3 failed, 4 cancelled, 5 partial (README "Exit codes" for all codes and which wins)',
  },
  timeout: {
    type: 'string',
    value: 'DURATION',
    description: 'give up after this long (90s, 30m, 2h): the open jobs count as timed out, exit 8',
  },
  'wait-for-appear': {
    type: 'boolean',
    description: 'a job that does not exist yet is waited for (until --timeout) instead of failing with exit 6',
  },
  interval: {
    type: 'string',
    value: 'DURATION',
    description: "poll interval (default: the config file's interval, else 2s; at least 500ms)",
  },
  'unreachable-after': {
    type: 'string',
    value: 'DURATION',
    description:
      'a source failing this long makes its jobs unreachable, exit 7 (default 1m; a first poll refused for auth, DNS, TLS or HTML gives up at once)',
  },
};

/** `watch`'s flags, checked. */
export interface ParsedWatchFlags {
  exitStatus: boolean;
  waitForAppear: boolean;
  timeoutMs: number | null;
  intervalMs: number | null;
  unreachableAfterMs: number;
}

function duration(flags: ParsedArgs['flags'], name: string): number | null {
  const value = flags[name];
  if (typeof value !== 'string') return null;
  const ms = parseDurationText(value);
  if (ms === null)
    throw new UsageError(`--${name} expects a duration such as 90s, 5m or 1h30m, got "${sanitizeInline(value, 100)}"`);
  return ms;
}

/** Checks `watch`'s flags. Throws UsageError. */
export function parseWatchFlags(flags: ParsedArgs['flags']): ParsedWatchFlags {
  const intervalMs = duration(flags, 'interval');
  if (intervalMs !== null && intervalMs < MIN_INTERVAL_MS)
    throw new UsageError(`--interval must be at least 500ms, got "${sanitizeInline(String(flags.interval), 100)}"`);
  return {
    exitStatus: flags['exit-status'] === true,
    waitForAppear: flags['wait-for-appear'] === true,
    timeoutMs: duration(flags, 'timeout'),
    intervalMs,
    unreachableAfterMs: duration(flags, 'unreachable-after') ?? DEFAULT_UNREACHABLE_AFTER_MS,
  };
}
