/**
 * The exporter's metrics (docs/exporter.md has the table): gauges computed from the store's
 * snapshot at scrape time (so a scrape reads the store and never asks a vendor), counters and
 * histograms fed by every settled poll. Labels come only from the config and the domain's
 * fixed lists (source, vendor, state, error kind, configured type groups), never from job ids,
 * so a fleet of any size makes the same few series.
 */
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { FleetSnapshot } from '../../store/types.js';
import { registerPollMetrics, type PollMetrics } from './poll-metrics.js';
import { registerSnapshotGauges } from './snapshot-gauges.js';

/** Options of the metrics: the bounded type groups, the clock, and whether to add process metrics. */
export interface FleetMetricsOptions {
  typeGroups: readonly string[];
  now?: () => number;
  /** prom-client's process and Node.js metrics (default true). */
  processMetrics?: boolean;
}

/** The registry plus the feed of settled polls. */
export interface FleetMetrics extends PollMetrics {
  registry: Registry;
}

/** Creates the registry over a snapshot reader (the store's getSnapshot). */
export function createFleetMetrics(read: () => FleetSnapshot, options: FleetMetricsOptions): FleetMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  registerSnapshotGauges(registry, read, options.now ?? Date.now);
  return { registry, ...registerPollMetrics(registry, read().sources, options.typeGroups) };
}
