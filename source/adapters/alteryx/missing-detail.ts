/**
 * Listed jobs whose detail the server does not give: the docs say `GET /v3/jobs/{id}` works for
 * app workflows only, so other jobs can answer 404 while the list shows them. Such a job is still
 * a listed job: it keeps its list status (`Completed` with an unknown outcome), says why the outcome
 * is unknown, and is never called missing or "vanished".
 */
import type { Job, JobDetail } from '../../domain/job.js';
import type { ListResult } from '../contract.js';
import { SourceError } from '../errors.js';
import { normalizeAlteryxJob } from './normalize.js';

/** Why a listed job's outcome is unknown when the server has no detail for it. */
export const NO_DETAIL_REASON = 'outcome unknown: the server has no detail for this job';

/** Why a listed job's outcome is unknown after its detail request failed. */
export function failedDetailReason(error: SourceError): string {
  return `outcome unknown: its detail request failed (${error.short})`;
}

/** The reason a detail look-up failed, for the job's `error`: 404 is "no detail", anything else its error. */
export function detailFailureReason(error: SourceError): string {
  return error.status === 404 ? NO_DETAIL_REASON : failedDetailReason(error);
}

/** A listed job with the reason its outcome is unknown, when it has one. */
export function withUnknownOutcome(job: Job, reason: string | undefined): Job {
  return reason === undefined || job.state !== 'unknown' ? job : { ...job, error: reason };
}

/**
 * `ListResult.incomplete` for the listed jobs whose outcome stayed unknown because a detail request
 * failed. why: a job the server has no detail for (404: not an app workflow) is listed as unknown
 * with that reason, but does not make the source incomplete: asking again cannot help, and a
 * healthy server with such jobs would otherwise never be reported whole.
 */
export function incompleteOf(
  jobs: readonly Job[],
  reasonOf: (id: string) => string | undefined,
): ListResult['incomplete'] {
  const reasons: string[] = [];
  for (const job of jobs) {
    if (job.state !== 'unknown') continue;
    const reason = reasonOf(job.id);
    if (reason !== undefined && reason !== NO_DETAIL_REASON) reasons.push(reason);
  }
  const distinct = [...new Set(reasons)];
  const first = distinct[0];
  if (first === undefined) return undefined;
  return {
    jobs: reasons.length,
    reason: distinct.length === 1 ? first : `${first} (and ${distinct.length - 1} other reasons)`,
  };
}

/** The detail of a listed job the server has no detail for: its list record, its reason, nothing more. */
export function detailFromListItem(listItem: unknown, source: string, disposition: string | undefined): JobDetail {
  const job = normalizeAlteryxJob(listItem, source, disposition);
  return {
    ...withUnknownOutcome(job, NO_DETAIL_REASON),
    steps: null,
    messages: null,
    result: undefined,
    outputs: null,
  };
}
