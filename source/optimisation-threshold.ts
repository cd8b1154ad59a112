/**
 * When V8's optimising compiler (TurboFan) takes a function, for a long-running monitor.
 *
 * V8 optimises a function once it has run a fixed amount of bytecode (its interrupt budget,
 * 66 KB by default, tuned for pages and short scripts). A monitor runs a little of a great many
 * functions on each poll round, so lukewarm ones keep reaching that threshold for minutes on
 * end: ~180 TurboFan compiles in the first minute at 5 × 200 jobs and still ~35 a minute after
 * eight (about half of them functions optimised again after a deoptimisation), each compiled on
 * a worker thread. Turning TurboFan off altogether (`--max-opt=1`) showed what that costs:
 * about 1 % of a core on V8's worker threads at 5 × 200, of which the main thread's faster code
 * gave back well under half; but at 5 × 1,000 the optimised code pays for itself. An eight-fold
 * budget keeps TurboFan for what is really hot (the per-job loops of a large fleet reach it
 * within seconds) and halves the compiles (docs/performance.md "Session 5: compiler threshold").
 *
 * why at run time: V8 reads the budget each time it resets a function's counter, so
 * `v8.setFlagsFromString` takes effect at once (a command-line flag would need a re-exec or a
 * shebang that `npm start` and `node dist/cli.js` do not use); a test checks this Node still
 * reads it.
 */
import v8 from 'node:v8';

/** V8's default interrupt budget on Node 20 (`node --v8-options`): bytecode bytes run per check. */
export const V8_DEFAULT_INTERRUPT_BUDGET = 67_584;

/** How many times V8's default budget a function runs before the monitor lets TurboFan take it. */
export const MONITOR_BUDGET_FACTOR = 8;

/** Raises V8's optimisation threshold for the rest of the process (the monitor and the exporter call this once). */
export function raiseOptimisationThreshold(
  setFlags: (flags: string) => void = v8.setFlagsFromString,
  factor: number = MONITOR_BUDGET_FACTOR,
): void {
  setFlags(`--interrupt-budget=${V8_DEFAULT_INTERRUPT_BUDGET * factor}`);
}
