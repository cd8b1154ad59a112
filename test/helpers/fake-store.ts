/**
 * A fake FleetStoreApi for view tests: push snapshots, push detail snapshots, and read back
 * every call the UI made (refreshNow, setPaused, setIntervalMs, watchDetail, runAction, recheck).
 * Its recheck answers with the jobs of the current snapshot (the list is the truth here).
 */
import type {
  DetailSnapshot,
  FleetSnapshot,
  FleetStoreApi,
  PendingAction,
  SourceSnapshot,
} from '../../source/store/types.js';
import type { ActionKind } from '../../source/adapters/contract.js';
import type { Job } from '../../source/domain/job.js';

/** A call the UI made on the store. */
export type StoreCall =
  | { method: 'refreshNow'; source?: string }
  | { method: 'setPaused'; paused: boolean }
  | { method: 'setIntervalMs'; ms: number }
  | { method: 'watchDetail'; key: string }
  | { method: 'unwatchDetail'; key: string }
  | { method: 'runAction'; kind: ActionKind; keys: readonly string[] }
  | { method: 'recheck'; keys: readonly string[] };

/** The fake store plus test controls. */
export interface FakeStore extends FleetStoreApi {
  calls: StoreCall[];
  /** Replaces the snapshot (merging fields) and notifies subscribers. */
  push(patch: Partial<FleetSnapshot>): void;
  /** Replaces the sources and re-merges `jobs` from them (source order). */
  setSources(sources: readonly SourceSnapshot[], changed?: ReadonlyMap<string, number>): void;
  /** Sends a detail snapshot to the watchers of its key. */
  pushDetail(snapshot: DetailSnapshot): void;
  /** Keys currently watched. */
  watched(): string[];
}

/** A fleet snapshot built from sources (jobs merged in source order). */
export function fleetOf(sources: readonly SourceSnapshot[], patch: Partial<FleetSnapshot> = {}): FleetSnapshot {
  const jobs: Job[] = sources.flatMap((source) => [...source.jobs]);
  return { sources, jobs, changed: new Map(), paused: false, intervalMs: 5_000, actions: [], ...patch };
}

/** Creates a fake store starting at `initial`. */
export function createFakeStore(initial: FleetSnapshot): FakeStore {
  let snapshot = initial;
  const listeners = new Set<() => void>();
  const watchers = new Map<string, Set<(snapshot: DetailSnapshot) => void>>();
  const calls: StoreCall[] = [];
  const notify = () => listeners.forEach((listener) => listener());
  return {
    calls,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refreshNow(source) {
      calls.push({ method: 'refreshNow', source });
    },
    setPaused(paused) {
      calls.push({ method: 'setPaused', paused });
      snapshot = { ...snapshot, paused };
      notify();
    },
    setIntervalMs(ms) {
      calls.push({ method: 'setIntervalMs', ms });
      snapshot = { ...snapshot, intervalMs: ms };
      notify();
    },
    watchDetail(key, listener) {
      calls.push({ method: 'watchDetail', key });
      const set = watchers.get(key) ?? new Set();
      set.add(listener);
      watchers.set(key, set);
      return () => {
        calls.push({ method: 'unwatchDetail', key });
        set.delete(listener);
        if (set.size === 0) watchers.delete(key);
      };
    },
    async runAction(kind, keys) {
      calls.push({ method: 'runAction', kind, keys });
      return [] as PendingAction[];
    },
    async recheck(keys) {
      calls.push({ method: 'recheck', keys });
      const listed = new Map(snapshot.jobs.map((job) => [job.key, job]));
      return { at: Date.now(), jobs: new Map(keys.map((key) => [key, listed.get(key) ?? null])), failures: new Map() };
    },
    // why: the fake's snapshots are the sessions' figures already; drawing the sources screen reads nothing.
    sampleSessions() {},
    stop() {},
    push(patch) {
      snapshot = { ...snapshot, ...patch };
      notify();
    },
    setSources(sources, changed) {
      snapshot = {
        ...snapshot,
        sources,
        jobs: sources.flatMap((source) => [...source.jobs]),
        changed: changed ?? new Map(),
      };
      notify();
    },
    pushDetail(detail) {
      for (const listener of watchers.get(detail.key) ?? []) listener(detail);
    },
    watched: () => [...watchers.keys()],
  };
}
