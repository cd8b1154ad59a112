/**
 * jobtop's entry: parses flags, picks a mode (TUI, one-shot list, demo server) and wires
 * config, sources and store together. Nothing else lives here; the UI is imported lazily
 * so one-shot commands never load Ink or React.
 */
import meow from 'meow';
import packageJson from '../package.json' with { type: 'json' };
import { ConfigError } from './config/config-error.js';
import { EXIT, runList } from './commands/list-command.js';
import { findConfigPath, openConfig, openDemo, type OpenedSources } from './commands/open-sources.js';
import { runDemoServer } from './commands/demo-command.js';

const HELP = `
  Usage
    $ jobtop                 live monitor (full screen) of every configured source
    $ jobtop list            print the merged job list once
    $ jobtop demo            serve the embedded demo fleet alone (for trying other clients)

  Options
    --config FILE     config file (default: $JOBTOP_CONFIG, $XDG_CONFIG_HOME/jobtop/config.yaml,
                      ~/.config/jobtop/config.yaml)
    --demo            monitor the embedded demo fleet (the default when no config file exists)
    --readonly        hide actions and refuse every mutating request
    --bell            ring the terminal bell when a job fails
    --json            (list) print JSON: {"jobs": [...], "sources": [...]}
    --raw             (list --json) include each job's vendor record
    --port N          (demo) first port; vendor i listens on N+i (default: ephemeral)
    --help, --version

  Exit codes: 0 all sources answered, 1 usage or config error, 2 some sources failed.
`;

const FLAGS = {
  config: { type: 'string' },
  demo: { type: 'boolean', default: false },
  readonly: { type: 'boolean', default: false },
  bell: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  raw: { type: 'boolean', default: false },
  port: { type: 'number' },
} as const;

const COMMANDS = new Set(['list', 'demo']);

async function main(): Promise<number> {
  const cli = meow(HELP, {
    importMeta: import.meta,
    pkg: packageJson,
    version: packageJson.version,
    // why: meow exits with code 2 on an unknown flag; jobtop keeps 2 for "some sources failed".
    allowUnknownFlags: true,
    flags: FLAGS,
  });
  const unknown = Object.keys(cli.flags).filter((flag) => !(flag in FLAGS));
  if (unknown.length > 0) return usage(`unknown option ${unknown.map((flag) => `--${kebab(flag)}`).join(', ')}`);
  const [command, ...rest] = cli.input;
  if (command !== undefined && !COMMANDS.has(command)) return usage(`unknown command "${command}"`);
  if (rest.length > 0) return usage(`unexpected argument "${rest[0]}"`);
  if (cli.flags.port !== undefined && (!Number.isInteger(cli.flags.port) || cli.flags.port < 0 || cli.flags.port > 65530)) return usage('--port expects a port number');

  if (command === 'demo') return runDemoServer({ port: cli.flags.port, stdout: process.stdout });

  const mode = command === 'list' || !process.stdout.isTTY ? 'list' : 'tui';
  const opened = await open(cli.flags, mode);
  if (typeof opened === 'number') return opened;
  for (const warning of opened.config.warnings) process.stderr.write(`jobtop: warning: ${warning}\n`);
  if (mode === 'list') {
    try {
      return await runList(opened, { json: cli.flags.json, raw: cli.flags.raw, stdout: process.stdout, stderr: process.stderr });
    } finally {
      await opened.close();
    }
  }
  const { runTui } = await import('./run-tui.js');
  return runTui(opened, { bell: cli.flags.bell, readonly: cli.flags.readonly });
}

async function open(flags: { config?: string; demo: boolean; readonly: boolean }, mode: 'list' | 'tui'): Promise<OpenedSources | number> {
  if (flags.demo && flags.config) return usage('--demo and --config exclude each other');
  const found = flags.demo ? null : findConfigPath(flags.config);
  if (!found) {
    if (mode === 'list' && !flags.demo) {
      return usage('no config file found (looked at $JOBTOP_CONFIG, $XDG_CONFIG_HOME/jobtop/config.yaml, ~/.config/jobtop/config.yaml); pass --config FILE, or --demo for the embedded demo fleet');
    }
    return openDemo({ readonly: flags.readonly, oneShot: mode === 'list' });
  }
  try {
    return openConfig(found.path, { readonly: flags.readonly, oneShot: mode === 'list' });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`jobtop: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function usage(message: string): number {
  process.stderr.write(`jobtop: ${message}\nRun jobtop --help for usage.\n`);
  return EXIT.usage;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

main().then(
  (code) => {
    // why: sockets and timers of closed sources may linger a moment; exit explicitly.
    if (code === -1) return; // the demo server keeps running until a signal
    // why: stdout to a pipe is asynchronous; exiting before it drains cuts the output.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (error: unknown) => {
    process.stderr.write(`jobtop: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(EXIT.usage);
  },
);
