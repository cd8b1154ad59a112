/**
 * The job detail screen: title, tabs, status, the current tab's window, footer.
 * Takes props only (state and the clock); content comes from the pure tab builders.
 */
import { useContext } from 'react';
import { detailLayoutWithOverlay } from '../layout.js';
import { Line, Lines } from '../line.js';
import type { NavigationState } from '../navigation-state.js';
import { activeScopes, detailJob, detailKey, detailSource } from '../select.js';
import { tabLines } from '../content/detail-content.js';
import { detailTitle, statusLine, tabBar, tabWindow } from './detail-lines.js';
import { footerLine } from './footer-line.js';
import { ScreenClockContext } from '../screen-clock.js';
import { overlayLines } from './overlay-lines.js';
import { footerActions } from '../action-hints.js';
import { rowAction } from '../action-status.js';

/** Props of the detail screen. */
export interface DetailViewProps {
  state: NavigationState;
  /** Epoch ms rounded to seconds. */
  now: number;
}

/** The detail screen (renders nothing when no job is open). */
export function DetailView({ state, now }: DetailViewProps) {
  // why: the detail view shows ages and durations in seconds; it is redrawn every second while open.
  useContext(ScreenClockContext)(now + 1000);
  const detail = state.detail;
  const key = detailKey(state);
  if (!detail || key === null) return null;
  const width = state.viewport.columns;
  const overlay = overlayLines(state, width);
  const layout = detailLayoutWithOverlay(state.viewport, overlay.length);
  const job = detailJob(state);
  const source = detailSource(state);
  const body = layout.body;
  const window = tabWindow(detail, tabLines(state, detail.tab, now), Math.max(1, body), width);
  const actions = footerActions(state);
  return (
    <>
      {layout.title && (
        <Line segments={detailTitle(key, job, detail.stack.length, width, rowAction(state.fleet, key, now))} />
      )}
      {layout.tabs && <Line segments={tabBar(detail, source, width)} />}
      {layout.status && (
        <Line segments={statusLine(detail.snapshot, job, source, window.position, now, width, state.fleet.paused)} />
      )}
      {body > 0 && <Lines lines={window.lines} />}
      <Lines lines={overlay} />
      {layout.footer && (
        <Line
          segments={footerLine({
            keymap: state.keymap,
            scopes: activeScopes(state),
            paused: state.fleet.paused,
            intervalMs: state.fleet.intervalMs,
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
