/**
 * A JobSource whose answers a test scripts (jobs, errors, details), counting every call:
 * for store tests, which are about scheduling and state, not about a vendor's wire format.
 */
import type {
  ActionKind,
  ActionOutcome,
  JobSource,
  ListResult,
  SourceCapabilities,
  SourceSession,
} from '../../source/adapters/contract.js';
import { SourceError } from '../../source/adapters/errors.js';
import type { Job, JobDetail, JobState, Vendor } from '../../source/domain/job.js';

/** A job with sensible defaults. */
export function makeJob(source: string, id: string, state: JobState, extra: Partial<Job> = {}): Job {
  return {
    source,
    id,
    key: `${source}/${id}`,
    vendor: 'osapi',
    type: 'node.hostname.get',
    state,
    nativeState: state,
    terminal: !['queued', 'running', 'unknown'].includes(state),
    flags: [],
    priority: { rank: null, value: null, label: null },
    progress: null,
    createdAt: 1_700_000_000_000,
    startedAt: null,
    finishedAt: null,
    updatedAt: null,
    owner: null,
    host: null,
    parentId: null,
    error: null,
    raw: {},
    ...extra,
  };
}

/** What one list() call does: answer with jobs, or throw. */
export type ListStep = Job[] | SourceError;

/** The scripted source and its call log. */
export interface ScriptedSource extends JobSource {
  listCalls: number;
  detailCalls: number;
  actCalls: { kind: ActionKind; id: string }[];
  /** Answers for the next list() calls; the last one repeats. */
  script: ListStep[];
  details: Map<string, JobDetail | null | SourceError>;
  /** When set, list() waits for this promise (to hold a request in flight). */
  gate: Promise<void> | null;
}

const NO_ACTIONS: SourceCapabilities = {
  detail: true,
  steps: false,
  messages: false,
  result: false,
  stats: false,
  actions: {},
  missing: {},
};

/** Creates a scripted source named `name`. */
export function createScriptedSource(
  name: string,
  script: ListStep[],
  capabilities: SourceCapabilities = NO_ACTIONS,
  vendor: Vendor = 'osapi',
): ScriptedSource {
  const source: ScriptedSource = {
    name,
    vendor,
    url: `http://127.0.0.1/${name}`,
    capabilities,
    listCalls: 0,
    detailCalls: 0,
    actCalls: [],
    script,
    details: new Map(),
    gate: null,
    async list(): Promise<ListResult> {
      source.listCalls += 1;
      if (source.gate) await source.gate;
      const step = source.script.length > 1 ? source.script.shift()! : source.script[0];
      if (step instanceof SourceError) throw step;
      return { jobs: step, total: null, stateCounts: null, requests: 1 };
    },
    async detail(id: string) {
      source.detailCalls += 1;
      const value = source.details.get(id);
      if (value instanceof SourceError) throw value;
      return value ?? null;
    },
    async act(kind: ActionKind, job: Job): Promise<ActionOutcome> {
      source.actCalls.push({ kind, id: job.id });
      return { kind, effect: 'deleted', message: 'ok' };
    },
    async close() {},
  };
  return source;
}

/** A scripted source that also reports its session: `perList` requests counted per list(); the test may change `session`. */
export function withSession(
  source: ScriptedSource,
  perList: number,
  initial: Partial<SourceSession> = {},
): { source: ScriptedSource; session: SourceSession } {
  const session: SourceSession = { requests: 0, tokenExpiresAt: null, ...initial };
  const list = source.list.bind(source);
  source.list = async (signal) => {
    session.requests += perList;
    return list(signal);
  };
  source.session = () => ({ ...session });
  return { source, session };
}
