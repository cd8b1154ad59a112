/**
 * Run times of finished jobs, grouped by source and type, accumulated over a session by a
 * pure reducer: each poll's list is folded in, every job counted once. Triage (triage.ts)
 * reads the p90 of a group to call a running job slow. Imports only the domain.
 */
import type { Job } from './job.js';

/** The accumulated run times (ms) per `source\u0000type`, and the job keys already counted. */
export interface DurationSamples {
  readonly groups: ReadonlyMap<string, readonly number[]>;
  readonly seen: ReadonlySet<string>;
}

/** No samples yet. */
export const NO_SAMPLES: DurationSamples = { groups: new Map(), seen: new Set() };

/** Samples kept per group (the newest); older ones fall out so the estimate follows change. */
export const SAMPLES_PER_GROUP = 200;

/** Keys remembered as counted; the oldest are forgotten past this (jobs that old have left the lists). */
const SEEN_LIMIT = 50_000;

/** The group of a job: same source, same type. */
export function sampleGroup(job: Pick<Job, 'source' | 'type'>): string {
  return `${job.source}\u0000${job.type}`;
}

/**
 * A finished job's run time, or null when it is no sample: cancelled jobs (stopped by someone,
 * not by their work) and jobs without both start and finish times do not count.
 */
export function finishedRunMs(job: Job): number | null {
  if (!job.terminal || job.state === 'cancelled' || job.state === 'unknown') return null;
  if (job.startedAt === null || job.finishedAt === null || job.finishedAt < job.startedAt) return null;
  return job.finishedAt - job.startedAt;
}

/** Folds a poll's jobs into the samples; returns the same object when nothing new finished. */
export function recordFinishedDurations(samples: DurationSamples, jobs: readonly Job[]): DurationSamples {
  let groups: Map<string, number[]> | null = null;
  let seen: Set<string> | null = null;
  for (const job of jobs) {
    if (samples.seen.has(job.key) || seen?.has(job.key)) continue;
    const ms = finishedRunMs(job);
    if (ms === null) continue;
    groups ??= new Map([...samples.groups].map(([group, values]) => [group, [...values]]));
    seen ??= new Set(samples.seen);
    const group = sampleGroup(job);
    const values = groups.get(group) ?? [];
    values.push(ms);
    if (values.length > SAMPLES_PER_GROUP) values.splice(0, values.length - SAMPLES_PER_GROUP);
    groups.set(group, values);
    seen.add(job.key);
  }
  if (!groups || !seen) return samples;
  if (seen.size > SEEN_LIMIT) seen = new Set([...seen].slice(seen.size - SEEN_LIMIT));
  return { groups, seen };
}

const ascending = (a: number, b: number) => a - b;

/** The p-th percentile (0–1, nearest rank) of the values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort(ascending);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? null;
}
