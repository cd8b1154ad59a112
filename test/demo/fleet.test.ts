/**
 * The demo fleet end to end, in process: every vendor's simulator (and the legacy VectorCharts
 * server) on real loopback HTTP, monitored through the config layer and the real adapters, with a
 * frozen clock so the simulators' own records are the oracle for the states jobtop reports.
 */
import { hasNoDetail } from '../../source/demo/alteryx/routes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createSource } from '../../source/adapters/registry.js';
import { parseConfigText } from '../../source/config/load-config.js';
import type { Vendor } from '../../source/domain/job.js';
import { REAL_SERVER_QUIRKS, startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import type { AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import { identifyJobState } from '../../source/demo/mcrit/job-state.js';
import { MCRIT_OVERSIZED_JOB_ID, type McritSimulator } from '../../source/demo/mcrit-server.js';
import type { OsapiSimulator } from '../../source/demo/osapi-server.js';
import type { VectaraSimulator } from '../../source/demo/vectara-server.js';
import type { VectorChartsSimulator } from '../../source/demo/vectorcharts-server.js';
import { fetchOnce, type SourceOutcome } from '../../source/store/fetch-once.js';
import { NATIVE_TO_STATE } from '../helpers/demo-truth.js';

/** Each vendor's documented states (docs/vendors.md), the test's own oracle (shared with the exporter's tests). */
const EXPECTED = NATIVE_TO_STATE;

describe('the embedded demo fleet', () => {
  const clock = 1_790_000_000_000;
  let fleet: DemoFleet;
  let outcomes: SourceOutcome[];

  beforeAll(async () => {
    fleet = await startDemoFleet({ now: () => clock, tickMs: 0, seed: 7 });
    const config = parseConfigText(stringify({ sources: fleet.sources }), '(demo)', {});
    for (const source of config.sources) if (source.spec.type === 'alteryx') source.spec.enrichPerPoll = 1000;
    const sources = config.sources.map((source) => createSource(source.spec));
    outcomes = await fetchOnce(sources);
    await Promise.all(sources.map((source) => source.close()));
  });
  afterAll(async () => {
    await fleet.close();
  });

  it('serves all five vendors and a legacy VectorCharts server, each answering through its adapter', () => {
    expect(outcomes.map((outcome) => [outcome.name, outcome.vendor, outcome.ok, outcome.error])).toEqual([
      ['demo-vectorcharts', 'vectorcharts', true, null],
      ['demo-osapi', 'osapi', true, null],
      ['demo-vectara', 'vectara', true, null],
      ['demo-mcrit', 'mcrit', true, null],
      ['demo-alteryx', 'alteryx', true, null],
      ['demo-legacy-vectorcharts', 'vectorcharts', true, null],
    ]);
    for (const outcome of outcomes.filter((entry) => entry.name !== 'demo-legacy-vectorcharts'))
      expect(outcome.jobs.length, outcome.name).toBeGreaterThan(10);
  });

  it('plays a VectorCharts server from before pagination: a bare array of every job, cut to the source limit by jobtop', () => {
    const server = fleet.servers['legacy-vectorcharts'];
    const limit = fleet.sources.find((source) => source.name === 'demo-legacy-vectorcharts')!.limit as number;
    const all = (server.simulator as VectorChartsSimulator).jobs();
    expect(all.length).toBeGreaterThan(limit);
    const legacy = outcomes.find((outcome) => outcome.name === 'demo-legacy-vectorcharts')!;
    expect(legacy.jobs.map((job) => job.id)).toEqual(all.slice(0, limit).map((job) => job.id));
    expect(legacy.total).toBe(all.length);
    const lists = server.requests.filter((request) => request.path === '/api/portal/v1/jobs');
    expect(lists.map((request) => request.query)).toEqual([{ limit: String(limit), offset: '0' }]);
  });

  it('plays an MCRIT job whose result is over the default body limit: reported with its size, never as no result', async () => {
    const entry = fleet.sources.find((source) => source.name === 'demo-mcrit')!;
    const [spec] = parseConfigText(stringify({ sources: [entry] }), '(demo)', {}).sources;
    const source = createSource(spec.spec);
    try {
      const listed = outcomes.find((outcome) => outcome.name === 'demo-mcrit')!.jobs;
      const job = listed.find((candidate) => candidate.id === MCRIT_OVERSIZED_JOB_ID);
      expect([job?.type, job?.state]).toEqual(['getUniqueBlocks', 'succeeded']);
      const detail = await source.detail(MCRIT_OVERSIZED_JOB_ID);
      const response = await fetch(`${fleet.servers.mcrit.url}/jobs/${MCRIT_OVERSIZED_JOB_ID}/result?compact=true`, {
        headers: { apitoken: String(entry.apiToken) },
      });
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
      expect(detail?.result).toBeUndefined();
      expect(detail?.resultTooLarge).toEqual({ bytes: body.length, limitBytes: 4 * 1024 * 1024 });
      const parsed = JSON.parse(body.toString('utf8')) as {
        data: { statistics: { unique_blocks_overall: number }; unique_blocks: object };
      };
      expect(Object.keys(parsed.data.unique_blocks)).toHaveLength(parsed.data.statistics.unique_blocks_overall);
    } finally {
      await source.close();
    }
  });

  it('has jobs in several states per vendor, and active ones in the fleet', () => {
    for (const outcome of outcomes)
      expect(new Set(outcome.jobs.map((job) => job.state)).size, outcome.vendor).toBeGreaterThanOrEqual(3);
    const active = outcomes
      .flatMap((outcome) => outcome.jobs)
      .filter((job) => job.state === 'running' || job.state === 'queued');
    expect(active.length).toBeGreaterThanOrEqual(5);
  });

  it('reports each job in the state its simulator holds', () => {
    const legacy = fleet.servers['legacy-vectorcharts'].simulator as VectorChartsSimulator;
    const truth: Record<string, Map<string, string>> = {
      'legacy-vectorcharts': new Map(legacy.jobs().map((job) => [job.id, job.jobState])),
      vectorcharts: new Map(
        (fleet.servers.vectorcharts.simulator as VectorChartsSimulator).jobs().map((job) => [job.id, job.jobState]),
      ),
      osapi: new Map(
        (fleet.servers.osapi.simulator as OsapiSimulator).jobs.map((job) => [
          job.id,
          (fleet.servers.osapi.simulator as OsapiSimulator).statusOf(job.id) ?? '?',
        ]),
      ),
      vectara: new Map((fleet.servers.vectara.simulator as VectaraSimulator).jobs.map((job) => [job.id, job.state])),
      mcrit: new Map(
        (fleet.servers.mcrit.simulator as McritSimulator).documents.map((doc) => [doc._id.$oid, identifyJobState(doc)]),
      ),
      alteryx: new Map(
        (fleet.servers.alteryx.simulator as AlteryxSimulator).jobs.map((job) => [
          job.id,
          job.status === 'Completed' ? `Completed/${job.disposition}` : job.status,
        ]),
      ),
    };
    let compared = 0;
    for (const outcome of outcomes) {
      for (const job of outcome.jobs) {
        const native = truth[outcome.name.replace(/^demo-/, '')].get(job.id);
        expect(native, `${job.key} exists on its server`).toBeDefined();
        // why: the fleet plays non-app Alteryx workflows whose detail answers 404: their outcome is unknown, and says so.
        const withoutDetail =
          outcome.vendor === 'alteryx' &&
          native!.startsWith('Completed/') &&
          hasNoDetail(job.id, REAL_SERVER_QUIRKS.alteryx?.noDetailEvery as number);
        if (withoutDetail)
          expect([job.state, job.error]).toEqual(['unknown', 'outcome unknown: the server has no detail for this job']);
        else expect(job.state, `${job.key} (${native})`).toBe(EXPECTED[outcome.vendor as Vendor][native!]);
        compared += 1;
      }
    }
    expect(compared).toBe(outcomes.reduce((sum, outcome) => sum + outcome.jobs.length, 0));
  });

  it('lists jobs newest first within each source', () => {
    for (const outcome of outcomes) {
      const created = outcome.jobs.map((job) => job.createdAt ?? 0);
      const sorted = [...created].sort((a, b) => b - a);
      expect(created, outcome.vendor).toEqual(sorted);
    }
  });
});
