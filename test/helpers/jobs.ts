/**
 * Job factories for UI and domain tests: a complete Job/JobDetail with sensible defaults,
 * and a source snapshot to put them in.
 */
import {
  isActiveState,
  jobKey,
  type Job,
  type JobDetail,
  type JobState,
  type Vendor,
} from '../../source/domain/job.js';
import type { SourceCapabilities } from '../../source/adapters/contract.js';
import type { SourceSnapshot } from '../../source/store/types.js';

/** A fixed instant tests use as "now": 2024-05-01T12:00:00Z. */
export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

/** Vendor of a source by the naming convention `<vendor>` or `<vendor>-…`. */
function vendorOf(source: string): Vendor {
  const prefix = source.split('-')[0] as Vendor;
  return ['vectorcharts', 'osapi', 'vectara', 'mcrit', 'alteryx'].includes(prefix) ? prefix : 'osapi';
}

/** A job; `id` and `source` give the key, everything else has a default. */
export function makeJob(input: Partial<Job> & { id: string }): Job {
  // why: an explicit `undefined` (e.g. `source: options.source`) must not erase a default.
  const overrides = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<Job> & { id: string };
  const source = overrides.source ?? 'osapi';
  const state: JobState = overrides.state ?? 'running';
  return {
    source,
    key: jobKey(source, overrides.id),
    vendor: vendorOf(source),
    type: 'node.exec',
    state,
    nativeState: state,
    terminal: !isActiveState(state) && state !== 'unknown',
    flags: [],
    priority: { rank: null, value: null, label: null },
    progress: null,
    createdAt: T0 - 60_000,
    startedAt: state === 'queued' ? null : T0 - 50_000,
    finishedAt: isActiveState(state) ? null : T0 - 10_000,
    updatedAt: T0 - 5_000,
    owner: 'alice',
    host: 'web-01',
    parentId: null,
    error: state === 'failed' ? 'exit status 1' : null,
    raw: { id: overrides.id, status: state },
    ...overrides,
  };
}

/** A job with its detail. */
export function makeDetail(overrides: Partial<JobDetail> & { id: string }): JobDetail {
  return {
    steps: null,
    messages: null,
    result: undefined,
    outputs: null,
    ...makeJob(overrides),
    ...overrides,
    key: makeJob(overrides).key,
  };
}

/** `count` jobs named `<prefix><n>` with states cycling through `states`. */
export function makeJobs(
  count: number,
  options: { source?: string; prefix?: string; states?: JobState[] } = {},
): Job[] {
  const states = options.states ?? ['running', 'queued', 'succeeded', 'failed'];
  return Array.from({ length: count }, (_, index) =>
    makeJob({
      id: `${options.prefix ?? 'job-'}${index}`,
      source: options.source,
      state: states[index % states.length],
      createdAt: T0 - (index + 1) * 60_000,
    }),
  );
}

/** Capabilities with everything available unless overridden. */
export function makeCapabilities(overrides: Partial<SourceCapabilities> = {}): SourceCapabilities {
  return {
    detail: true,
    steps: true,
    messages: true,
    result: true,
    stats: false,
    actions: {},
    missing: {},
    ...overrides,
  };
}

/** A healthy source snapshot holding `jobs`. */
export function makeSource(
  name: string,
  jobs: readonly Job[],
  overrides: Partial<SourceSnapshot> = {},
): SourceSnapshot {
  return {
    name,
    vendor: vendorOf(name),
    url: `http://127.0.0.1/${name}`,
    status: 'ok',
    jobs,
    total: null,
    stateCounts: null,
    nextPollDelayMs: null,
    lastSuccessAt: T0 - 2_000,
    error: null,
    consecutiveFailures: 0,
    nextPollAt: T0 + 3_000,
    intervalMs: 5_000,
    readonly: false,
    insecure: false,
    capabilities: makeCapabilities(),
    ...overrides,
  };
}
