/**
 * Filtering a sorted row list with the searched text of each row kept beside it: a list's texts
 * are built once (ahead of time, in idle slices, by `warmRowSearch`), and a list filtered from it
 * inherits its rows' texts, so each keystroke in the / prompt costs one substring search per row
 * instead of a lookup and a lower-casing per job.
 */
import type { Job } from '../domain/job.js';
import { filterJobs, filterPredicate, isFilterActive, plainWords, searchableText, type JobFilter } from '../domain/filter.js';
import type { QueryContext } from '../domain/query-match.js';

/** The searched texts of a row list, parallel to it; `filled` of them built so far. */
interface RowTexts {
  texts: string[];
  filled: number;
}

const rowTexts = new WeakMap<readonly Job[], RowTexts>();

/**
 * Builds up to `budget` more searched texts of `rows` (searchableText, itself cached per Job);
 * true when all of them are built. Called in idle slices after a list appears on screen.
 */
export function warmRowSearch(rows: readonly Job[], budget: number): boolean {
  let entry = rowTexts.get(rows);
  if (!entry) rowTexts.set(rows, (entry = { texts: new Array<string>(rows.length), filled: 0 }));
  const end = Math.min(rows.length, entry.filled + budget);
  for (let index = entry.filled; index < end; index++) entry.texts[index] = searchableText(rows[index]);
  entry.filled = end;
  return end === rows.length;
}

/** True when every searched text of `rows` is built (a filter of them searches without building any). */
export function rowSearchReady(rows: readonly Job[]): boolean {
  const entry = rowTexts.get(rows);
  return entry !== undefined && entry.filled === rows.length;
}

/** The searched text of each row, parallel to `rows` (built now where warming has not reached). */
export function rowSearchTexts(rows: readonly Job[]): readonly string[] {
  warmRowSearch(rows, rows.length);
  return (rowTexts.get(rows) as RowTexts).texts;
}

/**
 * The rows that pass the filter, in their order (the same rows as filterJobs). A filter of plain
 * words searches the rows' kept texts, and the result keeps its rows' texts for the next keystroke.
 */
export function filterRows(rows: readonly Job[], filter: JobFilter, context: QueryContext): Job[] {
  const words = isFilterActive(filter) ? plainWords(filter.text) : null;
  if (words === null) return filterJobs(rows, filter, context);
  const toggles = filter.activeOnly || filter.failedOnly || filter.source !== null || filter.attention === true;
  const passes = toggles ? filterPredicate({ ...filter, text: '' }, context) : null;
  const texts = rowSearchTexts(rows);
  const out: Job[] = [];
  const outTexts: string[] = [];
  for (let index = 0; index < rows.length; index++) {
    const text = texts[index];
    let found = true;
    for (const word of words)
      if (!text.includes(word)) {
        found = false;
        break;
      }
    if (!found || (passes !== null && !passes(rows[index]))) continue;
    out.push(rows[index]);
    outTexts.push(text);
  }
  rowTexts.set(out, { texts: outTexts, filled: outTexts.length });
  return out;
}
