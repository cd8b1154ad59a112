/**
 * The `jobtop` command is a shell launcher (source/launcher.sh, built to dist/jobtop): it sets
 * glibc's malloc trim threshold and runs the cli.js beside it with the `node` on PATH, whatever
 * symlinks npm put in front of it.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let scratch = '';
let installed = '';

/** Runs `command` with PATH's first entry a fake `node` that prints its environment and arguments. */
async function runWithFakeNode(command: string, args: string[], env: Record<string, string> = {}) {
  const { stdout } = await run(command, args, {
    cwd: tmpdir(),
    env: { PATH: `${join(scratch, 'fake-node')}:${process.env.PATH ?? ''}`, ...env },
  });
  const [threshold, cli = '', ...passed] = stdout.split('\n').slice(0, -1);
  // why: node resolves `..` in its script's path textually before it looks for the file, as
  // path.resolve does; the launcher must hand it a path that names cli.js read that way.
  return { threshold, argv: [realpathSync(resolve(cli)), ...passed] };
}

describe('the jobtop launcher', () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'jobtop-launcher-'));
    // Laid out as a global npm install: prefix/bin/jobtop -> ../lib/node_modules/jobtop/dist/jobtop.
    installed = join(scratch, 'prefix/lib/node_modules/jobtop/dist');
    mkdirSync(installed, { recursive: true });
    copyFileSync(join(ROOT, 'source/launcher.sh'), join(installed, 'jobtop'));
    writeFileSync(join(installed, 'cli.js'), '');
    chmodSync(join(installed, 'jobtop'), 0o755);
    mkdirSync(join(scratch, 'prefix/bin'));
    symlinkSync('../lib/node_modules/jobtop/dist/jobtop', join(scratch, 'prefix/bin/jobtop'));
    // A second link in front of the first, absolute this time (a user's own ~/bin/jobtop).
    mkdirSync(join(scratch, 'home-bin'));
    symlinkSync(join(scratch, 'prefix/bin/jobtop'), join(scratch, 'home-bin/jobtop'));
    // A directory link in front of the bin directory.
    symlinkSync(join(scratch, 'prefix/bin'), join(scratch, 'linked-bin'));
    mkdirSync(join(scratch, 'fake-node'));
    const fakeNode = join(scratch, 'fake-node/node');
    writeFileSync(
      fakeNode,
      '#!/bin/sh\nprintf \'%s\\n\' "${MALLOC_TRIM_THRESHOLD_-unset}"\nfor a in "$@"; do printf \'%s\\n\' "$a"; done\n',
    );
    chmodSync(fakeNode, 0o755);
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the cli.js beside the file itself, through a chain of relative and absolute symlinks', async () => {
    const { argv } = await runWithFakeNode(join(scratch, 'home-bin/jobtop'), ['list']);
    expect(argv).toEqual([join(installed, 'cli.js'), 'list']);
  });

  it('finds cli.js when the bin directory is itself a link', async () => {
    const { argv } = await runWithFakeNode(join(scratch, 'linked-bin/jobtop'), []);
    expect(argv).toEqual([join(installed, 'cli.js')]);
  });

  it('passes every argument through as given: spaces, empty, globs, quotes and dollar signs', async () => {
    const args = ['--filter', 'a b', '', '*', '"quoted"', '$HOME', "it's"];
    const { argv } = await runWithFakeNode(join(scratch, 'prefix/bin/jobtop'), args);
    expect(argv).toEqual([join(installed, 'cli.js'), ...args]);
  });

  it('sets glibc’s malloc trim threshold to 1 MB', async () => {
    expect((await runWithFakeNode(join(installed, 'jobtop'), [])).threshold).toBe('1048576');
  });

  it('keeps a malloc trim threshold the caller set', async () => {
    const { threshold } = await runWithFakeNode(join(installed, 'jobtop'), [], { MALLOC_TRIM_THRESHOLD_: '131072' });
    expect(threshold).toBe('131072');
  });
});

describe('the built dist/jobtop', () => {
  const launcher = join(ROOT, 'dist/jobtop');

  it('is the launcher, executable', () => {
    expect(readFileSync(launcher, 'utf8')).toBe(readFileSync(join(ROOT, 'source/launcher.sh'), 'utf8'));
    expect(statSync(launcher).mode & 0o111).toBe(0o111);
  });

  it('runs jobtop with the real node', async () => {
    expect((await run(launcher, ['--version'])).stdout).toBe(`${VERSION}\n`);
  });

  it('exits with jobtop’s own status and message', async () => {
    const direct = await runCli(['--no-such-flag']);
    expect(direct.code).not.toBe(0);
    const launched = await run(launcher, ['--no-such-flag'], {
      env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'jobtop-launcher-home-')) },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(launched.code).toBe(direct.code);
    expect(launched.stderr).toBe(direct.stderr);
  });
});
