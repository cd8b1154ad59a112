/**
 * Small reliability cases through the built CLI: `init` where a directory cannot be made
 * (procfs, a path under a file) ends at once with the right reason; an action with `--readonly`
 * and no terminal says it is read-only rather than asking for --yes; a short secret of one
 * source is masked only as a whole value, never inside another source's name.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { writeConfig } from '../config/config-fixtures.js';
import { NO_PROXY_ENV } from '../transport/transport-fixtures.js';

describe('init where no directory can be made', () => {
  it('under /proc: a clear reason, at once (no endless retry)', async () => {
    const result = await runCli(['init', '/proc/nope/x.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'jobtop: cannot write /proc/nope/x.yaml: cannot create the directory /proc/nope (ENOENT: this file system does not allow it)\n',
    );
  }, 15_000);

  it('under /dev/null: names the part that is not a directory', async () => {
    const result = await runCli(['init', '/dev/null/x.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('jobtop: cannot write /dev/null/x.yaml: /dev/null is not a directory\n');
  });
});

describe('an action with --readonly and no terminal', () => {
  it('says read-only (exit 9), not "pass --yes"', async () => {
    const config = writeConfig(
      { sources: [{ name: 'ops', type: 'osapi', url: 'http://127.0.0.1:1', token: 'x' }] },
      { mode: 0o600 },
    );
    const result = await runCli(['delete', 'ops/5f0c1d2e', '--readonly', '--config', config]);
    expect(result.code).toBe(9);
    expect(result.stderr).toBe('jobtop: not deleted: --readonly refuses every action. Nothing was sent.\n');
  });
});

describe('a short secret', () => {
  it('is masked as a whole value only: another source named os-nopenorm keeps its name in errors', async () => {
    const config = writeConfig(
      {
        timeout: '2s',
        sources: [
          { name: 'os-nopenorm', type: 'osapi', url: 'http://127.0.0.1:1', token: 'tok-1234' },
          { name: 'other', type: 'mcrit', url: 'http://127.0.0.1:1', apiToken: 'nope' },
        ],
      },
      { mode: 0o600 },
    );
    const result = await runCli(['check', '--json', '--config', config], NO_PROXY_ENV);
    expect(result.stdout + result.stderr).toContain('os-nopenorm');
    expect(result.stdout + result.stderr).not.toContain('***');
  });
});
