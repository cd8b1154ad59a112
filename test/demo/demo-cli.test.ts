/**
 * What `npm start`'s demo fleet plays of real servers, seen through the built CLI with `--demo`
 * (each run starts its own fleet): the legacy VectorCharts server's bare-array list, and the
 * MCRIT job whose result is over the default body limit (its fixed id makes it reachable from
 * any run).
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MCRIT_OVERSIZED_JOB_ID } from '../../source/demo/mcrit-server.js';
import { NATIVE_TO_STATE } from '../helpers/demo-truth.js';
import { runCli } from '../helpers/run-cli.js';

/** The default `maxBodySize` (docs/configuration.md). */
const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

interface ListedJob {
  source: string;
  id: string;
  state: string;
  nativeState: string;
  raw: Record<string, unknown>;
}

describe('the demo fleet through the CLI', () => {
  it('lists the legacy VectorCharts server: its newest jobs up to the source limit, each in the state of its record', async () => {
    const result = await runCli(['--demo', 'list', '--json', '--raw']);
    expect(result.code, result.stderr).toBe(0);
    const body = JSON.parse(result.stdout) as {
      jobs: ListedJob[];
      sources: { name: string; type: string; ok: boolean; error: string | null; jobCount: number; total: number }[];
    };
    const source = body.sources.find((candidate) => candidate.name === 'demo-legacy-vectorcharts')!;
    expect(source).toMatchObject({ type: 'vectorcharts', ok: true, error: null, jobCount: 8 });
    // why: the fleet gives this source `limit: 8` and its server a dozen jobs: the array holds them all, jobtop keeps 8.
    expect(source.total).toBeGreaterThanOrEqual(12);
    const legacy = body.jobs.filter((job) => job.source === 'demo-legacy-vectorcharts');
    expect(legacy).toHaveLength(8);
    for (const job of legacy) {
      // a pre-pagination record: no `priority` field yet
      expect(job.raw).not.toHaveProperty('priority');
      expect(job.raw.id).toBe(job.id);
      expect([job.nativeState, job.state]).toEqual([
        job.raw.jobState,
        NATIVE_TO_STATE.vectorcharts[job.raw.jobState as string],
      ]);
    }
  });

  it('saves the oversized MCRIT result whole with get --result FILE', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jobtop-demo-result-')), 'result.json');
    const result = await runCli(['--demo', 'get', `demo-mcrit/${MCRIT_OVERSIZED_JOB_ID}`, '--result', file]);
    expect(result.code, result.stderr).toBe(0);
    const bytes = statSync(file).size;
    expect(bytes).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    expect(result.stderr).toBe(
      `jobtop: wrote the result of demo-mcrit/${MCRIT_OVERSIZED_JOB_ID} to ${file} (${(bytes / 1e6).toFixed(1)} MB, as the server sent it)\n`,
    );
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      status: string;
      data: { statistics: { unique_blocks_overall: number }; unique_blocks: Record<string, unknown> };
    };
    expect(saved.status).toBe('successful');
    expect(Object.keys(saved.data.unique_blocks)).toHaveLength(saved.data.statistics.unique_blocks_overall);
  });

  it('says the oversized MCRIT result is too large to show, with its size and how to get it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jobtop-demo-result-')), 'result.json');
    await runCli(['--demo', 'get', `demo-mcrit/${MCRIT_OVERSIZED_JOB_ID}`, '--result', file]);
    const bytes = statSync(file).size;
    const result = await runCli(['--demo', 'get', `demo-mcrit/${MCRIT_OVERSIZED_JOB_ID}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^State +✔ succeeded +\(native: finished\)$/m);
    // why: getUniqueBlocks has no compact form, so the compact result jobtop asks for is the whole one.
    expect(result.stdout).toContain(
      `Result\n  result is ${(bytes / 1e6).toFixed(1)} MB — too large to show; \`jobtop get demo-mcrit/${MCRIT_OVERSIZED_JOB_ID} --result FILE\` saves it whole`,
    );
    expect(result.stdout).not.toMatch(/no result/i);
  });
});
