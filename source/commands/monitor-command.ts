/**
 * `jobtop` with no subcommand: the full-screen live monitor. Loads the UI lazily so the
 * one-shot commands never pay for React and Ink.
 */
import type { Command } from './command.js';
import { openFromFlags } from './open-sources.js';

/** The live monitor. */
export const monitorCommand: Command = {
  name: 'monitor',
  usage: '[monitor] [options]',
  summary: 'The full-screen live monitor of every configured source (the embedded demo fleet when no config file exists).',
  flags: {
    bell: { type: 'boolean', description: 'ring the terminal bell when a job fails' },
  },
  async run(args, io) {
    const opened = await openFromFlags(args.flags, { demoWhenMissing: true, oneShot: false, env: io.env });
    for (const warning of opened.config.warnings) io.stderr.write(`jobtop: warning: ${warning}\n`);
    const { runTui } = await import('../run-tui.js');
    return runTui(opened, { bell: args.flags.bell === true, readonly: args.flags.readonly === true });
  },
};
