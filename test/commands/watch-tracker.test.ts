/**
 * The watch tracker as a pure state machine: fleet and detail snapshots in, events and
 * settlements out, on a clock the test sets.
 */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../source/domain/job.js';
import type { DetailSnapshot, FleetSnapshot, SourceSnapshot } from '../../source/store/types.js';
import { createWatchTracker } from '../../source/commands/watch/watch-tracker.js';
import { listJobAsDetail } from '../../source/store/detail-watcher.js';
import { makeJob } from '../helpers/scripted-source.js';

const source = (name: string, patch: Partial<SourceSnapshot>): SourceSnapshot =>
  ({
    name,
    vendor: 'osapi',
    url: 'http://h',
    status: 'ok',
    jobs: [],
    total: null,
    stateCounts: null,
    lastSuccessAt: 1,
    error: null,
    consecutiveFailures: 0,
    nextPollAt: null,
    intervalMs: 500,
    readonly: false,
    insecure: false,
    capabilities: {
      detail: true,
      steps: false,
      messages: false,
      result: false,
      stats: false,
      actions: {},
      missing: {},
    },
    ...patch,
  }) as SourceSnapshot;
const fleet = (...sources: SourceSnapshot[]): FleetSnapshot => ({
  sources,
  jobs: sources.flatMap((s) => s.jobs),
  changed: new Map(),
  paused: false,
  intervalMs: 500,
  actions: [],
});
const detail = (key: string, status: DetailSnapshot['status'], job: Job | null = null): DetailSnapshot => ({
  key,
  status,
  detail: job ? listJobAsDetail(job) : null,
  error: null,
  lastSuccessAt: null,
});

describe('watch tracker', () => {
  let now = 0;
  const target = { key: 's/1', source: 's', id: '1' };
  const tracker = (waitForAppear = false) =>
    createWatchTracker([target], { waitForAppear, unreachableAfterMs: 10_000, now: () => now });

  it('reports the first state, each change, and settles on a terminal state', () => {
    const watch = tracker();
    expect(watch.onSnapshot(fleet(source('s', { jobs: [makeJob('s', '1', 'queued')] })))).toEqual([
      { kind: 'state', key: 's/1', from: null, to: expect.objectContaining({ state: 'queued' }) },
    ]);
    expect(watch.onSnapshot(fleet(source('s', { jobs: [makeJob('s', '1', 'queued', { progress: 5 })] })))).toEqual([]);
    const events = watch.onSnapshot(fleet(source('s', { jobs: [makeJob('s', '1', 'failed')] })));
    expect(events.map((event) => event.kind)).toEqual(['state', 'settled']);
    expect(watch.jobs()[0].outcome).toBe('failed');
    expect(watch.done()).toBe(true);
  });

  it('follows a job the list does not show through its detail, and calls it vanished when that is gone', () => {
    const watch = tracker();
    watch.onSnapshot(fleet(source('s', { jobs: [makeJob('s', '1', 'running')] })));
    watch.onSnapshot(fleet(source('s', { jobs: [] })));
    expect(watch.detailKeys()).toEqual(['s/1']);
    expect(watch.onDetail('s/1', detail('s/1', 'loading'))).toEqual([]);
    expect(watch.onDetail('s/1', detail('s/1', 'ok', makeJob('s', '1', 'running')))).toEqual([]);
    expect(watch.onDetail('s/1', detail('s/1', 'gone'))).toEqual([
      { kind: 'settled', key: 's/1', outcome: 'vanished', note: 'it no longer exists on s' },
    ]);
    expect(watch.detailKeys()).toEqual([]);
  });

  it('asks the detail how an Alteryx job ended instead of reporting running → unknown', () => {
    const watch = tracker();
    watch.onSnapshot(fleet(source('s', { jobs: [makeJob('s', '1', 'running')] })));
    const undecided = makeJob('s', '1', 'unknown', { terminal: true, flags: ['needs-disposition'] });
    expect(watch.onSnapshot(fleet(source('s', { jobs: [undecided] })))).toEqual([]);
    expect(watch.detailKeys()).toEqual(['s/1']);
    const events = watch.onDetail('s/1', detail('s/1', 'ok', makeJob('s', '1', 'succeeded')));
    expect(events[0]).toMatchObject({ kind: 'state', from: { state: 'running' }, to: { state: 'succeeded' } });
    expect(watch.jobs()[0].outcome).toBe('succeeded');
  });

  it('waits for a job that does not exist yet only when asked to', () => {
    const strict = tracker();
    strict.onSnapshot(fleet(source('s', {})));
    expect(strict.onDetail('s/1', detail('s/1', 'gone'))).toEqual([
      { kind: 'settled', key: 's/1', outcome: 'not-found', note: 'no such job on s' },
    ]);
    const patient = tracker(true);
    patient.onSnapshot(fleet(source('s', {})));
    expect(patient.onDetail('s/1', detail('s/1', 'gone'))).toEqual([{ kind: 'waiting', key: 's/1' }]);
    patient.onSnapshot(fleet(source('s', {})));
    expect(patient.detailKeys()).toEqual([]);
    expect(patient.onSnapshot(fleet(source('s', { jobs: [makeJob('s', '1', 'queued')] })))[0]).toMatchObject({
      kind: 'state',
      to: { state: 'queued' },
    });
    expect(patient.timeOut('1m')).toEqual([
      { kind: 'settled', key: 's/1', outcome: 'timeout', note: 'after 1m still queued' },
    ]);
  });

  it('gives a failing source until unreachable-after, but none for refused credentials on the first poll', () => {
    const watch = tracker();
    now = 1000;
    const refused = { kind: 'refused' as const, short: 'connection refused', message: 's: connection refused' };
    expect(watch.onSnapshot(fleet(source('s', { status: 'error', error: refused, lastSuccessAt: null })))).toEqual([
      { kind: 'source-failing', source: 's', error: refused },
    ]);
    now = 10_999;
    expect(watch.onSnapshot(fleet(source('s', { status: 'error', error: refused, lastSuccessAt: null })))).toEqual([]);
    now = 11_000;
    expect(watch.onSnapshot(fleet(source('s', { status: 'error', error: refused, lastSuccessAt: null })))).toEqual([
      { kind: 'settled', key: 's/1', outcome: 'unreachable', note: 's: connection refused' },
    ]);
    const denied = tracker();
    const auth = { kind: 'auth' as const, short: '401 unauthorized', message: 's: 401 unauthorized' };
    expect(
      denied
        .onSnapshot(fleet(source('s', { status: 'error', error: auth, lastSuccessAt: null })))
        .map((event) => event.kind),
    ).toEqual(['source-failing', 'settled']);
  });

  it('says once when a watched job’s source is degraded, and when every outcome is known again', () => {
    const watch = tracker();
    const incomplete = { jobs: 3, reason: 'outcome unknown: its detail request failed (500 server error)' };
    const running = [makeJob('s', '1', 'running')];
    expect(watch.onSnapshot(fleet(source('s', { jobs: running, incomplete })))).toEqual([
      { kind: 'source-degraded', source: 's', incomplete },
      { kind: 'state', key: 's/1', from: null, to: expect.objectContaining({ state: 'running' }) },
    ]);
    expect(watch.onSnapshot(fleet(source('s', { jobs: running, incomplete })))).toEqual([]);
    expect(watch.onSnapshot(fleet(source('other', { incomplete })))).toEqual([]);
    expect(watch.onSnapshot(fleet(source('s', { jobs: running, incomplete: null })))).toEqual([
      { kind: 'source-whole', source: 's' },
    ]);
  });

  it('never settles an undecided Alteryx job as success or failure while its detail fails: unreachable, outcome unknown', () => {
    const watch = tracker();
    now = 0;
    const undecided = makeJob('s', '1', 'unknown', { terminal: true, flags: ['needs-disposition'] });
    watch.onSnapshot(fleet(source('s', { jobs: [undecided] })));
    const failure = {
      kind: 'server' as const,
      short: '500 server error',
      message: 's: GET /v3/jobs/1: 500 server error',
      status: 500,
    };
    const failing = { ...detail('s/1', 'error'), error: failure };
    expect(watch.onDetail('s/1', failing)).toEqual([
      { kind: 'detail-failing', key: 's/1', outcomeUnknown: true, error: failure },
    ]);
    now = 9_999;
    expect(watch.onDetail('s/1', failing)).toEqual([]);
    expect(watch.onSnapshot(fleet(source('s', { jobs: [undecided] })))).toEqual([]);
    now = 10_000;
    expect(watch.onDetail('s/1', failing)).toEqual([
      {
        kind: 'settled',
        key: 's/1',
        outcome: 'unreachable',
        note: 'outcome unknown: s: GET /v3/jobs/1: 500 server error',
      },
    ]);
  });

  it('says when a failing detail answers again, and then settles on what it says', () => {
    const watch = tracker();
    now = 0;
    watch.onSnapshot(
      fleet(source('s', { jobs: [makeJob('s', '1', 'unknown', { terminal: true, flags: ['needs-disposition'] })] })),
    );
    const failure = { kind: 'timeout' as const, short: 'timeout', message: 's: timeout' };
    expect(watch.onDetail('s/1', { ...detail('s/1', 'error'), error: failure })[0]).toMatchObject({
      kind: 'detail-failing',
    });
    const events = watch.onDetail('s/1', detail('s/1', 'ok', makeJob('s', '1', 'failed')));
    expect(events.map((event) => event.kind)).toEqual(['detail-recovered', 'state', 'settled']);
    expect(watch.jobs()[0].outcome).toBe('failed');
  });
});
