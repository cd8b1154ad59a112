/**
 * Triage flags: which jobs deserve a look. A running job is slow when it has run longer than
 * the 90th percentile of the finished durations of jobs of the same source and type (with
 * enough finished samples to judge); a queued job is starved when it has waited longer than
 * a threshold. Pure: the jobs and the clock are arguments.
 */
import type { Job } from './job.js';

/** What flagged one job. */
export interface TriageFlags {
  /** Running longer than jobs of its kind usually take. */
  slow?: { expectedMs: number; runningMs: number };
  /** Queued for longer than the starvation threshold. */
  starved?: { queuedMs: number };
}

/** Thresholds of the triage flags. */
export interface TriageOptions {
  /** Finished jobs of a source and type needed before "slow" is judged (default 5). */
  minSamples?: number;
  /** Percentile of finished durations a running job must exceed (default 0.9). */
  percentile?: number;
  /** Queued longer than this is starved, ms (default 10 minutes). */
  starvedAfterMs?: number;
}

const DEFAULTS: Required<TriageOptions> = { minSamples: 5, percentile: 0.9, starvedAfterMs: 10 * 60_000 };

/** The finished duration of a job (start to finish), or null when the job has not finished or its times are unknown. */
export function finishedDurationMs(job: Pick<Job, 'terminal' | 'startedAt' | 'finishedAt'>): number | null {
  if (!job.terminal || job.startedAt === null || job.finishedAt === null) return null;
  const ms = job.finishedAt - job.startedAt;
  return ms >= 0 ? ms : null;
}

/** The nearest-rank percentile of sorted values (p in 0..1). */
function percentileOf(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** Flags per job key; jobs with no flag are absent. */
export function computeTriage(jobs: readonly Job[], now: number, options: TriageOptions = {}): Map<string, TriageFlags> {
  const settings = { ...DEFAULTS, ...options };
  const samples = new Map<string, number[]>();
  for (const job of jobs) {
    const ms = finishedDurationMs(job);
    if (ms === null) continue;
    const group = `${job.source}\u0000${job.type}`;
    const list = samples.get(group);
    if (list) list.push(ms);
    else samples.set(group, [ms]);
  }
  const expected = new Map<string, number>();
  for (const [group, list] of samples) {
    if (list.length >= settings.minSamples) expected.set(group, percentileOf(list.sort((a, b) => a - b), settings.percentile));
  }
  const flags = new Map<string, TriageFlags>();
  for (const job of jobs) {
    if (job.state === 'running' && job.startedAt !== null) {
      const expectedMs = expected.get(`${job.source}\u0000${job.type}`);
      const runningMs = now - job.startedAt;
      if (expectedMs !== undefined && runningMs > expectedMs) flags.set(job.key, { slow: { expectedMs, runningMs } });
    } else if (job.state === 'queued' && job.createdAt !== null && now - job.createdAt > settings.starvedAfterMs) {
      flags.set(job.key, { starved: { queuedMs: now - job.createdAt } });
    }
  }
  return flags;
}
