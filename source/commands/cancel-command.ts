/**
 * `jobtop cancel`. PLACEHOLDER: registered so --help lists it; the implementation replaces this body.
 */
import { UsageError, type Command } from './command.js';

/** `jobtop cancel`. */
export const cancelCommand: Command = {
  name: 'cancel',
  usage: 'cancel SOURCE/ID... [--yes]',
  summary: 'Cancel jobs where the API offers it (asks first).',
  flags: {},
  async run() {
    throw new UsageError('jobtop cancel is not implemented yet');
  },
};
