/**
 * A plain, aligned text table that fits a terminal width: columns measured in display cells
 * (wide characters count two), the widest shrinkable columns give way first, then the least
 * important columns are dropped, and only then is a line cut. Cells must already be sanitized.
 */
import { displayWidth, fitToWidth, truncateToWidth } from '../../domain/text-width.js';

/** One column of a text table. */
export interface TextColumn {
  title: string;
  /** Narrowest the column may be squeezed to (cells); equal to its content width = never squeezed. */
  min: number;
  align?: 'left' | 'right';
  /** Dropped when the terminal is too narrow, highest first; undefined = never dropped. */
  dropOrder?: number;
}

const GAP = '  ';

/** Renders header + rows aligned; `width` Infinity = no fitting (pipes keep every character). */
export function renderTextTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly string[])[],
  width: number,
): string {
  let visible = columns.map((_, index) => index);
  let widths = naturalWidths(columns, rows);
  if (Number.isFinite(width)) {
    for (;;) {
      widths = squeeze(columns, visible, naturalWidths(columns, rows), width);
      if (totalWidth(visible, widths) <= width) break;
      const droppable = visible.filter((index) => columns[index].dropOrder !== undefined);
      if (droppable.length === 0) break;
      const drop = droppable.reduce((worst, index) =>
        columns[index].dropOrder! > columns[worst].dropOrder! ? index : worst,
      );
      visible = visible.filter((index) => index !== drop);
    }
  }
  const line = (cells: readonly string[]) => {
    const text = visible.map((index, position) => {
      const last = position === visible.length - 1;
      const cell = cells[index] ?? '';
      // why: no padding after the last column, so lines carry no trailing spaces into pipes.
      return last && columns[index].align !== 'right'
        ? truncateToWidth(cell, widths[index])
        : fitToWidth(cell, widths[index], columns[index].align);
    });
    const joined = text.join(GAP).trimEnd();
    return Number.isFinite(width) ? truncateToWidth(joined, width) : joined;
  };
  return `${[line(columns.map((column) => column.title)), ...rows.map(line)].join('\n')}\n`;
}

function naturalWidths(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): number[] {
  return columns.map((column, index) =>
    rows.reduce((widest, row) => Math.max(widest, displayWidth(row[index] ?? '')), displayWidth(column.title)),
  );
}

function totalWidth(visible: readonly number[], widths: readonly number[]): number {
  return visible.reduce((sum, index) => sum + widths[index], 0) + GAP.length * Math.max(0, visible.length - 1);
}

/** Takes cells from the widest squeezable visible column, one at a time, until the table fits. */
function squeeze(
  columns: readonly TextColumn[],
  visible: readonly number[],
  natural: readonly number[],
  width: number,
): number[] {
  const widths = [...natural];
  let excess = totalWidth(visible, widths) - width;
  while (excess > 0) {
    let widest = -1;
    for (const index of visible) {
      const floor = Math.max(columns[index].min, displayWidth(columns[index].title));
      if (widths[index] > floor && (widest === -1 || widths[index] > widths[widest])) widest = index;
    }
    if (widest === -1) break;
    widths[widest] -= 1;
    excess -= 1;
  }
  return widths;
}
