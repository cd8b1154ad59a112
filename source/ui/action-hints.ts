/**
 * Which action keys the footer offers: only the actions the source of the selected (or
 * opened, or marked) job really has, none when it is read-only (the footer then says so),
 * and `u` only while jobs are marked.
 */
import type { ActionKind } from '../adapters/contract.js';
import type { Job } from '../domain/job.js';
import type { Binding } from './keymap.js';
import type { NavigationState } from './navigation-state.js';
import { actionOf } from './navigation-actions.js';
import { detailJob, jobsByKey, selectedJob, sourceByName } from './select.js';

/** The footer's filter over key hints, and a note ("read-only") in their place. */
export interface FooterActions {
  shown: (binding: Binding) => boolean;
  note: string | null;
}

/** Jobs whose sources decide which action keys are offered. */
function consideredJobs(state: NavigationState): Job[] {
  if (state.view === 'detail') {
    const job = detailJob(state);
    return job ? [job] : [];
  }
  if (state.marks.size > 0) {
    const jobs = jobsByKey(state.fleet.jobs);
    return [...state.marks].map((key) => jobs.get(key)).filter((job): job is Job => job !== undefined);
  }
  const job = selectedJob(state);
  return job ? [job] : [];
}

/** The footer's action hints for the current state. */
export function footerActions(state: NavigationState): FooterActions {
  const sources = consideredJobs(state)
    .map((job) => sourceByName(state, job.source))
    .filter((source) => source !== undefined);
  const writable = sources.filter((source) => !source.readonly);
  const offered = new Set<ActionKind>(
    writable.flatMap((source) => Object.keys(source.capabilities.actions) as ActionKind[]),
  );
  const readonly = state.readonly || (sources.length > 0 && writable.length === 0);
  const shown = (binding: Binding) => {
    const kind = actionOf(binding.command);
    if (kind) return !state.readonly && offered.has(kind);
    if (binding.command === 'marks-clear') return state.marks.size > 0;
    if (binding.command === 'mark-toggle') return !state.readonly;
    return true;
  };
  return { shown, note: readonly ? 'read-only: no actions' : null };
}
