/**
 * docs/usage.md shows `jobtop --help` exactly as the CLI prints it (regenerate with
 * `npm run build && node scripts/update-readme-keys.mjs`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('the jobtop --help block in docs/usage.md', () => {
  it('is exactly what jobtop --help prints', async () => {
    const usage = readFileSync(new URL('../../docs/usage.md', import.meta.url), 'utf8');
    const block = /<!-- help:start -->\n```\n([\s\S]*?)```\n<!-- help:end -->/.exec(usage);
    expect(block, 'docs/usage.md has a <!-- help:start --> block').not.toBeNull();
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(block![1]).toBe(`${result.stdout.trimEnd()}\n`);
  });
});
