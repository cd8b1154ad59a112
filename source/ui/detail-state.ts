/**
 * The navigation state's part about one open job: the tab shown and each tab's scroll and
 * cursor, the message search, the fold state of the Result tree. The detail view draws it,
 * so it lives apart from the reducer's state (views never import navigation-state.ts).
 */
import type { DetailSnapshot } from '../store/types.js';

/** The detail tabs in order (digits 1–5). */
export const DETAIL_TABS = ['overview', 'steps', 'messages', 'result', 'raw'] as const;

/** A detail tab. */
export type DetailTab = (typeof DETAIL_TABS)[number];

/** Tab titles. */
export const TAB_TITLES: Record<DetailTab, string> = {
  overview: 'Overview',
  steps: 'Steps',
  messages: 'Messages',
  result: 'Result',
  raw: 'Raw',
};

/** A pane with a line cursor. */
export interface CursorPane {
  cursor: number;
  top: number;
}

/** The Result tab: cursor plus fold state (overrides of the default expansion) and per-node item limits. */
export interface TreePane extends CursorPane {
  toggles: ReadonlyMap<string, boolean>;
  limits: ReadonlyMap<string, number>;
}

/** One open job (and the jobs opened from it). */
export interface DetailState {
  /** Keys of the opened jobs; the last one is shown, Esc pops it. */
  stack: readonly string[];
  tab: DetailTab;
  /** The latest detail snapshot of the shown job, null until the store answers. */
  snapshot: DetailSnapshot | null;
  overview: CursorPane;
  steps: { top: number };
  /** top = null follows the newest messages at the bottom. */
  messages: { top: number | null };
  result: TreePane;
  raw: { top: number };
  /** The message search text and the line of the current match. */
  search: string;
  match: number | null;
}
