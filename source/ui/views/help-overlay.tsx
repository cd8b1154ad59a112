/**
 * The `?` overlay: the keys of the view underneath, generated from the keymap table.
 */
import { useContext } from 'react';
import { clampTop, helpBodyHeight } from '../layout.js';
import { SCOPES } from '../keymap.js';
import { fitLine, Line, Lines, seg } from '../line.js';
import type { NavigationState } from '../navigation-state.js';
import { activeScopes } from '../select.js';
import { helpLines } from '../content/help-lines.js';
import { footerChangesAt, footerLine } from './footer-line.js';
import { ScreenClockContext } from '../screen-clock.js';

/** Props of the help overlay. */
export interface HelpOverlayProps {
  state: NavigationState;
  now: number;
}

/** The help overlay, scrollable with j/k. */
export function HelpOverlay({ state, now }: HelpOverlayProps) {
  useContext(ScreenClockContext)(footerChangesAt(state.flash, now));
  const width = state.viewport.columns;
  const under = activeScopes(state, true);
  const lines = helpLines(under, state.keymap, width);
  const height = helpBodyHeight(state.viewport);
  const top = clampTop(state.help?.top ?? 0, height, lines.length);
  const more = lines.length > height ? `  ${top + 1}–${Math.min(lines.length, top + height)} of ${lines.length}` : '';
  return (
    <>
      <Line
        segments={fitLine(
          [seg('jobtop keys', { bold: true, color: 'cyan' }), seg(` — ${SCOPES[under[0]]}${more}`, { dim: true })],
          width,
        )}
      />
      <Lines lines={lines.slice(top, top + height).map((line) => fitLine(line.segments, width))} />
      <Line
        segments={footerLine({
          keymap: state.keymap,
          scopes: activeScopes(state),
          paused: state.fleet.paused,
          intervalMs: state.fleet.intervalMs,
          prompt: null,
          flash: state.flash,
          now,
          width,
        })}
      />
    </>
  );
}
