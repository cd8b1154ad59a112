import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangeCollector, ClockAlarm, COARSE_REDRAW_MS, ScreenClockContext } from '../../source/ui/screen-clock.js';
import { MainView } from '../../source/ui/views/main-view.js';
import { createNavigationState } from '../../source/ui/navigation.js';
import { mainViewProps } from '../../source/ui/view-props.js';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeJobs, makeSource, T0 } from '../helpers/jobs.js';
import { renderApp, renderAt, type Rendered } from '../helpers/render.js';
import type { SourceSnapshot } from '../../source/store/types.js';

let shown: Rendered | undefined;
afterEach(() => shown?.unmount());

describe('ChangeCollector', () => {
  it('keeps the earliest change after now, rounded up to a whole second', () => {
    const collector = new ChangeCollector(T0);
    expect(collector.next).toBe(Infinity);
    collector.note(T0 + 59_400);
    collector.note(T0 + 12_001);
    collector.note(Infinity);
    expect(collector.next).toBe(T0 + 13_000);
  });

  it('keeps coarse changes apart: due by either, woken for a coarse one only after the delay', () => {
    const collector = new ChangeCollector(T0);
    collector.note(T0 + 30_000, true);
    collector.note(T0 + 45_000);
    expect([collector.next, collector.nextCoarse]).toEqual([T0 + 45_000, T0 + 30_000]);
    expect(collector.dueBy(T0 + 29_999)).toBe(false);
    expect(collector.dueBy(T0 + 30_000)).toBe(true);
    expect(collector.wakeAt(0)).toBe(T0 + 30_000);
    expect(collector.wakeAt(2_000)).toBe(T0 + 32_000);
    expect(collector.wakeAt(20_000)).toBe(T0 + 45_000);
  });

  it('ignores changes at or before now', () => {
    const collector = new ChangeCollector(T0);
    collector.note(T0);
    collector.note(T0 - 5_000);
    expect(collector.next).toBe(Infinity);
  });
});

describe('ClockAlarm', () => {
  /** An alarm on the (fake) wall clock, counting its timer's wake-ups and when it rang. */
  function alarmAt(start: number) {
    vi.useFakeTimers({ now: start });
    const rang: number[] = [];
    const alarm = new ClockAlarm(Date.now, () => rang.push(Date.now()));
    const wakes = vi.spyOn(alarm, 'wake');
    return { alarm, rang, wakes };
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('rings at the target, comparing with the clock once a second on the way', async () => {
    const { alarm, rang, wakes } = alarmAt(T0);
    alarm.set(T0 + 3_000);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(rang).toEqual([]);
    expect(wakes).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(rang).toEqual([T0 + 3_000]);
    alarm.stop();
  });

  it('sees a wall clock that jumped past the target within a second', async () => {
    const { alarm, rang } = alarmAt(T0);
    alarm.set(T0 + 60_000);
    vi.setSystemTime(T0 + 3_600_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rang).toEqual([T0 + 3_601_000]);
  });

  it('after a quiet round compared the clock, sleeps until the next round is due, then checks every second again', async () => {
    const { alarm, rang, wakes } = alarmAt(T0);
    alarm.set(T0 + 60_000);
    alarm.checked(2_500);
    await vi.advanceTimersByTimeAsync(2_499);
    expect(wakes).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(wakes).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wakes).toHaveBeenCalledTimes(2);
    expect(rang).toEqual([]);
    alarm.stop();
  });

  it('never sleeps past a target nearer than the next quiet round', async () => {
    const { alarm, rang } = alarmAt(T0);
    alarm.set(T0 + 800);
    alarm.checked(2_500);
    await vi.advanceTimersByTimeAsync(800);
    expect(rang).toEqual([T0 + 800]);
  });

  it('does nothing once stopped, quiet rounds included', async () => {
    const { alarm, rang, wakes } = alarmAt(T0);
    alarm.set(T0 + 1_000);
    alarm.stop();
    alarm.checked(2_500);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(rang).toEqual([]);
    expect(wakes).not.toHaveBeenCalled();
  });
});

/** The earliest change the main screen notes when drawn at T0 (coarse or not). */
async function nextChange(sources: SourceSnapshot[]): Promise<number> {
  return Math.min(...(await nextChanges(sources)));
}

/** The earliest change the main screen notes when drawn at T0: [on time, coarse]. */
async function nextChanges(sources: SourceSnapshot[]): Promise<[number, number]> {
  const state = createNavigationState(fleetOf(sources), { columns: 120, rows: 30 }, { readonly: false });
  const collector = new ChangeCollector(T0);
  shown = await renderAt(
    <ScreenClockContext.Provider value={collector.note}>
      <MainView {...mainViewProps(state, T0)} />
    </ScreenClockContext.Provider>,
    { columns: 120, rows: 30 },
  );
  return [collector.next, collector.nextCoarse];
}

describe('the main screen tells the clock when its text changes', () => {
  it('wakes when a running job’s duration reaches the next minute', async () => {
    // job-0 runs since T0 - 50 s: "<1m" becomes "1m" at T0 + 10 s.
    expect(await nextChange([makeSource('osapi', makeJobs(4), { lastSuccessAt: T0 - 2_000 })])).toBe(T0 + 10_000);
  });

  it('with only finished jobs, wakes when the first age or source age changes its minute', async () => {
    const jobs = makeJobs(3, { states: ['succeeded'] }).map((job) => ({
      ...job,
      createdAt: T0 - 90 * 60_000 - 20_000,
    }));
    // Ages of 1h30m20s change text at 1h31m (T0 + 40 s); the source's "<1m ago" at T0 + 58 s.
    expect(await nextChange([makeSource('osapi', jobs, { lastSuccessAt: T0 - 2_000 })])).toBe(T0 + 40_000);
    shown?.unmount();
    expect(await nextChange([makeSource('osapi', jobs, { lastSuccessAt: T0 - 30_000 })])).toBe(T0 + 30_000);
  });

  it('wakes every second while a failing source’s stale age counts seconds, never late', async () => {
    const failing = makeSource('mcrit', [], {
      status: 'error',
      lastSuccessAt: T0 - 125_000,
      error: { kind: 'auth', short: '401', message: '401', status: 401 },
    });
    expect(await nextChanges([failing])).toEqual([T0 + 1_000, Infinity]);
  });

  it('notes ages at list resolution as coarse changes', async () => {
    const jobs = makeJobs(3, { states: ['succeeded'] }).map((job) => ({
      ...job,
      createdAt: T0 - 90 * 60_000 - 20_000,
    }));
    expect(await nextChanges([makeSource('osapi', jobs, { lastSuccessAt: T0 - 2_000 })])).toEqual([
      Infinity,
      T0 + 40_000,
    ]);
  });

  it('never wakes when nothing drawn depends on the time', async () => {
    const loading = makeSource('osapi', [], { status: 'loading', lastSuccessAt: null });
    expect(await nextChange([loading])).toBe(Infinity);
  });
});

describe('the app clock', () => {
  it('redraws an age when the clock passes the change it was told about', async () => {
    let now = T0;
    const job = makeJob({ id: 'only', state: 'succeeded', createdAt: T0 - 4 * 60_000 - 30_000 });
    const app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', [job], { lastSuccessAt: T0 })])), {
      columns: 120,
      rows: 20,
      now: () => now,
    });
    shown = app;
    const row = () => app.lines().find((line) => line.includes('only')) ?? '';
    await app.waitFor((frame) => / 4m /.test(row()) && frame.length > 0);
    // The age reads 5m from T0 + 30 s; with no poll round to draw it, the list draws it itself at
    // most COARSE_REDRAW_MS later.
    now = T0 + 30_000 + COARSE_REDRAW_MS;
    await app.waitFor(() => / 5m /.test(row()));
    expect(row()).not.toMatch(/ 4m /);
  });

  it('draws a due age with the next poll round, even one that changes nothing else', async () => {
    let now = T0;
    const job = makeJob({ id: 'only', state: 'succeeded', createdAt: T0 - 4 * 60_000 - 30_000 });
    const source = makeSource('osapi', [job], { lastSuccessAt: T0 });
    const store = createFakeStore(fleetOf([source]));
    const app = await renderApp(store, { columns: 120, rows: 20, now: () => now });
    shown = app;
    const row = () => app.lines().find((line) => line.includes('only')) ?? '';
    await app.waitFor((frame) => / 4m /.test(row()) && frame.length > 0);
    now = T0 + 30_500;
    // A quiet round: the same jobs, only the bookkeeping moved (quiet-rounds.ts would skip its render).
    store.push({ sources: [{ ...source, lastSuccessAt: T0 + 30_000 }] });
    await app.waitFor(() => / 5m /.test(row()));
  });

  it('counts a paused list’s data age every second, never late', async () => {
    let now = T0;
    const job = makeJob({ id: 'only', state: 'succeeded', createdAt: T0 - 4 * 60_000 - 30_000 });
    const app = await renderApp(
      createFakeStore({ ...fleetOf([makeSource('osapi', [job], { lastSuccessAt: T0 })]), paused: true }),
      { columns: 120, rows: 20, now: () => now },
    );
    shown = app;
    const row = () => app.lines().find((line) => line.includes('only')) ?? '';
    await app.waitFor(() => /⧗ 0s/.test(row()));
    now = T0 + 5_000;
    await app.waitFor(() => /⧗ 5s/.test(row()));
  });
});
