/** How the simulator writes jobs, times and page keys on the wire: v2 (ISO, snake_case) and v1 (protojson). */
import type { IncomingHttpHeaders } from 'node:http';
import { SECOND } from './constants.js';
import type { VectaraSimulatedJob, VectaraSimulatedState, VectaraSimulatedType } from './types.js';

/** v1 state names by v2 state. */
export const V1_STATE: Record<VectaraSimulatedState, string> = {
  unknown: 'JOB_STATE__UNKNOWN',
  queued: 'JOB_STATE__QUEUED',
  started: 'JOB_STATE__STARTED',
  completed: 'JOB_STATE__COMPLETED',
  failed: 'JOB_STATE__FAILED',
  failed_will_retry: 'JOB_STATE__TRANSIENT_FAILURE_RETRY_IMMINENT',
  aborted: 'JOB_STATE__ABORTED',
};
/** v1 proto state numbers by v2 state. */
export const V1_STATE_NUMBER: Record<VectaraSimulatedState, number> = {
  unknown: 0,
  queued: 5,
  started: 10,
  completed: 15,
  failed: 20,
  failed_will_retry: 25,
  aborted: 30,
};
const V1_TYPE: Record<VectaraSimulatedType, string> = {
  unknown: 'JOB__UNKNOWN',
  rebuild_vector_index: 'JOB__CORPUS_REBUILD_VECTOR_INDEX',
  replace_filter_attributes: 'JOB__CORPUS_REPLACE_FILTER_ATTRS',
};

/** Epoch ms floored to a whole second. */
export const floorToSecond = (ms: number) => Math.floor(ms / SECOND) * SECOND;
/** Epoch ms as whole epoch seconds. */
export const toSeconds = (ms: number) => Math.floor(ms / SECOND);
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A page key: the cursor as base64 JSON. */
export const encodeCursor = (cursor: object) => Buffer.from(JSON.stringify(cursor)).toString('base64');
/** The cursor inside a page key; throws when it is not base64 JSON. */
export const decodeCursor = (pageKey: string): unknown => JSON.parse(Buffer.from(pageKey, 'base64').toString('utf8'));

/** A request header's (first) value. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A job as v2 sends it: ISO times at second precision, unset times and username omitted. */
export function v2Record(job: VectaraSimulatedJob): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: job.id,
    type: job.type,
    corpus_keys: [...job.corpusKeys],
    state: job.state,
    created_at: isoSeconds(job.createdAt),
  };
  if (job.startedAt !== null) record.started_at = isoSeconds(job.startedAt);
  if (job.completedAt !== null) record.completed_at = isoSeconds(job.completedAt);
  if (job.username !== null) record.created_by_username = job.username;
  return record;
}

/** A job as v1 sends it: protojson, ts* as epoch-second strings. */
export function v1Record(job: VectaraSimulatedJob): Record<string, unknown> {
  // why: protojson without EmitUnpopulated omits zero enums, empty lists and unset ints.
  const record: Record<string, unknown> = { id: job.id };
  if (job.type !== 'unknown') record.type = V1_TYPE[job.type];
  if (job.corpusIds.length > 0) record.corpusId = [...job.corpusIds];
  if (job.state !== 'unknown') record.state = V1_STATE[job.state];
  record.tsCreate = String(toSeconds(job.createdAt));
  if (job.startedAt !== null) record.tsStart = String(toSeconds(job.startedAt));
  if (job.completedAt !== null) record.tsComplete = String(toSeconds(job.completedAt));
  if (job.username !== null) record.userHandle = job.username;
  return record;
}
