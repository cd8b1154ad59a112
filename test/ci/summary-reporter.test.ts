/**
 * The summary reporter, run by a real vitest on a throwaway project: CI keeps only the tail of its
 * log, so each failure must be named there, before the plain count line.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const reporter = path.resolve('test/helpers/summary-reporter.ts');

describe('the summary reporter', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jobtop-reporter-'));
    await writeFile(
      path.join(dir, 'mixed.test.ts'),
      [
        "describe('group', () => {",
        "  it('passes', () => { expect(1).toBe(1); });",
        "  it('fails', () => { expect('left').toBe('right'); });",
        '});',
        "it.skip('is skipped', () => {});",
        '',
      ].join('\n'),
    );
    await writeFile(path.join(dir, 'broken.test.ts'), "throw new Error('cannot load\\nsecond line');\n");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names every failure on a FAILED line, then prints the count line last', async () => {
    const result = await run(process.execPath, [vitest, 'run', '--globals', `--reporter=${reporter}`], {
      cwd: dir,
      env: { ...process.env, CI: 'true' },
    }).then(
      () => ({ stdout: '', code: 0 }),
      (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
    );
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 2 failed, 1 skipped');
    const failed = lines.filter((line) => line.startsWith('FAILED ')).sort();
    expect(failed).toHaveLength(2);
    expect(failed[0]).toBe('FAILED broken.test.ts: cannot load');
    expect(failed[1]).toMatch(/^FAILED mixed\.test\.ts > group > fails: expected 'left' to be 'right'/);
  });
});
