/**
 * The command router: where the command word may stand, dash-leading values, closed pipes.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findCommandIndex } from '../../source/commands/command.js';
import { CLI_PATH } from '../helpers/terminal.js';
import { runCli } from '../helpers/run-cli.js';

describe('the command router', () => {
  it.each<[string[], number]>([
    [['list'], 0],
    [['--config', 'x.yaml', 'list'], 2],
    [['--config=x.yaml', 'list'], 1],
    [['--demo', 'list', '--json'], 1],
    [['--readonly'], -1],
    [['--', 'list'], 1],
  ])('finds the command in %j at %i', (argv, index) => {
    expect(findCommandIndex(argv)).toBe(index);
  });

  it('skips the values of any option that takes one (jobtop --log-file FILE)', () => {
    expect(findCommandIndex(['--log-file', 'x.log'], new Set(['log-file', 'config']))).toBe(-1);
    expect(findCommandIndex(['--log-file', 'x.log', 'list'], new Set(['log-file']))).toBe(2);
  });

  it('accepts global options before the command', async () => {
    const result = await runCli(['--demo', 'list', '--format', 'ids']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^demo-\w+\/\S+$/);
  });

  it('takes a flag value that starts with a dash (--sort -created is newest first)', async () => {
    const result = await runCli(['--demo', 'list', '--json', '--sort', '-created']);
    expect(result.code).toBe(0);
    const created = (JSON.parse(result.stdout) as { jobs: { createdAt: string }[] }).jobs.map((job) =>
      Date.parse(job.createdAt),
    );
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('stops quietly when the reader closes the pipe early (jobtop list | head)', async () => {
    const child = spawn(process.execPath, [CLI_PATH, '--demo', 'list', '--json', '--raw'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOME: '/nonexistent' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
