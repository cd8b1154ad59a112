/**
 * The job query language of `/` and `jobtop list --query`, parsed into terms (docs/usage.md,
 * "Queries"): free words (all must occur), `field:value` with globs and comma alternatives,
 * `-` negation, and comparisons on times and priority (`age:<1h`, `pri:>=high`). Errors name
 * the column (1-based) where the problem starts. Pure; imports only the domain.
 */
import { parseDurationText } from './job-query.js';
import { PRIORITY_RANKS, rankOfName } from './query-priority.js';
import { didYouMean } from './suggest.js';

/** Fields compared with a value list (globs, alternatives). */
export const MATCH_FIELDS = ['state', 'source', 'vendor', 'type', 'id', 'owner', 'host', 'flag', 'native'] as const;

/** Fields compared with `<`, `<=`, `>`, `>=` against a duration back from now (or a run time). */
export const TIME_FIELDS = ['age', 'finished', 'started', 'updated', 'duration'] as const;

/** Every field a query may name (after aliases), for completion and error messages. */
export const QUERY_FIELDS = [...MATCH_FIELDS, 'priority', ...TIME_FIELDS] as const;

/** A field of the query language. */
export type QueryField = (typeof QUERY_FIELDS)[number];

/** A value-list field. */
export type MatchField = (typeof MATCH_FIELDS)[number];

/** A time field. */
export type TimeField = (typeof TIME_FIELDS)[number];

/** Short names: `pri`, `dur`, `created` (= age), `status` (= state), `flags`. */
export const FIELD_ALIASES: Record<string, QueryField> = {
  pri: 'priority',
  prio: 'priority',
  dur: 'duration',
  created: 'age',
  status: 'state',
  flags: 'flag',
};

/** A comparison operator; a bare value on a time field means `<` ("within"). */
export type Comparison = '<' | '<=' | '>' | '>=' | '=';

/** One term of a query; `negate` inverts it; `column` is where it starts (1-based). */
export type QueryTerm = { negate: boolean; column: number } & (
  | { kind: 'word'; text: string }
  | { kind: 'match'; field: MatchField; values: readonly string[] }
  | { kind: 'time'; field: TimeField; op: Comparison; ms: number }
  | { kind: 'priority'; tests: readonly PriorityTest[] }
);

/** One alternative of a priority term: a rank (low…urgent) or the vendor's number, with a comparison. */
export interface PriorityTest {
  op: Comparison;
  rank: number | null;
  value: number | null;
}

/** A parsed query: every term must hold. */
export interface JobQueryAst {
  text: string;
  terms: readonly QueryTerm[];
}

/** Where and why a query did not parse. */
export interface QueryError {
  message: string;
  /** 1-based column of the character the problem starts at. */
  column: number;
}

/** The outcome of parsing. */
export type QueryParse = { ok: true; query: JobQueryAst } | { ok: false; error: QueryError };

/** The query with no terms: every job matches. */
export const EMPTY_QUERY: JobQueryAst = { text: '', terms: [] };

interface Token {
  text: string;
  column: number;
}

/** Splits on whitespace outside double quotes; quotes are kept for the term parser. */
function tokenize(text: string): Token[] | QueryError {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    while (index < text.length && /\s/.test(text.charAt(index))) index += 1;
    if (index >= text.length) break;
    const start = index;
    let quote = -1;
    while (index < text.length && (quote !== -1 || !/\s/.test(text.charAt(index)))) {
      if (text[index] === '"') quote = quote === -1 ? index : -1;
      index += 1;
    }
    if (quote !== -1) return { message: 'this quote is never closed', column: quote + 1 };
    tokens.push({ text: text.slice(start, index), column: start + 1 });
  }
  return tokens;
}

const unquote = (text: string) => text.replace(/"/g, '');

/** The field a name means (aliases resolved, case-insensitive), or undefined. */
export function resolveField(name: string): QueryField | undefined {
  const lower = name.toLowerCase();
  return (QUERY_FIELDS as readonly string[]).includes(lower) ? (lower as QueryField) : FIELD_ALIASES[lower];
}

function splitComparison(value: string): { op: Comparison | null; rest: string } {
  const match = /^(<=|>=|<|>|=)/.exec(value);
  const op = match?.[1];
  return op ? { op: op as Comparison, rest: value.slice(op.length) } : { op: null, rest: value };
}

function parseTerm(token: Token): QueryTerm | QueryError {
  const negate = token.text.startsWith('-') && token.text.length > 1;
  const body = negate ? token.text.slice(1) : token.text;
  const bodyColumn = token.column + (negate ? 1 : 0);
  const colon = body.indexOf(':');
  const quoteAt = body.indexOf('"');
  if (colon <= 0 || (quoteAt !== -1 && quoteAt < colon))
    return { kind: 'word', negate, column: token.column, text: unquote(body).toLowerCase() };
  const name = body.slice(0, colon);
  const field = resolveField(name);
  if (!field) {
    const hint = didYouMean(name, [...QUERY_FIELDS, ...Object.keys(FIELD_ALIASES)]);
    return {
      message: hint
        ? `unknown field "${name}" — ${hint} (or quote a word with a colon: "a:b")`
        : `unknown field "${name}" (fields: ${QUERY_FIELDS.join(', ')}; quote a word with a colon: "a:b")`,
      column: bodyColumn,
    };
  }
  const valueColumn = bodyColumn + colon + 1;
  const raw = unquote(body.slice(colon + 1));
  if (raw === '') return { message: `${field}: needs a value after the colon`, column: valueColumn };
  const { op, rest } = splitComparison(raw);
  if ((TIME_FIELDS as readonly string[]).includes(field)) {
    const ms = parseDurationText(rest);
    if (ms === null)
      return {
        message: `${field}: expected a duration such as 30s, 10m, 1h, 2d (with <, <=, >, >=)`,
        column: valueColumn + (raw.length - rest.length),
      };
    return {
      kind: 'time',
      negate,
      column: token.column,
      field: field as TimeField,
      op: op === null || op === '=' ? '<' : op,
      ms,
    };
  }
  if (field === 'priority') return parsePriority(raw, negate, token.column, valueColumn);
  if (op !== null && op !== '=')
    return {
      message: `${field}: compares only by value (a comparison works on age, finished, started, updated, duration and priority)`,
      column: valueColumn,
    };
  const values = rest
    .split(',')
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '');
  if (values.length === 0) return { message: `${field}: needs a value after the colon`, column: valueColumn };
  return { kind: 'match', negate, column: token.column, field: field as MatchField, values };
}

function parsePriority(text: string, negate: boolean, column: number, valueColumn: number): QueryTerm | QueryError {
  const tests: PriorityTest[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    const { op, rest } = splitComparison(part);
    const rank = rankOfName(rest);
    if (rank !== undefined) tests.push({ op: op ?? '=', rank, value: null });
    else if (/^-?\d+(\.\d+)?$/.test(rest)) tests.push({ op: op ?? '=', rank: null, value: Number(rest) });
    else if (part !== '')
      return {
        message: `priority: expected ${PRIORITY_RANKS.join(', ')} or a number (with <, <=, >, >=)`,
        column: valueColumn + offset,
      };
    offset += part.length + 1;
  }
  if (tests.length === 0) return { message: 'priority: needs a value after the colon', column: valueColumn };
  return { kind: 'priority', negate, column, tests };
}

/** Parses a query; the first problem is returned with its column. */
export function parseJobQuery(text: string): QueryParse {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { ok: false, error: tokens };
  const terms: QueryTerm[] = [];
  for (const token of tokens) {
    const term = parseTerm(token);
    if ('message' in term) return { ok: false, error: term };
    terms.push(term);
  }
  return { ok: true, query: { text, terms } };
}

/** An error as one line: `column 7: state: needs a value after the colon`. */
export function describeQueryError(error: QueryError): string {
  return `column ${error.column}: ${error.message}`;
}

/** True when some term depends on the clock (times), so a cached result goes stale with time. */
export function queryUsesClock(query: JobQueryAst): boolean {
  return query.terms.some((term) => term.kind === 'time' || (term.kind === 'match' && term.field === 'flag'));
}

/** True when some term asks for flags (`flag:`), which need the triage of the whole list. */
export function queryUsesFlags(query: JobQueryAst): boolean {
  return query.terms.some((term) => term.kind === 'match' && term.field === 'flag');
}
