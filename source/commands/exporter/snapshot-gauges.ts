/**
 * The exporter's gauges, computed from the store's snapshot when Prometheus scrapes: jobs by
 * state, the vendors' own counts and totals, the oldest queued job, slow jobs and each
 * source's health and data age. Reading a snapshot never makes a request.
 */
import { Gauge, type Registry } from 'prom-client';
import { countByState } from '../../domain/counts.js';
import { jobAgeMs } from '../../domain/format.js';
import { JOB_STATES } from '../../domain/job.js';
import { computeTriage } from '../../domain/triage.js';
import type { FleetSnapshot, SourceSnapshot } from '../../store/types.js';

/**
 * Sources that have answered at least once: before that their job gauges are absent, not 0
 * (no answer is not "no jobs"); afterwards a failing source keeps its last good figures.
 */
function answered(snapshot: FleetSnapshot): readonly SourceSnapshot[] {
  return snapshot.sources.filter((source) => source.lastSuccessAt !== null);
}

/** At most this many of a server's own counters are exported per source. */
const MAX_SERVER_COUNTERS = 20;

/** Registers the snapshot gauges on `registry`; `read` is the store's getSnapshot. */
export function registerSnapshotGauges(registry: Registry, read: () => FleetSnapshot, now: () => number): void {
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
      for (const source of read().sources)
        if (source.total !== null) this.set({ source: source.name, vendor: source.vendor }, source.total);
    },
  });
  new Gauge({
    name: 'jobtop_server_stats',
    help: "A server's own counters by its state names, where it keeps them (MCRIT /jobs/stats: incremented per method, they drift from the jobs that exist); never a job count.",
    labelNames: ['source', 'vendor', 'stat'],
    registers,
    collect() {
      this.reset();
      for (const source of read().sources) {
        const counts = source.serverCounters?.counts;
        if (!counts) continue;
        // why: the names come from the server; a bounded number of them keeps the series bounded.
        for (const [stat, value] of Object.entries(counts).slice(0, MAX_SERVER_COUNTERS))
          if (Number.isFinite(value)) this.set({ source: source.name, vendor: source.vendor, stat }, value);
      }
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
      for (const job of snapshot.jobs)
        if (flags.get(job.key)?.slow) slow.set(job.source, (slow.get(job.source) ?? 0) + 1);
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
      for (const source of read().sources)
        this.set({ source: source.name, vendor: source.vendor }, source.status === 'ok' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'jobtop_source_last_success_timestamp_seconds',
    help: 'When the last successful poll of the source ended, Unix seconds (absent until the first one).',
    labelNames: ['source', 'vendor'],
    registers,
    collect() {
      this.reset();
      for (const source of read().sources)
        if (source.lastSuccessAt !== null)
          this.set({ source: source.name, vendor: source.vendor }, source.lastSuccessAt / 1000);
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
      for (const source of read().sources)
        if (source.lastSuccessAt !== null)
          this.set({ source: source.name, vendor: source.vendor }, Math.max(0, at - source.lastSuccessAt) / 1000);
    },
  });
}
