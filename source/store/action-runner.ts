/**
 * Runs actions: each job's mutating request is sent exactly once — never retried, never twice
 * for a repeated key press — after checking read-only, the capability and the job's state.
 */
import type { Job } from '../domain/job.js';
import type { ActionKind, JobSource } from '../adapters/contract.js';
import { toSourceError } from '../adapters/errors.js';
import type { PendingAction } from './types.js';

/** What the runner needs from the store. */
export interface ActionRunnerOptions {
  lookup(key: string): { source: JobSource; readonly: boolean; job: Job | undefined } | undefined;
  now(): number;
  onChange(): void;
  /** Called once per source after its actions finished, to refresh it. */
  afterAction(sourceName: string): void;
}

/** The action runner and its visible history. */
export interface ActionRunner {
  run(kind: ActionKind, keys: readonly string[]): Promise<PendingAction[]>;
  list(): readonly PendingAction[];
}

/** Most actions kept in the visible history. */
const HISTORY_LIMIT = 200;

/** Creates the action runner. */
export function createActionRunner(options: ActionRunnerOptions): ActionRunner {
  let history: PendingAction[] = [];
  let nextId = 1;

  /** Records a done or failed action with the time it settled, and returns it. */
  function settle(action: PendingAction): PendingAction {
    const settled: PendingAction = { ...action, settledAt: options.now() };
    history = history.map((item) => (item.id === action.id ? settled : item));
    options.onChange();
    return settled;
  }

  async function runOne(kind: ActionKind, key: string): Promise<PendingAction> {
    const inFlight = history.find((item) => item.jobKey === key && item.kind === kind && item.status === 'requested');
    if (inFlight) return inFlight;
    const target = options.lookup(key);
    const action: PendingAction = { id: nextId++, kind, jobKey: key, status: 'requested', stateAtRequest: target?.job?.state ?? null, jobType: target?.job?.type ?? null, at: options.now() };
    history = [...history, action].slice(-HISTORY_LIMIT);
    options.onChange();
    const refuse = (error: string) => settle({ ...action, status: 'failed', error });
    if (!target) return refuse(`no configured source for ${key}`);
    const spec = target.source.capabilities.actions[kind];
    if (target.readonly) return refuse(`${target.source.name} is read-only: nothing was sent`);
    if (!spec) return refuse(`${target.source.name} (${target.source.vendor}) has no ${kind} action`);
    if (!target.job) return refuse(`${key} is no longer listed: nothing was sent`);
    const availability = spec.availability(target.job);
    if (!availability.ok) return refuse(availability.reason);
    try {
      const outcome = await target.source.act(kind, target.job);
      return settle({ ...action, status: 'done', outcome });
    } catch (error) {
      return refuse(toSourceError(target.source.name, error).message);
    }
  }

  return {
    async run(kind, keys) {
      const unique = [...new Set(keys)];
      const results = await Promise.all(unique.map((key) => runOne(kind, key)));
      const sources = new Set(unique.map((key) => options.lookup(key)?.source.name).filter((name): name is string => Boolean(name)));
      for (const name of sources) options.afterAction(name);
      return results;
    },
    list: () => history,
  };
}
