/**
 * The one state-symbol table: a symbol per normalized state that reads without colour, used by
 * the monitor (rows, counts, detail) and by `jobtop get` alike.
 */
import type { JobState } from './job.js';

/** One symbol per state, so every screen and text output reads under NO_COLOR. */
export const STATE_SYMBOLS: Record<JobState, string> = {
  running: '●',
  queued: '◌',
  succeeded: '✔',
  failed: '✖',
  cancelled: '⊘',
  partial: '◐',
  skipped: '↷',
  unknown: '?',
};
