/**
 * When V8's optimising compiler (TurboFan) takes a function, for a long-running monitor.
 *
 * V8 optimises a function once it has run a fixed amount of bytecode (its interrupt budget,
 * 67,584 bytes on Node 20, tuned for pages and short scripts). A monitor runs a little of a great
 * many functions on each poll round, so lukewarm ones keep reaching that threshold for minutes on
 * end: at 5 × 200 jobs 183 TurboFan compiles in the first minute and still ~35 a minute after
 * eight (most of them functions optimised before), each on a worker thread. Switched off
 * altogether (`--max-opt=1`), TurboFan turned out to cost ~1 % of a core at 5 × 200, of which
 * the faster code gave back less than half; at 5 × 1,000 the optimised per-job loops pay for
 * themselves. An eight-fold budget keeps TurboFan for what is really hot and halves the compiles
 * (docs/performance.md "Session 5: compiler threshold").
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
