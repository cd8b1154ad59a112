/**
 * Deterministic job ordering for the merged table. Every order ends with the job key as
 * tie-breaker, so a refresh never reshuffles equal rows.
 */
import { priorityRankIndex } from './priority.js';
import type { Job, JobState } from './job.js';

/** The sort columns, in the order the sort key cycles through them. */
export const SORT_KEYS = ['default', 'state', 'priority', 'created', 'updated', 'source', 'type'] as const;

/** A sort column; `default` puts active and high-priority jobs first. */
export type SortKey = (typeof SORT_KEYS)[number];

/** The table's ordering: a column and whether it is reversed. */
export interface SortSpec {
  key: SortKey;
  reverse: boolean;
}

/** The ordering a fresh screen starts with. */
export const DEFAULT_SORT: SortSpec = { key: 'default', reverse: false };

/** Short names of the sort columns for the title bar. */
export const SORT_LABELS: Record<SortKey, string> = {
  default: 'active+priority',
  state: 'state',
  priority: 'priority',
  created: 'created',
  updated: 'updated',
  source: 'source',
  type: 'type',
};

/** Rank of each state when sorting by state: moving first, then problems, then done. */
export const STATE_SORT_RANK: Record<JobState, number> = {
  running: 0,
  queued: 1,
  failed: 2,
  partial: 3,
  unknown: 4,
  cancelled: 5,
  skipped: 6,
  succeeded: 7,
};

/** The column after `key` in the cycle (wraps around). */
export function nextSortKey(key: SortKey): SortKey {
  return SORT_KEYS[(SORT_KEYS.indexOf(key) + 1) % SORT_KEYS.length] ?? key;
}

/** One sort criterion: a value per job (null sorts last in both directions) and its natural direction. */
interface Criterion {
  value: (job: Job) => number | string | null;
  descending: boolean;
}

const activeRank = (job: Job): number => (job.state === 'running' ? 0 : job.state === 'queued' ? 1 : 2);
// why: the normalized rank, so vendors' scales compare (domain/priority.ts); never raw numbers across vendors.
const priority = (job: Job): number | null => priorityRankIndex(job.priority.rank);
const created = (job: Job): number | null => job.createdAt;
const updated = (job: Job): number | null => job.updatedAt ?? job.finishedAt ?? job.startedAt ?? job.createdAt;
const newest = (job: Job): number | null => job.finishedAt ?? job.updatedAt ?? job.startedAt ?? job.createdAt;

const CRITERIA: Record<SortKey, Criterion[]> = {
  default: [
    { value: activeRank, descending: false },
    { value: (job) => (activeRank(job) < 2 ? priority(job) : null), descending: true },
    { value: newest, descending: true },
  ],
  state: [
    { value: (job) => STATE_SORT_RANK[job.state], descending: false },
    { value: newest, descending: true },
  ],
  priority: [
    { value: priority, descending: true },
    { value: activeRank, descending: false },
    { value: newest, descending: true },
  ],
  created: [{ value: created, descending: true }],
  updated: [{ value: updated, descending: true }],
  source: [
    { value: (job) => job.source, descending: false },
    { value: newest, descending: true },
  ],
  type: [
    { value: (job) => job.type, descending: false },
    { value: newest, descending: true },
  ],
};

function compareValues(a: number | string | null, b: number | string | null, descending: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1; // why: unknown values stay at the bottom whichever way the column runs
  if (b === null) return -1;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return descending ? -order : order;
}

/** A comparator for `spec`: its criteria (flipped when reversed), then the key ascending. */
export function compareJobs(spec: SortSpec): (a: Job, b: Job) => number {
  const criteria = CRITERIA[spec.key];
  return (a, b) => {
    for (const criterion of criteria) {
      const order = compareValues(criterion.value(a), criterion.value(b), criterion.descending !== spec.reverse);
      if (order !== 0) return order;
    }
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  };
}

/** A sorted copy of `jobs`; the input is not touched. */
export function sortJobs(jobs: readonly Job[], spec: SortSpec): Job[] {
  return [...jobs].sort(compareJobs(spec));
}
