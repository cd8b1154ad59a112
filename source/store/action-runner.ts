/**
 * Runs actions: each job's mutating request is sent exactly once — never retried, never twice
 * for a repeated key press — after the action policy said yes for the job's freshest known
 * state. A request that got no answer (timeout, connection lost) has an *unknown* outcome,
 * never "failed": the runner re-reads the job until the outcome is known or a bound passes.
 */
import type { Job } from '../domain/job.js';
import { DEFAULT_CONCURRENCY, type ActionKind, type JobSource } from '../adapters/contract.js';
import { toSourceError, type SourceError } from '../adapters/errors.js';
import { judgeAction } from './action-policy.js';
import type { PendingAction } from './types.js';
import { createLimiters } from './limiter.js';

/** What the runner needs from the store. */
export interface ActionRunnerOptions {
  lookup(key: string): { source: JobSource; readonly: boolean; job: Job | undefined; concurrency?: number } | undefined;
  now(): number;
  onChange(): void;
  /** Called once per source after its actions finished, to refresh it. */
  afterAction(sourceName: string): void;
  /** Re-reads one job (null: gone); used to learn an unknown outcome. Without it, unknown stays unknown. */
  reread?(key: string): Promise<Job | null>;
  /** Re-reads of an unknown outcome, and the wait before each (default 5 × 1 s). */
  checks?: { attempts: number; delayMs: number };
  /** Called whenever an action settles (done, failed, or unknown after its checks), e.g. to append it to the history file. */
  record?(action: PendingAction): void;
}

/** The action runner and its visible history. */
export interface ActionRunner {
  run(kind: ActionKind, keys: readonly string[], fresh?: ReadonlyMap<string, Job>): Promise<PendingAction[]>;
  list(): readonly PendingAction[];
}

/** Most actions kept in the visible history. */
const HISTORY_LIMIT = 200;

/** True when a failed request may still have been carried out: it went out and no answer came back. */
export function isOutcomeUnknown(error: SourceError): boolean {
  if (error.kind === 'timeout') return error.short !== 'connect timeout';
  if (error.kind === 'network') return error.short !== 'aborted';
  return error.status === 502 || error.status === 504;
}

/** What a re-read says about an unknown outcome: the effect it shows, or null while the job still looks untouched. */
export function outcomeFromReread(kind: ActionKind, _before: Job, now: Job | null): 'cancelled' | 'deleted' | null {
  if (kind === 'retry') return null;
  if (now === null) return 'deleted';
  if (kind === 'cancel' && now.state === 'cancelled') return 'cancelled';
  return null;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates the action runner. */
export function createActionRunner(options: ActionRunnerOptions): ActionRunner {
  let history: PendingAction[] = [];
  let nextId = 1;
  const checks = options.checks ?? { attempts: 5, delayMs: 1000 };
  const limiterOf = createLimiters();

  function update(action: PendingAction): PendingAction {
    history = history.map((item) => (item.id === action.id ? action : item));
    options.onChange();
    return action;
  }

  /** Records a done, failed or unknown action with the time it settled, and returns it. */
  function settle(action: PendingAction): PendingAction {
    const settled = update({ ...action, settledAt: options.now() });
    options.record?.(settled);
    return settled;
  }

  /** Re-reads the job of an unknown outcome until it shows the effect or the checks run out. */
  async function confirmUnknown(
    action: PendingAction,
    kind: ActionKind,
    job: Job,
    source: JobSource,
  ): Promise<PendingAction> {
    const reread = options.reread;
    if (!reread || kind === 'retry') {
      const note =
        kind === 'retry' ? 'a retry cannot be confirmed by a re-read: look for a new job in the list' : 'not checked';
      return settle({ ...action, checking: false, note });
    }
    let current = update({ ...action, checking: true });
    for (let attempt = 1; attempt <= checks.attempts; attempt += 1) {
      await wait(checks.delayMs);
      let seen: Job | null;
      try {
        seen = await reread(action.jobKey);
      } catch {
        continue;
      }
      const effect = outcomeFromReread(kind, job, seen);
      if (effect) {
        const note = `no answer to the request; a re-read shows the job ${effect === 'deleted' ? 'gone' : effect}`;
        return settle({ ...current, status: 'done', checking: false, note, outcome: { kind, effect, message: note } });
      }
      if (seen && seen.terminal && seen.state !== job.state) {
        const note = `no answer to the request; a re-read shows the job ${seen.state}, not ${kind === 'cancel' ? 'cancelled' : 'deleted'}`;
        return settle({ ...current, status: 'failed', checking: false, note, error: `${source.name}: ${note}` });
      }
      current = update({
        ...current,
        note: `checked ${attempt} of ${checks.attempts} times: still ${seen?.state ?? 'gone'}`,
      });
    }
    return settle({
      ...current,
      checking: false,
      note: `still unknown after ${checks.attempts} re-reads: the job still looks ${job.state}`,
    });
  }

  async function runOne(kind: ActionKind, key: string, fresh: Job | undefined): Promise<PendingAction> {
    const inFlight = history.find(
      (item) => item.jobKey === key && item.kind === kind && (item.status === 'requested' || item.checking),
    );
    if (inFlight) return inFlight;
    const target = options.lookup(key);
    const job = fresh ?? target?.job;
    const action: PendingAction = {
      id: nextId++,
      kind,
      jobKey: key,
      status: 'requested',
      stateAtRequest: job?.state ?? null,
      jobType: job?.type ?? null,
      at: options.now(),
    };
    history = [...history, action].slice(-HISTORY_LIMIT);
    options.onChange();
    const refuse = (error: string) => settle({ ...action, status: 'failed', error });
    if (!target) return refuse(`no configured source for ${key}`);
    const verdict = judgeAction({ ...target.source, readonly: target.readonly }, job, kind);
    if (!verdict.ok) return refuse(job ? verdict.reason : `${key} is no longer listed: nothing was sent`);
    const sent: PendingAction = { ...action, request: verdict.spec.request.replace('{id}', job!.id) };
    try {
      // why: a bulk action is one request per job; each source takes them `concurrency` at a time (docs/configuration.md).
      const limit = limiterOf(target.source.name, target.concurrency ?? DEFAULT_CONCURRENCY);
      const outcome = await limit(() => target.source.act(kind, job!));
      return settle({ ...sent, status: 'done', outcome });
    } catch (caught) {
      const error = toSourceError(target.source.name, caught);
      if (isOutcomeUnknown(error))
        return confirmUnknown({ ...sent, status: 'unknown', error: error.message }, kind, job!, target.source);
      return settle({ ...sent, status: 'failed', error: error.message, httpStatus: error.status });
    }
  }

  return {
    async run(kind, keys, fresh) {
      const unique = [...new Set(keys)];
      const results = await Promise.all(unique.map((key) => runOne(kind, key, fresh?.get(key))));
      const sources = new Set(
        unique.map((key) => options.lookup(key)?.source.name).filter((name): name is string => Boolean(name)),
      );
      for (const name of sources) options.afterAction(name);
      return results;
    },
    list: () => history,
  };
}
