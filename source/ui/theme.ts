/**
 * How states look: a symbol that reads without colour, plus a colour when colour is allowed.
 */
import type { JobState } from '../domain/job.js';
import { STATE_SYMBOLS } from '../domain/state-symbols.js';

/** One symbol per state, so the table reads under NO_COLOR (the one table, in domain/state-symbols.ts). */
export { STATE_SYMBOLS };

/** Ink colour names per state (ignored under NO_COLOR). */
export const STATE_COLORS: Record<JobState, string> = {
  running: 'cyan',
  queued: 'yellow',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
  partial: 'magenta',
  // why: the vendor's own UI draws skipped jobs muted, not as errors (osapi ui/src/pages/jobs.tsx).
  skipped: 'blue',
  unknown: 'white',
};

/** Colours of the chrome. */
export const COLORS = {
  accent: 'cyan',
  error: 'red',
  warning: 'yellow',
  ok: 'green',
  muted: 'gray',
  changed: 'yellow',
  match: 'yellow',
} as const;
