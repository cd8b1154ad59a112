/**
 * The sources screen's lines: per source its health, the full error (wrapped, sanitized),
 * failing since, failures in a row, next retry, last poll latency, requests per minute (polls
 * per minute where the source cannot count its requests), token expiry, jobs listed vs the
 * vendor's count, capabilities, read-only, and sparklines of jobs finished and failed per
 * minute over the last half hour.
 */
import { VENDOR_NAMES } from '../../domain/job.js';
import { sanitizeMultiline, sanitizeInline } from '../../domain/sanitize.js';
import {
  ageChangesIn,
  countdownChangesIn,
  countOf,
  formatAge,
  formatCount,
  formatDuration,
} from '../../domain/format.js';
import { ACTIVITY_MINUTES, activitySeries, sparkline, type ActivityHistory } from '../../domain/activity.js';
import type { SourceSnapshot } from '../../store/types.js';
import { wordWrap } from '../content/wrap.js';
import { fitLine, seg, type Segment } from '../line.js';
import { COLORS } from '../theme.js';
import { requestRateText, tokenText, tokenTextChangesAt } from './session-text.js';

const plural = countOf;

function statusSegments(source: SourceSnapshot, now: number): Segment[] {
  const age = source.lastSuccessAt === null ? null : formatAge(now - source.lastSuccessAt);
  if (source.status === 'ok')
    return [seg('✔ OK', { color: COLORS.ok, bold: true }), seg(age ? `  data ${age} old` : '', { dim: true })];
  if (source.status === 'loading') return [seg('◌ waiting for the first answer', { color: COLORS.warning })];
  return [
    seg('✖ FAILING', { color: COLORS.error, bold: true }),
    seg(age ? `  showing data ${age} old` : '  no data yet', { color: COLORS.warning }),
  ];
}

function pollLine(source: SourceSnapshot, now: number): string {
  const parts: string[] = [];
  if (source.status === 'error') {
    if (source.failingSince != null) parts.push(`failing since ${formatAge(now - source.failingSince)} ago`);
    parts.push(`${plural(source.consecutiveFailures, 'failure')} in a row`);
  }
  if (source.nextPollAt !== null)
    parts.push(
      `${source.status === 'error' ? 'next retry' : 'next poll'} in ${formatAge(Math.max(0, source.nextPollAt - now))}`,
    );
  else parts.push('paused');
  parts.push(
    source.lastLatencyMs == null ? 'last poll: not yet' : `last poll took ${formatDuration(source.lastLatencyMs)}`,
  );
  const rate = requestRateText(source);
  if (rate !== null) parts.push(rate);
  const token = source.session ? tokenText(source.session, now) : null;
  if (token !== null) parts.push(token);
  return parts.join(' · ');
}

function countLine(source: SourceSnapshot): string {
  const listed = `${plural(source.jobs.length, 'job')} listed`;
  const vendor = source.total === null ? 'the vendor gives no total' : `the vendor counts ${formatCount(source.total)}`;
  const actions = Object.keys(source.capabilities.actions);
  const tabs = (['steps', 'messages', 'result'] as const).filter((tab) => source.capabilities[tab]);
  return `${listed} · ${vendor} · actions: ${actions.length > 0 ? actions.join(', ') : 'none'} · detail: ${tabs.length > 0 ? tabs.join(', ') : 'overview only'}`;
}

/** The block of lines of one source; the first line carries the selection mark. */
export function sourceBlock(
  source: SourceSnapshot,
  activity: ActivityHistory,
  now: number,
  width: number,
  selected: boolean,
): Segment[][] {
  const inner = Math.max(10, width - 4);
  const wrapped = (text: string, style = {}) =>
    wordWrap(text, inner).map((piece) => fitLine([seg(`    ${piece}`, style)], width));
  const head: Segment[] = [
    seg(selected ? '› ' : '  ', { bold: true }),
    seg(sanitizeInline(source.name, 120), { bold: true }),
    seg(` ${VENDOR_NAMES[source.vendor] ?? source.vendor}  `, { dim: true }),
    ...statusSegments(source, now),
  ];
  if (source.readonly) head.push(seg('  READ-ONLY', { color: COLORS.muted, bold: true }));
  if (source.insecure) head.push(seg('  INSECURE (TLS not verified)', { color: COLORS.error, bold: true }));
  const lines: Segment[][] = [
    fitLine(
      selected ? head.map((segment) => ({ ...segment, inverse: true })) : head,
      width,
      selected ? { inverse: true } : undefined,
    ),
  ];
  lines.push(fitLine([seg(`    ${sanitizeInline(source.url, 300)}`, { dim: true })], width));
  if (source.error) {
    const text = sanitizeMultiline(source.error.message, 4000);
    wordWrap(`error: ${text}`, inner).forEach((piece) =>
      lines.push(fitLine([seg(`    ${piece}`, { color: COLORS.error })], width)),
    );
  }
  lines.push(...wrapped(pollLine(source, now)));
  lines.push(...wrapped(countLine(source), { dim: true }));
  const series = activitySeries(activity, source.name, now);
  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  lines.push(
    fitLine(
      [
        seg(`    finished/min `, { dim: true }),
        seg(sparkline(series.finished), { color: COLORS.ok }),
        seg(` ${formatCount(total(series.finished))}   failed/min `, { dim: true }),
        seg(sparkline(series.failed), { color: COLORS.error }),
        seg(` ${formatCount(total(series.failed))}`, { dim: true }),
        seg(width >= 112 ? `  (last ${ACTIVITY_MINUTES} min)` : '', { dim: true }),
      ],
      width,
    ),
  );
  return lines;
}

/** When the block of `source` drawn at `now` next reads differently by itself (Infinity: not by itself). */
export function sourceBlockChangesAt(source: SourceSnapshot, activity: ActivityHistory, now: number): number {
  const changes = [
    source.session ? tokenTextChangesAt(source.session, now) : Infinity,
    source.nextPollAt === null ? Infinity : now + countdownChangesIn(source.nextPollAt - now),
  ];
  if (source.status !== 'loading' && source.lastSuccessAt !== null)
    changes.push(now + ageChangesIn(now - source.lastSuccessAt));
  if (source.status === 'error' && source.failingSince != null)
    changes.push(now + ageChangesIn(now - source.failingSince));
  // why: the sparklines end at the current minute; with nothing counted they read the same every minute.
  if ((activity.perSource.get(source.name)?.size ?? 0) > 0) changes.push((Math.floor(now / 60_000) + 1) * 60_000);
  return Math.min(...changes);
}
