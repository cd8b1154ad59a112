/**
 * The query side of the simulated job endpoints: reading multi-valued and count
 * parameters, the documented list filters, and the sort orders.
 */
import { ALTERYX_DEMO_USER, DEFAULT_PAGE_SIZE, PRIORITY_LEVELS, STATUS_FILTERS } from './constants.js';
import type { AlteryxSimulatedJob } from './types.js';
import { priorityLevel } from './wire-format.js';

/** Reads a multi-valued query parameter: repeated keys and comma lists both work. */
function multiParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** A non-negative integer parameter, its default when absent, or null when malformed. */
function countParam(query: URLSearchParams, name: string, fallback: number): number | null {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value.trim()) ? Number(value) : null;
}

/** `offset` (default 0) and `limit` (default 50) as asked, or null when either is malformed. */
export function pagingParams(query: URLSearchParams): { offset: number; limit: number } | null {
  const offset = countParam(query, 'offset', 0);
  const limit = countParam(query, 'limit', DEFAULT_PAGE_SIZE);
  return offset === null || limit === null ? null : { offset, limit };
}

/** Applies the documented filters; null when a value is not one the server accepts. */
export function filterJobs(jobs: readonly AlteryxSimulatedJob[], query: URLSearchParams): AlteryxSimulatedJob[] | null {
  const allUsers = query.get('allUsers')?.toLowerCase() === 'true';
  const statuses = multiParam(query, 'statuses').map((value) => STATUS_FILTERS[value.toLowerCase()]);
  const priorities = multiParam(query, 'priorities').map(
    (value) => PRIORITY_LEVELS[value.toLowerCase()] ?? (/^\d+$/.test(value) ? Number(value) : undefined),
  );
  const userIds = allUsers ? multiParam(query, 'users') : [];
  const names = multiParam(query, 'workflowNames');
  const before = query.get('completedBefore');
  const after = query.get('completedAfter');
  if (statuses.some((status) => status === undefined) || priorities.some((level) => level === undefined)) return null;
  if ([before, after].some((date) => date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date))) return null;
  const completedDay = (job: AlteryxSimulatedJob) =>
    job.finishedAt === null ? null : new Date(job.finishedAt).toISOString().slice(0, 10);
  return jobs.filter((job) => {
    if (!allUsers && job.submittedBy !== ALTERYX_DEMO_USER) return false;
    if (userIds.length > 0 && !userIds.includes(job.userId)) return false;
    if (statuses.length > 0 && !statuses.includes(job.status)) return false;
    if (priorities.length > 0 && !priorities.includes(priorityLevel(job.priority))) return false;
    if (names.length > 0 && !names.includes(job.workflowName)) return false;
    const day = completedDay(job);
    if (before !== null && (day === null || day >= before)) return false;
    if (after !== null && (day === null || day <= after)) return false;
    return true;
  });
}

/** Sorts by a lowercased `sortField` (unknown fields sort by creation), ties broken by id. */
export function sortJobs(
  selected: readonly AlteryxSimulatedJob[],
  field: string,
  descending: boolean,
): AlteryxSimulatedJob[] {
  const keyOf = (job: AlteryxSimulatedJob): number | string => {
    if (field === 'appname') return job.workflowName.toLowerCase();
    if (field === 'completiondatetime') return job.finishedAt ?? Number.MAX_SAFE_INTEGER;
    if (field === 'priority') return priorityLevel(job.priority);
    if (field === 'status') return job.status;
    return job.queuedAt;
  };
  const sorted = [...selected].sort((left, right) => {
    const leftKey = keyOf(left);
    const rightKey = keyOf(right);
    return leftKey < rightKey ? -1 : leftKey > rightKey ? 1 : left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
  });
  return descending ? sorted.reverse() : sorted;
}
