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
import { pastTense } from '../../store/action-policy.js';

/** The past tense of each action, for "not cancelled" (the action policy's words). */
export const PAST_TENSE: Record<ActionKind, string> = {
  cancel: pastTense('cancel'),
  delete: pastTense('delete'),
  retry: pastTense('retry'),
};

/** One job's outcome as a line: `ok` lines go to stdout, the others to stderr. */
export function outcomeLine(
  kind: ActionKind,
  plan: PlannedAction,
  action: PendingAction | undefined,
): { ok: boolean; text: string } {
  const key = sanitizeInline(plan.target.key, 300);
  if (action?.status === 'unknown') {
    return {
      ok: false,
      text: `${key}: outcome unknown: ${kind} sent, no answer (${sanitizeInline(action.error ?? 'no answer', 500)}); ${sanitizeInline(action.note ?? 'not checked', 300)} — check the job before sending it again`,
    };
  }
  if (action?.status === 'done' && action.outcome && action.note) {
    return {
      ok: true,
      text: `${key} ${action.outcome.effect}: ${kind} sent, no answer; checking… → job is ${action.outcome.effect === 'deleted' ? 'gone (deleted)' : action.outcome.effect}`,
    };
  }
  if (action?.status === 'done' && action.outcome) {
    const { outcome } = action;
    const retried =
      outcome.newJobId === undefined ? '' : ` as ${sanitizeInline(jobKey(plan.target.source, outcome.newJobId), 300)}`;
    return { ok: true, text: `${key} ${outcome.effect}${retried}: ${sanitizeInline(outcome.message, 1000)}` };
  }
  // why: a refusal decided before sending keeps the monitor's sentence; anything sent reports the runner's (the server's) words.
  const why = plan.status === 'ready' ? (action?.error ?? plan.reason) : plan.reason;
  // why: refusals decided here never reach a server; say so unless the message already does.
  const unsent = plan.status !== 'ready' && !/nothing (was|will be|is) sent/.test(why) ? ' (nothing was sent)' : '';
  return { ok: false, text: `${key}: not ${PAST_TENSE[kind]}: ${sanitizeInline(why, 1000)}${unsent}` };
}

/** One job's outcome for `--json`: strings exact, as the server sent them. */
export function outcomeJson(
  kind: ActionKind,
  plan: PlannedAction,
  action: PendingAction | undefined,
): Record<string, unknown> {
  const outcome = action?.status === 'done' ? action.outcome : undefined;
  const unknown = action?.status === 'unknown';
  return {
    key: plan.target.key,
    action: kind,
    // why: an unknown outcome is neither done nor failed: null, with `outcome` saying so.
    ok: unknown ? null : outcome !== undefined,
    outcome: unknown ? 'unknown' : outcome ? 'done' : plan.status === 'ready' ? 'failed' : 'not-sent',
    note: action?.note ?? null,
    effect: outcome?.effect ?? null,
    message: outcome?.message ?? null,
    newJobId: outcome?.newJobId ?? null,
    newKey: outcome?.newJobId === undefined ? null : jobKey(plan.target.source, outcome.newJobId),
    error: outcome ? null : plan.status === 'ready' ? (action?.error ?? plan.reason) : plan.reason,
    request: action?.request ?? null,
    sent: plan.status === 'ready',
  };
}
