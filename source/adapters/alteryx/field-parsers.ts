/** Readers for Alteryx's own field formats: string priorities and .NET timestamps. */
import type { Priority } from '../../domain/job.js';
import { parseIsoTime } from '../../domain/time.js';
import { NO_PRIORITY, rankAlteryxPriority } from '../../domain/priority.js';
import { asNumber, asString } from '../read-fields.js';

/** Numeric values of the named priorities (community KB: 0 Normal/Low, 1 Medium, 2 High, 3 Critical). */
const PRIORITY_VALUES: Record<string, number> = { low: 0, default: 0, normal: 0, medium: 1, high: 2, critical: 3 };

/**
 * Reads Alteryx's string priority: the label as sent, the value from the name or the number, and
 * the rank through the explicit table of domain/priority.ts (a numeric string such as "6" is ranked
 * only when the table or the source's priorityMap names it).
 */
export function parseAlteryxPriority(value: unknown): Priority {
  const label = asString(value);
  if (label === null) return NO_PRIORITY;
  const named = PRIORITY_VALUES[label.trim().toLowerCase()];
  return { rank: rankAlteryxPriority(label), value: named ?? asNumber(label), label };
}

/** Parses an Alteryx ISO timestamp; .NET's `DateTime.MinValue` (year 1) and other pre-1970 values mean "not set". */
export function parseAlteryxTime(value: unknown): number | null {
  const ms = parseIsoTime(value);
  return ms !== null && ms > 0 ? ms : null;
}
