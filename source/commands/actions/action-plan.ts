/**
 * What an action command will do to each named job before it asks: ready (with the
 * consequence the source declares for this job's state), refused (read-only, no such action,
 * not allowed in this state — nothing will be sent), not found, or unreachable.
 */
import { VENDOR_NAMES, type Job } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import type { ActionKind, ActionSpec, JobSource } from '../../adapters/contract.js';
import type { ResolvedTarget } from '../shared/job-selector.js';
import type { JobLookup } from '../shared/look-up-job.js';
import { PAST_TENSE } from './action-report.js';

/** One job's part in an action. */
export interface PlannedAction {
  target: ResolvedTarget;
  spec: ActionSpec | undefined;
  job: Job | null;
  status: 'ready' | 'refused' | 'not-found' | 'unreachable';
  /** The consequence when ready; why not otherwise. */
  reason: string;
  /** The action deletes something (a delete, or an Alteryx cancel of a queued job): it needs the stronger confirmation. */
  deletes: boolean;
}

/** "MCRIT's API has no cancel — it offers Delete (jobtop delete)": the monitor's sentence, with commands for keys. */
export function noActionReason(source: JobSource, kind: ActionKind): string {
  const offered = (Object.keys(source.capabilities.actions) as ActionKind[]).map((other) => `${source.capabilities.actions[other]!.label} (jobtop ${other})`);
  const vendor = VENDOR_NAMES[source.vendor];
  return `${vendor}${vendor.endsWith('s') ? "'" : "'s"} API has no ${kind}${offered.length > 0 ? ` — it offers ${offered.join(', ')}` : ''}`;
}

/** Plans `kind` on one target; looks the job up only when the source could act on it at all. */
export async function planAction(kind: ActionKind, target: ResolvedTarget, lookUp: (target: ResolvedTarget) => Promise<JobLookup>): Promise<PlannedAction> {
  const source = target.jobSource;
  const spec = source.capabilities.actions[kind];
  const base = { target, spec, job: null, deletes: false };
  // why: the monitor's rules in its order (read-only, no such action, the job's state); the action runner checks them again and has the last say.
  if (target.readonly) return { ...base, status: 'refused', reason: `${source.name} is read-only: nothing was sent` };
  if (!spec) return { ...base, status: 'refused', reason: noActionReason(source, kind) };
  const found = await lookUp(target);
  if (found.kind === 'not-found') return { ...base, status: 'not-found', reason: found.message };
  if (found.kind === 'error') return { ...base, status: 'unreachable', reason: found.message };
  const availability = spec.availability(found.job);
  if (!availability.ok) return { ...base, job: found.job, status: 'refused', reason: availability.reason };
  // why: Alteryx's Cancel deletes a queued job (Alteryx Server API v3, `DELETE /v3/jobs/{id}`; docs/keys.md "Actions"); a delete in effect gets the delete's stronger confirmation, as in the monitor.
  const deletes = kind === 'delete' || (spec.destructive && found.job.state === 'queued');
  return { ...base, job: found.job, status: 'ready', reason: availability.consequence, deletes };
}

/** The summary shown before the question: per source, each job with type, state and consequence; then what will not be sent. */
export function describePlan(kind: ActionKind, plans: readonly PlannedAction[]): string {
  const lines: string[] = [];
  const ready = plans.filter((plan) => plan.status === 'ready');
  for (const sourceName of new Set(ready.map((plan) => plan.target.source))) {
    const ofSource = ready.filter((plan) => plan.target.source === sourceName);
    const { spec, target } = ofSource[0];
    lines.push(`${spec!.label} on ${sanitizeInline(sourceName, 200)} (${VENDOR_NAMES[target.jobSource.vendor]}: ${spec!.request}):`);
    for (const plan of ofSource) {
      const job = plan.job!;
      lines.push(`  ${sanitizeInline(plan.target.key, 300)}  ${sanitizeInline(job.type, 200) || '—'}  ${job.state} (${sanitizeInline(job.nativeState, 100) || '—'})`);
      lines.push(`      ${sanitizeInline(plan.reason, 500)}`);
    }
  }
  const skipped = plans.filter((plan) => plan.status !== 'ready');
  if (skipped.length > 0) {
    lines.push(`Not ${PAST_TENSE[kind]}, nothing sent (${skipped.length}):`);
    for (const plan of skipped) lines.push(`  ${sanitizeInline(plan.target.key, 300)}: ${sanitizeInline(plan.reason, 1000)}`);
  }
  return `${lines.join('\n')}\n`;
}
