/**
 * The demo fleet as its own oracle: every job each simulator holds, in the normalized state
 * the vendor's documented mapping gives it (written out here, independently of the adapters).
 */
import { identifyJobState } from '../../source/demo/mcrit/job-state.js';
import { JOB_STATES, type JobState, type Vendor } from '../../source/domain/job.js';
import type { AlteryxSimulator } from '../../source/demo/alteryx-server.js';
import type { DemoFleet } from '../../source/demo/fleet.js';
import type { McritSimulator } from '../../source/demo/mcrit-server.js';
import type { OsapiSimulator } from '../../source/demo/osapi-server.js';
import type { VectaraSimulator } from '../../source/demo/vectara-server.js';
import type { VectorChartsSimulator } from '../../source/demo/vectorcharts-server.js';

/** Native state → normalized state per vendor (docs/vendors.md). */
export const NATIVE_TO_STATE: Record<Vendor, Record<string, JobState>> = {
  vectorcharts: {
    pending: 'queued',
    running: 'running',
    completed: 'succeeded',
    failed: 'failed',
    cancelled: 'cancelled',
  },
  osapi: {
    submitted: 'queued',
    processing: 'running',
    completed: 'succeeded',
    failed: 'failed',
    skipped: 'skipped',
    partial_failure: 'partial',
  },
  vectara: {
    queued: 'queued',
    started: 'running',
    failed_will_retry: 'running',
    completed: 'succeeded',
    failed: 'failed',
    aborted: 'cancelled',
    unknown: 'unknown',
  },
  mcrit: {
    queued: 'queued',
    in_progress: 'running',
    finished: 'succeeded',
    failed: 'failed',
    terminated: 'cancelled',
    unknown: 'unknown',
  },
  alteryx: {
    Created: 'queued',
    Queued: 'queued',
    Initializing: 'running',
    Running: 'running',
    Cancelled: 'cancelled',
    'Completed/Success': 'succeeded',
    'Completed/Warning': 'succeeded',
    'Completed/Error': 'failed',
    'Completed/Cancelled': 'cancelled',
  },
};

/** Every job of every simulator: vendor → id → normalized state. */
export function simulatorStates(fleet: DemoFleet): Record<Vendor, Map<string, JobState>> {
  const osapi = fleet.servers.osapi.simulator as OsapiSimulator;
  const native: Record<Vendor, [string, string][]> = {
    vectorcharts: (fleet.servers.vectorcharts.simulator as VectorChartsSimulator)
      .jobs()
      .map((job) => [job.id, job.jobState]),
    osapi: osapi.jobs.map((job) => [job.id, osapi.statusOf(job.id) ?? '?']),
    vectara: (fleet.servers.vectara.simulator as VectaraSimulator).jobs.map((job) => [job.id, job.state]),
    mcrit: (fleet.servers.mcrit.simulator as McritSimulator).documents.map((doc) => [
      doc._id.$oid,
      identifyJobState(doc),
    ]),
    alteryx: (fleet.servers.alteryx.simulator as AlteryxSimulator).jobs.map((job) => [
      job.id,
      job.status === 'Completed' ? `Completed/${job.disposition}` : job.status,
    ]),
  };
  const out = {} as Record<Vendor, Map<string, JobState>>;
  for (const [vendor, pairs] of Object.entries(native) as [Vendor, [string, string][]][]) {
    out[vendor] = new Map(pairs.map(([id, state]) => [id, NATIVE_TO_STATE[vendor][state] ?? 'unknown']));
  }
  return out;
}

/** Jobs per normalized state of one simulator. */
export function truthCounts(states: Map<string, JobState>): Record<JobState, number> {
  const counts = Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>;
  for (const state of states.values()) counts[state] += 1;
  return counts;
}
