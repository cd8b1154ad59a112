/**
 * The demo fleet's fault switch itself: the control endpoint, the environment variables, the
 * in-process API, and the promise that rewriting answers never changes a simulator's state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoFleet } from '../../source/demo/fleet.js';
import { faultsFromEnv } from '../../source/demo/faults.js';
import { HOSTILE_ID_PREFIX } from '../../source/demo/hostile-data.js';
import { FAULT_CONTROL_PATH } from '../../source/demo/kit.js';
import { fetchOnce } from '../../source/store/fetch-once.js';
import { runCli } from '../helpers/run-cli.js';
import { buildSources, startStillFleet } from './harness.js';

describe('the demo fault switch', () => {
  let fleet: DemoFleet;
  const control = (port: number, body?: unknown) =>
    fetch(
      `http://127.0.0.1:${port}${FAULT_CONTROL_PATH}`,
      body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
    ).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }));
  const osapiList = async () => {
    const server = fleet.servers.osapi;
    const token = String(fleet.sources.find((source) => source.type === 'osapi')!.token);
    const response = await fetch(`${server.url}/api/job?limit=100`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    fleet = await startStillFleet({ seed: 13 });
  });
  afterAll(async () => {
    await fleet.close();
  });

  it('reads and switches a fault over HTTP, and refuses an unknown one naming the field', async () => {
    const port = fleet.servers.vectara.port;
    expect((await control(port)).body).toMatchObject({ vendor: 'vectara', fault: null, hostile: false });
    expect((await control(port, { fault: '503' })).body).toMatchObject({ port, fault: '503' });
    expect(fleet.servers.vectara.faults().fault).toBe('503');
    const bad = await control(port, { fault: '418' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^fault: expected null or one of refused, hang, /);
    expect((await control(port, { fault: 'none', hostile: 'yes' })).body.error).toBe('hostile: expected true or false');
    expect((await control(port, { fault: null })).body).toMatchObject({ fault: null });
  });

  it('lifts a refused server through a sibling’s endpoint, on the same port', async () => {
    const osapi = fleet.servers.osapi;
    await control(fleet.servers.mcrit.port, { fault: 'refused', port: osapi.port });
    await expect(fetch(`${osapi.url}/api/job`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await control(fleet.servers.mcrit.port, { fault: null, port: osapi.port });
    expect((await osapiList()).status).toBe(200);
  });

  it('clears a fault by itself after `seconds`', async () => {
    const server = fleet.servers.alteryx;
    await control(server.port, { fault: '500', seconds: 0.2 });
    expect(server.faults().fault).toBe('500');
    while (server.faults().fault !== null) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.faults().fault).toBeNull();
  });

  it('never changes the simulator’s own records when it rewrites an answer', async () => {
    const before = await osapiList();
    for (const fault of ['drift', 'vanish'] as const) {
      await fleet.servers.osapi.setFault(fault);
      fleet.servers.osapi.setHostile(true);
      expect((await osapiList()).text).not.toBe(before.text);
    }
    await fleet.servers.osapi.setFault(null);
    fleet.servers.osapi.setHostile(false);
    expect((await osapiList()).text).toBe(before.text);
  });

  it('serves hostile ids that still lead to the real job, and records the request under its real path', async () => {
    const [source] = buildSources(fleet.sources.filter((entry) => entry.type === 'osapi'));
    fleet.servers.osapi.setHostile(true);
    try {
      const [outcome] = await fetchOnce([source]);
      const hostile = outcome.jobs.filter((job) => job.id.startsWith(HOSTILE_ID_PREFIX));
      expect(hostile.length).toBeGreaterThan(0);
      expect(hostile.length).toBeLessThan(outcome.jobs.length);
      const detail = await source.detail(hostile[0].id);
      expect(detail?.id).toBe(hostile[0].id);
      expect(fleet.servers.osapi.requests.at(-1)?.path).toBe(
        `/api/job/${hostile[0].id.slice(HOSTILE_ID_PREFIX.length)}`,
      );
    } finally {
      fleet.servers.osapi.setHostile(false);
      await source.close();
    }
  });

  it('reads JOBTOP_DEMO_FAULTS and JOBTOP_DEMO_HOSTILE per vendor, and names a wrong entry', () => {
    const env = { JOBTOP_DEMO_FAULTS: 'osapi=429, mcrit=hang', JOBTOP_DEMO_HOSTILE: 'vectara,osapi' };
    expect(faultsFromEnv(env, 'osapi')).toEqual({ fault: '429', hostile: true });
    expect(faultsFromEnv(env, 'mcrit')).toEqual({ fault: 'hang', hostile: false });
    expect(faultsFromEnv({ JOBTOP_DEMO_FAULTS: 'drift', JOBTOP_DEMO_HOSTILE: '1' }, 'alteryx')).toEqual({
      fault: 'drift',
      hostile: true,
    });
    expect(() => faultsFromEnv({ JOBTOP_DEMO_FAULTS: 'osapi=teapot' }, 'osapi')).toThrow(
      'JOBTOP_DEMO_FAULTS: unknown fault "teapot" in "osapi=teapot" (faults: refused, hang,',
    );
    expect(() => faultsFromEnv({ JOBTOP_DEMO_FAULTS: 'jenkins=500' }, 'osapi')).toThrow(
      'JOBTOP_DEMO_FAULTS: unknown vendor "jenkins"',
    );
  });

  it('switches the embedded fleet of `jobtop --demo` from the environment', async () => {
    const result = await runCli(['--demo', 'list', '--json'], { JOBTOP_DEMO_FAULTS: 'mcrit=500' });
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as { sources: { name: string; ok: boolean; status: number | null }[] };
    expect(body.sources.map((source) => [source.name, source.ok])).toEqual([
      ['demo-vectorcharts', true],
      ['demo-osapi', true],
      ['demo-vectara', true],
      ['demo-mcrit', false],
      ['demo-alteryx', true],
      ['demo-legacy-vectorcharts', true],
    ]);
    expect(result.stderr).toBe(
      'jobtop: demo-mcrit: 500 server error: internal server error: database is locked (GET /jobs)\n',
    );
  });
});
