import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../source/config/load-config.js';
import { runCli } from '../helpers/run-cli.js';
import { temporaryDirectory } from '../config/config-fixtures.js';

const PLACEHOLDERS = {
  VECTORCHARTS_TOKEN: 'vc-placeholder',
  OSAPI_TOKEN: 'a.b.c',
  VECTARA_API_KEY: 'zut_placeholder',
  ALTERYX_CLIENT_SECRET: 'alteryx-placeholder',
};
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('jobtop init', () => {
  it('writes the starter config to $XDG_CONFIG_HOME/jobtop/config.yaml with mode 600, creating the directory', async () => {
    const xdg = join(temporaryDirectory(), 'xdg');
    const result = await runCli(['init'], { XDG_CONFIG_HOME: xdg });
    const path = join(xdg, 'jobtop', 'config.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Wrote ${path} (mode 600).\nIt reads these environment variables: VECTORCHARTS_TOKEN, OSAPI_TOKEN, VECTARA_API_KEY, ALTERYX_CLIENT_SECRET.\nKeep the sources you use, set their url and credentials, then run: jobtop check\n`,
    );
    expect(modeOf(path)).toBe('600');
    expect(modeOf(join(xdg, 'jobtop'))).toBe('700');
    const config = loadConfigFile(path, PLACEHOLDERS);
    expect(config.sources.map((source) => source.spec.type)).toEqual([
      'vectorcharts',
      'osapi',
      'vectara',
      'mcrit',
      'alteryx',
    ]);
    expect(config.warnings).toEqual([]);
  });

  it('falls back to ~/.config/jobtop/config.yaml, where the other commands then find it', async () => {
    const home = temporaryDirectory();
    const env = { HOME: home, XDG_CONFIG_HOME: undefined };
    expect((await runCli(['init'], env)).code).toBe(0);
    expect(existsSync(join(home, '.config', 'jobtop', 'config.yaml'))).toBe(true);
    const check = await runCli(['check'], env);
    expect(check.code).toBe(1);
    const path = join(home, '.config', 'jobtop', 'config.yaml');
    expect(check.stderr.split('\n')).toEqual([
      'jobtop: 4 problems in the config:',
      `  ${path}:26: sources[0].token: environment variable VECTORCHARTS_TOKEN is not set`,
      expect.stringMatching(/sources\[1\]\.token: environment variable OSAPI_TOKEN is not set$/),
      expect.stringMatching(/sources\[2\]\.apiKey: environment variable VECTARA_API_KEY is not set$/),
      expect.stringMatching(/sources\[4\]\.clientSecret: environment variable ALTERYX_CLIENT_SECRET is not set$/),
      '',
    ]);
  });

  it('refuses to overwrite an existing file unless --force, which replaces it with mode 600', async () => {
    const dir = temporaryDirectory();
    const path = join(dir, 'mine.yaml');
    writeFileSync(path, 'sources: [] # my own\n');
    chmodSync(path, 0o644);
    const refused = await runCli(['init', path]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`jobtop: ${path} already exists; not overwriting it (pass --force to replace it)\n`);
    expect(readFileSync(path, 'utf8')).toBe('sources: [] # my own\n');

    const forced = await runCli(['init', '--force', path]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`then run: jobtop check --config ${path}\n`);
    expect(readFileSync(path, 'utf8')).toMatch(/^# jobtop configuration, written by `jobtop init`/);
    expect(modeOf(path)).toBe('600');
  });

  it('writes to --config or $JOBTOP_CONFIG when given, and explains a directory or an unwritable place', async () => {
    const dir = temporaryDirectory();
    expect((await runCli(['init', '--config', join(dir, 'a.yaml')])).code).toBe(0);
    expect((await runCli(['init'], { JOBTOP_CONFIG: join(dir, 'b.yaml') })).stdout).toContain(
      `Wrote ${join(dir, 'b.yaml')}`,
    );
    expect(existsSync(join(dir, 'a.yaml'))).toBe(true);
    const asDirectory = await runCli(['init', dir]);
    expect(asDirectory).toMatchObject({
      code: 1,
      stderr: `jobtop: ${dir} is a directory; name a file such as ${join(dir, 'config.yaml')}\n`,
    });
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    const denied = await runCli(['init', join(locked, 'c.yaml')]);
    if (process.getuid?.() !== 0)
      expect(denied).toMatchObject({
        code: 1,
        stderr: `jobtop: cannot write ${join(locked, 'c.yaml')}: permission denied\n`,
      });
  });

  it('rejects unknown flags and extra arguments with exit 1', async () => {
    expect(await runCli(['init', '--overwrite'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('jobtop: unknown option --overwrite'),
    });
    expect(await runCli(['init', 'a.yaml', 'b.yaml'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('init takes at most one FILE, got 2'),
    });
  });
});
