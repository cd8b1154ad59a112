/**
 * The main screen: title, source health, counts, the windowed job table and the footer.
 * Takes the props it draws (built by ui/view-props.ts); the frame is at most rows-1 lines
 * and every line at most the width.
 */
import { useContext } from 'react';
import type { Job } from '../../domain/job.js';
import type { JobFilter } from '../../domain/filter.js';
import type { SortSpec } from '../../domain/sort.js';
import type { FleetSnapshot } from '../../store/types.js';
import { mainLayout, mainLayoutWithOverlay, windowTop, type Viewport } from '../layout.js';
import { FittedLine, FittedLines, fitLine, Lines, seg, type LineSegments, type Segment } from '../line.js';
import {
  fleetCountsLine,
  perSourceLines,
  sourceAgeAtListResolution,
  sourceChangesAt,
  sourceLines,
  titleLine,
} from './header-lines.js';
import { footerChangesAt, footerLine, type FooterInput, type FooterProps } from './footer-line.js';
import { ScreenClockContext } from '../screen-clock.js';
import { JobTable, type JobTableProps } from './job-table.js';

/** Props of the main screen. */
export interface MainViewProps {
  /** The filtered, sorted jobs. */
  rows: readonly Job[];
  /** Epoch ms rounded to seconds. */
  now: number;
  viewport: Viewport;
  fleet: FleetSnapshot;
  /** Position of the selected job in `rows` (-1: none). */
  selectedIndex: number;
  selectedKey: string | null;
  /** The table's first row before the selection is scrolled into view. */
  listTop: number;
  sort: SortSpec;
  filter: JobFilter;
  readonly: boolean;
  /** One health line per source with its counts (`c`), instead of the packed health cells. */
  perSourceCounts: boolean;
  marks: ReadonlySet<string>;
  columnIds: readonly string[] | null;
  /** Jobs that need attention (triage), by key, and when that set next changes by time alone. */
  attention: { keys: NonNullable<JobTableProps['attention']>; changesAt: number };
  /** Sources whose data is not current, by name. */
  stale: NonNullable<JobTableProps['stale']>;
  /** What the table says when it has no rows. */
  empty: string;
  /** The open dialog, outcomes or history panel, drawn over the bottom of the table. */
  overlay: Segment[][];
  footer: FooterProps;
}

/** The main screen; an open dialog or outcomes overlay covers the bottom of the table. */
export function MainView({
  rows,
  now,
  viewport,
  fleet,
  selectedIndex: index,
  selectedKey,
  listTop,
  sort,
  filter,
  readonly,
  perSourceCounts,
  marks,
  columnIds,
  attention,
  stale,
  empty,
  overlay,
  footer,
}: MainViewProps) {
  const width = viewport.columns;
  const full = mainLayout(viewport, fleet.sources.length, perSourceCounts);
  const layout = mainLayoutWithOverlay(viewport, fleet.sources.length, perSourceCounts, overlay.length);
  const body = layout.body;
  const showHeader = layout.tableHeader;
  const top = windowTop(listTop, index, Math.max(1, body), rows.length);
  const noteChange = useContext(ScreenClockContext);
  for (const source of fleet.sources)
    noteChange(sourceChangesAt(source, now, fleet.paused), sourceAgeAtListResolution(source, fleet.paused));
  noteChange(footerChangesAt(footer.flash, now));
  // why: a job turning slow or starved, or a failure ageing out of "recent", changes its `!` lead by time alone.
  noteChange(attention.changesAt, true);
  // why: health lines are built for the full layout (its "+N more" line) and cut when an overlay needs the room.
  const header = (
    perSourceCounts
      ? perSourceLines(fleet.sources, now, width, full.sourceLines, fleet.paused)
      : sourceLines(fleet.sources, now, width, full.perLine, full.sourceLines, fleet.paused)
  ).slice(0, layout.sourceLines);
  const chrome: LineSegments[] = [];
  if (layout.title)
    chrome.push(
      titleLine({
        sources: fleet.sources,
        visible: rows.length,
        all: fleet.jobs.length,
        sort,
        filter,
        readonly,
        width,
        marked: marks.size,
        window: rows.length > body && body > 0 ? { from: top + 1, to: Math.min(rows.length, top + body) } : undefined,
      }),
    );
  chrome.push(...header);
  if (layout.counts) chrome.push(fleetCountsLine(fleet.sources, width));
  return (
    <>
      {chrome.length > 0 && <FittedLines width={width} lines={chrome} />}
      {body > 0 && (
        <JobTable
          rows={rows.slice(top, top + body)}
          width={width}
          selectedKey={selectedKey}
          changed={fleet.changed}
          sort={sort}
          now={now}
          showHeader={showHeader}
          empty={fitLine([seg(empty)], width)
            .map((segment) => segment.text)
            .join('')}
          marks={marks}
          fleet={fleet}
          stale={stale}
          columnIds={columnIds}
          attention={attention.keys}
        />
      )}
      <Lines lines={overlay} />
      {layout.footer && <FittedLine width={width} segments={footerLine(footerInput(footer, now, width))} />}
    </>
  );
}

/**
 * The footer's props with the frame's time and width.
 * why Object.assign, not `{ ...footer, now, width }`: on Node 20's V8 that spread gives each frame's
 * object a map of its own (docs/performance.md "Session 6: steady-state compiling").
 */
function footerInput(footer: FooterProps, now: number, width: number): FooterInput {
  return Object.assign({}, footer, { now, width });
}
