/**
 * The navigation state's part about actions: the confirmation dialog with its locked targets,
 * the jobs it skips, and the actions sent to the store and followed until their outcome.
 */
import type { ActionKind } from '../adapters/contract.js';
import type { JobState, SourceType } from '../domain/job.js';

/** One job an action dialog acts on, captured when the dialog opened: the lock (source and id never move). */
export interface ActionTarget {
  key: string;
  source: string;
  vendor: SourceType;
  id: string;
  type: string;
  state: JobState;
  nativeState: string;
  /** What the action does to this job, from the source's own availability check. */
  consequence: string;
  /** The action deletes the job (a delete, or an Alteryx cancel of a queued job). */
  deletes: boolean;
}

/** A job an action leaves alone, and why (its state, its source, read-only, already requested). */
export interface SkippedTarget {
  key: string;
  reason: string;
}

/** The confirmation dialog of an action (an overlay; answer No by default). */
export interface ActionDialog {
  kind: ActionKind;
  /** The source's name for the action: "Cancel", "Delete", "Retry". */
  label: string;
  /** Marked jobs (bulk) rather than the one selected or opened job. */
  bulk: boolean;
  targets: readonly ActionTarget[];
  skipped: readonly SkippedTarget[];
  /** Text to type before Enter confirms (deletes); null: `y` confirms. */
  confirmText: string | null;
  typed: string;
  /** The highlighted choice of a y/n dialog. */
  focus: 'no' | 'yes';
  /** Why the last Enter did not confirm. */
  error: string | null;
}

/** An action the UI sent to the store, followed until every job's outcome is known. */
export interface Submission {
  id: number;
  kind: ActionKind;
  label: string;
  bulk: boolean;
  /** Keys sent to the store (each exactly once). */
  keys: readonly string[];
  /** Jobs left out: by the dialog (skipped) or at confirmation (changed or vanished since it opened). */
  skipped: readonly SkippedTarget[];
  /** The store's highest action id when this was sent: this submission's actions are later ones. */
  afterActionId: number;
  /** Every sent job's action is done or failed (the summary was shown). */
  settled: boolean;
  /** A retry's new job, selected once the list shows it. */
  selectKey: string | null;
}
