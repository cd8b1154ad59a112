import { describe, expect, it } from 'vitest';
import { createNavigationState, navigationReducer } from '../../source/ui/navigation.js';
import type { NavigationState } from '../../source/ui/navigation-state.js';
import { tabLines } from '../../source/ui/content/detail-content.js';
import { findInTree, foldAll } from '../../source/ui/content/json-tree-search.js';
import { fleetOf } from '../helpers/fake-store.js';
import { makeDetail, makeJob, makeSource, T0 } from '../helpers/jobs.js';

const result = {
  summary: { rows: 3, status: 'ok' },
  deep: { a: { b: { c: { needle: 'found me' } } } },
  items: Array.from({ length: 120 }, (_, index) => ({ n: index, tag: index === 117 ? 'rare-tag' : 'common' })),
};
const press = (state: NavigationState, ...keys: string[]) =>
  keys.reduce((current, key) => navigationReducer(current, { type: 'key', key, at: T0 }), state);

function openResult(): NavigationState {
  const job = makeJob({ id: 'p' });
  const state = press(
    createNavigationState(fleetOf([makeSource('osapi', [job])]), { columns: 100, rows: 30 }),
    'enter',
    '4',
  );
  return navigationReducer(state, {
    type: 'detail',
    snapshot: {
      key: job.key,
      status: 'ok',
      error: null,
      lastSuccessAt: T0,
      detail: { ...makeDetail({ id: 'p' }), result },
    },
  });
}
const texts = (state: NavigationState) =>
  tabLines(state, 'result').map((line) => line.segments.map((segment) => segment.text).join(''));
const cursorText = (state: NavigationState) => texts(state)[state.detail?.result.cursor ?? -1];

describe('Result tab: expand all, collapse all, search', () => {
  it('expands everything with E and folds all but the top with C', () => {
    const state = openResult();
    expect(texts(state).some((line) => line.includes('needle'))).toBe(false);
    const expanded = press(state, 'E');
    expect(
      texts(expanded).some((line) => line.includes('needle: "found me"') || line.includes('needle: found me')),
    ).toBe(true);
    const collapsed = press(expanded, 'C');
    expect(texts(collapsed)).toHaveLength(4);
    expect(collapsed.detail?.result.cursor).toBe(0);
  });

  it('finds a key deep in the tree, opening its parents, and steps through matches with n/N', () => {
    const found = press(openResult(), '/', ...'needle'.split(''), 'enter');
    expect(cursorText(found)).toMatch(/needle/);
    const tagged = press(openResult(), '/', ...'rare-tag'.split(''), 'enter');
    expect(cursorText(tagged)).toMatch(/rare-tag/);
    const common = press(openResult(), '/', ...'common'.split(''), 'enter');
    expect(cursorText(common)).toMatch(/common/);
    const second = press(common, 'n');
    expect(second.detail?.result.cursor).toBeGreaterThan(common.detail?.result.cursor ?? 0);
    expect(press(second, 'N').detail?.result.cursor).toBe(common.detail?.result.cursor);
  });

  it('says when nothing matches', () => {
    expect(press(openResult(), '/', 'z', 'z', 'z').flash?.text).toBe('no match for "zzz"');
  });

  it('bounds expand all and search on huge values', () => {
    const huge = Array.from({ length: 5000 }, (_, index) => ({ index }));
    expect(foldAll(huge, true).size).toBe(2000);
    expect(findInTree(huge, 'index')).toHaveLength(1000);
  });
});
