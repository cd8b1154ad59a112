/**
 * THE key table. It alone drives input resolution (navigation reducer), the footer hints,
 * the `?` help overlay and the README key table; a test checks they agree and that no key
 * is bound twice in one scope. Adding an action = one row here + one case in the reducer.
 */
import { keyLabel, type KeyName } from './keys.js';

/** Where a binding applies. Resolution tries the most specific active scope first. */
export type Scope =
  | 'global'
  | 'list'
  | 'sources'
  | 'detail'
  | 'overview'
  | 'pager'
  | 'logs'
  | 'result'
  | 'help'
  | 'input'
  | 'confirm'
  | 'typed'
  | 'outcome'
  | 'history';

/** Every scope with a title for help and the README, most specific last-resort order not implied. */
export const SCOPES: Record<Scope, string> = {
  global: 'Everywhere',
  list: 'Job list',
  sources: 'Sources screen',
  detail: 'Job detail',
  overview: 'Detail: Overview tab',
  pager: 'Detail: Steps and Raw tabs',
  logs: 'Detail: Messages tab',
  result: 'Detail: Result tab',
  help: 'Help overlay',
  input: 'Filter, search and command prompt',
  confirm: 'Confirmation dialog',
  typed: 'Confirmation dialog of a delete (type to confirm)',
  outcome: 'Action outcomes overlay',
  history: 'Action history view',
};

/** What a key does; the navigation reducer implements each one. */
export type Command =
  | 'quit'
  | 'help-open'
  | 'help-close'
  | 'refresh'
  | 'pause-toggle'
  | 'interval-faster'
  | 'interval-slower'
  | 'copy-id'
  | 'move-down'
  | 'move-up'
  | 'move-top'
  | 'move-bottom'
  | 'page-down'
  | 'page-up'
  | 'open-detail'
  | 'filter-open'
  | 'filter-clear'
  | 'sort-next'
  | 'sort-reverse'
  | 'toggle-active'
  | 'toggle-failed'
  | 'source-next'
  | 'toggle-source-counts'
  | 'toggle-attention'
  | 'command-open'
  | 'sources-open'
  | 'sources-filter'
  | 'view-select'
  | 'input-complete'
  | 'input-older'
  | 'input-newer'
  | 'back'
  | 'tab-next'
  | 'tab-prev'
  | 'tab-select'
  | 'open-link'
  | 'search-open'
  | 'search-next'
  | 'search-prev'
  | 'tree-toggle'
  | 'tree-expand'
  | 'tree-collapse'
  | 'tree-expand-all'
  | 'tree-collapse-all'
  | 'input-commit'
  | 'input-cancel'
  | 'input-backspace'
  | 'input-clear'
  | 'action-cancel'
  | 'action-delete'
  | 'action-retry'
  | 'mark-toggle'
  | 'marks-clear'
  | 'confirm-yes'
  | 'confirm-no'
  | 'confirm-answer'
  | 'confirm-switch'
  | 'outcome-close'
  | 'history-open'
  | 'history-close';

/** One row of the key table. */
export interface Binding {
  scope: Scope;
  keys: readonly KeyName[];
  command: Command;
  /** What the key does, for help and the README. */
  description: string;
  /** A word or two for the footer; bindings without one are only in help. */
  hint?: string;
  /** Keys as the footer prints them when not simply the first key ("j/k", "1-5"). */
  hintKeys?: string;
}

const MOVES = (scope: Scope, what: string): Binding[] => [
  { scope, keys: ['j', 'down'], command: 'move-down', description: `${what} down`, hint: 'move', hintKeys: 'j/k' },
  { scope, keys: ['k', 'up'], command: 'move-up', description: `${what} up` },
  { scope, keys: ['g', 'home'], command: 'move-top', description: 'go to the top' },
  { scope, keys: ['G', 'end'], command: 'move-bottom', description: 'go to the bottom' },
  { scope, keys: ['f', 'pagedown'], command: 'page-down', description: 'page down' },
  { scope, keys: ['b', 'pageup'], command: 'page-up', description: 'page up' },
];

/** The action keys, the same in the list and the detail view; the footer shows only those the job's source has. */
const ACTIONS = (scope: Scope, target: string): Binding[] => [
  {
    scope,
    keys: ['c'],
    command: 'action-cancel',
    description: `cancel ${target} (where the source's API can)`,
    hint: 'cancel',
  },
  {
    scope,
    keys: ['D'],
    command: 'action-delete',
    description: `delete ${target} (where the source's API can)`,
    hint: 'delete',
  },
  {
    scope,
    keys: ['R'],
    command: 'action-retry',
    description: `retry ${target} (where the source's API can)`,
    hint: 'retry',
  },
];

/** The key table. Never bind ctrl-d (EOF) or ctrl-k (tmux); every function key has a letter alias. */
export const KEYMAP: readonly Binding[] = [
  { scope: 'global', keys: ['q', 'ctrl-c'], command: 'quit', description: 'quit', hint: 'quit' },
  { scope: 'global', keys: ['?'], command: 'help-open', description: 'show all keys', hint: 'help' },
  { scope: 'global', keys: ['r'], command: 'refresh', description: 'refresh every source now', hint: 'refresh' },
  { scope: 'global', keys: ['p'], command: 'pause-toggle', description: 'pause or resume polling', hint: 'pause' },
  {
    scope: 'global',
    keys: ['+', '='],
    command: 'interval-faster',
    description: 'poll more often',
    hint: 'faster',
    hintKeys: '+/-',
  },
  { scope: 'global', keys: ['-'], command: 'interval-slower', description: 'poll less often' },
  {
    scope: 'global',
    keys: ['y'],
    command: 'copy-id',
    description: "copy the job's id to the clipboard (OSC 52)",
    hint: 'copy id',
  },
  {
    scope: 'global',
    keys: ['H'],
    command: 'history-open',
    description:
      "the action history: this session's actions and their confirmed outcomes, then earlier sessions' from the history file, newest first",
  },
  {
    scope: 'global',
    keys: [':'],
    command: 'command-open',
    description: 'a command: filter, source, sort, open, sources, history, view, columns, interval, q',
    hint: 'command',
  },

  ...MOVES('list', 'select the job'),
  { scope: 'list', keys: ['enter'], command: 'open-detail', description: 'open the selected job', hint: 'open' },
  {
    scope: 'list',
    keys: ['/'],
    command: 'filter-open',
    description:
      'filter with a query: words, field:value (state:failed,partial type:ETL* -source:x age:<1h pri:>=high)',
    hint: 'filter',
  },
  {
    scope: 'list',
    keys: ['!'],
    command: 'toggle-attention',
    description: 'only jobs that need attention (slow, starved, failed in the last hour, unknown outcome)',
    hint: 'attention',
  },
  {
    scope: 'list',
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    command: 'view-select',
    description: 'apply the named query 1–9 from the config (views:)',
  },
  { scope: 'list', keys: ['escape'], command: 'filter-clear', description: 'clear the filter and quick toggles' },
  ...ACTIONS('list', 'the selected job, or the marked jobs'),
  {
    scope: 'list',
    keys: ['space'],
    command: 'mark-toggle',
    description: 'mark or unmark the selected job for a bulk action',
    hint: 'mark',
  },
  { scope: 'list', keys: ['u'], command: 'marks-clear', description: 'unmark every job', hint: 'unmark all' },
  { scope: 'list', keys: ['s'], command: 'sort-next', description: 'next sort column', hint: 'sort', hintKeys: 's/I' },
  { scope: 'list', keys: ['I'], command: 'sort-reverse', description: 'invert the sort (like htop)' },
  {
    scope: 'list',
    keys: ['S'],
    command: 'sources-open',
    description: 'the sources screen: errors, retries, latency, rates',
    hint: 'sources',
  },
  {
    scope: 'list',
    keys: ['a'],
    command: 'toggle-active',
    description: 'only active jobs (queued, running)',
    hint: 'active',
  },
  {
    scope: 'list',
    keys: ['F'],
    command: 'toggle-failed',
    description: 'only failed jobs (failed, partial)',
    hint: 'failed',
  },
  {
    scope: 'list',
    keys: ['o'],
    command: 'source-next',
    description: 'one source at a time (cycle, then all)',
    hint: 'source',
  },
  { scope: 'list', keys: ['t'], command: 'toggle-source-counts', description: 'per-source counts', hint: 'counts' },

  ...MOVES('sources', 'select the source'),
  {
    scope: 'sources',
    keys: ['enter'],
    command: 'sources-filter',
    description: "show the list with this source's jobs only",
    hint: 'filter list',
  },
  {
    scope: 'sources',
    keys: ['escape', 'backspace', 'S'],
    command: 'back',
    description: 'back to the list',
    hint: 'back',
  },

  {
    scope: 'detail',
    keys: ['escape', 'backspace'],
    command: 'back',
    description: 'back to the list (or the parent job)',
    hint: 'back',
  },
  {
    scope: 'detail',
    keys: ['tab', 'l', 'right'],
    command: 'tab-next',
    description: 'next tab',
    hint: 'tabs',
    hintKeys: 'Tab/1-5',
  },
  { scope: 'detail', keys: ['shift-tab', 'h', 'left'], command: 'tab-prev', description: 'previous tab' },
  {
    scope: 'detail',
    keys: ['1', '2', '3', '4', '5'],
    command: 'tab-select',
    description: 'Overview, Steps, Messages, Result, Raw',
  },
  ...ACTIONS('detail', 'this job'),

  ...MOVES('overview', 'move the cursor'),
  {
    scope: 'overview',
    keys: ['enter'],
    command: 'open-link',
    description: 'open the parent or child job under the cursor',
    hint: 'open job',
  },

  ...MOVES('pager', 'scroll'),

  ...MOVES('logs', 'scroll'),
  { scope: 'logs', keys: ['/'], command: 'search-open', description: 'search the messages', hint: 'search' },
  { scope: 'logs', keys: ['n'], command: 'search-next', description: 'next match', hint: 'next', hintKeys: 'n/N' },
  { scope: 'logs', keys: ['N'], command: 'search-prev', description: 'previous match' },

  ...MOVES('result', 'move the cursor'),
  {
    scope: 'result',
    keys: ['enter', 'space'],
    command: 'tree-toggle',
    description: 'fold or unfold; show more items or the whole string',
    hint: 'fold',
  },
  { scope: 'result', keys: ['right', 'l'], command: 'tree-expand', description: 'unfold' },
  { scope: 'result', keys: ['left', 'h'], command: 'tree-collapse', description: 'fold, or go to the parent' },
  {
    scope: 'result',
    keys: ['E'],
    command: 'tree-expand-all',
    description: 'unfold everything (the first 2,000 objects and arrays)',
    hint: 'expand all',
    hintKeys: 'E/C',
  },
  { scope: 'result', keys: ['C'], command: 'tree-collapse-all', description: 'fold everything but the top level' },
  {
    scope: 'result',
    keys: ['/'],
    command: 'search-open',
    description: 'search keys and values in the tree',
    hint: 'search',
  },
  { scope: 'result', keys: ['n'], command: 'search-next', description: 'next match', hint: 'next', hintKeys: 'n/N' },
  { scope: 'result', keys: ['N'], command: 'search-prev', description: 'previous match' },

  { scope: 'help', keys: ['escape', '?', 'q'], command: 'help-close', description: 'close help', hint: 'close' },
  {
    scope: 'help',
    keys: ['j', 'down'],
    command: 'move-down',
    description: 'scroll down',
    hint: 'scroll',
    hintKeys: 'j/k',
  },
  { scope: 'help', keys: ['k', 'up'], command: 'move-up', description: 'scroll up' },
  { scope: 'help', keys: ['g', 'home'], command: 'move-top', description: 'go to the top' },
  { scope: 'help', keys: ['G', 'end'], command: 'move-bottom', description: 'go to the bottom' },

  {
    scope: 'input',
    keys: ['enter'],
    command: 'input-commit',
    description: 'keep the text and close the prompt',
    hint: 'keep',
  },
  {
    scope: 'input',
    keys: ['escape'],
    command: 'input-cancel',
    description: 'clear the text and close the prompt',
    hint: 'clear',
  },
  { scope: 'input', keys: ['backspace'], command: 'input-backspace', description: 'delete the last character' },
  { scope: 'input', keys: ['ctrl-u'], command: 'input-clear', description: 'delete the whole text' },
  {
    scope: 'input',
    keys: ['tab'],
    command: 'input-complete',
    description: 'complete a command, source, field, value or id (command prompt)',
    hint: 'complete',
  },
  {
    scope: 'input',
    keys: ['up', 'ctrl-p'],
    command: 'input-older',
    description: 'an earlier command (kept across runs)',
  },
  { scope: 'input', keys: ['down', 'ctrl-n'], command: 'input-newer', description: 'a later command' },

  { scope: 'confirm', keys: ['y'], command: 'confirm-yes', description: 'yes: send the request (once)', hint: 'yes' },
  {
    scope: 'confirm',
    keys: ['n', 'escape'],
    command: 'confirm-no',
    description: 'no: close the dialog, nothing is sent',
    hint: 'no',
    hintKeys: 'n/Esc',
  },
  {
    scope: 'confirm',
    keys: ['enter'],
    command: 'confirm-answer',
    description: 'answer the highlighted choice (No unless moved)',
    hint: 'answer',
  },
  {
    scope: 'confirm',
    keys: ['tab', 'left', 'right', 'h', 'l'],
    command: 'confirm-switch',
    description: 'highlight the other choice',
    hint: 'choose',
    hintKeys: '←/→',
  },
  { scope: 'confirm', keys: ['down', 'j'], command: 'move-down', description: "scroll the dialog's list of jobs down" },
  { scope: 'confirm', keys: ['up', 'k'], command: 'move-up', description: "scroll the dialog's list of jobs up" },

  {
    scope: 'typed',
    keys: ['enter'],
    command: 'confirm-answer',
    description: 'confirm when the typed text matches (empty answers No)',
    hint: 'confirm',
  },
  {
    scope: 'typed',
    keys: ['escape'],
    command: 'confirm-no',
    description: 'close the dialog, nothing is sent',
    hint: 'no',
  },
  { scope: 'typed', keys: ['backspace'], command: 'input-backspace', description: 'delete the last character' },
  { scope: 'typed', keys: ['ctrl-u'], command: 'input-clear', description: 'delete the whole text' },
  { scope: 'typed', keys: ['down'], command: 'move-down', description: "scroll the dialog's list of jobs down" },
  { scope: 'typed', keys: ['up'], command: 'move-up', description: "scroll the dialog's list of jobs up" },

  {
    scope: 'outcome',
    keys: ['escape', 'enter', 'q'],
    command: 'outcome-close',
    description: 'close the outcomes',
    hint: 'close',
  },
  {
    scope: 'outcome',
    keys: ['j', 'down'],
    command: 'move-down',
    description: 'scroll down',
    hint: 'scroll',
    hintKeys: 'j/k',
  },
  { scope: 'outcome', keys: ['k', 'up'], command: 'move-up', description: 'scroll up' },
  { scope: 'outcome', keys: ['g', 'home'], command: 'move-top', description: 'go to the top' },
  { scope: 'outcome', keys: ['G', 'end'], command: 'move-bottom', description: 'go to the bottom' },

  {
    scope: 'history',
    keys: ['escape', 'H', 'q'],
    command: 'history-close',
    description: 'close the history',
    hint: 'close',
  },
  {
    scope: 'history',
    keys: ['j', 'down'],
    command: 'move-down',
    description: 'scroll down',
    hint: 'scroll',
    hintKeys: 'j/k',
  },
  { scope: 'history', keys: ['k', 'up'], command: 'move-up', description: 'scroll up' },
  { scope: 'history', keys: ['g', 'home'], command: 'move-top', description: 'go to the top' },
  { scope: 'history', keys: ['G', 'end'], command: 'move-bottom', description: 'go to the bottom' },
  { scope: 'history', keys: ['f', 'pagedown'], command: 'page-down', description: 'page down' },
  { scope: 'history', keys: ['b', 'pageup'], command: 'page-up', description: 'page up' },
];

/** The binding for `key` in the first of `scopes` that binds it, or undefined. */
export function resolveKey(
  scopes: readonly Scope[],
  key: KeyName,
  keymap: readonly Binding[] = KEYMAP,
): Binding | undefined {
  for (const scope of scopes) {
    const binding = keymap.find((row) => row.scope === scope && row.keys.includes(key));
    if (binding) return binding;
  }
  return undefined;
}

/** Bindings of `scopes`, most specific scope first, without keys shadowed by a more specific scope. */
export function activeBindings(scopes: readonly Scope[], keymap: readonly Binding[] = KEYMAP): readonly Binding[] {
  // why cached: the footer asks on every render, and the answer depends only on the scopes.
  const cacheKey = keymap === KEYMAP ? scopes.join(' ') : undefined;
  const cached = cacheKey === undefined ? undefined : ACTIVE_BINDINGS.get(cacheKey);
  if (cached) return cached;
  const taken = new Set<KeyName>();
  const out: Binding[] = [];
  for (const scope of scopes) {
    for (const binding of keymap) {
      if (binding.scope !== scope) continue;
      const keys: KeyName[] = [];
      for (const key of binding.keys) if (!taken.has(key)) keys.push(key);
      if (keys.length > 0) out.push(keys.length === binding.keys.length ? binding : { ...binding, keys });
    }
    for (const binding of keymap) if (binding.scope === scope) for (const key of binding.keys) taken.add(key);
  }
  if (cacheKey !== undefined) ACTIVE_BINDINGS.set(cacheKey, out);
  return out;
}

/** activeBindings of the default key table by scopes (a handful of scope lists exist). */
const ACTIVE_BINDINGS = new Map<string, readonly Binding[]>();

/** A binding's keys as printed in help and the README: "j ↓". */
export function bindingKeysLabel(binding: Binding): string {
  return binding.keys.map(keyLabel).join(' ');
}

/** Footer hints for `scopes` ("j/k move", "/ filter"), generated from the table. */
export function footerHints(
  scopes: readonly Scope[],
  keymap: readonly Binding[] = KEYMAP,
  shown: (binding: Binding) => boolean = () => true,
): { keys: string; label: string }[] {
  const hints: { keys: string; label: string }[] = [];
  for (const binding of activeBindings(scopes, keymap))
    if (binding.hint !== undefined && shown(binding))
      hints.push({ keys: binding.hintKeys ?? keyLabel(binding.keys[0]), label: binding.hint });
  return hints;
}

/** The README key table (markdown), one row per binding, grouped by scope. */
export function renderKeyTableMarkdown(keymap: readonly Binding[] = KEYMAP): string {
  const rows = ['| Keys | Action | Name (for `keys:`) | Where |', '| --- | --- | --- | --- |'];
  for (const scope of Object.keys(SCOPES) as Scope[]) {
    for (const binding of keymap.filter((row) => row.scope === scope)) {
      const keys = binding.keys.map((key) => `\`${keyLabel(key)}\``).join(' ');
      rows.push(`| ${keys} | ${binding.description} | \`${binding.command}\` | ${SCOPES[scope]} |`);
    }
  }
  return `${rows.join('\n')}\n`;
}
