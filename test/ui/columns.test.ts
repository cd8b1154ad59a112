import { describe, expect, it } from 'vitest';
import { layoutColumns } from '../../source/ui/columns.js';
import { mainLayout, windowTop, detailLayout } from '../../source/ui/layout.js';

const ids = (width: number) => layoutColumns(width).map((column) => column.id);
const used = (width: number) => {
  const columns = layoutColumns(width);
  return columns.reduce((sum, column) => sum + column.width, 0) + columns.length - 1;
};

describe('layoutColumns', () => {
  it.each<[number, string[]]>([
    [
      160,
      [
        'lead',
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
      ],
    ],
    [100, ['lead', 'state', 'source', 'type', 'id', 'priority', 'progress', 'age', 'duration', 'owner']],
    [80, ['lead', 'state', 'source', 'type', 'id', 'priority', 'progress', 'age']],
    [60, ['lead', 'state', 'source', 'type', 'id', 'age']],
    [40, ['lead', 'state', 'type', 'id']],
    [20, ['lead', 'state', 'type', 'id']],
  ])('at %i columns keeps %j', (width, expected) => expect(ids(width)).toEqual(expected));

  it.each([200, 160, 120, 100, 80, 72, 60, 45, 40, 30, 24, 20])('never exceeds %i cells', (width) =>
    expect(used(width)).toBeLessThanOrEqual(width),
  );

  it('uses the whole width when there is room', () => expect(used(120)).toBe(120));
});

describe('screen layout', () => {
  it('keeps the main frame within rows-1 lines at every height', () => {
    for (let rows = 2; rows <= 60; rows += 1) {
      for (const sources of [0, 1, 5, 30]) {
        for (const perSource of [false, true]) {
          const layout = mainLayout({ columns: 80, rows }, sources, perSource);
          const total =
            Number(layout.title) +
            layout.sourceLines +
            Number(layout.counts) +
            Number(layout.tableHeader) +
            Number(layout.footer) +
            layout.body;
          expect(total, `${rows} rows, ${sources} sources`).toBeLessThanOrEqual(Math.max(2, rows - 1));
        }
      }
    }
  });

  it('keeps the detail frame within rows-1 lines', () => {
    for (let rows = 3; rows <= 40; rows += 1) {
      const layout = detailLayout({ columns: 80, rows });
      expect(
        Number(layout.title) + Number(layout.tabs) + Number(layout.status) + Number(layout.footer) + layout.body,
      ).toBeLessThanOrEqual(rows - 1);
    }
  });

  it.each<[number, number, number, number, number]>([
    [0, 0, 10, 100, 0],
    [0, 9, 10, 100, 0],
    [0, 10, 10, 100, 1],
    [50, 49, 10, 100, 49],
    [95, 99, 10, 100, 90],
    [5, 3, 10, 8, 0],
  ])('window from top %i around row %i (height %i of %i) starts at %i', (top, index, height, count, expected) =>
    expect(windowTop(top, index, height, count)).toBe(expected),
  );
});
