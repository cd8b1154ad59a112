/**
 * What one list poll does to a source's state, as a pure function: the store's poller calls it
 * with the previous state, what the poll brought and the time it landed, and keeps the result.
 */
import type { ListResult } from '../adapters/contract.js';
import type { SourceError } from '../adapters/errors.js';
import { changedKeys, reuseUnchanged } from './merge.js';
import type { SourceFailure, SourceSnapshot } from './types.js';

/** A list that drops from at least this many jobs to none in one poll is held for one more poll. */
export const VANISH_MIN_JOBS = 5;

/** What a list poll brought: the list, or the error it failed with. */
export type PollOutcome = { kind: 'listed'; result: ListResult } | { kind: 'failed'; error: SourceError };

/** The per-source state a poll changes. */
export interface PollState {
  snapshot: SourceSnapshot;
  /** The last poll came back empty after a full list: the next empty poll confirms it. */
  confirmingEmpty: boolean;
  /** The vendor's Retry-After from the last failure, for the backoff (undefined after a success). */
  retryAfterMs: number | undefined;
}

/** The state after a poll, and the keys of jobs that changed with it (to mark in the list). */
export interface PollChange extends PollState {
  changed: string[];
}

/** The source's state after `outcome` landed at `now`. */
export function applyPollResult(previous: PollState, outcome: PollOutcome, now: number): PollChange {
  const before = previous.snapshot;
  if (outcome.kind === 'failed') {
    const { error } = outcome;
    return {
      snapshot: {
        ...before,
        status: 'error',
        error: describeFailure(error),
        consecutiveFailures: before.consecutiveFailures + 1,
      },
      confirmingEmpty: previous.confirmingEmpty,
      retryAfterMs: error.retryAfterMs,
      changed: [],
    };
  }
  const { result } = outcome;
  if (result.jobs.length === 0 && before.jobs.length >= VANISH_MIN_JOBS && !previous.confirmingEmpty) {
    // A sudden disappearance of every job: say so and keep the last good jobs, marked stale,
    // until the next poll shows whether the list is really empty now.
    return {
      snapshot: {
        ...before,
        status: 'error',
        error: vanishedFailure(before.name, before.jobs.length),
        consecutiveFailures: before.consecutiveFailures + 1,
      },
      confirmingEmpty: true,
      retryAfterMs: undefined,
      changed: [],
    };
  }
  const jobs = reuseUnchanged(before.jobs, result.jobs);
  const firstLoad = before.lastSuccessAt === null;
  return {
    snapshot: {
      ...before,
      status: 'ok',
      jobs,
      total: result.total,
      stateCounts: result.stateCounts,
      serverCounters: result.serverCounters ?? null,
      warnings: result.warnings ?? [],
      lastSuccessAt: now,
      error: null,
      incomplete: result.incomplete ?? null,
      truncated: result.truncated ?? null,
      consecutiveFailures: 0,
    },
    confirmingEmpty: false,
    retryAfterMs: undefined,
    // why: the previous array itself means no job changed (reuseUnchanged); nothing to compare.
    changed: jobs === before.jobs ? [] : changedKeys(firstLoad ? null : before.jobs, jobs),
  };
}

/** The health-cell words for a list that suddenly came back empty. */
function vanishedFailure(name: string, count: number): SourceFailure {
  const short = `all ${count} jobs vanished`;
  return {
    kind: 'vanished',
    short,
    message: `${name}: ${short}: the list came back empty; showing the last good jobs until the next poll confirms it`,
  };
}

/** The health-cell view of a SourceError. */
export function describeFailure(error: SourceError): SourceFailure {
  return { kind: error.kind, short: error.short, message: error.message, status: error.status };
}
