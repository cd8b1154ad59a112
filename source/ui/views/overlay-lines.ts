/**
 * The overlay panel drawn over the bottom of the list or detail body: the confirmation
 * dialog, or the outcomes of a bulk action (summary, one line per job, scrollable).
 */
import type { Job } from '../../domain/job.js';
import { clampTop } from '../layout.js';
import { fitLine, seg, type Segment } from '../line.js';
import { outcomeBodyHeight, overlayRoom, type OverlayState } from '../select.js';
import { outcomeCounts, outcomeItems, outcomeSummary } from '../content/outcome-lines.js';
import { COLORS } from '../theme.js';
import { dialogLines, titleRule } from './dialog-lines.js';
import { earlierSummary, historyViewItems } from '../content/history-lines.js';

/** The outcomes panel: summary rule, the window of job lines, a bottom rule with the position. */
export function outcomePanel(state: OverlayState, width: number): Segment[][] {
  const counts = outcomeCounts(state);
  if (!counts || !state.outcome) return [];
  const items = outcomeItems(state);
  const height = Math.min(outcomeBodyHeight(state), items.length);
  const top = clampTop(state.outcome.top, height, items.length);
  const color = counts.failed > 0 ? COLORS.error : counts.waiting > 0 ? COLORS.warning : COLORS.ok;
  const position = items.length > height ? ` ${top + 1}–${top + height} of ${items.length} ` : ' ';
  const bottomText = `──${position}Esc closes `;
  return [
    titleRule(outcomeSummary(counts), width, color),
    ...items.slice(top, top + height).map((line) => fitLine(line, width)),
    fitLine(
      [seg(bottomText, { dim: true }), seg('─'.repeat(Math.max(0, width - bottomText.length)), { dim: true })],
      width,
    ),
  ];
}

const idCache = new WeakMap<readonly Job[], string[]>();

/** The ids of the listed jobs (cached per jobs array). */
function listedIds(jobs: readonly Job[]): string[] {
  let ids = idCache.get(jobs);
  if (!ids) idCache.set(jobs, (ids = jobs.map((job) => job.id)));
  return ids;
}

/** The history panel: this session's actions newest first, then earlier sessions from the history file, scrollable. */
export function historyPanel(state: OverlayState, width: number): Segment[][] {
  if (!state.history) return [];
  const { actions } = state.fleet;
  const items = historyViewItems(actions, state.history.earlier, state.now, width);
  const height = Math.min(outcomeBodyHeight(state), items.length);
  const top = clampTop(state.history.top, height, items.length);
  const position = items.length > height ? ` ${top + 1}–${top + height} of ${items.length} ` : ' ';
  const bottomText = `──${position}Esc closes `;
  return [
    titleRule(
      `Action history · ${actions.length} this session${earlierSummary(actions, state.history.earlier)}`,
      width,
      COLORS.accent,
    ),
    ...items.slice(top, top + height).map((line) => fitLine(line, width)),
    fitLine(
      [seg(bottomText, { dim: true }), seg('─'.repeat(Math.max(0, width - bottomText.length)), { dim: true })],
      width,
    ),
  ];
}

/** The overlay lines for the current state (none when no dialog, history or outcomes overlay is open). */
export function overlayLines(state: OverlayState, width: number): Segment[][] {
  if (state.history && !state.dialog) return historyPanel(state, width).slice(0, overlayRoom(state));
  if (state.dialog)
    return dialogLines(state.dialog, state.fleet.sources, width, overlayRoom(state), listedIds(state.fleet.jobs));
  if (state.outcome) return outcomePanel(state, width).slice(0, overlayRoom(state));
  return [];
}
