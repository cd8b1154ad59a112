/**
 * A bound on how many tasks run at once: what a source's `concurrency` setting means for its
 * per-job requests (Alteryx's disposition look-ups, bulk actions of the monitor and the action commands).
 */

/** Runs a task once a slot is free; settles as the task does. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Creates a limiter that lets at most `concurrency` (at least 1) tasks run at a time, in order. */
export function createLimiter(concurrency: number): Limiter {
  const slots = Math.max(1, Math.floor(concurrency));
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
