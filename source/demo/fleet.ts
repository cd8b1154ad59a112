/**
 * The embedded demo fleet: one simulator per vendor on loopback, plus a legacy VectorCharts
 * server from before the Portal list had pagination, ticking so jobs move through their
 * lifecycles. `jobtop --demo` monitors it; `jobtop demo` serves it alone.
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
 * drifted from the jobs that exist and one finished job whose result is larger than the default
 * body limit, an Alteryx token endpoint that takes only HTTP Basic and non-app workflow jobs
 * whose detail answers 404. (OSAPI skipped jobs and MCRIT step-count progress are part of those
 * simulators' ordinary runs; the VectorCharts pre-pagination list is LEGACY_SERVERS' server.)
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
    oversizedResult: true,
  },
  alteryx: { tokenCredentials: 'basic', noDetailEvery: 7 },
};

/** A server the fleet runs beside the five when it plays the real servers' quirks. */
export interface LegacyServer {
  /** Key in `DemoFleet.servers`; its source is named `demo-<key>`. */
  key: DemoServerKey;
  vendor: Vendor;
  /** Simulator options; they hold whatever the fleet's options say (a handful of jobs stays a handful). */
  options: Record<string, unknown>;
  /** Fields added to its config entry. */
  source: Record<string, unknown>;
}

/** The name of one server of the fleet: a vendor, or a legacy server's key. */
export type DemoServerKey = Vendor | 'legacy-vectorcharts';

/**
 * Old servers still deployed: a VectorCharts Portal from before its list had pagination (a bare
 * JSON array of every job, `limit`/`offset` ignored), with a handful of jobs and a source `limit`
 * below their number, so the client's own cut to the limit shows.
 */
export const LEGACY_SERVERS: readonly LegacyServer[] = [
  {
    key: 'legacy-vectorcharts',
    vendor: 'vectorcharts',
    options: { listShape: 'bare-array', jobCount: 12 },
    source: { limit: 8 },
  },
];

/** Fleet options: ports, seed, clock and job counts. */
export interface DemoFleetOptions extends SimulatorOptions {
  /** First port; server i listens on port + i (the five vendors, then the legacy servers). 0 (default) = ephemeral ports. */
  port?: number;
  host?: string;
  /** How often simulators advance, in ms (default 500). */
  tickMs?: number;
  /** Only these vendors (default all five; a legacy server comes with its vendor). */
  vendors?: readonly Vendor[];
  /** Play the real servers' quirks (REAL_SERVER_QUIRKS and LEGACY_SERVERS; default true). */
  quirks?: boolean;
  /** Start the legacy servers with the quirks (default true; the bench's fleets leave them out to stay N × jobCount). */
  legacy?: boolean;
}

/** A running fleet: its servers, the config entries that monitor them, and a stop. */
export interface DemoFleet {
  /** The servers by vendor (the legacy ones by their key). */
  servers: Record<DemoServerKey, RunningDemoServer>;
  /** Config `sources:` entries (type, url, credentials), named `demo-<vendor>` (`demo-<key>` for a legacy server). */
  sources: Record<string, unknown>[];
  /** Advances every simulator to `now` at once (tests with a fake clock). */
  tick(now: number): void;
  close(): Promise<void>;
}

/** One server to start: its key, vendor, simulator options and extra config fields. */
interface FleetMember {
  key: DemoServerKey;
  vendor: Vendor;
  options: SimulatorOptions & Record<string, unknown>;
  source: Record<string, unknown>;
}

/** The servers to start, in port order: the vendors asked for, then the legacy servers of those vendors. */
function fleetMembers(options: DemoFleetOptions): FleetMember[] {
  const vendors = options.vendors ?? (Object.keys(SIMULATORS) as Vendor[]);
  const quirks = options.quirks !== false;
  const members: FleetMember[] = vendors.map((vendor) => ({
    key: vendor,
    vendor,
    // why: a test's own options (a fake clock, jobCount, arrivals) override the quirks' defaults.
    options: { ...(quirks ? REAL_SERVER_QUIRKS[vendor] : {}), ...options },
    source: {},
  }));
  if (quirks && options.legacy !== false)
    for (const legacy of LEGACY_SERVERS.filter((entry) => vendors.includes(entry.vendor)))
      members.push({ ...legacy, options: { ...options, ...legacy.options } });
  return members;
}

/** Starts the demo fleet on loopback. */
export async function startDemoFleet(options: DemoFleetOptions = {}): Promise<DemoFleet> {
  const servers = {} as Record<DemoServerKey, RunningDemoServer>;
  const sources: Record<string, unknown>[] = [];
  try {
    for (const [index, member] of fleetMembers(options).entries()) {
      const simulator = SIMULATORS[member.vendor]({ ...member.options, seed: (options.seed ?? 42) + index });
      const port = options.port ? options.port + index : 0;
      const basePath = BASE_PATHS[member.vendor];
      servers[member.key] = await startDemoServer(simulator, { port, host: options.host, basePath });
      sources.push({ ...simulator.sourceConfig(servers[member.key].url, `demo-${member.key}`), ...member.source });
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
