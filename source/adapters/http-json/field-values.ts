/**
 * Turning what a JMESPath expression returned into a normalized value: times in ISO 8601,
 * epoch seconds or epoch milliseconds, percentages, priorities, text. Pure and tolerant: a value
 * of the wrong kind becomes null and is reported by the caller, never thrown.
 */
import { parseIsoTime } from '../../domain/time.js';
import type { Priority } from '../../domain/job.js';
import { isPriorityRank, numericPriority } from '../../domain/priority.js';
import { asNumber, asString, clampPercent } from '../read-fields.js';
import type { TimeFormat } from './declaration.js';

/** Below this a bare number is taken as epoch seconds, above as epoch ms (1e11 s is the year 5138; 1e11 ms is 1973). */
const EPOCH_SECONDS_BELOW = 1e11;

/** Reads a time in the given format to epoch ms; null for null, junk or non-positive epochs. */
export function readTime(value: unknown, format: TimeFormat): number | null {
  if (value === null || value === undefined || value === '') return null;
  const numeric =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : null;
  if (format === 'iso') return typeof value === 'string' ? parseIsoTime(value) : null;
  if (numeric === null) return format === 'auto' ? parseIsoTime(value) : null;
  if (!Number.isFinite(numeric) || numeric <= 0) return null;
  const seconds = format === 'epoch-s' || (format === 'auto' && numeric < EPOCH_SECONDS_BELOW);
  return Math.round(seconds ? numeric * 1000 : numeric);
}

/** A 0–100 progress (numbers or numeric strings), clamped and rounded. */
export function readProgress(value: unknown): number | null {
  return clampPercent(asNumber(value));
}

/** A priority: a number ranks like VectorCharts' and MCRIT's (domain/priority.ts); a rank name ranks as itself; any other word is kept unranked (a source's priorityMap can rank it). */
export function readPriority(value: unknown): Priority {
  const number = asNumber(value);
  if (number !== null) return { ...numericPriority(number), label: String(value) };
  const label = asString(value);
  const lower = label?.trim().toLowerCase() ?? '';
  return { rank: isPriorityRank(lower) ? lower : null, value: null, label };
}

/** Text from a string, number or boolean; objects and arrays are not text. */
export function readText(value: unknown): string | null {
  if (typeof value === 'boolean') return String(value);
  return asString(value);
}

/** A short, single-line rendering of a value for a warning (never the whole record). */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
