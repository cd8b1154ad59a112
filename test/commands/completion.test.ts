/**
 * Shell completion, `--help` of every command, and the README's exit-code table and Scripting
 * section against the code they document. The bash script is executed by bash itself (and
 * zsh/fish check theirs when installed); job ids come from a real `jobtop list --format ids`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemoFleet, type DemoFleet } from '../../source/demo/fleet.js';
import { COMMANDS } from '../../source/commands/commands.js';
import { GLOBAL_FLAGS } from '../../source/commands/command.js';
import { EXIT_CODE_TABLE, renderExitCodeMarkdown, watchExitCode } from '../../source/commands/shared/exit-codes.js';
import { runCli } from '../helpers/run-cli.js';
import { CLI_PATH } from '../helpers/terminal.js';

const run = promisify(execFile);
const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
const README = readFileSync(resolve(import.meta.dirname, '../../docs/scripting.md'), 'utf8');
const SCRIPTING = ['get', 'watch', 'cancel', 'delete', 'retry', 'completion'];

describe('jobtop completion', () => {
  let fleet: DemoFleet;
  let config: string;
  let bin: string;
  let script: string;

  beforeAll(async () => {
    fleet = await startDemoFleet({ vendors: ['osapi', 'mcrit'], tickMs: 0, arrivals: false });
    const dir = mkdtempSync(join(tmpdir(), 'jobtop-completion-'));
    config = join(dir, 'config.yaml');
    writeFileSync(config, stringify({ sources: fleet.sources }), { mode: 0o600 });
    // A `jobtop` on PATH, as an installed one would be, for the scripts that call it back.
    bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'jobtop'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`);
    chmodSync(join(bin, 'jobtop'), 0o755);
    script = (await runCli(['completion', 'bash'])).stdout;
  });
  afterAll(() => fleet.close());

  /**
   * Runs the bash completion for a command line whose last word is being completed.
   * why async: the demo fleet answers from this very process, so a synchronous child would deadlock it.
   */
  const complete = async (...words: string[]) => {
    const file = join(mkdtempSync(join(tmpdir(), 'jobtop-bash-')), 'completion.bash');
    writeFileSync(file, script);
    const quoted = words.map((word) => `'${word}'`).join(' ');
    const program = `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _jobtop; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const { stdout } = await run('bash', ['-c', program], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: tmpdir() },
    });
    return stdout.split('\n').filter(Boolean);
  };

  it('completes commands, each command’s own flags, and fixed flag values in bash', async () => {
    expect(await complete('jobtop', '')).toEqual(COMMANDS.map((command) => command.name));
    expect(await complete('jobtop', 'w')).toEqual(['watch']);
    expect(await complete('jobtop', 'watch', '--')).toEqual(
      expect.arrayContaining([
        '--exit-status',
        '--timeout',
        '--wait-for-appear',
        '--interval',
        '--unreachable-after',
        '--config',
        '--demo',
      ]),
    );
    expect(await complete('jobtop', 'watch', '--')).not.toContain('--format');
    expect(await complete('jobtop', 'list', '--format', '')).toEqual(['table', 'tsv', 'json', 'ids']);
    expect(await complete('jobtop', 'list', '--state', 'f')).toEqual(['failed']);
    expect(await complete('jobtop', 'list', '--sort', '-c')).toEqual(['-created']);
    expect(await complete('jobtop', 'cancel', '-')).toEqual(expect.arrayContaining(['--yes', '-y', '--json']));
    expect(await complete('jobtop', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete('jobtop', 'watch', '--timeout', '')).toEqual([]);
  });

  it('completes job ids and source names from jobtop list --format ids, with the line’s --config', async () => {
    const ids = (await runCli(['list', '--format', 'ids', '--config', config])).stdout.trimEnd().split('\n');
    const osapiIds = ids.filter((key) => key.startsWith('demo-osapi/'));
    expect(osapiIds.length).toBeGreaterThan(10);
    expect((await complete('jobtop', 'get', '--config', config, 'demo-osapi/')).sort()).toEqual([...osapiIds].sort());
    const one = osapiIds[0];
    expect(await complete('jobtop', 'cancel', '--config', config, one.slice(0, one.length - 3))).toEqual([one]);
    expect(await complete('jobtop', 'list', '--config', config, '--source', '')).toEqual(['demo-mcrit', 'demo-osapi']);
  });

  it.skipIf(!has('zsh'))('writes a zsh script zsh accepts, naming every command and flag', async () => {
    const zsh = (await runCli(['completion', 'zsh'])).stdout;
    expect(zsh.startsWith('#compdef jobtop\n')).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'jobtop-zsh-')), '_jobtop');
    writeFileSync(file, zsh);
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    for (const command of COMMANDS) {
      expect(zsh).toContain(`'${command.name}:`);
      for (const flag of Object.keys(command.flags)) expect(zsh).toContain(`--${flag}[`);
    }
  });

  it.skipIf(!has('fish'))('writes a fish script fish accepts and completes with', async () => {
    const fish = (await runCli(['completion', 'fish'])).stdout;
    const file = join(mkdtempSync(join(tmpdir(), 'jobtop-fish-')), 'jobtop.fish');
    writeFileSync(file, fish);
    expect(spawnSync('fish', ['-n', file]).status).toBe(0);
    const fishComplete = async (line: string) =>
      (
        await run('fish', ['-c', `source '${file}'; complete -C'${line}'`], {
          env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
        })
      ).stdout;
    expect(await fishComplete('jobtop wa')).toMatch(/^watch\tFollow jobs until every one has ended/);
    expect(
      (await fishComplete('jobtop list --format '))
        .split('\n')
        .map((line) => line.split('\t')[0])
        .filter(Boolean),
    ).toEqual(['ids', 'json', 'table', 'tsv']);
    expect(await fishComplete('jobtop retry --y')).toMatch(/^--yes\t/);
  });

  it('exits 1 for a missing or unknown shell', async () => {
    expect(await runCli(['completion'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('completion expects one shell: bash, zsh, fish'),
    });
    expect(await runCli(['completion', 'tcsh'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('got "tcsh"'),
    });
  });
});

describe('--help and docs/scripting.md', () => {
  it.each(COMMANDS.map((command) => [command.name]))(
    'jobtop %s --help shows its usage and describes every flag',
    async (name) => {
      const command = COMMANDS.find((candidate) => candidate.name === name)!;
      const result = await runCli([name, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout.startsWith(`Usage: jobtop ${command.usage}\n\n${command.summary}\n`)).toBe(true);
      for (const [flag, spec] of Object.entries({ ...command.flags, ...GLOBAL_FLAGS })) {
        expect(spec.description.length).toBeGreaterThan(10);
        expect(result.stdout).toMatch(
          new RegExp(
            `^ {2}(-\\w, )?--${flag}( [A-Z]+)? +${spec.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
            'm',
          ),
        );
      }
    },
  );

  it('holds one exit-code table, the one the code defines, in its own section', () => {
    expect(README.match(/\| code \| meaning \|/g)).toHaveLength(1);
    const section = README.slice(
      README.indexOf('\n## Exit codes\n'),
      README.indexOf('\n## ', README.indexOf('\n## Exit codes\n') + 1),
    );
    expect(section).toContain(renderExitCodeMarkdown());
    expect(EXIT_CODE_TABLE.map((row) => row.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('documents every scripting command and each of its flags under Scripting', () => {
    const start = README.indexOf('# Scripting\n');
    expect(start).toBe(0);
    const section = README.slice(start, README.indexOf('\n## ', start + 1));
    for (const name of ['list', ...SCRIPTING]) {
      const command = COMMANDS.find((candidate) => candidate.name === name)!;
      expect(section).toContain(`jobtop ${name}`);
      for (const flag of Object.keys(command.flags)) expect(section, `${name} --${flag}`).toContain(`--${flag}`);
    }
  });

  it.each([
    [['failed', 'succeeded'], true, 3],
    [['partial', 'cancelled', 'succeeded'], true, 5],
    [['cancelled', 'timeout'], true, 4],
    [['unknown'], true, 10],
    [['unknown', 'failed'], true, 3],
    [['unknown', 'succeeded'], false, 0],
    [['failed', 'vanished'], false, 6],
    [['not-found', 'unreachable', 'timeout'], false, 6],
    [['unreachable', 'timeout'], true, 7],
    [['timeout', 'succeeded'], true, 8],
    [['failed', 'cancelled', 'partial'], false, 0],
    [['succeeded', 'succeeded'], true, 0],
  ] as const)('watch outcomes %j with --exit-status %s exit %i', (outcomes, exitStatus, code) => {
    expect(watchExitCode(outcomes, exitStatus)).toBe(code);
  });
});
