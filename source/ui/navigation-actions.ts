/**
 * Action commands of the navigation reducer: marks, opening the confirmation dialog on the
 * selected, opened or marked jobs, answering it (the request goes out as ONE effect, in the
 * same reducer step that closes the dialog, so a second `y` finds no dialog to confirm), the
 * outcomes overlay, and following sent actions as fleet snapshots arrive.
 */
import { jobKey, parseJobKey } from '../domain/job.js';
import { sanitizeInline } from '../domain/sanitize.js';
import type { ActionKind } from '../adapters/contract.js';
import type { Command } from './keymap.js';
import { isPrintableKey, keyText, type KeyName } from './keys.js';
import { clampTop, windowTop } from './layout.js';
import {
  withEffect,
  type ActionDialog,
  type Flash,
  type FlashTone,
  type NavigationState,
  type RecheckState,
  type SkippedTarget,
  type Submission,
} from './navigation-state.js';
import type { Job } from '../domain/job.js';
import type { PendingAction, RecheckResult } from '../store/types.js';
import { planAction } from './action-plan.js';
import { busyReason, describeKey, lastActionId, submissionActions } from './action-status.js';
import {
  detailKey,
  indexOfKey,
  jobsByKey,
  listBodyHeight,
  outcomeBodyHeight,
  selectedJob,
  visibleJobs,
} from './select.js';
import { outcomeItems } from './content/outcome-lines.js';

/** How long a repeated `y` or Enter after answering a dialog is ignored (key repeat, a doubled press). */
export const SWALLOW_MS = 500;
/** How long a failure stays in the footer. */
export const ERROR_FLASH_MS = 12_000;
/** An action's outcome stays in the footer until the next key (or action). */
export const STICKY_FLASH_MS = Number.POSITIVE_INFINITY;
/** Submissions kept for the outcomes overlay and the pending checks. */
const SUBMISSION_LIMIT = 20;

const ACTION_COMMANDS: Partial<Record<Command, ActionKind>> = {
  'action-cancel': 'cancel',
  'action-delete': 'delete',
  'action-retry': 'retry',
};

/** The action a command runs, if it is an action command. */
export function actionOf(command: Command): ActionKind | undefined {
  return ACTION_COMMANDS[command];
}

function flash(
  state: NavigationState,
  text: string,
  at: number,
  tone: FlashTone = 'info',
  ms?: number,
): NavigationState {
  const next: Flash = { text, at, tone };
  if (ms !== undefined) next.ms = ms;
  return { ...state, flash: next };
}

/** Space: marks or unmarks the selected job, then selects the next row (for marking runs). */
export function toggleMark(state: NavigationState, at: number): NavigationState {
  const job = selectedJob(state);
  if (!job) return flash(state, 'no job selected', at);
  const marks = new Set(state.marks);
  if (marks.has(job.key)) marks.delete(job.key);
  else marks.add(job.key);
  const rows = visibleJobs(state);
  const index = Math.min(rows.length - 1, indexOfKey(rows, job.key) + 1);
  const height = listBodyHeight(state);
  return {
    ...state,
    marks,
    selectedKey: rows[index].key,
    followTop: false,
    listTop: windowTop(state.listTop, index, height, rows.length),
  };
}

/** u: unmarks every job. */
export function clearMarks(state: NavigationState, at: number): NavigationState {
  if (state.marks.size === 0) return flash(state, 'no jobs are marked', at);
  return flash(
    { ...state, marks: new Set() },
    `unmarked ${state.marks.size} job${state.marks.size === 1 ? '' : 's'}`,
    at,
  );
}

/** c / D / R: opens the dialog for the marked jobs (list with marks), the selected job, or the opened job. */
export function openActionDialog(state: NavigationState, kind: ActionKind, at: number): NavigationState {
  if (state.readonly) return flash(state, 'read-only: actions are off and nothing is sent', at, 'error');
  const inDetail = state.view === 'detail';
  const bulk = !inDetail && state.marks.size > 0;
  const key = inDetail ? detailKey(state) : selectedJob(state)?.key;
  const keys = bulk ? orderedMarks(state) : key ? [key] : [];
  const check = state.nextEffectId;
  const plan = planAction(state, kind, keys, bulk, { status: 'checking', id: check });
  if ('refusal' in plan) return flash(state, plan.refusal, at, 'error', ERROR_FLASH_MS);
  // why: the list may be seconds (or, paused or failing, minutes) old: the dialog re-reads its jobs before anything can be confirmed.
  const targetKeys = plan.dialog.targets.map((target) => target.key);
  return withEffect(
    { ...state, dialog: plan.dialog, flash: null, swallow: null },
    { kind: 'recheck', check, keys: targetKeys },
  );
}

/** The re-read answered: re-plans the dialog on the jobs as they are now, or says the plan rests on older data. */
export function applyRecheck(
  state: NavigationState,
  check: number,
  result: RecheckResult,
  at: number,
): NavigationState {
  const dialog = state.dialog;
  if (!dialog || dialog.recheck.status !== 'checking' || dialog.recheck.id !== check) return state;
  const failed = [...result.failures];
  const fetched = failed.map(
    ([name]) => state.fleet.sources.find((source) => source.name === name)?.lastSuccessAt ?? null,
  );
  const dataAt = fetched.includes(null) ? null : Math.min(...(fetched as number[]));
  const recheck: RecheckState =
    failed.length === 0
      ? { status: 'fresh', at: result.at }
      : {
          status: 'failed',
          reason: failed.map(([name, why]) => `${name}: ${why}`).join('; '),
          ageMs: dataAt === null ? null : Math.max(0, result.at - dataAt),
        };
  const plan = planAction(state, dialog.kind, dialog.keys, dialog.bulk, recheck, result.jobs);
  if ('refusal' in plan)
    return flash(
      { ...state, dialog: null },
      `${dialog.label}: nothing sent — re-checked now: ${plan.refusal}`,
      at,
      'error',
      STICKY_FLASH_MS,
    );
  return { ...state, dialog: { ...plan.dialog, focus: dialog.focus } };
}

/** Marked keys in the list's order, then marked jobs no longer listed. */
function orderedMarks(state: NavigationState): string[] {
  const listed = visibleJobs(state)
    .map((job) => job.key)
    .filter((key) => state.marks.has(key));
  const seen = new Set(listed);
  const rest = [...state.marks].filter((key) => !seen.has(key));
  return [...listed, ...rest];
}

/** Applies a command while the dialog is open. */
export function dialogCommand(state: NavigationState, command: Command, at: number): NavigationState {
  const dialog = state.dialog;
  if (!dialog) return state;
  if (dialog.recheck.status === 'checking' && (command === 'confirm-yes' || command === 'confirm-answer')) {
    if (command === 'confirm-answer' && (dialog.confirmText === null ? dialog.focus === 'no' : dialog.typed === ''))
      return flash({ ...state, dialog: null }, `${dialog.label}: answered no, nothing was sent`, at);
    return {
      ...state,
      dialog: { ...dialog, error: 're-checking the jobs on the server first; answer once it shows the state now' },
    };
  }
  switch (command) {
    case 'confirm-yes':
      return dialog.confirmText === null ? confirm(state, dialog, at) : state;
    case 'confirm-no':
      return flash({ ...state, dialog: null }, `${dialog.label}: answered no, nothing was sent`, at);
    case 'confirm-switch':
      return { ...state, dialog: { ...dialog, focus: dialog.focus === 'no' ? 'yes' : 'no' } };
    case 'confirm-answer':
      if (dialog.confirmText === null)
        return dialog.focus === 'yes'
          ? confirm(state, dialog, at)
          : flash({ ...state, dialog: null }, `${dialog.label}: answered no, nothing was sent`, at);
      if (dialog.typed === '')
        return flash({ ...state, dialog: null }, `${dialog.label}: answered no, nothing was sent`, at);
      if (dialog.typed.toLowerCase() !== dialog.confirmText.toLowerCase())
        return {
          ...state,
          dialog: { ...dialog, error: `"${sanitizeInline(dialog.typed, 40)}" is not "${dialog.confirmText}"` },
        };
      return confirm(state, dialog, at);
    case 'input-backspace':
      return { ...state, dialog: { ...dialog, typed: [...dialog.typed].slice(0, -1).join(''), error: null } };
    case 'input-clear':
      return { ...state, dialog: { ...dialog, typed: '', error: null } };
    case 'move-down':
      return { ...state, dialog: { ...dialog, top: dialog.top + 1 } };
    case 'move-up':
      return { ...state, dialog: { ...dialog, top: Math.max(0, dialog.top - 1) } };
    default:
      return state;
  }
}

/** A printable key typed into a delete's confirmation. */
export function dialogType(state: NavigationState, key: KeyName): NavigationState {
  const dialog = state.dialog;
  if (!dialog || dialog.confirmText === null || !isPrintableKey(key) || [...dialog.typed].length >= 40) return state;
  return { ...state, dialog: { ...dialog, typed: dialog.typed + keyText(key), error: null } };
}

/**
 * Yes: re-checks every locked target against the latest list (a job whose state changed since
 * the dialog opened is not sent: the operator confirmed a different consequence), then sends
 * the rest as one effect and closes the dialog.
 */
function confirm(state: NavigationState, dialog: ActionDialog, at: number): NavigationState {
  const jobs = jobsByKey(state.fleet.jobs);
  const keys: string[] = [];
  const notSent: SkippedTarget[] = [];
  const acted = new Map<string, Job>();
  for (const target of dialog.targets) {
    const job = jobs.get(target.key);
    const busy = busyReason(state, target.key, dialog.kind);
    // why: the re-read may be newer than the list, so only a list that moved *while the dialog was open* vetoes a job.
    if (!job && target.listedState !== null) notSent.push({ key: target.key, reason: 'no longer listed: not sent' });
    else if (job && job.state !== (target.listedState ?? job.state))
      notSent.push({
        key: target.key,
        reason: `changed from ${target.state} to ${job.state} since the dialog opened: not sent`,
      });
    else if (busy) notSent.push({ key: target.key, reason: `${busy}: not sent` });
    else {
      keys.push(target.key);
      acted.set(target.key, target.job);
    }
  }
  // why: the press that confirmed may arrive twice (key repeat, two in one chunk); the second must not act on the list.
  const closed: NavigationState = { ...state, dialog: null, swallow: { keys: ['y', 'enter'], until: at + SWALLOW_MS } };
  if (keys.length === 0)
    return flash(
      closed,
      `${dialog.label}: nothing was sent — ${notSent[0]?.reason ?? 'no job left'}`,
      at,
      'error',
      ERROR_FLASH_MS,
    );
  const submission: Submission = {
    id: state.nextSubmissionId,
    kind: dialog.kind,
    label: dialog.label,
    bulk: dialog.bulk,
    keys,
    skipped: [...dialog.skipped, ...notSent],
    afterActionId: lastActionId(state.fleet.actions),
    settled: false,
    selectKey: null,
  };
  const sent = new Set(keys);
  const marks = dialog.bulk ? new Set([...state.marks].filter((key) => !sent.has(key))) : state.marks;
  const next = withEffect(
    {
      ...closed,
      marks,
      submissions: [...state.submissions, submission].slice(-SUBMISSION_LIMIT),
      nextSubmissionId: submission.id + 1,
      outcome: dialog.bulk ? { submission: submission.id, top: 0 } : state.outcome,
    },
    { kind: 'run-action', action: dialog.kind, keys, jobs: acted },
  );
  const what = keys.length === 1 ? describeKey(keys[0]) : `${keys.length} jobs`;
  const left = notSent.length > 0 ? ` (${notSent.length} not sent: ${notSent[0].reason})` : '';
  return flash(next, `${dialog.label} ${what}: request sent…${left}`, at);
}

/** Applies a command while the outcomes overlay is open. */
export function outcomeCommand(state: NavigationState, command: Command): NavigationState {
  const outcome = state.outcome;
  if (!outcome) return state;
  if (command === 'outcome-close') return { ...state, outcome: null };
  const count = outcomeItems(state).length;
  const target = {
    'move-down': outcome.top + 1,
    'move-up': outcome.top - 1,
    'move-top': 0,
    'move-bottom': count,
  } as Partial<Record<Command, number>>;
  return {
    ...state,
    outcome: { ...outcome, top: clampTop(target[command] ?? outcome.top, outcomeBodyHeight(state), count) },
  };
}

/** True once an action's outcome is as known as it will get: done, failed, or unknown after its re-reads. */
export function isSettled(action: PendingAction | undefined): boolean {
  return (
    action !== undefined &&
    (action.status === 'done' || action.status === 'failed' || (action.status === 'unknown' && !action.checking))
  );
}

/**
 * After a fleet snapshot: tells the outcome of sent actions once each is known (the server's
 * own message, a re-read's finding for a request that got no answer, or a summary for a bulk
 * action), and selects a retry's new job once it is listed.
 */
export function followSubmissions(state: NavigationState, at: number): NavigationState {
  let next = state;
  let changed = false;
  const submissions = state.submissions.map((submission) => {
    let updated = submission;
    const actions = submissionActions(submission, state.fleet.actions);
    if (!submission.settled && submission.keys.every((key) => isSettled(actions.get(key)))) {
      updated = { ...updated, settled: true };
      next = settledFlash(next, updated, [...actions.values()], at);
      const retried = !submission.bulk && submission.kind === 'retry' ? actions.get(submission.keys[0]) : undefined;
      const source = parseJobKey(submission.keys[0])?.source;
      if (retried?.outcome?.newJobId && source)
        updated = { ...updated, selectKey: jobKey(source, retried.outcome.newJobId) };
    } else if (!submission.settled && !submission.bulk) {
      const action = actions.get(submission.keys[0]);
      const checking = `${submission.label} ${describeKey(submission.keys[0])}: sent, no answer; checking the job…`;
      if (action?.status === 'unknown' && next.flash?.text !== checking)
        next = flash(next, checking, at, 'info', STICKY_FLASH_MS);
    }
    if (updated.selectKey !== null && jobsByKey(state.fleet.jobs).has(updated.selectKey)) {
      next = selectNewJob(next, updated.selectKey, at);
      updated = { ...updated, selectKey: null };
    }
    if (updated !== submission) changed = true;
    return updated;
  });
  return changed ? { ...next, submissions } : next;
}

/** "job is cancelled", "job is gone (deleted)": what a re-read confirmed. */
export function confirmedEffect(effect: string): string {
  return effect === 'deleted' ? 'job is gone (deleted)' : `job is ${effect}`;
}

/** One settled action in the footer's words. */
export function outcomeSentence(label: string, action: PendingAction): { text: string; tone: FlashTone } {
  const where = describeKey(action.jobKey);
  const note = action.note ? sanitizeInline(action.note, 300) : '';
  if (action.status === 'unknown')
    return {
      text: `? ${label} ${where}: outcome unknown — sent, no answer (${sanitizeInline(action.error ?? 'no answer', 200)}); ${note}`,
      tone: 'error',
    };
  if (action.status === 'failed')
    return {
      text: `✖ ${label} ${where} failed: ${sanitizeInline(action.error ?? 'no reason given', 300)}`,
      tone: 'error',
    };
  if (note && action.outcome)
    return {
      text: `✔ ${label} ${where}: ${action.kind} sent, no answer; checked → ${confirmedEffect(action.outcome.effect)}`,
      tone: 'ok',
    };
  return { text: `✔ ${label} ${where}: ${sanitizeInline(action.outcome?.message ?? 'done', 300)}`, tone: 'ok' };
}

function settledFlash(
  state: NavigationState,
  submission: Submission,
  actions: readonly PendingAction[],
  at: number,
): NavigationState {
  if (!submission.bulk) {
    const sentence = outcomeSentence(submission.label, actions[0]);
    return flash(state, sentence.text, at, sentence.tone, STICKY_FLASH_MS);
  }
  const failed = actions.filter((action) => action.status === 'failed').length;
  const unknown = actions.filter((action) => action.status === 'unknown').length;
  const done = actions.length - failed - unknown;
  const skipped = submission.skipped.length > 0 ? `, ${submission.skipped.length} skipped` : '';
  const unknownText = unknown > 0 ? `, ${unknown} unknown (no answer)` : '';
  const bad = failed > 0 || unknown > 0;
  return flash(
    state,
    `${bad ? '✖' : '✔'} ${submission.label}: ${done} done, ${failed} failed${unknownText}${skipped} (details in the outcomes overlay)`,
    at,
    bad ? 'error' : 'ok',
    STICKY_FLASH_MS,
  );
}

/** Selects a retry's new job when the list shows it (or says the filter hides it). */
function selectNewJob(state: NavigationState, key: string, at: number): NavigationState {
  const rows = visibleJobs(state);
  const index = indexOfKey(rows, key);
  const id = sanitizeInline(parseJobKey(key)?.id ?? key, 80);
  if (index === -1) return flash(state, `the new job ${id} is listed but hidden by the filter (Esc clears it)`, at);
  const listTop = windowTop(state.listTop, index, listBodyHeight(state), rows.length);
  return flash(
    { ...state, selectedKey: key, followTop: false, listTop },
    `selected the new job ${id} (the retry)`,
    at,
    'ok',
  );
}
