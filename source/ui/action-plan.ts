/**
 * Planning an action before its dialog opens and again when the re-read of its targets
 * answers: which jobs it will touch (with what the action policy says it does to each now),
 * which it skips and why, and how strong the confirmation must be. The plan captures source
 * and id of every target: that is the lock a refresh can never move.
 */
import type { Job } from '../domain/job.js';
import { confirmationFor } from '../domain/confirm-token.js';
import type { ActionKind } from '../adapters/contract.js';
import {
  capitalize,
  judgeAction,
  noActionReason as policyNoAction,
  pastTense,
  sourceRefusal as policyRefusal,
  type ActionHint,
} from '../store/action-policy.js';
import type { SourceSnapshot } from '../store/types.js';
import { KEYMAP } from './keymap.js';
import { keyLabel } from './keys.js';
import type { ActionDialog, ActionTarget, NavigationState, RecheckState, SkippedTarget } from './navigation-state.js';
import { busyReason, describeKey } from './action-status.js';
import { jobsByKey, sourceByName } from './select.js';

export { capitalize, pastTense };

/** The key that runs each action (from the key table), for messages that point to another action. */
export function actionKey(kind: ActionKind): string {
  const binding = KEYMAP.find((row) => row.command === `action-${kind}`);
  return binding ? keyLabel(binding.keys[0]) : kind;
}

const KEY_HINT: ActionHint = actionKey;

/** "Vectara's API has no cancel", plus what the source offers instead (with its keys). */
export function noActionReason(source: Pick<SourceSnapshot, 'vendor' | 'capabilities'>, kind: ActionKind): string {
  return policyNoAction(source, kind, KEY_HINT);
}

/** Why `source` cannot run `kind` at all, or null when it can (read-only first: then nothing is offered). */
export function sourceRefusal(
  state: Pick<NavigationState, 'readonly'>,
  source: SourceSnapshot | undefined,
  kind: ActionKind,
): string | null {
  return policyRefusal(source, kind, { readonly: state.readonly, hint: KEY_HINT });
}

/**
 * One job checked for `kind`: a target, or the reason it is skipped. `fresh` holds what the
 * re-read found (null: the job is gone); without an entry the list's job is used.
 */
export function checkJob(
  state: NavigationState,
  kind: ActionKind,
  key: string,
  fresh?: ReadonlyMap<string, Job | null>,
): ActionTarget | SkippedTarget {
  const listed = jobsByKey(state.fleet.jobs).get(key);
  const job = fresh?.has(key) ? fresh.get(key) : listed;
  const source = sourceByName(state, job?.source ?? listed?.source ?? key.split('/')[0]);
  const verdict = judgeAction(source, job, kind, { readonly: state.readonly, hint: KEY_HINT });
  if (!verdict.ok) {
    const reason = fresh?.has(key) && job === null ? 'no longer exists on the server (re-checked)' : verdict.reason;
    return { key, reason, transition: verdict.transition };
  }
  const busy = busyReason(state, key, kind);
  if (busy) return { key, reason: busy };
  const current = job!;
  const wasState = listed && listed.state !== current.state ? listed.state : null;
  return {
    key,
    source: current.source,
    vendor: current.vendor,
    id: current.id,
    type: current.type,
    state: current.state,
    nativeState: current.nativeState,
    consequence: verdict.consequence,
    deletes: verdict.deletes,
    effect: verdict.effect,
    transition: verdict.transition,
    wasState,
    listedState: listed?.state ?? null,
    job: current,
  };
}

/** True when a check found a target. */
export function isTarget(checked: ActionTarget | SkippedTarget): checked is ActionTarget {
  return 'consequence' in checked;
}

/** What the operator types to confirm a delete: the id's shortest unique suffix among the listed jobs, or "<action> N" for several. */
export function confirmTextFor(kind: ActionKind, targets: readonly ActionTarget[], listed: readonly Job[]): string {
  const confirmation = confirmationFor(
    kind,
    targets.map((target) => target.id),
    listed.map((job) => job.id),
    true,
  );
  return confirmation.kind === 'type' ? confirmation.expected : kind;
}

/** The result of planning: a dialog to open, or a sentence saying why none opens. */
export type ActionPlan = { dialog: ActionDialog } | { refusal: string };

/** Plans `kind` on `keys` (the marked jobs when `bulk`, else the one selected or opened job), from the list or from `fresh` re-read jobs. */
export function planAction(
  state: NavigationState,
  kind: ActionKind,
  keys: readonly string[],
  bulk: boolean,
  recheck: RecheckState = { status: 'checking', id: 0 },
  fresh?: ReadonlyMap<string, Job | null>,
): ActionPlan {
  if (keys.length === 0) return { refusal: 'no job selected' };
  const checked = keys.map((key) => checkJob(state, kind, key, fresh));
  const targets = checked.filter(isTarget);
  const skipped = checked.filter((item): item is SkippedTarget => !isTarget(item));
  if (targets.length === 0) {
    if (!bulk) return { refusal: `${capitalize(kind)} ${describeKey(keys[0])}: ${skipped[0].reason}` };
    const reasons = [...new Set(skipped.map((item) => item.reason))];
    return {
      refusal: `none of the ${keys.length} marked jobs can be ${pastTense(kind)}: ${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? '; …' : ''}`,
    };
  }
  const label = sourceByName(state, targets[0].source)?.capabilities.actions[kind]?.label ?? capitalize(kind);
  // why: a plan the re-read could not confirm asks for the stronger, typed confirmation.
  const strong = targets.some((target) => target.deletes) || recheck.status === 'failed';
  return {
    dialog: {
      kind,
      label,
      bulk,
      targets,
      skipped,
      confirmText: strong ? confirmTextFor(kind, targets, state.fleet.jobs) : null,
      typed: '',
      focus: 'no',
      error: null,
      keys,
      recheck,
      paused: state.fleet.paused,
      top: 0,
    },
  };
}
