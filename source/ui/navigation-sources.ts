/**
 * The sources screen's commands in the navigation reducer: open it, move between sources,
 * Enter filters the list to the selected source, Esc goes back.
 */
import type { Command } from './keymap.js';
import { windowTop } from './layout.js';
import type { NavigationState } from './navigation-state.js';
import { setFilter } from './navigation-list.js';

/** Shows the sources screen with the cursor on the filtered source (or the first). */
export function openSources(state: NavigationState): NavigationState {
  const index = state.fleet.sources.findIndex((source) => source.name === state.filter.source);
  return { ...state, view: 'sources', prompt: null, sources: { cursor: Math.max(0, index), top: 0 } };
}

/** Rows of the sources screen's body one source takes at most (its block of lines). */
export const SOURCE_BLOCK_LINES = 6;

/** Applies a sources-screen command. */
export function sourcesCommand(state: NavigationState, command: Command): NavigationState {
  const count = state.fleet.sources.length;
  const { cursor } = state.sources;
  const move = (target: number) => {
    const next = Math.min(Math.max(0, count - 1), Math.max(0, target));
    const visible = Math.max(1, Math.floor((state.viewport.rows - 4) / SOURCE_BLOCK_LINES));
    return { ...state, sources: { cursor: next, top: windowTop(state.sources.top, next, visible, count) } };
  };
  switch (command) {
    case 'move-down':
      return move(cursor + 1);
    case 'move-up':
      return move(cursor - 1);
    case 'move-top':
      return move(0);
    case 'move-bottom':
      return move(count - 1);
    case 'page-down':
      return move(cursor + 3);
    case 'page-up':
      return move(cursor - 3);
    case 'sources-filter': {
      const source = state.fleet.sources[cursor];
      if (!source) return state;
      return setFilter({ ...state, view: 'list', followTop: true }, { ...state.filter, source: source.name });
    }
    case 'back':
      return { ...state, view: 'list' };
    default:
      return state;
  }
}
