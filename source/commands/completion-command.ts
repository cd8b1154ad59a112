/**
 * `jobtop completion`. PLACEHOLDER: registered so --help lists it; the implementation replaces this body.
 */
import { UsageError, type Command } from './command.js';

/** `jobtop completion`. */
export const completionCommand: Command = {
  name: 'completion',
  usage: 'completion bash|zsh|fish',
  summary: 'Print a shell completion script.',
  flags: {},
  async run() {
    throw new UsageError('jobtop completion is not implemented yet');
  },
};
