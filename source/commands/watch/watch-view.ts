/**
 * How `jobtop watch` shows what it sees. On a terminal: one live line per job, rewritten in
 * place (cursor up, clear, redraw; the cursor hidden meanwhile and always shown again), plus a
 * status line. Otherwise: plain timestamped lines, one per change, made for logs and pipes:
 * `2026-11-22T08:00:00Z demo-osapi/123 running → failed`.
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { truncateToWidth } from '../../domain/text-width.js';
import {
  formatAge,
  formatDuration,
  formatInterval,
  formatPercent,
  jobDurationMs,
  progressBar,
} from '../../domain/format.js';
import type { WatchOutcome } from '../shared/exit-codes.js';
import { STATE_GLYPHS } from '../get/job-text.js';
import type { TrackedJob, WatchEvent } from './watch-tracker.js';

/** Cursor control for the live view. */
export const CURSOR = {
  hide: '\x1b[?25l',
  show: '\x1b[?25h',
  up: (lines: number) => `\x1b[${lines}A`,
  clearDown: '\x1b[J',
} as const;

/** The moment as `2026-11-22T08:00:00Z`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const OUTCOME_TEXT: Partial<Record<WatchOutcome, string>> = {
  vanished: 'vanished',
  'not-found': 'not found',
  unreachable: 'unreachable',
  timeout: 'timed out',
};

/** The plain lines for some events: state changes and settlements to stdout, source trouble to stderr. */
export function plainLines(events: readonly WatchEvent[], at: number): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const stamp = isoSeconds(at);
  for (const event of events) {
    if (event.kind === 'state') {
      const key = sanitizeInline(event.key, 300);
      out.push(
        event.from ? `${stamp} ${key} ${event.from.state} → ${event.to.state}` : `${stamp} ${key} ${event.to.state}`,
      );
    } else if (event.kind === 'settled') {
      const label = OUTCOME_TEXT[event.outcome] ?? (event.outcome === 'unknown' && event.note ? 'ended' : null);
      if (label)
        out.push(
          `${stamp} ${sanitizeInline(event.key, 300)} ${label}${event.note ? `: ${sanitizeInline(event.note, 1000)}` : ''}`,
        );
    } else if (event.kind === 'waiting') {
      out.push(`${stamp} ${sanitizeInline(event.key, 300)} not found yet: waiting for it to appear`);
    } else if (event.kind === 'source-failing') {
      err.push(`jobtop: ${sanitizeInline(event.error.message, 1000)} (retrying)`);
    } else if (event.kind === 'source-degraded') {
      const { jobs, reason } = event.incomplete;
      err.push(
        `jobtop: ${sanitizeInline(event.source, 200)}: degraded: ${jobs} job${jobs === 1 ? '' : 's'} with an unknown outcome (${sanitizeInline(reason, 1000)})`,
      );
    } else if (event.kind === 'source-whole') {
      err.push(`jobtop: ${sanitizeInline(event.source, 200)}: every job's outcome is known again`);
    } else if (event.kind === 'detail-failing') {
      const what = event.outcomeUnknown ? 'outcome unknown: its detail request failed' : 'its detail request failed';
      err.push(
        `jobtop: ${sanitizeInline(event.key, 300)}: ${what}: ${sanitizeInline(event.error.message, 1000)} (retrying)`,
      );
    } else if (event.kind === 'detail-recovered') {
      err.push(`jobtop: ${sanitizeInline(event.key, 300)}: its detail answers again`);
    } else {
      err.push(`jobtop: ${sanitizeInline(event.source, 200)}: answering again`);
    }
  }
  return { out, err };
}

/** One live line for a job, fitted to `width` cells. */
export function liveLine(job: TrackedJob, now: number, width: number): string {
  const record = job.job;
  const outcome = job.outcome !== null ? OUTCOME_TEXT[job.outcome] : undefined;
  let head: string;
  if (outcome) head = `${job.outcome === 'timeout' || job.outcome === 'unreachable' ? '!' : '∅'} ${outcome.padEnd(11)}`;
  else if (!record) head = `◌ ${(job.waiting ? 'waiting' : 'looking').padEnd(11)}`;
  else head = `${STATE_GLYPHS[record.state]} ${record.state.padEnd(11)}`;
  const parts = [head, sanitizeInline(job.key, 300)];
  if (record) {
    parts.push(sanitizeInline(record.type, 200));
    if (record.progress !== null && !record.terminal)
      parts.push(`${progressBar(record.progress, 10)} ${formatPercent(record.progress).padStart(4)}`);
    const duration = jobDurationMs(record, now);
    if (duration !== null) parts.push(formatDuration(duration));
  }
  if (job.note && job.outcome !== null) parts.push(sanitizeInline(job.note, 500));
  return truncateToWidth(parts.join('  '), width);
}

/** The status line under the jobs: how many are still open, the poll interval, failing sources. */
export function statusLine(
  jobs: readonly TrackedJob[],
  intervalMs: number,
  failing: ReadonlyMap<string, string>,
  startedAt: number,
  now: number,
  width: number,
): string {
  const open = jobs.filter((job) => job.outcome === null).length;
  const parts = [
    open === 0 ? `all ${jobs.length} settled` : `watching ${open} of ${jobs.length}`,
    `every ${formatInterval(intervalMs)}`,
    `for ${formatAge(now - startedAt)}`,
  ];
  for (const [source, short] of failing) parts.push(`${sanitizeInline(source, 100)}: ${sanitizeInline(short, 200)}`);
  if (open > 0) parts.push('Ctrl-C stops');
  return truncateToWidth(parts.join(' · '), width);
}

/** Redraws a block of `lines` over the `previous` block's lines; returns the bytes to write. */
export function redraw(lines: readonly string[], previous: number): string {
  return `${previous > 0 ? CURSOR.up(previous) : ''}\r${CURSOR.clearDown}${lines.join('\n')}\n`;
}
