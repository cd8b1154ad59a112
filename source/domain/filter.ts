/**
 * Pure job filtering for the table: incremental text over the fields operators search by,
 * plus the quick toggles (active-only, failed-only, one source).
 */
import { isActiveState, type Job } from './job.js';

/** Everything that narrows the table. */
export interface JobFilter {
  /** Whitespace-separated terms; every term must occur (case-insensitive) in one of the searched fields. */
  text: string;
  activeOnly: boolean;
  /** Failed or partially failed jobs only. */
  failedOnly: boolean;
  /** One source's jobs only, by configured name; null = all sources. */
  source: string | null;
}

/** No filtering at all. */
export const EMPTY_FILTER: JobFilter = { text: '', activeOnly: false, failedOnly: false, source: null };

/** The fields the text filter searches: id, type, owner, host, source, native and normalized state. */
export function searchableText(job: Job): string {
  return [job.id, job.type, job.owner ?? '', job.host ?? '', job.source, job.nativeState, job.state].join('\n').toLowerCase();
}

/** True when every whitespace-separated term of `text` occurs in one of the job's searched fields. */
export function matchesText(job: Job, text: string): boolean {
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = searchableText(job);
  return terms.every((term) => haystack.includes(term));
}

/** True when the job passes every part of the filter. */
export function matchesFilter(job: Job, filter: JobFilter): boolean {
  if (filter.source !== null && job.source !== filter.source) return false;
  if (filter.activeOnly && !isActiveState(job.state)) return false;
  if (filter.failedOnly && job.state !== 'failed' && job.state !== 'partial') return false;
  return matchesText(job, filter.text);
}

/** The jobs that pass the filter, in their input order. */
export function filterJobs(jobs: readonly Job[], filter: JobFilter): Job[] {
  if (!isFilterActive(filter)) return [...jobs];
  return jobs.filter((job) => matchesFilter(job, filter));
}

/** True when the filter hides anything. */
export function isFilterActive(filter: JobFilter): boolean {
  return filter.text.trim() !== '' || filter.activeOnly || filter.failedOnly || filter.source !== null;
}

/** The filter in a few words for the title bar: `/text active failed source:x`; empty when off. */
export function describeFilter(filter: JobFilter): string {
  const parts: string[] = [];
  if (filter.text.trim() !== '') parts.push(`/${filter.text.trim()}`);
  if (filter.activeOnly) parts.push('active');
  if (filter.failedOnly) parts.push('failed');
  if (filter.source !== null) parts.push(`source:${filter.source}`);
  return parts.join(' ');
}

/** The next source of the one-source toggle: all → first → … → last → all. */
export function nextSourceFilter(current: string | null, names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (current === null) return names[0] ?? null;
  const index = names.indexOf(current);
  return index === -1 || index === names.length - 1 ? null : (names[index + 1] ?? null);
}
