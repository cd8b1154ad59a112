import { describe, expect, it } from 'vitest';
import { createNavigationState, navigationReducer } from '../../source/ui/navigation.js';
import type { NavigationState } from '../../source/ui/navigation-state.js';
import type { DetailSnapshot } from '../../source/store/types.js';
import { visibleJobs } from '../../source/ui/select.js';
import { fleetOf } from '../helpers/fake-store.js';
import { makeDetail, makeJob, makeJobs, makeSource, T0 } from '../helpers/jobs.js';

const jobs = makeJobs(40, { states: ['running'] });
const fleet = fleetOf([
  makeSource('osapi', jobs),
  makeSource('mcrit', [makeJob({ id: 'm1', source: 'mcrit', state: 'failed' })]),
]);
const start = () => createNavigationState(fleet, { columns: 100, rows: 30 });
const press = (state: NavigationState, ...keys: string[]) =>
  keys.reduce((current, key) => navigationReducer(current, { type: 'key', key, at: T0 }), state);
const order = (state: NavigationState) => visibleJobs(state).map((job) => job.key);
const selectedIndex = (state: NavigationState) => order(state).indexOf(state.selectedKey ?? '');

describe('list keys', () => {
  it.each<[string[], number]>([
    [[], 0],
    [['j'], 1],
    [['down', 'down'], 2],
    [['j', 'k'], 0],
    [['k'], 0],
    [['G'], 40],
    [['end'], 40],
    [['G', 'g'], 0],
    [['G', 'home'], 0],
    [['f'], 24],
    [['pagedown'], 24],
    [['f', 'b'], 0],
    [['G', 'j'], 40],
    [['f', 'f', 'pageup'], 16],
  ])('%j selects row %i', (keys, index) => expect(selectedIndex(press(start(), ...keys))).toBe(index));

  it('keeps the window around the selection', () => {
    const state = press(start(), 'G');
    expect(state.listTop).toBeGreaterThan(0);
    expect(press(state, 'g').listTop).toBe(0);
  });

  it.each<[string[], Partial<NavigationState['filter']>]>([
    [['a'], { activeOnly: true, failedOnly: false }],
    [['F'], { failedOnly: true, activeOnly: false }],
    [['a', 'F'], { failedOnly: true, activeOnly: false }],
    [['a', 'a'], { activeOnly: false }],
    [['o'], { source: 'osapi' }],
    [['o', 'o'], { source: 'mcrit' }],
    [['o', 'o', 'o'], { source: null }],
    [['/', 'w', 'e', 'b'], { text: 'web' }],
    [['/', 'w', 'e', 'b', 'enter'], { text: 'web' }],
    [['/', 'w', 'e', 'b', 'escape'], { text: '' }],
    [['/', 'w', 'x', 'backspace', 'enter'], { text: 'w' }],
    [['/', 'w', 'x', 'ctrl-u'], { text: '' }],
    [['/', 'a', 'enter', 'F', 'escape'], { text: '', failedOnly: false }],
  ])('%j sets the filter to %j', (keys, filter) => expect(press(start(), ...keys).filter).toMatchObject(filter));

  it('takes letters as text while the prompt is open', () => {
    const state = press(start(), '/', 'q', 'a', 'r', 'space');
    expect(state.prompt).toMatchObject({ kind: 'filter', text: 'qar ' });
    expect(state.effects).toEqual([]);
    expect(press(state, 'enter').prompt).toBeNull();
  });

  it.each<[string[], { key: string; reverse: boolean }]>([
    [['s'], { key: 'state', reverse: false }],
    [['s', 's'], { key: 'priority', reverse: false }],
    [['I'], { key: 'default', reverse: true }],
    [['s', 'I', 'I'], { key: 'state', reverse: false }],
    [['s', 's', 's', 's', 's', 's', 's'], { key: 'default', reverse: false }],
  ])('%j sorts by %j', (keys, sort) => expect(press(start(), ...keys).sort).toEqual(sort));

  it('keeps the selection on the same job when re-sorting and filtering', () => {
    const chosen = press(start(), 'j', 'j', 'j');
    const key = chosen.selectedKey;
    expect(press(chosen, 's').selectedKey).toBe(key);
    expect(press(chosen, 'I').selectedKey).toBe(key);
    expect(press(chosen, 'a').selectedKey).toBe(key);
  });

  it('moves the selection to the neighbour when a filter hides the job', () => {
    const onFailed = press(start(), 'G');
    expect(onFailed.selectedKey).toBe('mcrit/m1');
    const filtered = press(onFailed, 'a');
    expect(filtered.selectedKey).toBe(order(onFailed)[39]);
  });

  it('toggles per-source counts', () => expect(press(start(), 't').perSourceCounts).toBe(true));
});

describe('global keys queue effects', () => {
  it.each<[string[], string[]]>([
    [['q'], ['quit']],
    [['ctrl-c'], ['quit']],
    [['r'], ['refresh']],
    [['p'], ['toggle-pause']],
    [
      ['+', '-', '='],
      ['interval', 'interval', 'interval'],
    ],
    [['y'], ['copy']],
    [['c', 'D', 'R', 'space'], []],
    [['/', 'ctrl-c'], ['quit']],
    [['?', 'q'], []],
    [['enter', 'y'], ['copy']],
  ])('%j → %j', (keys, kinds) => expect(press(start(), ...keys).effects.map((effect) => effect.kind)).toEqual(kinds));

  it('copies the selected job id and says so', () => {
    const state = press(start(), 'j', 'y');
    const id = visibleJobs(state)[1].id;
    expect(state.effects[0]).toMatchObject({ kind: 'copy', text: id });
    expect(state.flash?.text).toBe(`copied ${id}`);
  });

  it('numbers effects so each is performed once', () => {
    const state = press(start(), 'r', 'r');
    expect(state.effects.map((effect) => effect.id)).toEqual([1, 2]);
  });

  it('explains an action key the source does not have instead of doing nothing', () => {
    expect(press(start(), 'c').flash?.text).toBe("Cancel osapi/job-0: OSAPI's API has no cancel");
    expect(press(start(), 'c').dialog).toBeNull();
  });

  it('opens and closes help; q closes it instead of quitting', () => {
    const help = press(start(), '?');
    expect(help.help).toEqual({ top: 0 });
    expect(press(help, 'j').help?.top).toBe(1);
    expect(press(help, 'q').help).toBeNull();
    expect(press(help, 'escape').help).toBeNull();
  });
});

describe('fleet updates', () => {
  it('keeps the selected job by key across a refresh that reorders', () => {
    const chosen = press(start(), 'j', 'j');
    const key = chosen.selectedKey as string;
    const reordered = fleetOf([
      makeSource(
        'osapi',
        [...jobs].reverse().map((job) => ({ ...job, updatedAt: job.key === key ? T0 : job.updatedAt })),
      ),
    ]);
    const next = navigationReducer(chosen, { type: 'fleet', fleet: reordered });
    expect(next.selectedKey).toBe(key);
    expect(order(next).indexOf(key)).toBe(0);
  });

  it('moves the selection to the next job when the selected one disappears', () => {
    const chosen = press(start(), 'j', 'j');
    const before = order(chosen);
    const gone = before[2];
    const next = navigationReducer(chosen, {
      type: 'fleet',
      fleet: fleetOf([
        makeSource(
          'osapi',
          jobs.filter((job) => job.key !== gone),
        ),
      ]),
    });
    expect(next.selectedKey).toBe(before[3]);
  });
});

describe('detail keys', () => {
  const parent = makeJob({ id: 'p', state: 'running', createdAt: T0 });
  const children = [
    makeJob({ id: 'c1', parentId: 'p', state: 'succeeded', createdAt: T0 - 2 }),
    makeJob({ id: 'c2', parentId: 'p', state: 'succeeded', createdAt: T0 - 1 }),
  ];
  const family = fleetOf([makeSource('osapi', [parent, ...children])]);
  const opened = () => press(createNavigationState(family, { columns: 100, rows: 30 }), 'enter');
  const detail = (state: NavigationState, patch: Partial<DetailSnapshot['detail'] & object>): NavigationState =>
    navigationReducer(state, {
      type: 'detail',
      snapshot: {
        key: state.detail?.stack.at(-1) as string,
        status: 'ok',
        error: null,
        lastSuccessAt: T0,
        detail: { ...makeDetail({ id: 'p', createdAt: T0 }), ...patch },
      },
    });

  it('opens the selected job on the Overview tab', () => {
    const state = opened();
    expect(state.view).toBe('detail');
    expect(state.detail?.stack).toEqual(['osapi/p']);
    expect(state.detail?.tab).toBe('overview');
  });

  it.each<[string[], string]>([
    [['tab'], 'steps'],
    [['tab', 'tab'], 'messages'],
    [['shift-tab'], 'raw'],
    [['4'], 'result'],
    [['5', 'tab'], 'overview'],
    [['l'], 'steps'],
    [['right', 'right'], 'messages'],
    [['h'], 'raw'],
    [['2', '1'], 'overview'],
  ])('%j shows the %s tab', (keys, tab) => expect(press(opened(), ...keys).detail?.tab).toBe(tab));

  it('goes back to the list with the same selection', () => {
    const state = press(opened(), 'escape');
    expect(state.view).toBe('list');
    expect(state.detail).toBeNull();
    expect(state.selectedKey).toBe('osapi/p');
  });

  it('opens a child from the Overview and comes back to the parent', () => {
    const state = press(opened(), 'G', 'k');
    const child = press(state, 'enter');
    expect(child.detail?.stack).toEqual(['osapi/p', 'osapi/c1']);
    expect(press(child, 'escape').detail?.stack).toEqual(['osapi/p']);
    expect(press(child, 'escape', 'escape').view).toBe('list');
  });

  it('ignores detail snapshots of another job', () => {
    const state = opened();
    const other = navigationReducer(state, {
      type: 'detail',
      snapshot: { key: 'osapi/c1', status: 'ok', error: null, lastSuccessAt: T0, detail: null },
    });
    expect(other).toBe(state);
  });

  it('follows new messages until scrolled up, and again from the bottom', () => {
    const messages = Array.from({ length: 100 }, (_, index) => ({
      timestamp: T0,
      level: 'info' as const,
      text: `line ${index}`,
      origin: null,
    }));
    const state = press(detail(opened(), { messages }), '3');
    expect(state.detail?.messages.top).toBeNull();
    const up = press(state, 'k');
    expect(up.detail?.messages.top).toBe(100 - 25 - 1);
    expect(press(up, 'j').detail?.messages.top).toBeNull();
    expect(press(up, 'g').detail?.messages.top).toBe(0);
    expect(press(up, 'G').detail?.messages.top).toBeNull();
  });

  it('searches messages with / and steps through matches with n and N', () => {
    const messages = Array.from({ length: 100 }, (_, index) => ({
      timestamp: T0,
      level: 'info' as const,
      text: index % 10 === 3 ? `needle ${index}` : `hay ${index}`,
      origin: null,
    }));
    const state = press(detail(opened(), { messages }), '3', 'g', '/', 'n', 'e', 'e', 'd', 'l', 'e', 'enter');
    expect(state.detail?.search).toBe('needle');
    expect(state.detail?.match).toBe(3);
    expect(press(state, 'n').detail?.match).toBe(13);
    expect(press(state, 'N').detail?.match).toBe(93);
    expect(press(state, '/', 'escape').detail?.search).toBe('');
  });

  it('folds and unfolds the result tree', () => {
    const state = press(detail(opened(), { result: { a: { b: 1 }, list: [1, 2, 3] } }), '4');
    const folded = press(state, 'j', 'enter');
    expect(folded.detail?.result.toggles.get('$\u0000a')).toBe(false);
    expect(press(folded, 'space').detail?.result.toggles.get('$\u0000a')).toBe(true);
    expect(press(folded, 'right').detail?.result.toggles.get('$\u0000a')).toBe(true);
    const child = press(state, 'j', 'j');
    expect(press(child, 'left').detail?.result.cursor).toBe(1);
  });

  it('shows more children of a large array on Enter', () => {
    const state = press(
      detail(opened(), { result: Array.from({ length: 1000 }, (_, index) => index) }),
      '4',
      'G',
      'enter',
    );
    expect(state.detail?.result.limits.get('$')).toBe(100);
  });
});

describe('selection while sources answer one by one', () => {
  const early = makeJob({ id: 'done-early', source: 'osapi', state: 'succeeded' });
  const urgent = makeJob({ id: 'urgent', source: 'mcrit', state: 'running' });
  const firstAnswer = fleetOf([makeSource('osapi', [early]), makeSource('mcrit', [])]);
  const bothAnswered = fleetOf([makeSource('osapi', [early]), makeSource('mcrit', [urgent])]);

  it('follows the top row until the operator moves the selection', () => {
    const state = navigationReducer(createNavigationState(firstAnswer, { columns: 100, rows: 30 }), {
      type: 'fleet',
      fleet: bothAnswered,
    });
    expect(order(state)[0]).toBe('mcrit/urgent');
    expect(state.selectedKey).toBe('mcrit/urgent');
  });

  it('stays on the chosen job once the operator has moved, even when another job sorts above it', () => {
    const moved = press(createNavigationState(firstAnswer, { columns: 100, rows: 30 }), 'j', 'k');
    const state = navigationReducer(moved, { type: 'fleet', fleet: bothAnswered });
    expect(state.selectedKey).toBe('osapi/done-early');
  });
});
