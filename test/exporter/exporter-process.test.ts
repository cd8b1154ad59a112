/**
 * `jobtop exporter` as a process: serves the demo fleet's metrics on loopback, refuses a bad
 * --listen or a taken port with a plain message, and stops cleanly on SIGTERM and SIGINT
 * (exit 0, port closed, demo servers gone).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { VENDORS } from '../../source/domain/job.js';
import { startDemoFleet } from '../../source/demo/fleet.js';
import { spawnExporter, startExporterProcess } from '../helpers/exporter-process.js';
import { scrape, valueOf } from '../helpers/metrics.js';
import { runCli } from '../helpers/run-cli.js';

describe('jobtop exporter (process)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('serves the demo fleet, then stops cleanly on %s', async (signal) => {
    const exporter = await startExporterProcess(['--demo', '--listen', '127.0.0.1:0']);
    expect(exporter.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // the five vendors and the legacy VectorCharts server (docs/vendors.md, "The demo fleet")
    expect(exporter.stdout()).toContain('for 6 sources (read-only)');
    // Every source up once its first poll has answered.
    const families = await vi.waitFor(
      async () => {
        const scraped = await scrape(`${exporter.url}/metrics`);
        for (const vendor of VENDORS)
          expect(valueOf(scraped, 'jobtop_source_up', { source: `demo-${vendor}`, vendor }), vendor).toBe(1);
        expect(
          valueOf(scraped, 'jobtop_source_up', { source: 'demo-legacy-vectorcharts', vendor: 'vectorcharts' }),
        ).toBe(1);
        return scraped;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(families.get('process_cpu_user_seconds_total')?.type).toBe('COUNTER');
    exporter.child.kill(signal);
    expect(await exporter.exited).toBe(0);
    expect(exporter.stdout()).toContain(`jobtop exporter: stopped (${signal})`);
    expect(exporter.stderr()).toBe('');
    await expect(fetch(`${exporter.url}/metrics`)).rejects.toThrow();
  });

  it('stops cleanly on a SIGTERM that arrives while the sources are still opening', async () => {
    const fleet = await startDemoFleet({ tickMs: 0, vendors: ['osapi'] });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'jobtop-exporter-'));
      const marker = join(dir, 'opening');
      const { token, ...source } = fleet.sources[0] as { token: string };
      // The credential command says when it runs, then keeps the exporter opening for a while.
      const config = { sources: [{ ...source, tokenCommand: `touch '${marker}'; sleep 2; echo '${token}'` }] };
      writeFileSync(join(dir, 'config.yaml'), stringify(config), { mode: 0o600 });
      const exporter = spawnExporter(['--config', join(dir, 'config.yaml'), '--listen', '127.0.0.1:0']);
      await vi.waitFor(() => expect(existsSync(marker)).toBe(true), { timeout: 20_000, interval: 20 });
      exporter.child.kill('SIGTERM');
      expect(await exporter.exited).toBe(0);
      expect(exporter.stdout()).toBe('jobtop exporter: stopped (SIGTERM)\n');
      expect(exporter.stderr()).toBe('');
    } finally {
      await fleet.close();
    }
  });

  it('refuses a --listen without a host, and a port already taken, with exit 1', async () => {
    expect(await runCli(['exporter', '--demo', '--listen', ':9464'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--listen needs a host before the port (127.0.0.1:9464 for loopback'),
    });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      expect(await runCli(['exporter', '--demo', '--listen', `127.0.0.1:${port}`])).toMatchObject({
        code: 1,
        stderr: `jobtop: cannot listen on 127.0.0.1:${port}: the address is already in use\n`,
      });
    } finally {
      taken.close();
    }
  });

  it('needs a config or --demo, like every one-shot command', async () => {
    expect(await runCli(['exporter'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no config file found'),
    });
  });
});
