/**
 * The sources screen (`S`, `:sources`): one block per source with everything the health cell
 * has no room for; the selected source's block is always in view. Takes props only.
 */
import { useContext } from 'react';
import { fitLine, Line, Lines, seg, type Segment } from '../line.js';
import type { NavigationState } from '../navigation-state.js';
import { activeScopes } from '../select.js';
import { footerChangesAt, footerLine } from './footer-line.js';
import { sourceBlock, sourceBlockChangesAt } from './sources-lines.js';
import { ScreenClockContext } from '../screen-clock.js';
import { COLORS } from '../theme.js';

/** Props of the sources screen. */
export interface SourcesViewProps {
  state: NavigationState;
  now: number;
}

/** The sources screen. */
export function SourcesView({ state, now }: SourcesViewProps) {
  const width = state.viewport.columns;
  const sources = state.fleet.sources;
  const height = Math.max(1, state.viewport.rows - 3);
  const noteChange = useContext(ScreenClockContext);
  for (const source of sources) noteChange(sourceBlockChangesAt(source, state.activity, now));
  noteChange(footerChangesAt(state.flash, now));
  const blocks = sources.map((source, index) =>
    sourceBlock(source, state.activity, now, width, index === state.sources.cursor),
  );
  const starts: number[] = [];
  const all: Segment[][] = [];
  for (const block of blocks) {
    starts.push(all.length);
    all.push(...block, []);
  }
  const selectedStart = starts[state.sources.cursor] ?? 0;
  const selectedEnd = selectedStart + (blocks[state.sources.cursor]?.length ?? 0);
  // why: the selected block is shown whole when it fits; a long error pushes the others out, never itself.
  const top = Math.max(0, Math.min(selectedStart, Math.max(0, selectedEnd - height)));
  const failing = sources.filter((source) => source.status === 'error').length;
  const title = [
    seg('jobtop sources', { bold: true, color: COLORS.accent }),
    seg(`  ${sources.length} ${sources.length === 1 ? 'source' : 'sources'}`, { bold: true }),
    seg(failing > 0 ? ` · ${failing} failing` : ' · all answering', { color: failing > 0 ? COLORS.error : COLORS.ok }),
    seg(`  ${state.sources.cursor + 1} of ${sources.length}`, { dim: true }),
  ];
  const body = all.slice(top, top + height).map((line) => fitLine(line, width));
  while (body.length < height) body.push(fitLine([], width));
  return (
    <>
      <Line segments={fitLine(title, width)} />
      <Lines lines={body} />
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
        })}
      />
    </>
  );
}
