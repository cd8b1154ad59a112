/** What an MCRIT source can show and do: detail, result and stats, and Delete as its one action. */
import type { Job } from '../../domain/job.js';
import { unavailable, type ActionSpec, type SourceCapabilities } from '../contract.js';
import { asArray, asRecord } from '../read-fields.js';
import { MCRIT_OBJECT_ID } from './wire-format.js';

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
