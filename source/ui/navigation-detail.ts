/**
 * Detail-view commands of the navigation reducer: tabs, scrolling each tab, opening parent
 * and child jobs, the message search and the Result tree's folding.
 */
import type { Command } from './keymap.js';
import { clampTop, windowTop } from './layout.js';
import {
  DETAIL_TABS,
  openDetailState,
  type CursorPane,
  type DetailState,
  type NavigationState,
} from './navigation-state.js';
import { detailBodyHeight } from './select.js';
import { tabLines } from './content/detail-content.js';
import { matchingLines } from './content/message-lines.js';
import { moreOwner, nextLimit } from './content/json-tree.js';
import { findInTree, foldAll, reveal } from './content/json-tree-search.js';
import { resultValue } from './content/detail-content.js';
import { detailPayload } from './select.js';

function delta(command: Command, height: number): number {
  return command === 'move-down'
    ? 1
    : command === 'move-up'
      ? -1
      : command === 'page-down'
        ? height
        : command === 'page-up'
          ? -height
          : 0;
}

/** A cursor moved by `command` within `count` lines, with the window following it. */
export function moveCursor(pane: CursorPane, command: Command, count: number, height: number): CursorPane {
  const last = Math.max(0, count - 1);
  const target = command === 'move-top' ? 0 : command === 'move-bottom' ? last : pane.cursor + delta(command, height);
  const cursor = Math.min(last, Math.max(0, target));
  return { cursor, top: windowTop(pane.top, cursor, height, count) };
}

/** A pager offset moved by `command`. */
export function moveTop(top: number, command: Command, count: number, height: number): number {
  const target = command === 'move-top' ? 0 : command === 'move-bottom' ? count : top + delta(command, height);
  return clampTop(target, height, count);
}

/** A following pager (null = stuck to the bottom) moved by `command`; reaching the bottom follows again. */
export function moveFollow(top: number | null, command: Command, count: number, height: number): number | null {
  const bottom = Math.max(0, count - height);
  const next = moveTop(top ?? bottom, command, count, height);
  return next >= bottom ? null : next;
}

function withDetail(state: NavigationState, patch: Partial<DetailState>): NavigationState {
  return state.detail ? { ...state, detail: { ...state.detail, ...patch } } : state;
}

/** Scrolls the message view so line `index` is in view (a third from the top). */
function revealMessage(state: NavigationState, index: number, count: number): NavigationState {
  const height = detailBodyHeight(state);
  const top = clampTop(index - Math.floor(height / 3), height, count);
  return withDetail(state, { match: index, messages: { top: top >= Math.max(0, count - height) ? null : top } });
}

/** The Result tab's value, when the tab shows one. */
function treeValue(state: NavigationState): unknown {
  return resultValue(detailPayload(state));
}

/** Puts tree match `index` (wrapping) under the cursor, opening what hides it. */
function revealTreeMatch(state: NavigationState, text: string, index: number, at: number): NavigationState {
  const detail = state.detail as DetailState;
  const matches = findInTree(treeValue(state), text);
  if (matches.length === 0)
    return {
      ...withDetail(state, { search: text, match: null }),
      flash: text === '' ? state.flash : { text: `no match for "${text}"`, at },
    };
  const position = ((index % matches.length) + matches.length) % matches.length;
  const match = matches[position];
  const opened = reveal(match, detail.result.toggles, detail.result.limits);
  const next = withTree(withDetail(state, { search: text, match: position }), {
    toggles: opened.toggles,
    limits: opened.limits,
  });
  const cursor = tabLines(next, 'result').findIndex((line) => line.node?.id === match.id);
  return withTree(next, { cursor: Math.max(0, cursor) });
}

/** Sets the search text (messages or the Result tree) and jumps to the first match. */
export function setSearch(state: NavigationState, text: string): NavigationState {
  if (state.detail?.tab === 'result') return revealTreeMatch(state, text, 0, state.now);
  const lines = tabLines(state, 'messages');
  const matches = matchingLines(lines, text);
  if (text === '' || matches.length === 0) return withDetail(state, { search: text, match: null });
  const height = detailBodyHeight(state);
  const from = state.detail?.messages.top ?? Math.max(0, lines.length - height);
  const first = matches.find((index) => index >= from) ?? matches[0];
  return revealMessage(withDetail(state, { search: text }), first, lines.length);
}

function stepMatch(state: NavigationState, direction: 1 | -1, at: number): NavigationState {
  const detail = state.detail as DetailState;
  if (detail.tab === 'result')
    return detail.search
      ? revealTreeMatch(state, detail.search, (detail.match ?? -direction) + direction, at)
      : { ...state, flash: { text: 'no search: press / first', at } };
  const lines = tabLines(state, 'messages');
  const matches = matchingLines(lines, detail.search);
  if (matches.length === 0)
    return {
      ...state,
      flash: { text: detail.search ? `no match for "${detail.search}"` : 'no search: press / first', at },
    };
  const height = detailBodyHeight(state);
  const current =
    detail.match ?? (direction === 1 ? (detail.messages.top ?? Math.max(0, lines.length - height)) - 1 : lines.length);
  const found =
    direction === 1
      ? (matches.find((index) => index > current) ?? matches[0])
      : ([...matches].reverse().find((index) => index < current) ?? matches[matches.length - 1]);
  return revealMessage(state, found, lines.length);
}

function treeCommand(state: NavigationState, command: Command): NavigationState {
  const detail = state.detail as DetailState;
  const lines = tabLines(state, 'result');
  const node = lines[detail.result.cursor]?.node;
  if (!node) return state;
  const toggles = new Map(detail.result.toggles);
  const limits = new Map(detail.result.limits);
  let cursor = detail.result.cursor;
  if (node.kind === 'more') {
    if (command !== 'tree-toggle' && command !== 'tree-expand')
      return command === 'tree-collapse' && node.parent >= 0 ? withTree(state, { cursor: node.parent }) : state;
    limits.set(moreOwner(node), nextLimit(limits.get(moreOwner(node))));
  } else if (node.kind === 'text') {
    const owner = lines[node.parent]?.node;
    if (!owner) return state;
    toggles.set(owner.id, false);
    cursor = node.parent;
  } else if (command === 'tree-toggle' && node.expandable) {
    toggles.set(node.id, !node.expanded);
  } else if (command === 'tree-expand') {
    if (node.expandable && !node.expanded) toggles.set(node.id, true);
    else if (node.expanded) cursor += 1;
  } else if (command === 'tree-collapse') {
    if (node.expandable && node.expanded) toggles.set(node.id, false);
    else if (node.parent >= 0) cursor = node.parent;
  }
  return withTree(state, { cursor, toggles, limits });
}

function withTree(state: NavigationState, patch: Partial<DetailState['result']>): NavigationState {
  const detail = state.detail as DetailState;
  const result = { ...detail.result, ...patch };
  const next = withDetail(state, { result });
  const count = tabLines(next, 'result').length;
  const cursor = Math.min(result.cursor, Math.max(0, count - 1));
  return withDetail(next, {
    result: { ...result, cursor, top: windowTop(result.top, cursor, detailBodyHeight(state), count) },
  });
}

function move(state: NavigationState, command: Command): NavigationState {
  const detail = state.detail as DetailState;
  const height = detailBodyHeight(state);
  const count = tabLines(state, detail.tab).length;
  switch (detail.tab) {
    case 'overview':
      return withDetail(state, { overview: moveCursor(detail.overview, command, count, height) });
    case 'result':
      return withDetail(state, { result: { ...detail.result, ...moveCursor(detail.result, command, count, height) } });
    case 'messages':
      return withDetail(state, { messages: { top: moveFollow(detail.messages.top, command, count, height) } });
    case 'steps':
      return withDetail(state, { steps: { top: moveTop(detail.steps.top, command, count, height) } });
    case 'raw':
      return withDetail(state, { raw: { top: moveTop(detail.raw.top, command, count, height) } });
  }
}

/** Applies a detail command (state.detail is set); unknown commands leave the state alone. */
export function detailCommand(state: NavigationState, command: Command, key: string, at: number): NavigationState {
  const detail = state.detail;
  if (!detail) return state;
  const tabIndex = DETAIL_TABS.indexOf(detail.tab);
  switch (command) {
    case 'back': {
      const stack = detail.stack.slice(0, -1);
      if (stack.length === 0) return { ...state, view: 'list', detail: null };
      return { ...state, detail: openDetailState(stack) };
    }
    case 'tab-next':
      return withDetail(state, { tab: DETAIL_TABS[(tabIndex + 1) % DETAIL_TABS.length] });
    case 'tab-prev':
      return withDetail(state, { tab: DETAIL_TABS[(tabIndex + DETAIL_TABS.length - 1) % DETAIL_TABS.length] });
    case 'tab-select':
      return withDetail(state, { tab: DETAIL_TABS[Math.min(DETAIL_TABS.length, Math.max(1, Number(key))) - 1] });
    case 'open-link': {
      const link = tabLines(state, 'overview')[detail.overview.cursor]?.link;
      return link ? { ...state, detail: openDetailState([...detail.stack, link]) } : state;
    }
    case 'search-open':
      return { ...state, prompt: { kind: 'search', text: '' } };
    case 'search-next':
      return stepMatch(state, 1, at);
    case 'search-prev':
      return stepMatch(state, -1, at);
    case 'tree-toggle':
    case 'tree-expand':
    case 'tree-collapse':
      return treeCommand(state, command);
    case 'tree-expand-all':
    case 'tree-collapse-all': {
      const value = treeValue(state);
      if (value === undefined) return state;
      return withTree(state, {
        toggles: foldAll(value, command === 'tree-expand-all'),
        cursor: command === 'tree-collapse-all' ? 0 : detail.result.cursor,
      });
    }
    case 'move-down':
    case 'move-up':
    case 'move-top':
    case 'move-bottom':
    case 'page-down':
    case 'page-up':
      return move(state, command);
    default:
      return state;
  }
}
