/**
 * What an OSAPI source can do: its capabilities and the delete and retry actions. There is no
 * cancel; DELETE only forgets the record (204) while agents keep working; retry (201) submits a new
 * job to any one agent and leaves the original.
 */
import type { Job } from '../../domain/job.js';
import {
  unavailable,
  type ActionKind,
  type ActionOutcome,
  type ActionSpec,
  type SourceCapabilities,
} from '../contract.js';
import type { HttpClient } from '../http.js';
import { describeFound, shapeError } from '../kit/shape-error.js';
import { asNumber, asRecord, asString } from '../read-fields.js';
import { unsupported } from './response-errors.js';

const RETRYABLE_STATUSES = new Set(['failed', 'partial_failure', 'skipped']);

const DELETE_ACTION: ActionSpec = {
  kind: 'delete',
  label: 'Delete',
  request: 'DELETE /job/{id}',
  consequence:
    'OSAPI forgets the job record; agents already working on it keep working, and its events stay in the status counts until the TTL expires.',
  destructive: true,
  availability(job) {
    return job.terminal
      ? {
          ok: true,
          consequence: 'OSAPI forgets the job record; its events stay in the status counts until the TTL expires.',
        }
      : {
          ok: true,
          consequence: 'OSAPI forgets the job record but does not stop it: agents already working on it keep working.',
        };
  },
};

const RETRY_ACTION: ActionSpec = {
  kind: 'retry',
  label: 'Retry',
  request: 'POST /job/{id}/retry',
  consequence:
    'OSAPI submits a new job with the same operation to any one agent (_any); this job stays and gains a "retried" event.',
  destructive: false,
  availability(job) {
    if (RETRYABLE_STATUSES.has(job.nativeState)) return { ok: true, consequence: RETRY_ACTION.consequence };
    return unavailable(
      `only failed, partially failed or skipped jobs are retried; this one is ${job.nativeState || 'of unknown status'}`,
    );
  },
};

/** What an OSAPI source can do: detail, agents as steps, timeline as messages, delete and retry. */
export const OSAPI_CAPABILITIES: SourceCapabilities = {
  detail: true,
  steps: true,
  messages: true,
  result: true,
  stats: true,
  actions: { delete: DELETE_ACTION, retry: RETRY_ACTION },
  missing: {},
};

/** What an OSAPI action request needs from its source: the client, headers, and the job paths as currently prefixed. */
export interface OsapiActionContext {
  client: HttpClient;
  headers: Record<string, string>;
  /** `<prefix>/job/{id}` with the prefix the list found. */
  jobPath(id: string): string;
  /** `METHOD <base path><path>` for errors. */
  label(method: string, path: string): string;
}

/** Sends `kind` for `job` exactly once: DELETE forgets the record, POST …/retry submits a new job; cancel does not exist. */
export function sendOsapiAction(context: OsapiActionContext, kind: ActionKind, job: Job): Promise<ActionOutcome> {
  if (kind === 'delete') return deleteJob(context, job);
  if (kind === 'retry') return retryJob(context, job);
  return Promise.reject(unsupported(context.client.source, kind));
}

async function deleteJob({ client, headers, jobPath }: OsapiActionContext, job: Job): Promise<ActionOutcome> {
  await client.json({ method: 'DELETE', path: jobPath(job.id), headers }, { allowEmpty: true });
  return {
    kind: 'delete',
    effect: 'deleted',
    message: `OSAPI forgot job ${job.id}; agents already working on it keep working`,
  };
}

async function retryJob({ client, headers, jobPath, label }: OsapiActionContext, job: Job): Promise<ActionOutcome> {
  const path = `${jobPath(job.id)}/retry`;
  const body = asRecord(await client.json({ method: 'POST', path, headers }));
  const newJobId = asString(body.job_id);
  if (!newJobId)
    throw shapeError(
      client.source,
      label('POST', path),
      `the retry response has no "job_id": got ${describeFound(body)}`,
      201,
    );
  const revision = asNumber(body.revision);
  const details = [`status ${asString(body.status) ?? 'unknown'}`, revision === null ? null : `revision ${revision}`]
    .filter(Boolean)
    .join(', ');
  return { kind: 'retry', effect: 'retried', message: `Retried as job ${newJobId} (${details})`, newJobId };
}
