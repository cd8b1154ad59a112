/**
 * The one detail document of a job: its fields as label/value rows in one order, with one
 * label width and one priority format, plus where the data comes from when it is not current
 * (stale, or a detail that could not be fetched). `jobtop get` prints these rows as text and
 * the monitor's Overview tab draws them with colour and links.
 */
import type { Job, JobDetail, JobState } from './job.js';
import { VENDOR_NAMES } from './job.js';
import { sanitizeInline } from './sanitize.js';
import {
  describeProgress,
  formatAgo,
  formatDuration,
  formatPercent,
  formatTimestamp,
  jobDurationMs,
} from './format.js';
import { STATE_SYMBOLS } from './state-symbols.js';
import { describePriority } from './priority.js';

/** Width of the label column (the longest label and a space). */
export const DETAIL_LABEL_WIDTH = 11;

/** One row of the detail document. */
export interface DetailRow {
  label: string;
  /** Plain, sanitized text. */
  value: string;
  /** How a renderer may decorate it: the state's colour, an error's, a progress bar, a note about the data. */
  kind?: 'state' | 'error' | 'progress' | 'data';
  state?: JobState;
  /** 0–100 for `progress` rows. */
  percent?: number;
}

/** Where the document's data comes from, when it is not a fresh read. */
export interface DetailProvenance {
  /** "⧗ last known, 1m04s old — the source is failing: connection refused". */
  stale?: string | null;
  /** Why the detail could not be fetched ("connection refused"); the rows are the list's record then. */
  fetchError?: string | null;
}

const inline = (value: unknown, max = 400) => sanitizeInline(value, max);

/** "urgent (vendor: Critical)", "—": the one priority format (domain/priority.ts). */
export function priorityText(job: Pick<Job, 'priority'>): string {
  return inline(describePriority(job.priority), 120);
}

/** "✖ failed  (native: partial_failure)". */
export function stateText(job: Job): string {
  return `${STATE_SYMBOLS[job.state]} ${job.state}  (native: ${inline(job.nativeState, 120) || '—'})`;
}

function when(ms: number | null, now: number): string {
  return ms === null ? '—' : `${formatTimestamp(ms)}  (${formatAgo(now, ms)})`;
}

/** The document's rows, in the order both renderers show them. Parent and children are left to the renderer (links in the monitor). */
export function detailRows(
  job: Job | JobDetail,
  now: number,
  provenance: DetailProvenance = {},
  triage: readonly string[] = [],
): DetailRow[] {
  const rows: DetailRow[] = [];
  if (provenance.fetchError)
    rows.push({
      label: 'Data',
      value: `could not fetch the detail: ${inline(provenance.fetchError, 200)}; showing the list's record`,
      kind: 'data',
    });
  if (provenance.stale) rows.push({ label: 'Data', value: inline(provenance.stale, 300), kind: 'data' });
  rows.push(
    { label: 'Source', value: `${inline(job.source, 120)} (${VENDOR_NAMES[job.vendor] ?? job.vendor})` },
    { label: 'Id', value: inline(job.id) },
    { label: 'Type', value: inline(job.type) || '—' },
    { label: 'State', value: stateText(job), kind: 'state', state: job.state },
    // why: triage joins the Flags line (not lines of its own) so the line count never changes with time.
    { label: 'Flags', value: [...triage.map((text) => inline(text, 200)), ...job.flags].join('; ') || '—' },
    { label: 'Priority', value: priorityText(job) },
    job.progress === null
      ? { label: 'Progress', value: describeProgress(job) }
      : {
          label: 'Progress',
          value: formatPercent(job.progress),
          kind: 'progress',
          percent: job.progress,
          state: job.state,
        },
    { label: 'Created', value: when(job.createdAt, now) },
    { label: 'Started', value: when(job.startedAt, now) },
    { label: 'Finished', value: when(job.finishedAt, now) },
    { label: 'Updated', value: when(job.updatedAt, now) },
    { label: 'Duration', value: formatDuration(jobDurationMs(job, now)) },
    { label: 'Owner', value: inline(job.owner ?? '—', 200) },
    { label: 'Host', value: inline(job.host ?? '—', 200) },
  );
  return rows;
}

/** A row as plain text: the label padded to the one width, then the value. */
export function detailRowText(row: Pick<DetailRow, 'label' | 'value'>): string {
  return `${row.label.padEnd(DETAIL_LABEL_WIDTH)}${row.value}`;
}
