/** What an OSAPI source can do: its capabilities and the delete and retry actions. */
import { unavailable, type ActionSpec, type SourceCapabilities } from '../contract.js';

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
