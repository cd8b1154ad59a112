/**
 * Pure selectors over the navigation state: the visible (filtered, sorted) jobs, the
 * selected and opened jobs, and the key scopes in force. Memoized on the fleet's jobs
 * array so the reducer can call them on every key press without re-sorting.
 */
import type { Job, JobDetail } from '../domain/job.js';
import { jobKey, parseJobKey } from '../domain/job.js';
import { compareJobs, sortJobs } from '../domain/sort.js';
import { filterJobs, filterNeedsContext, isFilterActive, narrows, type JobFilter } from '../domain/filter.js';
import { filterRows } from './row-search.js';
import type { SortSpec } from '../domain/sort.js';
import {
  computeTriage,
  jobTriage,
  triageFlagNames,
  triageWithChange,
  type TriageFlags,
  type TriageOptions,
} from '../domain/triage.js';
import type { DurationSamples } from '../domain/duration-samples.js';
import type { PendingAction, SourceSnapshot } from '../store/types.js';
import type { Scope } from './keymap.js';
import type { DetailTab, NavigationState } from './navigation-state.js';
import { detailLayout, frameHeight, mainLayout } from './layout.js';

const visibleCache = new WeakMap<readonly Job[], Map<string, Job[]>>();
/** The unfiltered sorted rows of a jobs array, by sort: the basis any filter can start from. */
const unfilteredCache = new WeakMap<readonly Job[], Map<string, Job[]>>();
const lastVisible = new WeakMap<readonly Job[], { sort: SortSpec; filter: JobFilter; rows: Job[] }>();
const indexCache = new WeakMap<
  readonly Job[],
  { key: string | null; at: number; scans: number; map: Map<string, number> | null }
>();
const byKeyCache = new WeakMap<readonly Job[], Map<string, Job>>();

const triageCache = new WeakMap<
  readonly Job[],
  { durations: DurationSamples | undefined; now: number; unknown: string; triage: Map<string, TriageFlags> }
>();

/**
 * Triage flags of the fleet's jobs at `now` with the session's run-time samples; jobs whose last
 * action's outcome is still unknown (`actions`) get the unknown-outcome flag. Cached per jobs
 * array, samples, instant and set of unknown outcomes.
 */
export function fleetTriage(
  jobs: readonly Job[],
  durations: DurationSamples | undefined,
  now: number,
  options: Omit<TriageOptions, 'samples' | 'unknownOutcome'> = {},
  actions: readonly Pick<PendingAction, 'jobKey' | 'status'>[] = [],
): Map<string, TriageFlags> {
  const unknownOutcome = new Set(
    actions.filter((action) => action.status === 'unknown').map((action) => action.jobKey),
  );
  const unknown = [...unknownOutcome].join('\n');
  const cached = triageCache.get(jobs);
  if (cached && cached.durations === durations && cached.now === now && cached.unknown === unknown)
    return cached.triage;
  const triage = computeTriage(jobs, now, { ...options, samples: durations, unknownOutcome });
  triageCache.set(jobs, { durations, now, unknown, triage });
  return triage;
}

/** One job's triage flags at `now` (the detail's overview), without triaging every other job. */
export function jobTriageFlags(
  jobs: readonly Job[],
  job: Job,
  durations: DurationSamples | undefined,
  now: number,
  options: Omit<TriageOptions, 'samples' | 'unknownOutcome'> = {},
  actions: readonly Pick<PendingAction, 'jobKey' | 'status'>[] = [],
): TriageFlags | undefined {
  const unknownOutcome = new Set(
    actions.filter((action) => action.status === 'unknown' && action.jobKey === job.key).map((action) => action.jobKey),
  );
  return jobTriage(jobs, job, now, { ...options, samples: durations, unknownOutcome });
}

const NO_OPTIONS = {};
const attentionCache = new WeakMap<
  readonly Job[],
  {
    durations: DurationSamples | undefined;
    options: object;
    unknown: string;
    from: number;
    changesAt: number;
    keys: ReadonlySet<string>;
  }
>();

/**
 * Which jobs triage flags at `now` (the table's `!` lead), and the instant that set next changes
 * by time alone. Cached per jobs array, samples, options and unknown outcomes while `now` stays
 * before that instant: at 100,000 jobs a keypress in a new second no longer re-triages them all.
 */
export function fleetAttention(
  jobs: readonly Job[],
  durations: DurationSamples | undefined,
  now: number,
  options: Omit<TriageOptions, 'samples' | 'unknownOutcome'> = NO_OPTIONS,
  actions: readonly Pick<PendingAction, 'jobKey' | 'status'>[] = [],
): { keys: ReadonlySet<string>; changesAt: number } {
  const unknownOutcome = new Set(
    actions.filter((action) => action.status === 'unknown').map((action) => action.jobKey),
  );
  const unknown = [...unknownOutcome].join('\n');
  const cached = attentionCache.get(jobs);
  if (
    cached &&
    cached.durations === durations &&
    cached.options === options &&
    cached.unknown === unknown &&
    now >= cached.from &&
    now < cached.changesAt
  )
    return cached;
  const { triage, changesAt } = triageWithChange(jobs, now, { ...options, samples: durations, unknownOutcome });
  const entry = { durations, options, unknown, from: now, changesAt, keys: new Set(triage.keys()) };
  attentionCache.set(jobs, entry);
  return entry;
}

/** The jobs the table lists, filtered and sorted (cached per jobs array, sort and filter; per instant for time and flag queries). */
export function visibleJobs(
  state: Pick<NavigationState, 'fleet' | 'sort' | 'filter'> &
    Partial<Pick<NavigationState, 'now' | 'durations' | 'triageOptions'>>,
): Job[] {
  const jobs = state.fleet.jobs;
  const now = state.now ?? 0;
  const contextual = filterNeedsContext(state.filter);
  // why: only time and flag queries change with the clock; others keep one cache entry across key presses.
  const signature = JSON.stringify([state.sort, state.filter, contextual ? now : 0]);
  let entries = visibleCache.get(jobs);
  if (!entries) visibleCache.set(jobs, (entries = new Map<string, Job[]>()));
  let rows = entries.get(signature);
  if (!rows) {
    if (entries.size > 16) entries.clear(); // why: typing a filter creates one entry per keystroke
    // why: a narrower filter over the same jobs and sort filters the previous (already sorted) rows:
    // a keystroke in the / prompt then costs a pass over the matches so far, not a sort of every job.
    // Only free words narrow that way (narrows); time and flag queries depend on the clock.
    const last = lastVisible.get(jobs);
    const narrower =
      !contextual &&
      last &&
      last.sort.key === state.sort.key &&
      last.sort.reverse === state.sort.reverse &&
      narrows(last.filter, state.filter);
    const triage = contextual
      ? fleetTriage(jobs, state.durations, now, state.triageOptions, state.fleet.actions)
      : null;
    const context = { now, flagsOf: (job: Job) => triageFlagNames(triage?.get(job.key)) };
    const before = !contextual && previousRound?.signature === signature ? previousRound : null;
    // why: any filter over the same jobs and sort can start from the unfiltered sorted rows (kept
    // apart from the per-filter entries): a filter typed afresh is then one pass, no sort.
    const sortSignature = `${state.sort.key}:${state.sort.reverse}`;
    const basis = narrower ? last.rows : unfilteredCache.get(jobs)?.get(sortSignature);
    const active = isFilterActive(state.filter);
    rows = basis
      ? active
        ? filterRows(basis, state.filter, context)
        : basis
      : ((before && mergeRound(before.jobs, before.rows, jobs, state.filter, state.sort)) ??
        sortJobs(filterJobs(jobs, state.filter, context), state.sort));
    if (!active) {
      let sorted = unfilteredCache.get(jobs);
      if (!sorted) unfilteredCache.set(jobs, (sorted = new Map<string, Job[]>()));
      sorted.set(sortSignature, rows);
    }
    entries.set(signature, rows);
  }
  lastVisible.set(jobs, { sort: state.sort, filter: state.filter, rows });
  if (!contextual) previousRound = { jobs, signature, rows };
  return rows;
}

/** The last rows computed without the clock: a poll round's new jobs array starts from them. */
let previousRound: { jobs: readonly Job[]; signature: string; rows: Job[] } | null = null;

/**
 * The rows of `jobs` from the rows of the previous jobs array under the same filter and sort: the
 * store keeps a job's object while nothing of it changes (reuseUnchanged), so a kept object keeps
 * its place and its filter verdict; only new objects are filtered, sorted and merged in. Every
 * order ends with the job key (sort.ts), so the result equals a full sort. Null when too much
 * changed for this to pay.
 */
export function mergeRound(
  previousJobs: readonly Job[],
  previousRows: readonly Job[],
  jobs: readonly Job[],
  filter: JobFilter,
  sort: SortSpec,
): Job[] | null {
  const known = new Set(previousJobs);
  const added: Job[] = [];
  for (const job of jobs) if (!known.has(job)) added.push(job);
  if (added.length > jobs.length / 4) return null;
  const present = new Set(jobs);
  const kept: Job[] = [];
  for (const job of previousRows) if (present.has(job)) kept.push(job);
  const fresh = sortJobs(filterJobs(added, filter), sort);
  if (fresh.length === 0) return kept;
  const compare = compareJobs(sort);
  const out: Job[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length && j < fresh.length) out.push(compare(kept[i], fresh[j]) <= 0 ? kept[i++] : fresh[j++]);
  while (i < kept.length) out.push(kept[i++]);
  while (j < fresh.length) out.push(fresh[j++]);
  return out;
}

/** How far around the last answer indexOfKey looks before scanning the list (a page of rows and more). */
const NEAR = 128;

/**
 * Position of a key in a row list, -1 when it is not listed. Cached per list: the last answer,
 * then the rows around it (a move or a page), then one scan; a list asked to scan a second time
 * gets a map of every key. why: a filter keystroke makes a new list of up to 100,000 rows, and a
 * map of every key for each one (only to place the selection once) was most of its cost.
 */
export function indexOfKey(rows: readonly Job[], key: string | null): number {
  if (key === null) return -1;
  let entry = indexCache.get(rows);
  if (!entry) indexCache.set(rows, (entry = { key: null, at: -1, scans: 0, map: null }));
  if (entry.map) return entry.map.get(key) ?? -1;
  if (entry.key === key) return entry.at;
  let at = -1;
  if (entry.at !== -1) {
    const from = Math.max(0, entry.at - NEAR);
    const to = Math.min(rows.length, entry.at + NEAR + 1);
    for (let position = from; position < to && at === -1; position++) if (rows[position].key === key) at = position;
  }
  if (at === -1) {
    entry.scans += 1;
    if (entry.scans > 1) {
      entry.map = new Map(rows.map((job, position) => [job.key, position]));
      return entry.map.get(key) ?? -1;
    }
    at = rows.findIndex((job) => job.key === key);
  }
  entry.key = key;
  entry.at = at;
  return at;
}

const byKeyPartial = new WeakMap<readonly Job[], { map: Map<string, Job>; filled: number }>();

/**
 * Adds up to `budget` more jobs to jobsByKey(jobs)'s map; true when it is complete. Called in idle
 * slices (use-idle-warmup.ts): with 100,000 jobs the map is most of the first Enter's cost.
 */
export function warmJobsByKey(jobs: readonly Job[], budget: number): boolean {
  if (byKeyCache.has(jobs)) return true;
  let partial = byKeyPartial.get(jobs);
  if (!partial) byKeyPartial.set(jobs, (partial = { map: new Map(), filled: 0 }));
  const end = Math.min(jobs.length, partial.filled + budget);
  for (let index = partial.filled; index < end; index++) partial.map.set(jobs[index].key, jobs[index]);
  partial.filled = end;
  if (end < jobs.length) return false;
  byKeyCache.set(jobs, partial.map);
  byKeyPartial.delete(jobs);
  return true;
}

/** The fleet's jobs by key (cached per jobs array; finished now where warming has not). */
export function jobsByKey(jobs: readonly Job[]): Map<string, Job> {
  warmJobsByKey(jobs, jobs.length);
  return byKeyCache.get(jobs) as Map<string, Job>;
}

/** The selected job of the list, if it is visible. */
export function selectedJob(state: NavigationState): Job | null {
  const rows = visibleJobs(state);
  const index = indexOfKey(rows, state.selectedKey);
  return index === -1 ? null : rows[index];
}

/** The key of the job the detail view shows. */
export function detailKey(state: NavigationState): string | null {
  return state.detail ? (state.detail.stack[state.detail.stack.length - 1] ?? null) : null;
}

/** The best known version of the opened job: its detail when it arrived, else the list's Job. */
export function detailJob(state: NavigationState): Job | JobDetail | null {
  const key = detailKey(state);
  if (key === null) return null;
  const snapshot = state.detail?.snapshot;
  if (snapshot && snapshot.key === key && snapshot.detail) return snapshot.detail;
  return jobsByKey(state.fleet.jobs).get(key) ?? null;
}

/** The detail payload, when the store has delivered one for the opened job. */
export function detailPayload(state: NavigationState): JobDetail | null {
  const snapshot = state.detail?.snapshot;
  return snapshot && snapshot.key === detailKey(state) ? snapshot.detail : null;
}

/** A source's snapshot by configured name. */
export function sourceByName(
  state: Pick<NavigationState, 'fleet'>,
  name: string | null | undefined,
): SourceSnapshot | undefined {
  return name ? state.fleet.sources.find((source) => source.name === name) : undefined;
}

/** The source of the opened job (by its key when the job itself is unknown). */
export function detailSource(state: NavigationState): SourceSnapshot | undefined {
  const key = detailKey(state);
  return sourceByName(state, detailJob(state)?.source ?? (key ? parseJobKey(key)?.source : undefined));
}

/** Children of a job: list jobs of the same source whose parentId is its id, plus ids the store listed. */
export function childKeys(jobs: readonly Job[], job: Job | JobDetail): string[] {
  const keys = new Set<string>();
  const children = [...(childrenByParent(jobs).get(jobKey(job.source, job.id)) ?? [])];
  children.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || (a.key < b.key ? -1 : 1));
  for (const child of children) keys.add(child.key);
  for (const id of (job as JobDetail).childIds ?? []) keys.add(jobKey(job.source, id));
  return [...keys];
}

const childrenCache = new WeakMap<readonly Job[], Map<string, Job[]>>();

/**
 * Listed jobs by their parent's key, in list order (cached per jobs array).
 * why: the detail redraws every second; scanning 100,000 jobs for one job's children each time showed in the profile.
 */
function childrenByParent(jobs: readonly Job[]): Map<string, Job[]> {
  let index = childrenCache.get(jobs);
  if (!index) {
    index = new Map();
    for (const job of jobs) {
      if (job.parentId === null || job.parentId === undefined) continue;
      const parent = jobKey(job.source, job.parentId);
      const list = index.get(parent);
      if (list) list.push(job);
      else index.set(parent, [job]);
    }
    childrenCache.set(jobs, index);
  }
  return index;
}

/** The scope the tab's own keys live in. */
export function tabScope(tab: DetailTab): Scope {
  return tab === 'overview' ? 'overview' : tab === 'messages' ? 'logs' : tab === 'result' ? 'result' : 'pager';
}

/** Key scopes in force, most specific first; the help overlay lists those under it. */
export function activeScopes(state: NavigationState, underOverlay = false): Scope[] {
  // why: the dialog is modal; only ctrl-c reaches the global scope (applyKey), so no key can act behind it.
  if (state.dialog && !underOverlay) return [state.dialog.confirmText === null ? 'confirm' : 'typed'];
  if (state.prompt && !underOverlay) return ['input'];
  if (state.help && !underOverlay) return ['help', 'global'];
  if (state.history) return ['history', 'global'];
  if (state.outcome) return ['outcome', 'global'];
  if (state.view === 'detail' && state.detail) return [tabScope(state.detail.tab), 'detail', 'global'];
  if (state.view === 'sources') return ['sources', 'global'];
  return ['list', 'global'];
}

/** Rows of the table body. */
export function listBodyHeight(state: NavigationState): number {
  return mainLayout(state.viewport, state.fleet.sources.length, state.perSourceCounts).body;
}

/** Lines of the detail body. */
export function detailBodyHeight(state: NavigationState): number {
  return detailLayout(state.viewport).body;
}

/**
 * Lines an overlay panel (dialog, outcomes) may take above the footer: on a normal terminal all
 * but the title and a few rows of context; on a small one everything (the header gives way).
 */
export function overlayRoom(state: Pick<NavigationState, 'viewport'>): number {
  const frame = frameHeight(state.viewport);
  return Math.max(1, frame - (frame >= 2 ? 1 : 0) - (frame >= 16 ? 4 : 0));
}

/** Item lines the outcomes overlay shows at once (its title and bottom rule aside). */
export function outcomeBodyHeight(state: Pick<NavigationState, 'viewport'>): number {
  return Math.max(1, overlayRoom(state) - 2);
}

/** What the overlay panels (ui/views/overlay-lines.ts) read: the open overlay, the actions sent, the fleet, the viewport, the instant. */
export type OverlayState = Pick<
  NavigationState,
  'viewport' | 'dialog' | 'outcome' | 'history' | 'submissions' | 'fleet' | 'now'
>;
