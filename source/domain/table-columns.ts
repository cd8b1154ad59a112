/**
 * The names of the job table's columns, as `:columns` and the config's `columns:` take them.
 * Kept in the domain so the config can check a list without importing the UI.
 */
import { didYouMean } from './suggest.js';

/** Column names a user may choose, in the default order. */
export const TABLE_COLUMN_IDS = [
  'state',
  'source',
  'type',
  'id',
  'priority',
  'progress',
  'age',
  'duration',
  'owner',
  'host',
  'finished',
  'error',
] as const;

/** A choosable column. */
export type TableColumnId = (typeof TABLE_COLUMN_IDS)[number];

/** Parses `state,source,type,id,error` (commas or spaces) into column ids, or says which name is wrong. */
export function parseColumnList(text: string | readonly string[]): { columns: TableColumnId[] } | { error: string } {
  const names = (typeof text === 'string' ? text.split(/[\s,]+/) : [...text])
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 0) return { error: `expected column names (${TABLE_COLUMN_IDS.join(', ')})` };
  const unknown = names.find((name) => !(TABLE_COLUMN_IDS as readonly string[]).includes(name));
  if (unknown !== undefined) {
    const hint = didYouMean(unknown, TABLE_COLUMN_IDS);
    return { error: `unknown column "${unknown}" ${hint ? `— ${hint}` : `(columns: ${TABLE_COLUMN_IDS.join(', ')})`}` };
  }
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) return { error: `column "${duplicate}" is listed twice` };
  return { columns: names as TableColumnId[] };
}
