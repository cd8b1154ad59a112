/**
 * The navigation state's part about actions: the confirmation dialog with its locked targets,
 * the jobs it skips, and the actions sent to the store and followed until their outcome.
 */
import type { ActionKind, ActionOutcome } from '../adapters/contract.js';
import type { Job, JobState, SourceType } from '../domain/job.js';

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
  /** What the API will do to it now: cancelled, deleted, retried. */
  effect: ActionOutcome['effect'];
  /** "running → cancelled". */
  transition: string;
  /** The state the list showed when the dialog opened, when the re-check found another. */
  wasState: JobState | null;
  /** The state the list showed when the plan was made (null: not listed): a list refresh that moves it while the dialog is open vetoes the job. */
  listedState: JobState | null;
  /** The job as planned (fresh from the re-check when it succeeded): the runner acts on this. */
  job: Job;
}

/** A job an action leaves alone, and why (its state, its source, read-only, already requested). */
export interface SkippedTarget {
  key: string;
  reason: string;
  /** "completed → nothing to do, skipped", when the job's state is the reason. */
  transition?: string;
}

/** Where the dialog's re-read of its targets is: in flight, done (the plan is fresh), or failed (the plan is on older data). */
export type RecheckState =
  | { status: 'checking'; id: number }
  | { status: 'fresh'; at: number }
  | {
      status: 'failed';
      reason: string;
      /** How old the data the plan is based on was when the re-read failed (ms), if known. */ ageMs: number | null;
    };

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
  /** The keys asked for (re-planned when the re-check answers). */
  keys: readonly string[];
  recheck: RecheckState;
  /** Updates were paused when the dialog opened. */
  paused: boolean;
  /** First line of the job list shown (bulk dialogs scroll with ↑/↓). */
  top: number;
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
