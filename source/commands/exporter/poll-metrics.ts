/**
 * The exporter's counters and histograms, fed by every settled poll: request durations, errors
 * by kind, state transitions and finished jobs' durations (through the bounded job memory).
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import { JOB_STATES } from '../../domain/job.js';
import type { PollEvent } from '../../store/fleet-store.js';
import type { SourceSnapshot } from '../../store/types.js';
import { createJobMemory, OTHER_TYPE_GROUP } from './job-memory.js';

/** Finished job durations, seconds: a few seconds to a day. */
export const JOB_DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400];
/** List request chains, seconds: paging and enrichment included, up to the timeout. */
export const REQUEST_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The feed of settled polls. */
export interface PollMetrics {
  /** Feeds one settled poll: request duration, errors, transitions, finished durations. */
  observePoll(event: PollEvent): void;
  /** Jobs remembered between polls (bounded by the listed windows). */
  rememberedJobs(): number;
}

/** Registers the poll metrics on `registry` for the configured sources and type groups. */
export function registerPollMetrics(
  registry: Registry,
  sources: readonly SourceSnapshot[],
  typeGroups: readonly string[],
): PollMetrics {
  const registers = [registry];
  const memory = createJobMemory(typeGroups);
  const transitions = new Counter({
    name: 'jobtop_job_transitions_total',
    help: "State changes seen between polls (a job first listed after the source's first poll counts as entering its state); type_group is a configured job type or other.",
    labelNames: ['source', 'vendor', 'type_group', 'to_state'],
    registers,
  });
  const durations = new Histogram({
    name: 'jobtop_job_duration_seconds',
    help: 'Start-to-finish durations of finished jobs, each job counted once while it is listed.',
    labelNames: ['source', 'vendor', 'state'],
    buckets: JOB_DURATION_BUCKETS,
    registers,
  });
  const requests = new Histogram({
    name: 'jobtop_source_request_duration_seconds',
    help: 'Wall time of each list poll of a source (pages, stats and enrichment requests included), failed ones too.',
    labelNames: ['source', 'vendor'],
    buckets: REQUEST_DURATION_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: 'jobtop_source_errors_total',
    help: 'Failed list polls by kind (refused, timeout, auth, rate-limited, server, html, vanished, ...).',
    labelNames: ['source', 'kind'],
    registers,
  });

  // Every counter series exists from the start, so rate() and increase() see the first event.
  for (const source of sources) {
    for (const typeGroup of [...new Set([...typeGroups, OTHER_TYPE_GROUP])]) {
      for (const state of JOB_STATES)
        transitions.inc({ source: source.name, vendor: source.vendor, type_group: typeGroup, to_state: state }, 0);
    }
  }

  return {
    observePoll(event) {
      const { source } = event;
      requests.observe({ source: source.name, vendor: source.vendor }, event.durationMs / 1000);
      if (event.failure) {
        errors.inc({ source: source.name, kind: event.failure.kind });
        return;
      }
      const changes = memory.observe(source.name, source.jobs);
      for (const change of changes.transitions)
        transitions.inc({
          source: source.name,
          vendor: source.vendor,
          type_group: change.typeGroup,
          to_state: change.toState,
        });
      for (const done of changes.finished)
        durations.observe({ source: source.name, vendor: source.vendor, state: done.state }, done.seconds);
    },
    rememberedJobs: () => memory.size(),
  };
}
