/** Reading a detail body's timeline: event times, agent_states as steps, and timeline events as messages. */
import type { JobMessage, JobStep, MessageLevel } from '../../domain/job.js';
import { parseGoDuration, parseIsoTime } from '../../domain/time.js';
import { asRecord, asString } from '../read-fields.js';
import { mapOsapiState } from './state.js';

/** Timeline events that mark an agent beginning work. */
export const START_EVENTS = new Set(['acknowledged', 'started']);

/** Timeline events that end an agent's work. */
export const TERMINAL_EVENTS = new Set(['completed', 'failed', 'skipped']);

/** The earliest time of the named events (of one host, if given), or null when there are none. */
export function earliestEventTime(
  timeline: Record<string, unknown>[],
  events: Set<string>,
  host?: string,
): number | null {
  const times = eventTimes(timeline, events, host);
  return times.length > 0 ? Math.min(...times) : null;
}

/** The latest time of the named events (of one host, if given), or null when there are none. */
export function latestEventTime(
  timeline: Record<string, unknown>[],
  events: Set<string>,
  host?: string,
): number | null {
  const times = eventTimes(timeline, events, host);
  return times.length > 0 ? Math.max(...times) : null;
}

function eventTimes(timeline: Record<string, unknown>[], events: Set<string>, host?: string): number[] {
  return timeline
    .filter((event) => events.has(asString(event.event) ?? '') && (host === undefined || event.hostname === host))
    .map((event) => parseIsoTime(event.timestamp))
    .filter((time): time is number => time !== null);
}

/** One step per agent, in the order the agents first appear on the timeline (then by name). */
export function normalizeOsapiSteps(agentStates: unknown, timeline: Record<string, unknown>[]): JobStep[] {
  const hosts = Object.keys(asRecord(agentStates));
  const firstSeen = (host: string) => {
    const index = timeline.findIndex((event) => event.hostname === host);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  hosts.sort((left, right) => firstSeen(left) - firstSeen(right) || left.localeCompare(right));
  return hosts.map((host) => normalizeOsapiStep(host, asRecord(asRecord(agentStates)[host]), timeline));
}

function normalizeOsapiStep(
  host: string,
  agent: Record<string, unknown>,
  timeline: Record<string, unknown>[],
): JobStep {
  const status = asString(agent.status) ?? '';
  const mapping = mapOsapiState(status);
  return {
    name: host,
    status,
    state: mapping.state,
    attempt: null,
    host,
    startedAt: earliestEventTime(timeline, START_EVENTS, host),
    finishedAt: mapping.terminal ? latestEventTime(timeline, TERMINAL_EVENTS, host) : null,
    durationMs: parseGoDuration(agent.duration),
    error: asString(agent.error),
  };
}

const EVENT_LEVELS: Record<string, MessageLevel> = { failed: 'error', skipped: 'warning' };

/** A timeline event as a message: failed → error, skipped → warning, else info; origin = its host. */
export function normalizeOsapiTimelineEvent(raw: unknown): JobMessage {
  const event = asRecord(raw);
  const name = asString(event.event) ?? '';
  const message = asString(event.message) ?? (name || 'event');
  const error = asString(event.error);
  return {
    timestamp: parseIsoTime(event.timestamp),
    level: EVENT_LEVELS[name] ?? 'info',
    text: error ? `${message}: ${error}` : message,
    origin: asString(event.hostname),
  };
}
