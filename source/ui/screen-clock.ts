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

  /** Tells the clock's timer that the clock was compared with what is drawn, and will be again within `nextInMs`. */
  checked: (nextInMs: number) => void = () => undefined;

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
 * The clock's timer: sleeps until a target instant (epoch ms), comparing with the clock at least
 * every MAX_SLEEP_MS on the way, since the wall clock can jump (suspend, NTP) and tests move an
 * injected clock by hours. A quiet poll round compares the clock with what is drawn as well (the
 * App's store subscription); told when the next one is due, the alarm skips its own checks until
 * then, so an idle monitor wakes once per poll round, not once a second besides
 * (docs/performance.md "Session 5: the idle round").
 */
export class ClockAlarm {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private target = Infinity;

  constructor(
    private readonly clock: () => number,
    private readonly due: () => void,
  ) {}

  /** Wakes `due` once the clock reaches `target`. */
  set(target: number): void {
    this.target = target;
    this.arm(MAX_SLEEP_MS);
  }

  /** The clock was just compared with what is drawn, and will be again within `nextInMs`: sleep until then. */
  readonly checked = (nextInMs: number): void => {
    if (Number.isFinite(this.target)) this.arm(nextInMs);
  };

  /** Stops the timer. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.target = Infinity;
  }

  private arm(maxSleepMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(wakeAlarm, Math.min(maxSleepMs, Math.max(1, this.target - this.clock())), this);
    // why: the ticker alone must not keep the process alive after the app is done.
    this.timer.unref?.();
  }

  /** The timer fired: the target reached, or one more check on the way. */
  wake(): void {
    this.timer = undefined;
    if (this.clock() < this.target) this.arm(MAX_SLEEP_MS);
    else {
      this.target = Infinity;
      this.due();
    }
  }
}

/** The alarm's timer callback (module level: no closure per arming). */
function wakeAlarm(alarm: ClockAlarm): void {
  alarm.wake();
}

/**
 * The current time in whole seconds, read on every render (so whatever a render draws is
 * current), and a collector for this render; after each commit a timer wakes the app at the
 * earliest noted change (a coarse one `coarseDelayMs` late: the App passes COARSE_REDRAW_MS while
 * the job list alone is on screen and polls run, else 0). The collector's `checked` tells the
 * timer of a quiet round's comparison (ClockAlarm.checked).
 */
export function useScreenClock(clock: () => number, coarseDelayMs = 0): ChangeCollector {
  const [, setTick] = useState(0);
  const clockRef = useRef(clock);
  clockRef.current = clock;
  const [alarm] = useState(
    () =>
      new ClockAlarm(
        () => clockRef.current(),
        () => setTick((tick) => tick + 1),
      ),
  );
  const collector = new ChangeCollector(toSecond(clock()));
  collector.checked = alarm.checked;
  const current = useRef(collector);
  current.current = collector;
  useEffect(() => {
    const target = current.current.wakeAt(coarseDelayMs);
    if (!Number.isFinite(target)) return undefined;
    alarm.set(target);
    return () => alarm.stop();
  });
  return collector;
}
