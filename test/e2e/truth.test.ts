/**
 * The truth at the moment of decision in a real terminal: the built CLI in a pseudo-terminal
 * monitoring demo servers started by the test. A refusing source's rows turn stale (⧗, the
 * data's age); a queued Alteryx job's cancel (a delete) is re-checked and asks for the token
 * that names it; the history view (with an earlier session's entry) and file record what was done. The servers' request logs
 * say what really reached them.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
let state: string;

beforeEach(async () => {
  fleet = await startDemoFleet({ vendors: ['osapi', 'alteryx'] });
  const home = mkdtempSync(join(tmpdir(), 'jobtop-truth-'));
  config = join(home, 'config.yaml');
  state = join(home, 'state');
  writeFileSync(config, stringify({ interval: '1s', timeout: '2s', sources: fleet.sources }));
  chmodSync(config, 0o600);
});
afterEach(async () => {
  if (session) {
    session.kill('SIGKILL');
    await session.exited;
    session = undefined;
  }
  await fleet.servers.alteryx.setFault(null);
  await fleet.close();
});

const selectedRow = (screen: string) => screen.split('\n').find((line) => line.startsWith('›')) ?? '';
const rowsOf = (screen: string, source: string) =>
  screen.split('\n').filter((line) => /^[ ›]/.test(line) && line.includes(`${source} `));

describe('the truth at the moment of decision, in a real terminal', () => {
  it('marks the rows of a source refusing connections ⧗ with the data age, and only those', async () => {
    session = startJobtop([`--config=${config}`], { cols: 140, rows: 40, env: { XDG_STATE_HOME: state } });
    await session.waitForScreen('✔ demo-alteryx');
    await fleet.servers.alteryx.setFault('refused');
    const screen = await session.waitForScreen(
      (text) =>
        rowsOf(text, 'demo-alteryx').length > 0 && rowsOf(text, 'demo-alteryx').every((line) => /^.⧗/.test(line)),
      15_000,
    );
    expect(screen).toMatch(/demo-alteryx.*connection refused ⧗ stale/);
    for (const line of rowsOf(screen, 'demo-alteryx')) expect(line).toMatch(/⧗ ?\d/);
    for (const line of rowsOf(screen, 'demo-osapi')) expect(line).not.toContain('⧗');
  });

  it('re-checks a queued Alteryx job, asks for the token that names it, sends one DELETE and records it', async () => {
    const queued = (fleet.servers.alteryx.simulator as AlteryxSimulator).inject({
      status: 'Queued',
      submittedBy: ALTERYX_DEMO_USER,
      workflowName: 'Queued Ledger.yxmd',
    });
    // an earlier session's action, already in the history file
    mkdirSync(join(state, 'jobtop'), { recursive: true });
    writeFileSync(
      join(state, 'jobtop', 'history.jsonl'),
      `${JSON.stringify({ at: '2001-02-03T04:05:06.000Z', settledAt: null, who: 'bob', via: 'cli', action: 'delete', key: 'demo-osapi/earlier-7', source: 'demo-osapi', vendor: 'osapi', jobType: 'node.exec', stateBefore: 'failed', request: 'DELETE /jobs/earlier-7', httpStatus: 200, outcome: 'done', effect: 'deleted', message: null, note: null })}\n`,
      { mode: 0o600 },
    );
    session = startJobtop([`--config=${config}`], { cols: 140, rows: 40, env: { XDG_STATE_HOME: state } });
    await session.waitForScreen('✔ demo-alteryx');
    await session.press('/', ...queued.id, KEYS.enter);
    await session.waitForScreen((screen) => selectedRow(screen).includes(queued.id.slice(-5)));
    fleet.servers.alteryx.clearRequests();
    await session.press('c');
    const dialog = await session.waitForScreen('Cancel this job?');
    expect(dialog).toContain('re-checked on the server just now');
    expect(dialog).toMatch(/queued → deleted/);
    const token = /Type (\S+) and Enter to cancel this job/.exec(dialog)?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(4);
    expect(queued.id.endsWith(token)).toBe(true);
    expect(token).not.toBe(queued.id.slice(0, 4));
    // the re-check read the job before anything was sent
    expect(
      fleet.servers.alteryx.requests.some((request) => request.method === 'GET' && request.path.includes(queued.id)),
    ).toBe(true);
    expect(fleet.servers.alteryx.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
    await session.press(...token, KEYS.enter);
    await session.waitForScreen('Deleted Successfully.');
    expect(
      fleet.servers.alteryx.requests.filter((request) => request.method === 'DELETE').map((request) => request.path),
    ).toEqual([`/webapi/v3/jobs/${queued.id}`]);
    await session.press('H');
    const history = await session.waitForScreen('── earlier sessions and other jobtop runs');
    expect(history).toContain('Action history · 1 this session · 1 earlier');
    expect(history).toMatch(/cancel demo-alteryx\/.*queued → ✔ deleted/);
    expect(history).toMatch(/2001-02-03 04:05:06Z delete demo-osapi\/earlier-7 .*failed → ✔ deleted .*bob, cli/);
    const rows = history.split('\n');
    const row = (text: string) => rows.findIndex((line) => line.includes(text));
    expect(row('cancel demo-alteryx/')).toBeLessThan(row('earlier sessions'));
    expect(row('earlier sessions')).toBeLessThan(row('demo-osapi/earlier-7'));
    const file = join(state, 'jobtop', 'history.jsonl');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '')).toMatchObject({
      via: 'monitor',
      action: 'cancel',
      key: `demo-alteryx/${queued.id}`,
      outcome: 'done',
      effect: 'deleted',
      request: `DELETE /v3/jobs/${queued.id}`,
    });
  });
});
