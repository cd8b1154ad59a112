/**
 * `--demo` starts the demo fleet's worker before the CLI is loaded (source/main.ts); the command
 * that opens the demo fleet takes that fleet instead of starting a second one, and a fleet no
 * command takes is closed. The worker itself is replaced by the in-process fleet, counted.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import type { DemoFleetHandle } from '../../source/demo/fleet-worker.js';

const started = vi.hoisted(() => ({ handles: [] as (DemoFleetHandle & { closed: boolean })[], fail: false }));

vi.mock('../../source/demo/fleet-worker.js', async () => {
  const { startDemoFleet } = await import('../../source/demo/fleet.js');
  return {
    async startDemoFleetInWorker(): Promise<DemoFleetHandle> {
      if (started.fail) throw new Error('the demo fleet did not start');
      const fleet = await startDemoFleet({ tickMs: 0, seed: 3 });
      const handle = {
        sources: fleet.sources,
        closed: false,
        async close() {
          handle.closed = true;
          await fleet.close();
        },
      };
      started.handles.push(handle);
      return handle;
    },
  };
});

const { openFromFlags } = await import('../../source/commands/shared/open-sources.js');
const { UNTAKEN_FLEET_MS, prestartDemoFleet, takePrestartedDemoFleet, wantsDemoFleet } =
  await import('../../source/demo/prestart.js');

afterEach(async () => {
  vi.useRealTimers();
  await takePrestartedDemoFleet()?.then(
    (fleet) => fleet.close(),
    () => undefined,
  );
  await Promise.all(started.handles.splice(0).map((handle) => handle.close()));
  started.fail = false;
});

describe('the demo fleet started before the CLI loads', () => {
  it.each([
    [['--demo'], true],
    [['list', '--demo', '--json'], true],
    [['--demo', '--bell'], true],
    [[], false],
    [['list'], false],
    [['--demo', '--help'], false],
    [['list', '-h', '--demo'], false],
    [['get', '--', '--demo'], false],
  ])('jobtop %j starts it early: %s', (argv, wanted) => {
    expect(wantsDemoFleet(argv)).toBe(wanted);
  });

  it('is the fleet --demo opens: no second fleet is started', async () => {
    prestartDemoFleet();
    const opened = await openFromFlags({ demo: true }, { demoWhenMissing: true, oneShot: true });
    expect(started.handles).toHaveLength(1);
    expect(opened.fleet).toBe(started.handles[0]);
    expect(opened.sources.length).toBeGreaterThan(0);
    await opened.close();
    expect(started.handles[0].closed).toBe(true);
  });

  it('monitors every source of the fleet, as the fleet describes it (its config goes through the config parser)', async () => {
    prestartDemoFleet();
    const opened = await openFromFlags({ demo: true }, { demoWhenMissing: true, oneShot: true });
    const fleet = started.handles[0];
    expect(opened.config.sources.map((source) => [source.spec.name, source.spec.type, source.spec.url])).toEqual(
      fleet.sources.map((source) => [source.name, source.type, source.url]),
    );
    expect(opened.config.path).toBeNull();
    await opened.close();
  });

  it('is closed when the command opens a config file instead', async () => {
    prestartDemoFleet();
    await vi.waitFor(() => expect(started.handles).toHaveLength(1));
    const directory = mkdtempSync(join(tmpdir(), 'jobtop-prestart-'));
    const path = join(directory, 'config.yaml');
    writeFileSync(path, stringify({ sources: started.handles[0].sources }), { mode: 0o600 });
    const opened = await openFromFlags({ config: path }, { demoWhenMissing: false, oneShot: true });
    expect(opened.fleet).toBeNull();
    await vi.waitFor(() => expect(started.handles[0].closed).toBe(true));
    await opened.close();
  });

  it('is closed when no command takes it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    prestartDemoFleet();
    await vi.waitFor(() => expect(started.handles).toHaveLength(1));
    expect(started.handles[0].closed).toBe(false);
    vi.advanceTimersByTime(UNTAKEN_FLEET_MS);
    await vi.waitFor(() => expect(started.handles[0].closed).toBe(true));
    expect(takePrestartedDemoFleet()).toBeUndefined();
  });

  it('hands a failure to the command that takes it, not to an unhandled rejection', async () => {
    started.fail = true;
    prestartDemoFleet();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(openFromFlags({ demo: true }, { demoWhenMissing: true, oneShot: true })).rejects.toThrow(
      'the demo fleet did not start',
    );
  });
});
