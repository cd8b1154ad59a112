/**
 * The Overview tab: every normalized field, native state, timing, priority, owner, host,
 * parent and children (VectorCharts parentId trees), each parent/child line a link.
 */
import { describePriority } from '../../domain/priority.js';
import type { Job, JobDetail } from '../../domain/job.js';
import { VENDOR_NAMES, parseJobKey } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { describeProgress, formatAgo, formatDuration, formatPercent, formatTimestamp, jobDurationMs, progressBar } from '../../domain/format.js';
import { seg, type Segment } from '../line.js';
import { STATE_COLORS, STATE_SYMBOLS } from '../theme.js';
import type { ContentLine } from './content-line.js';
import { wrapText } from './wrap.js';

const LABEL_WIDTH = 11;

/** What the Overview needs. */
export interface OverviewInput {
  job: Job | JobDetail;
  /** Child job keys in display order; `jobs` resolves those in the merged list. */
  childKeys: readonly string[];
  jobs: ReadonlyMap<string, Job>;
  now: number;
  width: number;
}

function field(label: string, value: Segment[] | string): ContentLine {
  const cells = typeof value === 'string' ? [seg(value)] : value;
  return { segments: [seg(label.padEnd(LABEL_WIDTH), { dim: true }), ...cells] };
}

function when(ms: number | null, now: number): string {
  return ms === null ? '—' : `${formatTimestamp(ms)}  (${formatAgo(now, ms)})`;
}

function stateCells(job: Job): Segment[] {
  return [seg(`${STATE_SYMBOLS[job.state]} ${job.state}`, { color: STATE_COLORS[job.state], bold: true })];
}

function jobLinkLine(prefix: string, key: string, jobs: ReadonlyMap<string, Job>): ContentLine {
  const job = jobs.get(key);
  const id = sanitizeInline(parseJobKey(key)?.id ?? key, 200);
  if (!job) return { link: key, segments: [seg(prefix, { dim: true }), seg('? ', { color: 'gray' }), seg(id), seg('  (not in the list)', { dim: true })] };
  return {
    link: key,
    segments: [seg(prefix, { dim: true }), seg(`${STATE_SYMBOLS[job.state]} `, { color: STATE_COLORS[job.state] }), seg(id), seg(`  ${sanitizeInline(job.type, 80)}  `), seg(job.state, { color: STATE_COLORS[job.state] })],
  };
}

/** Builds the Overview lines (pure; ages depend on `now` only, never the line count). */
export function overviewLines(input: OverviewInput): ContentLine[] {
  const { job, now } = input;
  const valueWidth = Math.max(10, input.width - LABEL_WIDTH);
  const lines: ContentLine[] = [
    field('Source', `${sanitizeInline(job.source, 120)} (${VENDOR_NAMES[job.vendor] ?? job.vendor})`),
    field('Id', sanitizeInline(job.id, 400)),
    field('Type', sanitizeInline(job.type, 400)),
    field('State', [...stateCells(job), seg(`  native: ${sanitizeInline(job.nativeState, 120)}`), seg(job.terminal ? '  (final)' : '', { dim: true })]),
    field('Flags', job.flags.length > 0 ? job.flags.join(', ') : '—'),
    field('Priority', sanitizeInline(describePriority(job.priority), 120)),
    field('Progress', job.progress === null ? describeProgress(job) : [seg(progressBar(job.progress, 20), { color: STATE_COLORS[job.state] }), seg(` ${formatPercent(job.progress)}`)]),
    field('Created', when(job.createdAt, now)),
    field('Started', when(job.startedAt, now)),
    field('Finished', when(job.finishedAt, now)),
    field('Updated', when(job.updatedAt, now)),
    field('Duration', formatDuration(jobDurationMs(job, now))),
    field('Owner', sanitizeInline(job.owner ?? '—', 200)),
    field('Host', sanitizeInline(job.host ?? '—', 200)),
  ];
  if (job.error) {
    const pieces = wrapText(sanitizeInline(job.error, 2000), valueWidth, 8);
    pieces.forEach((piece, index) => lines.push(field(index === 0 ? 'Error' : '', [seg(piece, { color: 'red' })])));
  }
  if (job.parentId !== null) {
    lines.push(jobLinkLine('Parent'.padEnd(LABEL_WIDTH), `${job.source}/${job.parentId}`, input.jobs));
  }
  lines.push(field('Children', input.childKeys.length === 0 ? 'none' : `${input.childKeys.length} (Enter opens the one under the cursor)`));
  for (const key of input.childKeys) lines.push(jobLinkLine(' '.repeat(LABEL_WIDTH), key, input.jobs));
  return lines;
}
