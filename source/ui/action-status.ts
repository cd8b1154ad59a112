/**
 * The visible life of an action, derived from the store's PendingAction list and the latest
 * jobs: requested → done (until a refresh confirms the new state) or failed (for a while).
 * Pure and cached per actions array, so every row can ask on every frame.
 */
import { jobKey, parseJobKey, type Job } from '../domain/job.js';
import { shortId } from '../domain/format.js';
import { sanitizeInline } from '../domain/sanitize.js';
import type { ActionKind } from '../adapters/contract.js';
import { ACTION_WORDS } from '../store/action-policy.js';
import type { FleetSnapshot, PendingAction } from '../store/types.js';
import type { NavigationState, Submission } from './navigation-state.js';
import { jobsByKey } from './select.js';

/** How long a row keeps showing a failed action after it failed. */
export const FAILED_MARK_MS = 15_000;

/** Where an action is in its life, as a row shows it. */
export type ActionPhase = 'requested' | 'done' | 'failed' | 'unknown';

/** The label and phase a row shows instead of its state. */
export interface RowAction {
  phase: ActionPhase;
  /** At most 12 cells: "⋯ cancelling", "✔ deleted", "✖ cancel err". */
  text: string;
}

const GERUNDS: Record<ActionKind, string> = Object.fromEntries(
  Object.entries(ACTION_WORDS).map(([kind, words]) => [kind, words.gerund]),
) as Record<ActionKind, string>;

const latestCache = new WeakMap<readonly PendingAction[], Map<string, PendingAction>>();

/** The newest action per job key (cached per actions array). */
export function latestActions(actions: readonly PendingAction[]): Map<string, PendingAction> {
  let map = latestCache.get(actions);
  if (!map) {
    map = new Map();
    for (const action of actions) {
      const known = map.get(action.jobKey);
      if (!known || known.id < action.id) map.set(action.jobKey, action);
    }
    latestCache.set(actions, map);
  }
  return map;
}

/**
 * True when a refresh shows what a done action did: the job vanished or left the state it
 * had when the action was requested; for a retry, the new job is listed.
 */
export function isConfirmed(action: PendingAction, jobs: ReadonlyMap<string, Job>): boolean {
  if (action.kind === 'retry') {
    const newId = action.outcome?.newJobId;
    const source = parseJobKey(action.jobKey)?.source;
    return !newId || !source || jobs.has(jobKey(source, newId));
  }
  const job = jobs.get(action.jobKey);
  return !job || job.state !== action.stateAtRequest;
}

/** The phase an action shows, or null once a refresh confirmed it (or a failure aged out). */
export function actionPhase(action: PendingAction, jobs: ReadonlyMap<string, Job>, now: number): ActionPhase | null {
  if (action.status === 'requested' || (action.status === 'unknown' && action.checking)) return 'requested';
  if (action.status === 'unknown') return isConfirmed(action, jobs) ? null : 'unknown';
  if (action.status === 'failed') return now - (action.settledAt ?? action.at) < FAILED_MARK_MS ? 'failed' : null;
  return isConfirmed(action, jobs) ? null : 'done';
}

/** What a job's row shows for its newest action, or null. */
export function rowAction(fleet: Pick<FleetSnapshot, 'actions' | 'jobs'>, key: string, now: number): RowAction | null {
  const action = latestActions(fleet.actions).get(key);
  if (!action) return null;
  const phase = actionPhase(action, jobsByKey(fleet.jobs), now);
  if (phase === null) return null;
  if (phase === 'requested')
    return { phase, text: action.status === 'unknown' ? '⋯ checking' : `⋯ ${GERUNDS[action.kind]}` };
  if (phase === 'unknown') return { phase, text: '? unknown' };
  if (phase === 'failed') return { phase, text: `✖ ${action.kind} err` };
  return { phase, text: `✔ ${action.outcome?.effect ?? `${action.kind} sent`}` };
}

/** The store's actions that belong to a submission: the first one per sent key after it was sent. */
export function submissionActions(
  submission: Submission,
  actions: readonly PendingAction[],
): Map<string, PendingAction> {
  const keys = new Set(submission.keys);
  const out = new Map<string, PendingAction>();
  for (const action of actions) {
    if (action.id <= submission.afterActionId || action.kind !== submission.kind || !keys.has(action.jobKey)) continue;
    if (!out.has(action.jobKey)) out.set(action.jobKey, action);
  }
  return out;
}

/**
 * Why `kind` must not be asked again for `key` yet, or null: an earlier request is still in
 * flight, or done but not yet confirmed by a refresh (a second request would be sent twice).
 */
export function busyReason(
  state: Pick<NavigationState, 'fleet' | 'submissions'>,
  key: string,
  kind: ActionKind,
): string | null {
  const jobs = jobsByKey(state.fleet.jobs);
  for (const action of state.fleet.actions) {
    if (action.jobKey !== key || action.kind !== kind) continue;
    const phase = actionPhase(action, jobs, Number.POSITIVE_INFINITY);
    if (phase === 'requested') return `a ${kind} of ${describeKey(key)} is already in flight`;
    if (phase === 'unknown')
      return `a ${kind} of ${describeKey(key)} was sent and got no answer; its outcome is unknown until a refresh shows the job (r refreshes)`;
    if (phase === 'done')
      return `a ${kind} of ${describeKey(key)} was already accepted; waiting for the next refresh to show it`;
  }
  for (const submission of state.submissions) {
    if (submission.settled || submission.kind !== kind || !submission.keys.includes(key)) continue;
    if (!submissionActions(submission, state.fleet.actions).has(key))
      return `a ${kind} of ${describeKey(key)} was just sent`;
  }
  return null;
}

/** The store's highest action id. */
export function lastActionId(actions: readonly PendingAction[]): number {
  return actions.reduce((max, action) => Math.max(max, action.id), 0);
}

/** A job key for messages: "demo-osapi/5f1c…00001" (sanitized, id shortened). */
export function describeKey(key: string): string {
  const parsed = parseJobKey(key);
  return sanitizeInline(parsed ? `${parsed.source}/${shortId(parsed.id)}` : key, 120);
}
