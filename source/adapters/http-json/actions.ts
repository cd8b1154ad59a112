/**
 * The actions a declaration offers: each sends the request it declares, says what the API
 * really does in the declaration's own words (`means`), and applies only in the states of `when`.
 */
import type { ActionKind, ActionOutcome, ActionSpec, SourceCapabilities } from '../contract.js';
import type { DeclaredAction, HttpJsonDeclaration } from './declaration.js';

const LABELS: Record<ActionKind, string> = { cancel: 'Cancel', delete: 'Delete', retry: 'Retry' };
const EFFECTS: Record<ActionKind, ActionOutcome['effect']> = {
  cancel: 'cancelled',
  delete: 'deleted',
  retry: 'retried',
};

/** The ActionSpec of one declared action. */
export function declaredActionSpec(action: DeclaredAction): ActionSpec {
  return {
    kind: action.kind,
    label: LABELS[action.kind],
    request: `${action.method} ${action.path}`,
    consequence: action.means,
    destructive: action.kind === 'delete',
    availability(job) {
      if (action.when === null || action.when.includes(job.state)) return { ok: true, consequence: action.means };
      return {
        ok: false,
        reason: `${LABELS[action.kind]} applies to ${action.when.join(' or ')} jobs; this one is ${job.state}`,
      };
    },
  };
}

/** What a declared source can do: detail and messages when declared, the declared actions; no steps, no stats. */
export function declaredCapabilities(declaration: HttpJsonDeclaration): SourceCapabilities {
  const actions: SourceCapabilities['actions'] = {};
  for (const action of Object.values(declaration.actions)) actions[action.kind] = declaredActionSpec(action);
  const missing: SourceCapabilities['missing'] = { steps: "This source's declaration has no steps." };
  if (!declaration.messages) missing.messages = "This source's declaration has no messages endpoint.";
  if (!declaration.detail?.result) missing.result = "This source's declaration has no result.";
  return {
    detail: declaration.detail !== null,
    steps: false,
    messages: declaration.messages !== null,
    result: declaration.detail?.result != null,
    stats: false,
    actions,
    missing,
  };
}

/** The outcome of a declared action the server accepted: its effect and the declaration's words. */
export function declaredOutcome(action: DeclaredAction, id: string, status: number): ActionOutcome {
  return {
    kind: action.kind,
    effect: EFFECTS[action.kind],
    message: `${LABELS[action.kind]} of ${id} accepted (HTTP ${status}): ${action.means}`,
  };
}

/** A declared path with the job's id filled in (percent-encoded). */
export function pathFor(template: string, id: string): string {
  return template.replaceAll('{id}', encodeURIComponent(id));
}
