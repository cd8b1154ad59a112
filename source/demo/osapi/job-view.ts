/** What the API derives from a job's KV entries (job client `computeStatusFromEvents`): status, agent states, responses. */
import { formatGoDuration } from './go-format.js';
import type { OsapiSimulatedJob, OsapiStatusEvent } from './simulator-types.js';
import { byTime, isTerminalEvent, reportedError, statusFromOutcomes } from './status-events.js';

/** One agent's entry of `agent_states`. */
export interface AgentView {
  status: string;
  error?: string;
  duration?: string;
}

/** A job as the API reports it at this moment. */
export interface JobView {
  status: string;
  hostname: string | null;
  error: string | null;
  updatedAt: string | null;
  agents: Map<string, AgentView>;
  responses: Map<string, OsapiStatusEvent>;
}

/** Derives status, agent states and responses from a job's live events, like the controller does. */
export function viewOf(job: OsapiSimulatedJob): JobView {
  const last = new Map<string, OsapiStatusEvent>();
  const firstStart = new Map<string, OsapiStatusEvent>();
  const lastEnd = new Map<string, OsapiStatusEvent>();
  const errors = new Map<string, string>();
  const responses = new Map<string, OsapiStatusEvent>();
  let hostname: string | null = null;
  let latestError: string | null = null;
  let latest: OsapiStatusEvent | null = null;
  for (const event of job.events) {
    const error = reportedError(event);
    if (error) {
      errors.set(event.hostname, error);
      latestError = error;
    }
    if (!latest || byTime(event, latest) > 0) latest = event;
    if (event.hostname === '_api') continue;
    last.set(event.hostname, event);
    if (event.event === 'started' && !firstStart.has(event.hostname)) firstStart.set(event.hostname, event);
    if (event.event === 'completed' || event.event === 'failed') {
      lastEnd.set(event.hostname, event);
      hostname = event.hostname;
    }
    if (isTerminalEvent(event)) responses.set(event.hostname, event);
  }
  const agents = new Map<string, AgentView>();
  for (const [host, event] of last) {
    const start = firstStart.get(host);
    const end = lastEnd.get(host);
    const duration = start && end ? formatGoDuration((end.at - start.at) * 1e6 + (end.nanos - start.nanos)) : undefined;
    agents.set(host, { status: event.event, error: errors.get(host), duration });
  }
  const status = jobStatus([...agents.values()].map((agent) => agent.status));
  const error = status === 'failed' || status === 'skipped' ? latestError : null;
  return { status, hostname, error, updatedAt: latest?.timestamp ?? null, agents, responses };
}

/** The single agent's response of a one-agent job (the source of `result`), else undefined. */
export function singleResponse(view: JobView): OsapiStatusEvent | undefined {
  return view.responses.size === 1 ? [...view.responses.values()][0] : undefined;
}

function jobStatus(agentStatuses: string[]): string {
  if (agentStatuses.length === 0) return 'submitted';
  if (agentStatuses.some((status) => status === 'started' || status === 'acknowledged')) return 'processing';
  return statusFromOutcomes(agentStatuses);
}
