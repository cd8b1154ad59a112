/**
 * The exporter's metrics (docs/exporter.md has the table): gauges computed from the store's
 * snapshot at scrape time (so a scrape reads the store and never asks a vendor), counters and
 * histograms fed by every settled poll. Labels come only from the config and the domain's
 * fixed lists (source, vendor, state, error kind, configured type groups), never from job ids,
 * so a fleet of any size makes the same few series.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { countByState } from '../../domain/counts.js';
import { jobAgeMs } from '../../domain/format.js';
import { JOB_STATES } from '../../domain/job.js';
import { computeTriage } from '../../domain/triage.js';
import type { PollEvent } from '../../store/fleet-store.js';
import type { FleetSnapshot, SourceSnapshot } from '../../store/types.js';
import { createJobMemory, OTHER_TYPE_GROUP, type JobMemory } from './job-memory.js';

/** Options of the metrics: the bounded type groups, the clock, and whether to add process metrics. */
export interface FleetMetricsOptions {
  typeGroups: readonly string[];
  now?: () => number;
  /** prom-client's process and Node.js metrics (default true). */
  processMetrics?: boolean;
}

/** The registry plus the feed of settled polls. */
export interface FleetMetrics {
  registry: Registry;
  /** Feeds one settled poll: request duration, errors, transitions, finished durations. */
  observePoll(event: PollEvent): void;
  /** Jobs remembered between polls (bounded by the listed windows). */
  rememberedJobs(): number;
}

/** Finished job durations, seconds: a few seconds to a day. */
export const JOB_DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400];
/** List request chains, seconds: paging and enrichment included, up to the timeout. */
export const REQUEST_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Sources that have answered at least once: before that their job gauges are absent, not 0
 * (no answer is not "no jobs"); afterwards a failing source keeps its last good figures.
 */
function answered(snapshot: FleetSnapshot): readonly SourceSnapshot[] {
  return snapshot.sources.filter((source) => source.lastSuccessAt !== null);
}

/** Creates the registry over a snapshot reader (the store's getSnapshot). */
export function createFleetMetrics(read: () => FleetSnapshot, options: FleetMetricsOptions): FleetMetrics {
  const now = options.now ?? Date.now;
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const memory: JobMemory = createJobMemory(options.typeGroups);
  const registers = [registry];

  new Gauge({
    name: 'jobtop_jobs',
    help: 'Jobs in the listed window (the newest `limit` per source) by normalized state; a failing source keeps its last good jobs.',
    labelNames: ['source', 'vendor', 'state'],
    registers,
    collect() {
      this.reset();
      for (const source of answered(read())) {
        const counts = countByState(source.jobs);
        for (const state of JOB_STATES) this.set({ source: source.name, vendor: source.vendor, state }, counts[state]);
      }
    },
  });
  new Gauge({
    name: 'jobtop_vendor_jobs',
    help: "The vendor's own job counts by normalized state over all its jobs, where it reports them (OSAPI status_counts, MCRIT stats); apart from the listed window.",
    labelNames: ['source', 'vendor', 'state'],
    registers,
    collect() {
      this.reset();
      for (const source of read().sources) {
        for (const state of JOB_STATES) {
          const count = source.stateCounts?.[state];
          if (typeof count === 'number') this.set({ source: source.name, vendor: source.vendor, state }, count);
        }
      }
    },
  });
  new Gauge({
    name: 'jobtop_vendor_total_jobs',
    help: 'How many jobs the vendor says exist in all, where it says (list totals); apart from the listed window.',
    labelNames: ['source', 'vendor'],
    registers,
    collect() {
      this.reset();
      for (const source of read().sources) if (source.total !== null) this.set({ source: source.name, vendor: source.vendor }, source.total);
    },
  });
  new Gauge({
    name: 'jobtop_oldest_queued_seconds',
    help: 'Age of the oldest queued job in the listed window (0 when none is queued; absent until the source first answers).',
    labelNames: ['source'],
    registers,
    collect() {
      this.reset();
      const at = now();
      for (const source of answered(read())) {
        let oldest = 0;
        for (const job of source.jobs) if (job.state === 'queued') oldest = Math.max(oldest, jobAgeMs(job, at) ?? 0);
        this.set({ source: source.name }, oldest / 1000);
      }
    },
  });
  new Gauge({
    name: 'jobtop_slow_jobs',
    help: 'Running jobs flagged slow by triage: running longer than the 90th percentile of finished jobs of the same source and type.',
    labelNames: ['source'],
    registers,
    collect() {
      this.reset();
      const snapshot = read();
      const flags = computeTriage(snapshot.jobs, now());
      const slow = new Map<string, number>(answered(snapshot).map((source) => [source.name, 0]));
      for (const job of snapshot.jobs) if (flags.get(job.key)?.slow) slow.set(job.source, (slow.get(job.source) ?? 0) + 1);
      for (const [source, count] of slow) this.set({ source }, count);
    },
  });
  new Gauge({
    name: 'jobtop_source_up',
    help: '1 when the last poll of the source succeeded, 0 while it fails or has not answered yet.',
    labelNames: ['source', 'vendor'],
    registers,
    collect() {
      this.reset();
      for (const source of read().sources) this.set({ source: source.name, vendor: source.vendor }, source.status === 'ok' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'jobtop_source_last_success_timestamp_seconds',
    help: 'When the last successful poll of the source ended, Unix seconds (absent until the first one).',
    labelNames: ['source', 'vendor'],
    registers,
    collect() {
      this.reset();
      for (const source of read().sources) if (source.lastSuccessAt !== null) this.set({ source: source.name, vendor: source.vendor }, source.lastSuccessAt / 1000);
    },
  });
  new Gauge({
    name: 'jobtop_source_data_age_seconds',
    help: "Age of the source's data: seconds since its last successful poll (absent until the first one).",
    labelNames: ['source', 'vendor'],
    registers,
    collect() {
      this.reset();
      const at = now();
      for (const source of read().sources) if (source.lastSuccessAt !== null) this.set({ source: source.name, vendor: source.vendor }, Math.max(0, at - source.lastSuccessAt) / 1000);
    },
  });

  const transitions = new Counter({
    name: 'jobtop_job_transitions_total',
    help: "State changes seen between polls (a job first listed after the source's first poll counts as entering its state); type_group is a configured job type or other.",
    labelNames: ['source', 'vendor', 'type_group', 'to_state'],
    registers,
  });
  const durations = new Histogram({
    name: 'jobtop_job_duration_seconds',
    help: 'Start-to-finish durations of finished jobs, each job counted once while it is listed.',
    labelNames: ['source', 'vendor', 'state'],
    buckets: JOB_DURATION_BUCKETS,
    registers,
  });
  const requests = new Histogram({
    name: 'jobtop_source_request_duration_seconds',
    help: 'Wall time of each list poll of a source (pages, stats and enrichment requests included), failed ones too.',
    labelNames: ['source', 'vendor'],
    buckets: REQUEST_DURATION_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: 'jobtop_source_errors_total',
    help: 'Failed list polls by kind (refused, timeout, auth, rate-limited, server, html, vanished, ...).',
    labelNames: ['source', 'kind'],
    registers,
  });

  // Every counter series exists from the start, so rate() and increase() see the first event.
  for (const source of read().sources) {
    for (const typeGroup of [...new Set([...options.typeGroups, OTHER_TYPE_GROUP])]) {
      for (const state of JOB_STATES) transitions.inc({ source: source.name, vendor: source.vendor, type_group: typeGroup, to_state: state }, 0);
    }
  }

  return {
    registry,
    observePoll(event) {
      const { source } = event;
      requests.observe({ source: source.name, vendor: source.vendor }, event.durationMs / 1000);
      if (event.failure) {
        errors.inc({ source: source.name, kind: event.failure.kind });
        return;
      }
      const changes = memory.observe(source.name, source.jobs);
      for (const change of changes.transitions) transitions.inc({ source: source.name, vendor: source.vendor, type_group: change.typeGroup, to_state: change.toState });
      for (const done of changes.finished) durations.observe({ source: source.name, vendor: source.vendor, state: done.state }, done.seconds);
    },
    rememberedJobs: () => memory.size(),
  };
}
