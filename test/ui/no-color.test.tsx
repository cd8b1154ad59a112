import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

// why: under vitest stdout is no TTY, so chalk (inside Ink) would emit no colour at all and this
// test would pass for nothing. Force colour before Ink is imported, then prove noColor removes it.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

const { createFakeStore, fleetOf } = await import('../helpers/fake-store.js');
const { makeJobs, makeSource, T0 } = await import('../helpers/jobs.js');
const { KEYS, renderApp } = await import('../helpers/render.js');

type App = Awaited<ReturnType<typeof renderApp>>;
let app: App | undefined;
afterEach(() => app?.unmount());
// why: a reused worker must not carry forced colour into other test files.
afterAll(() => {
  delete process.env.FORCE_COLOR;
});

/** SGR parameters that set a colour: 30–39, 40–49, 90–97, 100–107 (38/48 start extended colours). */
function colourCodes(raw: string): string[] {
  const found: string[] = [];
  for (const match of raw.matchAll(/\u001b\[([0-9;]*)m/g)) {
    for (const code of match[1].split(';').filter(Boolean).map(Number)) {
      if ((code >= 30 && code <= 49) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107))
        found.push(String(code));
    }
  }
  return found;
}

const store = () =>
  createFakeStore(
    fleetOf(
      [
        makeSource('osapi', makeJobs(8)),
        makeSource('mcrit', makeJobs(2, { source: 'mcrit', prefix: 'm-' }), {
          status: 'error',
          lastSuccessAt: T0 - 5_000,
          error: { kind: 'timeout', short: 'timeout', message: 'mcrit: timeout' },
        }),
      ],
      { changed: new Map([['osapi/job-1', T0]]) },
    ),
  );

describe('NO_COLOR', () => {
  it('uses colour normally (so the check below means something)', async () => {
    app = await renderApp(store(), { columns: 100, rows: 30 });
    await app.waitFor('job-7');
    expect(colourCodes(app.raw()).length).toBeGreaterThan(0);
  });

  it('emits no colour escapes anywhere, while symbols still carry the states', async () => {
    app = await renderApp(store(), { columns: 100, rows: 30, noColor: true });
    const frame = await app.waitFor('job-7');
    for (const symbol of ['● running', '◌ queued', '✔ succeeded', '✖ failed', '✖ mcrit'])
      expect(frame).toContain(symbol);
    expect(colourCodes(app.raw())).toEqual([]);
    expect(app.raw()).toMatch(/\u001b\[7m/); // the selection still shows, in reverse video
    await app.press('?');
    await app.waitFor('jobtop keys');
    expect(colourCodes(app.raw())).toEqual([]);
    await app.press(KEYS.escape, KEYS.enter);
    await app.waitFor('Overview');
    for (const tab of ['2', '3', '4', '5']) {
      await app.press(tab);
      expect(colourCodes(app.raw())).toEqual([]);
    }
  });
});
