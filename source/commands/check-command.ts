/**
 * `jobtop check`. PLACEHOLDER: registered so --help lists it; the implementation replaces this body.
 */
import { UsageError, type Command } from './command.js';

/** `jobtop check`. */
export const checkCommand: Command = {
  name: 'check',
  usage: 'check [--json]',
  summary: 'Probe each source: reachable, TLS, authenticated, capabilities, job count, response time.',
  flags: {},
  async run() {
    throw new UsageError('jobtop check is not implemented yet');
  },
};
