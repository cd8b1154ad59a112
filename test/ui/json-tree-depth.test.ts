/**
 * The Result tree over a value nested deeper than the call stack: 12,000 levels, each node's path
 * id one step longer than its parent's, so the test costs seconds. It runs in the full suite; the
 * fast `npm run test:unit` leaves it out (vitest.unit.config.ts).
 */
import { describe, expect, it } from 'vitest';
import { flattenTree, type TreeView } from '../../source/ui/content/json-tree.js';

const view = (patch: Partial<TreeView> = {}): TreeView => ({
  toggles: new Map(),
  limits: new Map(),
  width: 80,
  ...patch,
});
const text = (line: { segments: { text: string }[] }) => line.segments.map((segment) => segment.text).join('');

describe('flattenTree', () => {
  it('survives values nested far deeper than the call stack allows', () => {
    let deep: unknown = 'bottom';
    const toggles = new Map<string, boolean>();
    let id = '$';
    for (let depth = 0; depth < 12_000; depth += 1) deep = { d: deep };
    for (let depth = 0; depth < 12_000; depth += 1) {
      toggles.set(id, true);
      id += '\u0000d';
    }
    const lines = flattenTree(deep, view({ toggles }));
    expect(lines.length).toBe(12_001);
    expect(text(lines[lines.length - 1])).toContain('"bottom"');
    expect(text(lines[lines.length - 1]).length).toBeLessThan(120);
  });
});
