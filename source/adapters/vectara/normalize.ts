/** v2 and v1 job records normalized to Jobs: ISO times on v2, epoch-second strings on v1. */
import { NO_PRIORITY } from '../../domain/priority.js';
import { jobKey, type Job, type JobDetail } from '../../domain/job.js';
import { parseEpochSecondsString, parseIsoTime } from '../../domain/time.js';
import { asRecord, asString } from '../read-fields.js';
import type { VectaraApiVersion } from './constants.js';
import { mapVectaraState, v1StateName } from './state.js';

/** Tells a v1 record (`tsCreate`, `JOB_STATE__…`, numeric state) from a v2 one. */
export function detectVectaraApiVersion(raw: unknown): VectaraApiVersion {
  const record = asRecord(raw);
  const v1Fields = ['tsCreate', 'tsStart', 'tsComplete', 'userHandle', 'corpusId'].some((field) => field in record);
  const v1State =
    typeof record.state === 'number' || (typeof record.state === 'string' && record.state.startsWith('JOB_STATE__'));
  const v1Type = typeof record.type === 'string' && record.type.startsWith('JOB__');
  return v1Fields || v1State || v1Type ? 'v1' : 'v2';
}

/** Normalizes one v2 or v1 job record (version detected when not given); never throws. */
export function normalizeVectaraJob(
  raw: unknown,
  sourceName: string,
  apiVersion: VectaraApiVersion = detectVectaraApiVersion(raw),
): Job {
  const record = asRecord(raw);
  const id = asString(record.id) ?? '';
  const isV1 = apiVersion === 'v1';
  const mapping = mapVectaraState(record.state);
  const createdAt = isV1 ? parseEpochSecondsString(record.tsCreate) : parseIsoTime(record.created_at);
  const startedAt = isV1 ? parseEpochSecondsString(record.tsStart) : parseIsoTime(record.started_at);
  const finishedAt = isV1 ? parseEpochSecondsString(record.tsComplete) : parseIsoTime(record.completed_at);
  return {
    source: sourceName,
    id,
    key: jobKey(sourceName, id),
    vendor: 'vectara',
    type: asString(record.type) ?? (isV1 ? 'JOB__UNKNOWN' : 'unknown'),
    state: mapping.state,
    nativeState: nativeStateOf(record.state, apiVersion),
    terminal: mapping.terminal,
    flags: mapping.flags,
    priority: NO_PRIORITY,
    progress: null,
    // why always present (undefined here): every vendor's Job has one shape (domain/job.ts).
    progressSteps: undefined,
    createdAt,
    startedAt,
    finishedAt,
    // why: Vectara has no update time; the latest lifecycle timestamp is the last change it reports.
    updatedAt: finishedAt ?? startedAt ?? createdAt,
    owner: asString(isV1 ? record.userHandle : record.created_by_username),
    host: null,
    parentId: null,
    error: null,
    raw,
  };
}

/** Normalizes one job for the detail view: Vectara has no steps, messages, result or outputs. */
export function normalizeVectaraJobDetail(raw: unknown, sourceName: string, apiVersion?: VectaraApiVersion): JobDetail {
  return {
    ...normalizeVectaraJob(raw, sourceName, apiVersion),
    steps: null,
    messages: null,
    result: undefined,
    outputs: null,
  };
}

/** The state as Vectara said it: proto numbers become their names; an omitted v1 state is JOB_STATE__UNKNOWN. */
function nativeStateOf(value: unknown, apiVersion: VectaraApiVersion): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return v1StateName(value) ?? String(value);
  if (value === undefined || value === null) return apiVersion === 'v1' ? 'JOB_STATE__UNKNOWN' : '';
  return JSON.stringify(value);
}
