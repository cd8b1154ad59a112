/**
 * Planning an action before its dialog opens: which jobs it will touch (with what the source
 * says it does to each), which it skips and why (read-only, the source has no such action,
 * the job's state, already requested), and how strong the confirmation must be. The plan
 * captures source and id of every target: that is the lock a refresh can never move.
 */
import { VENDOR_NAMES, type Job } from '../domain/job.js';
import type { ActionKind } from '../adapters/contract.js';
import type { SourceSnapshot } from '../store/types.js';
import { KEYMAP } from './keymap.js';
import { keyLabel } from './keys.js';
import type { ActionDialog, ActionTarget, NavigationState, SkippedTarget } from './navigation-state.js';
import { busyReason, describeKey } from './action-status.js';
import { jobsByKey, sourceByName } from './select.js';

/** The key that runs each action (from the key table), for messages that point to another action. */
export function actionKey(kind: ActionKind): string {
  const binding = KEYMAP.find((row) => row.command === `action-${kind}`);
  return binding ? keyLabel(binding.keys[0]) : kind;
}

/** "Vectara's API has no cancel", plus what the source offers instead. */
export function noActionReason(source: Pick<SourceSnapshot, 'vendor' | 'capabilities'>, kind: ActionKind): string {
  const offered = (Object.keys(source.capabilities.actions) as ActionKind[]).map((other) => `${source.capabilities.actions[other]?.label} (${actionKey(other)})`);
  const vendor = VENDOR_NAMES[source.vendor] ?? source.vendor;
  return `${vendor}${vendor.endsWith('s') ? "'" : "'s"} API has no ${kind}${offered.length > 0 ? ` — it offers ${offered.join(', ')}` : ''}`;
}

/** Why `source` cannot run `kind` at all, or null when it can (read-only first: then nothing is offered). */
export function sourceRefusal(state: Pick<NavigationState, 'readonly'>, source: SourceSnapshot | undefined, kind: ActionKind): string | null {
  if (!source) return 'its source is not configured';
  if (state.readonly || source.readonly) return `${source.name} is read-only: actions are off and nothing is sent`;
  if (!source.capabilities.actions[kind]) return noActionReason(source, kind);
  return null;
}

/** One job checked for `kind`: a target, or the reason it is skipped. */
export function checkJob(state: NavigationState, kind: ActionKind, key: string): ActionTarget | SkippedTarget {
  const job: Job | undefined = jobsByKey(state.fleet.jobs).get(key);
  if (!job) return { key, reason: 'no longer listed' };
  const source = sourceByName(state, job.source);
  const refusal = sourceRefusal(state, source, kind);
  if (refusal || !source) return { key, reason: refusal ?? 'its source is not configured' };
  const spec = source.capabilities.actions[kind]!;
  const busy = busyReason(state, key, kind);
  if (busy) return { key, reason: busy };
  const availability = spec.availability(job);
  if (!availability.ok) return { key, reason: availability.reason };
  // why: Alteryx's Cancel deletes a queued job (Alteryx Server API v3, `DELETE /v3/jobs/{id}`; docs/keys.md "Actions"); a delete in effect gets the delete's stronger confirmation.
  const deletes = kind === 'delete' || (spec.destructive && job.state === 'queued');
  return { key, source: job.source, vendor: job.vendor, id: job.id, type: job.type, state: job.state, nativeState: job.nativeState, consequence: availability.consequence, deletes };
}

/** True when a check found a target. */
export function isTarget(checked: ActionTarget | SkippedTarget): checked is ActionTarget {
  return 'consequence' in checked;
}

/** What the operator types to confirm a delete: the id's first 4 characters, or `yes` for several jobs or an id that cannot be typed. */
export function confirmTextFor(targets: readonly ActionTarget[]): string {
  if (targets.length !== 1) return 'yes';
  const head = targets[0].id.slice(0, 4);
  return /^[\x21-\x7e]+$/.test(head) ? head : 'yes';
}

/** The result of planning: a dialog to open, or a sentence saying why none opens. */
export type ActionPlan = { dialog: ActionDialog } | { refusal: string };

/** Plans `kind` on `keys` (the marked jobs when `bulk`, else the one selected or opened job). */
export function planAction(state: NavigationState, kind: ActionKind, keys: readonly string[], bulk: boolean): ActionPlan {
  if (keys.length === 0) return { refusal: 'no job selected' };
  const checked = keys.map((key) => checkJob(state, kind, key));
  const targets = checked.filter(isTarget);
  const skipped = checked.filter((item): item is SkippedTarget => !isTarget(item));
  if (targets.length === 0) {
    if (!bulk) return { refusal: `${capitalize(kind)} ${describeKey(keys[0])}: ${skipped[0].reason}` };
    const reasons = [...new Set(skipped.map((item) => item.reason))];
    return { refusal: `none of the ${keys.length} marked jobs can be ${pastTense(kind)}: ${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? '; …' : ''}` };
  }
  const label = sourceByName(state, targets[0].source)?.capabilities.actions[kind]?.label ?? capitalize(kind);
  const strong = targets.some((target) => target.deletes);
  return { dialog: { kind, label, bulk, targets, skipped, confirmText: strong ? confirmTextFor(targets) : null, typed: '', focus: 'no', error: null } };
}

/** "cancel" → "Cancel". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "cancel" → "cancelled", "delete" → "deleted", "retry" → "retried". */
export function pastTense(kind: ActionKind): string {
  return kind === 'cancel' ? 'cancelled' : kind === 'delete' ? 'deleted' : 'retried';
}
