import { afterEach, describe, expect, it } from 'vitest';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeJobs, makeSource, T0 } from '../helpers/jobs.js';
import { KEYS, renderApp, waitFor, type RenderedApp } from '../helpers/render.js';
import { footerHints, KEYMAP } from '../../source/ui/keymap.js';
import { osc52 } from '../../source/ui/effects.js';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const selectedLine = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

describe('key flows', () => {
  it('opens a job, switches tabs and goes back to the same row', async () => {
    app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', makeJobs(10))])));
    await app.waitFor('job-0');
    await app.press('j', 'j');
    const chosen = selectedLine(app.frame()).match(/job-\d+/)?.[0] as string;
    await app.press(KEYS.enter);
    await app.waitFor(`‹ osapi / ${chosen}`);
    await app.press(KEYS.tab);
    await app.waitFor('Waiting for the job detail');
    expect(app.frame()).toMatch(/2 Steps/);
    await app.press(KEYS.shiftTab, '5');
    await app.waitFor('"status"');
    await app.press(KEYS.escape);
    await app.waitFor('STATE');
    expect(selectedLine(app.frame())).toContain(chosen);
  });

  it('filters incrementally, keeps the filter on Enter and clears it on Esc', async () => {
    const jobs = [
      makeJob({ id: 'alpha', type: 'index.build' }),
      makeJob({ id: 'beta', type: 'export' }),
      makeJob({ id: 'gamma', type: 'index.drop' }),
    ];
    app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', jobs)])));
    await app.waitFor('gamma');
    await app.press('/');
    await app.type('index');
    const typed = await app.waitFor((frame) => !frame.includes('beta'));
    expect(typed).toContain('filter: index');
    expect(typed).toContain('alpha');
    await app.press(KEYS.enter);
    const kept = await app.waitFor((frame) => !frame.includes('filter: index'));
    expect(kept).toContain('filter /index');
    expect(kept).not.toContain('beta');
    await app.press('/', KEYS.escape);
    await app.waitFor('beta');
  });

  it('quick toggles: active-only, failed-only, one source at a time', async () => {
    const store = createFakeStore(
      fleetOf([
        makeSource('osapi', [makeJob({ id: 'run', state: 'running' }), makeJob({ id: 'bad', state: 'failed' })]),
        makeSource('mcrit', [makeJob({ id: 'm-ok', source: 'mcrit', state: 'succeeded' })]),
      ]),
    );
    app = await renderApp(store);
    await app.waitFor('m-ok');
    await app.press('a');
    expect(await app.waitFor((frame) => !frame.includes('bad'))).toContain('filter active');
    await app.press('F');
    expect(await app.waitFor((frame) => !frame.includes(' run '))).toContain('bad');
    await app.press('F', 'o', 'o');
    const one = await app.waitFor('source:mcrit');
    expect(one).toContain('m-ok');
    expect(one).not.toContain('bad');
    await app.press('o');
    await app.waitFor((frame) => frame.includes('bad') && frame.includes('m-ok') && !frame.includes('source:'));
  });

  it('sorts by the chosen column, reverses, and keeps the selection on the same job', async () => {
    const jobs = [
      makeJob({ id: 'old', createdAt: T0 - 300_000, state: 'succeeded' }),
      makeJob({ id: 'mid', createdAt: T0 - 200_000, state: 'running' }),
      makeJob({ id: 'new', createdAt: T0 - 100_000, state: 'queued' }),
    ];
    app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', jobs)])));
    await app.waitFor('old');
    await app.press('G');
    expect(selectedLine(await app.waitFor('› '))).toContain('old');
    await app.press('s', 's', 's');
    const created = await app.waitFor('sort created');
    expect(created.indexOf('new')).toBeLessThan(created.indexOf('mid'));
    expect(created).toContain('AGE▼');
    expect(selectedLine(created)).toContain('old');
    await app.press('I');
    const reversed = await app.waitFor('sort created▲');
    expect(reversed.indexOf(' old ')).toBeLessThan(reversed.indexOf(' new '));
    expect(selectedLine(reversed)).toContain('old');
  });

  it('keeps the selection on the same job across refreshes, and moves to its neighbour when it vanishes', async () => {
    const jobs = makeJobs(6, { states: ['running'] }).map((job, index) => ({ ...job, updatedAt: T0 - index * 1_000 }));
    const store = createFakeStore(fleetOf([makeSource('osapi', jobs)]));
    app = await renderApp(store);
    await app.waitFor('job-5');
    await app.press('j', 'j');
    expect(selectedLine(app.frame())).toContain('job-2');
    store.setSources([makeSource('osapi', [makeJob({ id: 'job-new', updatedAt: T0 }), ...jobs])]);
    await app.waitFor('job-new');
    expect(selectedLine(app.frame())).toContain('job-2');
    store.setSources([
      makeSource(
        'osapi',
        jobs.filter((job) => job.id !== 'job-2'),
      ),
    ]);
    await app.waitFor((frame) => !frame.includes('job-new'));
    expect(selectedLine(app.frame())).toContain('job-3');
  });

  it('drives polling: pause, refresh now, faster and slower', async () => {
    const store = createFakeStore(fleetOf([makeSource('osapi', makeJobs(2))]));
    app = await renderApp(store);
    await app.waitFor('↻ 5s');
    await app.press('p');
    await app.waitFor('⏸ paused');
    await app.press('p', 'r', '+', '-', '-');
    await waitFor(() => store.calls.length >= 5);
    expect(store.calls).toEqual(
      [
        { method: 'setPaused', paused: true },
        { method: 'setPaused', paused: false },
        { method: 'refreshNow', source: undefined },
        { method: 'setIntervalMs', ms: 3_000 },
        { method: 'setIntervalMs', ms: 5_000 },
        { method: 'setIntervalMs', ms: 10_000 },
      ].slice(0, store.calls.length),
    );
    await app.waitFor('↻ 10s');
  });

  it('copies the selected id with OSC 52 and says so in the footer', async () => {
    app = await renderApp(
      createFakeStore(fleetOf([makeSource('osapi', [makeJob({ id: '5f1c2a3b-9d8e-4f00-a1b2-000000000001' })])])),
    );
    await app.waitFor('5f1c…00001');
    await app.press('y');
    await app.waitFor('copied 5f1c2a3b-9d8e-4f00-a1b2-000000000001');
    await waitFor(() => app!.writes.length > 0);
    expect(app.writes).toEqual([
      `\x1b]52;c;${Buffer.from('5f1c2a3b-9d8e-4f00-a1b2-000000000001').toString('base64')}\x07`,
    ]);
    expect(osc52('42')).toBe('\x1b]52;c;NDI=\x07');
  });

  it('rings the bell only when a job newly fails, and only with the bell option', async () => {
    const jobs = makeJobs(3, { states: ['running'] });
    const failedFromStart = makeJob({ id: 'old-failure', state: 'failed' });
    for (const bell of [true, false]) {
      const store = createFakeStore(fleetOf([makeSource('osapi', [...jobs, failedFromStart])]));
      app = await renderApp(store, { bell });
      await app.waitFor('job-2');
      store.setSources([makeSource('osapi', [{ ...jobs[0], updatedAt: T0 }, ...jobs.slice(1), failedFromStart])]);
      await app.waitFor('job-0');
      store.setSources([makeSource('osapi', [{ ...jobs[0], state: 'failed' }, ...jobs.slice(1), failedFromStart])]);
      await app.waitFor('✖ failed');
      store.setSources([
        makeSource('osapi', [{ ...jobs[0], state: 'failed' }, ...jobs.slice(1), failedFromStart], {
          lastSuccessAt: T0,
        }),
      ]);
      await app.waitFor('job-1');
      await new Promise((resolve) => setImmediate(resolve));
      expect(app.writes).toEqual(bell ? ['\x07'] : []);
      app.unmount();
    }
    app = undefined;
  });

  it('quits on q and ctrl-c', async () => {
    app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', makeJobs(1))])));
    await app.waitFor('job-0');
    await app.press('q');
    await waitFor(() => app!.exits() === 1);
    await app.press(KEYS.ctrlC);
    await waitFor(() => app!.exits() === 2);
  });

  it('shows the help overlay from the keymap and the footer hints of the view', async () => {
    app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', makeJobs(1))])), { columns: 200, rows: 120 });
    const frame = await app.waitFor('job-0');
    const footer = frame.split('\n').at(-1) as string;
    const actionKeys = ['action-cancel', 'action-delete', 'action-retry', 'marks-clear'];
    for (const hint of footerHints(['list', 'global'], KEYMAP, (binding) => !actionKeys.includes(binding.command)))
      expect(footer).toContain(`${hint.keys} ${hint.label}`);
    // why: this source has no actions and nothing is marked, so those keys are not offered.
    for (const hint of ['c cancel', 'D delete', 'R retry', 'u unmark all']) expect(footer).not.toContain(hint);
    await app.press('?');
    // why: help wraps descriptions at 80 columns; continuation lines start under the description column.
    const help = (await app.waitFor('jobtop keys')).replace(/ *\n {25}(?=\S)/g, ' ');
    for (const binding of KEYMAP.filter((row) => row.scope === 'list' || row.scope === 'global'))
      expect(help).toContain(binding.description);
    await app.press(KEYS.escape);
    await app.waitFor('job-0');
  });
});
