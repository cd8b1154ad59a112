/**
 * Key presses on their way to the navigation reducer, kept outside React so that a key renders
 * at input priority.
 *
 * why: under Ink 6.8's React 19 reconciler, a reducer dispatch from a stdin handler is a
 * default-priority update, rendered in a scheduler task (a setImmediate in Node): after the I/O
 * callbacks already due (a poll answer's body, its parsing and merge), the idle warm-up's
 * slices and anything else queued. The store's updates, read through useSyncExternalStore, are
 * sync-priority updates, rendered in a microtask: a poll round went ahead of a key. A key pushed
 * here notifies a useSyncExternalStore subscriber, so its frame is rendered in a microtask right
 * after the key is read, like the store's; the App applies the queued actions during that
 * render (App's render-phase dispatch, the same way it takes a new fleet snapshot).
 */
import type { NavigationAction } from './navigation-state.js';

/** The queue of one App. */
export interface KeyQueue {
  /** Queues an action and asks for a render. */
  push(action: NavigationAction): void;
  /** Removes and returns every queued action, oldest first. */
  take(): NavigationAction[];
  /** useSyncExternalStore's subscribe. */
  subscribe(listener: () => void): () => void;
  /** useSyncExternalStore's snapshot: how many actions were ever pushed. */
  pushed(): number;
}

/** Creates an empty key queue. */
export function createKeyQueue(): KeyQueue {
  let queued: NavigationAction[] = [];
  let count = 0;
  const listeners = new Set<() => void>();
  return {
    push(action) {
      queued.push(action);
      count += 1;
      for (const listener of listeners) listener();
    },
    take() {
      const taken = queued;
      queued = [];
      return taken;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pushed: () => count,
  };
}
