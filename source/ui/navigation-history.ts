/**
 * The action history view of the navigation reducer: opened by H (or, from the command line
 * of the monitor, by whatever calls `openHistory`), scrolled with the usual keys, closed with
 * Esc. It lists this session's actions; `jobtop history` reads every session's.
 */
import type { Command } from './keymap.js';
import { clampTop } from './layout.js';
import type { NavigationState } from './navigation-state.js';
import { outcomeBodyHeight } from './select.js';

/** Opens the action history view (the navigation action other commands, e.g. `:history`, can call). */
export function openHistory(state: NavigationState): NavigationState {
  return { ...state, history: { top: 0 }, help: null };
}

/** Closes the action history view. */
export function closeHistory(state: NavigationState): NavigationState {
  return { ...state, history: null };
}

/** Scrolls the history view. */
export function historyMove(state: NavigationState, command: Command): NavigationState {
  if (!state.history) return state;
  const count = state.fleet.actions.length + 1;
  const top = state.history.top;
  const target = { 'move-down': top + 1, 'move-up': top - 1, 'move-top': 0, 'move-bottom': count } as Partial<
    Record<Command, number>
  >;
  return { ...state, history: { top: clampTop(target[command] ?? top, outcomeBodyHeight(state), count) } };
}
