import { afterEach, describe, expect, it } from 'vitest';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeCapabilities, makeJob, makeJobs, makeSource, T0 } from '../helpers/jobs.js';
import { lineCells, renderApp, type RenderedApp } from '../helpers/render.js';
import type { SourceSnapshot } from '../../source/store/types.js';

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

const failing = (name: string, patch: Partial<SourceSnapshot> = {}) =>
  makeSource(name, makeJobs(3, { source: name, prefix: `${name}-` }), {
    status: 'error',
    lastSuccessAt: T0 - 125_000,
    consecutiveFailures: 4,
    error: { kind: 'auth', short: '401 unauthorized', message: `${name}: 401 unauthorized (GET /jobs)`, status: 401 },
    ...patch,
  });

const fiveSources = () => [
  makeSource('osapi', makeJobs(120), { total: 5_312, stateCounts: { failed: 340 } }),
  makeSource('vectorcharts', makeJobs(40, { source: 'vectorcharts', prefix: 'vc-' }), { insecure: true }),
  failing('mcrit'),
  makeSource('alteryx', [], { status: 'loading', lastSuccessAt: null, readonly: true }),
  makeSource('vectara', makeJobs(5, { source: 'vectara', prefix: 'vt-' })),
];

describe('main screen', () => {
  it('shows source health, counts, the table and the footer', async () => {
    app = await renderApp(createFakeStore(fleetOf(fiveSources())), { columns: 120, rows: 40 });
    const frame = await app.waitFor('jobtop');
    expect(frame).toContain('✔ osapi OSAPI OK <1m ago');
    expect(frame).toMatch(/✖ mcrit( MCRIT)? 401 unauthorized ⧗ stale 2m05s/);
    expect(frame).toContain('◌ alteryx Alteryx loading… RO');
    expect(frame).toMatch(/vectorcharts( VectorCharts)? OK <1m ago INSECURE/);
    expect(frame).toMatch(/showing 168 of 5,360/);
    expect(frame).toMatch(/✖ 41\/351 failed/);
    expect(frame).toMatch(/STATE\s+SOURCE\s+TYPE\s+ID/);
    expect(frame).toMatch(/^›/m);
    // the failing source's rows: ⧗ in the lead cell, AGE shows the data's age instead of the job's
    const mcritRow = frame.split('\n').find((line) => line.includes('mcrit-0')) ?? '';
    expect(mcritRow).toMatch(/^.⧗ ● running/);
    expect(mcritRow).toContain('⧗ 2m ');
    expect(frame.split('\n').find((line) => line.includes('job-0 '))).not.toContain('⧗');
    expect(frame).toMatch(/↻ 5s\s+j\/k move\s+Enter open\s+\/ filter/);
  });

  it('shows a source whose list answered but whose enrichment failed as degraded, with how many jobs are unknown', async () => {
    const degraded = makeSource('alteryx', makeJobs(4, { source: 'alteryx', prefix: 'ax-' }), {
      incomplete: { jobs: 46, reason: 'disposition look-ups failed: 500 server error' },
    });
    app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', makeJobs(3)), degraded])), {
      columns: 120,
      rows: 30,
    });
    const frame = await app.waitFor('degraded');
    expect(frame).toMatch(/▲ alteryx( Alteryx)? degraded: 46 unknown <1m ago/);
    expect(frame).not.toMatch(/alteryx( Alteryx)? OK/);
    expect(frame).toContain('✔ osapi OSAPI OK <1m ago');
  });

  it('draws only the visible window of rows', async () => {
    app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', makeJobs(5_000))])), { columns: 100, rows: 30 });
    const lines = (await app.waitFor('jobtop')).split('\n');
    expect(lines.length).toBeLessThanOrEqual(29);
    expect(lines.filter((line) => line.includes('node.exec')).length).toBe(24);
  });

  it('fits 80×24: every line at most 80 cells, at most 23 lines, in every view', async () => {
    const store = createFakeStore(fleetOf(fiveSources()));
    app = await renderApp(store, { columns: 80, rows: 24 });
    await app.waitFor('jobtop');
    const check = () => {
      const raw = app!.raw().split('\n');
      expect(raw.length).toBeLessThanOrEqual(23);
      for (const line of raw) expect(lineCells(line)).toBeLessThanOrEqual(80);
    };
    check();
    await app.press('t');
    await app.waitFor((frame) => frame.includes(' │ '));
    check();
    await app.press('?');
    await app.waitFor('jobtop keys');
    check();
    await app.press('\x1b', '\r');
    await app.waitFor('Overview');
    check();
    for (const tab of ['2', '3', '4', '5']) {
      await app.press(tab);
      check();
    }
  });

  it('gives way by importance on narrow terminals and re-lays out on resize', async () => {
    app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', makeJobs(10))])), { columns: 160, rows: 30 });
    expect(await app.waitFor('HOST')).toMatch(/STATE\s+SOURCE\s+TYPE\s+ID\s+PRI\s+PROGRESS\s+AGE\s+DUR\s+OWNER\s+HOST/);
    await app.resize(40, 20);
    const narrow = await app.waitFor((frame) => !frame.includes('SOURCE'));
    expect(narrow).toMatch(/STATE\s+TYPE\s+ID/);
    expect(narrow).not.toContain('OWNER');
    for (const line of app.lines()) expect(lineCells(line)).toBeLessThanOrEqual(40);
    await app.resize(80, 24);
    expect(await app.waitFor('PROGRESS')).not.toContain('HOST');
  });

  it('keeps rows aligned whatever the job fields contain', async () => {
    const hostile = [
      makeJob({ id: 'a\u001b[2J\u001b[31mred', type: 'type\nwith\nnewlines', owner: '\u202eevil' }),
      makeJob({ id: '漢字漢字漢字漢字', type: '全角の種類の名前はとても長い', host: 'h\u0000st' }),
      makeJob({ id: 'emoji👍🏽x', type: 'tab\there\rcr', source: 'osapi' }),
      makeJob({
        id: 'osc',
        type: '\u001b]52;c;aGk=\u0007pwned',
        priority: { rank: null, value: 1, label: '\u009b31mC1' },
      }),
      makeJob({ id: 'plain', type: 'node.exec' }),
    ];
    app = await renderApp(createFakeStore(fleetOf([makeSource('osapi', hostile)])), { columns: 100, rows: 30 });
    await app.waitFor('plain');
    const raw = app.raw();
    expect(raw).not.toContain('\u001b[2J');
    expect(raw).not.toContain('\u001b]52');
    expect(raw).not.toContain('\u009b');
    const rows = app.lines().filter((line) => /[●◌✔✖⊘◐?] running/.test(line));
    expect(rows.length).toBe(5);
    const widths = rows.map((line) => lineCells(line));
    expect(new Set(widths).size).toBe(1);
    // The AGE column starts at the same cell in every row.
    const ageCells = rows.map((line) => lineCells(line.slice(0, line.indexOf(' 1m '))));
    expect(new Set(ageCells).size).toBe(1);
  });

  it('marks rows whose state just changed, for a moment', async () => {
    const jobs = makeJobs(3);
    app = await renderApp(
      createFakeStore(
        fleetOf([makeSource('osapi', jobs)], {
          changed: new Map([
            [jobs[1].key, T0 - 1_000],
            [jobs[2].key, T0 - 10_000],
          ]),
        }),
      ),
      { columns: 100, rows: 30 },
    );
    const lines = (await app.waitFor('job-1')).split('\n');
    expect(lines.find((line) => line.includes('job-1'))).toMatch(/^ \*/);
    expect(lines.find((line) => line.includes('job-2'))).toMatch(/^ {2}/);
  });

  it('shows a failing source degraded with its stale age while the others update', async () => {
    let now = T0;
    const store = createFakeStore(
      fleetOf([
        makeSource('osapi', makeJobs(2), { lastSuccessAt: T0 }),
        failing('mcrit', { lastSuccessAt: T0 - 10_000 }),
      ]),
    );
    app = await renderApp(store, { columns: 120, rows: 30, now: () => now });
    expect(await app.waitFor('401 unauthorized')).toContain('stale 10s');
    now = T0 + 7_000;
    const newer = makeJobs(3).map((job) => ({ ...job, updatedAt: now }));
    store.setSources([
      makeSource('osapi', newer, { lastSuccessAt: now }),
      failing('mcrit', { lastSuccessAt: T0 - 10_000 }),
    ]);
    const frame = await app.waitFor('stale 17s');
    expect(frame).toContain('✔ osapi OSAPI OK <1m ago');
    expect(frame).toContain('job-2');
    expect(frame).toContain('mcrit-0');
  });

  it('says why the table is empty', async () => {
    const store = createFakeStore(fleetOf([makeSource('osapi', [], { status: 'loading', lastSuccessAt: null })]));
    app = await renderApp(store);
    await app.waitFor('Waiting for the sources to answer');
    store.setSources([makeSource('osapi', makeJobs(2))]);
    await app.waitFor('job-1');
    await app.press('/', 'z', 'z', 'z');
    await app.waitFor('No jobs match the filter');
  });

  it('shows per-source counts and vendor totals on t', async () => {
    app = await renderApp(createFakeStore(fleetOf(fiveSources())), { columns: 120, rows: 40 });
    await app.waitFor('jobtop');
    await app.press('t');
    const frame = await app.waitFor(' │ ');
    expect(frame).toMatch(/osapi OSAPI OK .* │ ◌30 ●30 ✔30 ✖30\/340 {2}120 of 5,312/);
    expect(frame).toMatch(/alteryx .*│ no jobs/);
  });

  it('marks read-only mode in the title', async () => {
    app = await renderApp(
      createFakeStore(fleetOf([makeSource('osapi', makeJobs(1), { capabilities: makeCapabilities() })])),
      { readonly: true },
    );
    expect(await app.waitFor('READ-ONLY')).toContain('jobtop');
  });
});

describe('many sources', () => {
  it('says how many sources do not fit the header', async () => {
    const sources = Array.from({ length: 30 }, (_, index) =>
      makeSource(`osapi-${index}`, makeJobs(1, { source: `osapi-${index}`, prefix: `j${index}-` })),
    );
    app = await renderApp(createFakeStore(fleetOf(sources)), { columns: 80, rows: 24 });
    expect(await app.waitFor('more sources')).toMatch(/\+\d+ more sources/);
    await app.press('t');
    await app.waitFor('(o shows one at a time)');
    expect(app.lines().length).toBeLessThanOrEqual(23);
  });
});
