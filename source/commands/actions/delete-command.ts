/**
 * `jobtop delete SOURCE/ID...`: deletes job records where the source's API has a delete
 * (OSAPI forgets the record while agents keep working; MCRIT removes the job and its result).
 */
import { createActionCommand } from './action-command.js';

/** `jobtop delete`. */
export const deleteCommand = createActionCommand('delete', {
  usage: 'delete SOURCE/ID... [--yes]',
  summary:
    'Delete jobs where the source\'s API offers it (OSAPI forgets the record but agents keep working; MCRIT removes the job and its result). Asks first on a terminal: type the job id, or "delete N" for N jobs; without a terminal it refuses unless --yes. Read-only sources send nothing. Exit 0 when every job was deleted, 9 when one was refused, 6 not found, 7 source unreachable, 1 not confirmed.',
});
