/**
 * Pure formatting of ages, durations, counts, timestamps and short ids for the terminal UI.
 * No locale, no clock: callers pass `now`, so output is deterministic in tests.
 */
import type { Job } from './job.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Compact elapsed time for a table cell: "12s", "5m12s", "45m", "3h05m", "2d04h", "40d". */
export function formatAge(elapsedMs: number): string {
  const ms = Math.max(0, Number.isFinite(elapsedMs) ? elapsedMs : 0);
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)}s`;
  if (ms < 10 * MINUTE) return `${Math.floor(ms / MINUTE)}m${pad2(Math.floor((ms % MINUTE) / SECOND))}s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < 10 * HOUR) return `${Math.floor(ms / HOUR)}h${pad2(Math.floor((ms % HOUR) / MINUTE))}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h`;
  if (ms < 10 * DAY) return `${Math.floor(ms / DAY)}d${pad2(Math.floor((ms % DAY) / HOUR))}h`;
  return `${Math.floor(ms / DAY)}d`;
}

/**
 * Elapsed time for a list cell at a resolution fitting its size, so a cell changes at most once a
 * minute (once an hour past ten hours): "<1m", "5m", "45m", "3h05m", "12h", "2d04h", "40d" — as
 * htop and k9s keep their lists still; the detail view shows seconds (formatAge).
 */
export function formatListAge(elapsedMs: number): string {
  const ms = Math.max(0, Number.isFinite(elapsedMs) ? elapsedMs : 0);
  if (ms < MINUTE) return '<1m';
  if (ms < 10 * MINUTE) return `${Math.floor(ms / MINUTE)}m`;
  return formatAge(ms);
}

/** Milliseconds from `elapsedMs` until formatListAge's text for it changes (Infinity when never). */
export function listAgeChangesIn(elapsedMs: number): number {
  if (!Number.isFinite(elapsedMs)) return Infinity;
  if (elapsedMs < MINUTE) return MINUTE - elapsedMs;
  if (elapsedMs < 10 * HOUR) return MINUTE - (elapsedMs % MINUTE);
  if (elapsedMs < 10 * DAY) return HOUR - (elapsedMs % HOUR);
  return DAY - (elapsedMs % DAY);
}

/** The step formatAge's text (or formatListAge's, `list`) moves in at `ms`: a second, a minute, an hour or a day. */
function ageStep(ms: number, list: boolean): number {
  if (ms < 10 * MINUTE) return list ? MINUTE : SECOND;
  if (ms < 10 * HOUR) return MINUTE;
  if (ms < 10 * DAY) return HOUR;
  return DAY;
}

/** Milliseconds from `elapsedMs` until formatAge's text for it changes. */
export function ageChangesIn(elapsedMs: number): number {
  if (!Number.isFinite(elapsedMs)) return Infinity;
  const ms = Math.max(0, elapsedMs);
  const step = ageStep(ms, false);
  return step - (ms % step);
}

/**
 * Milliseconds until a countdown of `remainingMs` shown with formatAge (formatListAge when
 * `list`) reads differently as it runs down; Infinity once it has run out.
 */
export function countdownChangesIn(remainingMs: number, list = false): number {
  if (!Number.isFinite(remainingMs) || remainingMs <= 0) return Infinity;
  return (remainingMs % ageStep(remainingMs, list)) + 1;
}

/** "12s ago" from an epoch-ms instant, or `never` when there is none. */
export function formatAgo(now: number, at: number | null, never = 'never'): string {
  return at === null ? never : `${formatAge(now - at)} ago`;
}

/** A duration with sub-second precision when short: "850ms", "12.3s", "5m12s", "3h05m", "2d04h"; "—" for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const value = Math.max(0, ms);
  if (value < SECOND) return `${Math.round(value)}ms`;
  if (value < 10 * SECOND) return `${(Math.floor(value / 100) / 10).toFixed(1)}s`;
  return formatAge(value);
}

/** How long a job has run: start to finish, or start to `now` while it is still going; null when unknown. */
export function jobDurationMs(job: Pick<Job, 'startedAt' | 'finishedAt' | 'terminal'>, now: number): number | null {
  if (job.startedAt === null) return null;
  if (job.finishedAt !== null) return job.finishedAt - job.startedAt;
  return job.terminal ? null : now - job.startedAt;
}

/** How old a job is: since it was created (or first seen started/updated); null when no timestamp is known. */
export function jobAgeMs(job: Pick<Job, 'createdAt' | 'startedAt' | 'updatedAt'>, now: number): number | null {
  const origin = job.createdAt ?? job.startedAt ?? job.updatedAt;
  return origin === null ? null : now - origin;
}

/**
 * A short form of a vendor id for the table. UUIDs and long hex ids keep their head and tail
 * ("65a1…e5f6a"): Mongo ObjectIds and UUIDv7 start with a timestamp, so a prefix alone would
 * collide for jobs created together, while the tail holds the counter or random part.
 */
export function shortId(id: string): string {
  if (id.length > 12 && /^[0-9a-f-]+$/i.test(id)) {
    const hex = id.replace(/-/g, '');
    return `${hex.slice(0, 4)}…${hex.slice(-5)}`;
  }
  return id;
}

/** An integer with thousands separators: 5312 → "5,312" (locale-independent). */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.floor(Math.abs(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An instant as "2024-05-01 12:03:04Z" (UTC, unambiguous over SSH), or "—". */
export function formatTimestamp(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** A poll interval: "500ms", "2s", "1m", "1m30s". */
export function formatInterval(ms: number): string {
  if (ms < SECOND) return `${Math.round(ms)}ms`;
  if (ms < MINUTE) return `${Math.round((ms / SECOND) * 10) / 10}s`;
  const minutes = Math.floor(ms / MINUTE);
  const seconds = Math.round((ms % MINUTE) / SECOND);
  return seconds === 0 ? `${minutes}m` : `${minutes}m${seconds}s`;
}

/** A progress bar of exactly `cells` cells ("████░░░░"); empty string for zero cells. */
export function progressBar(percent: number, cells: number): string {
  if (cells <= 0) return '';
  const clamped = Math.min(100, Math.max(0, Number.isFinite(percent) ? percent : 0));
  const filled = Math.round((clamped / 100) * cells);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

/** A percentage label: "45%" (rounded, clamped to 0–100). */
export function formatPercent(percent: number): string {
  return `${Math.round(Math.min(100, Math.max(0, percent)))}%`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** A byte size in decimal units, as an operator reads it: "812 B", "64.0 kB", "4.2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Progress without a bar: "45%", "1,523 steps done (no total reported)", or "—". */
export function describeProgress(job: Pick<Job, 'progress' | 'progressSteps'>): string {
  if (job.progress !== null) return formatPercent(job.progress);
  if (job.progressSteps !== undefined) return `${formatCount(job.progressSteps)} steps done (no total reported)`;
  return '—';
}

/**
 * What to say about a result too large to fetch, the TUI's Result tab and `jobtop get` alike:
 * "result is 4.2 MB — too large to show; `jobtop get KEY --result FILE` saves it whole".
 */
export function describeTooLargeResult(key: string, tooLarge: { bytes: number | null; limitBytes: number }): string {
  const size =
    tooLarge.bytes !== null
      ? `result is ${formatSize(tooLarge.bytes)}`
      : `result is over ${formatSize(tooLarge.limitBytes)}`;
  return `${size} — too large to show; \`jobtop get ${key} --result FILE\` saves it whole`;
}

/** A count with its noun in the right number: "1 source", "3 sources", "1,200 jobs". */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
