/**
 * `jobtop init`. PLACEHOLDER: registered so --help lists it; the implementation replaces this body.
 */
import { UsageError, type Command } from './command.js';

/** `jobtop init`. */
export const initCommand: Command = {
  name: 'init',
  usage: 'init [--force] [FILE]',
  summary: 'Write a commented starter config (every vendor, every option) without overwriting an existing file.',
  flags: {},
  async run() {
    throw new UsageError('jobtop init is not implemented yet');
  },
};
