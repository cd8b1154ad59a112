/**
 * The sources screen (`S`, `:sources`): one block per source with everything the health cell
 * has no room for; the selected source's block is always in view. Takes the props it draws
 * (built by ui/view-props.ts).
 */
import { useContext } from 'react';
import { fitLine, Line, Lines, seg, type Segment } from '../line.js';
import type { ActivityHistory } from '../../domain/activity.js';
import type { SourceSnapshot } from '../../store/types.js';
import type { Viewport } from '../layout.js';
import { footerChangesAt, footerLine, type FooterProps } from './footer-line.js';
import { sourceBlock, sourceBlockChangesAt } from './sources-lines.js';
import { ScreenClockContext } from '../screen-clock.js';
import { COLORS } from '../theme.js';

/** Props of the sources screen. */
export interface SourcesViewProps {
  sources: readonly SourceSnapshot[];
  /** Jobs finished and failed per minute and source (the sparklines). */
  activity: ActivityHistory;
  /** The selected source's position. */
  cursor: number;
  viewport: Viewport;
  footer: FooterProps;
  now: number;
}

/** The sources screen. */
export function SourcesView({ sources, activity, cursor, viewport, footer, now }: SourcesViewProps) {
  const width = viewport.columns;
  const height = Math.max(1, viewport.rows - 3);
  const noteChange = useContext(ScreenClockContext);
  for (const source of sources) noteChange(sourceBlockChangesAt(source, activity, now));
  noteChange(footerChangesAt(footer.flash, now));
  const blocks = sources.map((source, index) => sourceBlock(source, activity, now, width, index === cursor));
  const starts: number[] = [];
  const all: Segment[][] = [];
  for (const block of blocks) {
    starts.push(all.length);
    all.push(...block, []);
  }
  const selectedStart = starts[cursor] ?? 0;
  const selectedEnd = selectedStart + (blocks[cursor]?.length ?? 0);
  // why: the selected block is shown whole when it fits; a long error pushes the others out, never itself.
  const top = Math.max(0, Math.min(selectedStart, Math.max(0, selectedEnd - height)));
  const failing = sources.filter((source) => source.status === 'error').length;
  const title = [
    seg('jobtop sources', { bold: true, color: COLORS.accent }),
    seg(`  ${sources.length} ${sources.length === 1 ? 'source' : 'sources'}`, { bold: true }),
    seg(failing > 0 ? ` · ${failing} failing` : ' · all answering', { color: failing > 0 ? COLORS.error : COLORS.ok }),
    seg(`  ${cursor + 1} of ${sources.length}`, { dim: true }),
  ];
  const body = all.slice(top, top + height).map((line) => fitLine(line, width));
  while (body.length < height) body.push(fitLine([], width));
  return (
    <>
      <Line segments={fitLine(title, width)} />
      <Lines lines={body} />
      <Line segments={footerLine({ ...footer, now, width })} />
    </>
  );
}
