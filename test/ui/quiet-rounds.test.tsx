import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { sameListScreen } from '../../source/ui/quiet-rounds.js';
import { App } from '../../source/ui/app.js';
import type { FleetSnapshot, SourceSnapshot } from '../../source/store/types.js';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeJobs, makeSource, T0 } from '../helpers/jobs.js';
import { fleetAttention } from '../../source/ui/select.js';
import { computeTriage } from '../../source/domain/triage.js';
import { renderAt, type Rendered } from '../helpers/render.js';

const jobs = makeJobs(4, { states: ['succeeded'] });
const source = makeSource('osapi', jobs, { stateCounts: { succeeded: 4 }, warnings: [], lastSuccessAt: T0 - 2_000 });
const shown = fleetOf([source]);
/** The fleet after a poll round that changed `patch` of the source (jobs array kept). */
const after = (patch: Partial<SourceSnapshot>, fleet: Partial<FleetSnapshot> = {}): FleetSnapshot => ({
  ...shown,
  sources: [{ ...source, ...patch }],
  ...fleet,
});

describe('sameListScreen: does a poll round change what the job list shows?', () => {
  it.each<[string, FleetSnapshot, boolean]>([
    [
      'only the bookkeeping moved (last answer, latency, polls a minute, next poll)',
      after({
        lastSuccessAt: T0,
        lastLatencyMs: 12,
        pollsLastMinute: 30,
        nextPollAt: T0 + 2_000,
        nextPollDelayMs: 2_000,
      }),
      true,
    ],
    [
      'only the session figures moved (requests a minute, token expiry: the sources screen shows them)',
      after({ session: { requestsPerMinute: 31, tokenExpiresAt: T0 + 3_600_000, tokenRenews: true } }),
      true,
    ],
    ['new but equal counts objects', after({ stateCounts: { succeeded: 4 }, warnings: [] }), true],
    ['the counts changed', after({ stateCounts: { succeeded: 5 } }), false],
    ['the jobs changed', { ...shown, jobs: [...jobs] }, false],
    [
      'the source started failing',
      after({ status: 'error', error: { kind: 'timeout', short: 'timeout', message: 'x' } }),
      false,
    ],
    ['a row was marked changed', after({}, { changed: new Map([[jobs[0].key, T0]]) }), false],
    ['polling was paused', after({}, { paused: true }), false],
    [
      'an action was added',
      after(
        {},
        {
          actions: [
            {
              id: 1,
              kind: 'cancel',
              jobKey: jobs[0].key,
              status: 'requested',
              stateAtRequest: 'running',
              jobType: null,
              at: T0,
            },
          ],
        },
      ),
      false,
    ],
  ])('%s', (_, next, same) => expect(sameListScreen(shown, next, T0)).toBe(same));

  it('counts a field that only one side has as a change, either way round', () => {
    const { warnings: _warnings, ...withoutWarnings } = source;
    const without: FleetSnapshot = { ...shown, sources: [withoutWarnings] };
    expect(sameListScreen(shown, without, T0)).toBe(false);
    expect(sameListScreen(without, shown, T0)).toBe(false);
    // A bookkeeping field only one side has is no change.
    const { lastLatencyMs: _latency, ...withoutLatency } = { ...source, lastLatencyMs: 12 };
    expect(sameListScreen(shown, { ...shown, sources: [withoutLatency as SourceSnapshot] }, T0)).toBe(true);
  });

  it('a healthy source’s age counts only at list resolution: "3m ago" becoming "<1m ago" is a change', () => {
    const old = fleetOf([{ ...source, lastSuccessAt: T0 - 3 * 60_000 }]);
    expect(sameListScreen(old, { ...old, sources: [{ ...source, lastSuccessAt: T0 - 1_000 }] }, T0)).toBe(false);
  });

  it('a failing source’s stale age counts in seconds, so any new last answer is a change', () => {
    const failing = { ...source, status: 'error' as const };
    const old = fleetOf([failing]);
    expect(sameListScreen(old, { ...old, sources: [{ ...failing, lastSuccessAt: T0 - 1_000 }] }, T0)).toBe(false);
  });
});

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

describe('the App renders a poll round only when the job list changes', () => {
  async function start() {
    const store = createFakeStore(shown);
    let commits = 0;
    rendered = await renderAt(
      <Profiler id="app" onRender={() => (commits += 1)}>
        <App store={store} now={() => T0} onExit={() => undefined} write={() => undefined} />
      </Profiler>,
      { columns: 100, rows: 20 },
    );
    await rendered.waitFor('OK');
    return { store, commits: () => commits };
  }

  it('a round that moves only the bookkeeping commits nothing; one that changes a job does', async () => {
    const { store, commits } = await start();
    const before = commits();
    store.push({ sources: [{ ...source, lastSuccessAt: T0 - 500, lastLatencyMs: 9 }] });
    await rendered!.press();
    expect(commits()).toBe(before);
    expect(store.getSnapshot().sources[0].lastLatencyMs).toBe(9);
    const changed = makeJobs(4, { states: ['failed'] });
    store.setSources([{ ...source, jobs: changed, lastSuccessAt: T0 - 400 }]);
    await rendered!.waitFor('failed');
    expect(commits()).toBeGreaterThan(before);
  });

  it('the sources screen, which shows the bookkeeping, still hears every round', async () => {
    const { store } = await start();
    await rendered!.press('S');
    await rendered!.waitFor('last poll');
    store.push({ sources: [{ ...source, lastSuccessAt: T0 - 500, lastLatencyMs: 4_321 }] });
    await rendered!.waitFor('4.3s');
  });
});

describe('fleetAttention: the flagged jobs, kept until time alone changes them', () => {
  const failedAt = (id: string, minutesAgo: number) =>
    makeJob({ id, state: 'failed', finishedAt: T0 - minutesAgo * 60_000, startedAt: T0 - (minutesAgo + 1) * 60_000 });
  const fleetJobs = [failedAt('recent', 50), failedAt('old', 120)];

  it('answers from its cache before the change and recomputes at it', () => {
    const first = fleetAttention(fleetJobs, undefined, T0);
    expect([...first.keys]).toEqual(['osapi/recent']);
    expect(first.changesAt).toBe(T0 + 10 * 60_000 + 1);
    expect(fleetAttention(fleetJobs, undefined, T0 + 5 * 60_000)).toBe(first);
    const later = fleetAttention(fleetJobs, undefined, first.changesAt);
    expect([...later.keys]).toEqual([]);
    expect(later.changesAt).toBe(Infinity);
  });

  it('equals a fresh triage at every instant of a walk through time', () => {
    for (let minute = 0; minute <= 80; minute += 7) {
      const at = T0 + minute * 60_000;
      const fresh = [...computeTriage(fleetJobs, at).keys()];
      expect([...fleetAttention(fleetJobs, undefined, at).keys]).toEqual(fresh);
    }
  });
});
