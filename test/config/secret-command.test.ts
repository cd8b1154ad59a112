import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../source/config/load-config.js';
import { problemsOf, temporaryDirectory, writeConfig } from './config-fixtures.js';

const osapiWith = (command: string, extra = '') =>
  `${extra}sources:\n  - name: ops\n    type: osapi\n    url: http://127.0.0.1:1\n    tokenCommand: ${JSON.stringify(command)}\n`;

describe('credential commands (tokenCommand, clientSecretCommand, …)', () => {
  it('uses the first line of what a real shell command prints, trimmed, and redacts it', () => {
    const path = writeConfig(osapiWith("printf '  jwt-from-pass  \\nlogin: ops\\nurl: x\\n'"));
    const config = loadConfigFile(path, { PATH: process.env.PATH });
    expect(config.sources[0].spec).toMatchObject({ token: 'jwt-from-pass' });
    expect(config.secrets).toContain('jwt-from-pass');
  });

  it('interpolates ${ENV} in the command and runs it in the config directory with JOBTOP_SOURCE and JOBTOP_CREDENTIAL set', () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'ops.token'), 'token-in-a-file\n');
    const path = writeConfig(
      osapiWith('cat ./${TOKEN_FILE} && printf "%s" "$JOBTOP_SOURCE/$JOBTOP_CREDENTIAL" >> seen'),
      { dir },
    );
    expect(loadConfigFile(path, { PATH: process.env.PATH, TOKEN_FILE: 'ops.token' }).sources[0].spec).toMatchObject({
      token: 'token-in-a-file',
    });
    expect(readFileSync(join(dir, 'seen'), 'utf8')).toBe('ops/token');
  });

  it('runs each command exactly once per load', () => {
    const dir = temporaryDirectory();
    const path = writeConfig(
      'sources:\n  - {name: a, type: osapi, url: "http://h", tokenCommand: "echo a >> runs; echo token-a"}\n  - {name: b, type: alteryx, url: "http://h/webapi", clientId: k, clientSecretCommand: "echo b >> runs; echo secret-b"}\n',
      { dir },
    );
    const config = loadConfigFile(path, { PATH: process.env.PATH });
    expect(config.sources.map((source) => source.spec)).toMatchObject([
      { token: 'token-a' },
      { clientSecret: 'secret-b' },
    ]);
    expect(readFileSync(join(dir, 'runs'), 'utf8')).toBe('a\nb\n');
  });

  it('reports a failing command with file, line, field, exit status and stderr, never its stdout', () => {
    const path = writeConfig(
      osapiWith("echo half-printed-secret; echo 'Error: ops/osapi is not in the password store.' >&2; exit 3"),
    );
    const problems = problemsOf(() => loadConfigFile(path, { PATH: process.env.PATH }));
    expect(problems).toEqual([
      `${path}:5: sources[0].tokenCommand: the command failed with exit status 3: Error: ops/osapi is not in the password store.`,
    ]);
    expect(problems.join('\n')).not.toContain('half-printed-secret');
  });

  it('reports a command that prints nothing, and one that does not exist', () => {
    const empty = writeConfig(osapiWith('true'));
    expect(problemsOf(() => loadConfigFile(empty, { PATH: process.env.PATH }))).toEqual([
      `${empty}:5: sources[0].tokenCommand: the command printed nothing on stdout (exit status 0)`,
    ]);
    const missing = writeConfig(osapiWith('jobtop-no-such-helper show ops'));
    expect(problemsOf(() => loadConfigFile(missing, { PATH: process.env.PATH }))[0]).toMatch(
      new RegExp(
        `^${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5: sources\\[0\\]\\.tokenCommand: the command failed with exit status 127: .*jobtop-no-such-helper.*not found`,
      ),
    );
  });

  it('stops a command that runs longer than commandTimeout and says which setting to raise', () => {
    const path = writeConfig(osapiWith('sleep 30; echo too-late', 'commandTimeout: 300ms\n'));
    expect(problemsOf(() => loadConfigFile(path, { PATH: process.env.PATH }))).toEqual([
      `${path}:6: sources[0].tokenCommand: the command did not finish within 300ms and was stopped (raise commandTimeout if it waits for a prompt)`,
    ]);
  });

  it('runs no command while the file has other problems', () => {
    const dir = temporaryDirectory();
    const path = writeConfig(
      `${osapiWith('touch ran; echo t')}  - {name: b, type: mcrit, url: "http://h", intervall: 2s}\n`,
      { dir },
    );
    expect(problemsOf(() => loadConfigFile(path, { PATH: process.env.PATH }))[0]).toMatch(
      /sources\[1\]\.intervall: unknown key/,
    );
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });
});
