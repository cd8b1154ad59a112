/**
 * `JOBTOP_HEAP_TRACE=FILE`: once a second, one JSON line with the process's memory (RSS, V8
 * heap used and committed, per heap space) and the garbage collector's time and count so far,
 * so `npm run bench` can report the live heap and GC time beside RSS (docs/performance.md).
 * Off (no timer, no observer) unless the variable is set. `JOBTOP_HEAP_TRACE_AFTER=SECONDS` starts
 * it that long after the monitor starts (nothing before: no timer but the one that starts it).
 * why: the trace has a cost of its own — a wake-up a second, a file append, an observer called
 * after every collection, objects V8 gives maps of their own — so the bench measures CPU in a
 * window before the trace starts and the heap in the minute after (docs/performance.md
 * "Session 6: the bench measures jobtop untraced").
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import v8 from 'node:v8';

/** One sample: bytes, and GC totals since the trace started (ms; counts). */
export interface HeapSample {
  at: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** Committed bytes per V8 heap space (new_space, old_space, code_space…). */
  spaces: Record<string, number>;
  gcMs: number;
  gcCount: number;
  /** Mark-sweep-compact (full) collections: their time and count. */
  majorGcMs: number;
  majorGcCount: number;
}

/** Reads `JOBTOP_HEAP_TRACE_AFTER` (seconds) as milliseconds; 0 when unset or not a number ≥ 0. */
export function heapTraceDelayMs(text: string | undefined): number {
  const seconds = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 0;
}

/**
 * Starts the trace when `path` is set, after `delayMs` (0: now); returns a stop function (a no-op
 * when off). The file is emptied when the trace starts.
 */
export function startHeapTrace(path: string | undefined, delayMs = 0): () => void {
  if (!path) return () => undefined;
  if (delayMs > 0) {
    let stop: (() => void) | undefined;
    const start = setTimeout(() => (stop = startHeapTrace(path)), delayMs);
    start.unref();
    return () => {
      clearTimeout(start);
      stop?.();
    };
  }
  const totals = { gcMs: 0, gcCount: 0, majorGcMs: 0, majorGcCount: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      totals.gcMs += entry.duration;
      totals.gcCount += 1;
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        totals.majorGcMs += entry.duration;
        totals.majorGcCount += 1;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  writeFileSync(path, '');
  const sample = () => {
    const memory = process.memoryUsage();
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]));
    const line: HeapSample = {
      at: Date.now(),
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      spaces,
      ...totals,
    };
    appendFileSync(path, `${JSON.stringify(line)}\n`);
  };
  const timer = setInterval(sample, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    observer.disconnect();
  };
}
