/**
 * The Overview tab: the one detail document (domain/detail-model.ts, also printed by `jobtop
 * get`) drawn with colour, then the error, parent and children (VectorCharts parentId trees),
 * each parent/child line a link.
 */
import type { Job, JobDetail } from '../../domain/job.js';
import { parseJobKey } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { progressBar } from '../../domain/format.js';
import { DETAIL_LABEL_WIDTH, detailRows, type DetailProvenance, type DetailRow } from '../../domain/detail-model.js';
import { seg, type Segment } from '../line.js';
import { COLORS, STATE_COLORS, STATE_SYMBOLS } from '../theme.js';
import type { ContentLine } from './content-line.js';
import { wrapText } from './wrap.js';

const LABEL_WIDTH = DETAIL_LABEL_WIDTH;

/** What the Overview needs. */
export interface OverviewInput {
  job: Job | JobDetail;
  /** Child job keys in display order; `jobs` resolves those in the merged list. */
  childKeys: readonly string[];
  jobs: ReadonlyMap<string, Job>;
  now: number;
  width: number;
  /** Triage in words ("slow: running 14m, usually ≤ 4m00s"), shown with the flags. */
  triage?: readonly string[];
  /** Where the data comes from when it is not a fresh read (stale, or the detail could not be fetched). */
  provenance?: DetailProvenance;
}

function field(label: string, value: Segment[] | string): ContentLine {
  const cells = typeof value === 'string' ? [seg(value)] : value;
  return { segments: [seg(label.padEnd(LABEL_WIDTH), { dim: true }), ...cells] };
}

function jobLinkLine(prefix: string, key: string, jobs: ReadonlyMap<string, Job>): ContentLine {
  const job = jobs.get(key);
  const id = sanitizeInline(parseJobKey(key)?.id ?? key, 200);
  if (!job)
    return {
      link: key,
      segments: [
        seg(prefix, { dim: true }),
        seg('? ', { color: 'gray' }),
        seg(id),
        seg('  (not in the list)', { dim: true }),
      ],
    };
  return {
    link: key,
    segments: [
      seg(prefix, { dim: true }),
      seg(`${STATE_SYMBOLS[job.state]} `, { color: STATE_COLORS[job.state] }),
      seg(id),
      seg(`  ${sanitizeInline(job.type, 80)}  `),
      seg(job.state, { color: STATE_COLORS[job.state] }),
    ],
  };
}

function rowLine(row: DetailRow): ContentLine {
  if (row.kind === 'state' && row.state) {
    const [head, ...rest] = row.value.split('  ');
    return field(row.label, [
      seg(head, { color: STATE_COLORS[row.state], bold: true }),
      seg(rest.length > 0 ? `  ${rest.join('  ')}` : '', { dim: true }),
    ]);
  }
  if (row.kind === 'progress' && row.percent !== undefined)
    return field(row.label, [
      seg(progressBar(row.percent, 20), { color: row.state ? STATE_COLORS[row.state] : undefined }),
      seg(` ${row.value}`),
    ]);
  if (row.kind === 'data') return field(row.label, [seg(row.value, { color: COLORS.warning, bold: true })]);
  return field(row.label, row.value);
}

/** Builds the Overview lines from the one detail document (pure; ages depend on `now` only, never the line count). */
export function overviewLines(input: OverviewInput): ContentLine[] {
  const { job, now } = input;
  const valueWidth = Math.max(10, input.width - LABEL_WIDTH);
  const lines: ContentLine[] = detailRows(job, now, input.provenance, input.triage).map(rowLine);
  if (job.error) {
    const pieces = wrapText(sanitizeInline(job.error, 2000), valueWidth, 8);
    pieces.forEach((piece, index) => lines.push(field(index === 0 ? 'Error' : '', [seg(piece, { color: 'red' })])));
  }
  if (job.parentId !== null) {
    lines.push(jobLinkLine('Parent'.padEnd(LABEL_WIDTH), `${job.source}/${job.parentId}`, input.jobs));
  }
  lines.push(
    field(
      'Children',
      input.childKeys.length === 0 ? 'none' : `${input.childKeys.length} (Enter opens the one under the cursor)`,
    ),
  );
  for (const key of input.childKeys) lines.push(jobLinkLine(' '.repeat(LABEL_WIDTH), key, input.jobs));
  return lines;
}
