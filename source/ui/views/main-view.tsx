/**
 * The main screen: title, source health, counts, the windowed job table and the footer.
 * Takes props only; the frame is at most rows-1 lines and every line at most the width.
 */
import { useContext } from 'react';
import type { Job } from '../../domain/job.js';
import { isFilterActive } from '../../domain/filter.js';
import { mainLayout, mainLayoutWithOverlay, windowTop } from '../layout.js';
import { FittedLine, fitLine, Lines, seg } from '../line.js';
import type { NavigationState } from '../navigation-state.js';
import { activeScopes, fleetTriage, indexOfKey } from '../select.js';
import { fleetCountsLine, perSourceLines, sourceChangesAt, sourceLines, titleLine } from './header-lines.js';
import { footerChangesAt, footerLine } from './footer-line.js';
import { ScreenClockContext } from '../screen-clock.js';
import { JobTable } from './job-table.js';
import { overlayLines } from './overlay-lines.js';
import { footerActions } from '../action-hints.js';
import { staleSources } from '../staleness.js';

/** Props of the main screen. */
export interface MainViewProps {
  state: NavigationState;
  /** The filtered, sorted jobs. */
  rows: readonly Job[];
  /** Epoch ms rounded to seconds. */
  now: number;
}

function emptySentence(state: NavigationState): string {
  const { sources } = state.fleet;
  if (sources.length === 0) return 'No sources are configured.';
  if (state.fleet.jobs.length === 0 && sources.some((source) => source.status === 'loading'))
    return 'Waiting for the sources to answer…';
  if (isFilterActive(state.filter)) return 'No jobs match the filter (Esc clears it).';
  return 'No jobs.';
}

/** The main screen; an open dialog or outcomes overlay covers the bottom of the table. */
export function MainView({ state, rows, now }: MainViewProps) {
  const { fleet, viewport } = state;
  const width = viewport.columns;
  const overlay = overlayLines(state, width);
  const full = mainLayout(viewport, fleet.sources.length, state.perSourceCounts);
  const layout = mainLayoutWithOverlay(viewport, fleet.sources.length, state.perSourceCounts, overlay.length);
  const body = layout.body;
  const showHeader = layout.tableHeader;
  const index = indexOfKey(rows, state.selectedKey);
  const top = windowTop(state.listTop, index, Math.max(1, body), rows.length);
  const actions = footerActions(state);
  const noteChange = useContext(ScreenClockContext);
  for (const source of fleet.sources) noteChange(sourceChangesAt(source, now, fleet.paused));
  noteChange(footerChangesAt(state.flash, now));
  // why: health lines are built for the full layout (its "+N more" line) and cut when an overlay needs the room.
  const header = (
    state.perSourceCounts
      ? perSourceLines(fleet.sources, now, width, full.sourceLines, fleet.paused)
      : sourceLines(fleet.sources, now, width, full.perLine, full.sourceLines, fleet.paused)
  ).slice(0, layout.sourceLines);
  return (
    <>
      {layout.title && (
        <FittedLine
          width={width}
          segments={titleLine({
            sources: fleet.sources,
            visible: rows.length,
            all: fleet.jobs.length,
            sort: state.sort,
            filter: state.filter,
            readonly: state.readonly,
            width,
            marked: state.marks.size,
            window:
              rows.length > body && body > 0 ? { from: top + 1, to: Math.min(rows.length, top + body) } : undefined,
          })}
        />
      )}
      {header.map((segments, index) => (
        <FittedLine key={index} width={width} segments={segments} />
      ))}
      {layout.counts && <FittedLine width={width} segments={fleetCountsLine(fleet.sources, width)} />}
      {body > 0 && (
        <JobTable
          rows={rows.slice(top, top + body)}
          width={width}
          selectedKey={state.selectedKey}
          changed={fleet.changed}
          sort={state.sort}
          now={now}
          showHeader={showHeader}
          empty={fitLine([seg(emptySentence(state))], width)
            .map((segment) => segment.text)
            .join('')}
          marks={state.marks}
          fleet={fleet}
          stale={staleSources(fleet, now)}
          columnIds={state.columns}
          attention={fleetTriage(fleet.jobs, state.durations, now, state.triageOptions, fleet.actions)}
        />
      )}
      <Lines lines={overlay} />
      {layout.footer && (
        <FittedLine
          width={width}
          segments={footerLine({
            keymap: state.keymap,
            scopes: activeScopes(state),
            paused: fleet.paused,
            intervalMs: fleet.intervalMs,
            prompt: state.prompt,
            flash: state.flash,
            now,
            width,
            shown: actions.shown,
            note: actions.note,
          })}
        />
      )}
    </>
  );
}
