/**
 * Pure job selection for the scripting commands (`jobtop list`): which jobs pass the
 * `--source/--state/--type/--since` filters, in which order (`--sort`), how many (`--limit`),
 * and the duration and time syntax those flags take. Imports only the domain.
 */
import { JOB_STATES, isActiveState, type Job, type JobState } from './job.js';
import { compareJobs, type SortSpec } from './sort.js';
import { parseIsoTime } from './time.js';

/** What narrows `jobtop list`; an empty list means "any". */
export interface JobQuery {
  sources: readonly string[];
  /** Normalized states, `active`, or native state values (case-insensitive). */
  states: readonly string[];
  /** Job types, case-insensitive; `*` matches any run of characters. */
  types: readonly string[];
  /** Created at or after this instant (epoch ms); jobs without a creation time are left out. */
  since: number | null;
}

/** The query that keeps every job. */
export const ANY_JOB: JobQuery = { sources: [], states: [], types: [], since: null };

/** Fields `--sort` accepts, each with its ascending meaning. */
export const SORT_FIELDS = ['state', 'priority', 'created', 'updated', 'source', 'type'] as const;

/** A `--sort` field. */
export type SortField = (typeof SORT_FIELDS)[number];

/**
 * Which way each field's domain order runs first (sort.ts): true = its natural order is
 * descending (priority and time put the biggest first), so ascending means reversing it.
 */
const NATURALLY_DESCENDING: Record<SortField, boolean> = {
  state: false,
  priority: true,
  created: true,
  updated: true,
  source: false,
  type: false,
};

/** Splits repeatable, comma-separated flag values: `["a,b", "c"]` → `["a", "b", "c"]`. */
export function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** Prefix of a `--state` value that names a native state only: `native:Queued` (not Alteryx's Created). */
export const NATIVE_PREFIX = 'native:';

/**
 * True when the job's state is the normalized state, `active` (queued or running), or else its
 * native state (case-insensitive); `native:VALUE` compares with the native state only.
 */
export function matchesState(job: Job, wanted: string): boolean {
  const nativeOnly = wanted.toLowerCase().startsWith(NATIVE_PREFIX);
  const value = (nativeOnly ? wanted.slice(NATIVE_PREFIX.length) : wanted).toLowerCase();
  if (!nativeOnly && value === 'active') return isActiveState(job.state);
  if (!nativeOnly && (JOB_STATES as readonly string[]).includes(value)) return job.state === value;
  const native = job.nativeState.toLowerCase();
  // why: Alteryx native states read `Completed/Error`; either half names the state too.
  return native === value || native.split('/').includes(value);
}

/** True for a normalized state name or `active`, the values `--state` always understands. */
export function isNormalizedStateName(value: string): value is JobState | 'active' {
  return value.toLowerCase() === 'active' || (JOB_STATES as readonly string[]).includes(value.toLowerCase());
}

/** True when the type matches the pattern: case-insensitive, `*` for any run of characters. */
export function matchesType(type: string, pattern: string): boolean {
  if (!pattern.includes('*')) return type.toLowerCase() === pattern.toLowerCase();
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'is').test(type);
}

/** True when the job passes every part of the query. */
export function matchesQuery(job: Job, query: JobQuery): boolean {
  if (query.sources.length > 0 && !query.sources.includes(job.source)) return false;
  if (query.states.length > 0 && !query.states.some((state) => matchesState(job, state))) return false;
  if (query.types.length > 0 && !query.types.some((pattern) => matchesType(job.type, pattern))) return false;
  if (query.since !== null && (job.createdAt === null || job.createdAt < query.since)) return false;
  return true;
}

/** A `--sort` value as the domain's SortSpec: `created` oldest first, `-created` newest first. */
export function sortSpecFor(field: SortField, descending: boolean): SortSpec {
  return { key: field, reverse: NATURALLY_DESCENDING[field] !== descending };
}

/** Parses `FIELD` or `-FIELD`; null when the field is not one of SORT_FIELDS. */
export function parseSortArgument(text: string): { field: SortField; descending: boolean } | null {
  const descending = text.startsWith('-');
  const field = (descending ? text.slice(1) : text).trim().toLowerCase();
  return (SORT_FIELDS as readonly string[]).includes(field) ? { field: field as SortField, descending } : null;
}

/** Filters, sorts and cuts: the jobs `list` prints. */
export function selectJobs(jobs: readonly Job[], query: JobQuery, sort: SortSpec, limit: number | null): Job[] {
  const selected = jobs.filter((job) => matchesQuery(job, query)).sort(compareJobs(sort));
  return limit === null ? selected : selected.slice(0, limit);
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses `90s`, `5m`, `1h30m`, `2d`, `500ms` (a bare number is seconds) to ms; null when malformed or zero. */
export function parseDurationText(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) > 0 ? Math.round(Number(trimmed) * 1000) : null;
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(trimmed); match; match = part.exec(trimmed)) {
    total += Number(match[1]) * (DURATION_UNITS[match[2] ?? ''] ?? Number.NaN);
    consumed += match[0].length;
  }
  return consumed === trimmed.length && consumed > 0 && total > 0 ? Math.round(total) : null;
}

/** Parses `--since`: a duration back from `now`, or an ISO 8601 date or time; null when neither. */
export function parseSince(text: string, now: number): number | null {
  const duration = parseDurationText(text);
  if (duration !== null) return now - duration;
  // why: a bare date (2026-11-22) parses as UTC midnight, which is what an operator over SSH means.
  return /^\d{4}-\d\d-\d\d/.test(text.trim()) ? parseIsoTime(text.trim()) : null;
}
