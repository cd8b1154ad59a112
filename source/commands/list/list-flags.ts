/**
 * The flags of `jobtop list` and their checking: every bad value is a usage error that names
 * the flag, the value and what was expected.
 */
import { JOB_STATES } from '../../domain/job.js';
import { DEFAULT_SORT, type SortSpec } from '../../domain/sort.js';
import {
  SORT_FIELDS,
  parseSince,
  parseSortArgument,
  sortSpecFor,
  splitList,
  type JobQuery,
} from '../../domain/job-query.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { describeQueryError, parseJobQuery, type JobQueryAst } from '../../domain/query-parse.js';
import { UsageError, type FlagSpec, type ParsedArgs } from '../command.js';
import { DEADLINE_FLAG, parseDeadline } from '../shared/deadline-flag.js';

/** The output formats of `list`. */
export const LIST_FORMATS = ['table', 'tsv', 'json', 'ids'] as const;

/** An output format of `list`. */
export type ListFormat = (typeof LIST_FORMATS)[number];

/** `list`'s own flags (the global ones come from command.ts). */
export const LIST_FLAGS: Record<string, FlagSpec> = {
  source: {
    type: 'string',
    multiple: true,
    value: 'NAME',
    description: 'only this source (repeat or comma-separate for several); the others are not polled',
  },
  state: {
    type: 'string',
    multiple: true,
    value: 'STATE',
    description: `only jobs in this state: ${JOB_STATES.join(', ')}, active (queued or running), or a native state such as partial_failure; native:VALUE matches the native state only (native:Queued)`,
  },
  type: {
    type: 'string',
    multiple: true,
    value: 'TYPE',
    description: 'only jobs of this type, case-insensitive; * matches anything (node.*)',
  },
  query: {
    type: 'string',
    short: 'q',
    value: 'QUERY',
    description:
      "only jobs matching a query, the same language as / in the monitor: words, field:value, globs, -negation, comparisons ('state:failed,partial type:ETL* age:<1h pri:>=high flag:attention'); docs/usage.md",
  },
  since: {
    type: 'string',
    value: 'WHEN',
    description:
      'only jobs created since: a duration back from now (30m, 2h, 1d, 1h30m) or an ISO date/time (2026-11-22, 2026-11-22T08:00:00Z)',
  },
  sort: {
    type: 'string',
    value: 'FIELD',
    description: `order by ${SORT_FIELDS.join(', ')}; ascending, -FIELD descending (default: active and high-priority jobs first, like the monitor)`,
  },
  reverse: { type: 'boolean', short: 'r', description: 'descending order (the same as a - before the --sort field)' },
  limit: { type: 'string', value: 'N', description: 'print at most N jobs (after filtering and sorting)' },
  format: {
    type: 'string',
    value: 'FORMAT',
    description:
      'table (aligned, fitted to the terminal; the default), tsv (a header line, then tab-separated fields), json, ids (one SOURCE/ID per line)',
  },
  json: { type: 'boolean', description: 'the same as --format json: {"jobs": [...], "sources": [...]}' },
  raw: { type: 'boolean', description: "with --format json, include each job's vendor record as raw" },
  deadline: DEADLINE_FLAG,
};

/** `list`'s flags, checked. */
export interface ParsedListFlags {
  format: ListFormat;
  raw: boolean;
  query: JobQuery;
  /** The parsed `--query`, or null. */
  filter: JobQueryAst | null;
  sort: SortSpec;
  limit: number | null;
  /** --deadline in ms. */
  deadlineMs: number;
}

const strings = (value: ParsedArgs['flags'][string]): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];

/** Checks `list`'s flags; `now` anchors `--since 2h`. Throws UsageError. */
export function parseListFlags(args: ParsedArgs, now: number): ParsedListFlags {
  const { flags } = args;
  if (args.positionals.length > 0)
    throw new UsageError(
      `list takes no arguments, got "${sanitizeInline(args.positionals[0], 100)}" (filter with --source, --state, --type, --since)`,
    );
  const format = parseFormat(flags);
  if (flags.raw === true && format !== 'json') throw new UsageError('--raw goes with --format json (or --json)');
  return {
    format,
    raw: flags.raw === true,
    query: parseQuery(flags, now),
    filter: parseFilter(flags.query),
    sort: parseSort(flags),
    limit: parseLimit(flags.limit),
    deadlineMs: parseDeadline(flags.deadline),
  };
}

function parseFilter(value: ParsedArgs['flags'][string]): JobQueryAst | null {
  if (typeof value !== 'string') return null;
  const parsed = parseJobQuery(value);
  if (parsed.ok) return parsed.query;
  const shown = sanitizeInline(value, 200);
  throw new UsageError(
    `--query: ${describeQueryError(parsed.error)}\n  ${shown}\n  ${' '.repeat(Math.max(0, parsed.error.column - 1))}^`,
  );
}

function parseFormat(flags: ParsedArgs['flags']): ListFormat {
  const given = typeof flags.format === 'string' ? flags.format.trim().toLowerCase() : undefined;
  if (given !== undefined && !(LIST_FORMATS as readonly string[]).includes(given))
    throw new UsageError(
      `--format expects one of ${LIST_FORMATS.join(', ')}, got "${sanitizeInline(flags.format, 100)}"`,
    );
  if (flags.json === true && given !== undefined && given !== 'json')
    throw new UsageError(`--json and --format ${given} exclude each other`);
  return flags.json === true ? 'json' : ((given as ListFormat | undefined) ?? 'table');
}

function parseQuery(flags: ParsedArgs['flags'], now: number): JobQuery {
  let since: number | null = null;
  if (typeof flags.since === 'string') {
    since = parseSince(flags.since, now);
    if (since === null)
      throw new UsageError(
        `--since expects a duration (30m, 2h, 1d) or an ISO date/time (2026-11-22T08:00:00Z), got "${sanitizeInline(flags.since, 100)}"`,
      );
  }
  return {
    sources: splitList(strings(flags.source)),
    states: splitList(strings(flags.state)),
    types: splitList(strings(flags.type)),
    since,
  };
}

function parseSort(flags: ParsedArgs['flags']): SortSpec {
  if (typeof flags.sort !== 'string') return flags.reverse === true ? { ...DEFAULT_SORT, reverse: true } : DEFAULT_SORT;
  const parsed = parseSortArgument(flags.sort);
  if (!parsed)
    throw new UsageError(
      `--sort expects one of ${SORT_FIELDS.join(', ')} (a leading - for descending), got "${sanitizeInline(flags.sort, 100)}"`,
    );
  return sortSpecFor(parsed.field, parsed.descending || flags.reverse === true);
}

function parseLimit(value: ParsedArgs['flags'][string]): number | null {
  if (value === undefined) return null;
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new UsageError(
      `--limit expects a whole number of jobs (1 or more), got "${sanitizeInline(String(value), 100)}"`,
    );
  return Number(text);
}
