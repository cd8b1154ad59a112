/**
 * The package installs and runs: `npm pack`, then the tarball installed into an empty directory
 * with `--omit=dev`, as a user would get it, and its `jobtop` binary run from there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let scratch = '';
let jobtop = '';

/** Runs the installed `jobtop` with a fresh HOME (so no config file is found). */
function runJobtop(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: join(scratch, 'home'),
    XDG_CONFIG_HOME: join(scratch, 'home/.config'),
    NO_COLOR: '1',
  };
  return run(jobtop, args, { cwd: scratch, env, maxBuffer: 64 * 1024 * 1024 });
}

describe('the packed tarball', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'jobtop-pack-'));
    // why: `npm test` has just built dist/; --ignore-scripts skips prepack's second build.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
      cwd: ROOT,
    });
    const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
    const app = join(scratch, 'app');
    await run('mkdir', ['-p', app, join(scratch, 'home')]);
    // why: --prefer-offline uses npm's cache when it holds the dependencies; the registry otherwise.
    await run(
      'npm',
      [
        'install',
        '--omit=dev',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        join(scratch, filename),
      ],
      { cwd: app },
    );
    jobtop = join(app, 'node_modules/.bin/jobtop');
  }, 300_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('holds only the built CLI, package.json and the README', async () => {
    const listed = await run('tar', ['-tzf', join(scratch, `jobtop-${VERSION}.tgz`)]);
    const files = listed.stdout.trim().split('\n');
    expect(files).toContain('package/dist/cli.js');
    expect(files).toContain('package/dist/jobtop');
    expect(files).toContain('package/package.json');
    expect(files.filter((file) => !/^package\/(dist\/|package\.json$|README\.md$|LICENSE)/.test(file))).toEqual([]);
  });

  it('links the jobtop command to the launcher, which runs the cli.js beside it', async () => {
    expect(realpathSync(jobtop)).toBe(realpathSync(join(scratch, 'app/node_modules/jobtop/dist/jobtop')));
  });

  it('jobtop --version prints the version', async () => {
    expect((await runJobtop(['--version'])).stdout).toBe(`${VERSION}\n`);
  });

  it('jobtop --help prints the usage', async () => {
    const { stdout } = await runJobtop(['--help']);
    expect(stdout).toMatch(new RegExp(`^jobtop ${VERSION.replaceAll('.', '\\.')} — `));
    expect(stdout).toContain('jobtop list');
  });

  it('jobtop --demo list --json lists the demo fleet’s jobs', async () => {
    const { stdout } = await runJobtop(['--demo', 'list', '--json']);
    const { jobs } = JSON.parse(stdout) as { jobs: { key: string; source: string }[] };
    expect(jobs.length).toBeGreaterThan(10);
    expect(new Set(jobs.map((job) => job.source))).toEqual(
      new Set([
        'demo-vectorcharts',
        'demo-osapi',
        'demo-vectara',
        'demo-mcrit',
        'demo-alteryx',
        'demo-legacy-vectorcharts',
      ]),
    );
  });
});
