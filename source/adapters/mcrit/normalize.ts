/** Turns MCRIT job documents and `/jobs/stats` counters into jobtop's normalized Job shapes. */
import { jobKey, type Job, type JobDetail, type JobMessage } from '../../domain/job.js';
import type { ServerCounters } from '../contract.js';
import { parseExtendedJsonDate } from '../../domain/time.js';
import { numericPriority } from '../../domain/priority.js';
import { asArray, asNumber, asRecord, asString, clampPercent } from '../read-fields.js';
import { deriveMcritState, mapMcritState } from './state.js';
import { readObjectId } from './wire-format.js';

/** The one-line form of `last_error`: a Python traceback's final (exception) line, else the first line. */
export function summarizeMcritError(lastError: string | null): string | null {
  if (lastError === null) return null;
  const lines: string[] = [];
  for (const line of lastError.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.length > 0) lines.push(trimmed);
  }
  const first = lines[0];
  if (first === undefined) return null;
  return first.startsWith('Traceback (most recent call last)') ? (lines.at(-1) ?? first) : first;
}

function latest(times: readonly (number | null)[]): number | null {
  let max: number | null = null;
  for (const time of times) if (time !== null && (max === null || time > max)) max = time;
  return max;
}

/**
 * MCRIT's `progress`: a fraction 0–1 when the job's reporter has a total, else an absolute step
 * count (queue/QueueRemoteCalls.py progress reporter), e.g. 1523 — a value above 1 is a count,
 * never a percentage.
 */
export function readMcritProgress(value: unknown): { percent: number | null; steps?: number } {
  const progress = asNumber(value);
  if (progress === null || progress < 0) return { percent: null };
  if (progress > 1) return { percent: null, steps: Math.floor(progress) };
  return { percent: clampPercent(progress * 100) };
}

/** Turns one raw MCRIT job document into a Job; `raw` keeps the document untouched. */
export function normalizeMcritJob(raw: unknown, sourceName: string): Job {
  const record = asRecord(raw);
  const id = readObjectId(record._id) ?? '';
  const nativeState = deriveMcritState(record);
  const lastError = asString(record.last_error);
  const { state, terminal, flags } = mapMcritState(nativeState, lastError);
  const createdAt = parseExtendedJsonDate(record.created_at);
  const startedAt = parseExtendedJsonDate(record.started_at);
  const finishedAt = parseExtendedJsonDate(record.finished_at);
  const progress = readMcritProgress(record.progress);
  return {
    source: sourceName,
    id,
    key: jobKey(sourceName, id),
    vendor: 'mcrit',
    type: asString(asRecord(record.payload).method) ?? 'unknown',
    state,
    nativeState,
    terminal,
    flags,
    priority: numericPriority(asNumber(record.priority)),
    progress: progress.percent,
    // why always present (undefined without a count): a Job with the field and one without have two
    // shapes, and jobs of the second kind come and go (domain/job.ts).
    progressSteps: progress.steps,
    createdAt,
    startedAt,
    finishedAt,
    updatedAt: latest([parseExtendedJsonDate(record.locked_at), finishedAt, startedAt, createdAt]),
    owner: null,
    host: asString(record.locked_by),
    // why: `required_by` lists the jobs waiting on this one (e.g. the combineMatchesToCross job
    // that awaits its matching jobs), which is what the job tree shows as the parent.
    parentId: readObjectId(asArray(record.required_by)[0]),
    error: summarizeMcritError(lastError),
    raw,
  };
}

/**
 * Turns a job document (plus its result, when fetched) into a JobDetail. MCRIT has no steps and
 * no per-job log; the full `last_error` traceback becomes the one message, when there is one.
 */
export function normalizeMcritDetail(
  raw: unknown,
  sourceName: string,
  result?: unknown,
  notes: readonly JobMessage[] = [],
): JobDetail {
  const job = normalizeMcritJob(raw, sourceName);
  const lastError = asString(asRecord(raw).last_error);
  const messages: JobMessage[] = [...notes];
  if (lastError !== null) {
    messages.unshift({
      timestamp: null,
      level: job.state === 'failed' ? 'error' : 'warning',
      text: lastError,
      origin: null,
    });
  }
  return { ...job, steps: null, messages: messages.length > 0 ? messages : null, result, outputs: null };
}

/** How MCRIT's `/jobs/stats` counters are labelled wherever they are shown. */
export const MCRIT_STATS_LABEL = 'MCRIT /jobs/stats (server counters per method; they drift and are not a job count)';

/**
 * Sums `GET /jobs/stats` data (`{method: {state: n}}`) per MCRIT state name, as the server's own
 * counters: they are incremented per method and drift (a live 1.4.3 reported 46 with 4 "in_progress"
 * while 17 jobs existed, all finished), so they are never a job count or a denominator. Null when
 * the server reports nothing (`{}`, e.g. the in-memory LocalQueue).
 */
export function normalizeMcritStats(data: unknown): ServerCounters | null {
  const counts: Record<string, number> = {};
  let seen = false;
  for (const counters of Object.values(asRecord(data))) {
    for (const [native, value] of Object.entries(asRecord(counters))) {
      const count = asNumber(value);
      if (count === null) continue;
      counts[native] = (counts[native] ?? 0) + count;
      seen = true;
    }
  }
  return seen ? { label: MCRIT_STATS_LABEL, counts } : null;
}
