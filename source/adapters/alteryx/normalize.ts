/**
 * Normalizes Alteryx jobs: a `JobListItem` of `GET /v3/jobs` into a Job, and the detail of
 * `GET /v3/jobs/{id}` into a JobDetail, filled in from the list item where only the list knows.
 */
import { jobKey, type Job, type JobDetail } from '../../domain/job.js';
import { parseTimeSpan } from '../../domain/time.js';
import { asRecord, asString } from '../read-fields.js';
import { parseAlteryxPriority, parseAlteryxTime } from './field-parsers.js';
import { normalizeAlteryxMessages, normalizeAlteryxOutputs } from './messages.js';
import { alteryxNativeState, mapAlteryxState } from './state.js';

/** Shown as the type of a job whose record names no workflow. */
const UNNAMED_WORKFLOW = '(unnamed workflow)';

/** The list has no completion time: a finished job ended at `startTime` + `executionTime`. */
function finishedAt(terminal: boolean, startedAt: number | null, executionTime: unknown): number | null {
  const durationMs = parseTimeSpan(executionTime);
  return terminal && startedAt !== null && durationMs !== null ? startedAt + durationMs : null;
}

/**
 * Normalizes one `JobListItem` of `GET /v3/jobs`. `disposition` is what an earlier detail
 * look-up said about a completed job (the list itself never carries one).
 */
export function normalizeAlteryxJob(raw: unknown, sourceName: string, disposition?: string | null): Job {
  const record = asRecord(raw);
  const id = asString(record.jobId) ?? '';
  const mapping = mapAlteryxState(record.status, disposition);
  const startedAt = parseAlteryxTime(record.startTime);
  return {
    source: sourceName,
    id,
    key: jobKey(sourceName, id),
    vendor: 'alteryx',
    type: asString(record.workflowName) ?? asString(record.workflowId) ?? UNNAMED_WORKFLOW,
    state: mapping.state,
    nativeState: alteryxNativeState(record.status, disposition),
    terminal: mapping.terminal,
    flags: mapping.flags,
    priority: parseAlteryxPriority(record.priority),
    progress: null,
    // why always present (undefined here): every vendor's Job has one shape (domain/job.ts).
    progressSteps: undefined,
    createdAt: parseAlteryxTime(record.queueTime),
    startedAt,
    finishedAt: finishedAt(mapping.terminal, startedAt, record.executionTime),
    updatedAt: null,
    owner: asString(record.submittedBy),
    host: null,
    parentId: null,
    error: null,
    raw,
  };
}

/** What the detail normalizer may know besides the detail body. */
export interface AlteryxDetailContext {
  /** The job's last `JobListItem`: workflow name, owner and times are only in the list. */
  listItem?: unknown;
  /** Messages fetched from `/v3/jobs/{id}/messages` when the detail body had none. */
  messages?: unknown;
}

/** Normalizes `GET /v3/jobs/{id}`, filling what only the list knows from the job's list item. */
export function normalizeAlteryxDetail(
  raw: unknown,
  sourceName: string,
  context: AlteryxDetailContext = {},
): JobDetail {
  const record = asRecord(raw);
  const listRecord = asRecord(context.listItem);
  const listed = normalizeAlteryxJob(context.listItem ?? {}, sourceName);
  const id = asString(record.id) ?? listed.id;
  const status = record.status ?? listRecord.status;
  const mapping = mapAlteryxState(status, record.disposition);
  const rawMessages = context.messages ?? record.messages;
  const messages = rawMessages === undefined || rawMessages === null ? null : normalizeAlteryxMessages(rawMessages);
  const detailPriority = parseAlteryxPriority(record.priority);
  return {
    ...listed,
    id,
    key: jobKey(sourceName, id),
    type: asString(listRecord.workflowName) ?? asString(record.appId) ?? listed.type,
    state: mapping.state,
    nativeState: alteryxNativeState(status, record.disposition),
    terminal: mapping.terminal,
    flags: mapping.flags,
    priority: detailPriority.label !== null ? detailPriority : listed.priority,
    createdAt: listed.createdAt ?? parseAlteryxTime(record.createDateTime),
    // why: the list item's execution time only gives the end when the list already saw the job finished.
    finishedAt: mapping.terminal ? listed.finishedAt : null,
    // why: the worker tag names the worker group allowed to run the job: the closest Alteryx has to a host.
    host: asString(record.workerTag),
    error: mapping.state === 'failed' ? (messages?.find((message) => message.level === 'error')?.text ?? null) : null,
    raw,
    steps: null,
    messages,
    result: undefined,
    outputs: record.outputs === undefined ? null : normalizeAlteryxOutputs(record.outputs),
  };
}
