/**
 * Every subcommand, in the order `jobtop --help` lists them.
 */
import type { Command } from './command.js';
import { monitorCommand } from './monitor-command.js';
import { listCommand } from './list-command.js';
import { getCommand } from './get-command.js';
import { watchCommand } from './watch-command.js';
import { cancelCommand } from './cancel-command.js';
import { deleteCommand } from './delete-command.js';
import { retryCommand } from './retry-command.js';
import { checkCommand } from './check-command.js';
import { initCommand } from './init-command.js';
import { demoCommand } from './demo-command.js';
import { completionCommand } from './completion-command.js';

/** The subcommands jobtop knows. */
export const COMMANDS: readonly Command[] = [
  monitorCommand,
  listCommand,
  getCommand,
  watchCommand,
  cancelCommand,
  deleteCommand,
  retryCommand,
  checkCommand,
  initCommand,
  demoCommand,
  completionCommand,
];
