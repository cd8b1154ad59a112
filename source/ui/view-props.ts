/**
 * The props each screen draws, selected from the navigation state. Views take only these
 * (they never import the navigation state: .dependency-cruiser.cjs), so every value a screen
 * derives from the state (visible rows, triage, staleness, footer hints, overlay panels, tab
 * content) is computed here, in one place, by the same selectors the reducer uses.
 */
import { isFilterActive } from '../domain/filter.js';
import { footerActions } from './action-hints.js';
import { rowAction } from './action-status.js';
import { tabLines } from './content/detail-content.js';
import type { NavigationState } from './navigation-state.js';
import { activeScopes, detailJob, detailKey, detailSource, fleetAttention, indexOfKey, visibleJobs } from './select.js';
import { staleSources } from './staleness.js';
import type { DetailViewProps } from './views/detail-view.js';
import type { FooterProps } from './views/footer-line.js';
import type { HelpOverlayProps } from './views/help-overlay.js';
import type { MainViewProps } from './views/main-view.js';
import { overlayLines } from './views/overlay-lines.js';
import type { SourcesViewProps } from './views/sources-view.js';

/** The footer of the current screen; `withActions` offers only the action keys the job's source has. */
export function footerProps(state: NavigationState, withActions = false): FooterProps {
  const actions = withActions ? footerActions(state) : null;
  return {
    keymap: state.keymap,
    scopes: activeScopes(state),
    paused: state.fleet.paused,
    intervalMs: state.fleet.intervalMs,
    prompt: state.prompt,
    flash: state.flash,
    ...(actions && { shown: actions.shown, note: actions.note }),
  };
}

/** What the table says when it has no rows: no sources, still waiting, nothing matches, or no jobs. */
export function emptySentence(state: Pick<NavigationState, 'fleet' | 'filter'>): string {
  const { sources } = state.fleet;
  if (sources.length === 0) return 'No sources are configured.';
  if (state.fleet.jobs.length === 0 && sources.some((source) => source.status === 'loading'))
    return 'Waiting for the sources to answer…';
  if (isFilterActive(state.filter)) return 'No jobs match the filter (Esc clears it).';
  return 'No jobs.';
}

/** The main screen at `now` (epoch ms rounded to seconds). */
export function mainViewProps(state: NavigationState, now: number): MainViewProps {
  const { fleet } = state;
  const rows = visibleJobs(state);
  return {
    rows,
    now,
    viewport: state.viewport,
    fleet,
    selectedIndex: indexOfKey(rows, state.selectedKey),
    selectedKey: state.selectedKey,
    listTop: state.listTop,
    sort: state.sort,
    filter: state.filter,
    readonly: state.readonly,
    perSourceCounts: state.perSourceCounts,
    marks: state.marks,
    columnIds: state.columns,
    attention: fleetAttention(fleet.jobs, state.durations, now, state.triageOptions, fleet.actions),
    stale: staleSources(fleet, now),
    empty: emptySentence(state),
    overlay: overlayLines(state, state.viewport.columns),
    footer: footerProps(state, true),
  };
}

/** The detail screen at `now`: the opened job, its source and the current tab's lines. */
export function detailViewProps(state: NavigationState, now: number): DetailViewProps {
  const key = detailKey(state);
  const detail = key === null ? null : state.detail;
  return {
    detail,
    jobKey: key,
    job: detailJob(state),
    source: detailSource(state),
    lines: detail ? tabLines(state, detail.tab, now) : [],
    action: key === null ? null : rowAction(state.fleet, key, now),
    paused: state.fleet.paused,
    viewport: state.viewport,
    overlay: detail ? overlayLines(state, state.viewport.columns) : [],
    footer: footerProps(state, true),
    now,
  };
}

/** The sources screen. */
export function sourcesViewProps(state: NavigationState, now: number): SourcesViewProps {
  return {
    sources: state.fleet.sources,
    activity: state.activity,
    cursor: state.sources.cursor,
    viewport: state.viewport,
    footer: footerProps(state),
    now,
  };
}

/** The `?` overlay over the current view. */
export function helpOverlayProps(state: NavigationState, now: number): HelpOverlayProps {
  return {
    under: activeScopes(state, true),
    keymap: state.keymap,
    top: state.help?.top ?? 0,
    viewport: state.viewport,
    // why: the prompt under the overlay stays open but is not drawn; the overlay's footer shows its own keys.
    footer: { ...footerProps(state), prompt: null },
    now,
  };
}
