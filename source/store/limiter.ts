/**
 * One concurrency limiter per source (domain/limiter.ts): a source's `concurrency` setting for
 * its per-job requests outside the adapters (bulk actions of the monitor and the action commands).
 */
import { createLimiter, type Limiter } from '../domain/limiter.js';

export type { Limiter } from '../domain/limiter.js';

/** One limiter per source name, created on first use with that source's concurrency. */
export function createLimiters(): (name: string, concurrency: number) => Limiter {
  const limiters = new Map<string, Limiter>();
  return (name, concurrency) => {
    let limiter = limiters.get(name);
    if (!limiter) limiters.set(name, (limiter = createLimiter(concurrency)));
    return limiter;
  };
}
