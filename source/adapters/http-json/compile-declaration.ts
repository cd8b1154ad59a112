/**
 * Validates a `type: http-json` declaration (plain values as read from YAML) and compiles it:
 * every JMESPath expression once, the state words into one table. Problems name the key path
 * (`list.paging.kind`, `states.running[1]`) so the config loader can add file and line.
 */
import { JOB_STATES, type JobState } from '../../domain/job.js';
import type { ActionKind } from '../contract.js';
import type { Expression } from './expression.js';
import { createReader, type DeclarationProblem, type Reader } from './declaration-reader.js';

export type { DeclarationProblem } from './declaration-reader.js';
import {
  DECLARED_FIELDS,
  PAGING_KINDS,
  QUERY_PLACEHOLDERS,
  REQUIRED_FIELDS,
  TIME_FIELDS,
  TIME_FORMATS,
  type DeclaredAction,
  type DeclaredField,
  type HttpJsonDeclaration,
  type Paging,
  type TimeField,
  type TimeFormat,
} from './declaration.js';

/** The keys of a source entry that make up its declaration (besides name, type, url and headers). */
export const DECLARATION_KEYS = ['list', 'fields', 'states', 'detail', 'messages', 'actions'] as const;

/** Default most items per request when paging.pageSize is not set. */
export const DEFAULT_PAGE_SIZE = 100;

const ACTION_KINDS: readonly ActionKind[] = ['cancel', 'delete', 'retry'];
const ACTION_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Compiles a declaration, or lists every problem found in it. */
export function compileDeclaration(
  raw: Record<string, unknown>,
): { ok: true; declaration: HttpJsonDeclaration } | { ok: false; problems: DeclarationProblem[] } {
  const problems: DeclarationProblem[] = [];
  const reader = createReader(problems);
  const list = reader.map(raw.list, 'list', true, ['path', 'query', 'items', 'paging', 'total']);
  const paging = readPaging(reader, list?.paging);
  const query = readQuery(reader, list?.query, paging);
  const fieldsMap = reader.map(raw.fields, 'fields', true, [
    ...DECLARED_FIELDS,
    ...TIME_FIELDS.map((field) => `${field}Format`),
  ]);
  const fields: Partial<Record<DeclaredField, Expression>> = {};
  const timeFormats = Object.fromEntries(TIME_FIELDS.map((field) => [field, 'auto'])) as Record<TimeField, TimeFormat>;
  if (fieldsMap) {
    for (const field of DECLARED_FIELDS) {
      const expression = reader.expression(fieldsMap[field], `fields.${field}`, REQUIRED_FIELDS.includes(field));
      if (expression) fields[field] = expression;
    }
    for (const field of TIME_FIELDS) {
      const format = reader.oneOf(fieldsMap[`${field}Format`], `fields.${field}Format`, TIME_FORMATS);
      if (format) timeFormats[field] = format;
    }
  }
  const declaration: HttpJsonDeclaration = {
    list: {
      path: reader.path(list?.path, 'list.path', list !== null, false) ?? '/',
      query,
      items: reader.expression(list?.items, 'list.items', false),
      paging,
      total: reader.expression(list?.total, 'list.total', false),
    },
    fields,
    timeFormats,
    states: readStates(reader, raw.states),
    detail: readDetail(reader, raw.detail),
    messages: readMessages(reader, raw.messages),
    actions: readActions(reader, raw.actions),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, declaration };
}

function readPaging(reader: Reader, value: unknown): Paging {
  const map = reader.map(value, 'list.paging', false, ['kind', 'start', 'pageSize', 'next']);
  if (!map) return { kind: 'none' };
  const kind = reader.oneOf(map.kind, 'list.paging.kind', PAGING_KINDS);
  if (map.kind === undefined) reader.problem('list.paging.kind', `required (one of ${PAGING_KINDS.join(', ')})`);
  if (kind === null) return { kind: 'none' };
  const pageSize = reader.positive(map.pageSize, 'list.paging.pageSize', DEFAULT_PAGE_SIZE);
  if (map.start !== undefined && kind !== 'page')
    reader.problem('list.paging.start', 'only paging kind page has a start');
  if (map.next !== undefined && kind !== 'cursor')
    reader.problem('list.paging.next', 'only paging kind cursor has a next expression');
  switch (kind) {
    case 'none':
      return { kind };
    case 'offset':
    case 'link':
      return { kind, pageSize };
    case 'page':
      return { kind, pageSize, start: reader.positive(map.start, 'list.paging.start', 1, 0) };
    case 'cursor': {
      const next = reader.expression(map.next, 'list.paging.next', true);
      return next ? { kind, pageSize, next } : { kind: 'none' };
    }
  }
}

/** Which placeholder a paging kind needs somewhere in list.query. */
const NEEDED_PLACEHOLDER: Partial<Record<Paging['kind'], string>> = {
  offset: 'offset',
  page: 'page',
  cursor: 'cursor',
};

function readQuery(reader: Reader, value: unknown, paging: Paging): Record<string, string> {
  const map = reader.map(value, 'list.query', false, []);
  const query: Record<string, string> = {};
  for (const [key, raw] of Object.entries(map ?? {})) {
    const text = reader.string(raw, `list.query.${key}`, true);
    if (text === null) continue;
    for (const match of text.matchAll(/\{([^}]*)\}/g)) {
      if (!(QUERY_PLACEHOLDERS as readonly (string | undefined)[]).includes(match[1]))
        reader.problem(
          `list.query.${key}`,
          `unknown placeholder {${match[1]}} (expected ${QUERY_PLACEHOLDERS.map((name) => `{${name}}`).join(' ')})`,
        );
    }
    query[key] = text;
  }
  const needed = NEEDED_PLACEHOLDER[paging.kind];
  if (needed && !Object.values(query).some((text) => text.includes(`{${needed}}`))) {
    reader.problem('list.query', `paging kind ${paging.kind} needs {${needed}} in one of the query values`);
  }
  return query;
}

function readStates(reader: Reader, value: unknown): Map<string, JobState> {
  const table = new Map<string, JobState>();
  const map = reader.map(value, 'states', true, []);
  for (const [state, words] of Object.entries(map ?? {})) {
    if (!(JOB_STATES as readonly string[]).includes(state)) {
      reader.problem(`states.${state}`, `unknown state (expected one of ${JOB_STATES.join(', ')})`);
      continue;
    }
    const list = Array.isArray(words) ? words : [words];
    list.forEach((word, index) => {
      const at = Array.isArray(words) ? `states.${state}[${index}]` : `states.${state}`;
      if (typeof word !== 'string' && typeof word !== 'number' && typeof word !== 'boolean')
        return reader.problem(at, 'expected a word or a list of words');
      const text = String(word);
      const taken = table.get(text);
      if (taken !== undefined && taken !== state) reader.problem(at, `"${text}" is already mapped to ${taken}`);
      else table.set(text, state as JobState);
    });
  }
  return table;
}

function readDetail(reader: Reader, value: unknown): HttpJsonDeclaration['detail'] {
  const map = reader.map(value, 'detail', false, ['path', 'item', 'result']);
  if (!map) return null;
  const path = reader.path(map.path, 'detail.path', true, true);
  const item = reader.expression(map.item, 'detail.item', false);
  const result = reader.expression(map.result, 'detail.result', false);
  return path ? { path, item, result } : null;
}

function readMessages(reader: Reader, value: unknown): HttpJsonDeclaration['messages'] {
  const map = reader.map(value, 'messages', false, ['path', 'items', 'fields']);
  if (!map) return null;
  const path = reader.path(map.path, 'messages.path', true, true);
  const items = reader.expression(map.items, 'messages.items', false);
  const fields = reader.map(map.fields, 'messages.fields', true, ['time', 'level', 'text', 'origin']);
  const text = reader.expression(fields?.text, 'messages.fields.text', fields !== null);
  const time = reader.expression(fields?.time, 'messages.fields.time', false);
  const level = reader.expression(fields?.level, 'messages.fields.level', false);
  const origin = reader.expression(fields?.origin, 'messages.fields.origin', false);
  return path && text ? { path, items, fields: { text, time, level, origin } } : null;
}

function readActions(reader: Reader, value: unknown): Partial<Record<ActionKind, DeclaredAction>> {
  const actions: Partial<Record<ActionKind, DeclaredAction>> = {};
  const map = reader.map(value, 'actions', false, ACTION_KINDS);
  for (const kind of ACTION_KINDS) {
    const prefix = `actions.${kind}`;
    const action = reader.map(map?.[kind], prefix, false, ['method', 'path', 'means', 'when']);
    if (!action) continue;
    const method = reader.oneOf(action.method, `${prefix}.method`, ACTION_METHODS);
    if (action.method === undefined)
      reader.problem(`${prefix}.method`, `required (one of ${ACTION_METHODS.join(', ')})`);
    const path = reader.path(action.path, `${prefix}.path`, true, true);
    const means = reader.string(action.means, `${prefix}.means`, true);
    if (means !== null && means.trim() === '')
      reader.problem(`${prefix}.means`, 'say in one sentence what the API really does');
    const when = reader.states(action.when, `${prefix}.when`);
    if (method && path && means) actions[kind] = { kind, method, path, means, when };
  }
  return actions;
}
