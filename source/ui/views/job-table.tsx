/**
 * The windowed job table: only the visible rows are drawn, each a React.memo row keyed by
 * job identity, width and its marks, so a clock tick re-renders only rows whose age text
 * actually changed (with the diff writer on, a finished string per row kept with its Job object
 * the same way); ages and running durations show at list resolution (formatListAge). A
 * marked row shows ◆; a job with a pending action shows it ("⋯ cancelling", "✔ deleted",
 * "✖ cancel err") instead of its state; a row whose source's data is not current is dimmed, marked ⧗
 * and shows the data's age in AGE (staleness.ts).
 */
import { memo, useContext, useMemo } from 'react';
import type { Job } from '../../domain/job.js';
import { formatDuration, formatListAge, jobAgeMs, jobDurationMs, listAgeChangesIn } from '../../domain/format.js';
import { ScreenClockContext } from '../screen-clock.js';
import type { SortSpec } from '../../domain/sort.js';
import { chosenColumns, layoutColumns, type PlacedColumn } from '../columns.js';
import { Text } from 'ink';
import {
  FINISHED_MIN_WIDTH,
  FinishedLinesContext,
  FinishedText,
  FittedLine,
  finishedLine,
  finishedStyleKey,
  fittedFinished,
  Line,
  NoColorContext,
  seg,
} from '../line.js';
import { headerSegments, rowSegments, type RowMarks } from './row-cells.js';
import { rowAction, type ActionPhase } from '../action-status.js';
import type { FleetSnapshot } from '../../store/types.js';
import { staleAgeText, type Staleness } from '../staleness.js';

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
  /** The row's data is not current (its source failing, or paused): ⧗ mark, dimmed, time cells frozen. */
  stale?: boolean;
  finished: string;
  attention: boolean;
}

/**
 * One row; re-renders only when one of its props changes. With the diff writer on, the row is
 * built once as a finished string and Ink lays out only its placeholder (FinishedLinesContext).
 */
export const JobRow = memo(function JobRow(props: RowProps) {
  const finishedLines = useContext(FinishedLinesContext);
  const noColor = useContext(NoColorContext);
  const segments = segmentsOfRow(props);
  if (finishedLines && props.width >= FINISHED_MIN_WIDTH)
    return <Text>{finishedLines.intern(finishedLine(segments, noColor))}</Text>;
  return <Line segments={segments} />;
});

// why one literal, not `{ ...flags, action, stale }` of the props' rest: on Node 20's V8 that spread
// gives each row's marks a map of its own, and code that meets them is compiled again
// (docs/performance.md "Session 6: steady-state compiling").
function segmentsOfRow(props: RowProps) {
  const { actionText, actionPhase } = props;
  const marks: RowMarks = {
    selected: props.selected,
    changed: props.changed,
    marked: props.marked,
    action: actionText !== null && actionPhase !== null ? { text: actionText, phase: actionPhase } : null,
    stale: props.stale ?? false,
    age: props.age,
    duration: props.duration,
    finished: props.finished,
    attention: props.attention,
  };
  return rowSegments(props.job, props.columns, marks, props.width);
}

// why: with the diff writer on, the table is drawn as finished lines (FinishedText), so rows are
// not memo components there; a row's finished string is kept with its Job object (the
// store keeps a job's object while nothing of it changes) and rebuilt only when what it draws changes.
const finishedRowByJob = new WeakMap<Job, { columns: readonly PlacedColumn[]; key: string; text: string }>();

function finishedRow(props: RowProps, noColor: boolean): string {
  const { width, selected, changed, marked, stale, attention, age, duration, finished, actionText, actionPhase } =
    props;
  const key = `${finishedStyleKey(noColor)}\u0000${width}\u0000${selected ? 1 : 0}${changed ? 1 : 0}${marked ? 1 : 0}${stale ? 1 : 0}${attention ? 1 : 0}\u0000${age}\u0000${duration}\u0000${finished}\u0000${actionPhase ?? ''}\u0000${actionText ?? ''}`;
  const kept = finishedRowByJob.get(props.job);
  if (kept && kept.columns === props.columns && kept.key === key) return kept.text;
  const text = finishedLine(segmentsOfRow(props), noColor);
  finishedRowByJob.set(props.job, { columns: props.columns, key, text });
  return text;
}

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
  /** Sources whose data is not current (staleSources), by name. */
  stale?: ReadonlyMap<string, Staleness>;
  /** The chosen columns in order (`:columns`, config `columns:`); null/absent = the default set. */
  columnIds?: readonly string[] | null;
  /** Keys of jobs that need attention (triage), marked `!` in the lead. */
  attention?: ReadonlySet<string> | ReadonlyMap<string, unknown>;
}

/** The AGE and DUR texts of a row (counting on when live; when stale, the data's age and the duration as of the last good poll) and when that text next changes. */
export function rowTimes(
  job: Job,
  now: number,
  staleness: Staleness | undefined,
  ageWidth?: number,
): { age: string; duration: string; changesAt: number } {
  if (staleness) {
    const at = staleness.fetchedAt ?? now;
    // why: a stale row's data age counts in seconds.
    return {
      age: staleAgeText(staleness, ageWidth),
      duration: job.startedAt === null ? '' : formatDuration(jobDurationMs(job, at)),
      changesAt: now + 1000,
    };
  }
  const age = jobAgeMs(job, now);
  const duration = job.startedAt === null ? null : jobDurationMs(job, now);
  const running = duration !== null && job.finishedAt === null && !job.terminal;
  const changesAt = Math.min(
    age === null ? Infinity : now + listAgeChangesIn(age),
    running ? now + listAgeChangesIn(duration) : Infinity,
  );
  return {
    age: age === null ? '—' : formatListAge(age),
    duration: duration === null ? '' : running ? formatListAge(duration) : formatDuration(duration),
    changesAt,
  };
}

/** The table: header line plus one line per visible row. */
export function JobTable({
  rows,
  width,
  selectedKey,
  changed,
  sort,
  now,
  showHeader,
  empty,
  marks,
  fleet,
  stale,
  columnIds = null,
  attention,
}: JobTableProps) {
  const columns = useMemo(() => layoutColumns(width, chosenColumns(columnIds)), [width, columnIds]);
  const noteChange = useContext(ScreenClockContext);
  const finishedLines = useContext(FinishedLinesContext);
  const noColor = useContext(NoColorContext);
  const ageWidth = columns.find((column) => column.id === 'age')?.width;
  const showsFinished = columns.some((column) => column.id === 'finished');
  const rowProps = rows.map((job): RowProps => {
    const changedAt = changed.get(job.key);
    const isChanged = changedAt !== undefined && now - changedAt < CHANGED_MARK_MS;
    const staleness = stale?.get(job.source);
    const times = rowTimes(job, now, staleness, ageWidth);
    const action = fleet && fleet.actions.length > 0 ? rowAction(fleet, job.key, now) : null;
    // why: the app renders again only when a drawn text changes (screen-clock.ts); ages at list
    // resolution and a fading mark are coarse changes, a stale row's seconds and an action's are not.
    if (times.changesAt !== Infinity) noteChange(times.changesAt, !staleness);
    const finishedAgo = job.finishedAt === null ? null : Math.max(0, now - job.finishedAt);
    if (showsFinished && finishedAgo !== null && !staleness) noteChange(now + listAgeChangesIn(finishedAgo), true);
    if (isChanged) noteChange(changedAt + CHANGED_MARK_MS, true);
    if (action) noteChange(now + 1000);
    return {
      job,
      columns,
      width,
      selected: job.key === selectedKey,
      changed: isChanged,
      age: times.age,
      duration: times.duration,
      stale: staleness !== undefined,
      marked: marks?.has(job.key) ?? false,
      actionText: action?.text ?? null,
      actionPhase: action?.phase ?? null,
      finished: finishedAgo === null ? '' : formatListAge(finishedAgo),
      attention: attention?.has(job.key) ?? false,
    };
  });
  const header = showHeader ? headerSegments(columns, sort, width) : null;
  const emptyLine = rows.length === 0 ? [seg(empty, { dim: true })] : null;
  if (finishedLines && width >= FINISHED_MIN_WIDTH) {
    const headerText = header && fittedFinished(finishedLines, header, width, noColor);
    const emptyText = emptyLine && fittedFinished(finishedLines, emptyLine, width, noColor);
    if ((header === null || headerText !== null) && (emptyLine === null || emptyText !== null)) {
      const lines: string[] = [];
      if (headerText !== null) lines.push(headerText);
      if (emptyText !== null) lines.push(emptyText);
      for (const props of rowProps) lines.push(finishedRow(props, noColor));
      return <FinishedText lines={lines} />;
    }
  }
  return (
    <>
      {header && <FittedLine width={width} segments={header} />}
      {emptyLine && <Line segments={emptyLine} />}
      {rowProps.map((props) => (
        <JobRow key={props.job.key} {...props} />
      ))}
    </>
  );
}
