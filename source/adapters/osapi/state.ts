/** OSAPI's job and agent statuses mapped onto jobtop's states (docs/vendors.md), and `status_counts` summed by state. */
import type { JobFlag, JobState } from '../../domain/job.js';
import { asNumber } from '../read-fields.js';

/** A native OSAPI status mapped onto jobtop's states. */
export interface OsapiStateMapping {
  state: JobState;
  terminal: boolean;
  flags: JobFlag[];
}

const STATE_TABLE: Record<string, OsapiStateMapping> = {
  submitted: { state: 'queued', terminal: false, flags: [] },
  // why: `pending` is an SDK constant the API never emits; mapped for completeness (the osapi SDK declares it).
  pending: { state: 'queued', terminal: false, flags: [] },
  processing: { state: 'running', terminal: false, flags: [] },
  // why: `acknowledged` and `started` are per-agent values (agent_states), never job-level ones.
  acknowledged: { state: 'running', terminal: false, flags: [] },
  started: { state: 'running', terminal: false, flags: [] },
  completed: { state: 'succeeded', terminal: true, flags: [] },
  failed: { state: 'failed', terminal: true, flags: [] },
  partial_failure: { state: 'partial', terminal: true, flags: [] },
  // why: skipped jobs "set an error message ... but are not failures" (osapi internal/cli/ui.go): a
  // terminal outcome of its own; the vendor's `error` text is kept as the reason.
  skipped: { state: 'skipped', terminal: true, flags: [] },
};

/** Maps an OSAPI job (or agent) status to a normalized state; unknown values → 'unknown', not terminal. */
export function mapOsapiState(status: unknown): OsapiStateMapping {
  const known = typeof status === 'string' && Object.hasOwn(STATE_TABLE, status) ? STATE_TABLE[status] : undefined;
  return known ? { ...known, flags: [...known.flags] } : { state: 'unknown', terminal: false, flags: [] };
}

/** Sums OSAPI `status_counts` by normalized state; `null` (empty system) is all zeros; absent → null. */
export function normalizeOsapiStatusCounts(raw: unknown): Partial<Record<JobState, number>> | null {
  if (raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return null;
  const counts: Partial<Record<JobState, number>> = {};
  for (const [status, value] of Object.entries(raw as Record<string, unknown>)) {
    const count = asNumber(value);
    if (count === null) continue;
    const { state } = mapOsapiState(status);
    counts[state] = (counts[state] ?? 0) + count;
  }
  return counts;
}
