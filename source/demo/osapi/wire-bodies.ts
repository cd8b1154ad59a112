/** The JSON bodies of `GET /job` items and `GET /job/{id}`, serialised as Go marshals the generated structs. */
import { formatRfc3339Seconds } from './go-format.js';
import { singleResponse, viewOf, type AgentView, type JobView } from './job-view.js';
import type { OsapiSimulatedJob, OsapiStatusEvent } from './simulator-types.js';
import { byTime, reportedError } from './status-events.js';

/** A list item: no timeline, agent_states or responses; `changed` always null; `result` for single-agent jobs. */
export function listItem(job: OsapiSimulatedJob): Record<string, unknown> {
  return goStruct({ ...sharedFields(job, viewOf(job)), changed: null });
}

/** The `GET /job/{id}` body: the list fields plus agent_states, responses, timeline and the real `changed`. */
export function detailBody(job: OsapiSimulatedJob): Record<string, unknown> {
  const view = viewOf(job);
  const body = sharedFields(job, view);
  if (view.agents.size > 0) body.agent_states = goMap(view.agents, agentStateBody);
  body.changed = changedOf(view);
  if (view.responses.size > 0) body.responses = goMap(view.responses, responseBody);
  if (job.events.length > 0) body.timeline = [...job.events].sort(byTime).map(timelineEntry);
  return goStruct(body);
}

/** Fields list items and detail bodies fill alike (absent ones are omitted, like Go's `omitempty`). */
function sharedFields(job: OsapiSimulatedJob, view: JobView): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    created: formatRfc3339Seconds(job.createdAt),
    id: job.id,
    status: view.status,
  };
  if (view.error) fields.error = view.error;
  if (view.hostname) fields.hostname = view.hostname;
  if (job.operation) fields.operation = sortKeysDeep(job.operation);
  const single = singleResponse(view);
  if (single?.data !== undefined) fields.result = sortKeysDeep(single.data);
  if (view.updatedAt) fields.updated_at = view.updatedAt;
  return fields;
}

/** `changed`: the single agent's value, or for broadcasts true when any agent changed something, else null. */
function changedOf(view: JobView): boolean | null {
  const single = singleResponse(view);
  if (single) return single.changed ?? null;
  return [...view.responses.values()].some((response) => response.changed === true) ? true : null;
}

function agentStateBody(agent: AgentView): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (agent.duration) body.duration = agent.duration;
  if (agent.error) body.error = agent.error;
  body.status = agent.status;
  return body;
}

function responseBody(event: OsapiStatusEvent): Record<string, unknown> {
  const body: Record<string, unknown> = { changed: event.changed ?? null };
  if (event.data !== undefined) body.data = event.data;
  if (event.error) body.error = event.error;
  body.hostname = event.hostname;
  body.status = event.event;
  return body;
}

const EVENT_MESSAGES: Record<OsapiStatusEvent['event'], (event: OsapiStatusEvent) => string> = {
  submitted: () => 'Job submitted to queue',
  acknowledged: (event) => `Job acknowledged by agent ${event.hostname}`,
  started: (event) => `Job processing started on ${event.hostname}`,
  completed: (event) => `Job completed successfully on ${event.hostname}`,
  skipped: (event) => `Job skipped on ${event.hostname} (unsupported OS family)`,
  failed: (event) => `Job failed on ${event.hostname}`,
  retried: (event) => (event.newJobId ? `Job retried as ${event.newJobId}` : 'Job retried'),
};

function timelineEntry(event: OsapiStatusEvent): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  const error = reportedError(event);
  if (error) entry.error = error;
  entry.event = event.event;
  entry.hostname = event.hostname;
  entry.message = EVENT_MESSAGES[event.event](event);
  // why: the API re-formats timeline stamps at seconds precision (the controller's job response mapping).
  entry.timestamp = formatRfc3339Seconds(event.at);
  return entry;
}

/** A Go map (agent_states, responses) of per-host bodies: marshalled with sorted keys. */
function goMap<T>(entries: Map<string, T>, toBody: (value: T) => Record<string, unknown>): unknown {
  return sortKeysDeep(Object.fromEntries([...entries].map(([host, value]) => [host, toBody(value)])));
}

/**
 * A generated struct's top-level fields in Go's marshalling order.
 * why: oapi-codegen declares the job structs' fields alphabetically by JSON name, so sorting the keys
 * reproduces the order Go writes them in.
 */
function goStruct(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).sort(([left], [right]) => compareKeys(left, right)));
}

/** Go marshals maps (operation, result, agent_states, responses) with sorted keys. */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([left], [right]) => compareKeys(left, right))
      .map(([key, item]) => [key, sortKeysDeep(item)]),
  );
}

function compareKeys(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
