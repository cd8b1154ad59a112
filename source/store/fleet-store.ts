/**
 * The fleet store: polls every source on its own schedule (one request chain in flight per
 * source, backoff while failing), keeps each source's last good jobs with their age, merges
 * them into one list, follows one job's detail, and runs actions exactly once.
 *
 * why not SWR (docs/development.md, dependencies): the same poller serves the TUI, `watch` and the
 * benchmarks without loading React; Retry-After and "at most one list request per interval"
 * are explicit here instead of fought out of SWR's deduping and error-retry defaults.
 */
import type { Job } from '../domain/job.js';
import { parseJobKey } from '../domain/job.js';
import type { ActionKind, JobSource } from '../adapters/contract.js';
import { toSourceError } from '../adapters/errors.js';
import { nextPollDelay } from './backoff.js';
import { applyPollResult, type PollOutcome } from './poll-result.js';
import { createDetailWatcher } from './detail-watcher.js';
import { createActionRunner } from './action-runner.js';
import type {
  DetailSnapshot,
  FleetSnapshot,
  FleetStoreApi,
  PendingAction,
  RecheckResult,
  SessionFigures,
  SourceFailure,
  SourceSnapshot,
} from './types.js';
import { recheckJobs, rereadJob } from './recheck.js';
import { sameSession, sampleSession, type RequestSample } from './request-rate.js';

/** A source as the store runs it: the adapter plus the settings that are not the adapter's business. */
export interface StoreSource {
  source: JobSource;
  readonly?: boolean;
  insecure?: boolean;
  /** Poll interval for this source in ms (default: the store's). */
  intervalMs?: number;
  /** Its actions' requests in flight at once (config `concurrency`; default 4). */
  concurrency?: number;
}

/** Store options; clocks and timers are injectable for tests. */
export interface FleetStoreOptions {
  intervalMs?: number;
  now?: () => number;
  random?: () => number;
  /** How long a changed row stays marked (ms). */
  changeMarkMs?: number;
  /** Most messages kept per job detail (memory bound). */
  maxMessages?: number;
  /** Bound of an action dialog's re-read, in ms (default 5 s). */
  recheckTimeoutMs?: number;
  /** Re-reads of an action whose outcome is unknown, and the wait before each (default 5 × 1 s). */
  unknownChecks?: { attempts: number; delayMs: number };
  /** Called when an action settles (the history file's writer). */
  recordAction?: (action: PendingAction, job: { source: string; vendor: string }) => void;
  /** Hears every list poll once it is settled: how long it took, how it ended, the source afterwards (the exporter's metrics). */
  onPoll?: (event: PollEvent) => void;
}

/** One finished list poll of one source. */
export interface PollEvent {
  /** The source's snapshot after the poll (its jobs are the last good ones when it failed). */
  source: SourceSnapshot;
  /** Wall time of the list request chain, ms. */
  durationMs: number;
  /** Why the poll did not count as a success (an error, or every job vanishing); null when it did. */
  failure: SourceFailure | null;
}

/** The store plus what the CLI needs beyond the UI's interface. */
export interface FleetStore extends FleetStoreApi {
  /** Starts polling every source now. */
  start(): void;
  /** Resolves when every source has answered (or failed) at least once. */
  firstRound(): Promise<void>;
  /** Looks a job up by key in the merged list. */
  findJob(key: string): Job | undefined;
}

/** Default poll interval (docs/configuration.md, `interval`). */
export const DEFAULT_INTERVAL_MS = 2000;
const MIN_INTERVAL_MS = 500;
/** How long an action dialog's re-read of its jobs may take before the plan falls back to the list's data. */
export const RECHECK_TIMEOUT_MS = 5000;
const MAX_INTERVAL_MS = 5 * 60_000;

interface Runner {
  entry: StoreSource;
  snapshot: SourceSnapshot;
  timer: ReturnType<typeof setTimeout> | undefined;
  inFlight: boolean;
  /** A refresh asked for while a poll was in flight: run it right after. */
  again: boolean;
  answered: boolean;
  retryAfterMs: number | undefined;
  /** The last poll came back empty after a full list: the next empty poll confirms it. */
  confirmingEmpty: boolean;
  /** When the last poll started. */
  polledAt: number;
  /** The grid instant of the last poll (when its timer was due, or polledAt): healthy polls keep to a grid of one interval from it. */
  gridAt: number;
  /** When the pending timer is due (epoch ms; meaningful while `timer` is set). */
  dueAt: number;
  /** The timer that started this poll was due at this instant (undefined for other polls: start, refresh, resume). */
  firedFor: number | undefined;
  /** Start times of the polls of the last minute (the sources screen's polls per minute). */
  pollStarts: number[];
  /** Readings of the source's request counter, the last minute's and the one before (requests per minute). */
  requestSamples: RequestSample[];
}

/**
 * Poll results landing within this window reach the listeners as one update.
 * why: every re-render costs Ink a whole frame (~20 ms at 120×40, README "Performance"); sources
 * polled on one grid answer within a few ms of each other, so one render per poll round suffices.
 */
export const PUBLISH_COALESCE_MS = 100;

/** Healthy sources whose next polls are due this close together are polled at one instant. */
export const GRID_SNAP_MS = 50;

/**
 * Drops the poll starts not after `cutoff` (they are in order), in place.
 * why: a plain loop on the runner's own array, not filter and spread: a poll round that changed
 * nothing should allocate next to nothing (docs/performance.md "Session 4: an idle round").
 */
function trimPollStarts(starts: number[], cutoff: number): void {
  let old = 0;
  while (old < starts.length && starts[old] <= cutoff) old += 1;
  if (old > 0) starts.splice(0, old);
}

/** Creates the store over configured sources; call start() to begin polling. */
export function createFleetStore(entries: readonly StoreSource[], options: FleetStoreOptions = {}): FleetStore {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const changeMarkMs = options.changeMarkMs ?? 3000;
  let intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  let paused = false;
  let stopped = false;
  let started = false;
  const listeners = new Set<() => void>();
  const changed = new Map<string, number>();
  const firstRoundWaiters: (() => void)[] = [];

  const runners: Runner[] = entries.map((entry) => ({
    entry,
    timer: undefined,
    inFlight: false,
    again: false,
    answered: false,
    retryAfterMs: undefined,
    confirmingEmpty: false,
    polledAt: 0,
    gridAt: 0,
    dueAt: 0,
    firedFor: undefined,
    pollStarts: [],
    requestSamples: [],
    snapshot: {
      name: entry.source.name,
      vendor: entry.source.vendor,
      url: entry.source.url,
      status: 'loading',
      jobs: [],
      total: null,
      stateCounts: null,
      lastSuccessAt: null,
      error: null,
      incomplete: null,
      truncated: null,
      consecutiveFailures: 0,
      nextPollAt: null,
      nextPollDelayMs: null,
      intervalMs: entry.intervalMs ?? intervalMs,
      readonly: entry.readonly === true,
      insecure: entry.insecure === true,
      capabilities: entry.source.capabilities,
    },
  }));
  const byName = new Map(runners.map((runner) => [runner.entry.source.name, runner]));
  // The first reading is the base the first minute's requests are counted from.
  for (const runner of runners) runner.snapshot = { ...runner.snapshot, session: readSession(runner, now()) };

  /** Reads the source's session at `at` into its window; null when the source cannot tell. */
  function readSession(runner: Runner, at: number): SessionFigures | null {
    const sampled = sampleSession(runner.entry.source, runner.requestSamples, at);
    if (!sampled) return null;
    runner.requestSamples = sampled.samples;
    return sampled.figures;
  }

  // Assigned once the action runner exists (buildSnapshot reads its list).
  let snapshot: FleetSnapshot;

  // why: when no source's jobs changed, the merged array stays the same object, so the views'
  // caches per jobs array (sorted and filtered rows, indexes) survive a poll round.
  let merged: { parts: readonly (readonly Job[])[]; jobs: Job[] } = { parts: [], jobs: [] };

  function buildSnapshot(): FleetSnapshot {
    // why loops, not map/some with callbacks made per call: this runs on every publish, and such
    // callbacks are compiled again after every full collection (docs/performance.md "Session 4:
    // compiled once").
    const sources: Runner['snapshot'][] = new Array<Runner['snapshot']>(runners.length);
    const parts: (readonly Job[])[] = new Array<readonly Job[]>(runners.length);
    let sameParts = runners.length === merged.parts.length;
    for (let index = 0; index < runners.length; index++) {
      const source = runners[index].snapshot;
      sources[index] = source;
      parts[index] = source.jobs;
      if (source.jobs !== merged.parts[index]) sameParts = false;
    }
    if (!sameParts) {
      const jobs: Job[] = [];
      for (const part of parts) for (const job of part) jobs.push(job);
      merged = { parts, jobs };
    }
    const jobs = merged.jobs;
    return { sources, jobs, changed: new Map(changed), paused, intervalMs, actions: actions.list() };
  }

  let publishTimer: ReturnType<typeof setTimeout> | undefined;
  /** A reader already built the snapshot of the pending coalesced publish: its listeners are still to hear of it. */
  let builtEarly = false;

  function publish(): void {
    clearTimeout(publishTimer);
    publishTimer = undefined;
    builtEarly = false;
    snapshot = buildSnapshot();
    for (const listener of [...listeners]) listener();
  }

  /** The coalesced publish: notifies, building the snapshot only when no reader built it meanwhile. */
  function publishCoalesced(): void {
    if (!builtEarly) return publish();
    publishTimer = undefined;
    builtEarly = false;
    for (const listener of [...listeners]) listener();
  }

  let firstAnswerPublished = false;

  /**
   * Publishes poll results, coalescing those that land close together. The very first answer is
   * published at once: the first frame with jobs should not wait the coalescing window while the
   * other sources are still on their way (docs/performance.md "Session 3: start-up").
   */
  function publishSoon(): void {
    if (!firstAnswerPublished) {
      firstAnswerPublished = true;
      publish();
      return;
    }
    builtEarly = false;
    publishTimer ??= setTimeout(publishCoalesced, PUBLISH_COALESCE_MS);
  }

  function pruneChanged(at: number): void {
    for (const [key, when] of changed) if (at - when > changeMarkMs) changed.delete(key);
  }

  function schedule(runner: Runner): void {
    clearTimeout(runner.timer);
    runner.timer = undefined;
    if (stopped || paused || !started) {
      runner.snapshot = { ...runner.snapshot, nextPollAt: null, nextPollDelayMs: null };
      return;
    }
    const healthy = runner.snapshot.consecutiveFailures === 0;
    // Healthy polls keep to a grid (one interval after the last grid instant), so sources stay
    // in step and their answers are published together; failing ones back off from now.
    if (!healthy) {
      const delay = nextPollDelay(
        runner.snapshot.intervalMs,
        runner.snapshot.consecutiveFailures,
        random,
        runner.retryAfterMs,
      );
      // why one reading of the clock: the delay shown (and backed off) is exactly the one computed.
      const at = now();
      arm(runner, at + delay, at);
      return;
    }
    // why: healthy sources due within GRID_SNAP_MS of one another are all due at the latest of
    // those instants (never earlier: at most one poll per interval), so one timer wake-up starts
    // them all instead of one each a few ms apart (docs/performance.md "Session 5: the idle round").
    let due = runner.gridAt + runner.snapshot.intervalMs;
    for (const other of runners) if (onGridNear(other, runner, due)) due = Math.max(due, other.dueAt);
    for (const other of runners) if (onGridNear(other, runner, due) && other.dueAt < due) arm(other, due);
    arm(runner, due);
  }

  /** Whether `other` is a healthy source waiting for a poll due within GRID_SNAP_MS of `due`. */
  function onGridNear(other: Runner, runner: Runner, due: number): boolean {
    return (
      other !== runner &&
      other.timer !== undefined &&
      other.snapshot.consecutiveFailures === 0 &&
      Math.abs(other.dueAt - due) <= GRID_SNAP_MS
    );
  }

  /** Sets the runner's timer for `due` (epoch ms), as seen at `at` (now unless given). */
  function arm(runner: Runner, due: number, at: number = now()): void {
    clearTimeout(runner.timer);
    const delay = Math.max(0, due - at);
    runner.dueAt = due;
    runner.snapshot = { ...runner.snapshot, nextPollAt: at + delay, nextPollDelayMs: delay };
    runner.timer = setTimeout(pollOnTime, delay, runner);
  }

  /** A runner's timer fired: the poll it was due for. */
  function pollOnTime(runner: Runner): void {
    runner.timer = undefined;
    runner.firedFor = runner.dueAt;
    void poll(runner);
  }

  async function poll(runner: Runner): Promise<void> {
    if (stopped) return;
    if (runner.inFlight) {
      runner.again = true;
      return;
    }
    clearTimeout(runner.timer);
    runner.timer = undefined;
    runner.inFlight = true;
    runner.polledAt = now();
    // why: a poll its timer started a little late keeps the grid's instant, so late timers do not
    // push the grid (and the sources sharing it) apart; any other poll starts a grid of its own.
    const firedFor = runner.firedFor;
    runner.firedFor = undefined;
    runner.gridAt =
      firedFor !== undefined && runner.polledAt - firedFor < runner.snapshot.intervalMs / 2
        ? firedFor
        : runner.polledAt;
    trimPollStarts(runner.pollStarts, runner.polledAt - 60_000);
    runner.pollStarts.push(runner.polledAt);
    const previous = runner.snapshot;
    let outcome: PollOutcome;
    try {
      outcome = { kind: 'listed', result: await runner.entry.source.list() };
    } catch (error) {
      outcome = { kind: 'failed', error: toSourceError(runner.entry.source.name, error) };
    } finally {
      runner.inFlight = false;
    }
    if (stopped) return;
    const at = now();
    const next = applyPollResult(runner, outcome, at);
    runner.snapshot = next.snapshot;
    runner.confirmingEmpty = next.confirmingEmpty;
    runner.retryAfterMs = next.retryAfterMs;
    pruneChanged(at);
    for (const key of next.changed) changed.set(key, at);
    const failing = runner.snapshot.status === 'error';
    runner.snapshot = {
      ...runner.snapshot,
      lastLatencyMs: at - runner.polledAt,
      pollsLastMinute: runner.pollStarts.length,
      session: readSession(runner, at),
      failingSince: failing
        ? previous.status === 'error'
          ? (previous.failingSince ?? runner.polledAt)
          : runner.polledAt
        : null,
    };
    options.onPoll?.({
      source: runner.snapshot,
      durationMs: at - runner.polledAt,
      failure: failing ? runner.snapshot.error : null,
    });
    markAnswered(runner);
    if (runner.again) {
      runner.again = false;
      publishSoon();
      void poll(runner);
      return;
    }
    schedule(runner);
    publishSoon();
  }

  function markAnswered(runner: Runner): void {
    if (runner.answered) return;
    runner.answered = true;
    if (runners.every((r) => r.answered)) for (const resolve of firstRoundWaiters.splice(0)) resolve();
  }

  /** The runner a `source/id` key belongs to, the id, and the job when it is listed now. */
  function locate(key: string): { runner: Runner; id: string; job: Job | undefined } | undefined {
    const parsed = parseJobKey(key);
    const runner = parsed ? byName.get(parsed.source) : undefined;
    return parsed && runner
      ? { runner, id: parsed.id, job: runner.snapshot.jobs.find((job) => job.key === key) }
      : undefined;
  }

  const detailWatcher = createDetailWatcher({
    lookup: (key) => {
      const found = locate(key);
      return found && { source: found.runner.entry.source, id: found.id, job: found.job };
    },
    intervalMs: () => intervalMs,
    now,
    random,
    maxMessages: options.maxMessages ?? 5000,
  });

  const actions = createActionRunner({
    lookup: (key) => {
      const found = locate(key);
      return (
        found && {
          source: found.runner.entry.source,
          readonly: found.runner.snapshot.readonly,
          job: found.job,
          concurrency: found.runner.entry.concurrency,
        }
      );
    },
    now,
    onChange: () => publish(),
    afterAction: (sourceName) => {
      const runner = byName.get(sourceName);
      if (runner) void poll(runner);
    },
    reread: (key) => {
      const found = locate(key);
      if (!found) return Promise.resolve(null);
      return rereadJob(found.runner.entry.source, found.id, options.recheckTimeoutMs ?? RECHECK_TIMEOUT_MS);
    },
    checks: options.unknownChecks,
    record: (action) => {
      const found = locate(action.jobKey);
      if (found)
        options.recordAction?.(action, {
          source: found.runner.entry.source.name,
          vendor: found.runner.entry.source.vendor,
        });
    },
  });
  snapshot = buildSnapshot();

  return {
    getSnapshot() {
      // A reader never sees data older than what the store holds; listeners still hear of it, coalesced.
      if (publishTimer !== undefined && !builtEarly) {
        snapshot = buildSnapshot();
        builtEarly = true;
      }
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (started || stopped) return;
      started = true;
      for (const runner of runners) void poll(runner);
    },
    firstRound: () =>
      runners.every((r) => r.answered)
        ? Promise.resolve()
        : new Promise<void>((resolve) => firstRoundWaiters.push(resolve)),
    findJob: (key) => locate(key)?.job,
    refreshNow(source) {
      for (const runner of runners) if (!source || runner.entry.source.name === source) void poll(runner);
    },
    setPaused(value) {
      if (paused === value) return;
      paused = value;
      if (paused) for (const runner of runners) schedule(runner);
      else for (const runner of runners) void poll(runner);
      detailWatcher.setPaused(value);
      publish();
    },
    setIntervalMs(ms) {
      const clamped = Math.max(MIN_INTERVAL_MS, Math.min(MAX_INTERVAL_MS, Math.round(ms)));
      if (clamped === intervalMs) return;
      intervalMs = clamped;
      for (const runner of runners) {
        runner.snapshot = { ...runner.snapshot, intervalMs: clamped };
        if (!runner.inFlight) schedule(runner);
      }
      publish();
    },
    watchDetail(key, listener: (detail: DetailSnapshot) => void) {
      return detailWatcher.watch(key, listener);
    },
    runAction: (kind: ActionKind, keys, fresh) => actions.run(kind, keys, fresh),
    recheck: (keys): Promise<RecheckResult> => {
      const targets = keys.flatMap((key) => {
        const found = locate(key);
        return found ? [{ key, id: found.id, source: found.runner.entry.source }] : [];
      });
      return recheckJobs(targets, { now, timeoutMs: options.recheckTimeoutMs ?? RECHECK_TIMEOUT_MS });
    },
    sampleSessions() {
      if (stopped) return;
      const at = now();
      let differs = false;
      for (const runner of runners) {
        const before = runner.snapshot.session ?? null;
        const after = readSession(runner, at);
        if (sameSession(before, after)) continue;
        runner.snapshot = { ...runner.snapshot, session: after };
        differs = true;
      }
      if (differs) publish();
    },
    stop() {
      stopped = true;
      clearTimeout(publishTimer);
      for (const runner of runners) clearTimeout(runner.timer);
      detailWatcher.stopAll();
      listeners.clear();
    },
  };
}
