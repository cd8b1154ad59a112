/**
 * The windowed job table: only the visible rows are drawn, each a React.memo row keyed by
 * job identity, width and its marks, so the 1 s age ticker re-renders only rows whose age
 * text actually changed. A marked row shows ◆; a job with a pending action shows it
 * ("⋯ cancelling", "✔ deleted", "✖ cancel err") instead of its state.
 */
import React, { memo, useMemo } from 'react';
import type { Job } from '../../domain/job.js';
import { formatAge, formatDuration, jobAgeMs, jobDurationMs } from '../../domain/format.js';
import type { SortSpec } from '../../domain/sort.js';
import { chosenColumns, layoutColumns, type PlacedColumn } from '../columns.js';
import { Line, seg } from '../line.js';
import { headerSegments, rowSegments } from './row-cells.js';
import { rowAction, type ActionPhase } from '../action-status.js';
import type { FleetSnapshot } from '../../store/types.js';

/** How long a row stays marked after its state changed. */
export const CHANGED_MARK_MS = 3000;

interface RowProps {
  job: Job;
  columns: readonly PlacedColumn[];
  width: number;
  selected: boolean;
  changed: boolean;
  age: string;
  duration: string;
  marked: boolean;
  actionText: string | null;
  actionPhase: ActionPhase | null;
  finished: string;
  attention: boolean;
}

/** One row; re-renders only when one of its props changes. */
export const JobRow = memo(function JobRow({ job, columns, width, selected, changed, age, duration, marked, actionText, actionPhase, finished, attention }: RowProps) {
  const action = actionText !== null && actionPhase !== null ? { text: actionText, phase: actionPhase } : null;
  return <Line segments={rowSegments(job, columns, { selected, changed, age, duration, marked, action, finished, attention }, width)} />;
});

/** Props of the table. */
export interface JobTableProps {
  /** Only the visible window of rows. */
  rows: readonly Job[];
  width: number;
  selectedKey: string | null;
  changed: ReadonlyMap<string, number>;
  sort: SortSpec;
  /** Epoch ms rounded to seconds. */
  now: number;
  showHeader: boolean;
  /** Sentence shown when there are no rows. */
  empty: string;
  /** Keys marked for a bulk action. */
  marks?: ReadonlySet<string>;
  /** The fleet's actions and jobs, for each row's pending action. */
  fleet?: Pick<FleetSnapshot, 'actions' | 'jobs'>;
  /** The chosen columns in order (`:columns`, config `columns:`); null/absent = the default set. */
  columnIds?: readonly string[] | null;
  /** Keys of jobs that need attention (triage), marked `!` in the lead. */
  attention?: ReadonlySet<string> | ReadonlyMap<string, unknown>;
}

/** The table: header line plus one line per visible row. */
export function JobTable({ rows, width, selectedKey, changed, sort, now, showHeader, empty, marks, fleet, columnIds = null, attention }: JobTableProps) {
  const columns = useMemo(() => layoutColumns(width, chosenColumns(columnIds)), [width, columnIds]);
  return (
    <>
      {showHeader && <Line segments={headerSegments(columns, sort, width)} />}
      {rows.length === 0 && <Line segments={[seg(empty, { dim: true })]} />}
      {rows.map((job) => {
        const changedAt = changed.get(job.key);
        const age = jobAgeMs(job, now);
        const action = fleet && fleet.actions.length > 0 ? rowAction(fleet, job.key, now) : null;
        return (
          <JobRow
            key={job.key}
            job={job}
            columns={columns}
            width={width}
            selected={job.key === selectedKey}
            changed={changedAt !== undefined && now - changedAt < CHANGED_MARK_MS}
            age={age === null ? '—' : formatAge(age)}
            duration={job.startedAt === null ? '' : formatDuration(jobDurationMs(job, now))}
            marked={marks?.has(job.key) ?? false}
            actionText={action?.text ?? null}
            actionPhase={action?.phase ?? null}
            finished={job.finishedAt === null ? '' : formatAge(now - job.finishedAt)}
            attention={attention?.has(job.key) ?? false}
          />
        );
      })}
    </>
  );
}
