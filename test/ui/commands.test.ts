import { describe, expect, it } from 'vitest';
import { createNavigationState, navigationReducer } from '../../source/ui/navigation.js';
import type { NavigationState } from '../../source/ui/navigation-state.js';
import { completeCommandLine } from '../../source/ui/navigation-commands.js';
import { visibleJobs } from '../../source/ui/select.js';
import { fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeSource, T0 } from '../helpers/jobs.js';

const fleet = fleetOf([
  makeSource('osapi', [
    makeJob({ id: 'run-1', state: 'running', type: 'process-chart' }),
    makeJob({ id: 'bad-2', state: 'failed', type: 'ETL nightly' }),
    makeJob({ id: 'same', state: 'queued' }),
  ]),
  makeSource('mcrit', [
    makeJob({ id: 'm1', source: 'mcrit', state: 'succeeded' }),
    makeJob({ id: 'same', source: 'mcrit', state: 'succeeded' }),
  ]),
]);
const views = [
  { name: 'failed-etl', query: 'state:failed type:ETL*' },
  { name: 'mcrit', query: 'source:mcrit' },
];
const start = (history: string[] = []) =>
  createNavigationState(fleet, { columns: 100, rows: 30 }, { views, commandHistory: history });
const press = (state: NavigationState, ...keys: string[]) =>
  keys.reduce((current, key) => navigationReducer(current, { type: 'key', key, at: T0 }), state);
const typeLine = (state: NavigationState, text: string) =>
  press(state, ...[...text].map((char) => (char === ' ' ? 'space' : char)));
const run = (line: string, state = start()) => press(typeLine(press(state, ':'), line), 'enter');
const ids = (state: NavigationState) => visibleJobs(state).map((job) => job.key);

describe(': commands', () => {
  it.each<[string, (state: NavigationState) => unknown, unknown]>([
    ['source mcrit', (state) => state.filter.source, 'mcrit'],
    ['source all', (state) => state.filter.source, null],
    ['filter state:failed', ids, ['osapi/bad-2']],
    ['filter queued process-chart', ids, []],
    ['filter -state:succeeded', ids, ['osapi/run-1', 'osapi/same', 'osapi/bad-2']],
    ['sort created desc', (state) => state.sort, { key: 'created', reverse: false }],
    ['sort created asc', (state) => state.sort, { key: 'created', reverse: true }],
    ['sort type', (state) => state.sort, { key: 'type', reverse: false }],
    ['open osapi/run-1', (state) => [state.view, state.detail?.stack], ['detail', ['osapi/run-1']]],
    ['open m1', (state) => [state.view, state.detail?.stack], ['detail', ['mcrit/m1']]],
    ['sources', (state) => state.view, 'sources'],
    ['view failed-etl', ids, ['osapi/bad-2']],
    ['columns state,id,error', (state) => state.columns, ['state', 'id', 'error']],
    ['columns default', (state) => state.columns, null],
    ['q', (state) => state.effects.map((effect) => effect.kind), ['remember-command', 'quit']],
    [
      'interval 5s',
      (state) => state.effects.map((effect) => (effect.kind === 'set-interval' ? effect.ms : effect.kind)),
      ['remember-command', 5000],
    ],
  ])(':%s', (line, read, expected) => expect(read(run(line))).toEqual(expected));

  it.each<[string, RegExp]>([
    ['frobnicate', /no command :frobnicate — commands: filter, source, sort/],
    ['source nowhere', /no source named nowhere \(osapi, mcrit\)/],
    ['sort age', /sort: expected one of default, state/],
    ['filter sate:x', /filter: column 1: unknown field "sate"/],
    ['open same', /2 jobs have id same: open SOURCE\/ID \(osapi, mcrit\)/],
    ['open nothing', /no job nothing/],
    ['view nope', /no view named nope \(failed-etl, mcrit\)/],
    ['columns state,bogus', /unknown column "bogus"/],
    ['interval 100ms', /at least 500ms/],
  ])(':%s says what is wrong in the footer', (line, message) => {
    const state = run(line);
    expect(state.flash?.text).toMatch(message);
    expect(state.prompt).toBeNull();
  });

  it.each<[string, string]>([
    ['sorce analytics', 'no command :sorce — did you mean :source?'],
    ['histroy', 'no command :histroy — did you mean :history?'],
    ['qiut', 'no command :qiut — commands: filter, source, sort, open, sources, history, view, columns, interval, q'],
    ['source mcrti', 'source: no source named mcrti — did you mean mcrit?'],
    ['source OSAPI', 'source: no source named OSAPI — did you mean osapi?'],
    ['sort craeted', 'sort: no field craeted — did you mean created?'],
    ['sort xyz', 'sort: expected one of default, state, priority, created, updated, source, type'],
    ['columns state,eror', 'columns: unknown column "eror" — did you mean error?'],
    ['view failed-elt', 'view: no view named failed-elt — did you mean failed-etl?'],
    [
      'filter sate:failed',
      'filter: column 1: unknown field "sate" — did you mean state? (or quote a word with a colon: "a:b")',
    ],
  ])(':%s suggests the closest name in the footer', (line, message) => {
    const state = run(line);
    expect(state.flash?.text).toMatch(message);
    expect(state.prompt).toBeNull();
  });

  it(':history opens the action history view (the same as H)', () => {
    const state = run('history');
    expect(state.history).not.toBeNull();
    expect(state.prompt).toBeNull();
  });

  it('remembers each line once, newest last, and recalls with ↑/↓', () => {
    const state = run('source osapi', run('sources', run('source mcrit')));
    expect(state.commandHistory).toEqual(['source mcrit', 'sources', 'source osapi']);
    expect(run('source mcrit', state).commandHistory).toEqual(['sources', 'source osapi', 'source mcrit']);
    const open = press(state, ':');
    expect(press(open, 'up').prompt?.text).toBe('source osapi');
    expect(press(open, 'up', 'up').prompt?.text).toBe('sources');
    expect(press(open, 'up', 'up', 'up', 'up').prompt?.text).toBe('source mcrit');
    expect(press(open, 'up', 'up', 'down').prompt?.text).toBe('source osapi');
    expect(press(open, 'up', 'down').prompt?.text).toBe('');
    expect(press(open, 'ctrl-p').prompt?.text).toBe('source osapi');
  });

  it('starts with the history kept from earlier runs', () => {
    expect(press(start(['sort type']), ':', 'up').prompt?.text).toBe('sort type');
  });
});

describe('Tab completion', () => {
  it.each<[string, string]>([
    ['so', 'so'],
    ['sou', 'source'],
    ['sour', 'source'],
    ['sor', 'sort '],
    ['sources', 'sources'],
    ['source m', 'source mcrit'],
    ['sort cr', 'sort created'],
    ['sort created d', 'sort created desc'],
    ['view fa', 'view failed-etl'],
    ['open osapi/r', 'open osapi/run-1'],
    ['open mcrit/', 'open mcrit/'],
    ['filter sta', 'filter sta'],
    ['filter stat', 'filter state:'],
    ['filter state:fa', 'filter state:failed'],
    ['filter -sou', 'filter -source:'],
    ['filter source:o', 'filter source:osapi'],
    ['filter flag:att', 'filter flag:attention'],
    ['filter pri:ur', 'filter pri:urgent'],
    ['columns state,er', 'columns state,error'],
    ['zzz', 'zzz'],
  ])('completes %j to %j', (line, expected) => expect(completeCommandLine(start(), line)).toBe(expected));

  it('completes through the Tab key in the prompt', () => {
    expect(press(typeLine(press(start(), ':'), 'sor'), 'tab').prompt?.text).toBe('sort ');
  });
});

describe('the query prompt', () => {
  it('keeps the last good query while the typed one does not parse, and says why', () => {
    const etl = typeLine(press(start(), '/'), 'etl');
    expect(ids(etl)).toEqual(['osapi/bad-2']);
    const typing = typeLine(press(start(), '/'), 'type:');
    expect(typing.prompt?.error).toBe('column 6: type: needs a value after the colon');
    expect(ids(typing)).toEqual(ids(typeLine(press(start(), '/'), 'type')));
    const good = typeLine(press(start(), '/'), 'state:failed');
    expect(good.prompt?.error).toBeNull();
    expect(ids(good)).toEqual(['osapi/bad-2']);
    const bad = typeLine(good, ' "et');
    expect(bad.prompt?.error).toBe('column 14: this quote is never closed');
    expect(ids(bad)).toEqual(['osapi/bad-2']);
    const committed = press(bad, 'enter');
    expect(committed.flash?.text).toMatch(
      /query not applied: column 14: this quote is never closed \(kept \/state:failed\)/,
    );
  });

  it('toggles the attention filter with !', () => {
    const state = press(start(), '!');
    expect(state.filter.attention).toBe(true);
    expect(ids(state)).toEqual(['osapi/bad-2']);
    expect(press(state, '!').filter.attention).toBe(false);
  });

  it('applies views 1–9 and says when there is none', () => {
    expect(ids(press(start(), '2'))).toEqual(['mcrit/m1', 'mcrit/same']);
    expect(press(start(), '5').flash?.text).toMatch(/there are 2 views \(1 failed-etl, 2 mcrit\)/);
  });

  it('says that an unbound key is not a key here', () => {
    expect(press(start(), 'x').flash?.text).toBe('x is not a key here — ? for help');
  });
});

describe('the sources screen', () => {
  it('opens with S, moves, filters the list to the selected source with Enter, and goes back with Esc', () => {
    const open = press(start(), 'S');
    expect(open.view).toBe('sources');
    expect(press(open, 'escape').view).toBe('list');
    const chosen = press(open, 'j', 'enter');
    expect(chosen.view).toBe('list');
    expect(chosen.filter.source).toBe('mcrit');
    expect(ids(chosen)).toEqual(['mcrit/m1', 'mcrit/same']);
  });
});
