/**
 * Command mode (`:`, docs/usage.md "Commands"): parsing and running one command line, Tab
 * completion of commands, sources, fields, values and ids, and ↑/↓ recall of earlier lines.
 * Pure: the App persists the history when the reducer queues `remember-command`.
 */
import { JOB_STATES, VENDORS } from '../domain/job.js';
import { SORT_KEYS, type SortKey } from '../domain/sort.js';
import { describeQueryError, parseJobQuery, QUERY_FIELDS, resolveField } from '../domain/query-parse.js';
import { PRIORITY_RANKS } from '../domain/query-priority.js';
import { TRIAGE_FLAG_NAMES } from '../domain/triage.js';
import { parseDurationText, sortSpecFor } from '../domain/job-query.js';
import { sanitizeInline } from '../domain/sanitize.js';
import { didYouMean } from '../domain/suggest.js';
import { openDetailState, withEffect, type FlashTone, type NavigationState } from './navigation-state.js';
import { setFilter, withListChange } from './navigation-list.js';
import { COLUMN_IDS, parseColumnList } from './columns.js';
import { openSources } from './navigation-sources.js';
import { openHistory } from './navigation-history.js';

/** The commands, each with its argument hint and what it does (help, completion and docs). */
export const COMMANDS: readonly { name: string; args: string; description: string }[] = [
  { name: 'filter', args: 'QUERY', description: 'filter the list with a query (the same as /)' },
  { name: 'source', args: 'NAME|all', description: "only this source's jobs" },
  { name: 'sort', args: 'FIELD [asc|desc]', description: `sort by ${SORT_KEYS.join(', ')}` },
  { name: 'open', args: 'SOURCE/ID|ID', description: 'open a job by key or id' },
  { name: 'sources', args: '', description: 'the sources screen' },
  { name: 'history', args: '', description: 'the action history' },
  { name: 'view', args: 'NAME', description: 'apply a named query from the config (views:)' },
  { name: 'columns', args: 'COL,COL…|default', description: `choose and order the columns (${COLUMN_IDS.join(', ')})` },
  { name: 'interval', args: 'DURATION', description: 'poll every DURATION (5s, 1m)' },
  { name: 'q', args: '', description: 'quit' },
];

const HISTORY_LIMIT = 200;

function say(state: NavigationState, text: string, at: number, tone: FlashTone = 'info'): NavigationState {
  return { ...state, flash: { text, at, tone, ms: tone === 'error' ? 8000 : undefined } };
}

function applyQuery(state: NavigationState, text: string, at: number, label: string): NavigationState {
  const parsed = parseJobQuery(text);
  if (!parsed.ok) return say(state, `${label}: ${describeQueryError(parsed.error)}`, at, 'error');
  return setFilter({ ...state, view: 'list' }, { ...state.filter, text });
}

function openJob(state: NavigationState, target: string, at: number): NavigationState {
  const jobs = state.fleet.jobs;
  const byKey = jobs.find((job) => job.key === target);
  const byId = byKey ? [byKey] : jobs.filter((job) => job.id === target);
  if (byId.length === 0) return say(state, `no job ${sanitizeInline(target, 80)} in the list`, at, 'error');
  if (byId.length > 1)
    return say(
      state,
      `${byId.length} jobs have id ${sanitizeInline(target, 80)}: open SOURCE/ID (${byId.map((job) => sanitizeInline(job.source, 30)).join(', ')})`,
      at,
      'error',
    );
  return { ...state, view: 'detail', detail: openDetailState([byId[0].key]) };
}

function runSort(state: NavigationState, args: string[], at: number): NavigationState {
  const key = (args[0] ?? '').toLowerCase() as SortKey;
  if (!SORT_KEYS.includes(key)) {
    const hint = didYouMean(key, SORT_KEYS);
    const text = hint
      ? `sort: no field ${sanitizeInline(key, 40)} — ${hint}`
      : `sort: expected one of ${SORT_KEYS.join(', ')}`;
    return say(state, text, at, 'error');
  }
  const direction = (args[1] ?? '').toLowerCase();
  if (direction !== '' && direction !== 'asc' && direction !== 'desc')
    return say(state, 'sort: the direction is asc or desc', at, 'error');
  // why: asc/desc name the direction of the values; each field's own default direction differs (newest first, a–z).
  const sort = key === 'default' || direction === '' ? { key, reverse: false } : sortSpecFor(key, direction === 'desc');
  return withListChange(state, { ...state, view: 'list', sort });
}

/** Runs one command line (without the `:`); unknown commands say so. Remembers the line. */
export function runCommandLine(state: NavigationState, line: string, at: number): NavigationState {
  const text = line.trim();
  if (text === '') return state;
  const remembered = withEffect(
    {
      ...state,
      commandHistory: [...state.commandHistory.filter((entry) => entry !== text), text].slice(-HISTORY_LIMIT),
    },
    { kind: 'remember-command', text },
  );
  const [name, ...args] = text.split(/\s+/);
  const rest = text.slice(name.length).trim();
  switch (name.toLowerCase()) {
    case 'q':
    case 'quit':
      return withEffect(remembered, { kind: 'quit' });
    case 'filter':
      return applyQuery(remembered, rest, at, 'filter');
    case 'source': {
      if (rest === '' || rest === 'all')
        return setFilter({ ...remembered, view: 'list' }, { ...remembered.filter, source: null });
      const names = state.fleet.sources.map((source) => source.name);
      if (!names.includes(rest)) {
        const hint = didYouMean(rest, names);
        return say(
          remembered,
          `source: no source named ${sanitizeInline(rest, 60)} ${hint ? `— ${sanitizeInline(hint, 120)}` : `(${names.join(', ')})`}`,
          at,
          'error',
        );
      }
      return setFilter({ ...remembered, view: 'list' }, { ...remembered.filter, source: rest });
    }
    case 'sort':
      return runSort(remembered, args, at);
    case 'open':
      return rest === ''
        ? say(remembered, 'open: which job? SOURCE/ID or an id', at, 'error')
        : openJob(remembered, rest, at);
    case 'sources':
      return openSources(remembered);
    case 'history':
      return openHistory(remembered);
    case 'view': {
      const view = state.views.find((candidate) => candidate.name === rest);
      if (!view) {
        const names = state.views.map((candidate) => candidate.name);
        const hint = didYouMean(rest, names);
        return say(
          remembered,
          names.length === 0
            ? 'view: no views: in the config'
            : `view: no view named ${sanitizeInline(rest, 60)} ${hint ? `— ${sanitizeInline(hint, 120)}` : `(${names.join(', ')})`}`,
          at,
          'error',
        );
      }
      return applyQuery(remembered, view.query, at, `view ${view.name}`);
    }
    case 'columns': {
      if (rest === '' || rest === 'default') return withListChange(remembered, { ...remembered, columns: null });
      const parsed = parseColumnList(rest);
      if ('error' in parsed) return say(remembered, `columns: ${parsed.error}`, at, 'error');
      return { ...remembered, columns: parsed.columns };
    }
    case 'interval': {
      const ms = parseDurationText(rest);
      if (ms === null || ms < 500)
        return say(remembered, 'interval: expected a duration of at least 500ms (5s, 1m)', at, 'error');
      return say(withEffect(remembered, { kind: 'set-interval', ms }), `polling every ${rest}`, at);
    }
    default: {
      const names = COMMANDS.map((command) => command.name);
      const hint = didYouMean(name, [...names, 'quit'], ':');
      return say(
        remembered,
        `no command :${sanitizeInline(name, 40)} — ${hint ?? `commands: ${names.join(', ')}`}`,
        at,
        'error',
      );
    }
  }
}

function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0];
  for (const value of values)
    while (!value.toLowerCase().startsWith(prefix.toLowerCase())) prefix = prefix.slice(0, -1);
  return prefix;
}

function queryCandidates(state: NavigationState, word: string): string[] {
  const colon = word.indexOf(':');
  const negate = word.startsWith('-') ? '-' : '';
  if (colon === -1) return QUERY_FIELDS.map((field) => `${negate}${field}:`);
  const field = resolveField(word.slice(negate.length, colon));
  const head = word.slice(0, colon + 1);
  const values: Record<string, readonly string[]> = {
    state: [...JOB_STATES, 'active'],
    source: state.fleet.sources.map((source) => source.name),
    vendor: VENDORS,
    flag: TRIAGE_FLAG_NAMES,
    priority: PRIORITY_RANKS,
    type: [...new Set(state.fleet.jobs.map((job) => job.type))],
  };
  return (values[field ?? ''] ?? []).map((value) => `${head}${value}`);
}

/** The candidates for the last word of a command line. */
export function completionCandidates(state: NavigationState, line: string): string[] {
  const words = line.split(' ');
  const last = words[words.length - 1];
  if (words.length === 1)
    return COMMANDS.map((command) => command.name).filter((name) => name.startsWith(last.toLowerCase()));
  const command = words[0].toLowerCase();
  const pool: Record<string, () => string[]> = {
    source: () => ['all', ...state.fleet.sources.map((source) => source.name)],
    sort: () => (words.length === 2 ? [...SORT_KEYS] : ['asc', 'desc']),
    view: () => state.views.map((view) => view.name),
    columns: () => [
      'default',
      ...COLUMN_IDS.map((id) => `${last.includes(',') ? last.slice(0, last.lastIndexOf(',') + 1) : ''}${id}`),
    ],
    open: () => state.fleet.jobs.map((job) => job.key),
    filter: () => queryCandidates(state, last),
  };
  return (pool[command]?.() ?? []).filter((candidate) => candidate.toLowerCase().startsWith(last.toLowerCase()));
}

/** Completes the last word as far as it is unambiguous (a command name gets its space). */
export function completeCommandLine(state: NavigationState, line: string): string {
  const candidates = completionCandidates(state, line);
  if (candidates.length === 0) return line;
  const words = line.split(' ');
  const completed = candidates.length === 1 ? candidates[0] : commonPrefix(candidates);
  const last = words[words.length - 1];
  if (completed.length < last.length) return line;
  words[words.length - 1] = completed;
  const done =
    candidates.length === 1 && words.length === 1 && COMMANDS.find((command) => command.name === completed)?.args;
  return `${words.join(' ')}${done ? ' ' : ''}`;
}

/** ↑ (-1) and ↓ (+1) through earlier command lines; past the newest comes an empty line. */
export function recallCommand(state: NavigationState, direction: -1 | 1): NavigationState {
  const prompt = state.prompt;
  const history = state.commandHistory;
  if (!prompt || history.length === 0) return state;
  const current = prompt.recall ?? history.length;
  const next = Math.min(history.length, Math.max(0, current + direction));
  return {
    ...state,
    prompt: {
      ...prompt,
      recall: next === history.length ? null : next,
      text: next === history.length ? '' : history[next],
      error: null,
    },
  };
}
