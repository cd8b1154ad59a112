/**
 * Builds what the first keys need ahead of them, in idle slices that yield to input: the
 * searched text of every listed row (row-search.ts; the first `/` keystroke) and the jobs by
 * key (select.ts; the first Enter). With 100,000 jobs each is a few hundred milliseconds built
 * at once, which the first keystroke would otherwise wait for.
 */
import { useEffect } from 'react';
import type { Job } from '../domain/job.js';
import { warmRowSearch } from './row-search.js';
import { warmJobsByKey } from './select.js';

/** Rows per slice: about a millisecond of work, so a key pressed meanwhile waits no longer than that. */
const SLICE = 1000;

/** After each commit that shows a new row list or jobs array, warms them one slice per event-loop turn. */
export function useIdleWarmup(rows: readonly Job[], jobs: readonly Job[]): void {
  useEffect(() => {
    let timer: NodeJS.Immediate | null = null;
    const step = () => {
      const done = warmRowSearch(rows, SLICE) && warmJobsByKey(jobs, SLICE);
      timer = done ? null : setImmediate(step);
    };
    timer = setImmediate(step);
    return () => {
      if (timer !== null) clearImmediate(timer);
    };
  }, [rows, jobs]);
}
