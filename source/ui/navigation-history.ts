/**
 * The action history view of the navigation reducer: opened by H (or `:history`), it asks the
 * App to read the history file's tail (earlier sessions) and lists this session's actions
 * meanwhile; scrolled with the usual keys, closed with Esc.
 */
import type { Command } from './keymap.js';
import { clampTop } from './layout.js';
import { withEffect, type EarlierHistory, type NavigationState } from './navigation-state.js';
import { outcomeBodyHeight } from './select.js';
import { historyViewItems } from './content/history-lines.js';

/** Opens the action history view and asks for the history file's tail (the navigation action other commands, e.g. `:history`, can call). */
export function openHistory(state: NavigationState): NavigationState {
  return withEffect(
    { ...state, history: { top: 0, earlier: { status: 'reading' } }, help: null },
    { kind: 'read-history' },
  );
}

/** Takes in what was read of earlier sessions, if the view is still open. */
export function historyRead(state: NavigationState, earlier: EarlierHistory): NavigationState {
  return state.history ? { ...state, history: { ...state.history, earlier } } : state;
}

/** Closes the action history view. */
export function closeHistory(state: NavigationState): NavigationState {
  return { ...state, history: null };
}

/** Scrolls the history view. */
export function historyMove(state: NavigationState, command: Command): NavigationState {
  if (!state.history) return state;
  const count = historyViewItems(state.fleet.actions, state.history.earlier, state.now, state.viewport.columns).length;
  const top = state.history.top;
  const height = outcomeBodyHeight(state);
  const target = {
    'move-down': top + 1,
    'move-up': top - 1,
    'move-top': 0,
    'move-bottom': count,
    'page-down': top + height,
    'page-up': top - height,
  } as Partial<Record<Command, number>>;
  return { ...state, history: { ...state.history, top: clampTop(target[command] ?? top, height, count) } };
}
