/**
 * `jobtop cancel SOURCE/ID...`: cancels jobs where the source's API has a cancel (Alteryx:
 * a running job is cancelled, a queued one is deleted — the confirmation and the outcome say which).
 */
import { createActionCommand } from './action-command.js';

/** `jobtop cancel`. */
export const cancelCommand = createActionCommand('cancel', {
  usage: 'cancel SOURCE/ID... [--yes]',
  summary:
    "Cancel jobs where the source's API offers it (Alteryx: a running job is cancelled, a queued job is deleted instead). Asks first on a terminal (default No; type the job id when the cancel would delete a queued job); without a terminal it refuses unless --yes. Read-only sources send nothing. Exit 0 when every job was cancelled, 9 when one was refused, 6 not found, 7 source unreachable, 1 not confirmed.",
});
