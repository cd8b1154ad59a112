/**
 * The outcomes overlay of a bulk action: one line per job with where its request is
 * (sending, in flight, done with the server's message, failed with the server's message)
 * and one per job it skipped and why, under a summary line.
 */
import { jobsByKey } from '../select.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import type { PendingAction } from '../../store/types.js';
import { describeKey, submissionActions } from '../action-status.js';
import { seg, type Segment } from '../line.js';
import type { NavigationState, Submission } from '../navigation-state.js';
import { COLORS } from '../theme.js';

/** What the outcomes overlay reads: which submission it shows, the actions sent and the fleet. */
type OutcomeState = Pick<NavigationState, 'outcome' | 'submissions' | 'fleet'>;

/** The submission the overlay shows. */
export function outcomeSubmission(state: OutcomeState): Submission | undefined {
  return state.outcome
    ? state.submissions.find((submission) => submission.id === state.outcome?.submission)
    : undefined;
}

function typeOf(state: OutcomeState, key: string, action: PendingAction | undefined): string {
  return sanitizeInline(action?.jobType ?? jobsByKey(state.fleet.jobs).get(key)?.type ?? '', 60);
}

/** One line per job of the shown submission: sent jobs first, then skipped ones. */
export function outcomeItems(state: OutcomeState): Segment[][] {
  const submission = outcomeSubmission(state);
  if (!submission) return [];
  const actions = submissionActions(submission, state.fleet.actions);
  const lines: Segment[][] = submission.keys.map((key) => {
    const action = actions.get(key);
    const head = [seg(` ${describeKey(key)}`, { bold: true }), seg(`  ${typeOf(state, key, action)}  `, { dim: true })];
    if (!action) return [seg('⋯', { color: COLORS.warning }), ...head, seg('sending…', { color: COLORS.warning })];
    if (action.status === 'requested')
      return [seg('⋯', { color: COLORS.warning }), ...head, seg('request in flight…', { color: COLORS.warning })];
    if (action.status === 'unknown')
      return [
        seg('?', { color: COLORS.warning, bold: true }),
        ...head,
        seg(
          `no answer — ${action.checking ? 'checking the job…' : `outcome unknown: ${sanitizeInline(action.note ?? '', 300)}`}`,
          { color: COLORS.warning },
        ),
      ];
    if (action.status === 'failed')
      return [
        seg('✖', { color: COLORS.error, bold: true }),
        ...head,
        seg(sanitizeInline(action.error ?? 'failed', 400), { color: COLORS.error }),
      ];
    return [
      seg('✔', { color: COLORS.ok, bold: true }),
      ...head,
      seg(sanitizeInline(action.outcome?.message ?? 'done', 400)),
    ];
  });
  for (const skipped of submission.skipped) {
    lines.push([
      seg('–', { dim: true }),
      seg(` ${describeKey(skipped.key)}`, { bold: true }),
      seg(`  skipped: ${sanitizeInline(skipped.reason, 300)}`, { dim: true }),
    ]);
  }
  return lines;
}

/** How the shown submission's jobs stand. */
export interface OutcomeCounts {
  label: string;
  done: number;
  failed: number;
  waiting: number;
  skipped: number;
}

/** Counts of the shown submission's jobs by outcome. */
export function outcomeCounts(state: OutcomeState): OutcomeCounts | null {
  const submission = outcomeSubmission(state);
  if (!submission) return null;
  const actions = [...submissionActions(submission, state.fleet.actions).values()];
  const done = actions.filter((action) => action.status === 'done').length;
  const failed = actions.filter(
    (action) => action.status === 'failed' || (action.status === 'unknown' && !action.checking),
  ).length;
  return {
    label: submission.label,
    done,
    failed,
    waiting: submission.keys.length - done - failed,
    skipped: submission.skipped.length,
  };
}

/** "Cancel: 3 done, 1 failed, 1 in flight, 2 skipped". */
export function outcomeSummary(counts: OutcomeCounts): string {
  const parts = [`${counts.done} done`, `${counts.failed} failed`];
  if (counts.waiting > 0) parts.push(`${counts.waiting} in flight`);
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  return `${counts.label}: ${parts.join(', ')}`;
}
