import { describe, expect, it } from 'vitest';
import { CHILD_LIMIT, flattenTree, STRING_PREVIEW, type TreeView } from '../../source/ui/content/json-tree.js';

const view = (patch: Partial<TreeView> = {}): TreeView => ({
  toggles: new Map(),
  limits: new Map(),
  width: 80,
  ...patch,
});
const text = (line: { segments: { text: string }[] }) => line.segments.map((segment) => segment.text).join('');

describe('flattenTree', () => {
  it('opens only the first two levels by default', () => {
    const lines = flattenTree({ a: { b: { c: 1 } }, n: 2 }, view());
    expect(lines.map(text)).toEqual(['▾ {2 keys}', '  ▾ a: {1 key}', '    ▸ b: {1 key}', '    n: 2']);
  });

  it('shows at most CHILD_LIMIT children of a 100k array and a "more" line', () => {
    const value = Array.from({ length: 100_000 }, (_, index) => index);
    const lines = flattenTree(value, view());
    expect(lines.length).toBe(1 + CHILD_LIMIT + 1);
    expect(text(lines[lines.length - 1])).toContain('… 99,950 more');
    expect(lines[lines.length - 1].kind).toBe('more');
  });

  it('shows more children when the limit grows', () => {
    const value = Array.from({ length: 1_000 }, (_, index) => index);
    const lines = flattenTree(value, view({ limits: new Map([['$', 200]]) }));
    expect(lines.length).toBe(1 + 200 + 1);
    expect(text(lines[lines.length - 1])).toContain('… 800 more');
  });

  it('cuts long strings and shows the whole string when opened', () => {
    const long = 'x'.repeat(5_000);
    const closed = flattenTree({ long }, view());
    expect(closed.length).toBe(2);
    expect(text(closed[1])).toContain('5,000 chars');
    expect(text(closed[1]).length).toBeLessThan(STRING_PREVIEW + 60);
    const open = flattenTree({ long }, view({ toggles: new Map([['$\u0000long', true]]) }));
    const pieces = open.filter((line) => line.kind === 'text');
    expect(pieces.map((line) => text(line).trim()).join('')).toBe(long);
  });

  it('neutralises control characters in keys and values', () => {
    const lines = flattenTree({ '\u001b[31mkey': 'va\u001b]52;c;AAAA\u0007lue' }, view());
    for (const line of lines) expect(text(line)).not.toMatch(/[\u0000-\u001f]/);
  });

  it('records parents for folding', () => {
    const lines = flattenTree({ a: [1, 2] }, view());
    expect(lines.map((line) => line.parent)).toEqual([-1, 0, 1, 1]);
  });
});
