/**
 * The `--json` shape of jobs and sources: timestamps as ISO 8601 UTC, strings exact
 * (JSON-escaped, not sanitized), `raw` only on request, never a credential.
 */
import { toIso } from '../../domain/time.js';
import type { Job } from '../../domain/job.js';
import type { SourceOutcome } from '../../store/fetch-once.js';
import { triageFlagNames, type TriageFlags } from '../../domain/triage.js';

/**
 * A job's triage as `--json` prints it: the flag names (slow, starved, failed-recently,
 * unknown-outcome, attention), the usual (p90) run time of its source and type, and how long
 * a slow job has run or a starved one has waited.
 */
export function triageToJson(flags: TriageFlags | undefined, expectedMs: number | null): Record<string, unknown> {
  return {
    flags: triageFlagNames(flags),
    /** The p90 run time of finished jobs of the same source and type (null: fewer than 5 seen). */
    expectedDurationMs: flags?.slow?.expectedMs ?? expectedMs,
    runningMs: flags?.slow?.runningMs ?? null,
    queuedMs: flags?.starved?.queuedMs ?? null,
  };
}

/** A job as `--json` prints it. */
export function jobToJson(job: Job, includeRaw = false): Record<string, unknown> {
  const out: Record<string, unknown> = {
    source: job.source,
    id: job.id,
    key: job.key,
    vendor: job.vendor,
    type: job.type,
    state: job.state,
    nativeState: job.nativeState,
    terminal: job.terminal,
    flags: job.flags,
    priority: job.priority,
    progress: job.progress,
    createdAt: toIso(job.createdAt),
    startedAt: toIso(job.startedAt),
    finishedAt: toIso(job.finishedAt),
    updatedAt: toIso(job.updatedAt),
    owner: job.owner,
    host: job.host,
    parentId: job.parentId,
    error: job.error,
  };
  if (includeRaw) out.raw = job.raw;
  return out;
}

/** A source's health as `--json` prints it. */
export function sourceToJson(outcome: SourceOutcome, type: string): Record<string, unknown> {
  return {
    name: outcome.name,
    type,
    url: outcome.url,
    ok: outcome.ok,
    complete: outcome.complete,
    error: outcome.error ? outcome.error.message : null,
    incomplete: outcome.incomplete,
    truncated: outcome.truncated,
    errorKind: outcome.error?.kind ?? null,
    status: outcome.error?.status ?? null,
    jobCount: outcome.jobs.length,
    total: outcome.total,
    serverCounters: outcome.serverCounters ?? null,
    elapsedMs: outcome.elapsedMs,
    warnings: outcome.warnings,
  };
}
