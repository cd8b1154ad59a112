/**
 * `jobtop get`. PLACEHOLDER: registered so --help lists it; the implementation replaces this body.
 */
import { UsageError, type Command } from './command.js';

/** `jobtop get`. */
export const getCommand: Command = {
  name: 'get',
  usage: 'get SOURCE/ID [--json]',
  summary: 'Print everything about one job: fields, steps, messages, result.',
  flags: {},
  async run() {
    throw new UsageError('jobtop get is not implemented yet');
  },
};
