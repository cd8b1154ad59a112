/**
 * What `jobtop watch` knows about each watched job, as a state machine fed by the fleet
 * store's list snapshots and, for jobs the list does not show (older than its newest page,
 * or gone), by per-job detail snapshots. It decides when a job has settled — ended, vanished,
 * not found, unreachable — and reports each change as an event. No timers, no I/O: the
 * command feeds it and prints what it says.
 */
import type { Job } from '../../domain/job.js';
import type { DetailSnapshot, FleetSnapshot, SourceFailure } from '../../store/types.js';
import type { WatchOutcome } from '../shared/exit-codes.js';
import type { JobTarget } from '../shared/job-selector.js';

/** One watched job as the tracker sees it. */
export interface TrackedJob extends JobTarget {
  /** The last known record (null until seen). */
  job: Job | null;
  seen: boolean;
  /** Where it is followed: its source's list, or its own detail (outside the list). */
  via: 'list' | 'detail';
  /** Waiting for a job that does not exist yet (`--wait-for-appear`). */
  waiting: boolean;
  outcome: WatchOutcome | null;
  /** Why it settled the way it did, or what it is waiting on (sanitize before printing). */
  note: string | null;
}

/** Something worth a line: a job appeared, changed state, settled; a source failed or recovered. */
export type WatchEvent =
  | { kind: 'state'; key: string; from: Job | null; to: Job }
  | { kind: 'settled'; key: string; outcome: WatchOutcome; note: string | null }
  | { kind: 'waiting'; key: string }
  | { kind: 'source-failing'; source: string; error: SourceFailure }
  | { kind: 'source-recovered'; source: string }
  /** The source's list answered, but per-job requests failed: some of its jobs' outcomes are unknown. */
  | { kind: 'source-degraded'; source: string; incomplete: { jobs: number; reason: string } }
  | { kind: 'source-whole'; source: string }
  /** A job followed through its detail cannot be read: still open (retried), never a success or failure. */
  | { kind: 'detail-failing'; key: string; outcomeUnknown: boolean; error: SourceFailure }
  | { kind: 'detail-recovered'; key: string };

/** Tracker options. */
export interface WatchTrackerOptions {
  waitForAppear: boolean;
  /** A source (or a job's detail) failing this long makes its jobs unreachable. */
  unreachableAfterMs: number;
  now(): number;
}

/** The tracker. */
export interface WatchTracker {
  jobs(): readonly TrackedJob[];
  /** Applies a fleet snapshot (list polls). */
  onSnapshot(snapshot: FleetSnapshot): WatchEvent[];
  /** Applies a detail snapshot of a job followed through its detail. */
  onDetail(key: string, snapshot: DetailSnapshot): WatchEvent[];
  /** Keys that must be followed through their detail right now. */
  detailKeys(): string[];
  /** Settles every job still open as timed out; `after` says how long it waited ("5m"). */
  timeOut(after: string): WatchEvent[];
  done(): boolean;
}

// why: these will not fix themselves by waiting; a first poll failing with one of them ends the watch at once.
const PERMANENT = new Set(['dns', 'tls', 'auth', 'forbidden', 'not-found', 'html', 'config', 'unsupported', 'shape']);

/** True for a finished job the list cannot tell the end of (Alteryx before its disposition is known). */
function isUndecided(job: Job): boolean {
  return job.terminal && job.state === 'unknown' && job.flags.includes('needs-disposition');
}

/** Creates a tracker for `targets`. */
export function createWatchTracker(targets: readonly JobTarget[], options: WatchTrackerOptions): WatchTracker {
  const tracked: TrackedJob[] = targets.map((target) => ({
    ...target,
    job: null,
    seen: false,
    via: 'list',
    waiting: false,
    outcome: null,
    note: null,
  }));
  const failingSince = new Map<string, number>();
  const detailFailingSince = new Map<string, number>();
  /** Jobs the list shows ended without saying how (followed through their detail to learn it). */
  const undecided = new Set<string>();
  /** Sources of watched jobs whose last list was incomplete, by the reason last reported. */
  const degraded = new Map<string, string>();
  /** Jobs whose detail said "gone" while we wait for them to appear in the list. */
  const absent = new Set<string>();

  function settle(job: TrackedJob, outcome: WatchOutcome, note: string | null, events: WatchEvent[]): void {
    job.outcome = outcome;
    job.note = note;
    events.push({ kind: 'settled', key: job.key, outcome, note });
  }

  function observe(job: TrackedJob, record: Job, events: WatchEvent[]): void {
    job.seen = true;
    job.waiting = false;
    absent.delete(job.key);
    // why: Alteryx lists a finished job as `unknown` until its disposition is fetched; its detail
    // knows how it ended, so ask that instead of reporting a passing "running → unknown".
    if (isUndecided(record) && job.via === 'list') {
      undecided.add(job.key);
      job.via = 'detail';
      return;
    }
    const before = job.job;
    job.job = record;
    if (!before || before.state !== record.state)
      events.push({ kind: 'state', key: job.key, from: before, to: record });
    if (record.terminal)
      settle(
        job,
        record.state === 'queued' || record.state === 'running' ? 'unknown' : record.state,
        record.state === 'unknown' ? (record.error ?? 'the source never said how it ended') : null,
        events,
      );
  }

  function missing(job: TrackedJob, reason: string, events: WatchEvent[]): void {
    if (job.seen) return settle(job, 'vanished', reason, events);
    if (!options.waitForAppear) return settle(job, 'not-found', reason, events);
    absent.add(job.key);
    job.via = 'list';
    if (!job.waiting) {
      job.waiting = true;
      events.push({ kind: 'waiting', key: job.key });
    }
  }

  function noteDegraded(name: string, incomplete: { jobs: number; reason: string } | null, events: WatchEvent[]): void {
    if (incomplete && degraded.get(name) !== incomplete.reason) {
      degraded.set(name, incomplete.reason);
      events.push({ kind: 'source-degraded', source: name, incomplete });
    } else if (!incomplete && degraded.delete(name)) {
      events.push({ kind: 'source-whole', source: name });
    }
  }

  return {
    jobs: () => tracked,
    onSnapshot(snapshot) {
      const events: WatchEvent[] = [];
      const at = options.now();
      for (const source of snapshot.sources) {
        if (source.status === 'error' && source.error) {
          if (!failingSince.has(source.name)) {
            failingSince.set(source.name, at);
            events.push({ kind: 'source-failing', source: source.name, error: source.error });
          }
        } else if (source.status === 'ok' && failingSince.delete(source.name) && source.lastSuccessAt !== null) {
          events.push({ kind: 'source-recovered', source: source.name });
        }
        if (source.status === 'ok' && tracked.some((job) => job.source === source.name))
          noteDegraded(source.name, source.incomplete ?? null, events);
        for (const job of tracked) {
          if (job.outcome !== null || job.source !== source.name) continue;
          if (source.status === 'error' && source.error) {
            const permanent = source.lastSuccessAt === null && PERMANENT.has(source.error.kind);
            if ((permanent || at - failingSince.get(source.name)! >= options.unreachableAfterMs) && job.via === 'list')
              settle(job, 'unreachable', source.error.message, events);
            continue;
          }
          if (source.status !== 'ok') continue;
          const record = source.jobs.find((candidate) => candidate.key === job.key);
          if (record && !(isUndecided(record) && job.via === 'detail')) {
            job.via = 'list';
            observe(job, record, events);
          } else if (!record && !absent.has(job.key)) {
            job.via = 'detail';
          }
        }
      }
      return events;
    },
    onDetail(key, snapshot) {
      const events: WatchEvent[] = [];
      const job = tracked.find((candidate) => candidate.key === key);
      if (!job || job.outcome !== null || job.via !== 'detail' || snapshot.status === 'loading') return events;
      if (snapshot.status === 'ok' && snapshot.detail) {
        if (detailFailingSince.delete(key)) events.push({ kind: 'detail-recovered', key });
        observe(job, snapshot.detail, events);
      } else if (snapshot.status === 'gone') {
        missing(job, job.seen ? `it no longer exists on ${job.source}` : `no such job on ${job.source}`, events);
      } else if (snapshot.status === 'error' && snapshot.error) {
        const status = snapshot.error.status;
        if (!job.seen && (status === 400 || status === 404)) {
          missing(job, snapshot.error.message, events);
          return events;
        }
        const since = detailFailingSince.get(key) ?? options.now();
        if (!detailFailingSince.has(key))
          events.push({
            kind: 'detail-failing',
            key,
            outcomeUnknown: undecided.has(key),
            error: snapshot.error,
          });
        detailFailingSince.set(key, since);
        if (options.now() - since >= options.unreachableAfterMs)
          settle(
            job,
            'unreachable',
            undecided.has(key) ? `outcome unknown: ${snapshot.error.message}` : snapshot.error.message,
            events,
          );
      }
      return events;
    },
    detailKeys: () => tracked.filter((job) => job.outcome === null && job.via === 'detail').map((job) => job.key),
    timeOut(after) {
      const events: WatchEvent[] = [];
      for (const job of tracked) {
        if (job.outcome !== null) continue;
        settle(
          job,
          'timeout',
          `after ${after} ${job.job ? `still ${job.job.state}` : job.waiting ? 'it had not appeared' : 'nothing was known yet'}`,
          events,
        );
      }
      return events;
    },
    done: () => tracked.every((job) => job.outcome !== null),
  };
}
