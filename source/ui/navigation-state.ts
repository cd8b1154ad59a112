/**
 * The navigation reducer's state and actions: everything the screen shows that is not
 * fleet data (view, selection by key, sort, filter, toggles, tab, scroll offsets, overlay,
 * prompt) plus the latest fleet and detail snapshots, so keys resolve against fresh data.
 */
import type { DetailSnapshot, FleetSnapshot, RecheckResult } from '../store/types.js';
import type { HistoryTail } from '../store/action-history.js';
import type { Job } from '../domain/job.js';
import type { ActionKind } from '../adapters/contract.js';
import type { ActionDialog, Submission } from './action-types.js';

export type { ActionDialog, ActionTarget, RecheckState, SkippedTarget, Submission } from './action-types.js';
import type { DetailState, DetailTab } from './detail-state.js';
export {
  DETAIL_TABS,
  TAB_TITLES,
  type CursorPane,
  type DetailState,
  type DetailTab,
  type TreePane,
} from './detail-state.js';
import type { Flash, PromptState } from './footer-state.js';
export type { Flash, FlashTone, PromptState } from './footer-state.js';
import { DEFAULT_SORT, type SortSpec } from '../domain/sort.js';
import { EMPTY_FILTER, type JobFilter } from '../domain/filter.js';
import { NO_SAMPLES, type DurationSamples } from '../domain/duration-samples.js';
import { NO_ACTIVITY, type ActivityHistory } from '../domain/activity.js';
import type { KeyName } from './keys.js';
import { KEYMAP, type Binding } from './keymap.js';
import type { TriageOptions } from '../domain/triage.js';
import type { Viewport } from './layout.js';

/** A side effect the App performs after the reducer asks for it. */
export type Effect = { id: number } & (
  | { kind: 'quit' }
  | { kind: 'refresh' }
  | { kind: 'toggle-pause' }
  | { kind: 'interval'; direction: 'faster' | 'slower' }
  | { kind: 'set-interval'; ms: number }
  | { kind: 'remember-command'; text: string }
  | { kind: 'copy'; text: string }
  | {
      kind: 'run-action';
      action: ActionKind;
      keys: readonly string[];
      /** The jobs as the dialog's re-read found them. */ jobs?: ReadonlyMap<string, Job>;
    }
  | { kind: 'recheck'; check: number; keys: readonly string[] }
  | { kind: 'read-history' }
);

/** What the history view knows of earlier sessions: being read, read (the file's tail), unreadable, or not kept by this run. */
export type EarlierHistory = { status: 'reading' } | { status: 'off' } | HistoryTail;

/** Everything the navigation reducer owns. */
export interface NavigationState {
  /** The screen: the job list, one job, or the sources screen. */
  view: 'list' | 'detail' | 'sources';
  /** The sources screen's selected row and first shown line. */
  sources: { cursor: number; top: number };
  fleet: FleetSnapshot;
  viewport: Viewport;
  selectedKey: string | null;
  /**
   * The selection follows the top row until the operator moves it: sources answer one by
   * one at start, and the cursor must not stay on whichever job happened to arrive first.
   */
  followTop: boolean;
  listTop: number;
  sort: SortSpec;
  filter: JobFilter;
  perSourceCounts: boolean;
  prompt: PromptState | null;
  help: { top: number } | null;
  detail: DetailState | null;
  /** A short message in the footer ("copied 42") and when it was set. */
  flash: Flash | null;
  /** Keys of jobs marked for a bulk action (kept across refreshes, by key). */
  marks: ReadonlySet<string>;
  /** The open confirmation dialog. */
  dialog: ActionDialog | null;
  /** The open outcomes overlay of a bulk action. */
  outcome: { submission: number; top: number } | null;
  /** The open action history view (H), with what it read of earlier sessions. */
  history: { top: number; earlier: EarlierHistory } | null;
  /** Actions sent, newest last (bounded). */
  submissions: readonly Submission[];
  nextSubmissionId: number;
  /** Confirming keys ignored until `until` after a dialog was answered (a doubled `y` must not copy the id). */
  swallow: { keys: readonly KeyName[]; until: number } | null;
  /** Effects not yet performed are those with id > the App's last performed id. */
  effects: readonly Effect[];
  nextEffectId: number;
  readonly: boolean;
  /** The latest instant a key or a fleet update carried: time-based queries and triage measure from it. */
  now: number;
  /** Run times of finished jobs seen this session (triage's "usual" durations). */
  durations: DurationSamples;
  /** Jobs finished and failed per minute and source (the sources screen's sparklines). */
  activity: ActivityHistory;
  /** Earlier `:` commands, oldest first (kept across runs by the App). */
  commandHistory: readonly string[];
  /** Named queries from the config (`views:`), in file order: `:view NAME` and keys 1–9. */
  views: readonly NamedView[];
  /** The table's columns in order as chosen (`:columns`, config `columns:`); null = the default set. */
  columns: readonly string[] | null;
  /** The key table in force (the config's `keys:` applied). */
  keymap: readonly Binding[];
  /** Triage thresholds from the config (`triage:`). */
  triageOptions: Omit<TriageOptions, 'samples'>;
}

/** A named query from the config. */
export interface NamedView {
  name: string;
  query: string;
}

/** What the reducer understands. */
export type NavigationAction =
  | { type: 'key'; key: KeyName; at: number }
  | { type: 'fleet'; fleet: FleetSnapshot; at?: number }
  | { type: 'resize'; viewport: Viewport }
  | { type: 'detail'; snapshot: DetailSnapshot }
  /** The answer to a dialog's re-read (`check` matches the dialog's recheck id). */
  | { type: 'recheck'; check: number; result: RecheckResult; at: number }
  /** The history file's tail, read when the history view opened. */
  | { type: 'history-read'; earlier: EarlierHistory };

/** Options of a fresh state. */
export interface InitialOptions {
  readonly?: boolean;
  /** Earlier `:` commands, oldest first. */
  commandHistory?: readonly string[];
  views?: readonly NamedView[];
  columns?: readonly string[] | null;
  keymap?: readonly Binding[];
  triageOptions?: Omit<TriageOptions, 'samples'>;
}

/** The state a new screen starts with: the list, default sort, no filter (the App selects the first row on the first fleet sync). */
export function initialNavigationState(
  fleet: FleetSnapshot,
  viewport: Viewport,
  options: InitialOptions = {},
): NavigationState {
  return {
    view: 'list',
    sources: { cursor: 0, top: 0 },
    fleet,
    viewport,
    selectedKey: null,
    followTop: true,
    listTop: 0,
    sort: DEFAULT_SORT,
    filter: EMPTY_FILTER,
    perSourceCounts: false,
    prompt: null,
    help: null,
    detail: null,
    flash: null,
    marks: new Set(),
    dialog: null,
    outcome: null,
    history: null,
    submissions: [],
    nextSubmissionId: 1,
    swallow: null,
    effects: [],
    nextEffectId: 1,
    readonly: options.readonly ?? false,
    now: 0,
    durations: NO_SAMPLES,
    activity: NO_ACTIVITY,
    commandHistory: options.commandHistory ?? [],
    views: options.views ?? [],
    columns: options.columns ?? null,
    keymap: options.keymap ?? KEYMAP,
    triageOptions: options.triageOptions ?? {},
  };
}

/** A detail state for `key` on the Overview tab. */
export function openDetailState(stack: readonly string[], tab: DetailTab = 'overview'): DetailState {
  return {
    stack,
    tab,
    snapshot: null,
    overview: { cursor: 0, top: 0 },
    steps: { top: 0 },
    messages: { top: null },
    result: { cursor: 0, top: 0, toggles: new Map(), limits: new Map() },
    raw: { top: 0 },
    search: '',
    match: null,
  };
}

/** How many effects are kept for the App to pick up. */
const EFFECT_BACKLOG = 64;

type EffectRequest = Effect extends infer E ? (E extends Effect ? Omit<E, 'id'> : never) : never;

/** Queues a side effect for the App. */
export function withEffect(state: NavigationState, effect: EffectRequest): NavigationState {
  const queued = { ...effect, id: state.nextEffectId };
  return { ...state, effects: [...state.effects, queued].slice(-EFFECT_BACKLOG), nextEffectId: state.nextEffectId + 1 };
}
