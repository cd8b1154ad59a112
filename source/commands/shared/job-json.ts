/**
 * The `--json` shape of jobs and sources: timestamps as ISO 8601 UTC, strings exact
 * (JSON-escaped, not sanitized), `raw` only on request, never a credential.
 */
import { toIso } from '../../domain/time.js';
import type { Job } from '../../domain/job.js';
import type { SourceOutcome } from '../../store/fetch-once.js';

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
