/**
 * Pure job filtering for the table: the query typed at `/` (query-parse.ts; free words as
 * before, plus `field:value` terms) and the quick toggles (active-only, failed-only,
 * needs-attention, one source).
 */
import { isActiveState, type Job } from './job.js';
import { parseJobQuery, queryUsesClock, queryUsesFlags, type JobQueryAst, type QueryTerm } from './query-parse.js';
import { matchesJobQuery, searchableText, type QueryContext } from './query-match.js';

export { searchableText };

/** Everything that narrows the table. */
export interface JobFilter {
  /** A query (query-parse.ts): free words must each occur in a searched field; `field:value` terms narrow further. */
  text: string;
  activeOnly: boolean;
  /** Failed or partially failed jobs only. */
  failedOnly: boolean;
  /** One source's jobs only, by configured name; null = all sources. */
  source: string | null;
  /** Only jobs that need attention (the `!` toggle: the same as `flag:attention`). */
  attention?: boolean;
}

/** No filtering at all. */
export const EMPTY_FILTER: JobFilter = {
  text: '',
  activeOnly: false,
  failedOnly: false,
  source: null,
  attention: false,
};

const parseCache = new Map<string, JobQueryAst>();

/** The parsed query of a filter text; a text that does not parse is read as free words (nothing typed is lost). */
export function filterQuery(text: string): JobQueryAst {
  let query = parseCache.get(text);
  if (!query) {
    const parsed = parseJobQuery(text);
    query = parsed.ok
      ? parsed.query
      : {
          text,
          terms: text
            .toLowerCase()
            .split(/\s+/)
            .filter(Boolean)
            .map((word, index) => ({ kind: 'word' as const, negate: false, column: index + 1, text: word })),
        };
    if (parseCache.size > 64) parseCache.clear(); // why: typing creates one entry per keystroke
    parseCache.set(text, query);
  }
  return query;
}

/** True when the job matches the query text (free words each occur in a searched field). */
export function matchesText(job: Job, text: string, context: QueryContext = { now: 0 }): boolean {
  return text.trim() === '' || matchesJobQuery(job, filterQuery(text), context);
}

const termsOf = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * True when every job `next` lets through also passes `previous` (a growing filter text, say), so
 * `next` can filter `previous`'s result instead of every job: same toggles, and each term of the
 * previous text occurs inside a term of the next one (matchesText).
 */
export function narrows(previous: JobFilter, next: JobFilter): boolean {
  // why: only free words match as substrings; a field term, a negation or an OR list can widen as it grows.
  if (!isFreeWords(previous.text) || !isFreeWords(next.text)) return false;
  if (previous.activeOnly && !next.activeOnly) return false;
  if (previous.failedOnly && !next.failedOnly) return false;
  if (previous.attention && !next.attention) return false;
  if (previous.source !== null && previous.source !== next.source) return false;
  const nextTerms = termsOf(next.text);
  return termsOf(previous.text).every((term) => nextTerms.some((candidate) => candidate.includes(term)));
}

/** True when the text is only free words (no `field:value` term, no negation). */
function isFreeWords(text: string): boolean {
  return termsOf(text).every((term) => !term.includes(':') && !term.startsWith('-'));
}

/** True when the job passes every part of the filter. */
export function matchesFilter(job: Job, filter: JobFilter, context: QueryContext = { now: 0 }): boolean {
  if (filter.source !== null && job.source !== filter.source) return false;
  if (filter.activeOnly && !isActiveState(job.state)) return false;
  if (filter.failedOnly && job.state !== 'failed' && job.state !== 'partial') return false;
  if (filter.attention && !(context.flagsOf?.(job) ?? []).includes('attention')) return false;
  return matchesText(job, filter.text, context);
}

/**
 * The words of a filter text that is only plain free words (no field term, glob or negation),
 * lower case, each to be found in a job's searched text (searchableText); null otherwise.
 */
export function plainWords(text: string): readonly string[] | null {
  const query = filterQuery(text);
  return query.terms.every(isPlainWord) ? query.terms.map((term) => term.text) : null;
}

/**
 * The filter as one test (the same verdict as matchesFilter), its query parsed once: filtering
 * 100,000 jobs per keystroke then costs a substring search of each job's searched text, not a
 * parse, a trim and a term walk per job.
 */
export function filterPredicate(filter: JobFilter, context: QueryContext = { now: 0 }): (job: Job) => boolean {
  const { source, activeOnly, failedOnly, attention } = filter;
  const query = filter.text.trim() === '' ? null : filterQuery(filter.text);
  // why: most typed filters are plain words: one indexOf each in the pre-lowercased text.
  const words = query === null ? null : plainWords(filter.text);
  return (job) => {
    if (source !== null && job.source !== source) return false;
    if (activeOnly && !isActiveState(job.state)) return false;
    if (failedOnly && job.state !== 'failed' && job.state !== 'partial') return false;
    if (attention && !(context.flagsOf?.(job) ?? []).includes('attention')) return false;
    if (query === null) return true;
    if (words === null) return matchesJobQuery(job, query, context);
    const text = searchableText(job);
    for (const word of words) if (!text.includes(word)) return false;
    return true;
  };
}

type WordTerm = Extract<QueryTerm, { kind: 'word' }>;

/** A free word without a glob or a negation: a substring of the searched text (query-match.ts). */
function isPlainWord(term: QueryTerm): term is WordTerm {
  return term.kind === 'word' && !term.negate && !term.text.includes('*') && !term.text.includes('?');
}

/** The jobs that pass the filter, in their input order. */
export function filterJobs(jobs: readonly Job[], filter: JobFilter, context: QueryContext = { now: 0 }): Job[] {
  if (!isFilterActive(filter)) return [...jobs];
  return jobs.filter(filterPredicate(filter, context));
}

/** True when the filter's result depends on the clock or on triage flags (a cached result goes stale). */
export function filterNeedsContext(filter: JobFilter): boolean {
  const query = filterQuery(filter.text);
  return filter.attention === true || queryUsesClock(query) || queryUsesFlags(query);
}

/** True when the filter hides anything. */
export function isFilterActive(filter: JobFilter): boolean {
  return (
    filter.text.trim() !== '' ||
    filter.activeOnly ||
    filter.failedOnly ||
    filter.source !== null ||
    filter.attention === true
  );
}

/** The filter in a few words for the title bar: `/text active failed ! source:x`; empty when off. */
export function describeFilter(filter: JobFilter): string {
  const parts: string[] = [];
  if (filter.text.trim() !== '') parts.push(`/${filter.text.trim()}`);
  if (filter.activeOnly) parts.push('active');
  if (filter.failedOnly) parts.push('failed');
  if (filter.attention) parts.push('!attention');
  if (filter.source !== null) parts.push(`source:${filter.source}`);
  return parts.join(' ');
}

/** The next source of the one-source toggle: all → first → … → last → all. */
export function nextSourceFilter(current: string | null, names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (current === null) return names[0] ?? null;
  const index = names.indexOf(current);
  return index === -1 || index === names.length - 1 ? null : (names[index + 1] ?? null);
}
