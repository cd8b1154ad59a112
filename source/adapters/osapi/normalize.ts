/** OSAPI job records (list items and `GET /job/{id}` bodies) normalized to jobtop's Job and JobDetail. */
import { NO_PRIORITY } from '../../domain/priority.js';
import { jobKey, type Job, type JobDetail } from '../../domain/job.js';
import { parseIsoTime } from '../../domain/time.js';
import { asArray, asRecord, asString } from '../read-fields.js';
import { mapOsapiState } from './state.js';
import {
  earliestEventTime,
  latestEventTime,
  normalizeOsapiSteps,
  normalizeOsapiTimelineEvent,
  START_EVENTS,
  TERMINAL_EVENTS,
} from './timeline-steps.js';

/** Normalizes one OSAPI job record (a list item or a detail body) to a Job; never throws. */
export function normalizeOsapiJob(raw: unknown, sourceName: string): Job {
  const record = asRecord(raw);
  const id = asString(record.id) ?? '';
  const status = asString(record.status);
  const mapping = mapOsapiState(status);
  const updatedAt = parseIsoTime(record.updated_at);
  return {
    source: sourceName,
    id,
    key: jobKey(sourceName, id),
    vendor: 'osapi',
    type: asString(asRecord(record.operation).type) ?? 'Unknown',
    state: mapping.state,
    nativeState: status ?? '',
    terminal: mapping.terminal,
    flags: mapping.flags,
    priority: NO_PRIORITY,
    progress: null,
    // why always present (undefined here): every vendor's Job has one shape (domain/job.ts).
    progressSteps: undefined,
    createdAt: parseIsoTime(record.created),
    startedAt: null,
    // why: the list has no timeline; the latest event time is the best finish time it offers
    // (a later `retried` event moves it; detail() reads the exact time from the timeline).
    finishedAt: mapping.terminal ? updatedAt : null,
    updatedAt,
    owner: null,
    host: asString(record.hostname),
    parentId: null,
    error: asString(record.error),
    raw,
  };
}

/** Normalizes a `GET /job/{id}` body: agent_states → steps, timeline → messages, result + responses → result. */
export function normalizeOsapiJobDetail(raw: unknown, sourceName: string): JobDetail {
  const record = asRecord(raw);
  const job = normalizeOsapiJob(raw, sourceName);
  const timeline = asArray(record.timeline).map(asRecord);
  const finishedAt = job.terminal ? latestEventTime(timeline, TERMINAL_EVENTS) : null;
  return {
    ...job,
    startedAt: earliestEventTime(timeline, START_EVENTS),
    finishedAt: finishedAt ?? job.finishedAt,
    steps: normalizeOsapiSteps(record.agent_states, timeline),
    messages: timeline.map(normalizeOsapiTimelineEvent),
    result: osapiResult(record),
    outputs: null,
  };
}

/** The job's result: `{changed, result, responses}` with what the server sent, or null before any agent answered. */
function osapiResult(record: Record<string, unknown>): unknown {
  const hasResult = record.result !== undefined && record.result !== null;
  const hasResponses = Object.keys(asRecord(record.responses)).length > 0;
  if (!hasResult && !hasResponses) return null;
  const out: Record<string, unknown> = { changed: record.changed ?? null };
  if (hasResult) out.result = record.result;
  if (hasResponses) out.responses = record.responses;
  return out;
}
