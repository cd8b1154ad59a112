/**
 * `jobtop retry SOURCE/ID...`: retries failed jobs where the source's API has a retry (OSAPI
 * submits a new job; its id is printed).
 */
import { createActionCommand } from './action-command.js';

/** `jobtop retry`. */
export const retryCommand = createActionCommand('retry', {
  usage: 'retry SOURCE/ID... [--yes]',
  summary:
    "Retry failed jobs where the source's API offers it (OSAPI submits a new job with the same operation; the new job's SOURCE/ID is printed). Asks first on a terminal (y/N, default No); without a terminal it refuses unless --yes. Read-only sources send nothing. Exit 0 when every job was retried, 9 when one was refused, 6 not found, 7 source unreachable, 1 not confirmed.",
});
