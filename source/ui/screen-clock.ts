/**
 * The screen's clock: the app renders again only when some text on screen changes because time
 * passed, not every second. While rendering, each view tells the clock when the time-dependent
 * text it drew (an age, a fading mark, a flash) will next read differently; after the commit the
 * clock sleeps until the earliest of those instants. Nothing time-dependent on screen, no timer:
 * zero frames while nothing visible changes (docs/performance.md).
 *
 * A change at list resolution (an age reaching its next minute, a changed-row mark fading, a
 * triage flag turning on) is "coarse": the job list may draw it up to COARSE_REDRAW_MS late, so
 * that it lands in the frame of the next poll round instead of a frame of its own — as htop
 * redraws once per refresh. A poll round's render draws every coarse change already due; with no
 * round in between, the clock draws it itself at most COARSE_REDRAW_MS late. Changes that count
 * seconds (a stale source's age, an action's progress, the detail view) are never late.
 */
import { createContext, useEffect, useRef, useState } from 'react';

/** Rounds epoch ms down to the second. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

const MAX_SLEEP_MS = 1000;

/**
 * Tells the clock "what I drew changes at epoch ms `at`" (rounded up to the next whole second);
 * `coarse`: a change at list resolution, which may be drawn up to COARSE_REDRAW_MS late.
 */
export type NoteChange = (at: number, coarse?: boolean) => void;

/** How late the job list may draw a coarse change to draw it with the next poll round: htop's `-d 20` refresh. */
export const COARSE_REDRAW_MS = 2000;

/** Provided by the App; views call it for every time-dependent text they draw. */
export const ScreenClockContext = createContext<NoteChange>(() => undefined);

/** Collects the earliest instant after `now` at which something drawn changes. */
export class ChangeCollector {
  /** The earliest change that must be drawn on time. */
  next = Infinity;
  /** The earliest coarse change (it may be drawn late). */
  nextCoarse = Infinity;

  constructor(readonly now: number) {}

  /** A NoteChange bound to this collector. */
  readonly note: NoteChange = (at, coarse = false) => {
    // why: `now` moves in whole seconds; a change inside a second shows at the next whole second.
    const second = Math.ceil(at / 1000) * 1000;
    if (second <= this.now) return;
    if (coarse) {
      if (second < this.nextCoarse) this.nextCoarse = second;
    } else if (second < this.next) this.next = second;
  };

  /** True when something drawn reads differently at `at` than it did when drawn. */
  dueBy(at: number): boolean {
    return Math.min(this.next, this.nextCoarse) <= at;
  }

  /** When the clock must draw again: the earliest change, a coarse one `coarseDelayMs` late. */
  wakeAt(coarseDelayMs: number): number {
    return Math.min(this.next, this.nextCoarse + coarseDelayMs);
  }
}

/**
 * The current time in whole seconds, read on every render (so whatever a render draws is
 * current), and a collector for this render; after each commit a timer wakes the app at the
 * earliest noted change (a coarse one `coarseDelayMs` late: the App passes COARSE_REDRAW_MS while
 * the job list alone is on screen and polls run, else 0).
 */
export function useScreenClock(clock: () => number, coarseDelayMs = 0): ChangeCollector {
  const [, setTick] = useState(0);
  const clockRef = useRef(clock);
  clockRef.current = clock;
  const collector = new ChangeCollector(toSecond(clock()));
  const current = useRef(collector);
  current.current = collector;
  useEffect(() => {
    const target = current.current.wakeAt(coarseDelayMs);
    if (!Number.isFinite(target)) return undefined;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      // why: wake at least once a second to compare with the clock (no render unless the change is
      // due): the wall clock can jump (suspend, NTP) and tests move an injected clock by hours.
      timer = setTimeout(
        () => {
          if (clockRef.current() < target) arm();
          else setTick((tick) => tick + 1);
        },
        Math.min(MAX_SLEEP_MS, Math.max(1, target - clockRef.current())),
      );
      // why: the ticker alone must not keep the process alive after the app is done.
      timer.unref?.();
    };
    arm();
    return () => clearTimeout(timer);
  });
  return collector;
}
