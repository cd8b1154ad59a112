/**
 * The exporter's metrics from store snapshots, without HTTP: every figure read back through a
 * real exposition parser. Gauges follow the snapshot at scrape time; counters and histograms
 * follow settled polls; labels never carry a job id, whatever the fleet's size.
 */
import { describe, expect, it } from 'vitest';
import { createFleetMetrics } from '../../source/commands/exporter/fleet-metrics.js';
import { JOB_STATES, type Job, type JobState } from '../../source/domain/job.js';
import type { FleetSnapshot, SourceSnapshot } from '../../source/store/types.js';
import { T0, makeJob, makeSource } from '../helpers/jobs.js';
import { parseMetrics, seriesCount, seriesOf, valueOf, type ParsedFamily } from '../helpers/metrics.js';

const fleet = (sources: SourceSnapshot[]): FleetSnapshot => ({
  sources,
  jobs: sources.flatMap((source) => source.jobs),
  changed: new Map(),
  paused: false,
  intervalMs: 2000,
  actions: [],
});

/** Metrics over a snapshot the test can swap; scrape() renders and parses them. */
function setUp(initial: SourceSnapshot[], typeGroups: string[] = [], now = () => T0) {
  let snapshot = fleet(initial);
  const metrics = createFleetMetrics(() => snapshot, { typeGroups, now, processMetrics: false });
  return {
    metrics,
    set: (sources: SourceSnapshot[]) => (snapshot = fleet(sources)),
    scrape: async () => parseMetrics(await metrics.registry.metrics()),
  };
}

const jobsIn = (source: string, states: JobState[]) =>
  states.map((state, n) => makeJob({ id: `${source}-${n}`, source, state }));

describe('fleet metrics', () => {
  it('counts listed jobs per source and every normalized state, zeros included', async () => {
    const { scrape } = setUp([
      makeSource('osapi', jobsIn('osapi', ['running', 'running', 'failed'])),
      makeSource('mcrit', jobsIn('mcrit', ['queued'])),
    ]);
    const families = await scrape();
    expect(valueOf(families, 'jobtop_jobs', { source: 'osapi', vendor: 'osapi', state: 'running' })).toBe(2);
    expect(valueOf(families, 'jobtop_jobs', { source: 'osapi', state: 'failed' })).toBe(1);
    expect(valueOf(families, 'jobtop_jobs', { source: 'mcrit', vendor: 'mcrit', state: 'queued' })).toBe(1);
    for (const source of ['osapi', 'mcrit'])
      expect(seriesOf(families, 'jobtop_jobs', { source }).map((series) => series.labels?.state)).toEqual([
        ...JOB_STATES,
      ]);
  });

  it("keeps the vendor's own counts and totals apart from the listed window, only where the vendor reports them", async () => {
    const { scrape } = setUp([
      makeSource('osapi', jobsIn('osapi', ['failed']), { stateCounts: { failed: 70, succeeded: 5000 }, total: 5070 }),
      makeSource('vectara', jobsIn('vectara', ['running'])),
    ]);
    const families = await scrape();
    expect(valueOf(families, 'jobtop_vendor_jobs', { source: 'osapi', state: 'failed' })).toBe(70);
    expect(valueOf(families, 'jobtop_jobs', { source: 'osapi', state: 'failed' })).toBe(1);
    expect(seriesOf(families, 'jobtop_vendor_jobs', { source: 'osapi' })).toHaveLength(2);
    expect(valueOf(families, 'jobtop_vendor_total_jobs', { source: 'osapi' })).toBe(5070);
    expect(seriesOf(families, 'jobtop_vendor_jobs', { source: 'vectara' })).toEqual([]);
    expect(seriesOf(families, 'jobtop_vendor_total_jobs', { source: 'vectara' })).toEqual([]);
  });

  it("exports a server's own counters under their own name, never as job counts, and bounded", async () => {
    const counts = Object.fromEntries(Array.from({ length: 30 }, (_, n) => [`state${n}`, n]));
    const label = 'MCRIT /jobs/stats (per-method counters)';
    const { scrape } = setUp([
      makeSource('mcrit', jobsIn('mcrit', ['queued']), {
        serverCounters: { label, counts: { ...counts, finished: 46 } },
      }),
      makeSource('osapi', jobsIn('osapi', ['running'])),
    ]);
    const families = await scrape();
    expect(valueOf(families, 'jobtop_server_stats', { source: 'mcrit', vendor: 'mcrit', stat: 'state3' })).toBe(3);
    expect(seriesOf(families, 'jobtop_server_stats', { source: 'mcrit' })).toHaveLength(20);
    expect(seriesOf(families, 'jobtop_server_stats', { source: 'osapi' })).toEqual([]);
    expect(seriesOf(families, 'jobtop_vendor_jobs', { source: 'mcrit' })).toEqual([]);
    expect(valueOf(families, 'jobtop_jobs', { source: 'mcrit', state: 'queued' })).toBe(1);
  });

  it('shows a source that has not answered yet as down with no job figures, not as zero jobs', async () => {
    const { scrape } = setUp([makeSource('osapi', [], { status: 'loading', lastSuccessAt: null })]);
    const families = await scrape();
    expect(valueOf(families, 'jobtop_source_up', { source: 'osapi' })).toBe(0);
    for (const name of [
      'jobtop_jobs',
      'jobtop_oldest_queued_seconds',
      'jobtop_slow_jobs',
      'jobtop_source_last_success_timestamp_seconds',
      'jobtop_source_data_age_seconds',
    ]) {
      expect(seriesOf(families, name, { source: 'osapi' }), name).toEqual([]);
    }
  });

  it("keeps a failing source's last figures, with up 0, its last success and the age of its data", async () => {
    const jobs = jobsIn('osapi', ['running', 'queued']);
    const { scrape } = setUp([
      makeSource('osapi', jobs, {
        status: 'error',
        lastSuccessAt: T0 - 90_000,
        error: { kind: 'server', short: '500', message: 'osapi: 500' },
      }),
      makeSource('mcrit', jobsIn('mcrit', ['running']), { lastSuccessAt: T0 - 1_000 }),
    ]);
    const families = await scrape();
    expect(valueOf(families, 'jobtop_source_up', { source: 'osapi', vendor: 'osapi' })).toBe(0);
    expect(valueOf(families, 'jobtop_source_up', { source: 'mcrit' })).toBe(1);
    expect(valueOf(families, 'jobtop_jobs', { source: 'osapi', state: 'running' })).toBe(1);
    expect(valueOf(families, 'jobtop_source_last_success_timestamp_seconds', { source: 'osapi' })).toBe(
      (T0 - 90_000) / 1000,
    );
    expect(valueOf(families, 'jobtop_source_data_age_seconds', { source: 'osapi' })).toBe(90);
    expect(valueOf(families, 'jobtop_source_data_age_seconds', { source: 'mcrit' })).toBe(1);
  });

  it('reports the oldest queued job per source, 0 when none waits', async () => {
    const { scrape } = setUp([
      makeSource('osapi', [
        makeJob({ id: 'q1', state: 'queued', createdAt: T0 - 300_000 }),
        makeJob({ id: 'q2', state: 'queued', createdAt: T0 - 60_000 }),
        makeJob({ id: 'old', state: 'succeeded', createdAt: T0 - 9e6 }),
      ]),
      makeSource('mcrit', jobsIn('mcrit', ['running'])),
    ]);
    const families = await scrape();
    expect(valueOf(families, 'jobtop_oldest_queued_seconds', { source: 'osapi' })).toBe(300);
    expect(valueOf(families, 'jobtop_oldest_queued_seconds', { source: 'mcrit' })).toBe(0);
  });

  it('counts running jobs the triage flags as slow', async () => {
    const finished = [1, 2, 3, 4, 5].map((n) =>
      makeJob({
        id: `f${n}`,
        type: 'render',
        state: 'succeeded',
        startedAt: T0 - 100_000,
        finishedAt: T0 - 100_000 + n * 1000,
      }),
    );
    const running = [
      makeJob({ id: 'slow', type: 'render', state: 'running', startedAt: T0 - 60_000 }),
      makeJob({ id: 'fine', type: 'render', state: 'running', startedAt: T0 - 2_000 }),
    ];
    const { scrape } = setUp([
      makeSource('osapi', [...finished, ...running]),
      makeSource('mcrit', jobsIn('mcrit', ['running'])),
    ]);
    const families = await scrape();
    expect(valueOf(families, 'jobtop_slow_jobs', { source: 'osapi' })).toBe(1);
    expect(valueOf(families, 'jobtop_slow_jobs', { source: 'mcrit' })).toBe(0);
  });

  it('turns settled polls into transitions, finished durations, request durations and errors', async () => {
    const before = makeSource('osapi', [
      makeJob({ id: 'a', state: 'running', type: 'render' }),
      makeJob({ id: 'b', state: 'queued', type: 'x' }),
    ]);
    const { metrics, scrape } = setUp([before], ['render']);
    metrics.observePoll({ source: before, durationMs: 120, failure: null });
    const after = makeSource('osapi', [
      makeJob({ id: 'a', state: 'failed', type: 'render', startedAt: T0 - 40_000, finishedAt: T0 }),
      makeJob({ id: 'b', state: 'running', type: 'x' }),
    ]);
    metrics.observePoll({ source: after, durationMs: 80, failure: null });
    metrics.observePoll({
      source: after,
      durationMs: 10_000,
      failure: { kind: 'timeout', short: 'timeout', message: 'osapi: timeout' },
    });
    const families = await scrape();
    expect(
      valueOf(families, 'jobtop_job_transitions_total', {
        source: 'osapi',
        vendor: 'osapi',
        type_group: 'render',
        to_state: 'failed',
      }),
    ).toBe(1);
    expect(
      valueOf(families, 'jobtop_job_transitions_total', { source: 'osapi', type_group: 'other', to_state: 'running' }),
    ).toBe(1);
    expect(
      valueOf(families, 'jobtop_job_transitions_total', {
        source: 'osapi',
        type_group: 'render',
        to_state: 'succeeded',
      }),
    ).toBe(0);
    const failed = { source: 'osapi', vendor: 'osapi', state: 'failed' };
    expect(valueOf(families, 'jobtop_job_duration_seconds_count', failed)).toBe(1);
    expect(valueOf(families, 'jobtop_job_duration_seconds_sum', failed)).toBe(40);
    expect(valueOf(families, 'jobtop_job_duration_seconds_bucket', { ...failed, le: '30' })).toBe(0);
    expect(valueOf(families, 'jobtop_job_duration_seconds_bucket', { ...failed, le: '60' })).toBe(1);
    expect(seriesOf(families, 'jobtop_job_duration_seconds_count').map((series) => series.labels?.state)).toEqual([
      'failed',
    ]);
    const requests = { source: 'osapi', vendor: 'osapi' };
    expect(valueOf(families, 'jobtop_source_request_duration_seconds_count', requests)).toBe(3);
    expect(valueOf(families, 'jobtop_source_request_duration_seconds_sum', requests)).toBeCloseTo(10.2, 9);
    expect(valueOf(families, 'jobtop_source_request_duration_seconds_bucket', { ...requests, le: '0.1' })).toBe(1);
    expect(valueOf(families, 'jobtop_source_request_duration_seconds_bucket', { ...requests, le: '0.25' })).toBe(2);
    expect(valueOf(families, 'jobtop_source_request_duration_seconds_bucket', { ...requests, le: '10' })).toBe(3);
    expect(valueOf(families, 'jobtop_source_errors_total', { source: 'osapi', kind: 'timeout' })).toBe(1);
  });

  it('makes the same series for 100,000 jobs as for 100: no label carries a job id or an unlisted type', async () => {
    const shape = async (perSource: number) => {
      const sources = ['osapi', 'mcrit', 'vectara', 'alteryx', 'vectorcharts'].map((name) => {
        const jobs: Job[] = [];
        for (let n = 0; n < perSource; n++) {
          const state = JOB_STATES[n % JOB_STATES.length];
          jobs.push(
            makeJob({
              id: `${name}-job-${n}`,
              source: name,
              state,
              type: `type-${n % 997}`,
              createdAt: T0 - n * 1000,
              startedAt: state === 'queued' ? null : T0 - n * 1000,
              finishedAt: state === 'running' || state === 'queued' ? null : T0 - n * 500,
            }),
          );
        }
        return makeSource(name, jobs);
      });
      const { metrics, scrape, set } = setUp(sources, ['type-1', 'type-2']);
      for (const source of sources) metrics.observePoll({ source, durationMs: 5, failure: null });
      // Every job moves on, so every one makes a transition and finished ones a duration.
      const moved = sources.map((source) =>
        makeSource(
          source.name,
          source.jobs.map((job) => ({
            ...job,
            state: job.state === 'running' ? 'failed' : 'running',
            terminal: job.state === 'running',
            finishedAt: job.state === 'running' ? T0 : null,
          })),
        ),
      );
      set(moved);
      for (const source of moved) metrics.observePoll({ source, durationMs: 5, failure: null });
      const text = await metrics.registry.metrics();
      const families = await scrape();
      return { text, families, remembered: metrics.rememberedJobs() };
    };
    const small = await shape(20);
    const large = await shape(20_000);
    const counts = (families: Map<string, ParsedFamily>) =>
      Object.fromEntries([...families].map(([name, family]) => [name, seriesCount(family)]));
    expect(counts(large.families)).toEqual(counts(small.families));
    const total = Object.values(counts(large.families)).reduce((sum, n) => sum + n, 0);
    expect(total).toBeLessThan(1000);
    expect(large.text).not.toMatch(/job-\d|type-(?![12]")/);
    const wereRunning = Math.ceil((20_000 - 1) / JOB_STATES.length); // indexes n with n % 7 === 1
    expect(valueOf(large.families, 'jobtop_jobs', { source: 'osapi', state: 'running' })).toBe(20_000 - wereRunning);
    expect(
      valueOf(large.families, 'jobtop_job_transitions_total', {
        source: 'osapi',
        type_group: 'other',
        to_state: 'failed',
      })! +
        valueOf(large.families, 'jobtop_job_transitions_total', {
          source: 'osapi',
          type_group: 'type-1',
          to_state: 'failed',
        })! +
        valueOf(large.families, 'jobtop_job_transitions_total', {
          source: 'osapi',
          type_group: 'type-2',
          to_state: 'failed',
        })!,
    ).toBe(wereRunning);
    expect(large.remembered).toBe(100_000);
  });
});
