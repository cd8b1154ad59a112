/**
 * The job table's columns and how they give way on narrow terminals: drop the least
 * important columns until the rest fit at their ideal widths, then shrink toward minimums,
 * then hand spare cells to the flexible columns. All widths are display cells.
 */
import { parseColumnList, TABLE_COLUMN_IDS } from '../domain/table-columns.js';

/** A table column. */
export type ColumnId =
  | 'lead'
  | 'state'
  | 'source'
  | 'type'
  | 'id'
  | 'priority'
  | 'progress'
  | 'age'
  | 'duration'
  | 'owner'
  | 'host'
  | 'finished'
  | 'error';

/** A column's title and width rules. */
export interface ColumnSpec {
  id: ColumnId;
  title: string;
  min: number;
  ideal: number;
  max: number;
  /** Higher stays longer; columns at or above KEEP_IMPORTANCE are never dropped. */
  importance: number;
  align: 'left' | 'right';
}

/** A column with the width it got. */
export interface PlacedColumn extends ColumnSpec {
  width: number;
}

/** Columns at or above this importance are never dropped. */
export const KEEP_IMPORTANCE = 70;

/** The columns in display order. */
export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'lead', title: '', min: 2, ideal: 2, max: 2, importance: 100, align: 'left' },
  { id: 'state', title: 'STATE', min: 1, ideal: 12, max: 12, importance: 90, align: 'left' },
  { id: 'source', title: 'SOURCE', min: 6, ideal: 12, max: 18, importance: 60, align: 'left' },
  { id: 'type', title: 'TYPE', min: 6, ideal: 14, max: 30, importance: 70, align: 'left' },
  { id: 'id', title: 'ID', min: 8, ideal: 10, max: 38, importance: 80, align: 'left' },
  { id: 'priority', title: 'PRI', min: 3, ideal: 8, max: 8, importance: 35, align: 'left' },
  { id: 'progress', title: 'PROGRESS', min: 4, ideal: 9, max: 14, importance: 40, align: 'left' },
  { id: 'age', title: 'AGE', min: 5, ideal: 5, max: 6, importance: 50, align: 'right' },
  { id: 'duration', title: 'DUR', min: 5, ideal: 6, max: 6, importance: 20, align: 'right' },
  { id: 'owner', title: 'OWNER', min: 5, ideal: 10, max: 16, importance: 30, align: 'left' },
  { id: 'host', title: 'HOST', min: 5, ideal: 10, max: 16, importance: 10, align: 'left' },
  { id: 'finished', title: 'FINISHED', min: 5, ideal: 8, max: 8, importance: 15, align: 'right' },
  { id: 'error', title: 'ERROR', min: 8, ideal: 16, max: 60, importance: 12, align: 'left' },
];

/** Ids a user may choose (`:columns`, config `columns:`): every column but the selection lead. */
export const COLUMN_IDS: readonly ColumnId[] = TABLE_COLUMN_IDS;

export { parseColumnList };

/** The specs of a chosen column list (the lead first, then the chosen order; chosen columns are kept while they fit); the default set for null. */
export function chosenColumns(ids: readonly string[] | null): readonly ColumnSpec[] {
  if (ids === null) return COLUMNS;
  const byId = new Map(COLUMNS.map((column) => [column.id as string, column]));
  const chosen = ids.map((id) => byId.get(id)).filter((column): column is ColumnSpec => column !== undefined);
  return [byId.get('lead') as ColumnSpec, ...chosen];
}

const FLEX_ORDER: readonly ColumnId[] = ['type', 'id', 'error', 'source', 'owner', 'host', 'progress', 'priority'];

const total = (columns: readonly { width: number }[]) =>
  columns.reduce((sum, column) => sum + column.width, 0) + Math.max(0, columns.length - 1);

/** Places the columns in `width` cells (one space between columns). */
export function layoutColumns(width: number, specs: readonly ColumnSpec[] = COLUMNS): PlacedColumn[] {
  let placed: PlacedColumn[] = specs.map((spec) => ({ ...spec, width: spec.ideal }));
  const byImportance = [...placed].sort((a, b) => a.importance - b.importance);
  for (const column of byImportance) {
    if (total(placed) <= width) break;
    if (column.importance >= KEEP_IMPORTANCE) break;
    placed = placed.filter((candidate) => candidate.id !== column.id);
  }
  for (const column of [...placed].sort((a, b) => a.importance - b.importance)) {
    const over = total(placed) - width;
    if (over <= 0) break;
    column.width = Math.max(column.min, column.width - over);
  }
  let spare = width - total(placed);
  for (const id of FLEX_ORDER) {
    const column = placed.find((candidate) => candidate.id === id);
    if (!column || spare <= 0) continue;
    const grow = Math.min(spare, column.max - column.width);
    column.width += grow;
    spare -= grow;
  }
  return placed;
}
