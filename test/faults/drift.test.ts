/**
 * Schema drift, per vendor, through the real adapters: the demo servers' drift mode gives the
 * first three jobs of every list an unknown state, missing fields and mistyped fields. Each
 * costs the field it hit — never the job, the other jobs or the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSource } from '../../source/adapters/contract.js';
import type { Job, Vendor } from '../../source/domain/job.js';
import type { DemoFleet } from '../../source/demo/fleet.js';
import { DRIFTED_NATIVE_STATES } from '../../source/demo/hostile-data.js';
import { fetchOnce, type SourceOutcome } from '../../source/store/fetch-once.js';
import { runCli } from '../helpers/run-cli.js';
import { buildSources, recordUnhandled, startStillFleet, writeConfig } from './harness.js';

const VENDORS: readonly Vendor[] = ['vectorcharts', 'osapi', 'vectara', 'mcrit', 'alteryx'];
/** Every demo source and its vendor: the five, and the VectorCharts server from before pagination (a bare array). */
const SOURCES: readonly [string, Vendor][] = [
  ...VENDORS.map((vendor): [string, Vendor] => [`demo-${vendor}`, vendor]),
  ['demo-legacy-vectorcharts', 'vectorcharts'],
];

describe('schema drift', () => {
  let fleet: DemoFleet;
  let sources: JobSource[];
  let clean: SourceOutcome[];
  let drifted: SourceOutcome[];
  const unhandled = recordUnhandled();

  beforeAll(async () => {
    fleet = await startStillFleet({ seed: 5 });
    sources = buildSources(fleet.sources, {}, { oneShot: true });
    clean = await fetchOnce(sources);
    for (const server of Object.values(fleet.servers)) await server.setFault('drift');
    drifted = await fetchOnce(sources);
  });
  afterAll(async () => {
    await Promise.all(sources.map((source) => source.close()));
    await fleet.close();
    unhandled.dispose();
    expect(unhandled.errors).toEqual([]);
  });

  const outcome = (list: SourceOutcome[], name: string) => list.find((candidate) => candidate.name === name)!;
  const byId = (jobs: readonly Job[]) => new Map(jobs.map((job) => [job.id, job]));

  it.each(SOURCES)('%s: the source stays healthy and keeps every job', (name) => {
    expect(outcome(clean, name)).toMatchObject({ ok: true, error: null });
    expect(outcome(drifted, name)).toMatchObject({ ok: true, error: null });
    expect(
      outcome(drifted, name)
        .jobs.map((job) => job.id)
        .sort(),
    ).toEqual(
      outcome(clean, name)
        .jobs.map((job) => job.id)
        .sort(),
    );
  });

  it.each(SOURCES)('%s: an unknown state becomes "unknown" and keeps the native value', (name, vendor) => {
    // The list comes newest first, so the clean poll's first job is the one the drift hit first.
    const target = outcome(clean, name).jobs[0];
    const job = byId(outcome(drifted, name).jobs).get(target.id)!;
    expect(job.state).toBe('unknown');
    expect(job.nativeState).toBe(DRIFTED_NATIVE_STATES[vendor]);
    expect(target.state).not.toBe('unknown');
    expect(job.type).toBe(target.type);
  });

  it.each(SOURCES)('%s: missing fields cost only those fields', (name) => {
    const target = outcome(clean, name).jobs[1];
    const job = byId(outcome(drifted, name).jobs).get(target.id)!;
    expect(job.createdAt).toBeNull();
    expect(target.createdAt).not.toBeNull();
    expect(job.type).not.toBe(target.type);
    expect(job.type.length).toBeGreaterThan(0); // the adapter's placeholder for "no type"
    expect(job.state).toBe(target.state);
  });

  it.each(SOURCES)('%s: mistyped fields cost only those fields', (name) => {
    const target = outcome(clean, name).jobs[2];
    const job = byId(outcome(drifted, name).jobs).get(target.id)!;
    expect(job.createdAt).toBeNull();
    expect(target.createdAt).not.toBeNull();
    expect(job.state).toBe(target.state);
    expect(job.type).toBe(target.type);
    // Jobs the drift did not touch are exactly as before.
    for (const untouched of outcome(clean, name).jobs.slice(3)) {
      const after = byId(outcome(drifted, name).jobs).get(untouched.id)!;
      expect({ ...after, raw: null }).toEqual({ ...untouched, raw: null });
    }
  });

  it('jobtop list --json prints the drifted jobs with their native state and exits 0', async () => {
    const result = await runCli(['list', '--json', '--config', writeConfig({ sources: fleet.sources })]);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as {
      jobs: { vendor: Vendor; state: string; nativeState: string }[];
      sources: { ok: boolean }[];
    };
    expect(body.sources.every((source) => source.ok)).toBe(true);
    for (const vendor of VENDORS) {
      expect(
        body.jobs.some(
          (job) =>
            job.vendor === vendor && job.state === 'unknown' && job.nativeState === DRIFTED_NATIVE_STATES[vendor],
        ),
        vendor,
      ).toBe(true);
    }
  });
});
