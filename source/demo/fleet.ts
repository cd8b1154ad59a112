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

/** Fleet options: ports, seed, clock and job counts. */
export interface DemoFleetOptions extends SimulatorOptions {
  /** First port; vendor i listens on port + i. 0 (default) = ephemeral ports. */
  port?: number;
  host?: string;
  /** How often simulators advance, in ms (default 500). */
  tickMs?: number;
  /** Only these vendors (default all five). */
  vendors?: readonly Vendor[];
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
      const simulator = SIMULATORS[vendor]({ ...options, seed: (options.seed ?? 42) + index });
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
