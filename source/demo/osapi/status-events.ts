/** Helpers over KV status events: building agent events, their order, and the status a set of outcomes adds up to. */
import { formatRfc3339Nano } from './go-format.js';
import type { OsapiAgentEvent, OsapiStatusEvent } from './simulator-types.js';

/** An agent's event written at `at` + `nanos`, stamped in RFC3339Nano. */
export function agentEvent(
  event: OsapiAgentEvent,
  hostname: string,
  at: number,
  nanos: number,
  extra: Partial<OsapiStatusEvent> = {},
): OsapiStatusEvent {
  return { event, hostname, at, nanos, timestamp: formatRfc3339Nano(at, nanos), ...extra };
}

/** Orders events by write time (ms, then nanoseconds). */
export function byTime(left: OsapiStatusEvent, right: OsapiStatusEvent): number {
  return left.at - right.at || left.nanos - right.nanos;
}

/** Whether an event ends an agent's work and carries its response (completed, failed, skipped). */
export function isTerminalEvent(event: OsapiStatusEvent): boolean {
  return event.event === 'completed' || event.event === 'failed' || event.event === 'skipped';
}

/** The error the API reports for an event: only failed and skipped events surface theirs. */
export function reportedError(event: OsapiStatusEvent): string | undefined {
  return event.error && (event.event === 'failed' || event.event === 'skipped') ? event.error : undefined;
}

/** The job status finished agents add up to (computeStatusFromEvents); no agents at all is `submitted`. */
export function statusFromOutcomes(outcomes: string[]): string {
  const failed = outcomes.filter((outcome) => outcome === 'failed').length;
  const completed = outcomes.filter((outcome) => outcome === 'completed').length;
  if (outcomes.length === 0) return 'submitted';
  if (failed > 0 && completed > 0) return 'partial_failure';
  if (failed > 0) return 'failed';
  if (completed === 0) return 'skipped';
  return 'completed';
}

/** Whether a job-level status is final. */
export function isFinished(status: string): boolean {
  return status !== 'submitted' && status !== 'processing';
}
