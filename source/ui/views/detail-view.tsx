/**
 * The job detail screen: title, tabs, status, the current tab's window, footer.
 * Takes the props it draws (built by ui/view-props.ts): the tab's content lines come from
 * the pure tab builders, computed by the caller. Every line is drawn as a finished line when the
 * diff writer takes them (line.tsx FittedLines): Ink lays out a placeholder per row instead of
 * styling and measuring every cell, most of the first frame of an opened job (docs/performance.md).
 */
import { useContext } from 'react';
import type { Job, JobDetail } from '../../domain/job.js';
import type { SourceSnapshot } from '../../store/types.js';
import { detailLayoutWithOverlay, type Viewport } from '../layout.js';
import { FittedLine, FittedLines, type Segment } from '../line.js';
import type { DetailState } from '../detail-state.js';
import type { ContentLine } from '../content/content-line.js';
import { detailTitle, statusLine, tabBar, tabWindow } from './detail-lines.js';
import { footerLine, type FooterProps } from './footer-line.js';
import { ScreenClockContext } from '../screen-clock.js';
import type { RowAction } from '../action-status.js';

/** Props of the detail screen. */
export interface DetailViewProps {
  /** The open job's panes (tab, scroll positions, search); null when no job is open. */
  detail: DetailState | null;
  /** The key of the job shown (the last one opened); null when none is open. */
  jobKey: string | null;
  /** The best known version of the job: its detail when it arrived, else the list's record. */
  job: Job | JobDetail | null;
  /** The job's source. */
  source: SourceSnapshot | undefined;
  /** The current tab's content lines. */
  lines: readonly ContentLine[];
  /** The job's pending action ("⋯ cancelling"), if any. */
  action: RowAction | null;
  /** Polling is paused (the status line then says the data is not live). */
  paused: boolean;
  viewport: Viewport;
  /** The open dialog, outcomes or history panel, drawn over the bottom of the tab. */
  overlay: Segment[][];
  footer: FooterProps;
  /** Epoch ms rounded to seconds. */
  now: number;
}

/** The detail screen (renders nothing when no job is open). */
export function DetailView({
  detail,
  jobKey: key,
  job,
  source,
  lines,
  action,
  paused,
  viewport,
  overlay,
  footer,
  now,
}: DetailViewProps) {
  // why: the detail view shows ages and durations in seconds; it is redrawn every second while open.
  useContext(ScreenClockContext)(now + 1000);
  if (!detail || key === null) return null;
  const width = viewport.columns;
  const layout = detailLayoutWithOverlay(viewport, overlay.length);
  const body = layout.body;
  const window = tabWindow(detail, lines, Math.max(1, body), width);
  return (
    <>
      {layout.title && (
        <FittedLine width={width} segments={detailTitle(key, job, detail.stack.length, width, action)} />
      )}
      {layout.tabs && <FittedLine width={width} segments={tabBar(detail, source, width)} />}
      {layout.status && (
        <FittedLine
          width={width}
          segments={statusLine(detail.snapshot, job, source, window.position, now, width, paused)}
        />
      )}
      {body > 0 && <FittedLines width={width} lines={window.lines} />}
      <FittedLines width={width} lines={overlay} />
      {layout.footer && <FittedLine width={width} segments={footerLine({ ...footer, now, width })} />}
    </>
  );
}
