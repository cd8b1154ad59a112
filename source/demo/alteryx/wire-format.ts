/**
 * How simulated jobs look on the wire: ISO times at second precision, .NET TimeSpans, the
 * list's priority strings against the detail's names, and the list, detail and
 * workflow-jobs bodies (key order as the server sends it).
 */
import { DETAIL_PRIORITY_NAMES, PRIORITY_LEVELS } from './constants.js';
import type { AlteryxSimulatedJob } from './types.js';

/** Formats epoch ms as the list's ISO timestamps: second precision with `Z`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Formats a duration as a .NET TimeSpan: `HH:MM:SS`, with a `d.` prefix past a day. */
export function formatTimeSpan(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (value: number) => String(value).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

/** The numeric level of a list priority string (Default/Low 0 … Critical 3, numbers as they are). */
export function priorityLevel(priority: string): number {
  return PRIORITY_LEVELS[priority.toLowerCase()] ?? (Number.isFinite(Number(priority)) ? Number(priority) : 0);
}

/** The detail's priority: always named (Default|Low|Medium|High|Critical). */
export function detailPriority(priority: string): string {
  if (PRIORITY_LEVELS[priority.toLowerCase()] !== undefined) return priority;
  return DETAIL_PRIORITY_NAMES[Number(priority)] ?? 'Default';
}

/** One `JobListItem` of `GET /v3/jobs` as of `at` (a running job's execution time grows). */
export function listItem(job: AlteryxSimulatedJob, at: number): Record<string, unknown> {
  const end = job.finishedAt ?? at;
  return {
    jobId: job.id,
    status: job.status,
    workflowName: job.workflowName,
    workflowId: job.workflowId,
    submittedBy: job.submittedBy,
    startTime: job.startedAt === null ? null : isoSeconds(job.startedAt),
    queueTime: isoSeconds(job.queuedAt),
    executionTime: formatTimeSpan(job.startedAt === null ? 0 : end - job.startedAt),
    priority: job.priority,
  };
}

/** The run settings that end both the detail and the workflow-jobs view, in the server's key order. */
function runSettings(job: AlteryxSimulatedJob): Record<string, unknown> {
  return { priority: detailPriority(job.priority), workerTag: job.workerTag, runWithE2: job.runWithE2 };
}

/** The body of `GET /v3/jobs/{id}`, with the messages unless `includeMessages=false`. */
export function detailBody(job: AlteryxSimulatedJob, includeMessages: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: job.id,
    appId: job.workflowId,
    createDateTime: new Date(job.queuedAt).toISOString(),
    status: job.status,
    disposition: job.disposition,
    outputs: job.outputs,
    ...runSettings(job),
  };
  if (includeMessages) body.messages = job.messages;
  return body;
}

/** One entry of `GET /v3/workflows/{id}/jobs`. */
export function workflowJobView(job: AlteryxSimulatedJob): Record<string, unknown> {
  return { id: job.id, createDate: new Date(job.queuedAt).toISOString(), status: job.status, ...runSettings(job) };
}
