/**
 * `jobtop cancel|delete|retry SOURCE/ID...`: the monitor's action rules from the command line.
 * Each source's own ActionSpec decides whether and what an action does (label, consequence,
 * availability in the job's state); the store's action runner sends each request exactly once
 * and refuses read-only sources and unavailable actions without sending anything. On a
 * terminal it asks first (default No; what deletes needs the id typed); without one it
 * refuses unless `--yes` is given — before any source is even contacted.
 */
import type { ActionKind } from '../../adapters/contract.js';
import { createActionRunner } from '../../store/action-runner.js';
import { rereadJob } from '../../store/recheck.js';
import { historyPath, historyRecorder } from '../../store/action-history.js';
import { stateDirectory } from '../../config/config-paths.js';
import { RECHECK_TIMEOUT_MS } from '../../store/fleet-store.js';
import type { PendingAction } from '../../store/types.js';
import { openFromFlags } from '../shared/open-sources.js';
import type { Command } from '../command.js';
import { EXIT_CODES, firstExitCode } from '../shared/exit-codes.js';
import { parseTargets, resolveTargets } from '../shared/job-selector.js';
import { createListCache, lookUpJob } from '../shared/look-up-job.js';
import { createLimiters } from '../../store/limiter.js';
import { ask, confirmationFor, confirmationQuestion, isConfirmed } from './confirm.js';
import { describePlan, planAction, type PlannedAction } from './action-plan.js';
import { outcomeJson, outcomeLine, PAST_TENSE } from './action-report.js';
import { toTerminalSafeJson } from '../shared/terminal-safe-json.js';

/** Help texts of one action command. */
export interface ActionCommandText {
  usage: string;
  summary: string;
}

/** Builds the command for one action kind. */
export function createActionCommand(kind: ActionKind, text: ActionCommandText): Command {
  return {
    name: kind,
    usage: text.usage,
    summary: text.summary,
    flags: {
      yes: {
        type: 'boolean',
        short: 'y',
        description: `${kind} without asking (required when stdin is not a terminal)`,
      },
      json: {
        type: 'boolean',
        description: 'print the outcomes as a JSON array: key, ok, effect, message, newJobId, newKey, error, sent',
      },
    },
    async run(args, io) {
      const targets = parseTargets(args.positionals, kind);
      const yes = args.flags.yes === true;
      // why before the --yes hint: read-only refuses the action whatever the answer; "pass --yes" would mislead.
      if (args.flags.readonly === true && !yes && !io.stdin.isTTY) {
        io.stderr.write(`jobtop: not ${PAST_TENSE[kind]}: --readonly refuses every action. Nothing was sent.\n`);
        return EXIT_CODES.refused;
      }
      if (!yes && !io.stdin.isTTY) {
        io.stderr.write(
          `jobtop: not ${PAST_TENSE[kind]}: stdin is not a terminal, so jobtop cannot ask for confirmation. Pass --yes to ${kind} without asking. Nothing was sent.\n`,
        );
        return EXIT_CODES.usage;
      }
      // why: not oneShot: a one-shot Alteryx list fetches every finished job's disposition; an action needs a few jobs.
      const opened = await openFromFlags(args.flags, {
        demoWhenMissing: false,
        oneShot: false,
        env: io.env,
        closeOnSignals: true,
      });
      try {
        for (const warning of opened.config.warnings) io.stderr.write(`jobtop: warning: ${warning}\n`);
        const resolved = resolveTargets(targets, opened);
        const listOf = createListCache();
        // why: jobs the list does not show are looked up one request each; a source takes them `concurrency` at a time.
        const limiterOf = createLimiters();
        const plans = await Promise.all(
          resolved.map((target) =>
            planAction(kind, target, (t) =>
              limiterOf(t.source, t.concurrency)(() => lookUpJob(t, t.jobSource, listOf, false)),
            ),
          ),
        );
        const sendable = plans.filter((plan) => plan.status === 'ready');
        if (!yes && sendable.length > 0) {
          io.stderr.write(describePlan(kind, plans));
          const confirmation = confirmationFor(
            kind,
            sendable.map((plan) => plan.target.id),
            sendable.some((plan) => plan.deletes),
          );
          const answer = await ask(confirmationQuestion(sendable[0].spec!.label, sendable.length, confirmation), {
            stdin: io.stdin,
            stderr: io.stderr,
          });
          if (!isConfirmed(answer, confirmation)) {
            io.stderr.write(`jobtop: not confirmed: nothing was ${PAST_TENSE[kind]} and nothing was sent.\n`);
            return EXIT_CODES.usage;
          }
        }
        const recorder = historyRecorder(historyPath(stateDirectory(io.env)), 'cli', (error) =>
          io.stderr.write(`jobtop: warning: action history not written: ${error.message}\n`),
        );
        const record = (action: PendingAction) => {
          const plan = plans.find((candidate) => candidate.target.key === action.jobKey);
          if (plan) recorder(action, { source: plan.target.source, vendor: plan.target.jobSource.vendor });
        };
        return await execute(kind, plans, {
          json: args.flags.json === true,
          stdout: io.stdout,
          stderr: io.stderr,
          record,
          checks: unknownChecks(io.env),
        });
      } finally {
        await opened.close();
      }
    },
  };
}

/** Runs the planned actions through the action runner and reports each; returns the exit code. */
async function execute(
  kind: ActionKind,
  plans: readonly PlannedAction[],
  io: {
    json: boolean;
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
    checks?: { attempts: number; delayMs: number };
    record?: (action: PendingAction) => void;
  },
): Promise<number> {
  const runnable = new Map(
    plans.filter((plan) => plan.status === 'ready' || plan.status === 'refused').map((plan) => [plan.target.key, plan]),
  );
  const runner = createActionRunner({
    lookup: (key) => {
      const plan = runnable.get(key);
      return plan
        ? {
            source: plan.target.jobSource,
            readonly: plan.target.readonly,
            job: plan.job ?? undefined,
            concurrency: plan.target.concurrency,
          }
        : undefined;
    },
    now: Date.now,
    onChange: () => {},
    afterAction: () => {},
    reread: (key) => {
      const plan = runnable.get(key)!;
      return rereadJob(plan.target.jobSource, plan.target.id, RECHECK_TIMEOUT_MS);
    },
    checks: io.checks,
    record: io.record,
  });
  const results = new Map((await runner.run(kind, [...runnable.keys()])).map((action) => [action.jobKey, action]));
  const reports = plans.map((plan) => outcomeLine(kind, plan, results.get(plan.target.key)));
  if (io.json)
    io.stdout.write(
      `${toTerminalSafeJson(plans.map((plan) => outcomeJson(kind, plan, results.get(plan.target.key))))}\n`,
    );
  for (const report of reports) {
    if (report.ok && !io.json) io.stdout.write(`${report.text}\n`);
    if (!report.ok) io.stderr.write(`jobtop: ${report.text}\n`);
  }
  return firstExitCode([
    [[...results.values()].some((action) => action.status === 'unknown'), EXIT_CODES.outcomeUnknown],
    [plans.some((plan) => plan.status === 'unreachable'), EXIT_CODES.unreachable],
    [plans.some((plan) => plan.status === 'not-found'), EXIT_CODES.notFound],
    [reports.some((report) => !report.ok), EXIT_CODES.refused],
  ]);
}

/**
 * How often and how far apart an unknown outcome is re-read: 5 × 1 s, or
 * JOBTOP_UNKNOWN_CHECKS="attempts,delayMs" (tests use a short bound).
 */
function unknownChecks(env: NodeJS.ProcessEnv): { attempts: number; delayMs: number } {
  const match = /^(\d+),(\d+)$/.exec(env.JOBTOP_UNKNOWN_CHECKS ?? '');
  return match
    ? { attempts: Math.min(20, Number(match[1])), delayMs: Math.min(10_000, Number(match[2])) }
    : { attempts: 5, delayMs: 1000 };
}
