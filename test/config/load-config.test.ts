import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../source/config/config-error.js';
import { loadConfigFile, parseConfigText } from '../../source/config/load-config.js';
import { parseBytes, parseDuration } from '../../source/config/values.js';
import { writeConfig, problemsOf as problemsOfLoad } from './config-fixtures.js';

const problemsOf = (text: string, env: NodeJS.ProcessEnv = {}) => {
  try {
    parseConfigText(text, 'jobtop.yaml', env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('config loading', () => {
  it('reads a minimal config with defaults applied', () => {
    const config = parseConfigText(
      'sources:\n  - name: ops\n    type: osapi\n    url: http://127.0.0.1:8080/\n    token: abcd\n',
      'c.yaml',
      {},
    );
    expect(config.intervalMs).toBe(2000);
    expect(config.sources).toHaveLength(1);
    expect(config.sources[0].spec).toMatchObject({
      type: 'osapi',
      name: 'ops',
      url: 'http://127.0.0.1:8080',
      token: 'abcd',
      limit: 200,
      timeoutMs: 10_000,
      readonly: false,
    });
    expect(config.secrets).toEqual(['abcd']);
  });

  it('reads a priorityMap of vendor values to ranks, and names a rank that is not one', () => {
    const config = parseConfigText(
      'sources:\n  - name: ayx\n    type: alteryx\n    url: http://127.0.0.1:8080/webapi\n    clientId: id\n    clientSecret: s3cret\n    priorityMap: {"6": high, Critical: Normal}\n',
      'c.yaml',
      {},
    );
    expect(config.sources[0].spec).toMatchObject({ priorityMap: { '6': 'high', Critical: 'normal' } });
    const problems = problemsOf(
      'sources:\n  - name: ayx\n    type: alteryx\n    url: http://127.0.0.1:8080/webapi\n    clientId: id\n    clientSecret: s3cret\n    priorityMap: {"6": asap}\n',
    );
    expect(problems.join('\n')).toContain('priority "6": expected one of low, normal, high, urgent, got "asap"');
  });

  it('lets a source override global interval, limit and readonly', () => {
    const config = parseConfigText(
      'interval: 5s\nlimit: 50\nreadonly: true\nsources:\n  - {name: a, type: mcrit, url: "http://h:8000"}\n  - {name: b, type: mcrit, url: "http://h:8001", interval: 500ms, limit: 10, readonly: false}\n',
      'c.yaml',
      {},
    );
    expect(config.sources.map((s) => [s.intervalMs, s.spec.limit, s.readonly])).toEqual([
      [5000, 50, true],
      [500, 10, false],
    ]);
  });

  it('names the file, line and field of a wrong type value and lists the allowed ones', () => {
    const problems = problemsOf(
      'sources:\n  - name: a\n    type: mcrit\n    url: http://h\n  - name: b\n    type: jenkins\n    url: http://h\n',
    );
    expect(problems).toEqual([
      'jobtop.yaml:6: sources[1].type: expected one of vectorcharts, osapi, vectara, mcrit, alteryx, http-json, got "jenkins"',
    ]);
  });

  it('reports unknown keys instead of ignoring them', () => {
    const problems = problemsOf(
      'intervall: 2s\nsources:\n  - name: a\n    type: mcrit\n    url: http://h\n    tokn: x\n',
    );
    expect(problems[0]).toMatch(/^jobtop\.yaml:1: intervall: unknown key/);
    expect(problems[1]).toMatch(/^jobtop\.yaml:6: sources\[0\]\.tokn: unknown key \(expected one of .*apiToken/);
  });

  it('says which credentials a vendor needs', () => {
    expect(problemsOf('sources:\n  - name: a\n    type: alteryx\n    url: http://h/webapi\n    clientId: k\n')).toEqual(
      ['jobtop.yaml:2: sources[0]: alteryx needs clientId + clientSecret'],
    );
  });

  it('rejects malformed durations, urls, duplicate names and slashes in names', () => {
    const problems = problemsOf(
      'interval: soon\nsources:\n  - {name: a, type: mcrit, url: "ftp://x"}\n  - {name: a, type: mcrit, url: "http://x"}\n  - {name: "b/c", type: mcrit, url: "http://x"}\n',
    );
    expect(problems).toContain('jobtop.yaml:1: interval: expected a duration such as 2s, 500ms or 1m, got "soon"');
    expect(problems.some((p) => p.startsWith('jobtop.yaml:3: sources[0].url: expected an http(s) URL'))).toBe(true);
    expect(problems).toContain('jobtop.yaml:4: sources[1].name: "a" is used by another source');
    expect(problems).toContain('jobtop.yaml:5: sources[2].name: must not contain "/" (job keys are name/id)');
  });

  it('reports invalid YAML with its line', () => {
    expect(problemsOf('sources:\n  - name: a\n   type: [\n')[0]).toMatch(/^jobtop\.yaml:\d+: invalid YAML/);
  });

  it('interpolates ${ENV} in any string and names a missing variable', () => {
    const config = parseConfigText(
      'sources:\n  - {name: a, type: osapi, url: "http://${HOST}:8080", token: "${OSAPI_TOKEN}"}\n',
      'c.yaml',
      { HOST: 'ops.example', OSAPI_TOKEN: 'jwt-value' },
    );
    expect(config.sources[0].spec).toMatchObject({ url: 'http://ops.example:8080', token: 'jwt-value' });
    expect(problemsOf('sources:\n  - {name: a, type: osapi, url: "http://h", token: "${NOPE}"}\n')).toEqual([
      'jobtop.yaml:2: sources[0].token: environment variable NOPE is not set',
    ]);
  });

  it('warns when a group- or world-readable file holds an inline secret, not when it uses env vars', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobtop-config-'));
    const inline = join(dir, 'inline.yaml');
    writeFileSync(inline, 'sources:\n  - {name: a, type: osapi, url: "http://h", token: "literal-secret"}\n');
    chmodSync(inline, 0o644);
    expect(loadConfigFile(inline, {}).warnings[0]).toMatch(
      /holds a secret and is readable by others \(mode 644\): run chmod 600/,
    );
    chmodSync(inline, 0o600);
    expect(loadConfigFile(inline, {}).warnings).toEqual([]);
    const viaEnv = join(dir, 'env.yaml');
    writeFileSync(viaEnv, 'sources:\n  - {name: a, type: osapi, url: "http://h", token: "${T}"}\n');
    chmodSync(viaEnv, 0o644);
    expect(loadConfigFile(viaEnv, { T: 'x-secret' }).warnings).toEqual([]);
  });

  it('names a missing file', () => {
    expect(() => loadConfigFile('/nonexistent/jobtop.yaml')).toThrow(
      '/nonexistent/jobtop.yaml: cannot read the config file (it does not exist)',
    );
  });
});

describe('config schema: transport and credential-command keys', () => {
  const source = (extra: string) =>
    `sources:\n  - name: a\n    type: osapi\n    url: https://h\n    token: abcd\n${extra}`;

  it('names the line and field of a malformed commandTimeout, connectTimeout and insecure', () => {
    expect(problemsOf(`commandTimeout: soon\n${source('    connectTimeout: -1\n    insecure: yes\n')}`)).toEqual([
      'jobtop.yaml:1: commandTimeout: expected a duration such as 2s, 500ms or 1m, got "soon"',
      'jobtop.yaml:7: sources[0].connectTimeout: expected a duration such as 2s, 500ms or 1m, got -1',
      'jobtop.yaml:8: sources[0].insecure: expected true or false, got "yes"',
    ]);
  });

  it('refuses a poll interval under 500ms', () => {
    expect(problemsOf(`interval: 100ms\n${source('    interval: 0.2\n')}`)).toEqual([
      'jobtop.yaml:1: interval: expected at least 500ms, got 100ms',
      'jobtop.yaml:7: sources[0].interval: expected at least 500ms, got 200ms',
    ]);
  });

  it('takes concurrency globally and per source (the source wins; default 4), a whole number from 1 to 32', () => {
    const two = (extra: string) =>
      `concurrency: 8\n${source(extra)}  - name: b\n    type: osapi\n    url: https://h\n    token: efgh\n`;
    const config = parseConfigText(two('    concurrency: 1\n'), 'c.yaml', {});
    expect(config.sources.map((each) => each.spec.concurrency)).toEqual([1, 8]);
    expect(parseConfigText(source(''), 'c.yaml', {}).sources[0].spec.concurrency).toBe(4);
    expect(problemsOf(`concurrency: 33\n${source('    concurrency: 0\n')}`)).toEqual([
      'jobtop.yaml:1: concurrency: expected a whole number from 1 to 32, got 33',
      'jobtop.yaml:7: sources[0].concurrency: expected a whole number above 0, got 0',
    ]);
    expect(problemsOf(source('    concurrency: many\n'))).toEqual([
      'jobtop.yaml:6: sources[0].concurrency: expected a whole number above 0, got "many"',
    ]);
  });

  it('allows insecure only per source, never globally', () => {
    expect(problemsOf(`insecure: true\n${source('')}`)).toEqual([
      'jobtop.yaml:1: insecure: only allowed per source: TLS verification is never switched off for every source at once',
    ]);
    expect(problemsOf(`caFile: ca.pem\n${source('')}`)).toEqual([
      'jobtop.yaml:1: caFile: only allowed inside a source entry (under sources:)',
    ]);
    expect(parseConfigText(source('    insecure: true\n'), 'c.yaml', {}).sources[0]).toMatchObject({
      insecure: true,
      spec: { insecure: true },
    });
  });

  it('resolves caFile against the config file directory and checks it holds a PEM certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobtop-ca-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a certificate');
    const ok = join(dir, 'ok.yaml');
    writeFileSync(ok, source('    caFile: ca.pem\n'));
    chmodSync(ok, 0o600);
    expect(loadConfigFile(ok, {}).sources[0].spec.caFile).toBe(join(dir, 'ca.pem'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      `${source('    caFile: missing.pem\n')}  - {name: b, type: mcrit, url: "http://h", caFile: notes.txt}\n`,
    );
    expect(problemsOfLoad(() => loadConfigFile(bad, {}))).toEqual([
      `${bad}:6: sources[0].caFile: cannot read ${join(dir, 'missing.pem')} (it does not exist)`,
      `${bad}:7: sources[1].caFile: ${join(dir, 'notes.txt')} holds no PEM certificate (expected a "-----BEGIN CERTIFICATE-----" block)`,
    ]);
  });

  it('refuses caFile together with insecure: true', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobtop-ca-'));
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\n');
    const problems = problemsOf(source(`    caFile: ${join(dir, 'ca.pem')}\n    insecure: true\n`));
    expect(problems).toEqual([
      'jobtop.yaml:7: sources[0].insecure: caFile and insecure: true exclude each other (insecure skips verification, so caFile would be ignored)',
    ]);
  });

  it('refuses a secret set both inline and by command, and a command that is not a string', () => {
    expect(problemsOf(source('    tokenCommand: pass show ops/osapi\n'))).toEqual([
      'jobtop.yaml:6: sources[0].tokenCommand: set token or tokenCommand, not both',
    ]);
    expect(
      problemsOf('sources:\n  - name: a\n    type: osapi\n    url: https://h\n    tokenCommand: [pass, show]\n'),
    ).toEqual(['jobtop.yaml:5: sources[0].tokenCommand: expected a string, got a list']);
  });

  it('counts a credential command as the credential when checking what a vendor needs', () => {
    const config = parseConfigText(
      'sources:\n  - {name: a, type: alteryx, url: "http://h/webapi", clientId: k, clientSecretCommand: "echo from-command"}\n',
      'c.yaml',
      {},
    );
    expect(config.sources[0].spec).toMatchObject({ clientId: 'k', clientSecret: 'from-command' });
    expect(config.sources[0].spec).not.toHaveProperty('clientSecretCommand');
    expect(
      problemsOf('sources:\n  - {name: a, type: alteryx, url: "http://h/webapi", clientSecretCommand: "echo x"}\n'),
    ).toEqual(['jobtop.yaml:2: sources[0]: alteryx needs clientId + clientSecret']);
  });

  it('suggests the key that was probably meant', () => {
    expect(problemsOf(`intervall: 2s\n${source('')}`)[0]).toMatch(
      /^jobtop\.yaml:1: intervall: unknown key, did you mean interval\? \(expected one of interval, timeout/,
    );
    expect(
      problemsOf(
        'sources:\n  - {name: a, type: alteryx, url: "http://h/webapi", clientId: k, secretCommand: "echo x"}\n',
      )[0],
    ).toMatch(/sources\[0\]\.secretCommand: unknown key, did you mean clientSecretCommand\?/);
    expect(problemsOf('sources:\n  - {name: a, type: mcrit, url: "http://h", tokenCommand: "echo x"}\n')[0]).toMatch(
      /sources\[0\]\.tokenCommand: unknown key, did you mean apiTokenCommand\?/,
    );
    expect(problemsOf('sources:\n  - {name: a, type: vectara, url: "http://h", apikey: x}\n')[0]).toMatch(
      /sources\[0\]\.apikey: unknown key, did you mean apiKey\?/,
    );
  });

  it('refuses a query string in the url without echoing it', () => {
    const problems = problemsOf('sources:\n  - {name: a, type: mcrit, url: "http://h:8000/?apitoken=hunter22"}\n');
    expect(problems).toEqual([
      'jobtop.yaml:2: sources[0].url: a query string is not allowed in the url (it would be sent with, and logged by, every request)',
    ]);
    expect(problems.join('\n')).not.toContain('hunter22');
  });

  it('keeps per-source transport settings and drops config-only keys from the adapter options', () => {
    const config = parseConfigText(
      'timeout: 3s\nconnectTimeout: 1s\ncommandTimeout: 2s\nsources:\n  - {name: a, type: mcrit, url: "http://h", connectTimeout: 250ms, maxBodySize: 1MB}\n',
      'c.yaml',
      {},
    );
    expect(config.sources[0].spec).toMatchObject({ timeoutMs: 3000, connectTimeoutMs: 250, maxBodyBytes: 1024 * 1024 });
    expect(Object.keys(config.sources[0].spec)).not.toContain('commandTimeout');
  });
});

describe('config file permissions', () => {
  const inline = 'sources:\n  - {name: a, type: osapi, url: "http://h", token: "literal-secret"}\n';
  const viaCommand = 'sources:\n  - {name: a, type: osapi, url: "http://h", tokenCommand: "echo from-command"}\n';

  it('names the line and field of the inline secret and who can read the file', () => {
    const path = writeConfig(inline, { mode: 0o640 });
    expect(loadConfigFile(path, {}).warnings).toEqual([
      `${path}:2: sources[0].token: the file holds a secret and is readable by its group (mode 640): run chmod 600 ${path}, or use \${ENV_VAR} or tokenCommand`,
    ]);
  });

  it('does not count a credential command as an inline secret', () => {
    expect(loadConfigFile(writeConfig(viaCommand, { mode: 0o644 }), {}).warnings).toEqual([]);
  });

  it('warns when others may edit a file that runs commands', () => {
    const path = writeConfig(viaCommand, { mode: 0o620 });
    expect(loadConfigFile(path, {}).warnings).toEqual([
      `${path}:2: sources[0].tokenCommand: the file runs commands at start and the file (mode 620) is writable by other users: whoever edits it runs commands as you; run chmod 600 ${path}`,
    ]);
    expect(loadConfigFile(writeConfig(viaCommand, { mode: 0o600 }), {}).warnings).toEqual([]);
  });
});

describe('config values', () => {
  it.each([
    ['2s', 2000],
    ['500ms', 500],
    ['1.5m', 90_000],
    ['1h', 3_600_000],
    [3, 3000],
    ['0s', null],
    ['fast', null],
  ])('parses duration %j as %j ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([
    ['4MB', 4 * 1024 * 1024],
    ['512kb', 512 * 1024],
    [1000, 1000],
    ['lots', null],
  ])('parses size %j as %j bytes', (input, expected) => {
    expect(parseBytes(input)).toBe(expected);
  });
});
