/**
 * Matching jobs against a parsed query (query-parse.ts): words over the searched fields,
 * values with `*`/`?` globs, comma alternatives, negation, time and priority comparisons.
 * Flags (`flag:slow`) come from the job and from the caller's triage. Pure.
 */
import type { Job } from './job.js';
import { matchesState } from './job-query.js';
import { jobPriorityRank } from './query-priority.js';
import type { Comparison, JobQueryAst, MatchField, PriorityTest, QueryTerm, TimeField } from './query-parse.js';

/** What matching needs besides the job: the clock and the flags triage gave each job. */
export interface QueryContext {
  now: number;
  /** Extra flags of a job (slow, starved, attention, …); the job's own `flags` always count. */
  flagsOf?: (job: Job) => readonly string[];
}

// why: typing a filter searches the same Job objects on every keystroke (the store keeps unchanged ones).
const searchable = new WeakMap<Job, string>();

/** The fields free words search: id, type, owner, host, source, native and normalized state (lower case). */
export function searchableText(job: Job): string {
  let text = searchable.get(job);
  if (text === undefined) {
    text = [job.id, job.type, job.owner ?? '', job.host ?? '', job.source, job.nativeState, job.state]
      .join('\n')
      .toLowerCase();
    searchable.set(job, text);
  }
  return text;
}

const globCache = new Map<string, RegExp>();

/** True when `text` equals `pattern` case-insensitively, `*` matching any run and `?` one character. */
export function matchesGlob(text: string, pattern: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return text.toLowerCase() === pattern.toLowerCase();
  let regex = globCache.get(pattern);
  if (!regex) {
    const source = [...pattern]
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, 'is');
    if (globCache.size > 500) globCache.clear();
    globCache.set(pattern, regex);
  }
  return regex.test(text);
}

function fieldValue(job: Job, field: Exclude<MatchField, 'state' | 'flag'>): string {
  switch (field) {
    case 'source':
      return job.source;
    case 'vendor':
      return job.vendor;
    case 'type':
      return job.type;
    case 'id':
      return job.id;
    case 'owner':
      return job.owner ?? '';
    case 'host':
      return job.host ?? '';
    case 'native':
      return job.nativeState;
  }
}

function matchesValues(job: Job, field: MatchField, values: readonly string[], context: QueryContext): boolean {
  if (field === 'state')
    return values.some((value) =>
      value.includes('*')
        ? matchesGlob(job.state, value) || matchesGlob(job.nativeState, value)
        : matchesState(job, value),
    );
  if (field === 'flag') {
    const flags = [...job.flags, ...(context.flagsOf?.(job) ?? [])];
    return values.some((value) => flags.some((flag) => matchesGlob(flag, value)));
  }
  const text = fieldValue(job, field);
  return values.some((value) => matchesGlob(text, value));
}

function compare(left: number, op: Comparison, right: number): boolean {
  switch (op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '=':
      return left === right;
  }
}

/** The milliseconds a time field measures: how long ago (age, finished, started, updated) or how long it ran. */
export function timeFieldMs(job: Job, field: TimeField, now: number): number | null {
  switch (field) {
    case 'age':
      return job.createdAt === null ? null : now - job.createdAt;
    case 'finished':
      return job.finishedAt === null ? null : now - job.finishedAt;
    case 'started':
      return job.startedAt === null ? null : now - job.startedAt;
    case 'updated':
      return job.updatedAt === null ? null : now - job.updatedAt;
    case 'duration':
      return job.startedAt === null
        ? null
        : (job.finishedAt ?? (job.terminal ? null : now)) === null
          ? null
          : (job.finishedAt ?? now) - job.startedAt;
  }
}

function matchesPriority(job: Job, tests: readonly PriorityTest[]): boolean {
  const rank = jobPriorityRank(job);
  return tests.some((test) => {
    if (test.rank !== null) return rank !== null && compare(rank, test.op, test.rank);
    return job.priority.value !== null && test.value !== null && compare(job.priority.value, test.op, test.value);
  });
}

function holds(job: Job, term: QueryTerm, context: QueryContext): boolean {
  switch (term.kind) {
    case 'word':
      return term.text.includes('*') || term.text.includes('?')
        ? searchableText(job)
            .split('\n')
            .some((field) => matchesGlob(field, term.text))
        : searchableText(job).includes(term.text);
    case 'match':
      return matchesValues(job, term.field, term.values, context);
    case 'time': {
      const ms = timeFieldMs(job, term.field, context.now);
      return ms !== null && compare(ms, term.op, term.ms);
    }
    case 'priority':
      return matchesPriority(job, term.tests);
  }
}

/** True when the job satisfies every term of the query. */
export function matchesJobQuery(job: Job, query: JobQueryAst, context: QueryContext): boolean {
  return query.terms.every((term) => holds(job, term, context) !== term.negate);
}
