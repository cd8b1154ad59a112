/**
 * List-view commands of the navigation reducer: moving the selection, sort, filter and
 * quick toggles. Every change of the visible ordering goes through `withListChange`, which
 * keeps the selection on the same job or moves it to its previous neighbour.
 */
import { nextSortKey } from '../domain/sort.js';
import { EMPTY_FILTER, nextSourceFilter, type JobFilter } from '../domain/filter.js';
import type { Command } from './keymap.js';
import { windowTop } from './layout.js';
import type { NavigationState } from './navigation-state.js';
import { openDetailState } from './navigation-state.js';
import { reconcileSelection } from './selection.js';
import { indexOfKey, listBodyHeight, visibleJobs } from './select.js';
import { openSources } from './navigation-sources.js';

/** `next` with its selection reconciled against `previous`'s ordering and the window kept around it. */
export function withListChange(previous: NavigationState, next: NavigationState): NavigationState {
  const before = visibleJobs(previous);
  const after = visibleJobs(next);
  const selectedKey = next.followTop
    ? (after[0]?.key ?? null)
    : reconcileSelection(
        before,
        after,
        previous.selectedKey,
        // why: the same jobs in the same order (only the filter changed): every key names one object.
        previous.fleet.jobs === next.fleet.jobs &&
          previous.sort.key === next.sort.key &&
          previous.sort.reverse === next.sort.reverse,
      );
  const listTop = windowTop(next.listTop, indexOfKey(after, selectedKey), listBodyHeight(next), after.length);
  if (selectedKey === next.selectedKey && listTop === next.listTop) return next;
  return { ...next, selectedKey, listTop };
}

/** Moves the selection by a line, a page, or to either end. */
export function moveSelection(state: NavigationState, command: Command): NavigationState {
  const rows = visibleJobs(state);
  if (rows.length === 0) return state;
  const height = listBodyHeight(state);
  const current = Math.max(0, indexOfKey(rows, state.selectedKey));
  const deltas: Partial<Record<Command, number>> = {
    'move-down': 1,
    'move-up': -1,
    'page-down': height,
    'page-up': -height,
  };
  let index =
    command === 'move-top' ? 0 : command === 'move-bottom' ? rows.length - 1 : current + (deltas[command] ?? 0);
  index = Math.min(rows.length - 1, Math.max(0, index));
  return {
    ...state,
    selectedKey: rows[index].key,
    followTop: false,
    listTop: windowTop(state.listTop, index, height, rows.length),
  };
}

/** Replaces the filter and reconciles the selection. */
export function setFilter(state: NavigationState, filter: JobFilter): NavigationState {
  return withListChange(state, { ...state, filter });
}

/** Applies a list command; unknown commands leave the state alone. */
export function listCommand(state: NavigationState, command: Command, key = '', at = 0): NavigationState {
  switch (command) {
    case 'move-down':
    case 'move-up':
    case 'move-top':
    case 'move-bottom':
    case 'page-down':
    case 'page-up':
      return moveSelection(state, command);
    case 'open-detail': {
      const rows = visibleJobs(state);
      if (indexOfKey(rows, state.selectedKey) === -1 || state.selectedKey === null) return state;
      return { ...state, view: 'detail', detail: openDetailState([state.selectedKey]) };
    }
    case 'filter-open':
      return { ...state, prompt: { kind: 'filter', text: state.filter.text } };
    case 'filter-clear':
      return setFilter(state, EMPTY_FILTER);
    case 'sort-next':
      return withListChange(state, { ...state, sort: { key: nextSortKey(state.sort.key), reverse: false } });
    case 'sort-reverse':
      return withListChange(state, { ...state, sort: { ...state.sort, reverse: !state.sort.reverse } });
    case 'toggle-active':
      return setFilter(state, { ...state.filter, activeOnly: !state.filter.activeOnly, failedOnly: false });
    case 'toggle-failed':
      return setFilter(state, { ...state.filter, failedOnly: !state.filter.failedOnly, activeOnly: false });
    case 'source-next':
      return setFilter(state, {
        ...state.filter,
        source: nextSourceFilter(
          state.filter.source,
          state.fleet.sources.map((source) => source.name),
        ),
      });
    case 'toggle-attention':
      return setFilter(state, { ...state.filter, attention: !state.filter.attention });
    case 'sources-open':
      return openSources(state);
    case 'view-select': {
      const view = state.views[Number(key) - 1];
      if (!view)
        return {
          ...state,
          flash: {
            text:
              state.views.length === 0
                ? `${key}: no views: in the config (named queries)`
                : `${key}: there are ${state.views.length} views (${state.views.map((each, index) => `${index + 1} ${each.name}`).join(', ')})`,
            at,
            tone: 'error',
          },
        };
      return {
        ...setFilter(state, { ...state.filter, text: view.query }),
        flash: { text: `view ${view.name}: ${view.query}`, at },
      };
    }
    case 'toggle-source-counts':
      return withListChange(state, { ...state, perSourceCounts: !state.perSourceCounts });
    default:
      return state;
  }
}
