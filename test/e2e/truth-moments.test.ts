/**
 * The other three moments of truth in a real terminal (truth.test.ts has stale rows and the
 * confirmation that names the job): the built CLI in a pseudo-terminal against demo servers
 * started by the test, their fault switch and clock moved by the test. Acting on paused data
 * re-checks the marked jobs and sends only what is still true; a detail that could not be fetched
 * says so and shows the list record's log lines; a cancel whose request timed out is unknown and
 * re-checked, never "failed". The servers' request logs say what really reached them.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Vendor } from '../../source/domain/job.js';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { ALTERYX_DEMO_USER, type AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import type { VectorChartsSimulator } from '../../source/demo/vectorcharts-server.js';
import type { RecordedRequest } from '../../source/demo/kit.js';
import { KEYS, startJobtop, type TerminalSession } from '../helpers/terminal.js';

let openFleet: DemoFleet | undefined;
let openSession: TerminalSession | undefined;

afterEach(async () => {
  if (openSession) {
    openSession.kill('SIGKILL');
    await openSession.exited;
    openSession = undefined;
  }
  if (openFleet) {
    for (const server of Object.values(openFleet.servers)) await server.setFault(null);
    await openFleet.close();
    openFleet = undefined;
  }
});

/** A fleet that moves only when the test ticks it, and jobtop watching it every second. */
async function start(vendors: Vendor[], timeout = '2s'): Promise<{ fleet: DemoFleet; session: TerminalSession }> {
  const fleet = (openFleet = await startDemoFleet({ vendors, tickMs: 0, arrivals: false }));
  const home = mkdtempSync(join(tmpdir(), 'jobtop-moments-'));
  const config = join(home, 'config.yaml');
  writeFileSync(config, stringify({ interval: '1s', timeout, sources: fleet.sources }));
  chmodSync(config, 0o600);
  const session = (openSession = startJobtop([`--config=${config}`], {
    cols: 140,
    rows: 40,
    env: { XDG_STATE_HOME: join(home, 'state') },
  }));
  return { fleet, session };
}

const selectedRow = (screen: string) => screen.split('\n').find((line) => line.startsWith('›')) ?? '';
const deletes = (requests: readonly RecordedRequest[]) =>
  requests.filter((request) => request.method === 'DELETE').map((request) => request.path);

/** Filters the list to one id and waits until its row is the selected one (rows show the id's last 5 hex digits). */
async function select(current: TerminalSession, id: string): Promise<void> {
  await current.press('/', '\x15', ...id, KEYS.enter);
  await current.waitForScreen((screen) => selectedRow(screen).includes(id.replace(/-/g, '').slice(-5)));
}

/** Polls until `predicate` holds (an event on the server, not a wall-clock sleep). */
async function until(predicate: () => boolean, explain: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the moments of truth, in a real terminal', () => {
  it('acting on paused data: the dialog says so, re-reads both marked jobs, skips the one that finished and sends one DELETE', async () => {
    const { fleet, session } = await start(['alteryx']);
    const alteryx = fleet.servers.alteryx;
    const simulator = alteryx.simulator as AlteryxSimulator;
    const finishing = simulator.inject({ status: 'Running', runMs: 60_000, submittedBy: ALTERYX_DEMO_USER });
    const waiting = simulator.inject({ status: 'Running', runMs: 36_000_000, submittedBy: ALTERYX_DEMO_USER });
    await session.waitForScreen('✔ demo-alteryx');
    await select(session, finishing.id);
    await session.press('p');
    const paused = await session.waitForScreen('⏸ paused');
    // the health cell says it too, with the mark the rows carry
    expect(paused).toMatch(/demo-alteryx.*⧗ paused \d+s/);
    expect(selectedRow(paused)).toMatch(/^.⧗/);
    // the server moves on while the screen is paused: the first job completes
    fleet.tick(Date.now() + 3_600_000);
    await session.press(KEYS.space);
    await select(session, waiting.id);
    await session.press(KEYS.space);
    await session.waitForScreen('◆ 2 marked');
    alteryx.clearRequests();
    await session.press('c');
    const dialog = await session.waitForScreen('Cancel 1 marked job?');
    expect(dialog).toContain('updates are paused');
    expect(dialog).toContain('re-checked on the server just now');
    expect(dialog).toMatch(/running → cancelled/);
    expect(dialog).toMatch(/(succeeded|failed|cancelled) → nothing to do, skipped/);
    // polling is paused, so every read since is the dialog's re-check; nothing was sent yet
    expect(alteryx.requests.filter((request) => request.method === 'GET').length).toBeGreaterThan(0);
    expect(deletes(alteryx.requests)).toEqual([]);
    await session.press('y');
    await until(
      () => deletes(alteryx.requests).length === 1,
      () => JSON.stringify(deletes(alteryx.requests)),
    );
    await session.waitForScreen(/1 done, 0 failed, 1 skipped/);
    expect(deletes(alteryx.requests)).toEqual([`/webapi/v3/jobs/${waiting.id}`]);
  });

  it("a detail that could not be fetched says so with the reason and shows the list record's log lines, never 'none'", async () => {
    const { fleet, session } = await start(['vectorcharts']);
    const portal = fleet.servers.vectorcharts;
    const at = Date.now() - 30_000;
    const job = (portal.simulator as VectorChartsSimulator).insertJob({
      jobState: 'running',
      jobType: 'render-tiles',
      percentComplete: 40,
      logs: [
        { timestamp: new Date(at).toISOString(), type: 'info', message: 'Queued render-tiles' },
        { timestamp: new Date(at + 1000).toISOString(), type: 'info', message: 'Rendering zoom 4 of 12' },
        { timestamp: new Date(at + 2000).toISOString(), type: 'warning', message: 'Tile 4/8/3 retried' },
      ],
    });
    await session.waitForScreen('✔ demo-vectorcharts');
    await select(session, job.id);
    await portal.setFault('refused');
    portal.clearRequests();
    await session.press(KEYS.enter, '3');
    const messages = await session.waitForScreen('could not fetch messages');
    expect(messages).toMatch(
      /could not fetch messages: connection refused; showing the list record's 3 log lines, \d+s old/,
    );
    for (const line of ['Queued render-tiles', 'Rendering zoom 4 of 12', 'Tile 4/8/3 retried'])
      expect(messages).toContain(line);
    expect(messages).not.toMatch(/reported no messages|No messages/);
    await session.press('2');
    const steps = await session.waitForScreen('could not fetch steps');
    expect(steps).toMatch(/could not fetch steps: connection refused; the list record, \d+s old, has no steps/);
    expect(steps).not.toContain('reported no steps');
    // the refusing server got nothing: what the tabs show is the list record jobtop already held
    expect(portal.requests).toEqual([]);
  });

  it('a cancel whose request timed out is shown as unknown and re-checked, never as failed; one DELETE is sent', async () => {
    const { fleet, session } = await start(['alteryx'], '2s');
    const alteryx = fleet.servers.alteryx;
    const job = (alteryx.simulator as AlteryxSimulator).inject({
      status: 'Running',
      runMs: 36_000_000,
      submittedBy: ALTERYX_DEMO_USER,
    });
    await session.waitForScreen('✔ demo-alteryx');
    await select(session, job.id);
    await session.press('c');
    await session.waitForScreen('Cancel this job?');
    alteryx.clearRequests();
    // why: 'hang' takes the request and never answers: the client's 2 s timeout passes with the outcome unknown.
    await alteryx.setFault('hang');
    await session.press('y');
    await until(
      () => deletes(alteryx.requests).length === 1,
      () => JSON.stringify(alteryx.requests.map((request) => `${request.method} ${request.path}`)),
    );
    const checking = await session.waitForScreen('sent, no answer; checking the job…');
    expect(checking).not.toMatch(/✖ Cancel .* failed/);
    const sentAt = alteryx.requests.find((request) => request.method === 'DELETE')?.at ?? 0;
    await alteryx.setFault(null);
    // the re-reads find the job still running: the outcome stays unknown, said as such
    const settled = await session.waitForScreen('outcome unknown', 30_000);
    expect(settled).toMatch(/\? Cancel demo-alteryx\/.*outcome unknown — sent, no answer \(.*timeout/);
    expect(settled).not.toMatch(/✖ Cancel .* failed/);
    expect(selectedRow(settled)).toContain('? unknown');
    // the history view has the whole outcome: what the re-reads found
    await session.press('H');
    const history = await session.waitForScreen('Action history');
    expect(history).toMatch(
      /cancel demo-alteryx\/.*running → \? unknown \(no answer\) {2}still unknown after \d+ re-reads/,
    );
    expect(deletes(alteryx.requests)).toEqual([`/webapi/v3/jobs/${job.id}`]);
    const rereads = alteryx.requests.filter(
      (request) => request.method === 'GET' && request.at >= sentAt && request.path.includes(job.id),
    );
    expect(rereads.length).toBeGreaterThan(0);
  });
});
