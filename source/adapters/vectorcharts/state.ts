/** The Portal's `jobState` / step `status` values mapped onto jobtop's states (docs/vendors.md). */
import type { JobFlag, JobState } from '../../domain/job.js';

/** A normalized state with its terminal bit and refining flags. */
export interface MappedState {
  state: JobState;
  terminal: boolean;
  flags: JobFlag[];
}

const STATE_TABLE: Record<string, { state: JobState; terminal: boolean }> = {
  pending: { state: 'queued', terminal: false },
  running: { state: 'running', terminal: false },
  // why: the older public Chart API says `processing` where the Portal API says `running`.
  processing: { state: 'running', terminal: false },
  completed: { state: 'succeeded', terminal: true },
  failed: { state: 'failed', terminal: true },
  cancelled: { state: 'cancelled', terminal: true },
};

/** Maps a Portal `jobState` (or step `status`) to the normalized state; anything else is unknown. */
export function mapVectorChartsState(native: unknown): MappedState {
  const known = typeof native === 'string' && Object.hasOwn(STATE_TABLE, native) ? STATE_TABLE[native] : undefined;
  return known
    ? { state: known.state, terminal: known.terminal, flags: [] }
    : { state: 'unknown', terminal: false, flags: [] };
}
