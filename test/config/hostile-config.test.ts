/**
 * A config file is text someone else may have written: `jobtop list` (the built CLI) must not
 * copy escape sequences, 8-bit controls or bidi overrides from it to stderr, must name a binary
 * file as such instead of dumping it, and must refuse a config that is too large or lists too
 * many sources with a clear message (and promptly).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { temporaryDirectory, writeConfig } from './config-fixtures.js';

/** Any escape, C0 control other than newline, C1 control or bidi override. */
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('a hostile or wrong config file', () => {
  it('escape sequences, 8-bit CSI and bidi overrides in keys and values never reach stderr', async () => {
    const text = [
      'interval: "\x1b]0;pwned\x07"',
      'sources:',
      '  - name: "ops\u202ereversed"',
      '    type: "os\u202eapi\x9b2J"',
      '    url: http://127.0.0.1:1',
      '    "tok\x1b[2Jen": x',
    ].join('\n');
    const result = await runCli(['list', '--config', writeConfig(text)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/problems in the config/);
    expect(result.stderr).not.toMatch(UNSAFE);
    expect(result.stderr).toContain('⇄'); // the bidi override made visible
  });

  it('a binary file is named as such, not dumped', async () => {
    const path = join(temporaryDirectory(), 'config.yaml');
    writeFileSync(path, Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00'), randomBytes(15_000)]), { mode: 0o600 });
    const result = await runCli(['list', '--config', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`jobtop: ${path}: this is a binary file (it holds NUL bytes), not a YAML config\n`);
  });

  it('a file that is not UTF-8 is named as such', async () => {
    const path = join(temporaryDirectory(), 'config.yaml');
    writeFileSync(path, Buffer.from('sources:\n  - name: caf\xe9\n', 'latin1'), { mode: 0o600 });
    const result = await runCli(['list', '--config', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/this file is not UTF-8 text/);
  });

  it('a 20 MB config is refused at once with its size and the limit', async () => {
    const entry = '  - {name: s, type: osapi, url: "http://127.0.0.1:1", token: t}\n';
    const path = writeConfig(`sources:\n${entry.repeat(Math.ceil((20 * 1024 * 1024) / entry.length))}`);
    const result = await runCli(['list', '--config', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the config file is 20\.0 MiB; the limit is 1 MiB/);
  });

  it('more sources than the limit are refused with the count and the limit', async () => {
    const entries = Array.from(
      { length: 1_001 },
      (_, index) => `  - {name: s${index}, type: osapi, url: "http://127.0.0.1:1", token: t}`,
    );
    const result = await runCli(['list', '--config', writeConfig(`sources:\n${entries.join('\n')}\n`)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sources: 1001 sources; at most 1000 are allowed in one config/);
  });

  it('a directory is named as one', async () => {
    const result = await runCli(['list', '--config', temporaryDirectory()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read the config file \(it is a directory\)/);
  });
});
