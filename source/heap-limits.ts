/**
 * Heap limits for the long-running monitor: V8's defaults suit a short, busy process, and a
 * monitor's live heap is small (20–30 MB) but lives for days (docs/performance.md "Session 3: memory").
 *
 * The young generation (new space): V8 starts it at 2 MB and doubles it whenever enough objects
 * survive a scavenge, up to 32 MB (two 16 MB semi-spaces on 64-bit Node 20); a process that polls
 * forever always gets there and stays there. Capped at 16 MB, RSS was 15–40 MB lower with no more
 * CPU (session 3); since the poll's unchanged records keep their Jobs and new ones die young
 * (session 5), 8 MB with the old generation's growth below takes another 10–25 MB off: at no
 * measured CPU at 5 × 200, for about half a point of a core (more collections) at 5 × 1,000
 * (docs/performance.md "Session 6: the heap limits again").
 * why: `--max-semi-space-size` is read once, when the heap is set up before any script runs
 * (`v8.setFlagsFromString` cannot change it later, and `node dist/cli.js` must keep the limits
 * without the launcher's help); V8 reads
 * `--semi-space-growth-factor` each time it grows the new space, so growth is turned off
 * (factor 1) the first time the new space is seen at the cap, after a collection.
 *
 * The old generation: after each full collection V8 lets it grow to up to 4 × what survived
 * before the next one (its growing factor with Node's 4 GB old-space limit), so at 5 × 1,000 jobs
 * 28 MB of live objects came with up to 120 MB of heap. `--heap-growing-percent` (read at each
 * full collection) fixes the factor: at 2 the maximum RSS stayed under 151 MB where it reached
 * 197 MB, with no more GC time (session 3); at 1.5 with the 8 MB young generation, under 125 MB.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

/** The new space jobtop lets V8 grow to: 8 MB (two 4 MB semi-spaces). */
export const YOUNG_GENERATION_CAP_BYTES = 8 * 2 ** 20;

/** What the cap needs from the runtime (V8 and perf_hooks by default; injected in tests). */
export interface HeapControls {
  /** Committed bytes of the new space now. */
  newSpaceBytes(): number;
  /** Stops the new space from growing any further. */
  stopGrowth(): void;
  /** Lets the old generation grow to (100 + percent) % of what survived the last full collection. */
  limitOldGrowth(percent: number): void;
  /** Calls `check` after each garbage collection until the returned function is called. */
  afterEachGc(check: () => void): () => void;
}

/** The real runtime: V8's heap statistics and flags, GC entries from perf_hooks. */
export const v8HeapControls: HeapControls = {
  newSpaceBytes: () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
  stopGrowth: () => v8.setFlagsFromString('--semi-space-growth-factor=1'),
  limitOldGrowth: (percent) => v8.setFlagsFromString(`--heap-growing-percent=${percent}`),
  afterEachGc(check) {
    const observer = new PerformanceObserver(() => check());
    observer.observe({ entryTypes: ['gc'] });
    return () => observer.disconnect();
  },
};

/**
 * Lets the young generation grow to `capBytes` and no further: watches collections until the
 * new space has reached the cap, then stops its growth and the watching. Returns a function that
 * stops watching (growth is left as it is).
 */
export function capYoungGeneration(
  capBytes: number = YOUNG_GENERATION_CAP_BYTES,
  controls: HeapControls = v8HeapControls,
): () => void {
  let capped = false;
  let stopWatching: (() => void) | undefined;
  const check = () => {
    if (capped || controls.newSpaceBytes() < capBytes) return;
    capped = true;
    controls.stopGrowth();
    stopWatching?.();
  };
  check();
  if (capped) return () => undefined;
  stopWatching = controls.afterEachGc(check);
  return () => stopWatching?.();
}

/** The old generation may grow to 1.5 × what survived the last full collection before the next. */
export const OLD_GENERATION_GROWTH_PERCENT = 50;

/** Applies both limits (the monitor calls this once, at start); returns a function that stops watching. */
export function applyMonitorHeapLimits(controls: HeapControls = v8HeapControls): () => void {
  controls.limitOldGrowth(OLD_GENERATION_GROWTH_PERCENT);
  return capYoungGeneration(YOUNG_GENERATION_CAP_BYTES, controls);
}
