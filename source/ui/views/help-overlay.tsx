/**
 * The `?` overlay: the keys of the view underneath, generated from the keymap table.
 * Takes the props it draws (built by ui/view-props.ts).
 */
import { useContext } from 'react';
import { clampTop, helpBodyHeight, type Viewport } from '../layout.js';
import { SCOPES, type Binding, type Scope } from '../keymap.js';
import { fitLine, Line, Lines, seg } from '../line.js';
import { helpLines } from '../content/help-lines.js';
import { footerChangesAt, footerLine, type FooterProps } from './footer-line.js';
import { ScreenClockContext } from '../screen-clock.js';

/** Props of the help overlay. */
export interface HelpOverlayProps {
  /** The key scopes of the view under the overlay, most specific first. */
  under: readonly Scope[];
  /** The key table in force. */
  keymap: readonly Binding[];
  /** The first line shown (j/k scroll). */
  top: number;
  viewport: Viewport;
  footer: FooterProps;
  now: number;
}

/** The help overlay, scrollable with j/k. */
export function HelpOverlay({ under, keymap, top: wanted, viewport, footer, now }: HelpOverlayProps) {
  useContext(ScreenClockContext)(footerChangesAt(footer.flash, now));
  const width = viewport.columns;
  const lines = helpLines(under, keymap, width);
  const height = helpBodyHeight(viewport);
  const top = clampTop(wanted, height, lines.length);
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
      <Line segments={footerLine({ ...footer, now, width })} />
    </>
  );
}
