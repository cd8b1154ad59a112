/**
 * Every subcommand, in the order `jobtop --help` lists them.
 */
import type { Command } from './command.js';
import { listCommand } from './list-command.js';
import { demoCommand } from './demo-command.js';
import { monitorCommand } from './monitor-command.js';

/** The subcommands jobtop knows. */
export const COMMANDS: readonly Command[] = [monitorCommand, listCommand, demoCommand];
