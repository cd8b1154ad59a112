/**
 * The two faults a demo server cannot play, made by configuration instead: a DNS failure (a
 * `.invalid` host name, which never resolves) and a connect timeout (a loopback socket whose
 * accept backlog is full, so the kernel drops the next handshake). No traffic leaves loopback.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSource } from '../../source/adapters/contract.js';
import type { DemoFleet } from '../../source/demo/fleet.js';
import { createFleetStore } from '../../source/store/fleet-store.js';
import { runCli } from '../helpers/run-cli.js';
import {
  buildSources,
  recordUnhandled,
  recordingClock,
  renamed,
  startStillFleet,
  watchStore,
  writeConfig,
} from './harness.js';

// why: Node cannot listen without accepting (libuv accepts at once); Python can hold a socket in
// listen(0) without ever calling accept(). Without python3 the connect-timeout cases are skipped.
const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0;
const BACKLOG_SCRIPT =
  "import socket,sys\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()\n";

/** A loopback port whose accept queue is full: the next connection attempt hangs in SYN_SENT. */
async function startFullBacklog(): Promise<{ port: number; close(): void }> {
  const child: ChildProcess = spawn('python3', ['-c', BACKLOG_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
  });
  // listen(0) queues one finished handshake; this connection takes that place and is never accepted.
  const filler: Socket = await new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
  return {
    port,
    close() {
      filler.destroy();
      child.stdin!.end();
      child.kill();
    },
  };
}

const DNS_SOURCE = {
  name: 'nowhere',
  type: 'osapi',
  url: 'http://jobtop-fault.invalid:8080',
  token: 'jwt-for-nowhere',
};

describe('faults made by configuration', () => {
  let calm: DemoFleet;
  let backlog: { port: number; close(): void } | undefined;
  let sources: JobSource[] = [];
  const unhandled = recordUnhandled();

  beforeAll(async () => {
    calm = await startStillFleet({ vendors: ['mcrit'], seed: 9 });
    if (HAS_PYTHON) backlog = await startFullBacklog();
  });
  afterAll(async () => {
    await Promise.all(sources.map((source) => source.close()));
    backlog?.close();
    await calm.close();
    unhandled.dispose();
    expect(unhandled.errors).toEqual([]);
  });

  it('a DNS failure and a connect timeout each say so, back off, and leave the other source alone', async () => {
    const timeoutSource = HAS_PYTHON
      ? [{ name: 'blackhole', type: 'vectara', url: `http://127.0.0.1:${backlog!.port}`, apiKey: 'key-for-blackhole' }]
      : [];
    sources = buildSources([DNS_SOURCE, ...timeoutSource, ...renamed(calm, 'calm')], {
      timeout: '3s',
      connectTimeout: '300ms',
    });
    const clock = recordingClock();
    const store = createFleetStore(
      sources.map((source) => ({ source, intervalMs: 100 })),
      { intervalMs: 100, now: clock.now, random: () => 0.5 },
    );
    const watch = watchStore(store);
    store.start();
    const names = sources.map((source) => source.name).filter((name) => name !== 'calm-mcrit');
    const failing = await watch.until('three failures at each broken source', (snapshot) =>
      snapshot.sources
        .filter((source) => names.includes(source.name))
        .every((source) => source.consecutiveFailures >= 3),
    );
    store.stop();
    watch.dispose();
    const nowhere = failing.sources.find((source) => source.name === 'nowhere')!;
    expect(nowhere).toMatchObject({ status: 'error', lastSuccessAt: null, jobs: [] });
    expect(nowhere.error).toMatchObject({ kind: 'dns', short: 'DNS lookup failed' });
    expect(watch.failureDelays('nowhere').slice(0, 3)).toEqual([100, 200, 400]);
    if (HAS_PYTHON) {
      const blackhole = failing.sources.find((source) => source.name === 'blackhole')!;
      expect(blackhole.error).toMatchObject({ kind: 'timeout', short: 'connect timeout' });
      expect(watch.failureDelays('blackhole').slice(0, 3)).toEqual([100, 200, 400]);
    }
    const calmSource = failing.sources.find((source) => source.name === 'calm-mcrit')!;
    expect(calmSource).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    expect(
      watch.snapshots.every(
        (snapshot) => snapshot.sources.find((source) => source.name === 'calm-mcrit')!.consecutiveFailures === 0,
      ),
    ).toBe(true);
  });

  it('jobtop list --json: exit 2 naming the DNS failure, the healthy source printed', async () => {
    const result = await runCli([
      'list',
      '--json',
      '--config',
      writeConfig({ sources: [DNS_SOURCE, ...renamed(calm, 'calm')] }),
    ]);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as {
      sources: { name: string; ok: boolean; error: string | null; errorKind: string | null }[];
    };
    expect(body.sources[0]).toMatchObject({
      name: 'nowhere',
      ok: false,
      errorKind: 'dns',
      error: expect.stringMatching(/^nowhere: DNS lookup failed/),
    });
    expect(body.sources[1]).toMatchObject({ name: 'calm-mcrit', ok: true });
    expect(result.stderr).toMatch(/^jobtop: nowhere: DNS lookup failed/);
    expect(result.stdout + result.stderr).not.toContain('jwt-for-nowhere');
  });

  it.skipIf(!HAS_PYTHON)(
    'jobtop list --json: a connect timeout ends at connectTimeout, not at the whole-request timeout',
    async () => {
      const config = writeConfig({
        timeout: '20s',
        connectTimeout: '500ms',
        sources: [
          { name: 'blackhole', type: 'mcrit', url: `http://127.0.0.1:${backlog!.port}` },
          ...renamed(calm, 'calm'),
        ],
      });
      const result = await runCli(['list', '--json', '--config', config]);
      expect(result.code).toBe(2);
      const body = JSON.parse(result.stdout) as {
        sources: { name: string; ok: boolean; error: string | null; errorKind: string | null; elapsedMs: number }[];
      };
      expect(body.sources[0]).toMatchObject({
        name: 'blackhole',
        ok: false,
        errorKind: 'timeout',
        error: expect.stringMatching(/^blackhole: connect timeout/),
      });
      expect(body.sources[0].elapsedMs).toBeGreaterThanOrEqual(495);
      expect(body.sources[0].elapsedMs).toBeLessThan(20_000);
      expect(body.sources[1]).toMatchObject({ name: 'calm-mcrit', ok: true });
    },
  );
});
