/**
 * The controller's KV bucket: job records (`jobs.<id>`) and their status events, with the revision
 * counter, TTL expiry and the record cap. Job creation, retry, delete and test injection live here.
 */
import { randomUuid } from '../kit.js';
import { injectedAgentEvents, planAgents, type AgentPlan } from './agent-plan.js';
import { resolveTarget } from './agent-hosts.js';
import { formatRfc3339Nano, formatRfc3339Seconds, truncateToSecond } from './go-format.js';
import { viewOf } from './job-view.js';
import { operationKind } from './operations.js';
import { randomNanos, type Random } from './random-draws.js';
import type { OsapiInjectedJob, OsapiSimulatedJob, OsapiStatusEvent } from './simulator-types.js';
import { byTime, isFinished, isTerminalEvent } from './status-events.js';

/** Settings of the KV bucket. */
export interface JobWorldOptions {
  random: Random;
  now: () => number;
  ttlMs: number;
  /** How many live records may stay; finished ones beyond it go, oldest first. */
  recordCap: number;
}

/** The KV bucket of one simulated controller. */
export type JobWorld = ReturnType<typeof createJobWorld>;

/** Creates an empty KV bucket. */
export function createJobWorld({ random, now, ttlMs, recordCap }: JobWorldOptions) {
  let jobs: OsapiSimulatedJob[] = [];
  let revision = 0;

  const liveRecords = () => jobs.filter((job) => job.recordAlive);
  const findRecord = (id: string) => jobs.find((job) => job.id === id && job.recordAlive);

  function writeEvent(job: OsapiSimulatedJob, event: OsapiStatusEvent): void {
    job.events.push(event);
    revision += isTerminalEvent(event) ? 2 : 1;
  }

  /** Writes the `jobs.<id>` record and its `submitted` event. */
  function addJob(
    id: string,
    createdAt: number,
    operation: OsapiSimulatedJob['operation'],
    target: string,
    plan: AgentPlan,
  ): OsapiSimulatedJob {
    const job: OsapiSimulatedJob = {
      id,
      createdAt,
      operation,
      target,
      events: [],
      pending: plan.events,
      recordAlive: true,
      deleted: false,
      plannedStatus: plan.status,
      plannedEndAt: plan.endAt,
      retriedAs: null,
    };
    revision++;
    jobs.push(job);
    writeEvent(job, {
      event: 'submitted',
      hostname: '_api',
      at: createdAt,
      nanos: 0,
      timestamp: formatRfc3339Seconds(createdAt),
    });
    return job;
  }

  /** CreateJob: the record and its `submitted` event, then the agents' plan. */
  function createJob(
    createdAtMs: number,
    operation: OsapiSimulatedJob['operation'],
    target: string,
  ): OsapiSimulatedJob {
    const kind = operation ? operationKind(operation.type) : undefined;
    const plan = planAgents(kind, resolveTarget(target, random), createdAtMs, random);
    return addJob(randomUuid(random), truncateToSecond(createdAtMs), operation, target, plan);
  }

  /** RetryJob: a new job with the same operation, and `retried` on the original. */
  function retryJob(original: OsapiSimulatedJob, at: number, target: string): OsapiSimulatedJob {
    const created = createJob(at, original.operation, target);
    const nanos = randomNanos(random);
    // why: written at once, like the controller does; agent events of the original that are still
    // pending keep their own (earlier) stamps, and every reader orders by time.
    writeEvent(original, {
      event: 'retried',
      hostname: '_api',
      at,
      nanos,
      timestamp: formatRfc3339Nano(at, nanos),
      newJobId: created.id,
    });
    original.retriedAs = created.id;
    return created;
  }

  /** The newest live job that failed (wholly or partly) before `at` and was not retried yet. */
  function retryCandidate(at: number): OsapiSimulatedJob | undefined {
    return [...jobs]
      .reverse()
      .find(
        (job) =>
          job.recordAlive &&
          job.operation &&
          !job.retriedAs &&
          job.plannedEndAt < at &&
          (job.plannedStatus === 'failed' || job.plannedStatus === 'partial_failure'),
      );
  }

  /** A test job written with all its agents' events at once; returns its id. */
  function inject(spec: OsapiInjectedJob): string {
    const createdAt = truncateToSecond(spec.createdAt ?? now() - 60_000);
    const operation = spec.operation === undefined ? { type: 'node.hostname.get', data: {} } : spec.operation;
    const job = addJob(spec.id ?? randomUuid(random), createdAt, operation, '_any', {
      events: [],
      status: 'submitted',
      endAt: createdAt,
    });
    for (const event of injectedAgentEvents(spec.agents ?? [], createdAt).sort(byTime)) writeEvent(job, event);
    job.plannedStatus = viewOf(job).status;
    job.plannedEndAt = Math.max(createdAt, ...job.events.map((event) => event.at));
    return job.id;
  }

  /** Writes every planned agent event that is due by `at`. */
  function materialize(at: number): void {
    for (const job of jobs) {
      if (job.pending.length === 0) continue;
      job.pending.sort(byTime);
      while (job.pending.length > 0 && job.pending[0].at <= at) writeEvent(job, job.pending.shift()!);
    }
  }

  /** Every KV key lives `ttlMs` after its write; records past the cap go, oldest finished first. */
  function expire(at: number): void {
    for (const job of jobs) {
      job.events = job.events.filter((event) => event.at + ttlMs > at);
      if (job.createdAt + ttlMs <= at) {
        job.recordAlive = false;
        job.pending = [];
      }
    }
    jobs = jobs.filter((job) => job.recordAlive || job.events.length > 0 || job.pending.length > 0);
    let excess = liveRecords().length - recordCap;
    for (const job of [...jobs]) {
      if (excess <= 0) break;
      if (!job.recordAlive || job.pending.length > 0 || !isFinished(viewOf(job).status)) continue;
      jobs.splice(jobs.indexOf(job), 1);
      excess--;
    }
  }

  /** DeleteJob: removes only `jobs.<id>`. */
  function forget(job: OsapiSimulatedJob): void {
    // why: DELETE removes only `jobs.<id>`; agents keep writing events, which stay counted until TTL.
    job.recordAlive = false;
    job.deleted = true;
    revision++;
  }

  /** `status_counts` from key names over every job with live events (deleted ones included). */
  function statusCounts(): Record<string, number> {
    const counts: Record<string, number> = { submitted: 0, processing: 0, completed: 0, failed: 0, partial_failure: 0 };
    const withEvents = jobs.filter((job) => job.events.length > 0);
    for (const job of withEvents) {
      const status = viewOf(job).status;
      counts[status] = (counts[status] ?? 0) + 1;
    }
    const submittedOnly = liveRecords().length - withEvents.length;
    if (submittedOnly > 0) counts.submitted += submittedOnly;
    return Object.fromEntries(Object.entries(counts).sort(([left], [right]) => left.localeCompare(right)));
  }

  return {
    /** Every job still in memory (records alive or with lingering events), oldest first. */
    get jobs(): OsapiSimulatedJob[] {
      return jobs;
    },
    /** The bucket's revision, bumped on every write. */
    get revision(): number {
      return revision;
    },
    /** Whether the bucket holds no keys at all (the list then answers `status_counts: null`). */
    isEmpty: () => jobs.every((job) => !job.recordAlive && job.events.length === 0),
    /** Empties the bucket. */
    clear(): void {
      jobs = [];
    },
    liveRecords,
    findRecord,
    createJob,
    retryJob,
    retryCandidate,
    inject,
    materialize,
    expire,
    forget,
    statusCounts,
  };
}
