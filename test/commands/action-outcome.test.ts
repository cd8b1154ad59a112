/**
 * An action whose answer was lost, from the command line: `jobtop delete` against the OSAPI
 * demo simulator behind a relay that forwards the DELETE (the simulator carries it out) and
 * then never answers. The outcome is unknown, not failed; the command re-reads the job, finds
 * it gone, reports it deleted and writes the history; `jobtop history` prints it.
 */
import { mkdtempSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import type { OsapiSimulator } from '../../source/demo/osapi-server.js';
import type { RunningDemoServer } from '../../source/demo/kit.js';
import { EXIT_CODES } from '../../source/commands/shared/exit-codes.js';
import { startStubServer, pathWithQuery } from '../helpers/stub-server.js';
import { runCli } from '../helpers/run-cli.js';

describe('an action whose answer is lost', () => {
  let fleet: DemoFleet;
  let relay: RunningDemoServer;
  const answerDeletes = false;
  let state: string;
  let config: string;

  beforeAll(async () => {
    fleet = await startDemoFleet({ vendors: ['osapi'], tickMs: 0, arrivals: false });
    const upstream = fleet.servers.osapi.url.replace(/\/$/, '');
    relay = await startStubServer(async (request) => {
      const origin = new URL(upstream).origin;
      const response = await fetch(`${origin}${pathWithQuery(request)}`, {
        method: request.method,
        headers: { authorization: String(request.headers.authorization ?? ''), 'content-type': 'application/json' },
        body: request.method === 'GET' ? undefined : request.body || undefined,
      });
      const text = await response.text();
      // why: the simulator has carried out the DELETE; its answer never comes back (a lost connection, a proxy timeout).
      if (request.method === 'DELETE' && !answerDeletes) return new Promise(() => undefined);
      return { status: response.status, text, contentType: response.headers.get('content-type') ?? 'application/json' };
    });
    const entry = fleet.sources[0];
    const url = String(entry.url).replace(new URL(upstream).origin, new URL(relay.url).origin);
    const home = mkdtempSync(join(tmpdir(), 'jobtop-outcome-'));
    state = join(home, 'state');
    config = join(home, 'config.yaml');
    writeFileSync(config, stringify({ timeout: '1s', sources: [{ ...entry, url }] }), { mode: 0o600 });
  });
  afterAll(async () => {
    await relay.close();
    await fleet.close();
  });

  it('reports the delete as confirmed by a re-read, exit 0, and records it in the history (0600, no token)', async () => {
    const id = (fleet.servers.osapi.simulator as OsapiSimulator).inject({
      agents: [{ host: 'web-01', outcome: 'failed', error: 'exit status 1' }],
    });
    const result = await runCli(['delete', `demo-osapi/${id}`, '--yes', '--config', config], {
      XDG_STATE_HOME: state,
      JOBTOP_UNKNOWN_CHECKS: '20,100',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`demo-osapi/${id} deleted: delete sent, no answer; checking… → job is gone (deleted)\n`);
    expect(result.code).toBe(EXIT_CODES.ok);
    expect(
      fleet.servers.osapi.requests.filter((request) => request.method === 'DELETE').map((request) => request.path),
    ).toEqual([`/api/job/${id}`]);
    const file = join(state, 'jobtop', 'history.jsonl');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(String((fleet.sources[0] as { token?: string }).token));
    const entry = JSON.parse(text.trim().split('\n').at(-1)!);
    expect(entry).toMatchObject({
      via: 'cli',
      action: 'delete',
      key: `demo-osapi/${id}`,
      stateBefore: 'failed',
      request: `DELETE /job/${id}`,
      outcome: 'done',
      effect: 'deleted',
    });
    const history = await runCli(['history'], { XDG_STATE_HOME: state });
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(`delete demo-osapi/${id}  failed → done deleted  DELETE /job/${id}`);
  });

  it('exits 10 and says the outcome is unknown when the re-reads cannot tell', async () => {
    const id = (fleet.servers.osapi.simulator as OsapiSimulator).inject({
      agents: [{ host: 'web-01', outcome: 'failed', error: 'exit status 1' }],
    });
    // why: no re-reads allowed (0 attempts): nothing can tell whether the lost DELETE happened.
    const json = await runCli(['delete', `demo-osapi/${id}`, '--yes', '--json', '--config', config], {
      XDG_STATE_HOME: state,
      JOBTOP_UNKNOWN_CHECKS: '0,0',
    });
    expect(json.code).toBe(EXIT_CODES.outcomeUnknown);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({
      key: `demo-osapi/${id}`,
      ok: null,
      outcome: 'unknown',
      sent: true,
    });
    expect(json.stderr).toContain(`demo-osapi/${id}: outcome unknown: delete sent, no answer`);
  });
});
