/**
 * What a process that runs for days (the monitor, the exporter) sets in V8 once, at start: the
 * heap limits (docs/performance.md "Session 3: memory") and the optimisation threshold
 * ("Session 5: compiler threshold").
 */
import { applyMonitorHeapLimits } from './heap-limits.js';
import { raiseOptimisationThreshold } from './optimisation-threshold.js';

/** Tunes V8 for a long-running process; returns a function that stops the heap limits' watching. */
export function tuneForLongRun(): () => void {
  raiseOptimisationThreshold();
  return applyMonitorHeapLimits();
}
