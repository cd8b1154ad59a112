/**
 * The `get --json` shape of one job's detail: the `list --json` job fields plus steps,
 * messages, result, outputs and children. Timestamps ISO 8601 UTC; strings exact (JSON does
 * the escaping; `--json` is for programs, not terminals); `raw` only on request.
 */
import type { JobDetail } from '../../domain/job.js';
import { toIso } from '../../domain/time.js';
import { jobToJson } from '../shared/job-json.js';

/** Why a job is known only in part (look-up-job.ts PartialLookup), as `get --json` says it. */
export interface PartialJson {
  reason: string;
  outcomeUnknown: boolean;
}

/**
 * A job detail as `get --json` prints it; fields a vendor cannot fill are null. `complete` is
 * false when only part of the job is known (`incomplete` says why and whether its outcome is unknown).
 */
export function detailToJson(
  detail: JobDetail,
  includeRaw: boolean,
  incomplete: PartialJson | null = null,
): Record<string, unknown> {
  return {
    ...jobToJson(detail, false),
    complete: incomplete === null,
    incomplete: incomplete && { reason: incomplete.reason, outcomeUnknown: incomplete.outcomeUnknown },
    steps:
      detail.steps?.map((step) => ({
        name: step.name,
        status: step.status,
        state: step.state,
        attempt: step.attempt,
        host: step.host,
        startedAt: toIso(step.startedAt),
        finishedAt: toIso(step.finishedAt),
        durationMs: step.durationMs,
        error: step.error,
      })) ?? null,
    messages:
      detail.messages?.map((message) => ({
        timestamp: toIso(message.timestamp),
        level: message.level,
        origin: message.origin,
        text: message.text,
      })) ?? null,
    // why: `undefined` would drop the key; scripts read a fixed shape.
    result: detail.result === undefined ? null : detail.result,
    resultTooLarge: detail.resultTooLarge ?? null,
    outputs: detail.outputs,
    childIds: detail.childIds ?? null,
    ...(includeRaw ? { raw: detail.raw } : {}),
  };
}
