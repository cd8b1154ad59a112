/**
 * Portal job records (list items with inline steps and logs) normalized to Jobs and JobDetails.
 * The record has no start/finish time or error: startedAt is the earliest step start, finishedAt
 * is updatedAt of a terminal job, error is the failing step's error (or the last error log).
 */
import { numericPriority } from '../../domain/priority.js';
import {
  jobKey,
  type Job,
  type JobDetail,
  type JobFlag,
  type JobMessage,
  type JobState,
  type JobStep,
  type MessageLevel,
} from '../../domain/job.js';
import { parseEpochMs, parseIsoTime } from '../../domain/time.js';
import { asArray, asNumber, asRecord, asString, clampPercent } from '../read-fields.js';
import { mapVectorChartsState } from './state.js';

/** Normalizes one Portal job record (a list item) to a Job; never throws on a malformed record. */
export function normalizeVectorChartsJob(raw: unknown, source: string): Job {
  const record = asRecord(raw);
  const id = asString(record.id) ?? '';
  const mapped = mapVectorChartsState(record.jobState);
  const steps = asArray(record.steps).map(asRecord);
  const updatedAt = parseEpochMs(record.updatedAt);
  return {
    source,
    id,
    key: jobKey(source, id),
    vendor: 'vectorcharts',
    type: asString(record.jobType) ?? 'unknown',
    state: mapped.state,
    nativeState: asString(record.jobState) ?? '',
    terminal: mapped.terminal,
    flags: [...mapped.flags, ...stepFlags(steps, mapped.state)],
    priority: numericPriority(asNumber(record.priority)),
    progress: clampPercent(asNumber(record.percentComplete)),
    // why always present (undefined here): every vendor's Job has one shape (domain/job.ts).
    progressSteps: undefined,
    createdAt: parseEpochMs(record.createdAt),
    startedAt: earliestStepStart(steps),
    finishedAt: mapped.terminal ? updatedAt : null,
    updatedAt,
    owner: asString(record.accountId),
    host: null,
    parentId: asString(record.parentJobId),
    error: mapped.state === 'failed' ? failureText(record, steps) : null,
    raw,
  };
}

/** Normalizes a Portal job record with its inline steps, logs and result to a JobDetail. */
export function normalizeVectorChartsDetail(raw: unknown, source: string): JobDetail {
  const record = asRecord(raw);
  return {
    ...normalizeVectorChartsJob(raw, source),
    steps: asArray(record.steps).map(normalizeVectorChartsStep),
    messages: asArray(record.logs).map(normalizeVectorChartsLog),
    result: record.result ?? null,
    outputs: null,
  };
}

/** Normalizes one step record (`stepName`, `status`, `attempt`, `startedAt`, `completedAt`, `error`). */
export function normalizeVectorChartsStep(raw: unknown): JobStep {
  const step = asRecord(raw);
  const startedAt = parseEpochMs(step.startedAt);
  const finishedAt = parseEpochMs(step.completedAt);
  return {
    name: asString(step.stepName) ?? asString(step.id) ?? 'step',
    status: asString(step.status) ?? '',
    state: mapVectorChartsState(step.status).state,
    attempt: asNumber(step.attempt),
    host: null,
    startedAt,
    finishedAt,
    durationMs: startedAt !== null && finishedAt !== null ? Math.max(0, finishedAt - startedAt) : null,
    error: errorText(step.error),
  };
}

/** Normalizes one log entry (`timestamp` ISO, `type` info/warning/error, `message`). */
export function normalizeVectorChartsLog(raw: unknown): JobMessage {
  const entry = asRecord(raw);
  const timestamp = typeof entry.timestamp === 'number' ? parseEpochMs(entry.timestamp) : parseIsoTime(entry.timestamp);
  return { timestamp, level: logLevel(entry.type), text: asString(entry.message) ?? '', origin: null };
}

function stepFlags(steps: Record<string, unknown>[], state: JobState): JobFlag[] {
  // why: a failed attempt that was retried (attempt 2) leaves its error on the step; flag it unless the job failed anyway.
  return state !== 'failed' && stepErrors(steps).length > 0 ? ['had-error'] : [];
}

function earliestStepStart(steps: Record<string, unknown>[]): number | null {
  let earliest: number | null = null;
  for (const step of steps) {
    const time = parseEpochMs(step.startedAt);
    if (time !== null && (earliest === null || time < earliest)) earliest = time;
  }
  return earliest;
}

function failureText(record: Record<string, unknown>, steps: Record<string, unknown>[]): string | null {
  const errors = stepErrors(steps);
  const lastError = errors.at(-1);
  if (lastError !== undefined) return lastError;
  const errorLogs = asArray(record.logs)
    .map(asRecord)
    .filter((entry) => entry.type === 'error');
  const lastLog = asString(errorLogs.at(-1)?.message);
  return lastLog ?? errorText(asRecord(record.result).error);
}

/** The steps' error texts, in step order. */
function stepErrors(steps: Record<string, unknown>[]): string[] {
  const errors: string[] = [];
  for (const step of steps) {
    const text = errorText(step.error);
    if (text !== null) errors.push(text);
  }
  return errors;
}

function errorText(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  return asString(asRecord(value).message);
}

function logLevel(type: unknown): MessageLevel {
  if (type === 'warning' || type === 'warn') return 'warning';
  if (type === 'error' || type === 'debug') return type;
  return 'info';
}
