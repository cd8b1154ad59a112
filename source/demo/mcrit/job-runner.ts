/**
 * The workers (`Worker-<uuid>`) that take queued jobs and run them to completion, a failed attempt
 * or termination, and the deletes and terminations that stop them (MCRIT's queue/QueueRemoteCalls.py
 * and libs/mongoqueue.py).
 */
import { identifyJobState } from './job-state.js';
import { randomUuid } from '../kit.js';
import { MAX_ATTEMPTS } from './constants.js';
import { randomFailureTraceback } from './failure-tracebacks.js';
import { extendedJsonDate, type McritJobDocument } from './job-document.js';
import { lastReportAt, nextReportAt, planJob, progressAt, type JobPlan } from './job-plans.js';
import { nextCandidate } from './job-queue.js';
import type { JobStore } from './job-store.js';

/** One worker and the job it runs: when it ends and how. */
export interface Worker {
  id: string;
  jobId: string | null;
  startedAt: number;
  endAt: number;
  outcome: 'complete' | 'error' | 'terminate' | 'abort';
}

/** Idle workers with MCRIT's `Worker-<uuid>` names. */
export function createWorkers(random: () => number, count: number): Worker[] {
  return Array.from({ length: count }, () => ({
    id: `Worker-${randomUuid(random)}`,
    jobId: null,
    startedAt: 0,
    endAt: 0,
    outcome: 'complete',
  }));
}

/** Runs the store's jobs on the workers. */
export interface JobRunner {
  /** Gives every idle worker the next queued job. */
  dispatch(at: number): void;
  /** When the earliest busy worker ends (Infinity when none is busy). */
  nextEndAt(): number;
  /** Ends every run due by `at`. */
  finishDue(at: number): void;
  /** Writes each running job's last progress report at or before `at`. */
  reportRunning(at: number): void;
  /** Deletes a job; its worker stops at its next progress report. */
  remove(document: McritJobDocument, at: number): void;
  /** `Job.terminate()`: marks a job terminated; false for an unknown id. */
  terminate(id: string, at: number): boolean;
}

/** Creates the runner over a store and its workers, drawing from `random`. */
export function createJobRunner(random: () => number, store: JobStore, workers: Worker[]): JobRunner {
  const plans = new Map<string, JobPlan>();

  function planFor(document: McritJobDocument): JobPlan {
    const existing = plans.get(document._id.$oid);
    if (existing) return existing;
    const plan = planJob(random, document);
    plans.set(document._id.$oid, plan);
    return plan;
  }

  function take(worker: Worker, document: McritJobDocument, at: number): void {
    document.locked_by = worker.id;
    document.locked_at = extendedJsonDate(at);
    document.started_at = extendedJsonDate(at);
    store.count(document.payload.method, 'in_progress', 1);
    store.count(document.payload.method, 'queued', -1);
    const plan = planFor(document);
    const attempt = MAX_ATTEMPTS - document.attempts_left;
    worker.jobId = document._id.$oid;
    worker.startedAt = at;
    if (attempt < plan.failingAttempts) {
      worker.outcome = 'error';
      worker.endAt = at + Math.round(plan.workMs * (0.1 + random() * 0.7));
    } else if (plan.terminateAt !== null) {
      worker.outcome = 'terminate';
      worker.endAt = at + Math.round(plan.workMs * plan.terminateAt);
    } else {
      worker.outcome = 'complete';
      worker.endAt = at + plan.workMs;
    }
  }

  /** The last progress report at or before `at`, as `progressor()` writes it. */
  function report(worker: Worker, document: McritJobDocument, at: number): void {
    const plan = plans.get(document._id.$oid);
    if (!plan || plan.progress === 'none' || document.terminated) return;
    const reportAt = lastReportAt(plan, worker.startedAt, Math.min(at, worker.endAt));
    if (reportAt === null) return;
    document.progress = progressAt(plan, worker.startedAt, reportAt);
    document.locked_at = extendedJsonDate(reportAt);
  }

  function notifyDependants(document: McritJobDocument): void {
    document.notify_done = true;
    for (const dependant of document.required_by) {
      const waiting = store.byId.get(dependant.$oid);
      if (waiting)
        waiting.unfinished_dependencies = waiting.unfinished_dependencies.filter((id) => id !== document._id.$oid);
    }
  }

  function markTerminated(document: McritJobDocument, from: string, at: number): void {
    document.terminated = true;
    document.locked_at = extendedJsonDate(at);
    store.moveCount(document.payload.method, from, 'terminated');
  }

  function finish(worker: Worker, at: number): void {
    const document = worker.jobId === null ? undefined : store.byId.get(worker.jobId);
    const outcome = worker.outcome;
    worker.jobId = null;
    if (!document || outcome === 'abort') return;
    const method = document.payload.method;
    report(worker, document, at);
    if (outcome === 'complete') {
      document.finished_at = extendedJsonDate(at);
      document.result = store.newGridId(at);
      document.progress = 1;
      store.moveCount(method, 'in_progress', 'finished');
      notifyDependants(document);
    } else if (outcome === 'terminate') {
      markTerminated(document, 'in_progress', at);
    } else {
      document.locked_by = null;
      document.locked_at = null;
      document.last_error = randomFailureTraceback(random);
      document.attempts_left -= 1;
      store.moveCount(method, 'in_progress', 'queued');
      if (document.attempts_left <= 0) {
        notifyDependants(document);
        store.moveCount(method, 'queued', 'failed');
      }
    }
  }

  /**
   * A worker only notices that its job vanished or was terminated when it next reports progress
   * (`_is_terminated` in MCRIT's queue code); a job that reports no progress runs to its end.
   */
  function abortWorkerOf(jobId: string, plan: JobPlan | undefined, at: number): void {
    const worker = workers.find((candidate) => candidate.jobId === jobId);
    if (!worker || worker.outcome === 'abort') return;
    if (plan && plan.progress !== 'none')
      worker.endAt = Math.min(worker.endAt, nextReportAt(plan, worker.startedAt, at));
    worker.outcome = 'abort';
  }

  return {
    dispatch(at) {
      for (const worker of workers) {
        if (worker.jobId !== null) continue;
        const document = nextCandidate(store.documents);
        if (!document) return;
        take(worker, document, at);
      }
    },
    nextEndAt() {
      let next = Number.POSITIVE_INFINITY;
      for (const worker of workers) if (worker.jobId !== null) next = Math.min(next, worker.endAt);
      return next;
    },
    finishDue(at) {
      for (const worker of workers) if (worker.jobId !== null && worker.endAt <= at) finish(worker, at);
    },
    reportRunning(at) {
      for (const worker of workers) {
        const document = worker.jobId === null || worker.outcome === 'abort' ? undefined : store.byId.get(worker.jobId);
        if (document) report(worker, document, at);
      }
    },
    remove(document, at) {
      store.unlink(document);
      const plan = plans.get(document._id.$oid);
      plans.delete(document._id.$oid);
      abortWorkerOf(document._id.$oid, plan, at);
    },
    terminate(id, at) {
      const document = store.byId.get(id);
      if (!document) return false;
      markTerminated(document, identifyJobState(document), at);
      abortWorkerOf(id, plans.get(id), at);
      return true;
    },
  };
}
