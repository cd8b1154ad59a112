/**
 * Filtering a sorted row list with the searched text of each row kept beside it: a list's texts
 * are built once (ahead of time, in idle slices, by `warmRowSearch`), and a list filtered from it
 * inherits its rows' texts, so each keystroke in the / prompt costs one substring search per row
 * instead of a lookup and a lower-casing per job.
 */
import type { Job } from '../domain/job.js';
import {
  filterJobs,
  filterPredicate,
  isFilterActive,
  plainWords,
  searchableText,
  type JobFilter,
} from '../domain/filter.js';
import type { QueryContext } from '../domain/query-match.js';

/**
 * The searched texts of a row list: `texts[at[i]]` is row i's (`at` null: `texts[i]`); `filled`
 * of them built so far. A filtered list shares its basis's texts and keeps only the positions.
 */
interface RowTexts {
  texts: string[];
  at: Int32Array | null;
  filled: number;
}

const rowTexts = new WeakMap<readonly Job[], RowTexts>();

/**
 * Builds up to `budget` more searched texts of `rows` (searchableText, itself cached per Job);
 * true when all of them are built. Called in idle slices after a list appears on screen.
 */
export function warmRowSearch(rows: readonly Job[], budget: number): boolean {
  let entry = rowTexts.get(rows);
  if (!entry) rowTexts.set(rows, (entry = { texts: new Array<string>(rows.length), at: null, filled: 0 }));
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

/** The searched text of each row, in row order (built now where warming has not reached). */
export function rowSearchTexts(rows: readonly Job[]): string[] {
  const { texts, at } = completeTexts(rows);
  return rows.map((_, index) => texts[at === null ? index : at[index]]);
}

function completeTexts(rows: readonly Job[]): RowTexts {
  warmRowSearch(rows, rows.length);
  return rowTexts.get(rows) as RowTexts;
}

/**
 * The rows that pass the filter, in their order (the same rows as filterJobs). A filter of plain
 * words searches the rows' kept texts, and the result keeps its rows' texts for the next keystroke.
 */
export function filterRows(rows: readonly Job[], filter: JobFilter, context: QueryContext): Job[] {
  const words = isFilterActive(filter) ? plainWords(filter.text) : null;
  if (words === null || words.length === 0) return filterJobs(rows, filter, context);
  const toggles = filter.activeOnly || filter.failedOnly || filter.source !== null || filter.attention === true;
  const passes = toggles ? filterPredicate({ ...filter, text: '' }, context) : null;
  const { texts, at } = completeTexts(rows);
  const [first, ...rest] = words as [string, ...string[]];
  const out: Job[] = [];
  // why: positions in a typed array, not a second array of strings: no write barrier per match.
  const positions = new Int32Array(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const position = at === null ? index : at[index];
    const text = texts[position];
    if (!text.includes(first) || (rest.length > 0 && !rest.every((word) => text.includes(word)))) continue;
    if (passes !== null && !passes(rows[index])) continue;
    positions[out.length] = position;
    out.push(rows[index]);
  }
  rowTexts.set(out, { texts, at: positions.slice(0, out.length), filled: out.length });
  return out;
}
