/**
 * The fleets the benchmark runs jobtop against, in the benchmark's own process (bundled by
 * bench/run.mjs with esbuild), so jobtop's CPU and memory are measured without the servers:
 * - the demo fleet (the five real vendor simulators, ticking, with arrivals) at N jobs each;
 * - a controlled fleet: five VectorCharts Portal servers of old finished jobs where exactly one
 *   job's progress moves by one percent on each poll (bytes per refresh);
 * - many VectorCharts servers of static jobs (100,000 jobs for keypress latency);
 * - a server that always fails (backoff while a source fails).
 * Every server counts its list polls (first-page requests) so requests per minute can be read.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDemoFleet } from '../source/demo/fleet.js';
import { createRandom, startDemoServer, type RecordedRequest, type RunningDemoServer } from '../source/demo/kit.js';
import { createVectorChartsSimulator, type VectorChartsJobRecord } from '../source/demo/vectorcharts-server.js';

/** A list server as the bench sees it: the config entry that monitors it and its list polls. */
export interface BenchSource {
  config: Record<string, unknown>;
  /** Times (epoch ms) of the list polls (first-page list requests) this server answered. */
  polls(): number[];
  /** Times of every request. */
  requests(): number[];
}

/** A running fleet. */
export interface BenchFleet {
  sources: BenchSource[];
  close(): Promise<void>;
}

const FIRST_PAGE: Record<string, (request: RecordedRequest) => boolean> = {
  vectorcharts: (request) =>
    request.path.endsWith('/jobs') && request.method === 'GET' && Number(request.query.offset ?? 0) === 0,
  osapi: (request) =>
    /\/job$/.test(request.path) && request.method === 'GET' && Number(request.query.offset ?? 0) === 0,
  vectara: (request) =>
    (request.path === '/v2/jobs' && request.query.page_key === undefined) ||
    (request.path === '/v1/list-jobs' && !request.body.includes('pageKey')),
  mcrit: (request) => request.path === '/jobs' && Number(request.query.start ?? 0) === 0,
  alteryx: (request) =>
    request.path.endsWith('/v3/jobs') && request.method === 'GET' && Number(request.query.offset ?? 0) === 0,
};

// why: the demo servers keep the last 5,000 requests; a 100-page poll would push polls out of a
// longer run, so every request is also counted here as it arrives.
function counted(server: RunningDemoServer, vendor: string, config: Record<string, unknown>): BenchSource {
  const polls: number[] = [];
  const requests: number[] = [];
  const handle = server.simulator.handle.bind(server.simulator);
  server.simulator.handle = (request) => {
    const at = Date.now();
    requests.push(at);
    const recorded = { ...request, query: Object.fromEntries(request.query), at } as unknown as RecordedRequest;
    if (FIRST_PAGE[vendor](recorded)) polls.push(at);
    return handle(request);
  };
  return { config, polls: () => polls, requests: () => requests };
}

/** The five-vendor demo fleet with `jobCount` jobs per vendor. */
export async function startBenchDemoFleet(jobCount: number): Promise<BenchFleet> {
  // why: the legacy VectorCharts server (12 jobs) would make the realistic fleet 5 × N plus one.
  const fleet = await startDemoFleet({ jobCount, legacy: false });
  const sources = Object.entries(fleet.servers).map(([vendor, server], index) =>
    counted(server, vendor, fleet.sources[index]),
  );
  return { sources, close: () => fleet.close() };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TYPES = ['ingest-enc-cell', 'refresh-public-charts', 'index-custom-encs', 'export-tiles', 'rebuild-catalog'];
const FINISHED = ['completed', 'completed', 'completed', 'failed', 'cancelled'];

/** A VectorCharts Portal server holding `count` static jobs created days ago (no lifecycle, no arrivals). */
interface StaticCharts {
  server: RunningDemoServer;
  records: VectorChartsJobRecord[];
  source: BenchSource;
}

async function startStaticCharts(name: string, count: number, seed: number, running: number): Promise<StaticCharts> {
  const simulator = createVectorChartsSimulator({ jobCount: 0, arrivals: false, seed });
  const random = createRandom(seed);
  const now = Date.now();
  const records: VectorChartsJobRecord[] = [];
  for (let index = 0; index < count; index++) {
    // why whole hours and a half: every time these jobs show (ages, durations, finish times, all
    // at least two days: shown to the hour) next changes its text half an hour after the fleet
    // starts, so "nothing visible changes" holds for the bench's windows; random instants made
    // an hour digit turn somewhere on screen about once a minute.
    const createdAt = now - 2 * DAY - Math.floor(random() * 28 * 24) * HOUR - HOUR / 2;
    const state = index < running ? 'running' : FINISHED[Math.floor(random() * FINISHED.length)];
    records.push(
      simulator.insertJob({
        jobType: TYPES[Math.floor(random() * TYPES.length)],
        jobState: state,
        accountId: 1 + Math.floor(random() * 9),
        priority: Math.floor(random() * 6),
        percentComplete: state === 'completed' ? 100 : Math.floor(random() * 100),
        createdAt,
        updatedAt: createdAt + 3_600_000,
        steps: [
          {
            id: `step-${index}`,
            jobId: '',
            stepName: 'process',
            status: state === 'running' ? 'running' : state,
            startedAt: createdAt + 1000,
            completedAt: state === 'running' ? null : createdAt + 3_600_000,
            result: null,
            error: null,
            attempt: 1,
          },
        ],
      }),
    );
  }
  const server = await startDemoServer(simulator);
  return { server, records, source: counted(server, 'vectorcharts', simulator.sourceConfig(server.url, name)) };
}

/** Five VectorCharts servers of `perSource` old jobs; one running job's progress moves by 1 % on every poll of the first. */
export async function startControlledFleet(perSource: number): Promise<BenchFleet> {
  const started: StaticCharts[] = [];
  for (let index = 0; index < 5; index++)
    started.push(await startStaticCharts(`charts-${index + 1}`, perSource, 7 + index, index === 0 ? 1 : 0));
  const moving = started[0].records[0];
  moving.percentComplete = 10;
  const simulator = started[0].server.simulator;
  const handle = simulator.handle.bind(simulator);
  simulator.handle = (request) => {
    if (request.path.endsWith('/jobs') && Number(request.query.get('offset') ?? 0) === 0)
      moving.percentComplete = 10 + ((moving.percentComplete - 9) % 80);
    return handle(request);
  };
  return {
    sources: started.map((entry) => entry.source),
    close: async () => void (await Promise.all(started.map((entry) => entry.server.close()))),
  };
}

/** `sources` VectorCharts servers of `perSource` static jobs each. */
export async function startStaticFleet(sources: number, perSource: number): Promise<BenchFleet> {
  const started: StaticCharts[] = [];
  for (let index = 0; index < sources; index++)
    started.push(await startStaticCharts(`bulk-${index + 1}`, perSource, 100 + index, Math.floor(perSource / 50)));
  return {
    sources: started.map((entry) => entry.source),
    close: async () => void (await Promise.all(started.map((entry) => entry.server.close()))),
  };
}

/** A VectorCharts-typed source whose server answers every request with a 503 and no Retry-After. */
export async function startFailingSource(name: string): Promise<BenchFleet> {
  const requests: number[] = [];
  const server = createServer((request, response) => {
    requests.push(Date.now());
    request.resume();
    response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"bench: unavailable"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const source: BenchSource = {
    config: { name, type: 'vectorcharts', url: `http://127.0.0.1:${port}`, token: 'bench-token' },
    polls: () => requests,
    requests: () => requests,
  };
  return {
    sources: [source],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
