/**
 * The exporter against the demo fleet in process, its clock held still: /metrics parsed with
 * a real exposition parser agrees with the simulators' own records and with `jobtop list
 * --json` of the same fleet; a scrape reaches no vendor; a failing source keeps its figures
 * with up 0 and the age of its data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { startExporter, type RunningExporter } from '../../source/commands/exporter/run-exporter.js';
import { openConfig } from '../../source/commands/shared/open-sources.js';
import { JOB_STATES, VENDORS, type JobState } from '../../source/domain/job.js';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { simulatorStates, truthCounts } from '../helpers/demo-truth.js';
import { scrape, valueOf } from '../helpers/metrics.js';
import { runCli } from '../helpers/run-cli.js';

describe('jobtop exporter over the demo fleet', () => {
  let clock = 1_790_000_000_000;
  let fleet: DemoFleet;
  let configPath: string;
  let exporter: RunningExporter;
  const log: string[] = [];

  /** Polls one source now and waits until its poll has settled. */
  const pollNow = async (source: string) => {
    const before = exporter.store.getSnapshot().sources.find((entry) => entry.name === source);
    exporter.store.refreshNow(source);
    await vi.waitFor(
      () => expect(exporter.store.getSnapshot().sources.find((entry) => entry.name === source)).not.toBe(before),
      { timeout: 20_000, interval: 20 },
    );
  };

  beforeAll(async () => {
    // why: without the real servers' quirks every simulated job has a known state to compare with
    // (the Alteryx jobs without detail are unknown by design; test/demo/fleet.test.ts covers them).
    fleet = await startDemoFleet({ now: () => clock, tickMs: 0, seed: 11, quirks: false });
    // An hour between polls: every request after the first round is one the test asked for.
    configPath = join(mkdtempSync(join(tmpdir(), 'jobtop-exporter-')), 'config.yaml');
    writeFileSync(
      configPath,
      stringify({ interval: '1h', exporter: { typeGroups: ['render'] }, sources: fleet.sources }),
      { mode: 0o600 },
    );
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (log.push(chunk.toString()), done()) });
    exporter = await startExporter(openConfig(configPath, { readonly: true }), {
      listen: { host: '127.0.0.1', port: 0 },
      log: sink,
      now: () => clock,
      processMetrics: false,
    });
    await exporter.store.firstRound();
    // Alteryx tells how a job ended only in its detail, a few jobs per poll: poll until none is left open.
    for (
      let round = 0;
      round < 10 && exporter.store.getSnapshot().jobs.some((job) => job.flags.includes('needs-disposition'));
      round++
    )
      await pollNow('demo-alteryx');
  });
  afterAll(async () => {
    await exporter?.close();
    await fleet?.close();
  });

  it('counts every listed job in the state its simulator holds', async () => {
    const families = await scrape(`${exporter.server.url}/metrics`);
    const truth = simulatorStates(fleet);
    for (const vendor of VENDORS) {
      const counts = truthCounts(truth[vendor]);
      for (const state of JOB_STATES)
        expect(
          valueOf(families, 'jobtop_jobs', { source: `demo-${vendor}`, vendor, state }),
          `${vendor} ${state}`,
        ).toBe(counts[state]);
    }
    expect(exporter.store.getSnapshot().jobs.length).toBe(VENDORS.reduce((sum, vendor) => sum + truth[vendor].size, 0));
  });

  it('agrees with jobtop list --json for the same fleet', async () => {
    const result = await runCli(['list', '--json', '--config', configPath]);
    expect(result.code, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as { jobs: { source: string; state: JobState }[] };
    const families = await scrape(`${exporter.server.url}/metrics`);
    let compared = 0;
    for (const vendor of VENDORS) {
      for (const state of JOB_STATES) {
        const expected = listed.jobs.filter((job) => job.source === `demo-${vendor}` && job.state === state).length;
        expect(valueOf(families, 'jobtop_jobs', { source: `demo-${vendor}`, state }), `${vendor} ${state}`).toBe(
          expected,
        );
        compared += expected;
      }
    }
    expect(compared).toBe(listed.jobs.length);
  });

  it("reports the vendor's own counts where it gives them, matching its records, and never MCRIT's per-method counters as jobs", async () => {
    const families = await scrape(`${exporter.server.url}/metrics`);
    const truth = simulatorStates(fleet);
    // why: MCRIT's /jobs/stats counts calls per method and drifts from the jobs that exist (docs/vendors.md).
    expect(valueOf(families, 'jobtop_vendor_total_jobs', { source: 'demo-mcrit' })).toBeUndefined();
    for (const state of JOB_STATES)
      expect(valueOf(families, 'jobtop_vendor_jobs', { source: 'demo-mcrit', state })).toBeUndefined();
    for (const vendor of ['osapi'] as const) {
      const counts = truthCounts(truth[vendor]);
      for (const state of JOB_STATES) {
        const reported = valueOf(families, 'jobtop_vendor_jobs', { source: `demo-${vendor}`, state });
        if (reported !== undefined) expect(reported, `${vendor} ${state}`).toBe(counts[state]);
      }
      expect(valueOf(families, 'jobtop_vendor_total_jobs', { source: `demo-${vendor}` })).toBe(truth[vendor].size);
    }
  });

  it('answers scrapes and health checks without a single vendor request', async () => {
    for (const server of Object.values(fleet.servers)) server.clearRequests();
    for (let n = 0; n < 5; n++) await scrape(`${exporter.server.url}/metrics`);
    const health = await fetch(`${exporter.server.url}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok: 5 of 5 sources up\n']);
    expect(Object.values(fleet.servers).map((server) => server.requests.length)).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses what it does not serve', async () => {
    expect((await fetch(`${exporter.server.url}/jobs`)).status).toBe(404);
    expect((await fetch(`${exporter.server.url}/metrics`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('counts the state changes seen when the fleet moves on', async () => {
    const before = new Map(exporter.store.getSnapshot().jobs.map((job) => [job.key, job.state]));
    const transitions = async () => {
      const families = await scrape(`${exporter.server.url}/metrics`);
      const total: Record<string, number> = {};
      for (const state of JOB_STATES)
        total[state] = VENDORS.reduce(
          (sum, vendor) =>
            sum +
            (valueOf(families, 'jobtop_job_transitions_total', {
              source: `demo-${vendor}`,
              type_group: 'other',
              to_state: state,
            }) ?? 0),
          0,
        );
      return total;
    };
    const start = await transitions();
    clock += 120_000;
    fleet.tick(clock);
    for (const vendor of VENDORS) await pollNow(`demo-${vendor}`);
    const end = await transitions();
    const seen: Record<string, number> = Object.fromEntries(JOB_STATES.map((state) => [state, 0]));
    for (const job of exporter.store.getSnapshot().jobs) if (before.get(job.key) !== job.state) seen[job.state] += 1;
    expect(Object.values(seen).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const state of JOB_STATES) expect(end[state] - start[state], state).toBe(seen[state]);
  });

  it("keeps a failing source's figures with up 0, its data age and the error kind, and says when it recovers", async () => {
    const before = await scrape(`${exporter.server.url}/metrics`);
    await fleet.servers.osapi.setFault('500');
    clock += 60_000;
    await pollNow('demo-osapi');
    const after = await scrape(`${exporter.server.url}/metrics`);
    await fleet.servers.osapi.setFault(null);
    await pollNow('demo-osapi');
    const recovered = await scrape(`${exporter.server.url}/metrics`);
    expect(valueOf(recovered, 'jobtop_source_up', { source: 'demo-osapi' })).toBe(1);
    expect(valueOf(recovered, 'jobtop_source_data_age_seconds', { source: 'demo-osapi' })).toBe(0);
    expect(log.join('')).toMatch(/failing: .*500.*\njobtop exporter: demo-osapi up\n$/s);
    expect(valueOf(after, 'jobtop_source_up', { source: 'demo-osapi', vendor: 'osapi' })).toBe(0);
    expect(valueOf(after, 'jobtop_source_up', { source: 'demo-mcrit' })).toBe(1);
    for (const state of JOB_STATES)
      expect(valueOf(after, 'jobtop_jobs', { source: 'demo-osapi', state })).toBe(
        valueOf(before, 'jobtop_jobs', { source: 'demo-osapi', state }),
      );
    expect(valueOf(after, 'jobtop_source_data_age_seconds', { source: 'demo-osapi' })).toBe(60);
    expect(valueOf(after, 'jobtop_source_last_success_timestamp_seconds', { source: 'demo-osapi' })).toBe(
      valueOf(before, 'jobtop_source_last_success_timestamp_seconds', { source: 'demo-osapi' }),
    );
    expect(valueOf(after, 'jobtop_source_errors_total', { source: 'demo-osapi', kind: 'server' })).toBe(1);
    expect(log.join('')).toMatch(/^jobtop exporter: demo-osapi failing: .*500/m);
  });
});
