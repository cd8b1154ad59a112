/** What agents do with a job: the events they will write, planned at submission (or fixed, for injected jobs). */
import { pick } from '../kit.js';
import { osFamilyOf } from './agent-hosts.js';
import { GENERIC_ERRORS, type OperationKind } from './operations.js';
import { between, integer, randomNanos, type Random } from './random-draws.js';
import type { OsapiInjectedAgent, OsapiStatusEvent } from './simulator-types.js';
import { agentEvent, byTime, statusFromOutcomes } from './status-events.js';

/** The agents' plan for a job: their events, the job's final status and when the last agent ends. */
export interface AgentPlan {
  events: OsapiStatusEvent[];
  status: string;
  endAt: number;
}

/** What the agents will do with a job: their events, the job's final status and when it ends. */
export function planAgents(
  kind: OperationKind | undefined,
  hosts: string[],
  createdAt: number,
  random: Random,
): AgentPlan {
  const events: OsapiStatusEvent[] = [];
  const outcomes: string[] = [];
  let endAt = createdAt;
  const queueDelay = random() < 0.08 ? between(random, 15_000, 90_000) : between(random, 150, 2500);
  for (const host of hosts) {
    const acknowledgedAt = Math.round(createdAt + queueDelay + between(random, 0, 400));
    events.push(agentEvent('acknowledged', host, acknowledgedAt, randomNanos(random)));
    const osFamily = osFamilyOf(host);
    if (kind?.unsupportedOn?.includes(osFamily)) {
      const skippedAt = acknowledgedAt + integer(random, 5, 60);
      events.push(
        agentEvent('skipped', host, skippedAt, randomNanos(random), { error: `unsupported OS family: ${osFamily}` }),
      );
      outcomes.push('skipped');
      endAt = Math.max(endAt, skippedAt);
      continue;
    }
    const startedAt = acknowledgedAt + integer(random, 20, 300);
    events.push(agentEvent('started', host, startedAt, randomNanos(random)));
    const [low, high] = kind?.durationMs ?? [100, 1000];
    const finishedAt = Math.round(startedAt + between(random, low, high));
    const failed = random() < (kind?.failRate ?? 0.1);
    const terminal = failed
      ? agentEvent('failed', host, finishedAt, randomNanos(random), {
          error: pick(random, kind?.errors ?? GENERIC_ERRORS),
          changed: null,
        })
      : agentEvent('completed', host, finishedAt, randomNanos(random), {
          data: kind?.result(host, random) ?? {},
          changed: kind?.mutates ? random() < 0.6 : false,
        });
    events.push(terminal);
    outcomes.push(terminal.event);
    endAt = Math.max(endAt, finishedAt);
  }
  return { events: events.sort(byTime), status: statusFromOutcomes(outcomes), endAt };
}

/** Events of injected agents at fixed offsets: acknowledged +1 s, started +1.1 s, end after `durationMs`. */
export function injectedAgentEvents(agents: OsapiInjectedAgent[], createdAt: number): OsapiStatusEvent[] {
  const events: OsapiStatusEvent[] = [];
  agents.forEach((agent, index) => {
    const acknowledgedAt = createdAt + 1000 + index * 10;
    events.push(agentEvent('acknowledged', agent.host, acknowledgedAt, 0));
    if (agent.outcome === 'acknowledged') return;
    if (agent.outcome === 'skipped') {
      events.push(
        agentEvent('skipped', agent.host, acknowledgedAt + 50, 0, {
          error: agent.error ?? 'unsupported OS family: freebsd',
        }),
      );
      return;
    }
    const startedAt = acknowledgedAt + 100;
    events.push(agentEvent('started', agent.host, startedAt, 0));
    if (agent.outcome === 'started') return;
    const endAt = startedAt + (agent.durationMs ?? 1234);
    const extra =
      agent.outcome === 'failed'
        ? { error: agent.error ?? 'exit status 1', changed: null }
        : { data: agent.data ?? {}, changed: agent.changed ?? false };
    events.push(agentEvent(agent.outcome, agent.host, endAt, 0, extra));
  });
  return events;
}
