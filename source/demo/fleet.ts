/**
 * The embedded demo fleet: one simulator per vendor on loopback, ticking so jobs move
 * through their lifecycles. `jobtop --demo` monitors it; `jobtop demo` serves it alone.
 */
import type { Vendor } from '../domain/job.js';
import { startDemoServer, type RunningDemoServer, type SimulatorOptions, type VendorSimulator } from './kit.js';
import { createVectorChartsSimulator } from './vectorcharts-server.js';
import { createOsapiSimulator } from './osapi-server.js';
import { createVectaraSimulator } from './vectara-server.js';
import { createMcritSimulator } from './mcrit-server.js';
import { createAlteryxSimulator } from './alteryx-server.js';

/** The simulators' factories, one per vendor, in display order. */
export const SIMULATORS: Record<Vendor, (options: SimulatorOptions) => VendorSimulator> = {
  vectorcharts: createVectorChartsSimulator,
  osapi: createOsapiSimulator,
  vectara: createVectaraSimulator,
  mcrit: createMcritSimulator,
  alteryx: createAlteryxSimulator,
};

/** Where each vendor's API sits below its server root (Alteryx lives under /webapi). */
const BASE_PATHS: Partial<Record<Vendor, string>> = { alteryx: '/webapi' };

/**
 * What real servers do that the fleet plays by default, so `npm start` and the tests meet it:
 * Vectara pages shorter than asked that still carry a page key, MCRIT /jobs/stats counters that
 * drifted from the jobs that exist, an Alteryx token endpoint that takes only HTTP Basic and
 * non-app workflow jobs whose detail answers 404. (OSAPI skipped jobs and MCRIT step-count
 * progress are part of those simulators' ordinary runs; the VectorCharts pre-pagination list is
 * the simulator's `listShape: 'bare-array'`.)
 */
export const REAL_SERVER_QUIRKS: Partial<Record<Vendor, Record<string, unknown>>> = {
  vectara: { shortPages: true },
  mcrit: {
    staleCounters: {
      getMatchesForSample: { in_progress: 1, finished: 12 },
      updateMinHashes: { in_progress: 1 },
      addBinarySample: { in_progress: 1, finished: 7 },
      getUniqueBlocks: { in_progress: 1 },
    },
  },
  alteryx: { tokenCredentials: 'basic', noDetailEvery: 7 },
};

/** Fleet options: ports, seed, clock and job counts. */
export interface DemoFleetOptions extends SimulatorOptions {
  /** First port; vendor i listens on port + i. 0 (default) = ephemeral ports. */
  port?: number;
  host?: string;
  /** How often simulators advance, in ms (default 500). */
  tickMs?: number;
  /** Only these vendors (default all five). */
  vendors?: readonly Vendor[];
  /** Play the real servers' quirks (REAL_SERVER_QUIRKS; default true). */
  quirks?: boolean;
}

/** A running fleet: its servers, the config entries that monitor them, and a stop. */
export interface DemoFleet {
  servers: Record<Vendor, RunningDemoServer>;
  /** Config `sources:` entries (type, url, credentials), named `demo-<vendor>`. */
  sources: Record<string, unknown>[];
  /** Advances every simulator to `now` at once (tests with a fake clock). */
  tick(now: number): void;
  close(): Promise<void>;
}

/** Starts the demo fleet on loopback. */
export async function startDemoFleet(options: DemoFleetOptions = {}): Promise<DemoFleet> {
  const vendors = options.vendors ?? (Object.keys(SIMULATORS) as Vendor[]);
  const servers = {} as Record<Vendor, RunningDemoServer>;
  const sources: Record<string, unknown>[] = [];
  try {
    for (const [index, vendor] of vendors.entries()) {
      const quirks = options.quirks === false ? {} : (REAL_SERVER_QUIRKS[vendor] ?? {});
      const simulator = SIMULATORS[vendor]({ ...quirks, ...options, seed: (options.seed ?? 42) + index });
      const port = options.port ? options.port + index : 0;
      servers[vendor] = await startDemoServer(simulator, { port, host: options.host, basePath: BASE_PATHS[vendor] });
      sources.push(simulator.sourceConfig(servers[vendor].url, `demo-${vendor}`));
    }
  } catch (error) {
    await Promise.all(Object.values(servers).map((server) => server.close()));
    throw error;
  }
  const now = options.now ?? Date.now;
  const tick = (at: number) => {
    for (const server of Object.values(servers)) server.simulator.tick(at);
  };
  const timer = options.tickMs === 0 ? undefined : setInterval(() => tick(now()), options.tickMs ?? 500);
  timer?.unref();
  return {
    servers,
    sources,
    tick,
    async close() {
      if (timer) clearInterval(timer);
      await Promise.all(Object.values(servers).map((server) => server.close()));
    },
  };
}
