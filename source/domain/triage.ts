/**
 * Triage flags: what needs an operator's attention in the merged list (docs/usage.md,
 * "Triage flags"). Pure; the TUI, `jobtop list --json` and the exporter all call computeTriage.
 * - slow: running longer than the p90 (configurable) of the run times of finished jobs of the
 *   same source and type seen this session, once there are at least 5 samples;
 * - starved: queued longer than a threshold while jobs of the same source queued after it have
 *   started; the threshold halves per priority rank above normal (worse for higher priority);
 * - recently failed: failed or partly failed within the last hour;
 * - unknown outcome: an action whose effect could not be confirmed (from the action history).
 */
import type { Job } from './job.js';
import {
  NO_SAMPLES,
  percentile,
  recordFinishedDurations,
  sampleGroup,
  type DurationSamples,
} from './duration-samples.js';
import { jobPriorityRank } from './query-priority.js';
import { formatAge } from './format.js';

/** The flags of one job; absent fields mean "not flagged". */
export type TriageFlags = {
  slow?: { expectedMs: number; runningMs: number };
  starved?: { queuedMs: number; overtakenBy: number; thresholdMs: number };
  recentFailure?: { finishedAt: number };
  unknownOutcome?: true;
};

/** How triage decides; every field has a default. */
export interface TriageOptions {
  /** Finished run times seen so far (accumulated across polls); the jobs given are folded in too. */
  samples?: DurationSamples;
  /** Samples a group needs before its jobs can be slow (default 5). */
  minSamples?: number;
  /** Which percentile of the group's run times is "usual" (default 0.9). */
  percentile?: number;
  /** Queued this long (normal priority) while later jobs started counts as starved (default 5 minutes). */
  starvedAfterMs?: number;
  /** A failure this recent needs attention (default 1 hour). */
  recentFailureMs?: number;
  /** Keys of jobs whose last action's outcome is unknown (the action history). */
  unknownOutcome?: ReadonlySet<string>;
}

/** The defaults of TriageOptions. */
export const TRIAGE_DEFAULTS = {
  minSamples: 5,
  percentile: 0.9,
  starvedAfterMs: 5 * 60_000,
  recentFailureMs: 60 * 60_000,
} as const;

const thresholdCache = new WeakMap<DurationSamples, Map<string, number | null>>();

/** The expected (p-th percentile) run time of a group, or null with too few samples; cached per samples object. */
export function expectedRunMs(
  samples: DurationSamples,
  job: Pick<Job, 'source' | 'type'>,
  minSamples: number,
  p: number,
): number | null {
  let cache = thresholdCache.get(samples);
  if (!cache) thresholdCache.set(samples, (cache = new Map<string, number | null>()));
  const key = `${sampleGroup(job)}\u0000${minSamples}\u0000${p}`;
  if (!cache.has(key)) {
    const values = samples.groups.get(sampleGroup(job)) ?? [];
    cache.set(key, values.length >= minSamples ? percentile(values, p) : null);
  }
  return cache.get(key) ?? null;
}

/** The starved threshold for a priority rank: normal waits the base, each rank above halves it, low doubles it. */
export function starvedThresholdMs(base: number, rank: number | null): number {
  return base / 2 ** ((rank ?? 1) - 1);
}

/** Triage of every job that has a flag, by job key. */
export function computeTriage(
  jobs: readonly Job[],
  now: number,
  options: TriageOptions = {},
): Map<string, TriageFlags> {
  return triageWithChange(jobs, now, options).triage;
}

/**
 * Triage at `now`, and the first instant after `now` at which some job's set of flags changes by
 * the passing of time alone (a running job turning slow, a queued one starved, a failure no longer
 * recent; Infinity: never). Until then the same jobs keep the same flags, so a screen that shows
 * only which jobs are flagged can keep its triage, and wake itself then (docs/performance.md).
 */
export function triageWithChange(
  jobs: readonly Job[],
  now: number,
  options: TriageOptions = {},
): { triage: Map<string, TriageFlags>; changesAt: number } {
  const context = triageContext(jobs, options);
  const out = new Map<string, TriageFlags>();
  const change: NextChange = { now, at: Infinity };
  for (const job of jobs) {
    const flags = flagsOf(job, context, now, options, change);
    if (flags) out.set(job.key, flags);
  }
  return { triage: out, changesAt: change.at };
}

/**
 * One listed job's flags at `now` (the detail view's overview), with what it depends on in the
 * rest of the list computed once per jobs array: the detail redraws every second, and triaging
 * 100,000 jobs for one job's flags each second cost a core's tenth.
 */
export function jobTriage(
  jobs: readonly Job[],
  job: Job,
  now: number,
  options: TriageOptions = {},
): TriageFlags | undefined {
  return flagsOf(job, triageContext(jobs, options), now, options, undefined);
}

/**
 * What a job's flags depend on beyond the job: the run-time samples, and the creation instants of
 * each source's started jobs, ascending (the last is the latest started job's; how many come after
 * a queued job's is how many overtook it).
 */
interface TriageContext {
  samples: DurationSamples;
  startedCreations: Map<string, number[]>;
}

const contextCache = new WeakMap<readonly Job[], { samples: DurationSamples | undefined; context: TriageContext }>();

function triageContext(jobs: readonly Job[], options: TriageOptions): TriageContext {
  const cached = contextCache.get(jobs);
  if (cached && cached.samples === options.samples) return cached.context;
  const samples = recordFinishedDurations(options.samples ?? NO_SAMPLES, jobs);
  const startedCreations = new Map<string, number[]>();
  for (const job of jobs) {
    if (job.startedAt === null || job.createdAt === null) continue;
    const creations = startedCreations.get(job.source);
    if (creations === undefined) startedCreations.set(job.source, [job.createdAt]);
    else creations.push(job.createdAt);
  }
  for (const creations of startedCreations.values()) creations.sort(ascending);
  const context = { samples, startedCreations };
  contextCache.set(jobs, { samples: options.samples, context });
  return context;
}

/** The first instant after `now` at which some flag changes by time alone (Infinity: none seen yet). */
interface NextChange {
  readonly now: number;
  at: number;
}

/**
 * Notes an instant at which a flag changes by time alone.
 * why an object and a module-level function, not a closure per triage: a closure made per call is
 * compiled again after every full collection (docs/performance.md "Session 4: compiled once").
 */
function flipsAt(change: NextChange | undefined, at: number): void {
  if (change !== undefined && at > change.now && at < change.at) change.at = at;
}

function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * How many of a source's started jobs (their creation instants, ascending) were created after
 * `createdAt`. why a binary search, not a scan of the list: every starved job asked it of every
 * job, and a large fleet with many starved jobs spent a poll round's tenth in it.
 */
function overtaking(creations: readonly number[], createdAt: number): number {
  let low = 0;
  let high = creations.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((creations[middle] ?? Infinity) > createdAt) high = middle;
    else low = middle + 1;
  }
  return creations.length - low;
}

/**
 * The flags of `job` at `now` (undefined: none); `change` (when given) hears the instants at
 * which they change by time alone.
 * why +1 ms: each flag turns on a comparison with `now`; one millisecond later is the first instant it reads differently.
 */
function flagsOf(
  job: Job,
  { samples, startedCreations }: TriageContext,
  now: number,
  options: TriageOptions,
  change: NextChange | undefined,
): TriageFlags | undefined {
  const minSamples = options.minSamples ?? TRIAGE_DEFAULTS.minSamples;
  const p = options.percentile ?? TRIAGE_DEFAULTS.percentile;
  const flags: TriageFlags = {};
  if (job.state === 'running' && job.startedAt !== null) {
    const expectedMs = expectedRunMs(samples, job, minSamples, p);
    const runningMs = now - job.startedAt;
    if (expectedMs !== null && runningMs > expectedMs) flags.slow = { expectedMs, runningMs };
    else if (expectedMs !== null) flipsAt(change, job.startedAt + expectedMs + 1);
  }
  const createdAt = job.createdAt;
  const creations = job.state === 'queued' && createdAt !== null ? startedCreations.get(job.source) : undefined;
  if (creations !== undefined && createdAt !== null && (creations.at(-1) ?? -Infinity) > createdAt) {
    const queuedMs = now - createdAt;
    const thresholdMs = starvedThresholdMs(
      options.starvedAfterMs ?? TRIAGE_DEFAULTS.starvedAfterMs,
      jobPriorityRank(job),
    );
    if (queuedMs > thresholdMs) {
      const overtakenBy = overtaking(creations, createdAt);
      flags.starved = { queuedMs, overtakenBy, thresholdMs };
    } else flipsAt(change, createdAt + thresholdMs + 1);
  }
  if (job.state === 'failed' || job.state === 'partial') {
    const finishedAt = job.finishedAt ?? job.updatedAt;
    const recentMs = options.recentFailureMs ?? TRIAGE_DEFAULTS.recentFailureMs;
    if (finishedAt !== null && now - finishedAt <= recentMs) {
      flags.recentFailure = { finishedAt };
      flipsAt(change, finishedAt + recentMs + 1);
    }
  }
  if (options.unknownOutcome?.has(job.key)) flags.unknownOutcome = true;
  return Object.keys(flags).length > 0 ? flags : undefined;
}

/** The flag names a query's `flag:` sees: slow, starved, failed-recently, unknown-outcome, and attention for any of them. */
export function triageFlagNames(flags: TriageFlags | undefined): string[] {
  if (!flags) return [];
  const names: string[] = [];
  if (flags.slow) names.push('slow');
  if (flags.starved) names.push('starved');
  if (flags.recentFailure) names.push('failed-recently');
  if (flags.unknownOutcome) names.push('unknown-outcome');
  if (names.length > 0) names.push('attention');
  return names;
}

/** Every flag name triage can give, for completion and help. */
export const TRIAGE_FLAG_NAMES = ['attention', 'slow', 'starved', 'failed-recently', 'unknown-outcome'] as const;

/** The flags in words for the overview and the footer: "running 14m, usually ≤ 4m". */
export function describeTriage(flags: TriageFlags | undefined, now: number): string[] {
  if (!flags) return [];
  const out: string[] = [];
  if (flags.slow)
    out.push(`slow: running ${formatAge(flags.slow.runningMs)}, usually ≤ ${formatAge(flags.slow.expectedMs)}`);
  if (flags.starved) {
    const later =
      flags.starved.overtakenBy === 1
        ? '1 job queued after it has'
        : `${flags.starved.overtakenBy} jobs queued after it have`;
    out.push(`starved: queued ${formatAge(flags.starved.queuedMs)} while ${later} started`);
  }
  if (flags.recentFailure) out.push(`failed ${formatAge(now - flags.recentFailure.finishedAt)} ago`);
  if (flags.unknownOutcome) out.push('the outcome of the last action is unknown');
  return out;
}

/** The finished duration of a job (start to finish), or null when the job has not finished or its times are unknown. */
export function finishedDurationMs(job: Pick<Job, 'terminal' | 'startedAt' | 'finishedAt'>): number | null {
  if (!job.terminal || job.startedAt === null || job.finishedAt === null) return null;
  const ms = job.finishedAt - job.startedAt;
  return ms >= 0 ? ms : null;
}
