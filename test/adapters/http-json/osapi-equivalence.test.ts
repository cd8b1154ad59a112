import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOsapiSource } from '../../../source/adapters/osapi/index.js';
import { createSource } from '../../../source/adapters/registry.js';
import type { JobSource } from '../../../source/adapters/contract.js';
import { loadConfigFile } from '../../../source/config/load-config.js';
import type { Job } from '../../../source/domain/job.js';
import { startDemoFleet, type DemoFleet } from '../../../source/demo/fleet.js';

const RECIPE = new URL('../../../examples/sources/osapi.yaml', import.meta.url).pathname;

/** What the two adapters must agree on, job for job. */
const comparable = (job: Job) => ({
  id: job.id,
  state: job.state,
  nativeState: job.nativeState,
  terminal: job.terminal,
  type: job.type,
  createdAt: job.createdAt,
  finishedAt: job.finishedAt,
  updatedAt: job.updatedAt,
  host: job.host,
  error: job.error,
});

describe('the http-json OSAPI recipe against the demo fleet', () => {
  let fleet: DemoFleet;
  let native: JobSource;
  let declared: JobSource;

  beforeAll(async () => {
    // why: a still fleet (no ticks, no arrivals) so both adapters read the same jobs.
    fleet = await startDemoFleet({ tickMs: 0, arrivals: false, vendors: ['osapi'], jobCount: 160 });
    const entry = fleet.sources[0] as { url: string; token: string };
    native = createOsapiSource({ name: 'native', url: entry.url, token: entry.token, limit: 130 });
    const config = loadConfigFile(RECIPE, { OSAPI_URL: entry.url, OSAPI_TOKEN: entry.token });
    declared = createSource({ ...config.sources[0].spec, limit: 130 });
  });
  afterAll(async () => {
    await Promise.all([native?.close(), declared?.close()]);
    await fleet?.close();
  });

  it('yields the same ids, states, types and timestamps as the native adapter, job for job', async () => {
    const [nativeList, declaredList] = [await native.list(), await declared.list()];
    expect(nativeList.jobs.length).toBe(130);
    expect(declaredList.jobs.map(comparable)).toEqual(nativeList.jobs.map(comparable));
    expect(new Set(nativeList.jobs.map((job) => job.state)).size).toBeGreaterThan(2);
    expect(declaredList.total).toBe(nativeList.total);
    expect(declaredList.warnings).toBeUndefined();
  });

  it('pages with offset and limit like the native adapter: 100, then the 30 still missing', async () => {
    fleet.servers.osapi.clearRequests();
    await declared.list();
    expect(fleet.servers.osapi.requests.map((request) => [request.path, request.query])).toEqual([
      ['/api/job', { limit: '100', offset: '0' }],
      ['/api/job', { limit: '30', offset: '100' }],
    ]);
    expect(
      fleet.servers.osapi.requests.every(
        (request) => request.headers.authorization === `Bearer ${(fleet.sources[0] as { token: string }).token}`,
      ),
    ).toBe(true);
  });

  it('reads one job through the declared detail endpoint with the same state and the declared result', async () => {
    const [job] = (await native.list()).jobs.filter((candidate) => candidate.state === 'succeeded');
    const [nativeDetail, declaredDetail] = [await native.detail(job.id), await declared.detail(job.id)];
    expect(declaredDetail && comparable(declaredDetail)).toEqual(
      nativeDetail && { ...comparable(nativeDetail), finishedAt: job.finishedAt },
    );
    expect(declaredDetail?.result).toEqual((job.raw as { result?: unknown }).result ?? null);
    expect(await declared.detail('00000000-0000-0000-0000-000000000000')).toBeNull();
  });
});
