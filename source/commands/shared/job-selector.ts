/**
 * `SOURCE/ID` arguments of get, watch, cancel, delete and retry: parsed, checked against the
 * configured sources (a typo is a usage error naming the known sources, never a silent miss),
 * and grouped by source so each source is asked once.
 */
import { jobKey, parseJobKey } from '../../domain/job.js';
import { sanitizeInline } from '../../domain/sanitize.js';
import { DEFAULT_CONCURRENCY, type JobSource } from '../../adapters/contract.js';
import type { OpenedSources } from './open-sources.js';
import { UsageError } from '../command.js';

/** One job named on the command line. */
export interface JobTarget {
  key: string;
  source: string;
  id: string;
}

/** A target with the source that holds it and that source's settings. */
export interface ResolvedTarget extends JobTarget {
  jobSource: JobSource;
  /** Read-only by `--readonly` or the source's `readonly: true`. */
  readonly: boolean;
  intervalMs: number;
  /** Per-job requests its source takes at once (config `concurrency`). */
  concurrency: number;
}

/** Parses `SOURCE/ID` arguments (duplicates dropped, order kept); throws UsageError naming the bad one. */
export function parseTargets(
  positionals: readonly string[],
  command: string,
  options: { max?: number } = {},
): JobTarget[] {
  if (positionals.length === 0)
    throw new UsageError(
      `${command} needs at least one job as SOURCE/ID (e.g. demo-osapi/5f0c…); jobtop list --format ids prints them`,
    );
  if (options.max !== undefined && positionals.length > options.max)
    throw new UsageError(
      `${command} takes ${options.max === 1 ? 'one job' : `at most ${options.max} jobs`} as SOURCE/ID, got ${positionals.length}`,
    );
  const targets = new Map<string, JobTarget>();
  for (const argument of positionals) {
    const parsed = parseJobKey(argument);
    if (!parsed)
      throw new UsageError(
        `"${sanitizeInline(argument, 200)}" is not SOURCE/ID: name the job as its source and id separated by a slash, e.g. demo-osapi/5f0c…`,
      );
    const key = jobKey(parsed.source, parsed.id);
    if (!targets.has(key)) targets.set(key, { key, ...parsed });
  }
  return [...targets.values()];
}

/** Finds each target's configured source; throws UsageError for a source that is not configured. */
export function resolveTargets(targets: readonly JobTarget[], opened: OpenedSources): ResolvedTarget[] {
  const names = opened.config.sources.map((source) => source.spec.name);
  return targets.map((target) => {
    const index = names.indexOf(target.source);
    if (index === -1) {
      const where = opened.config.path ?? 'the demo fleet';
      throw new UsageError(
        `no source named "${sanitizeInline(target.source, 200)}" in ${where} (sources: ${names.join(', ') || 'none'})`,
      );
    }
    const configured = opened.config.sources[index];
    return {
      ...target,
      jobSource: opened.sources[index],
      readonly: configured.readonly,
      intervalMs: configured.intervalMs,
      concurrency: configured.spec.concurrency ?? DEFAULT_CONCURRENCY,
    };
  });
}

/** Checks `--source` names against the configuration; throws UsageError naming the unknown one. */
export function checkSourceNames(wanted: readonly string[], opened: OpenedSources): void {
  const names = opened.config.sources.map((source) => source.spec.name);
  const unknown = wanted.find((name) => !names.includes(name));
  if (unknown !== undefined)
    throw new UsageError(
      `--source ${sanitizeInline(unknown, 200)}: no such source (sources: ${names.join(', ') || 'none'})`,
    );
}
