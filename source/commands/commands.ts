/**
 * Every subcommand, in the order `jobtop --help` lists them.
 */
import type { Command } from './command.js';
import { monitorCommand } from './monitor/monitor-command.js';
import { listCommand } from './list/list-command.js';
import { getCommand } from './get/get-command.js';
import { watchCommand } from './watch/watch-command.js';
import { cancelCommand } from './actions/cancel-command.js';
import { deleteCommand } from './actions/delete-command.js';
import { retryCommand } from './actions/retry-command.js';
import { checkCommand } from './check/check-command.js';
import { historyCommand } from './history/history-command.js';
import { initCommand } from './init/init-command.js';
import { demoCommand } from './demo/demo-command.js';
import { exporterCommand } from './exporter/exporter-command.js';
import { completionCommand } from './completion/completion-command.js';

/** The subcommands jobtop knows. */
export const COMMANDS: readonly Command[] = [
  monitorCommand,
  listCommand,
  getCommand,
  watchCommand,
  cancelCommand,
  deleteCommand,
  retryCommand,
  historyCommand,
  checkCommand,
  initCommand,
  demoCommand,
  exporterCommand,
  completionCommand,
];
