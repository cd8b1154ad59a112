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
import {
  judgeAction,
  noActionReason as policyNoAction,
  sourceRefusal,
  type ActionHint,
} from '../../store/action-policy.js';

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
  /** "running → cancelled", when ready. */
  transition?: string;
}

/** "MCRIT's API has no cancel — it offers Delete (jobtop delete)": the monitor's sentence, with commands for keys. */
export function noActionReason(source: JobSource, kind: ActionKind): string {
  return policyNoAction(source, kind, COMMAND_HINT);
}

const COMMAND_HINT: ActionHint = (other) => `jobtop ${other}`;

/** Plans `kind` on one target; looks the job up only when the source could act on it at all. */
export async function planAction(
  kind: ActionKind,
  target: ResolvedTarget,
  lookUp: (target: ResolvedTarget) => Promise<JobLookup>,
): Promise<PlannedAction> {
  const source = target.jobSource;
  const spec = source.capabilities.actions[kind];
  const base = { target, spec, job: null, deletes: false };
  const policySource = {
    name: source.name,
    vendor: source.vendor,
    capabilities: source.capabilities,
    readonly: target.readonly,
  };
  // why: the action policy's rules in its order (read-only, no such action, the job's state); the action runner asks it again and has the last say.
  const refusal = sourceRefusal(policySource, kind, { hint: COMMAND_HINT });
  if (refusal) return { ...base, status: 'refused', reason: refusal };
  const found = await lookUp(target);
  if (found.kind === 'not-found') return { ...base, status: 'not-found', reason: found.message };
  if (found.kind === 'error') return { ...base, status: 'unreachable', reason: found.message };
  const verdict = judgeAction(policySource, found.job, kind, { hint: COMMAND_HINT });
  if (!verdict.ok) return { ...base, job: found.job, status: 'refused', reason: verdict.reason };
  return {
    ...base,
    job: found.job,
    status: 'ready',
    reason: verdict.consequence,
    deletes: verdict.deletes,
    transition: verdict.transition,
  };
}

/** The summary shown before the question: per source, each job with type, state and consequence; then what will not be sent. */
export function describePlan(kind: ActionKind, plans: readonly PlannedAction[]): string {
  const lines: string[] = [];
  const ready = plans.filter((plan) => plan.status === 'ready');
  for (const sourceName of new Set(ready.map((plan) => plan.target.source))) {
    const ofSource = ready.filter((plan) => plan.target.source === sourceName);
    const { spec, target } = ofSource[0];
    lines.push(
      `${spec!.label} on ${sanitizeInline(sourceName, 200)} (${VENDOR_NAMES[target.jobSource.vendor]}: ${spec!.request}):`,
    );
    for (const plan of ofSource) {
      const job = plan.job!;
      lines.push(
        `  ${sanitizeInline(plan.target.key, 300)}  ${sanitizeInline(job.type, 200) || '—'}  ${plan.transition ?? job.state} (now; native: ${sanitizeInline(job.nativeState, 100) || '—'})`,
      );
      lines.push(`      ${sanitizeInline(plan.reason, 500)}`);
    }
  }
  const skipped = plans.filter((plan) => plan.status !== 'ready');
  if (skipped.length > 0) {
    lines.push(`Not ${PAST_TENSE[kind]}, nothing sent (${skipped.length}):`);
    for (const plan of skipped)
      lines.push(`  ${sanitizeInline(plan.target.key, 300)}: ${sanitizeInline(plan.reason, 1000)}`);
  }
  return `${lines.join('\n')}\n`;
}
