/**
 * The life of a simulated run: Created → Queued → Initializing → Running → Completed (with
 * its disposition) or Cancelled, the engine messages it emits on the way, the outputs it
 * writes, and the scheduler that hands the worker slots to queued jobs.
 */
import { CREATED_MS, ERRORS, MIN_QUEUE_MS, WORKER_SLOTS } from './constants.js';
import { isActive, isWaiting } from './status-groups.js';
import type { AlteryxDisposition, AlteryxEnding, AlteryxSimulatedJob, AlteryxStatus, AlteryxWorld } from './types.js';
import { priorityLevel } from './wire-format.js';

/** Ends a run at `at` in `status` with `disposition`. */
function closeRun(job: AlteryxSimulatedJob, status: AlteryxStatus, disposition: AlteryxDisposition, at: number): void {
  job.status = status;
  job.disposition = disposition;
  job.finishedAt = at;
  job.statusSince = at;
}

/** Finishes a run at `at` as `disposition`, adding the closing messages and (unless it failed) its output. */
export function finishRun(world: AlteryxWorld, job: AlteryxSimulatedJob, at: number, disposition: AlteryxEnding): void {
  const { dice, workflows } = world;
  const workflow = workflows.find((candidate) => candidate.id === job.workflowId) ?? workflows[0];
  job.messages.push(...job.script.map((entry) => entry.message));
  job.script = [];
  const seconds = ((at - (job.startedAt ?? at)) / 1000).toFixed(1);
  if (disposition === 'Error') {
    job.messages.push({ status: 3, text: `Output Data (7): ${dice.pick(ERRORS)}`, toolId: 7 });
    job.messages.push({ status: 4, text: `Finished in ${seconds} seconds with 1 error`, toolId: 0 });
  } else if (disposition === 'Cancelled') {
    job.messages.push({
      status: 3,
      text: 'The job was cancelled: it ran longer than the 30 minute time limit',
      toolId: 0,
    });
  } else {
    const written = dice.between(100, 50_000).toLocaleString('en-US');
    job.messages.push({
      status: 9,
      text: `\\\\fileshare\\analytics\\out\\${workflow.output}|${written} records were written`,
      toolId: 9,
    });
    const warnings = disposition === 'Warning' ? 'with 2 warnings' : 'with 0 errors';
    job.messages.push({ status: 4, text: `Finished in ${seconds} seconds ${warnings}`, toolId: 0 });
    const extension = workflow.output.slice(workflow.output.lastIndexOf('.') + 1);
    const format = extension === 'yxdb' ? 'Yxdb' : extension === 'xlsx' ? 'Xlsx' : 'Csv';
    job.outputs = [
      {
        id: dice.hex(24),
        availableFormats: [format, ...(format === 'Csv' ? ['Yxdb'] : ['Csv'])],
        fileName: workflow.output,
      },
    ];
  }
  closeRun(job, 'Completed', disposition, at);
}

/** Cancels a running job at `at`, the way a user's cancel does. */
export function cancelRunning(job: AlteryxSimulatedJob, at: number): void {
  job.script = [];
  job.messages.push({ status: 1, text: 'The job was cancelled by the user.', toolId: 0 });
  closeRun(job, 'Cancelled', 'Cancelled', at);
}

/** Moves the planned messages that are due by `at` into the job's messages. */
function emitScript(job: AlteryxSimulatedJob, at: number): void {
  const elapsed = at - job.statusSince;
  while (job.script.length > 0 && job.script[0].atMs <= elapsed) job.messages.push(job.script.shift()!.message);
}

/** Puts a job into `status` as of `at`, with the history that implies (a finished run ends by `at`). */
export function placeJob(
  world: AlteryxWorld,
  job: AlteryxSimulatedJob,
  status: AlteryxStatus,
  at: number,
  startedAt?: number,
): void {
  if (isWaiting(status)) {
    job.status = status;
    job.statusSince = status === 'Queued' && at - job.queuedAt >= CREATED_MS ? job.queuedAt + CREATED_MS : at;
    return;
  }
  job.startedAt = startedAt ?? Math.min(at, job.queuedAt + world.dice.between(MIN_QUEUE_MS, 60_000));
  if (status === 'Initializing') {
    job.status = 'Initializing';
    job.statusSince = job.startedAt;
    return;
  }
  job.status = 'Running';
  job.statusSince = Math.min(at, job.startedAt + job.initializingMs);
  if (status === 'Running') {
    // why: a job placed as running must still be running at `at`.
    job.runMs = Math.max(job.runMs, at - job.statusSince + 30_000);
    emitScript(job, at);
    return;
  }
  job.runMs = Math.max(1_000, Math.min(job.runMs, at - job.statusSince));
  if (status === 'Completed') finishRun(world, job, job.statusSince + job.runMs, job.outcome);
  else cancelRunning(job, job.statusSince + Math.round(job.runMs / 2));
}

/** Moves one job along its lifecycle up to `at`. */
export function advance(world: AlteryxWorld, job: AlteryxSimulatedJob, at: number): void {
  if (job.status === 'Created' && at >= job.statusSince + CREATED_MS) {
    job.status = 'Queued';
    job.statusSince += CREATED_MS;
  }
  if (job.status === 'Initializing' && at >= job.statusSince + job.initializingMs) {
    job.status = 'Running';
    job.statusSince += job.initializingMs;
  }
  if (job.status === 'Running') {
    if (at >= job.statusSince + job.runMs) finishRun(world, job, job.statusSince + job.runMs, job.outcome);
    else emitScript(job, at);
  }
}

/** Hands free worker slots to queued jobs: highest priority first, then oldest. */
export function schedule(jobs: readonly AlteryxSimulatedJob[], at: number): void {
  let busy = jobs.filter((job) => isActive(job.status)).length;
  const waiting = jobs
    .filter((job) => job.status === 'Queued' && at >= job.queuedAt + MIN_QUEUE_MS)
    .sort(
      (left, right) => priorityLevel(right.priority) - priorityLevel(left.priority) || left.queuedAt - right.queuedAt,
    );
  for (const job of waiting) {
    if (busy >= WORKER_SLOTS) break;
    job.status = 'Initializing';
    job.startedAt = at;
    job.statusSince = at;
    busy++;
  }
}
