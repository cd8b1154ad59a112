/**
 * One job's detail as readable plain text for `jobtop get`: the Overview fields, then Steps,
 * Messages, Result and Outputs — the detail view's tabs, one after another. Every
 * server-controlled string passes the sanitizer; a section the source cannot fill says why.
 */
import { VENDOR_NAMES, type Job, type JobDetail, type JobState } from '../../domain/job.js';
import { STATE_SYMBOLS } from '../../domain/state-symbols.js';
import { DETAIL_LABEL_WIDTH, detailRowText, detailRows } from '../../domain/detail-model.js';
import { sanitizeInline, sanitizeMultiline } from '../../domain/sanitize.js';
import { displayWidth } from '../../domain/text-width.js';
import { describeTooLargeResult, formatDuration, formatTimestamp } from '../../domain/format.js';
import type { SourceCapabilities } from '../../adapters/contract.js';
import { renderTextTable } from '../shared/text-table.js';

/** The state glyphs the monitor uses, so a state reads the same without colour (the one table). */
export const STATE_GLYPHS: Record<JobState, string> = STATE_SYMBOLS;

/** What the text needs beyond the detail. */
export interface JobTextOptions {
  capabilities: SourceCapabilities;
  now: number;
  /** Terminal width for the steps table; Infinity when not a terminal. */
  width: number;
  includeRaw: boolean;
  /** Set when the job is known only in part: one sentence on what is missing, shown under its key. */
  incomplete?: string;
}

const inline = (value: unknown) => sanitizeInline(value, 2000);

/** The whole detail as text, ending with a newline. */
export function renderJobText(detail: JobDetail, options: JobTextOptions): string {
  const sections = [
    overview(detail, options.now, options.incomplete),
    steps(detail, options),
    messages(detail, options.capabilities),
    result(detail, options.capabilities),
  ];
  if (detail.outputs !== null) sections.push(outputs(detail));
  if (options.includeRaw)
    sections.push(
      ['Raw', indent(sanitizeMultiline(JSON.stringify(detail.raw, null, 2) ?? 'null', 5_000_000))].join('\n'),
    );
  return `${sections.join('\n\n')}\n`;
}

function overview(job: JobDetail, now: number, incomplete: string | undefined): string {
  // why: the monitor's Overview draws the same rows (domain/detail-model.ts): one order, one label width, one priority format.
  const lines = [inline(job.key)];
  if (incomplete) lines.push(detailRowText({ label: 'Incomplete', value: inline(incomplete) }));
  lines.push(...detailRows(job, now).map(detailRowText));
  if (job.error !== null)
    lines.push(
      detailRowText({
        label: 'Error',
        value: indentContinuation(sanitizeMultiline(job.error, 100_000), DETAIL_LABEL_WIDTH),
      }),
    );
  if (job.parentId !== null)
    lines.push(detailRowText({ label: 'Parent', value: inline(`${job.source}/${job.parentId}`) }));
  if (job.childIds && job.childIds.length > 0)
    lines.push(
      detailRowText({ label: 'Children', value: job.childIds.map((id) => inline(`${job.source}/${id}`)).join(', ') }),
    );
  return lines.join('\n');
}

function missing(capabilities: SourceCapabilities, tab: 'steps' | 'messages' | 'result', job: Job): string {
  return `  ${inline(capabilities.missing[tab] ?? `${VENDOR_NAMES[job.vendor]} reports no ${tab} for this job.`)}`;
}

function steps(job: JobDetail, options: JobTextOptions): string {
  if (job.steps === null) return `Steps\n${missing(options.capabilities, 'steps', job)}`;
  if (job.steps.length === 0) return 'Steps (0)';
  const columns = [
    { title: 'STATE', min: 11 },
    { title: 'NAME', min: 8 },
    { title: 'STATUS', min: 8, dropOrder: 4 },
    { title: 'ATTEMPT', min: 7, dropOrder: 5 },
    { title: 'HOST', min: 6, dropOrder: 3 },
    { title: 'STARTED', min: 20, dropOrder: 2 },
    { title: 'DURATION', min: 8 },
    { title: 'ERROR', min: 5, dropOrder: 1 },
  ];
  const rows = job.steps.map((step) => [
    `${STATE_GLYPHS[step.state]} ${step.state}`,
    inline(step.name),
    inline(step.status),
    step.attempt === null ? '' : String(step.attempt),
    inline(step.host ?? ''),
    step.startedAt === null ? '' : formatTimestamp(step.startedAt),
    formatDuration(
      step.durationMs ??
        (step.startedAt !== null && step.finishedAt !== null ? step.finishedAt - step.startedAt : null),
    ),
    inline(step.error ?? ''),
  ]);
  const table = renderTextTable(columns, rows, options.width - 2).trimEnd();
  return `Steps (${job.steps.length})\n${indent(table)}`;
}

function messages(job: JobDetail, capabilities: SourceCapabilities): string {
  if (job.messages === null) return `Messages\n${missing(capabilities, 'messages', job)}`;
  const lines = job.messages.map((message) => {
    const head = [
      message.timestamp === null ? '—'.padEnd(20) : formatTimestamp(message.timestamp),
      message.level.padEnd(7),
      message.origin === null ? '' : `[${inline(message.origin)}] `,
    ].join('  ');
    return `  ${head}${indentContinuation(sanitizeMultiline(message.text, 100_000), 2 + displayWidth(head))}`;
  });
  return [`Messages (${job.messages.length})`, ...lines].join('\n');
}

function result(job: JobDetail, capabilities: SourceCapabilities): string {
  if (job.resultTooLarge) return `Result\n  ${inline(describeTooLargeResult(job.key, job.resultTooLarge))}`;
  if (job.result === undefined) return `Result\n${missing(capabilities, 'result', job)}`;
  const text = typeof job.result === 'string' ? job.result : (JSON.stringify(job.result, null, 2) ?? 'null');
  return `Result\n${indent(sanitizeMultiline(text, 5_000_000))}`;
}

function outputs(job: JobDetail): string {
  const list = job.outputs ?? [];
  return [
    `Outputs (${list.length})`,
    ...list.map(
      (output) => `  ${inline(output.name)}  (${output.formats.map(inline).join(', ')})  id ${inline(output.id)}`,
    ),
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}

function indentContinuation(text: string, by: number): string {
  return text.split('\n').join(`\n${' '.repeat(by)}`);
}
