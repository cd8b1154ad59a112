/**
 * The one job action: `DELETE /v3/jobs/{id}` cancels a running job but deletes a queued one.
 * Refusals are 400s with `{"message"}` (even for a missing permission, not 403). The request
 * is sent exactly once, never re-sent after a 401.
 */
import type { Job } from '../../domain/job.js';
import { unavailable, type ActionOutcome, type ActionSpec } from '../contract.js';
import { SourceError, hasHttpStatus } from '../errors.js';
import type { HttpClient } from '../http.js';
import { withBearer } from '../kit/bearer-read.js';
import type { TokenCache } from '../kit/token-cache.js';
import { asRecord, asString } from '../read-fields.js';
import { jobPath } from './request-helpers.js';

/** The job's status as the list sent it, or undefined when the raw record has none. */
function rawStatus(job: Job): string | undefined {
  return asString(asRecord(job.raw).status)?.toLowerCase();
}

/** The cancel action as the UI offers it, with why it is not available for a job. */
export function cancelSpec(): ActionSpec {
  return {
    kind: 'cancel',
    label: 'Cancel',
    request: 'DELETE /v3/jobs/{id}',
    consequence: 'Cancels a running job; a queued job is deleted instead and disappears from the list.',
    // why: on a queued job the record is deleted, which cannot be undone.
    destructive: true,
    availability(job) {
      const status = rawStatus(job) ?? (job.nativeState.split('/')[0] ?? '').toLowerCase();
      if (status === 'queued')
        return { ok: true, consequence: 'a queued job is deleted, not cancelled: it disappears from the list' };
      if (status === 'running') return { ok: true, consequence: 'the running job is cancelled' };
      if (status === 'created')
        return unavailable('Alteryx cancels only Queued or Running jobs; this one is Created and not queued yet');
      if (status === 'initializing')
        return unavailable(
          'Alteryx cancels only Queued or Running jobs; this one is Initializing, try again once it runs',
        );
      return unavailable(
        `only Queued or Running jobs can be cancelled; this one is ${job.nativeState || 'in an unknown state'}`,
      );
    },
  };
}

/** Sends the cancel of `job` (refused up front on a read-only source) and says what it did. */
export async function sendCancel(
  client: HttpClient,
  tokens: TokenCache,
  readonly: boolean | undefined,
  job: Job,
): Promise<ActionOutcome> {
  const request = `DELETE /v3/jobs/${job.id}`;
  if (readonly)
    throw new SourceError({
      source: client.source,
      kind: 'readonly',
      short: 'read-only',
      detail: 'this source is read-only; nothing was sent',
      request,
    });
  const token = await tokens.token();
  let body: unknown;
  try {
    // why: sent exactly once; a 401 here is reported, never answered by a re-send.
    body = await client.json(withBearer({ method: 'DELETE', path: jobPath(job.id), mutating: true }, token), {
      allowEmpty: true,
    });
  } catch (error) {
    throw cancelRefusal(error);
  }
  const message = asString(asRecord(body).message) ?? 'Cancel request accepted.';
  return { kind: 'cancel', effect: cancelEffect(message, job), message };
}

/** A 400 from DELETE is the server refusing the cancel, with its reason. */
function cancelRefusal(error: unknown): unknown {
  if (!hasHttpStatus(error, 400)) return error;
  return new SourceError({
    source: error.source,
    kind: 'vendor',
    short: 'cancel refused (HTTP 400)',
    detail: error.detail,
    status: 400,
    request: error.request,
  });
}

/** What a 200 from DELETE did: the server's message says, else the job's status decides. */
function cancelEffect(message: string, job: Job): ActionOutcome['effect'] {
  if (/deleted/i.test(message)) return 'deleted';
  if (/cancel/i.test(message)) return 'cancelled';
  return rawStatus(job) === 'queued' ? 'deleted' : 'cancelled';
}
