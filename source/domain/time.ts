/**
 * Timestamp parsing shared by the adapters: every vendor's clock format to epoch ms (docs/vendors.md).
 * Pure, tolerant functions: a malformed value degrades to null, never throws.
 */

/** Parses an ISO 8601 / RFC 3339 string (nanosecond fractions truncated) to epoch ms, or null. */
export function parseIsoTime(value: unknown): number | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  // why: some engines reject more than 3 fractional digits; OSAPI sends nanoseconds.
  const trimmed = value.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? ms : null;
}

/** Parses epoch milliseconds given as a number (or numeric string); null for non-positive or junk. */
export function parseEpochMs(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
}

/** Parses epoch seconds sent as a string or number (Vectara v1); "0" and absent mean null. */
export function parseEpochSecondsString(value: unknown): number | null {
  const seconds = parseEpochMs(value);
  return seconds === null ? null : seconds * 1000;
}

/** Parses a `{"$date": …}` Extended JSON value (MCRIT) to epoch ms, or null. */
export function parseExtendedJsonDate(value: unknown): number | null {
  if (value === null || typeof value !== 'object') return null;
  const date = (value as { $date?: unknown }).$date;
  if (typeof date === 'string') return parseIsoTime(date);
  if (typeof date === 'number') return parseEpochMs(date);
  if (date && typeof date === 'object' && typeof (date as { $numberLong?: unknown }).$numberLong === 'string') {
    return parseEpochMs((date as { $numberLong: string }).$numberLong);
  }
  return null;
}

/** Parses a .NET TimeSpan `[d.]HH:MM:SS[.fff]` (Alteryx executionTime) to milliseconds, or null. */
export function parseTimeSpan(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(?:(\d+)\.)?(\d+):(\d{1,2}):(\d{1,2})(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return null;
  const [, days, hours, minutes, seconds, fraction] = match;
  const fractionMs = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  return ((Number(days ?? 0) * 24 + Number(hours)) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000 + fractionMs;
}

/** Parses a Go duration string such as `1.234s`, `1m2.5s`, `250ms`, `0s` (OSAPI agent_states) to ms, or null. */
export function parseGoDuration(value: unknown): number | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (let match = re.exec(value); match; match = re.exec(value)) {
    total += Number(match[1]) * (units[match[2] ?? ''] ?? Number.NaN);
    consumed += match[0].length;
  }
  return consumed === value.length ? total : null;
}

/** Formats epoch ms as ISO 8601 UTC, or null. */
export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
