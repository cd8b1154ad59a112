/**
 * What an MCRIT source can show and do: detail, result and stats, and Delete as its one action
 * (`DELETE /jobs/{id}`). The bulk `DELETE /jobs` deletes EVERY job when given no filter, so there
 * is no code path to it: an id must be a 24-hex ObjectId before anything is sent.
 */
import type { Job } from '../../domain/job.js';
import {
  unavailable,
  type ActionKind,
  type ActionOutcome,
  type ActionSpec,
  type SourceCapabilities,
} from '../contract.js';
import { SourceError } from '../errors.js';
import type { HttpClient } from '../http.js';
import { shapeError } from '../kit/shape-error.js';
import { asArray, asNumber, asRecord } from '../read-fields.js';
import { MCRIT_OBJECT_ID, readEnvelopeData } from './wire-format.js';

const CONSEQUENCE =
  'Removes the job and its stored result from MCRIT; a running job stops at its next progress report (one that reports no progress runs to completion).';

function deleteConsequence(job: Job): string {
  const waiting = asArray(asRecord(job.raw).required_by).length;
  const dependants = waiting > 0 ? ` ${waiting} job(s) waiting on it will keep waiting.` : '';
  if (job.state === 'running')
    return `Removes the job and its result; the running job stops at its next progress report, or runs to completion if it reports no progress.${dependants}`;
  if (job.state === 'queued') return `Removes the job before it runs.${dependants}`;
  return `Removes the job and its stored result.${dependants}`;
}

/** The capabilities of an MCRIT source; a read-only source offers Delete as unavailable. */
export function buildMcritCapabilities(readonly: boolean): SourceCapabilities {
  const deleteAction: ActionSpec = {
    kind: 'delete',
    label: 'Delete',
    request: 'DELETE /jobs/{id}',
    consequence: CONSEQUENCE,
    destructive: true,
    availability(job) {
      if (readonly) return unavailable('this source is read-only');
      if (!MCRIT_OBJECT_ID.test(job.id)) return unavailable('the job has no valid MCRIT id');
      return { ok: true, consequence: deleteConsequence(job) };
    },
  };
  return {
    detail: true,
    steps: false,
    messages: true,
    result: true,
    stats: true,
    actions: { delete: deleteAction },
    missing: {
      steps: 'MCRIT jobs have no steps, only a progress fraction.',
      messages: 'MCRIT has no per-job messages; only the traceback of a failed attempt (last_error) is shown.',
      result: 'MCRIT stores a result only once a job has finished.',
    },
  };
}

/** Sends `kind` for `job` exactly once: Delete with a valid ObjectId; anything else is refused before sending. */
export async function sendMcritAction(
  client: HttpClient,
  headers: Record<string, string>,
  kind: ActionKind,
  job: Job,
): Promise<ActionOutcome> {
  const source = client.source;
  if (kind !== 'delete') {
    throw new SourceError({
      source,
      kind: 'unsupported',
      short: `${kind} is not supported`,
      detail: 'MCRIT has no cancel or retry endpoint; its only action is Delete (DELETE /jobs/{id})',
    });
  }
  if (!MCRIT_OBJECT_ID.test(job.id)) {
    throw new SourceError({
      source,
      kind: 'unsupported',
      short: 'invalid job id',
      detail: `MCRIT job ids are 24 hex characters; nothing was sent for "${job.id}"`,
    });
  }
  const path = `/jobs/${job.id}`;
  const body = await client.json({ method: 'DELETE', path, headers });
  const deleted = asNumber(asRecord(readEnvelopeData(source, body, `DELETE ${path}`)).num_deleted);
  if (deleted === null) throw shapeError(source, `DELETE ${path}`, 'expected "data.num_deleted" to be a number');
  const message =
    deleted > 0
      ? `MCRIT deleted the job and its result (num_deleted: ${deleted})`
      : 'nothing was deleted: the job no longer exists (num_deleted: 0)';
  return { kind: 'delete', effect: 'deleted', message };
}
