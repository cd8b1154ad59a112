/**
 * jobtop's entry: picks the subcommand, parses its flags strictly, runs it and exits with
 * its code. Nothing else lives here.
 *
 * why node:util parseArgs rather than meow: every subcommand has its own flags and usage
 * errors must exit 1 (README "Exit codes"); meow exits 2 on an unknown flag, which jobtop
 * reserves for "some sources failed".
 */
import { suggestKey } from './domain/suggest.js';
import packageJson from '../package.json' with { type: 'json' };
import {
  EXIT,
  GLOBAL_FLAGS,
  UsageError,
  findCommandIndex,
  parseCommandLine,
  renderHelp,
  type Command,
  type CommandIo,
} from './commands/command.js';
import { COMMANDS } from './commands/commands.js';
import { monitorCommand } from './commands/monitor/monitor-command.js';
import { ConfigError } from './config/config-error.js';

/** The top-level help: every command with its summary. */
function topHelp(): string {
  const rows = COMMANDS.map(
    (command) => `  jobtop ${command.usage.padEnd(34)} ${command.summary.split('. ')[0].replace(/\.$/, '')}`,
  );
  const globals = Object.entries(GLOBAL_FLAGS).map(
    ([name, spec]) => `  --${name}${spec.value ? ` ${spec.value}` : ''}`.padEnd(30) + spec.description,
  );
  return `jobtop ${packageJson.version} — a terminal monitor for background jobs across several job systems\n\nUsage:\n  jobtop [options]                          the live monitor (prints the list once when stdout is not a terminal)\n${rows.join('\n')}\n\nOptions for every command:\n${globals.join('\n')}\n  --version\n\nRun jobtop COMMAND --help for a command's options. Exit codes: 0 ok, 1 usage or config error, 2 a partial answer (a source failed, timed out or answered incompletely), 3-10 for get, watch and actions (see "Exit codes" in docs/scripting.md).\n`;
}

async function main(argv: string[], io: CommandIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    io.stdout.write(`${packageJson.version}\n`);
    return EXIT.ok;
  }
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')) {
    io.stdout.write(topHelp());
    return EXIT.ok;
  }
  // Options that take a value, of any command: their values are never the command word.
  const valueFlags = new Set(
    COMMANDS.flatMap((candidate) =>
      Object.entries({ ...GLOBAL_FLAGS, ...candidate.flags })
        .filter(([, spec]) => spec.type === 'string')
        .map(([name]) => name),
    ),
  );
  const commandIndex = findCommandIndex(argv, valueFlags);
  const firstPositional = commandIndex === -1 ? undefined : argv[commandIndex];
  const named = COMMANDS.find((command) => command.name === firstPositional);
  let command: Command = named ?? monitorCommand;
  const rest = named ? argv.filter((_, index) => index !== commandIndex) : argv;
  // When stdout is not a terminal, `jobtop` prints the list once instead of drawing a screen.
  if (!named && !io.stdout.isTTY) command = COMMANDS.find((candidate) => candidate.name === 'list')!;
  try {
    if (!named && firstPositional !== undefined) {
      const suggestion = suggestKey(
        firstPositional,
        COMMANDS.map((c) => c.name),
      );
      throw new UsageError(
        `unknown command "${firstPositional}"${suggestion ? `, did you mean ${suggestion}?` : ''} (commands: ${COMMANDS.map((c) => c.name).join(', ')})`,
      );
    }
    const args = parseCommandLine(rest, command.flags);
    if (args.flags.help === true) {
      io.stdout.write(renderHelp(command));
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`jobtop: ${error.message}\nRun jobtop ${named ? `${command.name} ` : ''}--help for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`jobtop: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

// why: `jobtop list | head` closes the pipe early; like any Unix tool, stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then(
  (code) => {
    if (code === -1) return; // a server command keeps running until a signal
    // why: stdout to a pipe is asynchronous; exiting before it drains cuts the output.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (error: unknown) => {
    process.stderr.write(
      `jobtop: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(70);
  },
);
