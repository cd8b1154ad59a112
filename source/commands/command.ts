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
  config: {
    type: 'string',
    value: 'FILE',
    description:
      'config file (default: $JOBTOP_CONFIG, $XDG_CONFIG_HOME/jobtop/config.yaml, ~/.config/jobtop/config.yaml)',
  },
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
    options[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  try {
    const { values, positionals } = parseArgs({
      args: joinDashValues(argv, all),
      options,
      strict: true,
      allowPositionals: true,
    });
    return { flags: values as ParsedArgs['flags'], positionals };
  } catch (error) {
    const message = (error as Error).message
      .replace(/^Unknown option '([^']+)'.*$/s, 'unknown option $1')
      .replace(/\. To specify a positional.*$/s, '');
    throw new UsageError(message.replace(/^Option '([^']+)' argument missing$/, 'option $1 needs a value'));
  }
}

/**
 * Joins `--flag -value` into `--flag=-value` for string flags, so a value may start with a
 * dash (`--sort -created`); why: node's parseArgs reads a leading dash as the next option.
 */
function joinDashValues(argv: readonly string[], flags: Record<string, FlagSpec>): string[] {
  const out: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const next = argv[index + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null;
    if (
      name &&
      flags[name]?.type === 'string' &&
      next !== undefined &&
      /^-[^-]/.test(next) &&
      !isShortFlag(next, flags)
    ) {
      out.push(`${arg}=${next}`);
      index += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function isShortFlag(arg: string, flags: Record<string, FlagSpec>): boolean {
  return Object.values(flags).some((spec) => spec.short !== undefined && arg === `-${spec.short}`);
}

/**
 * Index of the first word that is not an option or an option's value, so global options may
 * come first (`jobtop --config FILE list`); -1 when there is none.
 */
export function findCommandIndex(
  argv: readonly string[],
  valueFlags: ReadonlySet<string> = new Set(
    Object.keys(GLOBAL_FLAGS).filter((name) => GLOBAL_FLAGS[name].type === 'string'),
  ),
): number {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--') return index + 1 < argv.length ? index + 1 : -1;
    if (!arg.startsWith('-')) return index;
    const name = arg.replace(/^--?/, '');
    if (!arg.includes('=') && valueFlags.has(name)) index += 1;
  }
  return -1;
}

/** Renders a command's --help. */
export function renderHelp(command: Command): string {
  const rows = Object.entries({ ...command.flags, ...GLOBAL_FLAGS }).map(([name, spec]) => {
    const left = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return `  ${left.padEnd(28)} ${spec.description}`;
  });
  return `Usage: jobtop ${command.usage}\n\n${command.summary}\n\nOptions:\n${rows.join('\n')}\n`;
}
