import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../source/domain/filter.js';
import { createNavigationState } from '../../source/ui/navigation.js';
import type { NavigationState } from '../../source/ui/navigation-state.js';
import {
  detailViewProps,
  emptySentence,
  footerProps,
  helpOverlayProps,
  mainViewProps,
} from '../../source/ui/view-props.js';
import { fleetOf } from '../helpers/fake-store.js';
import { makeJobs, makeSource, T0 } from '../helpers/jobs.js';

const VIEWPORT = { columns: 100, rows: 30 };

function stateOf(patch: Partial<NavigationState> = {}, readonly = false): NavigationState {
  const fleet = fleetOf([makeSource('osapi', makeJobs(5))]);
  return { ...createNavigationState(fleet, VIEWPORT, { readonly }), ...patch };
}

describe('the sentence of an empty job table', () => {
  it.each([
    ['no source is configured', fleetOf([]), EMPTY_FILTER, 'No sources are configured.'],
    [
      'a source is still loading and no job arrived',
      fleetOf([makeSource('osapi', [], { status: 'loading', lastSuccessAt: null })]),
      EMPTY_FILTER,
      'Waiting for the sources to answer…',
    ],
    [
      'a filter hides every job',
      fleetOf([makeSource('osapi', makeJobs(2))]),
      { ...EMPTY_FILTER, text: 'nothing-matches' },
      'No jobs match the filter (Esc clears it).',
    ],
    ['the sources answered with no job', fleetOf([makeSource('osapi', [])]), EMPTY_FILTER, 'No jobs.'],
  ])('says so when %s', (_case, fleet, filter, sentence) => {
    expect(emptySentence({ fleet, filter })).toBe(sentence);
  });
});

describe('the props the screens draw', () => {
  it('give the main screen the visible rows and where the selection is among them', () => {
    const state = stateOf();
    const props = mainViewProps(state, T0);
    expect(props.rows.map((job) => job.key)).toHaveLength(5);
    expect(props.selectedKey).toBe(state.selectedKey);
    expect(props.rows[props.selectedIndex]?.key).toBe(state.selectedKey);
    expect(props.overlay).toEqual([]);
  });

  it('offer no action keys in a read-only app, and say why in the footer', () => {
    expect(footerProps(stateOf({}, true), true).note).toBe('read-only: no actions');
    expect(footerProps(stateOf({}, false), true).note).toBeNull();
  });

  it('leave the action hints out of footers that offer no actions (help, sources)', () => {
    const footer = footerProps(stateOf({ view: 'sources' }));
    expect(footer.shown).toBeUndefined();
    expect(footer.note).toBeUndefined();
  });

  it('draw no prompt under the help overlay, even while one is open', () => {
    const state = stateOf({ help: { top: 3 }, prompt: { kind: 'filter', text: 'osapi' } });
    const props = helpOverlayProps(state, T0);
    expect(props.footer.prompt).toBeNull();
    expect(props.top).toBe(3);
    expect(props.under).toEqual(['list', 'global']);
  });

  it('give the detail screen nothing to draw while no job is open', () => {
    const props = detailViewProps(stateOf(), T0);
    expect(props.detail).toBeNull();
    expect(props.jobKey).toBeNull();
    expect(props.lines).toEqual([]);
  });
});
