/**
 * `jobtop list` filters, order, limit and formats, run as the built CLI (a child process, and
 * in a real pseudo-terminal for the width-fitted table) against a demo fleet whose clock stands
 * still, so every run sees the same jobs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import type { AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import { displayWidth } from '../../source/domain/text-width.js';
import { runCli } from '../helpers/run-cli.js';
import { startJobtop } from '../helpers/terminal.js';

interface JsonJob {
  key: string;
  source: string;
  id: string;
  type: string;
  state: string;
  nativeState: string;
  createdAt: string | null;
  priority: { rank: string | null; value: number | null; label: string | null };
}

const writeConfig = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'jobtop-list-')), 'config.yaml');
  writeFileSync(path, typeof content === 'string' ? content : stringify(content), { mode: 0o600 });
  return path;
};

const HOSTILE_TYPE = 'Evil\tname\nsecond line \x1b[31mred\x1b]0;pwned\x07 \u202Eabc';

describe('jobtop list (scripting)', () => {
  const now = Date.now();
  let fleet: DemoFleet;
  let config: string;
  let all: JsonJob[];

  beforeAll(async () => {
    fleet = await startDemoFleet({ vendors: ['osapi', 'mcrit', 'alteryx'], now: () => now, tickMs: 0 });
    (fleet.servers.alteryx.simulator as AlteryxSimulator).inject({
      status: 'Running',
      workflowName: HOSTILE_TYPE,
      submittedBy: 'Priya Raman',
    });
    config = writeConfig({ sources: fleet.sources });
    const result = await runCli(['list', '--json', '--config', config]);
    all = (JSON.parse(result.stdout) as { jobs: JsonJob[] }).jobs;
  });
  afterAll(() => fleet.close());
  beforeEach(() => {
    for (const server of Object.values(fleet.servers)) server.clearRequests();
  });

  const keysOf = async (args: string[]) => {
    const result = await runCli(['list', '--format', 'ids', '--config', config, ...args]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result.stdout.trimEnd().split('\n').filter(Boolean);
  };

  it('polls only the sources named by --source and prints only their jobs', async () => {
    const keys = await keysOf(['--source', 'demo-mcrit']);
    expect(new Set(keys)).toEqual(new Set(all.filter((job) => job.source === 'demo-mcrit').map((job) => job.key)));
    expect(fleet.servers.mcrit.requests.length).toBeGreaterThan(0);
    expect(fleet.servers.osapi.requests).toEqual([]);
    expect(fleet.servers.alteryx.requests).toEqual([]);
    const two = await keysOf(['--source', 'demo-mcrit,demo-osapi']);
    expect(new Set(two)).toEqual(new Set(all.filter((job) => job.source !== 'demo-alteryx').map((job) => job.key)));
  });

  it('filters by normalized state, by native state, and by several of either', async () => {
    const failed = await keysOf(['--state', 'failed,partial']);
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed)).toEqual(
      new Set(all.filter((job) => job.state === 'failed' || job.state === 'partial').map((job) => job.key)),
    );
    const queuedNative = await keysOf(['--state', 'native:Queued']);
    expect(queuedNative.length).toBeGreaterThan(0);
    expect(new Set(queuedNative)).toEqual(
      new Set(all.filter((job) => job.nativeState.toLowerCase() === 'queued').map((job) => job.key)),
    );
    expect(queuedNative.length).toBeLessThan(all.filter((job) => job.state === 'queued').length);
    const partialFailure = await keysOf(['--state', 'partial_failure']);
    expect(new Set(partialFailure)).toEqual(
      new Set(all.filter((job) => job.nativeState === 'partial_failure').map((job) => job.key)),
    );
    const active = await keysOf(['--state', 'active']);
    expect(new Set(active)).toEqual(
      new Set(all.filter((job) => job.state === 'queued' || job.state === 'running').map((job) => job.key)),
    );
  });

  it('filters by type, exactly or with a * pattern, case-insensitively', async () => {
    const some = all.find((job) => job.source === 'demo-osapi')!;
    expect(new Set(await keysOf(['--type', some.type.toUpperCase()]))).toEqual(
      new Set(all.filter((job) => job.type === some.type).map((job) => job.key)),
    );
    const prefix = some.type.split('.')[0];
    const matching = all
      .filter((job) => job.type.toLowerCase().startsWith(`${prefix.toLowerCase()}.`))
      .map((job) => job.key);
    expect(new Set(await keysOf(['--type', `${prefix}.*`]))).toEqual(new Set(matching));
  });

  it('keeps only jobs created since an ISO time or a duration ago', async () => {
    const times = all.map((job) => Date.parse(job.createdAt!)).sort((a, b) => a - b);
    const cut = new Date(times[Math.floor(times.length / 2)]).toISOString();
    expect(new Set(await keysOf(['--since', cut]))).toEqual(
      new Set(all.filter((job) => job.createdAt! >= cut).map((job) => job.key)),
    );
    const recent = await keysOf(['--since', '20m']);
    // why: the CLI's clock runs a few seconds past the fleet's frozen one; compare away from the edge.
    expect(recent).toEqual(
      expect.arrayContaining(all.filter((job) => Date.parse(job.createdAt!) > now - 19 * 60_000).map((job) => job.key)),
    );
    for (const key of recent)
      expect(Date.parse(all.find((job) => job.key === key)!.createdAt!)).toBeGreaterThan(now - 21 * 60_000);
    expect(recent.length).toBeLessThan(all.length);
  });

  it('sorts ascending by a field, descending with a leading - or --reverse, and cuts after sorting with --limit', async () => {
    const byCreated = [...all].sort((a, b) => a.createdAt!.localeCompare(b.createdAt!) || a.key.localeCompare(b.key));
    const oldest = await runCli(['list', '--format', 'tsv', '--sort', 'created', '--limit', '5', '--config', config]);
    const created = oldest.stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[8]);
    expect(created).toEqual(byCreated.slice(0, 5).map((job) => job.createdAt));
    const newest = await keysOf(['--sort=-created', '--limit', '3']);
    const reversed = await keysOf(['--sort', 'created', '--reverse', '--limit', '3']);
    expect(newest).toEqual(reversed);
    expect(newest.map((key) => all.find((job) => job.key === key)!.createdAt)).toEqual(
      [...all.map((job) => job.createdAt!)].sort().reverse().slice(0, 3),
    );
    const byPriority = await keysOf(['--sort=-priority', '--source', 'demo-alteryx']);
    // why: sorted on the normalized rank (docs/vendors.md "Priority"), never on raw vendor numbers.
    const ranks = ['low', 'normal', 'high', 'urgent'];
    const values = byPriority.map((key) => ranks.indexOf(all.find((job) => job.key === key)!.priority.rank ?? ''));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(await keysOf(['--state', 'succeeded', '--limit', '2'])).toHaveLength(2);
  });

  it('prints TSV with a header line and one sanitized record per line', async () => {
    const result = await runCli(['list', '--format', 'tsv', '--config', config]);
    expect(result.code).toBe(0);
    const lines = result.stdout.replace(/\n$/, '').split('\n');
    expect(lines[0]).toBe(
      'key\tsource\tid\tstate\tnative_state\ttype\tpriority\tprogress\tcreated\tstarted\tfinished\tupdated\towner\thost\terror',
    );
    expect(lines).toHaveLength(all.length + 1);
    for (const line of lines) expect(line.split('\t')).toHaveLength(15);
    expect(result.stdout).not.toMatch(/[\x1b\x07\u202E]/);
    const evil = lines.find((line) => line.includes('Evil'))!.split('\t');
    expect(evil[5]).toBe('Evil name↵second line red ⇄abc');
  });

  it('prints an aligned, sanitized table whose columns start at the same place on every line', async () => {
    const result = await runCli(['list', '--config', config]);
    const lines = result.stdout.trimEnd().split('\n');
    expect(result.stdout).not.toMatch(/[\x1b\x07\u202E]/);
    const idColumn = lines[0].indexOf('ID');
    for (const line of lines.slice(1)) {
      const key = all.find((job) => line.includes(job.id))!;
      // Column positions are counted in cells: the hostile type holds no wide characters, so cells = characters here.
      expect(line.indexOf(key.id)).toBe(idColumn);
    }
  });

  it('fits the table to the terminal width, giving way column by column', async () => {
    for (const cols of [120, 80, 50]) {
      const session = startJobtop(['list', '--config', config], { cols, rows: 200 });
      expect((await session.exited).exitCode).toBe(0);
      const screen = (await session.waitForScreen('STATE')).split('\n').filter((line) => line.trim() !== '');
      expect(screen[0]).toMatch(/^STATE\s+SOURCE\s+TYPE\s+ID/);
      for (const line of screen) expect(displayWidth(line)).toBeLessThanOrEqual(cols);
      if (cols === 50) expect(screen[0]).not.toContain('CREATED');
      if (cols === 120) expect(screen[0]).toContain('CREATED');
    }
  });

  it('prints the list once when jobtop runs without a subcommand and stdout is not a terminal', async () => {
    const table = await runCli([], { JOBTOP_CONFIG: config });
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^STATE\s+SOURCE\s+TYPE\s+ID\s+PRIO\s+PROG\s+CREATED$/);
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(all.length + 1);
    const json = await runCli(['--json'], { JOBTOP_CONFIG: config });
    expect((JSON.parse(json.stdout) as { jobs: unknown[] }).jobs).toHaveLength(all.length);
  });

  it('exits 2 with the failing source on stderr and the other sources’ jobs in the table', async () => {
    const broken = writeConfig({
      sources: [...fleet.sources, { name: 'nobody-home', type: 'mcrit', url: 'http://127.0.0.1:9' }],
    });
    const result = await runCli(['list', '--format', 'tsv', '--config', broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^jobtop: nobody-home: connection refused/m);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(all.length + 1);
  });

  it("filters with --query/-q in the monitor's query language: alternatives, globs, negation, priority", async () => {
    const failed = all.filter((job) => job.state === 'failed' || job.state === 'partial').map((job) => job.key);
    expect(failed.length).toBeGreaterThan(0);
    expect(await keysOf(['--query', 'state:failed,partial'])).toEqual(expect.arrayContaining(failed));
    expect((await keysOf(['-q', 'state:failed,partial'])).length).toBe(failed.length);
    const notOsapi = all.filter((job) => job.source !== 'demo-osapi').map((job) => job.key);
    expect((await keysOf(['--query=-source:demo-osapi'])).sort()).toEqual(notOsapi.sort());
    const mcrit = all.filter((job) => job.source.startsWith('demo-mc')).length;
    expect(await keysOf(['-q', 'source:demo-mc*'])).toHaveLength(mcrit);
  });

  it('carries triage flags and the usual run time in --json', async () => {
    const result = await runCli(['list', '--json', '--config', config]);
    const jobs = (
      JSON.parse(result.stdout) as {
        jobs: { state: string; triage: { flags: string[]; expectedDurationMs: number | null } }[];
      }
    ).jobs;
    for (const job of jobs) expect(Array.isArray(job.triage.flags)).toBe(true);
    expect(jobs.some((job) => job.triage.expectedDurationMs !== null)).toBe(true);
  });

  it('points at the column of a --query that does not parse', async () => {
    const result = await runCli(['list', '--config', config, '-q', 'state:failed sate:x']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('jobtop: --query: column 14: unknown field "sate"');
    expect(result.stderr).toContain('  state:failed sate:x\n               ^');
  });

  it('warns about a --state that is no state at all, and still answers', async () => {
    const result = await runCli(['list', '--state', 'faild', '--config', config]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^STATE\s+SOURCE\s+TYPE\s+ID\s+PRIO\s+PROG\s+CREATED\n$/);
    expect(result.stderr).toContain('jobtop: warning: --state faild is not a normalized state');
  });

  it.each([
    [['--source', 'nope'], '--source nope: no such source (sources: demo-osapi, demo-mcrit, demo-alteryx)'],
    [['--since', 'yesterday'], '--since expects a duration (30m, 2h, 1d) or an ISO date/time'],
    [['--limit', '0'], '--limit expects a whole number of jobs (1 or more), got "0"'],
    [['--sort', 'age'], '--sort expects one of state, priority, created, updated, source, type'],
    [['--format', 'xml'], '--format expects one of table, tsv, json, ids, got "xml"'],
    [['--raw'], '--raw goes with --format json'],
    [['--json', '--format', 'tsv'], '--json and --format tsv exclude each other'],
    [['extra'], 'list takes no arguments'],
  ])('exits 1 naming the flag for %j', async (args, message) => {
    const result = await runCli(['list', '--config', config, ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`jobtop: ${message}`);
    expect(result.stdout).toBe('');
  });
});
