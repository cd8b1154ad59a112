/**
 * The operator's cockpit through the real App (ink-testing-library): `:` commands, queries at
 * `/` with their errors, the sources screen with a failing source's full error, column choice,
 * and a rebound key that the footer follows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, KEYS, type RenderedApp } from '../helpers/render.js';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeSource, T0 } from '../helpers/jobs.js';
import { applyKeyConfig } from '../../source/ui/keymap-config.js';

const LONG_ERROR =
  'analytics: POST https://alteryx.example.com/webapi/oauth2/token answered 400 Bad Request: {"error":"invalid_client","error_description":"The client credentials are invalid or the API access key was revoked by an administrator on the Gallery"}';

const fleet = () =>
  fleetOf([
    makeSource('osapi', [
      makeJob({ id: 'run-1', state: 'running', type: 'process-chart' }),
      makeJob({ id: 'bad-2', state: 'failed', type: 'ETL nightly', error: 'disk full\nat step 3' }),
    ]),
    makeSource(
      'alteryx-analytics',
      [makeJob({ id: 'ax-1', source: 'alteryx-analytics', state: 'succeeded', type: 'ETL hourly' })],
      {
        status: 'error',
        error: { kind: 'http', short: '400 token request rejected', message: LONG_ERROR, status: 400 },
        consecutiveFailures: 3,
        failingSince: T0 - 125_000,
        lastLatencyMs: 240,
        pollsLastMinute: 4,
        nextPollAt: T0 + 8_000,
        total: 5312,
      },
    ),
  ]);

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

describe('cockpit flows', () => {
  it('runs a : command with Tab completion and shows the result in the header', async () => {
    app = await renderApp(createFakeStore(fleet()), { columns: 120, rows: 30 });
    await app.waitFor('run-1');
    await app.press(':');
    await app.type('sou');
    await app.press(KEYS.tab);
    await app.waitFor(':source');
    await app.type(' alt');
    await app.press(KEYS.tab);
    await app.waitFor(':source alteryx-analytics');
    await app.press(KEYS.enter);
    const frame = await app.waitFor((text) => !text.includes('run-1'));
    expect(frame).toContain('source:alteryx-analytics');
    expect(frame).toContain('ax-1');
  });

  it('says so in the footer for an unknown command and an unbound key', async () => {
    app = await renderApp(createFakeStore(fleet()), { columns: 120, rows: 30 });
    await app.waitFor('run-1');
    await app.press(':');
    await app.type('frob');
    await app.press(KEYS.enter);
    await app.waitFor('no command :frob — commands: filter, source');
    await app.press('x');
    await app.waitFor('x is not a key here — ? for help');
  });

  it('suggests the closest command and source name in the footer', async () => {
    app = await renderApp(createFakeStore(fleet()), { columns: 120, rows: 30 });
    await app.waitFor('run-1');
    await app.press(':');
    await app.type('sorce analytics');
    await app.press(KEYS.enter);
    await app.waitFor('no command :sorce — did you mean :source?');
    await app.press(':');
    await app.type('source analytics');
    await app.press(KEYS.enter);
    const frame = await app.waitFor('no source named analytics — did you mean alteryx-analytics?');
    // Nothing was applied: the list still shows both sources' jobs.
    expect(frame).toContain('run-1');
    expect(frame).toContain('ax-1');
  });

  it('filters with a query, points at the column of a mistake, and shows the active query in the header', async () => {
    app = await renderApp(createFakeStore(fleet()), { columns: 120, rows: 30 });
    await app.waitFor('run-1');
    await app.press('/');
    await app.type('state:failed,succeeded type:ETL*');
    const filtered = await app.waitFor((text) => !text.includes('run-1') && text.includes('ax-1'));
    expect(filtered).toContain('bad-2');
    await app.type(' pri:>=hihg');
    await app.waitFor('column 38: priority: expected low, normal, high, urgent');
    await app.press(KEYS.ctrlU);
    await app.type('-source:osapi');
    await app.press(KEYS.enter);
    const kept = await app.waitFor((text) => text.includes('filter /-source:osapi') && !text.includes('bad-2'));
    expect(kept).toContain('ax-1');
  });

  it('shows the sources screen with the full error, failing since, retries, latency and counts; Enter filters the list', async () => {
    app = await renderApp(createFakeStore(fleet()), { columns: 100, rows: 30 });
    await app.waitFor('run-1');
    await app.press('S');
    const screen = await app.waitFor('jobtop sources');
    const text = screen.replace(/\s+/g, ' ');
    expect(text).toContain('1 failing');
    expect(text).toContain('revoked by an administrator on the Gallery');
    expect(text).toContain(
      'failing since 2m05s ago · 3 failures in a row · next retry in 8s · last poll took 240ms · 4 polls/min',
    );
    expect(text).toContain('1 job listed · the vendor counts 5,312');
    expect(text).toMatch(/finished\/min [·▁-█]+ 0 failed\/min/);
    await app.press('j', KEYS.enter);
    const list = await app.waitFor((frame) => frame.includes('source:alteryx-analytics'));
    expect(list).toContain('ax-1');
    expect(list).not.toContain('run-1');
  });

  it('chooses columns with :columns; the ERROR column shows the first line of the error', async () => {
    app = await renderApp(createFakeStore(fleet()), { columns: 100, rows: 30 });
    await app.waitFor('run-1');
    await app.press(':');
    await app.type('columns state,id,error');
    await app.press(KEYS.enter);
    const frame = await app.waitFor((text) => /STATE\s+ID\s+ERROR/.test(text));
    expect(frame).not.toContain('SOURCE');
    expect(frame).toContain('disk full');
    expect(frame).not.toContain('at step 3');
  });

  it('follows a rebound key in the footer and on the keyboard', async () => {
    const { keymap } = applyKeyConfig([{ action: 'sources-open', keys: ['Z'], at: 'c.yaml:2' }]);
    app = await renderApp(createFakeStore(fleet()), { columns: 200, rows: 30, keymap });
    const list = await app.waitFor('run-1');
    expect(list).toContain('Z sources');
    await app.press('S');
    await app.waitFor('S is not a key here');
    await app.press('Z');
    await app.waitFor('jobtop sources');
  });

  it('marks jobs that need attention with ! and shows only them with !', async () => {
    app = await renderApp(createFakeStore(fleet()), { columns: 120, rows: 30 });
    await app.waitFor('run-1');
    const row = app.lines().find((line) => line.includes('bad-2')) ?? '';
    expect(row).toMatch(/^.!/);
    await app.press('!');
    const frame = await app.waitFor((text) => !text.includes('run-1'));
    expect(frame).toContain('bad-2');
    expect(frame).toContain('!attention');
  });
});
