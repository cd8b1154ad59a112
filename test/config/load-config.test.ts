import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../source/config/config-error.js';
import { loadConfigFile, parseConfigText } from '../../source/config/load-config.js';
import { parseBytes, parseDuration } from '../../source/config/values.js';

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
    const config = parseConfigText('sources:\n  - name: ops\n    type: osapi\n    url: http://127.0.0.1:8080/\n    token: abcd\n', 'c.yaml', {});
    expect(config.intervalMs).toBe(2000);
    expect(config.sources).toHaveLength(1);
    expect(config.sources[0].spec).toMatchObject({ type: 'osapi', name: 'ops', url: 'http://127.0.0.1:8080', token: 'abcd', limit: 200, timeoutMs: 10_000, readonly: false });
    expect(config.secrets).toEqual(['abcd']);
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
    const problems = problemsOf('sources:\n  - name: a\n    type: mcrit\n    url: http://h\n  - name: b\n    type: jenkins\n    url: http://h\n');
    expect(problems).toEqual(['jobtop.yaml:6: sources[1].type: expected one of vectorcharts, osapi, vectara, mcrit, alteryx, got "jenkins"']);
  });

  it('reports unknown keys instead of ignoring them', () => {
    const problems = problemsOf('intervall: 2s\nsources:\n  - name: a\n    type: mcrit\n    url: http://h\n    tokn: x\n');
    expect(problems[0]).toMatch(/^jobtop\.yaml:1: intervall: unknown key/);
    expect(problems[1]).toMatch(/^jobtop\.yaml:6: sources\[0\]\.tokn: unknown key \(expected one of .*apiToken/);
  });

  it('says which credentials a vendor needs', () => {
    expect(problemsOf('sources:\n  - name: a\n    type: alteryx\n    url: http://h/webapi\n    clientId: k\n')).toEqual([
      'jobtop.yaml:2: sources[0]: alteryx needs clientId + clientSecret',
    ]);
  });

  it('rejects malformed durations, urls, duplicate names and slashes in names', () => {
    const problems = problemsOf('interval: soon\nsources:\n  - {name: a, type: mcrit, url: "ftp://x"}\n  - {name: a, type: mcrit, url: "http://x"}\n  - {name: "b/c", type: mcrit, url: "http://x"}\n');
    expect(problems).toContain('jobtop.yaml:1: interval: expected a duration such as 2s, 500ms or 1m, got "soon"');
    expect(problems.some((p) => p.startsWith('jobtop.yaml:3: sources[0].url: expected an http(s) URL'))).toBe(true);
    expect(problems).toContain('jobtop.yaml:4: sources[1].name: "a" is used by another source');
    expect(problems).toContain('jobtop.yaml:5: sources[2].name: must not contain "/" (job keys are name/id)');
  });

  it('reports invalid YAML with its line', () => {
    expect(problemsOf('sources:\n  - name: a\n   type: [\n')[0]).toMatch(/^jobtop\.yaml:\d+: invalid YAML/);
  });

  it('interpolates ${ENV} in any string and names a missing variable', () => {
    const config = parseConfigText('sources:\n  - {name: a, type: osapi, url: "http://${HOST}:8080", token: "${OSAPI_TOKEN}"}\n', 'c.yaml', { HOST: 'ops.example', OSAPI_TOKEN: 'jwt-value' });
    expect(config.sources[0].spec).toMatchObject({ url: 'http://ops.example:8080', token: 'jwt-value' });
    expect(problemsOf('sources:\n  - {name: a, type: osapi, url: "http://h", token: "${NOPE}"}\n')).toEqual(['jobtop.yaml:2: sources[0].token: environment variable NOPE is not set']);
  });

  it('warns when a group- or world-readable file holds an inline secret, not when it uses env vars', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobtop-config-'));
    const inline = join(dir, 'inline.yaml');
    writeFileSync(inline, 'sources:\n  - {name: a, type: osapi, url: "http://h", token: "literal-secret"}\n');
    chmodSync(inline, 0o644);
    expect(loadConfigFile(inline, {}).warnings[0]).toMatch(/holds a secret and is readable by others \(mode 644\): run chmod 600/);
    chmodSync(inline, 0o600);
    expect(loadConfigFile(inline, {}).warnings).toEqual([]);
    const viaEnv = join(dir, 'env.yaml');
    writeFileSync(viaEnv, 'sources:\n  - {name: a, type: osapi, url: "http://h", token: "${T}"}\n');
    chmodSync(viaEnv, 0o644);
    expect(loadConfigFile(viaEnv, { T: 'x-secret' }).warnings).toEqual([]);
  });

  it('names a missing file', () => {
    expect(() => loadConfigFile('/nonexistent/jobtop.yaml')).toThrow('/nonexistent/jobtop.yaml: cannot read the config file (it does not exist)');
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
