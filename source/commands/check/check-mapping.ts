/**
 * For a `type: http-json` source, `check` shows how its declaration reads the live server: the
 * first listed item with every declared field's expression and what it resolved to (or that it
 * did not), so a mapping is fixed against real data before the monitor runs on it.
 */
import type { Job } from '../../domain/job.js';
import type { HttpJsonDeclaration } from '../../adapters/http-json.js';
import { evaluate } from '../../adapters/http-json.js';
import type { ConfiguredSource } from '../../config/load-config.js';

/** One declared field on the first item: its expression, the value it gave, and how jobtop reads it. */
export interface ResolvedField {
  field: string;
  expression: string;
  /** The expression's result (JSON), or null when it resolved to nothing. */
  value: unknown;
  /** The evaluation error, when there was one. */
  error: string | null;
  /** The normalized value jobtop made of it (state name, ISO time, …), as text. */
  reads: string | null;
}

/** The first item's fields, or null when the source is not declared (or listed nothing). */
export function resolveFirstItem(
  configured: ConfiguredSource,
  jobs: readonly Job[],
): { key: string; fields: ResolvedField[] } | null {
  if (configured.spec.type !== 'http-json' || jobs.length === 0) return null;
  const declaration = (configured.spec as { declaration: HttpJsonDeclaration }).declaration;
  const job = jobs[0];
  const fields = Object.entries(declaration.fields).map(([field, expression]): ResolvedField => {
    const result = evaluate(expression, job.raw);
    return {
      field,
      expression: expression.text,
      value: result.ok ? result.value : null,
      error: result.ok ? null : result.error,
      reads: normalizedText(job, field),
    };
  });
  return { key: job.key, fields };
}

const TIMES: Record<string, keyof Job> = {
  created: 'createdAt',
  started: 'startedAt',
  finished: 'finishedAt',
  updated: 'updatedAt',
};
const PLAIN: Record<string, keyof Job> = {
  id: 'id',
  type: 'type',
  progress: 'progress',
  owner: 'owner',
  host: 'host',
  error: 'error',
  parent: 'parentId',
};

function normalizedText(job: Job, field: string): string | null {
  if (field === 'state') return `${job.state}${job.terminal ? ' (terminal)' : ''}`;
  if (field === 'priority') return job.priority.value === null ? job.priority.label : String(job.priority.value);
  if (TIMES[field]) {
    const ms = job[TIMES[field]] as number | null;
    return ms === null ? null : new Date(ms).toISOString();
  }
  const value: unknown = job[PLAIN[field]];
  if (value === null || value === undefined) return null;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}
