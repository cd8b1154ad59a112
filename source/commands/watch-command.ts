/**
 * `jobtop watch`. PLACEHOLDER: registered so --help lists it; the implementation replaces this body.
 */
import { UsageError, type Command } from './command.js';

/** `jobtop watch`. */
export const watchCommand: Command = {
  name: 'watch',
  usage: 'watch SOURCE/ID... [options]',
  summary: 'Follow jobs until all are terminal; --exit-status for scripts.',
  flags: {},
  async run() {
    throw new UsageError('jobtop watch is not implemented yet');
  },
};
