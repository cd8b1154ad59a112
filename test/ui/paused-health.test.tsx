/**
 * A paused monitor marks the health cells like the rows: every source's cell says it is paused,
 * with the ⧗ of stale data and the age of its last good data, counting on while paused; the help
 * legend explains the mark. Unpausing gives the live cell back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sourceCell } from '../../source/ui/views/header-lines.js';
import type { SourceSnapshot } from '../../source/store/types.js';
import { LEGEND } from '../../source/ui/legend.js';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeSource, T0 } from '../helpers/jobs.js';
import { renderApp, type RenderedApp } from '../helpers/render.js';

const text = (source: SourceSnapshot, paused: boolean, now = T0) =>
  sourceCell(source, now, 70, paused)
    .map((segment) => segment.text)
    .join('')
    .trimEnd();

const failing = makeSource('alteryx', [], {
  status: 'error',
  error: { kind: 'refused', short: 'connection refused', message: 'connection refused' },
  lastSuccessAt: T0 - 64_000,
});
const degraded = makeSource('mcrit', [], { incomplete: { jobs: 3, reason: 'detail failed' } });

describe('the health cell while polling is paused', () => {
  it.each([
    ['a healthy source', makeSource('osapi', []), /^✔ osapi OSAPI OK <1m ago$/, /^✔ osapi OSAPI ⧗ paused 2s$/],
    [
      'a failing source',
      failing,
      /^✖ alteryx Alteryx connection refused ⧗ stale 1m04s$/,
      /^✖ alteryx Alteryx connection refused ⧗ stale 1m04s, paused$/,
    ],
    ['a degraded source', degraded, /degraded: 3 unknown <1m ago$/, /degraded: 3 unknown ⧗ paused 2s$/],
  ])('%s says it is paused, with ⧗ and the age of its data', (_name, source, live, paused) => {
    expect(text(source, false)).toMatch(live);
    expect(text(source, true)).toMatch(paused);
  });

  it('counts the age on in seconds while paused (a live healthy cell keeps minute resolution)', () => {
    const source = makeSource('osapi', []);
    expect(text(source, true, T0 + 10_000)).toContain('⧗ paused 12s');
    expect(text(source, false, T0 + 10_000)).toContain('OK <1m ago');
  });

  it('is explained in the help legend with the same mark the rows carry', () => {
    const row = LEGEND.find((entry) => entry.mark.includes('paused') && entry.mark.includes('⧗'));
    expect(row?.meaning).toMatch(/paused/);
  });
});

let view: RenderedApp | undefined;
afterEach(() => view?.unmount());

describe('pressing p', () => {
  it('turns every health cell to "⧗ paused" with its age, and p again gives the live cells back', async () => {
    const store = createFakeStore(
      fleetOf([
        makeSource('osapi', [makeJob({ id: 'run-1', source: 'osapi' })]),
        makeSource('vectara', [makeJob({ id: 'run-2', source: 'vectara' })], { lastSuccessAt: T0 - 5_000 }),
      ]),
    );
    view = await renderApp(store, { columns: 120, rows: 30 });
    await view.waitFor('✔ vectara');
    expect(view.frame()).not.toContain('paused');
    await view.press('p');
    const frame = await view.waitFor('⏸ paused');
    expect(frame).toMatch(/✔ osapi OSAPI ⧗ paused 2s/);
    expect(frame).toMatch(/✔ vectara Vectara ⧗ paused 5s/);
    const rows = frame.split('\n').filter((line) => /run-[12]/.test(line));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^.⧗/);
    await view.press('p');
    const live = await view.waitFor((current) => !current.includes('⏸ paused'));
    expect(live).toMatch(/✔ osapi OSAPI OK/);
    expect(live).not.toContain('⧗');
  });
});
