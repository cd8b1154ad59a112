/**
 * How an action command reports each job's outcome: what the server did in its own words
 * (`cancelled`, or `deleted` for an Alteryx job that was still queued; a retry's new job id),
 * or why nothing was done — as a line or as JSON for scripts.
 */
import { jobKey } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import type { ActionKind } from '../../adapters/contract.js';
import type { PendingAction } from '../../store/types.js';
import type { PlannedAction } from './action-plan.js';

/** The past tense of each action, for "not cancelled". */
export const PAST_TENSE: Record<ActionKind, string> = { cancel: 'cancelled', delete: 'deleted', retry: 'retried' };

/** One job's outcome as a line: `ok` lines go to stdout, the others to stderr. */
export function outcomeLine(kind: ActionKind, plan: PlannedAction, action: PendingAction | undefined): { ok: boolean; text: string } {
  const key = sanitizeInline(plan.target.key, 300);
  if (action?.status === 'done' && action.outcome) {
    const { outcome } = action;
    const retried = outcome.newJobId === undefined ? '' : ` as ${sanitizeInline(jobKey(plan.target.source, outcome.newJobId), 300)}`;
    return { ok: true, text: `${key} ${outcome.effect}${retried}: ${sanitizeInline(outcome.message, 1000)}` };
  }
  // why: a refusal decided before sending keeps the monitor's sentence; anything sent reports the runner's (the server's) words.
  const why = plan.status === 'ready' ? (action?.error ?? plan.reason) : plan.reason;
  // why: refusals decided here never reach a server; say so unless the message already does.
  const unsent = plan.status !== 'ready' && !/nothing (was|will be) sent/.test(why) ? ' (nothing was sent)' : '';
  return { ok: false, text: `${key}: not ${PAST_TENSE[kind]}: ${sanitizeInline(why, 1000)}${unsent}` };
}

/** One job's outcome for `--json`: strings exact, as the server sent them. */
export function outcomeJson(kind: ActionKind, plan: PlannedAction, action: PendingAction | undefined): Record<string, unknown> {
  const outcome = action?.status === 'done' ? action.outcome : undefined;
  return {
    key: plan.target.key,
    action: kind,
    ok: outcome !== undefined,
    effect: outcome?.effect ?? null,
    message: outcome?.message ?? null,
    newJobId: outcome?.newJobId ?? null,
    newKey: outcome?.newJobId === undefined ? null : jobKey(plan.target.source, outcome.newJobId),
    error: outcome ? null : plan.status === 'ready' ? (action?.error ?? plan.reason) : plan.reason,
    sent: plan.status === 'ready',
  };
}
