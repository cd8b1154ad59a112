/**
 * Plans a VectorCharts job's whole lifecycle when it is created (pending → running → completed |
 * failed | cancelled), as timed events drawn from the seeded random source, so the state at a given
 * clock is the same however finely tick() is called.
 */
import { pick, randomUuid } from '../kit.js';
import { CELLS, TEMPLATES, TRANSIENT_ERRORS, WARNINGS, stepNote, type JobTemplate } from './job-templates.js';
import {
  logEntry,
  newJobRecord,
  type VectorChartsJobRecord,
  type VectorChartsLogRecord,
  type VectorChartsStepRecord,
} from './wire-format.js';

/** One planned change to a job record at a moment of its lifecycle. */
export interface PlannedEvent {
  at: number;
  apply(record: VectorChartsJobRecord, at: number): void;
  /** Jobs this event spawns (an upload's ingestion children). */
  spawn?: SimulatedJob[];
}

/** A job record with its planned events; `next` is the first event not applied yet. */
export interface SimulatedJob {
  record: VectorChartsJobRecord;
  seq: number;
  events: PlannedEvent[];
  next: number;
}

/** Plans a job's whole lifecycle at creation: pending → running → completed | failed | cancelled. */
export function planJob(
  random: () => number,
  template: JobTemplate,
  createdAt: number,
  parent: { id?: string; accountId?: number | null },
): SimulatedJob {
  const id = randomUuid(random);
  const parameters = template.parameters(random);
  const record = newJobRecord(id, createdAt, {
    parentJobId: parent.id ?? null,
    jobType: template.jobType,
    accountId: template.system ? null : (parent.accountId ?? 1 + Math.floor(random() * 6)),
    parameters,
    logs: [logEntry(createdAt, 'info', `Queued ${template.jobType}`)],
    priority: template.priority,
  });
  const roll = random();
  const outcome = roll < 0.78 ? 'completed' : roll < 0.9 ? 'failed' : 'cancelled';
  const events = planSteps(random, template, record, createdAt, outcome);
  return {
    record,
    seq: 0,
    events: outcome === 'cancelled' ? cancelPartway(random, events, createdAt) : events,
    next: 0,
  };
}

function planSteps(
  random: () => number,
  template: JobTemplate,
  record: VectorChartsJobRecord,
  createdAt: number,
  outcome: string,
): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  const stepCount = template.steps.length;
  const failingStep = outcome === 'failed' ? Math.floor(random() * stepCount) : -1;
  const worker = `worker-${1 + Math.floor(random() * 4)}`;
  let at = createdAt + 1000 + Math.floor(random() * 15_000);
  events.push({
    at,
    apply: (job, time) => {
      job.jobState = 'running';
      log(job, time, 'info', `Picked up by ${worker}`);
    },
  });
  let children: SimulatedJob[] = [];
  for (const [index, stepName] of template.steps.entries()) {
    let attempt = 1;
    if (random() < 0.12) {
      at = planFailedAttempt(random, events, record.id, stepName, at, pick(random, TRANSIENT_ERRORS), 'warning');
      attempt = 2;
    }
    if (index === failingStep) {
      planFailedAttempt(random, events, record.id, stepName, at, pick(random, template.failures), 'error', attempt);
      events.push({ at: events[events.length - 1].at, apply: (job) => void (job.jobState = 'failed') });
      return events;
    }
    const step = planStep(random, template, events, record, index, at, attempt);
    at = step.nextAt;
    children = step.children ?? children;
  }
  const ids = children.map((child) => child.record.id);
  const result =
    children.length > 0
      ? { cellsFound: children.length, ingestionJobIds: ids }
      : template.result(random, record.parameters);
  events.push({
    at: at + 500,
    apply: (job, time) => {
      job.jobState = 'completed';
      job.percentComplete = 100;
      job.result = result;
      log(job, time, 'info', 'Job completed');
    },
  });
  return events;
}

/** One step attempt that fails partway; returns when the next attempt starts. */
function planFailedAttempt(
  random: () => number,
  events: PlannedEvent[],
  jobId: string,
  stepName: string,
  at: number,
  error: string,
  level: 'warning' | 'error',
  attempt = 1,
): number {
  const stepId = randomUuid(random);
  const failAt = at + 1000 + Math.floor(random() * 8000);
  events.push(startStep(stepId, jobId, stepName, at, attempt));
  const text =
    level === 'warning' ? `${stepName} attempt ${attempt} failed: ${error}; retrying` : `${stepName} failed: ${error}`;
  events.push({
    at: failAt,
    apply: (job, time) => {
      finishStep(job, stepId, time, 'failed', error);
      log(job, time, level, text);
    },
  });
  return failAt + 2000;
}

/** One step that succeeds, with progress, a note half way, maybe a warning, and an upload's children. */
function planStep(
  random: () => number,
  template: JobTemplate,
  events: PlannedEvent[],
  record: VectorChartsJobRecord,
  index: number,
  at: number,
  attempt: number,
): { nextAt: number; children?: SimulatedJob[] } {
  const stepName = template.steps[index];
  const stepCount = template.steps.length;
  const stepId = randomUuid(random);
  const duration = between(random, template.stepSeconds);
  const note = stepNote(random, stepName);
  const warning = random() < 0.15 ? pick(random, WARNINGS) : null;
  events.push(startStep(stepId, record.id, stepName, at, attempt));
  for (const fraction of [0.25, 0.5, 0.75]) {
    events.push({
      at: at + Math.round(duration * fraction),
      apply: (job, time) => {
        progress(job, index, fraction, stepCount);
        if (fraction === 0.5) log(job, time, 'info', note);
        if (fraction === 0.75 && warning) log(job, time, 'warning', warning);
      },
    });
  }
  const end = at + duration;
  const spawn = template.spawnsAfter === stepName ? planChildren(random, record, end) : undefined;
  events.push({
    at: end,
    spawn,
    apply: (job, time) => {
      finishStep(job, stepId, time, 'completed', null);
      progress(job, index + 1, 0, stepCount);
      log(job, time, 'info', `${stepName} completed in ${(duration / 1000).toFixed(1)}s`);
      if (spawn) {
        const step = findStep(job, stepId);
        if (step) step.result = { spawnedJobIds: spawn.map((child) => child.record.id) };
        log(job, time, 'info', `Spawned ${spawn.length} ingestion jobs`);
      }
    },
  });
  return { nextAt: end + 300, children: spawn };
}

function planChildren(random: () => number, parent: VectorChartsJobRecord, at: number): SimulatedJob[] {
  const count = 2 + Math.floor(random() * 4);
  const children: SimulatedJob[] = [];
  for (let index = 0; index < count; index++) {
    const child = planJob(random, TEMPLATES['ingest-enc-cell'], at, { id: parent.id, accountId: parent.accountId });
    child.record.parameters = { uploadId: parent.parameters.uploadId, cellName: pick(random, CELLS) };
    children.push(child);
  }
  return children;
}

function startStep(stepId: string, jobId: string, stepName: string, at: number, attempt: number): PlannedEvent {
  return {
    at,
    apply: (job, time) => {
      job.steps.push({
        id: stepId,
        jobId,
        stepName,
        status: 'running',
        startedAt: time,
        completedAt: null,
        result: null,
        error: null,
        attempt,
      });
      log(job, time, 'info', attempt > 1 ? `Retrying ${stepName} (attempt ${attempt})` : `Starting ${stepName}`);
    },
  };
}

function finishStep(
  job: VectorChartsJobRecord,
  stepId: string,
  at: number,
  status: string,
  error: string | null,
): void {
  const step = findStep(job, stepId);
  if (!step) return;
  step.status = status;
  step.completedAt = at;
  step.error = error;
}

/** Cuts a plan at a random moment (pending or running) and ends it with an administrator's cancel. */
function cancelPartway(random: () => number, events: PlannedEvent[], createdAt: number): PlannedEvent[] {
  const end = events[events.length - 1].at;
  // why: strictly before the last planned event, so a cancelled job never completes first.
  const cancelAt = createdAt + 500 + Math.floor(random() * Math.max(0, end - createdAt - 1000));
  const kept = events.filter((event) => event.at < cancelAt);
  kept.push({
    at: cancelAt,
    apply: (job, time) => {
      job.jobState = 'cancelled';
      for (const step of job.steps)
        if (step.status === 'running') Object.assign(step, { status: 'cancelled', completedAt: time });
      log(job, time, 'warning', 'Job cancelled by an administrator');
    },
  });
  return kept;
}

function findStep(job: VectorChartsJobRecord, stepId: string): VectorChartsStepRecord | undefined {
  return job.steps.find((candidate) => candidate.id === stepId);
}

function between(random: () => number, [min, max]: readonly [number, number]): number {
  return Math.round((min + random() * (max - min)) * 1000);
}

function log(record: VectorChartsJobRecord, at: number, type: VectorChartsLogRecord['type'], message: string): void {
  record.logs.push(logEntry(at, type, message));
}

function progress(record: VectorChartsJobRecord, stepIndex: number, fraction: number, stepCount: number): void {
  // why: 100 only when the job completes; a running job never claims to be done.
  record.percentComplete = Math.max(
    record.percentComplete,
    Math.min(99, Math.floor(((stepIndex + fraction) / stepCount) * 100)),
  );
}
