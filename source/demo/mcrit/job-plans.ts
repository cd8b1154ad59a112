/** How one job's run is planned (duration, progress reports, failed attempts, termination) and when it reports. */
import { MAX_ATTEMPTS, REPORT_EVERY_MS } from './constants.js';
import type { McritJobDocument } from './job-document.js';
import { profileOf, type ProgressMode } from './method-profiles.js';

/** A job's planned run, decided when a worker first takes it and kept across attempts. */
export interface JobPlan {
  workMs: number;
  progress: ProgressMode;
  units: number;
  firstReportMs: number;
  failingAttempts: number;
  terminateAt: number | null;
}

/** Plans a job's run from its method's profile. */
export function planJob(random: () => number, document: McritJobDocument): JobPlan {
  const profile = profileOf(document.payload.method);
  const roll = random();
  const failingAttempts = roll < 0.08 ? 1 : roll < 0.11 ? 2 : roll < 0.135 ? MAX_ATTEMPTS : 0;
  return {
    workMs: Math.round(profile.minMs + random() * (profile.maxMs - profile.minMs)),
    progress: profile.progress,
    units: profile.progress === 'count' ? 5 + Math.floor(random() * 60) : 50 + Math.floor(random() * 4000),
    firstReportMs: 300 + Math.floor(random() * 1200),
    failingAttempts,
    // why: only stand-alone jobs: a terminated job never notifies its dependants, which would wait forever.
    terminateAt:
      profile.progress !== 'none' && failingAttempts === 0 && document.required_by.length === 0 && random() < 0.03
        ? 0.2 + random() * 0.6
        : null,
  };
}

/** The last progress report at or before `at` of a run started at `startedAt`; null before the first. */
export function lastReportAt(plan: JobPlan, startedAt: number, at: number): number | null {
  const first = startedAt + plan.firstReportMs;
  if (at < first) return null;
  return first + Math.floor((at - first) / REPORT_EVERY_MS) * REPORT_EVERY_MS;
}

/** The first progress report at or after `at` of a run started at `startedAt`. */
export function nextReportAt(plan: JobPlan, startedAt: number, at: number): number {
  const first = startedAt + plan.firstReportMs;
  return at < first ? first : first + Math.ceil((at - first) / REPORT_EVERY_MS) * REPORT_EVERY_MS;
}

/** The `progress` value a report at `reportAt` writes: a fraction below 1, or a bare count. */
export function progressAt(plan: JobPlan, startedAt: number, reportAt: number): number {
  const done = Math.min(1, (reportAt - startedAt) / plan.workMs);
  return plan.progress === 'count'
    ? Math.floor(done * plan.units)
    : Math.min(plan.units - 1, Math.floor(done * plan.units)) / plan.units;
}
