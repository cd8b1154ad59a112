/**
 * The one place the query language and triage read a job's priority as a rank on the scale
 * low < normal < high < urgent. Vendors send numbers (higher runs first; VectorCharts and MCRIT
 * default 0) or Alteryx's names and numeric strings (0 Normal/Low, 1 Medium, 2 High, 3 Critical;
 * docs/vendors.md). Imports only the domain.
 */
import type { Job } from './job.js';
import { priorityRankIndex } from './priority.js';

/** The rank names, lowest first; their index is the rank. */
export const PRIORITY_RANKS = ['low', 'normal', 'high', 'urgent'] as const;

/** A rank name. */
export type PriorityRankName = (typeof PRIORITY_RANKS)[number];

const NAMED: Record<string, number> = { low: 0, normal: 1, default: 1, medium: 1, high: 2, urgent: 3, critical: 3 };

/** The rank of a rank name or a vendor's priority label (`Critical` → urgent); undefined when it is neither. */
export function rankOfName(name: string): number | undefined {
  return NAMED[name.trim().toLowerCase()];
}

/** A job's priority rank 0–3 (low…urgent) on the one scale (domain/priority.ts), or null when it has none. */
export function jobPriorityRank(job: Pick<Job, 'priority'>): number | null {
  return priorityRankIndex(job.priority.rank);
}
