/**
 * `jobtop completion bash|zsh|fish`: prints a completion script for the shell, generated from
 * every command's flag table (completion-scripts.ts).
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { UsageError, type Command } from '../command.js';
import { COMMANDS } from '../commands.js';
import { SHELLS, completionScript, type Shell } from './completion-scripts.js';

/** `jobtop completion`. */
export const completionCommand: Command = {
  name: 'completion',
  usage: 'completion bash|zsh|fish',
  summary:
    'Print a shell completion script: subcommands, their flags and flag values, config files, and job SOURCE/IDs (by running jobtop list --format ids). bash: source <(jobtop completion bash); zsh: source <(jobtop completion zsh); fish: jobtop completion fish | source.',
  flags: {},
  async run(args, io) {
    const [shell, ...rest] = args.positionals;
    if (shell === undefined || rest.length > 0 || !(SHELLS as readonly string[]).includes(shell)) {
      throw new UsageError(
        `completion expects one shell: ${SHELLS.join(', ')}${shell === undefined ? '' : `, got "${sanitizeInline(args.positionals.join(' '), 100)}"`}`,
      );
    }
    // why: COMMANDS is read at run time, not import time: commands.ts imports this module (a cycle ESM resolves this way).
    io.stdout.write(completionScript(shell as Shell, COMMANDS));
    return 0;
  },
};
