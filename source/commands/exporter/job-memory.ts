/**
 * What the exporter remembers between polls of one source, to turn successive job lists into
 * events: the state changes seen (for jobtop_job_transitions_total) and the jobs that finished
 * (for jobtop_job_duration_seconds, each counted once). Memory is bounded by the listed window:
 * a job that leaves the list is forgotten. Pure: no clock, no metrics library.
 */
import type { Job, JobState } from '../../domain/job.js';
import { finishedDurationMs } from '../../domain/triage.js';

/** The label every job type outside the configured groups shares. */
export const OTHER_TYPE_GROUP = 'other';

/** One state change seen between two polls. */
export interface Transition {
  typeGroup: string;
  toState: JobState;
}

/** One job seen finished for the first time, with how long it ran. */
export interface Finished {
  state: JobState;
  seconds: number;
}

/** What one poll of a source changed. */
export interface PollChanges {
  transitions: Transition[];
  finished: Finished[];
}

interface Remembered {
  state: JobState;
  /** Its duration went into the histogram already. */
  counted: boolean;
}

/** The memory of every source's last listed jobs. */
export interface JobMemory {
  /**
   * Compares a source's freshly listed jobs with the last ones. The first list of a source is
   * the baseline (no transitions: nothing was seen to change); afterwards a job appearing for
   * the first time counts as entering its state.
   */
  observe(source: string, jobs: readonly Job[]): PollChanges;
  /** Jobs remembered over every source (bounded by the listed windows). */
  size(): number;
}

/** Maps a job type onto its bounded label: itself when configured, else `other`. */
export function typeGroupOf(type: string, typeGroups: ReadonlySet<string>): string {
  return typeGroups.has(type) ? type : OTHER_TYPE_GROUP;
}

/** Creates the memory; `typeGroups` are the job types that keep their own label. */
export function createJobMemory(typeGroups: readonly string[]): JobMemory {
  const groups = new Set(typeGroups);
  const sources = new Map<string, Map<string, Remembered>>();
  return {
    observe(source, jobs) {
      const previous = sources.get(source);
      const next = new Map<string, Remembered>();
      const changes: PollChanges = { transitions: [], finished: [] };
      for (const job of jobs) {
        const before = previous?.get(job.key);
        if (previous && before?.state !== job.state)
          changes.transitions.push({ typeGroup: typeGroupOf(job.type, groups), toState: job.state });
        let counted = before?.counted === true;
        // why: an Alteryx job listed as ended but not yet told how (needs-disposition) waits for its real outcome.
        const seconds = counted || job.flags.includes('needs-disposition') ? null : finishedDurationMs(job);
        if (seconds !== null) {
          changes.finished.push({ state: job.state, seconds: seconds / 1000 });
          counted = true;
        }
        next.set(job.key, { state: job.state, counted });
      }
      sources.set(source, next);
      return changes;
    },
    size: () => [...sources.values()].reduce((sum, jobs) => sum + jobs.size, 0),
  };
}
