/**
 * The sources screen's session figures: requests per minute read from each source's own counter
 * (polls per minute, labelled as polls, for a source without one), token expiry at minute
 * resolution, and the screen clock it feeds (the token text never makes it tick every second).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../source/ui/app.js';
import { createFleetStore, type FleetStore } from '../../source/store/fleet-store.js';
import type { SessionFigures } from '../../source/store/types.js';
import { NO_ACTIVITY } from '../../source/domain/activity.js';
import { tokenText, tokenTextChangesAt } from '../../source/ui/views/session-text.js';
import { sourceBlockChangesAt } from '../../source/ui/views/sources-lines.js';
import { renderAt, type Rendered } from '../helpers/render.js';
import { makeSource, T0 } from '../helpers/jobs.js';
import { createScriptedSource, makeJob, withSession } from '../helpers/scripted-source.js';

const MINUTE = 60_000;
const session = (tokenExpiresAt: number | null, tokenRenews: boolean | null = false): SessionFigures => ({
  requestsPerMinute: 12,
  tokenExpiresAt,
  tokenRenews,
});

describe('token expiry text', () => {
  it.each<[string, number | null, boolean | null, string | null]>([
    ['41 minutes ahead', T0 + 41 * MINUTE + 20_000, false, 'token expires in 41m'],
    ['under a minute ahead', T0 + 30_000, true, 'token expires in <1m'],
    ['hours ahead', T0 + 3 * 60 * MINUTE + 5 * MINUTE, true, 'token expires in 3h05m'],
    ['months ahead (an OSAPI JWT)', T0 + 85 * 24 * 60 * MINUTE, false, 'token expires in 85d'],
    [
      'expired, renewed by the source',
      T0 - 2 * MINUTE - 30_000,
      true,
      'token expired 2m ago (renewed on next request)',
    ],
    ['expired, static', T0 - 2 * MINUTE - 30_000, false, 'token expired 2m ago (not renewed by jobtop: replace it)'],
    ['expired, renewal not said', T0 - 2 * MINUTE - 30_000, null, 'token expired 2m ago'],
    ['unknown', null, true, null],
  ])('%s', (_, expiresAt, renews, expected) => expect(tokenText(session(expiresAt, renews), T0)).toBe(expected));

  it.each<[string, number | null, number]>([
    ['41m20s ahead: when it reads 40m', T0 + 41 * MINUTE + 20_000, T0 + 20_001],
    ['30s ahead: when it expires', T0 + 30_000, T0 + 30_000],
    ['3h05m30s ahead: when it reads 3h04m', T0 + 185 * MINUTE + 30_000, T0 + 30_001],
    ['expired 2m30s ago: when it reads 3m', T0 - 150_000, T0 + 30_000],
    ['unknown: never', null, Infinity],
  ])('%s', (_, expiresAt, expected) => expect(tokenTextChangesAt(session(expiresAt), T0)).toBe(expected));
});

describe('the sources screen tells the clock when a block changes', () => {
  it('a paused source with old data and a token wakes the screen at the token’s next minute, not each second', () => {
    const source = makeSource('osapi', [], {
      nextPollAt: null,
      lastSuccessAt: T0 - 12 * MINUTE - 10_000,
      session: session(T0 + 41 * MINUTE + 20_000),
    });
    expect(sourceBlockChangesAt(source, NO_ACTIVITY, T0)).toBe(T0 + 20_001);
  });

  it('without a token, the same source wakes when its data age reads the next minute', () => {
    const source = makeSource('osapi', [], { nextPollAt: null, lastSuccessAt: T0 - 12 * MINUTE - 10_000 });
    expect(sourceBlockChangesAt(source, NO_ACTIVITY, T0)).toBe(T0 + 50_000);
  });

  it('counts down the next retry each second', () => {
    const source = makeSource('osapi', [], {
      status: 'error',
      nextPollAt: T0 + 8_500,
      lastSuccessAt: T0 - 12 * MINUTE - 10_000,
      failingSince: T0 - 11 * MINUTE,
      session: session(T0 + 41 * MINUTE + 20_000),
    });
    expect(sourceBlockChangesAt(source, NO_ACTIVITY, T0)).toBe(T0 + 501);
  });

  it('never wakes for a loading, paused source without a token', () => {
    const source = makeSource('osapi', [], { status: 'loading', lastSuccessAt: null, nextPollAt: null });
    expect(sourceBlockChangesAt(source, NO_ACTIVITY, T0)).toBe(Infinity);
  });
});

let shown: Rendered | undefined;
let store: FleetStore | undefined;
afterEach(() => {
  shown?.unmount();
  store?.stop();
});

describe('the sources screen through the App and the real store', () => {
  it('shows requests per minute from each source’s counter, re-read when drawn, and token expiry where known', async () => {
    const clock = T0;
    const osapi = withSession(createScriptedSource('osapi', [[makeJob('osapi', 'o1', 'running')]]), 3, {
      tokenExpiresAt: T0 + 41 * MINUTE + 20_000,
    });
    const alteryx = withSession(
      createScriptedSource('alteryx', [[makeJob('alteryx', 'a1', 'running')]], undefined, 'alteryx'),
      2,
      { tokenExpiresAt: T0 - 150_000, tokenRenews: true },
    );
    const mcrit = createScriptedSource('mcrit', [[makeJob('mcrit', 'm1', 'running')]], undefined, 'mcrit');
    // why: a long interval keeps to the first poll; what changes later is the counter between polls.
    store = createFleetStore([{ source: osapi.source }, { source: alteryx.source }, { source: mcrit }], {
      intervalMs: 5 * MINUTE,
      now: () => clock,
    });
    store.start();
    await store.firstRound();
    shown = await renderAt(<App store={store} now={() => clock} onExit={() => undefined} write={() => undefined} />, {
      columns: 120,
      rows: 40,
    });
    await shown.waitFor('o1');
    await shown.press('S');
    const screen = (await shown.waitFor('jobtop sources')).replace(/\s+/g, ' ');
    expect(screen).toContain('3 req/min · token expires in 41m');
    expect(screen).toContain('2 req/min · token expired 2m ago (renewed on next request)');
    expect(screen).toContain('last poll took 0ms · 1 poll/min');
    expect(screen).not.toMatch(/1 poll\/min · token/);

    // Requests sent between polls (a detail view, an action) show once the screen is drawn again.
    osapi.session.requests += 5;
    await shown.press('j');
    await shown.waitFor((frame) => frame.replace(/\s+/g, ' ').includes('8 req/min · token expires in 41m'));
  });
});
