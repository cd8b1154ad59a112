/**
 * The benchmark's fleet process: bench/run.mjs bundles this file and forks it, then asks it
 * over IPC to start fleets (bench/fleet.ts) and to report their list polls. Running the
 * servers in their own process keeps their work out of both jobtop's figures and the
 * benchmark's own timing of screen updates.
 */
import {
  startBenchDemoFleet,
  startControlledFleet,
  startFailingSource,
  startStaticFleet,
  type BenchFleet,
} from './fleet.js';

/** A request from bench/run.mjs. */
interface HostRequest {
  id: number;
  command: 'demo' | 'controlled' | 'static' | 'failing' | 'polls' | 'close';
  args: (number | string)[];
}

const STARTERS = {
  demo: (jobs: number) => startBenchDemoFleet(jobs),
  controlled: (jobs: number) => startControlledFleet(jobs),
  static: (sources: number, jobs: number) => startStaticFleet(sources, jobs),
  failing: (name: string) => startFailingSource(name),
} as const;

const fleets: BenchFleet[] = [];

async function handle(request: HostRequest): Promise<unknown> {
  const [first, second] = request.args;
  switch (request.command) {
    case 'demo':
    case 'controlled':
      fleets.push(await STARTERS[request.command](Number(first)));
      break;
    case 'static':
      fleets.push(await STARTERS.static(Number(first), Number(second)));
      break;
    case 'failing':
      fleets.push(await STARTERS.failing(String(first)));
      break;
    case 'polls':
      return fleets[Number(first)].sources.map((source) => ({
        name: source.config.name,
        polls: source.polls(),
        requests: source.requests(),
      }));
    case 'close':
      await Promise.all(fleets.splice(0).map((fleet) => fleet.close()));
      return null;
  }
  const index = fleets.length - 1;
  return { fleet: index, sources: fleets[index].sources.map((source) => source.config) };
}

process.on('message', (request: HostRequest) => {
  handle(request).then(
    (result) => process.send?.({ id: request.id, result }),
    (error: unknown) =>
      process.send?.({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
process.on('disconnect', () => process.exit(0));
