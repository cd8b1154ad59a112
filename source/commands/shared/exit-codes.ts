/**
 * Every exit code jobtop uses, with its meaning: the one table README "Exit codes" shows
 * (a test compares the two). 0–2 are shared by every command (command.ts EXIT); 3–10 are the
 * scripting commands' answers (`watch --exit-status`, `get`, `cancel|delete|retry`).
 */
import { EXIT } from '../command.js';

/** Exit codes by name. */
export const EXIT_CODES = {
  ...EXIT,
  failed: 3,
  cancelled: 4,
  partialJob: 5,
  notFound: 6,
  unreachable: 7,
  timeout: 8,
  refused: 9,
  outcomeUnknown: 10,
} as const;

/** One row of the exit-code table. */
export interface ExitCodeRow {
  code: number;
  meaning: string;
}

/** The exit-code table, as README "Exit codes" shows it. */
export const EXIT_CODE_TABLE: readonly ExitCodeRow[] = [
  {
    code: EXIT_CODES.ok,
    meaning:
      'success: every source answered; every watched job ended (with `--exit-status`: every one succeeded or was skipped — a skipped job did no work and is not a failure); every action was done',
  },
  {
    code: EXIT_CODES.usage,
    meaning:
      'usage or config error (the message names the flag, or the file, line and field); an action not confirmed (no terminal and no `--yes`, or answered no)',
  },
  {
    code: EXIT_CODES.partial,
    meaning:
      "`list`, `check`: some sources failed, timed out at `--deadline` or answered incompletely (`complete: false`); their errors are on stderr (and in `sources[]`), the other sources' jobs are still printed. `get`: the job was found only in part (its detail request failed: the listed fields only, its outcome maybe unknown; `complete: false`), or no answer came within `--deadline`",
  },
  { code: EXIT_CODES.failed, meaning: '`watch --exit-status`: a job failed' },
  { code: EXIT_CODES.cancelled, meaning: '`watch --exit-status`: a job was cancelled' },
  { code: EXIT_CODES.partialJob, meaning: '`watch --exit-status`: a job partially failed' },
  {
    code: EXIT_CODES.notFound,
    meaning: 'a job does not exist (`get`, `watch` without `--wait-for-appear`, actions), or vanished while watched',
  },
  {
    code: EXIT_CODES.unreachable,
    meaning:
      "a job's source could not be reached or answered with an error (`get`, actions; `watch` after `--unreachable-after`)",
  },
  { code: EXIT_CODES.timeout, meaning: '`watch --timeout` elapsed before every job ended' },
  {
    code: EXIT_CODES.refused,
    meaning:
      "an action was not done: not offered by the source, not allowed in the job's state, read-only, or refused by the server",
  },
  {
    code: EXIT_CODES.outcomeUnknown,
    meaning:
      'an outcome is unknown. Actions: the request was sent but no answer came (timeout, connection lost), and re-reading the job did not show the effect in time — check the job before sending it again. `watch --exit-status`: a job ended but its source cannot say how (state `unknown`, e.g. an Alteryx job the server has no detail for): neither success nor failure',
  },
];

/** What one watched job came to. */
export type WatchOutcome =
  | 'succeeded'
  | 'skipped'
  | 'failed'
  | 'cancelled'
  | 'partial'
  | 'unknown'
  | 'vanished'
  | 'not-found'
  | 'unreachable'
  | 'timeout';

/**
 * Which code wins when several jobs end differently, first match wins: failed, partial,
 * cancelled, outcome unknown (only with `--exit-status`), then vanished/not found, unreachable, timeout. `skipped`
 * is in no rule: like `succeeded`, it is not a failure (OSAPI's own CLI says so).
 * why: a definite failure is the most useful answer to a pipeline; "could not tell" comes after.
 */
export const WATCH_PRECEDENCE: readonly {
  outcomes: readonly WatchOutcome[];
  code: number;
  needsExitStatus: boolean;
}[] = [
  { outcomes: ['failed'], code: EXIT_CODES.failed, needsExitStatus: true },
  { outcomes: ['partial'], code: EXIT_CODES.partialJob, needsExitStatus: true },
  { outcomes: ['cancelled'], code: EXIT_CODES.cancelled, needsExitStatus: true },
  // why: an unknown outcome is neither a success nor a failure; a definite failure above is the more useful answer.
  { outcomes: ['unknown'], code: EXIT_CODES.outcomeUnknown, needsExitStatus: true },
  { outcomes: ['vanished', 'not-found'], code: EXIT_CODES.notFound, needsExitStatus: false },
  { outcomes: ['unreachable'], code: EXIT_CODES.unreachable, needsExitStatus: false },
  { outcomes: ['timeout'], code: EXIT_CODES.timeout, needsExitStatus: false },
];

/** The exit code of `watch` for the outcomes of its jobs. */
export function watchExitCode(outcomes: readonly WatchOutcome[], exitStatus: boolean): number {
  for (const rule of WATCH_PRECEDENCE) {
    if (rule.needsExitStatus && !exitStatus) continue;
    if (outcomes.some((outcome) => rule.outcomes.includes(outcome))) return rule.code;
  }
  return EXIT_CODES.ok;
}

/** The exit code of the first condition that holds, in the order given; 0 when none does. */
export function firstExitCode(conditions: readonly [holds: boolean, code: number][]): number {
  return conditions.find(([holds]) => holds)?.[1] ?? EXIT_CODES.ok;
}

/** The exit-code table as Markdown (README "Exit codes"). */
export function renderExitCodeMarkdown(): string {
  return ['| code | meaning |', '|---|---|', ...EXIT_CODE_TABLE.map((row) => `| ${row.code} | ${row.meaning} |`)].join(
    '\n',
  );
}
