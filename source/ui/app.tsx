/**
 * The live monitor: subscribes to the store, owns the one navigation reducer and the one
 * keyboard hook, follows the opened job's detail, performs effects, rings the bell, and
 * renders the screen for the current view. The CLI puts it on the alternate screen.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { Box } from 'ink';
import type { FleetSnapshot, FleetStoreApi } from '../store/types.js';
import { NoColorContext } from './line.js';
import { createNavigationState, navigationReducer } from './navigation.js';
import { detailKey, visibleJobs } from './select.js';
import { detailViewProps, helpOverlayProps, mainViewProps, sourcesViewProps } from './view-props.js';
import { newlyFailed, performEffect } from './effects.js';
import {
  COARSE_REDRAW_MS,
  ScreenClockContext,
  toSecond,
  useScreenClock,
  type ChangeCollector,
} from './screen-clock.js';
import { sameListScreen } from './quiet-rounds.js';
import { filterNeedsContext } from '../domain/filter.js';
import { useKeyboard } from './use-keyboard.js';
import { createKeyQueue } from './key-queue.js';
import { useIdleWarmup } from './use-idle-warmup.js';
import { useTerminalSize } from './use-terminal-size.js';
import { MainView } from './views/main-view.js';
import { DetailView } from './views/detail-view.js';
import { HelpOverlay } from './views/help-overlay.js';
import { SourcesView } from './views/sources-view.js';
import type { NamedView } from './navigation-state.js';
import type { Binding } from './keymap.js';
import type { TriageOptions } from '../domain/triage.js';
import type { HistoryTail } from '../store/action-history.js';

/** Props of the App. */
export interface AppProps {
  store: FleetStoreApi;
  /** Ring the terminal bell when a job newly fails. */
  bell?: boolean;
  /** No colours at all (NO_COLOR); symbols still carry the meaning. */
  noColor?: boolean;
  /** The whole app is read-only: the title says so, action keys only explain, nothing is sent. */
  readonly?: boolean;
  /** The clock (epoch ms); Date.now by default. */
  now?: () => number;
  /** Called when the user quits (q, ctrl-c). */
  onExit: () => void;
  /** Raw writes to the terminal for the bell and OSC 52; process.stdout.write by default. */
  write?: (data: string) => void;
  /** Earlier `:` commands (oldest first) and where a new one is kept; absent: history lives only this run. */
  commandHistory?: { lines: readonly string[]; append(text: string): void };
  /** Named queries from the config (`views:`). */
  views?: readonly NamedView[];
  /** The table's columns from the config (`columns:`); absent: the default set. */
  tableColumns?: readonly string[] | null;
  /** The key table in force (config `keys:` applied); the built-in one when absent. */
  keymap?: readonly Binding[];
  /** Triage thresholds (config `triage:`). */
  triageOptions?: Omit<TriageOptions, 'samples'>;
  /** Reads the action history file's tail when the history view opens (earlier sessions); absent: only this session's. */
  readActionHistory?: () => Promise<HistoryTail>;
}

/**
 * How much later than expected a quiet round's check may come before the screen clock checks by
 * itself (the rounds' answers take a few ms to tens of ms to arrive).
 */
const QUIET_ROUND_SLACK_MS = 500;

const defaultWrite = (data: string) => {
  process.stdout.write(data);
};

/** The jobtop terminal UI. */
export function App({
  store,
  bell = false,
  noColor = false,
  readonly = false,
  now: clock = Date.now,
  onExit,
  write = defaultWrite,
  commandHistory,
  views,
  tableColumns,
  keymap,
  triageOptions,
  readActionHistory,
}: AppProps) {
  const clockRef = useRef(clock);
  clockRef.current = clock;
  /** What this render drew from and whether the job list alone is on screen (read by the subscription). */
  const drawn = useRef<{ fleet: FleetSnapshot | null; listOnly: boolean; clock: ChangeCollector | null }>({
    fleet: null,
    listOnly: false,
    clock: null,
  });
  // why: the App draws the fleet as the store last published it. While the store coalesces a
  // round's answers, store.getSnapshot() builds a newer snapshot for any reader; a key's render
  // would merge that round first (sorting, triage: ~1-5 ms at 1,000 jobs). The round reaches the
  // screen with its publish instead, within PUBLISH_COALESCE_MS, as it does when no key comes.
  const published = useMemo(() => ({ fleet: store.getSnapshot() }), [store]);
  // why: the store may be a class instance; unbound methods would lose `this`.
  const subscribe = useCallback(
    (listener: () => void) => {
      const unsubscribe = store.subscribe(() => {
        published.fleet = store.getSnapshot();
        // why: a poll round that changes nothing the list shows costs no render (quiet-rounds.ts), unless
        // a time-dependent text drawn is due to change (the clock left it for this round: screen-clock.ts);
        // any later render reads the published snapshot anyway.
        const { fleet: shown, listOnly, clock: drawnClock } = drawn.current;
        const now = clockRef.current();
        if (
          listOnly &&
          shown !== null &&
          !drawnClock?.dueBy(now) &&
          sameListScreen(shown, published.fleet, toSecond(now))
        ) {
          // This round compared the clock with what is drawn; so will the next ones, an interval apart.
          // why two intervals: the clock's own check, postponed each round, must fall after the next
          // round's poll timers, or the event loop still wakes at its old time (Node does not re-arm
          // its timer when the earliest timeout is cleared).
          drawnClock?.checked(2 * published.fleet.intervalMs + QUIET_ROUND_SLACK_MS);
          return;
        }
        listener();
      });
      // What was published between the first render and this subscription (useSyncExternalStore re-reads it).
      published.fleet = store.getSnapshot();
      return unsubscribe;
    },
    [store, published],
  );
  const getSnapshot = useCallback(() => published.fleet, [published]);
  const fleet = useSyncExternalStore(subscribe, getSnapshot);
  const viewport = useTerminalSize();
  const [state, dispatch] = useReducer(navigationReducer, undefined, () =>
    createNavigationState(fleet, viewport, {
      readonly,
      commandHistory: commandHistory?.lines,
      views,
      columns: tableColumns,
      keymap,
      triageOptions,
    }),
  );
  // why: syncing during render (not in an effect) means no frame ever shows new data with a stale selection.
  if (state.fleet !== fleet) dispatch({ type: 'fleet', fleet, at: clock() });
  if (state.viewport.columns !== viewport.columns || state.viewport.rows !== viewport.rows)
    dispatch({ type: 'resize', viewport });
  // why: keys reach the reducer through a queue read with useSyncExternalStore, so a key's frame
  // is rendered at the store's (sync) priority, not after a poll round's work (key-queue.ts).
  const [keys] = useState(createKeyQueue);
  useSyncExternalStore(keys.subscribe, keys.pushed);
  for (const action of keys.take()) dispatch(action);
  // why: time and flag queries filter with the instant of the last key or update (select.ts), so they keep every round.
  const listOnly =
    state.view === 'list' && state.help === null && state.dialog === null && !filterNeedsContext(state.filter);
  // why: while the list alone is on screen and polls run, a change at list resolution waits (at most
  // COARSE_REDRAW_MS) for the next poll round's frame instead of taking a frame of its own.
  const screenClock = useScreenClock(clock, listOnly && !fleet.paused ? COARSE_REDRAW_MS : 0);
  const now = screenClock.now;
  drawn.current = { fleet, listOnly, clock: screenClock };
  useKeyboard(keys.push, clock);
  useIdleWarmup(visibleJobs(state), state.fleet.jobs);

  const openKey = detailKey(state);
  useEffect(() => {
    if (openKey === null) return undefined;
    return store.watchDetail(openKey, (snapshot) => dispatch({ type: 'detail', snapshot }));
  }, [store, openKey]);

  const rememberCommand = commandHistory ? (text: string) => commandHistory.append(text) : undefined;
  const targets = useRef({ store, onExit, write, dispatch, rememberCommand, readHistory: readActionHistory });
  targets.current = { store, onExit, write, dispatch, rememberCommand, readHistory: readActionHistory };
  const performed = useRef(0);
  useEffect(() => {
    for (const effect of state.effects) {
      if (effect.id <= performed.current) continue;
      performed.current = effect.id;
      performEffect(effect, targets.current);
    }
  }, [state.effects]);

  // The sources screen shows requests per minute: each time it is drawn the store reads the sources'
  // sessions again (it publishes only when a figure changed, so this settles after one more frame).
  const sourcesShown = state.view === 'sources' && !state.help;
  useEffect(() => {
    if (sourcesShown) store.sampleSessions();
  });

  const previousFleet = useRef<FleetSnapshot | null>(null);
  useEffect(() => {
    if (previousFleet.current === fleet) return;
    if (bell && newlyFailed(previousFleet.current, fleet).length > 0) targets.current.write('\x07');
    previousFleet.current = fleet;
  }, [fleet, bell]);

  return (
    <NoColorContext.Provider value={noColor}>
      <ScreenClockContext.Provider value={screenClock.note}>
        <Box flexDirection="column" width={state.viewport.columns}>
          {state.help ? (
            <HelpOverlay {...helpOverlayProps(state, now)} />
          ) : state.view === 'detail' ? (
            <DetailView {...detailViewProps(state, now)} />
          ) : state.view === 'sources' ? (
            <SourcesView {...sourcesViewProps(state, now)} />
          ) : (
            <MainView {...mainViewProps(state, now)} />
          )}
        </Box>
      </ScreenClockContext.Provider>
    </NoColorContext.Provider>
  );
}
