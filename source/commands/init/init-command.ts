/**
 * `jobtop init [FILE]`: writes the commented starter config (generated from the schema) to
 * FILE, --config, $JOBTOP_CONFIG or the default path, creating its directory. The file is
 * created with mode 600 and never replaces an existing one unless --force. With
 * `--recipe NAME` it writes that http-json recipe instead (docs/http-json.md).
 */
import { linkSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import packageJson from '../../../package.json' with { type: 'json' };
import { defaultConfigPath } from '../../config/config-paths.js';
import { renderStarterConfig } from '../../config/starter-config.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { environmentVariablesOf, recipeNames, recipeText } from './recipes.js';

/** `jobtop init`. */
export const initCommand: Command = {
  name: 'init',
  usage: 'init [--force] [--recipe NAME] [FILE]',
  summary:
    'Write a commented starter config (every vendor, every option), or one http-json recipe, without overwriting an existing file.',
  flags: {
    force: { type: 'boolean', description: 'replace an existing file' },
    recipe: {
      type: 'string',
      value: 'NAME',
      description: `write the config of one http-json recipe instead: ${recipeNames().join(', ')} (docs/http-json.md)`,
    },
  },
  async run(args, io) {
    if (args.positionals.length > 1)
      throw new UsageError(`init takes at most one FILE, got ${args.positionals.length}`);
    if (args.flags.demo === true || args.flags.readonly === true)
      throw new UsageError('--demo and --readonly do not apply to init');
    const explicit =
      args.positionals[0] ??
      (typeof args.flags.config === 'string' ? args.flags.config : undefined) ??
      (io.env.JOBTOP_CONFIG || undefined);
    const path = resolve(explicit ?? defaultConfigPath(io.env));
    const recipe = typeof args.flags.recipe === 'string' ? args.flags.recipe : undefined;
    const { text, envVars } = recipe === undefined ? renderStarterConfig(packageJson.version) : recipeConfig(recipe);
    const existing = kindOf(path);
    if (existing === 'directory') {
      io.stderr.write(`jobtop: ${path} is a directory; name a file such as ${join(path, 'config.yaml')}\n`);
      return EXIT.usage;
    }
    if (existing === 'file' && args.flags.force !== true) {
      io.stderr.write(`jobtop: ${path} already exists; not overwriting it (pass --force to replace it)\n`);
      return EXIT.usage;
    }
    try {
      writeNewFile(path, text, args.flags.force === true);
    } catch (error) {
      if (error instanceof NotADirectory) {
        io.stderr.write(`jobtop: cannot write ${path}: ${error.path} is not a directory\n`);
        return EXIT.usage;
      }
      const code = (error as NodeJS.ErrnoException).code;
      const where = (error as NodeJS.ErrnoException).path;
      const reason =
        code === 'EEXIST'
          ? 'it appeared while writing; not overwriting it (pass --force to replace it)'
          : code === 'EACCES' || code === 'EPERM'
            ? `permission denied${where && where !== path ? ` (${where})` : ''}`
            : code === 'ENOENT' && where && where !== path
              ? `cannot create the directory ${where} (ENOENT: this file system does not allow it)`
              : code === 'EROFS'
                ? 'the file system is read-only'
                : (code ?? String(error));
      io.stderr.write(`jobtop: cannot write ${path}: ${reason}\n`);
      return EXIT.usage;
    }
    const found =
      resolve(defaultConfigPath(io.env)) === path || (io.env.JOBTOP_CONFIG && resolve(io.env.JOBTOP_CONFIG) === path);
    const next =
      recipe === undefined
        ? 'Keep the sources you use, set their url and credentials'
        : 'Set them (or edit the file), and copy its source into your config to monitor it with the others';
    io.stdout.write(
      `Wrote ${path} (mode 600)${recipe === undefined ? '' : ` from the ${recipe} recipe`}.\n` +
        `It reads these environment variables: ${envVars.join(', ')}.\n` +
        `${next}, then run: jobtop check${found ? '' : ` --config ${path}`}\n`,
    );
    return EXIT.ok;
  },
};

/** A recipe as a config file: its text (it names the API doc it follows) and the variables it reads. */
function recipeConfig(name: string): { text: string; envVars: string[] } {
  const text = recipeText(name);
  return {
    text: `# Written by \`jobtop init --recipe ${name}\` (jobtop ${packageJson.version}).\n${text}`,
    envVars: environmentVariablesOf(text),
  };
}

function kindOf(path: string): 'file' | 'directory' | null {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return null;
  }
}

/** A path on the way to the file exists and is not a directory (`/dev/null/x.yaml`). */
class NotADirectory extends Error {
  constructor(readonly path: string) {
    super(`${path} is not a directory`);
  }
}

/**
 * Creates `directory` and its missing parents (mode 700), one level at a time.
 * why not mkdirSync({recursive: true}): on procfs (`/proc/nope/x`) Node's recursive mkdir retries
 * forever at 100 % CPU; and its error for `/dev/null/x` (ENOTDIR on the child) hides which part is wrong.
 */
function makeDirectories(directory: string): void {
  const missing: string[] = [];
  let current = directory;
  for (;;) {
    const kind = kindOf(current);
    if (kind === 'directory') break;
    if (kind === 'file') throw new NotADirectory(current);
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing) mkdirSync(level, { mode: 0o700 });
}

/**
 * Writes a mode-600 temporary file next to `path`, then moves it in place: a hard link when
 * the file must not exist (fails with EEXIST instead of replacing a file created meanwhile),
 * a rename with --force. Either way a reader never sees half a file.
 */
function writeNewFile(path: string, text: string, force: boolean): void {
  makeDirectories(dirname(path));
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
  try {
    if (force) renameSync(temporary, path);
    else linkSync(temporary, path);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // renamed away: nothing left to remove
    }
  }
}
