/**
 * The exporter with the real Prometheus (Debian package `prometheus`, installed by .ci/run):
 * promtool validates the example scrape config and rules and runs the rules' unit tests and
 * lints the exposition; a Prometheus server scrapes `jobtop exporter` watching a frozen demo
 * fleet, and its HTTP API returns the same jobtop_jobs the exporter serves, evaluates every
 * example rule without error and answers every dashboard query.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { JOB_STATES } from '../../source/domain/job.js';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { startExporterProcess, type ExporterProcess } from '../helpers/exporter-process.js';
import { scrape, seriesOf } from '../helpers/metrics.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
const installed = ['prometheus', 'promtool'].every((binary) => spawnSync(binary, ['--version']).status === 0);
// why: CI installs Prometheus (.ci/run), so there a missing binary is a failure, not a skip —
// unless .ci/run could not install it and said why (JOBTOP_NO_PROMETHEUS).
const unavailable = process.env.JOBTOP_NO_PROMETHEUS;
const required = process.env.CI === 'true' && !unavailable;
if (!installed && !required)
  console.warn(
    `prometheus-e2e: skipped: ${unavailable ?? 'install the Debian package prometheus (apt-get install prometheus) to run it'}`,
  );

const promtool = (...args: string[]) => spawnSync('promtool', args, { encoding: 'utf8', input: '' });

describe.skipIf(!installed && !required)('with a real Prometheus', () => {
  it('is installed (CI installs the Debian package prometheus)', () => {
    expect(installed).toBe(true);
  });

  it('promtool accepts the example scrape config and rules, and their unit tests pass', () => {
    for (const args of [
      ['check', 'config', join(EXAMPLES, 'prometheus/prometheus.yml')],
      ['check', 'rules', join(EXAMPLES, 'prometheus/jobtop.rules.yml')],
      ['test', 'rules', join(EXAMPLES, 'prometheus/jobtop.rules.test.yml')],
    ]) {
      const result = promtool(...args);
      expect(result.status, `promtool ${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(0);
    }
  });

  describe('scraping jobtop exporter', () => {
    const clock = 1_790_000_000_000;
    let fleet: DemoFleet;
    let exporter: ExporterProcess;
    let prometheus: ChildProcess;
    let prometheusUrl: string;
    let prometheusLog = '';
    let dir: string;

    const query = async (expr: string) => {
      const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
      return (await response.json()) as {
        status: string;
        error?: string;
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'jobtop-prometheus-'));
      fleet = await startDemoFleet({ now: () => clock, tickMs: 0, seed: 5 });
      const configPath = join(dir, 'jobtop.yaml');
      writeFileSync(configPath, stringify({ interval: '1s', sources: fleet.sources }), { mode: 0o600 });
      exporter = await startExporterProcess(['--config', configPath, '--listen', '127.0.0.1:0']);
      const port = await freePort();
      prometheusUrl = `http://127.0.0.1:${port}`;
      writeFileSync(
        join(dir, 'prometheus.yml'),
        stringify({
          global: { scrape_interval: '1s', evaluation_interval: '1s' },
          rule_files: [join(EXAMPLES, 'prometheus/jobtop.rules.yml')],
          scrape_configs: [
            { job_name: 'jobtop', static_configs: [{ targets: [exporter.url.replace('http://', '')] }] },
          ],
        }),
      );
      prometheus = spawn(
        'prometheus',
        [
          `--config.file=${join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      prometheus.stderr!.on(
        'data',
        (chunk: Buffer) => (prometheusLog = (prometheusLog + chunk.toString('utf8')).slice(-20_000)),
      );
    }, 60_000);
    afterAll(async () => {
      const stopped =
        prometheus && prometheus.exitCode === null ? new Promise((done) => prometheus.once('exit', done)) : undefined;
      prometheus?.kill('SIGTERM');
      await stopped;
      exporter?.child.kill('SIGTERM');
      await exporter?.exited;
      await fleet?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('gives the same jobtop_jobs through its query API as the exporter serves', async () => {
      await vi.waitFor(
        async () => {
          const served = await scrape(`${exporter.url}/metrics`);
          const stored = await query('jobtop_jobs');
          expect(stored.status, prometheusLog).toBe('success');
          expect(stored.data.result).toHaveLength(fleet.sources.length * JOB_STATES.length);
          for (const sample of stored.data.result) {
            const [series] = seriesOf(served, 'jobtop_jobs', {
              source: sample.metric.source,
              vendor: sample.metric.vendor,
              state: sample.metric.state,
            });
            expect(sample.metric.job).toBe('jobtop');
            expect(Number(sample.value[1]), JSON.stringify(sample.metric)).toBe(Number(series.value));
          }
        },
        { timeout: 45_000, interval: 500 },
      );
      const up = await query('sum(jobtop_source_up)');
      expect(Number(up.data.result[0].value[1])).toBe(fleet.sources.length);
    });

    it('evaluates every example rule without error', async () => {
      await vi.waitFor(
        async () => {
          const response = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as {
            data: { groups: { name: string; rules: { name: string; health: string; lastError?: string }[] }[] };
          };
          const group = response.data.groups.find((candidate) => candidate.name === 'jobtop');
          expect(group?.rules.map((rule) => rule.name)).toEqual([
            'source:jobtop_job_failures:rate5m',
            'JobtopExporterDown',
            'JobtopSourceDown',
            'JobtopFailureRateHigh',
            'JobtopOldestQueuedJob',
          ]);
          for (const rule of group!.rules) expect(rule.health, `${rule.name}: ${rule.lastError}`).toBe('ok');
        },
        { timeout: 30_000, interval: 500 },
      );
    });

    it('answers every query of the Grafana dashboard', async () => {
      const dashboard = JSON.parse(readFileSync(join(EXAMPLES, 'grafana/jobtop.json'), 'utf8')) as {
        panels: { title: string; targets: { expr: string }[] }[];
      };
      for (const panel of dashboard.panels) {
        for (const target of panel.targets) {
          const expr = target.expr.replaceAll('$source', '.*').replaceAll('$__rate_interval', '1m');
          const result = await query(expr);
          expect(result.status, `${panel.title}: ${expr}: ${result.error}`).toBe('success');
        }
      }
      const listed = await query(
        dashboard.panels.find((panel) => panel.title === 'Jobs listed')!.targets[0].expr.replaceAll('$source', '.*'),
      );
      expect(Number(listed.data.result[0].value[1])).toBeGreaterThan(0);
    });

    it('lints the exposition with promtool check metrics: no complaint about a jobtop metric', async () => {
      const text = await (await fetch(`${exporter.url}/metrics`)).text();
      const result = spawnSync('promtool', ['check', 'metrics'], { encoding: 'utf8', input: text });
      const complaints = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.startsWith('jobtop_'));
      expect(complaints).toEqual([]);
    });
  });
});

/** A loopback port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
