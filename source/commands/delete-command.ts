/**
 * `jobtop delete`. PLACEHOLDER: registered so --help lists it; the implementation replaces this body.
 */
import { UsageError, type Command } from './command.js';

/** `jobtop delete`. */
export const deleteCommand: Command = {
  name: 'delete',
  usage: 'delete SOURCE/ID... [--yes]',
  summary: 'Delete jobs where the API offers it (asks first).',
  flags: {},
  async run() {
    throw new UsageError('jobtop delete is not implemented yet');
  },
};
