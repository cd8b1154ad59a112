/**
 * Acting on a job as a person does (docs/keys.md, "Actions"): the built CLI in a real
 * pseudo-terminal, monitoring an Alteryx demo server started by the test through a config
 * file. Select a running job, `c`, `y`, and see it cancelled; with --readonly see it refused.
 * The server's request log says what really reached it.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { ALTERYX_DEMO_USER, type AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import { KEYS, startJobtop, type TerminalSession } from '../helpers/terminal.js';

let fleet: DemoFleet;
let session: TerminalSession | undefined;
let config: string;
let jobId: string;

beforeEach(async () => {
  fleet = await startDemoFleet({ vendors: ['alteryx'] });
  const job = (fleet.servers.alteryx.simulator as AlteryxSimulator).inject({
    status: 'Running',
    runMs: 3_600_000,
    submittedBy: ALTERYX_DEMO_USER,
    workflowName: 'Nightly Ledger.yxmd',
  });
  jobId = job.id;
  config = join(mkdtempSync(join(tmpdir(), 'jobtop-actions-')), 'config.yaml');
  writeFileSync(config, stringify({ interval: '1s', sources: fleet.sources }));
  chmodSync(config, 0o600);
});
afterEach(async () => {
  if (session) {
    session.kill('SIGKILL');
    await session.exited;
    session = undefined;
  }
  await fleet.close();
});

const deletes = () => fleet.servers.alteryx.requests.filter((request) => request.method === 'DELETE');
const footer = (current: TerminalSession) =>
  current
    .screen()
    .filter((line) => line.trim() !== '')
    .at(-1) ?? '';
const selectedRow = (screen: string) => screen.split('\n').find((line) => line.startsWith('›')) ?? '';

/** Filters the list down to the injected job and waits until it is the selected, running row. */
async function selectInjectedJob(current: TerminalSession): Promise<void> {
  await current.waitForScreen('✔ demo-alteryx');
  await current.press('/', ...jobId.split(''), KEYS.enter);
  await current.waitForScreen(
    (screen) =>
      (selectedRow(screen).includes(`${jobId.slice(0, 4)}…${jobId.slice(-5)}`) ||
        selectedRow(screen).includes(jobId)) &&
      selectedRow(screen).includes('● running'),
  );
}

describe('acting on a job in a real terminal', () => {
  it('select a running job, c, y: one DELETE reaches the server and the row becomes cancelled', async () => {
    session = startJobtop([`--config=${config}`], { cols: 120, rows: 30 });
    await selectInjectedJob(session);
    expect(footer(session)).toContain('c cancel');
    await session.press('c');
    const dialog = await session.waitForScreen('Cancel this job?');
    expect(dialog).toContain(`Job      ${jobId}`);
    expect(dialog).toContain('Effect   the running job is cancelled');
    expect(deletes()).toEqual([]);
    await session.press('y');
    const done = await session.waitForScreen((screen) => selectedRow(screen).includes('⊘ cancelled'));
    expect(done).not.toContain('Cancel this job?');
    expect(deletes().map((request) => [request.method, request.path])).toEqual([
      ['DELETE', `/webapi/v3/jobs/${jobId}`],
    ]);
    expect(deletes()[0].headers.authorization).toMatch(/^Bearer \S+$/);
  });

  it('with --readonly the same keys are refused and no DELETE reaches the server', async () => {
    session = startJobtop([`--config=${config}`, '--readonly'], { cols: 120, rows: 30 });
    await selectInjectedJob(session);
    const screen = session.screen();
    expect(screen[0]).toContain('READ-ONLY');
    expect(footer(session)).toContain('read-only: no actions');
    expect(footer(session)).not.toContain('c cancel');
    await session.press('c');
    await session.waitForScreen('read-only: actions are off and nothing is sent');
    await session.press('y');
    await session.waitForScreen('copied');
    expect(session.screen().join('\n')).not.toContain('Cancel this job?');
    expect(selectedRow(session.screen().join('\n'))).toContain('● running');
    expect(deletes()).toEqual([]);
  });
});
