/**
 * A 1 s ticker for ages, rounded to whole seconds so components that show ages re-render
 * at most once a second (and memo'd rows only when their text changes).
 */
import { useEffect, useRef, useState } from 'react';

/** Rounds epoch ms down to the second. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** The clock's time in whole seconds, ticking every second. */
export function useClock(clock: () => number): number {
  const clockRef = useRef(clock);
  clockRef.current = clock;
  const [now, setNow] = useState(() => toSecond(clock()));
  useEffect(() => {
    const timer = setInterval(() => setNow(toSecond(clockRef.current())), 1000);
    // why: the ticker alone must not keep the process alive after the app is done.
    timer.unref?.();
    return () => clearInterval(timer);
  }, []);
  return now;
}
