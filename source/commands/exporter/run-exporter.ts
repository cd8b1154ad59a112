/**
 * Runs the exporter: the fleet store over the opened sources (their intervals and backoff,
 * read-only), the metrics fed by its polls, and the HTTP server that renders them. Loaded
 * only by `jobtop exporter`, so other commands never load prom-client.
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { createFleetStore, type FleetStore, type PollEvent } from '../../store/fleet-store.js';
import { storeSources, type OpenedSources } from '../shared/open-sources.js';
import { createFleetMetrics, type FleetMetrics } from './fleet-metrics.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import type { ListenAddress } from './listen-address.js';

/** Options of a running exporter; the clock and process metrics are injectable for tests. */
export interface ExporterOptions {
  listen: ListenAddress;
  /** Where up/down changes of sources are logged (one line each). */
  log: NodeJS.WritableStream;
  now?: () => number;
  processMetrics?: boolean;
}

/** A running exporter. */
export interface RunningExporter {
  server: MetricsServer;
  store: FleetStore;
  metrics: FleetMetrics;
  /** Stops serving and polling and closes the sources (idempotent). */
  close(): Promise<void>;
}

/** Starts polling and serving; the sources must have been opened read-only. */
export async function startExporter(opened: OpenedSources, options: ExporterOptions): Promise<RunningExporter> {
  const now = options.now ?? Date.now;
  const lastStatus = new Map<string, string>();
  let metrics: FleetMetrics | undefined;
  const onPoll = (event: PollEvent) => {
    metrics?.observePoll(event);
    const { source, failure } = event;
    const status = failure ? `failing: ${sanitizeInline(failure.message, 300)}` : 'up';
    if (lastStatus.get(source.name) !== status && (failure || lastStatus.has(source.name)))
      options.log.write(`jobtop exporter: ${source.name} ${status}\n`);
    lastStatus.set(source.name, status);
  };
  const store = createFleetStore(storeSources(opened), { intervalMs: opened.config.intervalMs, now, onPoll });
  metrics = createFleetMetrics(() => store.getSnapshot(), {
    typeGroups: opened.config.exporter.typeGroups,
    now,
    processMetrics: options.processMetrics,
  });
  const health = () => {
    const sources = store.getSnapshot().sources;
    return `${sources.filter((source) => source.status === 'ok').length} of ${sources.length} sources up`;
  };
  let server: MetricsServer;
  try {
    server = await startMetricsServer(metrics.registry, options.listen, health);
  } catch (error) {
    await opened.close();
    throw error;
  }
  store.start();
  let closing: Promise<void> | undefined;
  return {
    server,
    store,
    metrics,
    close() {
      closing ??= (async () => {
        store.stop();
        await server.close();
        await opened.close();
      })();
      return closing;
    },
  };
}
