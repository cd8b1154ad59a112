/**
 * The cockpit end to end: the built CLI in a real pseudo-terminal against the demo fleet,
 * one source faulted: a query narrows the list, the sources screen shows the faulted source's
 * full error, and a job running longer than usual is flagged slow (with a low percentile set in
 * the config's triage: so the seeded demo has one at once).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { KEYS, startJobtop, type TerminalSession } from '../helpers/terminal.js';

const ROW = /^[›*!◆ ]{2,3}[●◌✔✖⊘◐?] (running|queued|succeeded|failed|cancelled|partial|unknown)\s/;

describe('the cockpit in a real terminal', () => {
  let fleet: DemoFleet;
  let config: string;
  let session: TerminalSession | undefined;

  beforeAll(async () => {
    fleet = await startDemoFleet();
    await fleet.servers.alteryx.setFault('500');
    config = join(mkdtempSync(join(tmpdir(), 'jobtop-cockpit-')), 'config.yaml');
    writeFileSync(
      config,
      stringify({
        sources: fleet.sources,
        triage: { percentile: 0.1, minSamples: 3 },
        views: { active: 'state:running,queued' },
      }),
      { mode: 0o600 },
    );
  });
  afterAll(() => fleet.close());
  afterEach(async () => {
    if (session) {
      session.kill('SIGKILL');
      await session.exited;
      session = undefined;
    }
  });

  const rows = (screen: string) => screen.split('\n').filter((line) => ROW.test(line));

  it('narrows the list with a query and shows it in the header', async () => {
    session = startJobtop(['--config', config], { cols: 120, rows: 40 });
    await session.waitForScreen((screen) => rows(screen).length > 10);
    await session.press('/', ...'source:demo-mcrit,demo-osapi -state:succeeded'.split(''), KEYS.enter);
    const screen = await session.waitForScreen(
      (text) =>
        // why: at 120 columns the title also says "showing N of M" (the legacy VectorCharts source keeps
        // 8 of its jobs), so the end of a long query may be cut.
        text.includes('filter /source:demo-mcrit,demo-osapi -state:') &&
        rows(text).length > 0 &&
        rows(text).every((line) => /demo-(mcrit|osapi)/.test(line)),
    );
    expect(rows(screen).some((line) => /✔ succeeded/.test(line))).toBe(false);
  });

  it('shows the faulted source with its full error on the sources screen', async () => {
    session = startJobtop(['--config', config], { cols: 100, rows: 40 });
    await session.waitForScreen((screen) => /✖ demo-alteryx/.test(screen));
    await session.press('S');
    const screen = await session.waitForScreen(
      (text) => text.includes('jobtop sources') && /error: .*500/.test(text) && text.includes('failures in a row'),
    );
    const flat = screen.replace(/\s+/g, ' ');
    expect(flat).toMatch(/demo-alteryx Alteryx ✖ FAILING/);
    expect(flat).toMatch(/1 failing/);
    expect(flat).toMatch(/error: demo-alteryx: .*500/);
  });

  it('flags a job running longer than its source and type usually take', async () => {
    session = startJobtop(['--config', config], { cols: 120, rows: 40 });
    await session.waitForScreen((screen) => rows(screen).length > 10);
    await session.press(':', ...'filter flag:slow'.split(''), KEYS.enter);
    await session.waitForScreen(
      (text) =>
        text.includes('filter /flag:slow') &&
        rows(text).length > 0 &&
        rows(text).every((line) => /● running/.test(line)),
    );
    await session.press(KEYS.enter);
    await session.waitForScreen((text) => /Flags\s+slow: running \S+, usually ≤ \S+/.test(text));
  });
});
