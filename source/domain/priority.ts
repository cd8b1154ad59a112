/**
 * One priority scale across vendors. Each vendor's own value (a number, a named level, a numeric
 * string) is kept beside a normalized rank — low, normal, high, urgent — that sorting and filtering
 * use, so an Alteryx `Critical` (3) no longer sorts below an MCRIT `10`. The mapping per vendor is
 * documented in docs/vendors.md ("Priority"); a source's `priorityMap` overrides it value by value.
 */
import type { Job, Priority, Vendor } from './job.js';

/** The normalized priority ranks, lowest first. */
export const PRIORITY_RANKS = ['low', 'normal', 'high', 'urgent'] as const;

/** One normalized priority rank. */
export type PriorityRank = (typeof PRIORITY_RANKS)[number];

/** A source's override: the vendor's own value (case-insensitive text) → rank. */
export type PriorityMap = Readonly<Record<string, PriorityRank>>;

/** True for a rank name. */
export function isPriorityRank(value: string): value is PriorityRank {
  return (PRIORITY_RANKS as readonly string[]).includes(value);
}

/** The rank's place on the scale (0 low … 3 urgent), for sorting; null for no rank. */
export function priorityRankIndex(rank: PriorityRank | null): number | null {
  return rank === null ? null : PRIORITY_RANKS.indexOf(rank);
}

/**
 * VectorCharts and MCRIT: an integer, default 0, higher runs first. Below 0 low, 0 normal,
 * 1–9 high, 10 and above urgent.
 */
export function rankNumericPriority(value: number | null): PriorityRank | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (value < 0) return 'low';
  if (value === 0) return 'normal';
  return value < 10 ? 'high' : 'urgent';
}

/**
 * Alteryx: named levels (Low, Medium/Default, High, Critical) and the numeric strings of the
 * community KB (0 Normal/Low, 1 Medium, 2 High, 3 Critical, 4 Chained Apps, 6 Validation). Other
 * numbers have no rank unless `priorityMap` gives one.
 */
export const ALTERYX_PRIORITY_RANKS: PriorityMap = {
  low: 'low',
  normal: 'normal',
  default: 'normal',
  medium: 'normal',
  high: 'high',
  critical: 'urgent',
  '0': 'normal',
  '1': 'normal',
  '2': 'high',
  '3': 'urgent',
  '4': 'normal',
  '6': 'low',
};

/** Alteryx's value → rank, through the explicit table only. */
export function rankAlteryxPriority(label: string | null): PriorityRank | null {
  if (label === null) return null;
  return ALTERYX_PRIORITY_RANKS[label.trim().toLowerCase()] ?? null;
}

/** A vendor's numeric priority with its rank (VectorCharts, MCRIT). */
export function numericPriority(value: number | null): Priority {
  return { rank: rankNumericPriority(value), value, label: null };
}

/** No priority at all (OSAPI, Vectara). */
export const NO_PRIORITY: Priority = { rank: null, value: null, label: null };

/** The vendor's own value as text: its label, else its number, else null. */
export function nativePriority(priority: Priority): string | null {
  return priority.label ?? (priority.value === null ? null : String(priority.value));
}

/** `priority` with the rank `map` gives its native value (case-insensitive), else unchanged. */
export function applyPriorityMap(priority: Priority, map: PriorityMap | undefined): Priority {
  const native = nativePriority(priority);
  if (!map || native === null) return priority;
  const key = Object.keys(map).find((candidate) => candidate.trim().toLowerCase() === native.trim().toLowerCase());
  const rank = key === undefined ? undefined : map[key];
  return rank === undefined ? priority : { ...priority, rank };
}

/** Jobs with `priorityMap` applied to their priorities (the same objects when nothing changes). */
export function withPriorityMap<T extends Job>(jobs: readonly T[], map: PriorityMap | undefined): T[] {
  if (!map || Object.keys(map).length === 0) return [...jobs];
  return jobs.map((job) => {
    const priority = applyPriorityMap(job.priority, map);
    return priority === job.priority ? job : { ...job, priority };
  });
}

/** Both values for a detail: "urgent (vendor: Critical)", "normal (vendor: 0)", "— (vendor: 5, unmapped)", "—". */
export function describePriority(priority: Priority): string {
  const native = nativePriority(priority);
  if (native === null) return priority.rank ?? '—';
  return priority.rank === null ? `— (vendor: ${native}, unmapped)` : `${priority.rank} (vendor: ${native})`;
}

/** The short cell of a table: the rank, or the vendor's value when it has none. */
export function priorityCell(priority: Priority): string {
  return priority.rank ?? nativePriority(priority) ?? '';
}

/** Vendors whose jobs carry a priority at all. */
export const VENDORS_WITH_PRIORITY: readonly Vendor[] = ['vectorcharts', 'mcrit', 'alteryx'];
