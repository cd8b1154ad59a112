/**
 * The one action policy: given a job's fresh state and its source (capabilities, read-only),
 * what an action will really do to it, why not, how to word it and how strongly to confirm it.
 * The TUI's dialog, the CLI's `jobtop cancel|delete|retry` and the store's action runner all
 * ask here, so the rules (read-only first, the source's own ActionSpec, the Alteryx "a queued
 * job is deleted" rule, the wording) are written once (docs/keys.md "Actions").
 */
import { VENDOR_NAMES, type Job, type JobState, type SourceType } from '../domain/job.js';
import type { ActionKind, ActionOutcome, ActionSpec, SourceCapabilities } from '../adapters/contract.js';

/** The words of each action: the verb, its gerund and its past tense. */
export const ACTION_WORDS: Record<ActionKind, { verb: string; gerund: string; past: ActionOutcome['effect'] }> = {
  cancel: { verb: 'cancel', gerund: 'cancelling', past: 'cancelled' },
  delete: { verb: 'delete', gerund: 'deleting', past: 'deleted' },
  retry: { verb: 'retry', gerund: 'retrying', past: 'retried' },
};

/** "cancel" → "cancelled", "delete" → "deleted", "retry" → "retried". */
export function pastTense(kind: ActionKind): string {
  return ACTION_WORDS[kind].past;
}

/** "cancel" → "Cancel". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How strongly an action must be confirmed: y/N, or typing a token that names the job. */
export type ConfirmLevel = 'yes-no' | 'typed';

/** What the policy needs to know about a source. */
export interface PolicySource {
  name: string;
  vendor: SourceType;
  readonly: boolean;
  capabilities: SourceCapabilities;
}

/** How each caller names the way to run another action: a key in the TUI, a command in the CLI. */
export type ActionHint = (kind: ActionKind) => string;

/** The verdict on one job: sendable with its effect and wording, or refused with the reason. */
export type ActionVerdict =
  | {
      ok: true;
      kind: ActionKind;
      spec: ActionSpec;
      /** What the API will really do now (Alteryx: a cancel of a queued job deletes it). */
      effect: ActionOutcome['effect'];
      /** The source's own sentence for this job in this state. */
      consequence: string;
      /** The effect deletes something: it needs the stronger confirmation. */
      deletes: boolean;
      confirmation: ConfirmLevel;
      /** "running → cancelled", "queued → deleted". */
      transition: string;
    }
  | {
      ok: false;
      kind: ActionKind;
      reason: string;
      /** Nothing is sent to this source for this action at all (read-only, no such action, no source). */
      sourceWide: boolean;
      /** "completed → nothing to do, skipped" when the job's state is the reason, else "skipped". */
      transition: string;
    };

/** "Vectara's API has no retry — it offers Cancel (c)". */
export function noActionReason(
  source: Pick<PolicySource, 'vendor' | 'capabilities'>,
  kind: ActionKind,
  hint?: ActionHint,
): string {
  const offered = (Object.keys(source.capabilities.actions) as ActionKind[]).map(
    (other) => `${source.capabilities.actions[other]?.label}${hint ? ` (${hint(other)})` : ''}`,
  );
  const vendor = VENDOR_NAMES[source.vendor] ?? source.vendor;
  return `${vendor}${vendor.endsWith('s') ? "'" : "'s"} API has no ${kind}${offered.length > 0 ? ` — it offers ${offered.join(', ')}` : ''}`;
}

/** The sentence for a read-only source. */
export function readonlyReason(name: string): string {
  return `${name} is read-only: actions are off and nothing is sent`;
}

/** Why `source` cannot run `kind` at all, or null when it can (read-only first: then nothing is offered). */
export function sourceRefusal(
  source: PolicySource | undefined,
  kind: ActionKind,
  options: { readonly?: boolean; hint?: ActionHint } = {},
): string | null {
  if (!source) return 'its source is not configured';
  if (options.readonly || source.readonly) return readonlyReason(source.name);
  if (!source.capabilities.actions[kind]) return noActionReason(source, kind, options.hint);
  return null;
}

/** The effect of `kind` on a job in `state`: why: Alteryx's Cancel deletes a queued job (docs/vendors.md), the one destructive cancel. */
function effectOf(kind: ActionKind, spec: ActionSpec, state: JobState): ActionOutcome['effect'] {
  if (kind === 'cancel' && spec.destructive && state === 'queued') return 'deleted';
  return ACTION_WORDS[kind].past;
}

/** Judges `kind` on `job` (its freshest known state) at `source`. */
export function judgeAction(
  source: PolicySource | undefined,
  job: Job | null | undefined,
  kind: ActionKind,
  options: { readonly?: boolean; hint?: ActionHint } = {},
): ActionVerdict {
  const refusal = sourceRefusal(source, kind, options);
  if (refusal || !source)
    return {
      ok: false,
      kind,
      reason: refusal ?? 'its source is not configured',
      sourceWide: true,
      transition: 'skipped',
    };
  if (!job)
    return {
      ok: false,
      kind,
      reason: 'no longer listed',
      sourceWide: false,
      transition: 'gone → nothing to do, skipped',
    };
  const spec = source.capabilities.actions[kind]!;
  const availability = spec.availability(job);
  if (!availability.ok)
    return {
      ok: false,
      kind,
      reason: availability.reason,
      sourceWide: false,
      transition: `${job.state} → nothing to do, skipped`,
    };
  const effect = effectOf(kind, spec, job.state);
  const deletes = effect === 'deleted';
  // why: a retry leaves the job as it is and creates a new one; the others end the job's life as the effect says.
  const transition = kind === 'retry' ? `${job.state} → retried as a new job` : `${job.state} → ${effect}`;
  return {
    ok: true,
    kind,
    spec,
    effect,
    consequence: availability.consequence,
    deletes,
    confirmation: deletes ? 'typed' : 'yes-no',
    transition,
  };
}

/** The stronger of two confirmation levels (a failed re-check raises y/N to typed). */
export function strongerConfirmation(level: ConfirmLevel, escalate: boolean): ConfirmLevel {
  return escalate ? 'typed' : level;
}
