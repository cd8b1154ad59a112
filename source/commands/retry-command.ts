/**
 * `jobtop retry`. PLACEHOLDER: registered so --help lists it; the implementation replaces this body.
 */
import { UsageError, type Command } from './command.js';

/** `jobtop retry`. */
export const retryCommand: Command = {
  name: 'retry',
  usage: 'retry SOURCE/ID... [--yes]',
  summary: 'Retry jobs where the API offers it (asks first).',
  flags: {},
  async run() {
    throw new UsageError('jobtop retry is not implemented yet');
  },
};
