/**
 * The cells of one job row and of the table header, fitted to the placed columns with
 * display-width arithmetic (hostile strings cannot shift the columns after them).
 */
import { priorityCell } from '../../domain/priority.js';
import type { Job } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { displayWidth, fitToWidth } from '../../domain/text-width.js';
import { formatPercent, progressBar, shortId } from '../../domain/format.js';
import type { SortSpec } from '../../domain/sort.js';
import type { ColumnId, PlacedColumn } from '../columns.js';
import { fitLine, restyle, seg, type Segment } from '../line.js';
import { COLORS, STATE_COLORS, STATE_SYMBOLS } from '../theme.js';
import type { ActionPhase, RowAction } from '../action-status.js';
import { STALE_MARK } from '../staleness.js';

/** Colours of a pending action by phase. */
export const ACTION_COLORS: Record<ActionPhase, string> = {
  requested: COLORS.warning,
  done: COLORS.ok,
  failed: COLORS.error,
  unknown: COLORS.warning,
};

/** The mark of a row marked for a bulk action. */
export const MARK_SYMBOL = '◆';

/** What a row shows besides the job itself. */
export interface RowMarks {
  selected: boolean;
  changed: boolean;
  /** Marked for a bulk action. */
  marked?: boolean;
  /** The job's pending action, shown instead of its state until a refresh confirms it. */
  action?: RowAction | null;
  /** The data is not current (its source failing, or paused): ⧗ in the lead cell, the row dimmed. */
  stale?: boolean;
  /** Preformatted so the row re-renders only when the text changes. */
  age: string;
  duration: string;
  /** How long ago the job finished, preformatted ("5m"); empty while it runs. */
  finished?: string;
  /** The job needs attention (triage: slow, starved, recently failed, unknown outcome). */
  attention?: boolean;
}

/** The lead mark of a row that needs attention (`!` filters to them). */
export const ATTENTION_SYMBOL = '!';

function priorityText(job: Job): string {
  return sanitizeInline(priorityCell(job.priority), 40);
}

function progressCell(job: Job, width: number): Segment[] {
  if (job.progress === null) return [seg(' '.repeat(width))];
  const percent = formatPercent(job.progress).padStart(4);
  if (width < 9) return [seg(fitToWidth(percent.trim(), width, 'right'))];
  return [seg(progressBar(job.progress, width - 5), { color: STATE_COLORS[job.state] }), seg(` ${percent}`)];
}

/** A cell's text fitted to its column, in one segment. */
function fitCell(column: PlacedColumn, text: string, style = {}): Segment[] {
  return [seg(fitToWidth(text, column.width, column.align), style)];
}

/** The first line of `text` with anything but spaces on it ('' when none). */
function firstNonBlankLine(text: string): string {
  for (const line of text.split('\n')) if (line.trim() !== '') return line;
  return '';
}

// why no closures per row or cell here: a closure made per call is compiled again after every
// full collection (docs/performance.md "Session 4: compiled once"), and rows are built every frame.
function cell(job: Job, column: PlacedColumn, marks: RowMarks): Segment[] {
  switch (column.id) {
    case 'lead':
      if (marks.marked)
        return [
          seg(marks.selected ? '›' : ' ', { bold: true }),
          seg(MARK_SYMBOL, { color: COLORS.accent, bold: true }),
        ];
      if (marks.stale)
        return [seg(marks.selected ? '›' : ' ', { bold: true }), seg(STALE_MARK, { color: COLORS.warning })];
      if (!marks.changed && marks.attention)
        return [
          seg(marks.selected ? '›' : ' ', { bold: true }),
          seg(ATTENTION_SYMBOL, { color: COLORS.warning, bold: true }),
        ];
      return [
        seg(marks.selected ? '›' : ' ', { bold: true }),
        seg(marks.changed ? '*' : ' ', { color: COLORS.changed, bold: true }),
      ];
    case 'state': {
      if (marks.action)
        return fitCell(column, column.width >= 3 ? marks.action.text : marks.action.text.slice(0, 1), {
          color: ACTION_COLORS[marks.action.phase],
          bold: true,
        });
      const text = column.width >= 3 ? `${STATE_SYMBOLS[job.state]} ${job.state}` : STATE_SYMBOLS[job.state];
      return fitCell(column, text, { color: STATE_COLORS[job.state], bold: marks.changed });
    }
    case 'source':
      return fitCell(column, sanitizeInline(job.source, 200));
    case 'type':
      return fitCell(column, sanitizeInline(job.type, 200));
    case 'id': {
      // why: the full id when the column has room (wide terminals); the head…tail short form otherwise.
      const id = sanitizeInline(job.id, 200);
      return fitCell(column, displayWidth(id) <= column.width ? id : shortId(id));
    }
    case 'priority':
      return fitCell(column, priorityText(job));
    case 'progress':
      return progressCell(job, column.width);
    case 'age':
      return fitCell(column, marks.age);
    case 'duration':
      return fitCell(column, marks.duration);
    case 'owner':
      return fitCell(column, sanitizeInline(job.owner ?? '', 200));
    case 'host':
      return fitCell(column, sanitizeInline(job.host ?? '', 200));
    case 'finished':
      return fitCell(column, marks.finished ?? '');
    case 'error':
      return fitCell(column, sanitizeInline(firstNonBlankLine(job.error ?? ''), 300), {
        color: COLORS.error,
      });
  }
}

/** One job row: its cells separated by a space, inverse over the full width when selected. */
export function rowSegments(job: Job, columns: readonly PlacedColumn[], marks: RowMarks, width: number): Segment[] {
  const segments: Segment[] = [];
  for (let index = 0; index < columns.length; index++) {
    if (index > 0) segments.push(seg(' '));
    for (const part of cell(job, columns[index], marks)) segments.push(part);
  }
  // why: dim on top of the ⧗ mark and the frozen time cells, so a stale row never looks live, with or without colour.
  const styled = marks.stale ? restyle(segments, { dim: true }) : segments;
  if (!marks.selected) return fitLine(styled, width);
  return fitLine(restyle(styled, { inverse: true }), width, { inverse: true });
}

const SORT_COLUMNS: Partial<Record<SortSpec['key'], ColumnId>> = {
  state: 'state',
  priority: 'priority',
  created: 'age',
  source: 'source',
  type: 'type',
  updated: 'finished',
};

/** The header row: column titles, the sorted column marked ▼ (or ▲ reversed). */
export function headerSegments(columns: readonly PlacedColumn[], sort: SortSpec, width: number): Segment[] {
  const sorted = SORT_COLUMNS[sort.key];
  const titles = columns.map((column) => {
    const title = column.id === sorted ? `${column.title}${sort.reverse ? '▲' : '▼'}` : column.title;
    return fitToWidth(title, column.width, column.align);
  });
  return fitLine([seg(titles.join(' '), { bold: true, dim: true })], width);
}
