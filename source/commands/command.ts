/**
 * What every subcommand is: a name, its help, its own flags (parsed strictly, so a wrong
 * flag is an error, never ignored) and a run function returning the exit code.
 */
import { parseArgs } from 'node:util';

/** Exit codes shared by every command (README "Exit codes"). */
export const EXIT = { ok: 0, usage: 1, partial: 2 } as const;

/** A flag definition for node:util parseArgs. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** One line for --help. */
  description: string;
  /** Placeholder for string flags in help, e.g. FILE. */
  value?: string;
}

/** Streams and environment a command runs with (injectable for tests). */
export interface CommandIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

/** Parsed command line of one command. */
export interface ParsedArgs {
  flags: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** A subcommand. */
export interface Command {
  name: string;
  /** Usage line after `jobtop`, e.g. `get SOURCE/ID`. */
  usage: string;
  summary: string;
  flags: Record<string, FlagSpec>;
  /** Runs the command; resolves with the exit code (-1: keep running, e.g. a server). */
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: Record<string, FlagSpec> = {
  config: { type: 'string', value: 'FILE', description: 'config file (default: $JOBTOP_CONFIG, $XDG_CONFIG_HOME/jobtop/config.yaml, ~/.config/jobtop/config.yaml)' },
  demo: { type: 'boolean', description: 'use the embedded demo fleet instead of a config file' },
  readonly: { type: 'boolean', description: 'hide actions and refuse every mutating request' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** A usage error: printed as `jobtop: <message>` with a pointer to --help, exit 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses argv strictly against the command's and the global flags; throws UsageError with a plain message. */
export function parseCommandLine(argv: string[], flags: Record<string, FlagSpec>): ParsedArgs {
  const all = { ...GLOBAL_FLAGS, ...flags };
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(all)) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    return { flags: values as ParsedArgs['flags'], positionals };
  } catch (error) {
    const message = (error as Error).message.replace(/^Unknown option '([^']+)'.*$/s, 'unknown option $1').replace(/\. To specify a positional.*$/s, '');
    throw new UsageError(message.replace(/^Option '([^']+)' argument missing$/, 'option $1 needs a value'));
  }
}

/** Renders a command's --help. */
export function renderHelp(command: Command): string {
  const rows = Object.entries({ ...command.flags, ...GLOBAL_FLAGS }).map(([name, spec]) => {
    const left = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return `  ${left.padEnd(28)} ${spec.description}`;
  });
  return `Usage: jobtop ${command.usage}\n\n${command.summary}\n\nOptions:\n${rows.join('\n')}\n`;
}
