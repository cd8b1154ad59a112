/**
 * Builds the searched text of every listed row ahead of the first filter keystroke, in idle
 * slices that yield to input (row-search.ts): with 100,000 jobs building them all at once is a
 * few hundred milliseconds, which the first `/` keystroke would otherwise wait for.
 */
import { useEffect } from 'react';
import type { Job } from '../domain/job.js';
import { warmRowSearch } from './row-search.js';

/** Rows per slice: about a millisecond of work, so a key pressed meanwhile waits no longer than that. */
const SLICE = 1000;

/** After each commit that shows a new row list, warms its searched texts one slice per event-loop turn. */
export function useSearchWarmup(rows: readonly Job[]): void {
  useEffect(() => {
    let timer: NodeJS.Immediate | null = null;
    const step = () => {
      timer = warmRowSearch(rows, SLICE) ? null : setImmediate(step);
    };
    timer = setImmediate(step);
    return () => {
      if (timer !== null) clearImmediate(timer);
    };
  }, [rows]);
}
