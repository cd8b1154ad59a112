/**
 * Side effects the reducer asks for, performed against the store and the terminal, and
 * the bell rule. Pure helpers are exported for tests.
 */
import type { Job } from '../domain/job.js';
import type { FleetSnapshot, FleetStoreApi } from '../store/types.js';
import type { HistoryTail } from '../store/action-history.js';
import type { Effect, NavigationAction } from './navigation-state.js';

/** The interval steps the +/- keys move through (the store clamps to 500 ms – 5 min). */
export const INTERVAL_STEPS = [500, 1000, 2000, 3000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000] as const;

/** The next interval step faster or slower than `current`. */
export function nextInterval(current: number, direction: 'faster' | 'slower'): number {
  if (direction === 'faster') return [...INTERVAL_STEPS].reverse().find((step) => step < current) ?? INTERVAL_STEPS[0];
  return INTERVAL_STEPS.find((step) => step > current) ?? INTERVAL_STEPS[INTERVAL_STEPS.length - 1];
}

/** The OSC 52 sequence that puts `text` on the terminal's clipboard (works over SSH). */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

/** Where effects go. */
export interface EffectTargets {
  store: FleetStoreApi;
  /** Feeds asynchronous answers (a re-check) back into the reducer. */
  dispatch?: (action: NavigationAction) => void;
  onExit: () => void;
  write: (data: string) => void;
  /** Keeps a `:` command line across runs (the command history file); absent: not kept. */
  rememberCommand?: (text: string) => void;
  /** Reads the action history file's tail (earlier sessions) for the history view; absent: this run keeps none. */
  readHistory?: () => Promise<HistoryTail>;
}

/** Performs one effect. */
export function performEffect(effect: Effect, targets: EffectTargets): void {
  switch (effect.kind) {
    case 'quit':
      targets.onExit();
      return;
    case 'refresh':
      targets.store.refreshNow();
      return;
    case 'toggle-pause':
      targets.store.setPaused(!targets.store.getSnapshot().paused);
      return;
    case 'interval':
      targets.store.setIntervalMs(nextInterval(targets.store.getSnapshot().intervalMs, effect.direction));
      return;
    case 'set-interval':
      targets.store.setIntervalMs(effect.ms);
      return;
    case 'remember-command':
      targets.rememberCommand?.(effect.text);
      return;
    case 'copy':
      targets.write(osc52(effect.text));
      return;
    case 'run-action':
      // why: the outcome arrives through the store's snapshot (fleet.actions); the store never rejects, but a bug must not crash the UI.
      targets.store.runAction(effect.action, effect.keys, effect.jobs).catch(() => undefined);
      return;
    case 'read-history': {
      const read = targets.readHistory;
      if (!read) {
        targets.dispatch?.({ type: 'history-read', earlier: { status: 'off' } });
        return;
      }
      // why: the reader never rejects, but a bug must land as "could not read", never as an empty history.
      void read()
        .catch((error: unknown): HistoryTail => ({
          status: 'error',
          file: 'the history file',
          error: error instanceof Error ? error.message : String(error),
        }))
        .then((earlier) => targets.dispatch?.({ type: 'history-read', earlier }));
      return;
    }
    case 'recheck':
      // why: the store bounds the re-read and never rejects; a bug still lands as a failed re-check, never as a plan on unchecked data.
      void targets.store
        .recheck(effect.keys)
        .catch((error: unknown) => ({
          at: Date.now(),
          jobs: new Map(),
          failures: new Map([['re-check', error instanceof Error ? error.message : String(error)]]),
        }))
        .then((result) => targets.dispatch?.({ type: 'recheck', check: effect.check, result, at: result.at }));
      return;
  }
}

/**
 * Keys of jobs that newly became failed between two snapshots: a known job whose state
 * turned to failed, or a job first seen failed whose end is later than its source's
 * previous good poll (it failed since we last looked). The first snapshot rings nothing.
 */
export function newlyFailed(previous: FleetSnapshot | null, next: FleetSnapshot): string[] {
  if (!previous) return [];
  const before = new Map<string, Job>(previous.jobs.map((job) => [job.key, job]));
  const lastPoll = new Map(previous.sources.map((source) => [source.name, source.lastSuccessAt]));
  const out: string[] = [];
  for (const job of next.jobs) {
    if (job.state !== 'failed') continue;
    const known = before.get(job.key);
    if (known) {
      if (known.state !== 'failed') out.push(job.key);
      continue;
    }
    const since = lastPoll.get(job.source);
    const ended = job.finishedAt ?? job.updatedAt;
    if (since !== null && since !== undefined && ended !== null && ended > since) out.push(job.key);
  }
  return out;
}
