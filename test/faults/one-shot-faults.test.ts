/**
 * The fault matrix as a script sees it: `jobtop list --json` (the built CLI, a child process
 * without a TTY) against every demo vendor playing the same fault beside one healthy source.
 * Exit 2, each failure named in `sources[].error` and on stderr in words, the healthy source's
 * jobs still printed, and the slow cases ended by the configured timeout.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Vendor } from '../../source/domain/job.js';
import type { DemoFleet } from '../../source/demo/fleet.js';
import { FAULT_NAMES, type FaultName } from '../../source/demo/faults.js';
import { runCli } from '../helpers/run-cli.js';
import { renamed, renamedSources, startStillFleet, writeConfig } from './harness.js';

/** The request timeout for the faults that end by it (a hung socket, a trickling body). */
const TIMEOUT_MS = 1000;
/**
 * For every other fault: the server answers at once, so no timeout should end the request.
 * why: a short one turns an 8 MiB oversize answer or a 401 into "timeout" on a loaded machine.
 * It is also the bound a timed-out request must stay under: the configured timeout ended it, not this one.
 */
const ANSWER_TIMEOUT_MS = 10_000;

/** A fresh process logs in first, so VectorCharts' login and Alteryx's token request meet the fault before the list does. */
function expectedShort(fault: FaultName, vendor: Vendor): string | null {
  if (vendor === 'alteryx' && ['401', '403', '404'].includes(fault)) return `token request rejected (HTTP ${fault})`;
  if (vendor === 'vectorcharts' && fault === 'wrong-shape') return 'unexpected login response';
  const words: Record<FaultName, string | null> = {
    refused: 'connection refused',
    hang: 'timeout',
    'slow-body': 'timeout',
    reset: 'connection reset',
    '401': '401 unauthorized',
    '403': '403 forbidden',
    '404': '404 not found',
    '429': '429 rate limited',
    '500': '500 server error',
    '502': '502 server error',
    '503': '503 server error',
    html: 'HTML instead of JSON',
    empty: 'empty response',
    truncated: 'invalid JSON',
    'wrong-shape': 'unexpected response shape',
    oversize: 'response too large',
    vanish: null,
    drift: null,
  };
  return words[fault];
}

interface ListJson {
  jobs: { source: string }[];
  sources: {
    name: string;
    ok: boolean;
    error: string | null;
    errorKind: string | null;
    status: number | null;
    jobCount: number;
    elapsedMs: number;
  }[];
}

describe('jobtop list --json under every fault', () => {
  let faulty: DemoFleet;
  let calm: DemoFleet;
  let config: string;
  let timeoutConfig: string;

  beforeAll(async () => {
    faulty = await startStillFleet({ seed: 3 });
    calm = await startStillFleet({ vendors: ['osapi'], seed: 4 });
    const sources = [...renamed(faulty, 'bad'), ...renamed(calm, 'calm')];
    config = writeConfig({ timeout: `${ANSWER_TIMEOUT_MS}ms`, connectTimeout: `${ANSWER_TIMEOUT_MS}ms`, sources });
    timeoutConfig = writeConfig({ timeout: `${TIMEOUT_MS}ms`, connectTimeout: `${TIMEOUT_MS}ms`, sources });
  });
  afterEach(async () => {
    for (const server of Object.values(faulty.servers)) await server.setFault(null);
  });
  afterAll(async () => {
    await Promise.all([faulty.close(), calm.close()]);
  });

  it.each(FAULT_NAMES.filter((fault) => expectedShort(fault, 'osapi') !== null))(
    '%s: exit 2, the failure in words per source, the healthy source still printed',
    async (fault) => {
      for (const server of Object.values(faulty.servers))
        await server.setFault(fault, { retryAfterSeconds: 30, trickleMs: 40 });
      const timed = fault === 'hang' || fault === 'slow-body';
      const result = await runCli(['list', '--json', '--config', timed ? timeoutConfig : config]);
      expect(result.code).toBe(2);
      const body = JSON.parse(result.stdout) as ListJson;
      const calmSource = body.sources.find((source) => source.name === 'calm-osapi')!;
      expect(calmSource).toMatchObject({ ok: true, error: null });
      expect(calmSource.jobCount).toBeGreaterThan(10);
      expect(new Set(body.jobs.map((job) => job.source))).toEqual(new Set(['calm-osapi']));
      for (const { name, vendor } of renamedSources(faulty, 'bad')) {
        const source = body.sources.find((candidate) => candidate.name === name)!;
        const short = expectedShort(fault, vendor)!;
        expect(source, name).toMatchObject({ ok: false, jobCount: 0 });
        expect(source.error, name).toMatch(new RegExp(`^${name}: ${short.replace(/[()]/g, '\\$&')}`));
        expect(result.stderr, name).toContain(`jobtop: ${name}: ${short}`);
        if (/^\d+$/.test(fault)) expect(source.status, name).toBe(Number(fault));
        // A hung socket or a trickling body ends with the configured timeout, not later.
        if (timed) {
          expect(source.elapsedMs, name).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
          expect(source.elapsedMs, name).toBeLessThan(ANSWER_TIMEOUT_MS);
        }
      }
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(faulty.sources.length);
    },
  );

  it('vanish: exit 0, the emptied sources are healthy with no jobs', async () => {
    for (const server of Object.values(faulty.servers)) await server.setFault('vanish');
    const result = await runCli(['list', '--json', '--config', config]);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as ListJson;
    for (const { name } of renamedSources(faulty, 'bad'))
      expect(
        body.sources.find((source) => source.name === name),
        name,
      ).toMatchObject({ ok: true, error: null, jobCount: 0 });
    expect(result.stderr).toBe('');
  });
});
