/**
 * THE navigation reducer: one pure function from (state, action) to state. Keys are resolved
 * here against the keymap with the scopes of the *current* state, so fast key presses never
 * act on stale state (a handler reading state from a closure drops fast key presses). Side effects (quit, refresh, pause, interval, copy)
 * are queued in `effects` for the App to perform.
 */
import { parseJobKey } from '../domain/job.js';
import { sanitizeInline } from '../domain/sanitize.js';
import type { DetailSnapshot, FleetSnapshot } from '../store/types.js';
import { resolveKey, type Binding } from './keymap.js';
import { isPrintableKey, keyLabel, keyText, type KeyName } from './keys.js';
import { describeQueryError, parseJobQuery } from '../domain/query-parse.js';
import { recordFinishedDurations } from '../domain/duration-samples.js';
import { recordActivity } from '../domain/activity.js';
import { sourcesCommand } from './navigation-sources.js';
import { completeCommandLine, recallCommand, runCommandLine } from './navigation-commands.js';
import { clampTop, helpBodyHeight, type Viewport } from './layout.js';
import {
  initialNavigationState,
  withEffect,
  type InitialOptions,
  type NavigationAction,
  type NavigationState,
} from './navigation-state.js';
import { detailCommand, setSearch } from './navigation-detail.js';
import { listCommand, setFilter, withListChange } from './navigation-list.js';
import { activeScopes, detailJob, detailKey, selectedJob } from './select.js';
import {
  actionOf,
  applyRecheck,
  STICKY_FLASH_MS,
  clearMarks,
  dialogCommand,
  dialogType,
  followSubmissions,
  openActionDialog,
  outcomeCommand,
  toggleMark,
} from './navigation-actions.js';
import { helpLines } from './content/help-lines.js';
import { closeHistory, historyMove, historyRead, openHistory } from './navigation-history.js';

/** Re-exported: queues a side effect for the App (defined beside the state it changes). */
export { withEffect };

function flash(state: NavigationState, text: string, at: number): NavigationState {
  return { ...state, flash: { text, at } };
}

function copyId(state: NavigationState, at: number): NavigationState {
  const job = state.view === 'detail' ? detailJob(state) : selectedJob(state);
  const id = job?.id ?? (state.view === 'detail' ? parseJobKey(detailKey(state) ?? '')?.id : undefined);
  if (!id) return flash(state, 'nothing to copy', at);
  return flash(withEffect(state, { kind: 'copy', text: id }), `copied ${sanitizeInline(id, 80)}`, at);
}

function typeText(state: NavigationState, text: string): NavigationState {
  const prompt = state.prompt;
  if (!prompt) return state;
  return setPromptText(state, prompt.text + text);
}

function setPromptText(state: NavigationState, text: string): NavigationState {
  const prompt = state.prompt;
  if (!prompt) return state;
  if (prompt.kind === 'command') return { ...state, prompt: { ...prompt, text, error: null } };
  if (prompt.kind === 'search') return setSearch({ ...state, prompt: { ...prompt, text } }, text);
  // why: a query being typed is often incomplete (`state:`); the last good filter stays applied and the prompt says why.
  const parsed = parseJobQuery(text);
  if (!parsed.ok) return { ...state, prompt: { ...prompt, text, error: describeQueryError(parsed.error) } };
  return setFilter({ ...state, prompt: { ...prompt, text, error: null } }, { ...state.filter, text });
}

function closePrompt(state: NavigationState, clear: boolean, at: number): NavigationState {
  const prompt = state.prompt;
  const closed = { ...state, prompt: null };
  if (!prompt) return closed;
  if (!clear && prompt.kind === 'command') return runCommandLine(closed, prompt.text, at);
  if (!clear && prompt.error)
    return {
      ...closed,
      flash: {
        text: `query not applied: ${prompt.error} (${state.filter.text.trim() === '' ? 'no query applied' : `kept /${state.filter.text.trim()}`})`,
        at,
        tone: 'error',
        ms: 8000,
      },
    };
  if (!clear) return closed;
  if (prompt.kind === 'command') return closed;
  return prompt.kind === 'filter' ? setFilter(closed, { ...state.filter, text: '' }) : setSearch(closed, '');
}

function helpMove(state: NavigationState, binding: Binding): NavigationState {
  const count = helpLines(activeScopes(state, true), state.keymap, state.viewport.columns).length;
  const height = helpBodyHeight(state.viewport);
  const top = state.help?.top ?? 0;
  const target = { 'move-down': top + 1, 'move-up': top - 1, 'move-top': 0, 'move-bottom': count } as Record<
    string,
    number
  >;
  return { ...state, help: { top: clampTop(target[binding.command] ?? top, height, count) } };
}

/** Applies one key-table binding. */
export function applyBinding(state: NavigationState, binding: Binding, key: KeyName, at: number): NavigationState {
  if (state.dialog && binding.scope !== 'global') return dialogCommand(state, binding.command, at);
  const command = binding.command;
  switch (command) {
    case 'action-cancel':
    case 'action-delete':
    case 'action-retry': {
      const action = actionOf(command);
      return action ? openActionDialog(state, action, at) : state;
    }
    case 'quit':
      return withEffect(state, { kind: 'quit' });
    case 'help-open':
      return { ...state, help: { top: 0 } };
    case 'help-close':
      return { ...state, help: null };
    case 'refresh':
      return flash(withEffect(state, { kind: 'refresh' }), 'refreshing…', at);
    case 'pause-toggle':
      return withEffect(state, { kind: 'toggle-pause' });
    case 'interval-faster':
      return withEffect(state, { kind: 'interval', direction: 'faster' });
    case 'interval-slower':
      return withEffect(state, { kind: 'interval', direction: 'slower' });
    case 'copy-id':
      return copyId(state, at);
    case 'mark-toggle':
      return toggleMark(state, at);
    case 'marks-clear':
      return clearMarks(state, at);
    case 'outcome-close':
      return outcomeCommand(state, command);
    case 'history-open':
      return openHistory(state);
    case 'history-close':
      return closeHistory(state);
    case 'input-commit':
      return closePrompt(state, false, at);
    case 'input-cancel':
      return closePrompt(state, true, at);
    case 'input-complete':
      return state.prompt?.kind === 'command'
        ? { ...state, prompt: { ...state.prompt, text: completeCommandLine(state, state.prompt.text) } }
        : state;
    case 'input-older':
    case 'input-newer':
      return state.prompt?.kind === 'command'
        ? recallCommand(state, binding.command === 'input-older' ? -1 : 1)
        : state;
    case 'command-open':
      return { ...state, prompt: { kind: 'command', text: '', error: null, recall: null } };
    case 'input-backspace':
      return setPromptText(state, [...(state.prompt?.text ?? '')].slice(0, -1).join(''));
    case 'input-clear':
      return setPromptText(state, '');
    // What the open overlay or the current view does with the key.
    case 'move-down':
    case 'move-up':
    case 'move-top':
    case 'move-bottom':
    case 'page-down':
    case 'page-up':
    case 'open-detail':
    case 'filter-open':
    case 'filter-clear':
    case 'sort-next':
    case 'sort-reverse':
    case 'toggle-active':
    case 'toggle-failed':
    case 'source-next':
    case 'toggle-source-counts':
    case 'back':
    case 'tab-next':
    case 'tab-prev':
    case 'tab-select':
    case 'open-link':
    case 'search-open':
    case 'search-next':
    case 'search-prev':
    case 'tree-toggle':
    case 'tree-expand':
    case 'tree-collapse':
    case 'confirm-yes':
    case 'confirm-no':
    case 'confirm-answer':
    case 'confirm-switch':
    case 'toggle-attention':
    case 'sources-open':
    case 'sources-filter':
    case 'view-select':
    case 'tree-expand-all':
    case 'tree-collapse-all':
      if (state.help) return helpMove(state, binding);
      if (state.history) return historyMove(state, command);
      if (state.outcome) return outcomeCommand(state, command);
      if (state.view === 'sources') return sourcesCommand(state, command);
      return state.view === 'detail' ? detailCommand(state, command, key, at) : listCommand(state, command, key, at);
    default: {
      // why: a command added to the key table must be given a place here; this fails to compile until it is.
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** Resolves a key in the scopes of `state` and applies it; a prompt takes printable keys as text. */
export function applyKey(previous: NavigationState, key: KeyName, at: number): NavigationState {
  // why: an action's outcome stays in the footer until the operator presses a key.
  const unflashed =
    previous.flash?.ms === STICKY_FLASH_MS && !previous.dialog ? { ...previous, flash: null } : previous;
  const state = unflashed.now === at ? unflashed : { ...unflashed, now: at };
  if (state.swallow && !state.dialog && at <= state.swallow.until && state.swallow.keys.includes(key)) return state;
  const scopes = activeScopes(state);
  const binding =
    resolveKey(scopes, key, state.keymap) ??
    ((state.prompt || state.dialog) && key.startsWith('ctrl-') ? resolveKey(['global'], key, state.keymap) : undefined);
  if (binding) return applyBinding(state, binding, key, at);
  if (state.dialog) return dialogType(state, key);
  if (state.prompt && isPrintableKey(key)) return typeText(state, keyText(key));
  if (!state.prompt && !state.help) return flash(state, `${keyLabel(key)} is not a key here — ? for help`, at);
  return state;
}

function applyFleet(state: NavigationState, fleet: FleetSnapshot, at: number): NavigationState {
  const durations = recordFinishedDurations(state.durations, fleet.jobs);
  const activity = recordActivity(state.activity, fleet.jobs, at);
  return followSubmissions(
    withListChange(state, { ...state, fleet, durations, activity, now: Math.max(state.now, at) }),
    at,
  );
}

function applyResize(state: NavigationState, viewport: Viewport): NavigationState {
  if (viewport.columns === state.viewport.columns && viewport.rows === state.viewport.rows) return state;
  return withListChange(state, { ...state, viewport });
}

function applyDetail(state: NavigationState, snapshot: DetailSnapshot): NavigationState {
  if (!state.detail || detailKey(state) !== snapshot.key || state.detail.snapshot === snapshot) return state;
  return { ...state, detail: { ...state.detail, snapshot } };
}

/** A fresh state with the first row selected. */
export function createNavigationState(
  fleet: FleetSnapshot,
  viewport: Viewport,
  options: InitialOptions = {},
): NavigationState {
  const state = initialNavigationState(fleet, viewport, options);
  return withListChange(state, state);
}

/** The navigation reducer. */
export function navigationReducer(state: NavigationState, action: NavigationAction): NavigationState {
  switch (action.type) {
    case 'key':
      return applyKey(state, action.key, action.at);
    case 'fleet':
      return state.fleet === action.fleet && state.selectedKey !== null
        ? state
        : applyFleet(state, action.fleet, action.at ?? state.flash?.at ?? 0);
    case 'resize':
      return applyResize(state, action.viewport);
    case 'detail':
      return applyDetail(state, action.snapshot);
    case 'recheck':
      return applyRecheck(state, action.check, action.result, action.at);
    case 'history-read':
      return historyRead(state, action.earlier);
  }
}
