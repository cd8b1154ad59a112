/**
 * Alteryx statuses and dispositions against the normalized states (docs/vendors.md). The list
 * says only `Completed`; how a completed job ended comes from the detail's `disposition`.
 */
import type { JobFlag, JobState } from '../../domain/job.js';
import { asString } from '../read-fields.js';

/** A native status (plus disposition) mapped onto the normalized states. */
export interface AlteryxStateMapping {
  state: JobState;
  terminal: boolean;
  flags: JobFlag[];
}

/** A mapping with the given flags (none by default). */
function mapped(state: JobState, terminal: boolean, flags: JobFlag[] = []): AlteryxStateMapping {
  return { state, terminal, flags };
}

/**
 * Maps an Alteryx `status` (and, for completed jobs, the detail's `disposition`) to the
 * normalized state (docs/vendors.md). A completed job without a disposition is `unknown` and
 * flagged `needs-disposition`; an unknown status is `unknown` and not terminal.
 */
export function mapAlteryxState(status: unknown, disposition?: unknown): AlteryxStateMapping {
  if (isAlteryxCompleted(status)) return mapDisposition(disposition);
  switch (asString(status)?.toLowerCase()) {
    case 'created':
    case 'queued':
      return mapped('queued', false);
    case 'initializing':
    case 'running':
      return mapped('running', false);
    case 'cancelled':
    case 'canceled':
      return mapped('cancelled', true);
    default:
      return mapped('unknown', false);
  }
}

function mapDisposition(disposition: unknown): AlteryxStateMapping {
  switch (asString(disposition)?.toLowerCase()) {
    case 'success':
      return mapped('succeeded', true);
    case 'warning':
      return mapped('succeeded', true, ['warnings']);
    case 'error':
      return mapped('failed', true);
    case 'cancelled':
    case 'canceled':
      return mapped('cancelled', true);
    case undefined:
      return mapped('unknown', true, ['needs-disposition']);
    default:
      // why: an answered but unrecognised disposition ("None" on a finished job): asking again won't help.
      return mapped('unknown', true);
  }
}

/** True for the status a finished job has in the list (`Completed`, or `Complete` as the filter spells it). */
export function isAlteryxCompleted(status: unknown): boolean {
  const value = asString(status)?.toLowerCase();
  return value === 'completed' || value === 'complete';
}

/** The native state shown to the user: the status, plus the disposition once a completed job has one. */
export function alteryxNativeState(status: unknown, disposition?: unknown): string {
  const statusText = asString(status) ?? '';
  const dispositionText = asString(disposition);
  return isAlteryxCompleted(status) && dispositionText ? `${statusText}/${dispositionText}` : statusText;
}
