/**
 * The screen's clock: the app renders again only when some text on screen changes because time
 * passed, not every second. While rendering, each view tells the clock when the time-dependent
 * text it drew (an age, a fading mark, a flash) will next read differently; after the commit the
 * clock sleeps until the earliest of those instants. Nothing time-dependent on screen, no timer:
 * zero frames while nothing visible changes (docs/performance.md).
 */
import { createContext, useEffect, useRef, useState } from 'react';

/** Rounds epoch ms down to the second. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

const MAX_SLEEP_MS = 1000;

/** Tells the clock "what I drew changes at epoch ms `at`" (rounded up to the next whole second). */
export type NoteChange = (at: number) => void;

/** Provided by the App; views call it for every time-dependent text they draw. */
export const ScreenClockContext = createContext<NoteChange>(() => undefined);

/** Collects the earliest instant after `now` at which something drawn changes. */
export class ChangeCollector {
  next = Infinity;

  constructor(readonly now: number) {}

  /** A NoteChange bound to this collector. */
  readonly note: NoteChange = (at) => {
    // why: `now` moves in whole seconds; a change inside a second shows at the next whole second.
    const second = Math.ceil(at / 1000) * 1000;
    if (second > this.now && second < this.next) this.next = second;
  };
}

/**
 * The current time in whole seconds, read on every render (so whatever a render draws is
 * current), and a collector for this render; after each commit a timer wakes the app at the
 * earliest noted change.
 */
export function useScreenClock(clock: () => number): ChangeCollector {
  const [, setTick] = useState(0);
  const clockRef = useRef(clock);
  clockRef.current = clock;
  const collector = new ChangeCollector(toSecond(clock()));
  const current = useRef(collector);
  current.current = collector;
  useEffect(() => {
    const target = current.current.next;
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
