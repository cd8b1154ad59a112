/**
 * An in-memory fake of Alteryx Server API v3 (Alteryx's Server API V3 reference; docs/vendors.md), served under
 * `/webapi` exactly as a real server's "Web API address":
 *
 * - `POST /webapi/oauth2/token`: client credentials in the form or as Basic auth; tokens expire
 *   (configurable lifetime); bad credentials give 400 `{"error":"invalid_client"}`.
 * - `GET /webapi/v3/jobs`: `{data, pagination}` with offset/limit in and page numbers out, the
 *   documented filters (`statuses` takes `Complete`, the items say `Completed`), sort fields,
 *   no `disposition`, `priority` as a named or numeric string, `executionTime` as `[d.]HH:MM:SS`,
 *   times as ISO strings at second precision with `Z`.
 * - `GET /webapi/v3/jobs/{id}[?includeMessages=false]`, `GET /webapi/v3/jobs/{id}/messages` (an
 *   array), `GET /webapi/v3/workflows/{id}/jobs`.
 * - `DELETE /webapi/v3/jobs/{id}`: running → cancelled, queued → deleted, else the documented 400s.
 * - Every `/v3` call needs a live bearer token, else 401 with the ASP.NET message.
 *
 * Choices where the vendor's docs are silent: the default page size is 50 and
 * `limit` is capped at 100 (the applied value is echoed as `pageSize`); the default sort is
 * `CreateDate asc`; bad parameters give 400 `{"message":"The request is invalid."}`; a job that
 * has not started has `startTime: null` and `executionTime: "00:00:00"`; an active job's
 * disposition is `None`. The demo client acts as a Curator, except that jobs of the
 * `Payroll Service` run-as account (a private collection) refuse its cancel with the documented
 * permission message, so that refusal can be seen in the demo.
 *
 * This file composes the parts in ./alteryx/ and re-exports what importers use.
 */
import {
  ALTERYX_DEMO_CLIENT_ID,
  ALTERYX_DEMO_CLIENT_SECRET,
  DEFAULT_MAX_PAGE_SIZE,
  USER_NAMES,
  WORKFLOW_FILES,
} from './alteryx/constants.js';
import { createDice } from './alteryx/dice.js';
import { createJobFactory } from './alteryx/job-factory.js';
import { advance, placeJob, schedule } from './alteryx/lifecycle.js';
import { createArrivals, populate, prune } from './alteryx/population.js';
import { createRouter } from './alteryx/routes.js';
import { isFinished, sortByQueueTime } from './alteryx/status-groups.js';
import { createTokenDesk } from './alteryx/tokens.js';
import type { AlteryxJobSeed, AlteryxSimulator, AlteryxSimulatorOptions, AlteryxWorld } from './alteryx/types.js';

export {
  ALTERYX_DEMO_CLIENT_ID,
  ALTERYX_DEMO_CLIENT_SECRET,
  ALTERYX_DEMO_USER,
  ALTERYX_DENIED_MESSAGE,
  ALTERYX_PROTECTED_OWNER,
} from './alteryx/constants.js';
export type {
  AlteryxDisposition,
  AlteryxEngineMessage,
  AlteryxJobSeed,
  AlteryxOutputFile,
  AlteryxSimulatedJob,
  AlteryxSimulator,
  AlteryxSimulatorOptions,
  AlteryxStatus,
} from './alteryx/types.js';
export { formatTimeSpan } from './alteryx/wire-format.js';

/** Creates the Alteryx Server v3 simulator. */
export function createAlteryxSimulator(options: AlteryxSimulatorOptions = {}): AlteryxSimulator {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const dice = createDice(seed);
  // why: tokens draw from their own random source, so logging in does not change the generated jobs.
  const tokens = createTokenDesk(
    seed ^ 0x5eed,
    (options.tokenLifetimeSeconds ?? 3600) * 1000,
    now,
    options.tokenCredentials ?? 'either',
  );
  const startCount = options.jobCount ?? 40;
  const jobCap = Math.max(2 * startCount, 20);
  const users = USER_NAMES.map((name) => ({ name, id: dice.hex(24) }));
  const workflows = WORKFLOW_FILES.map(([name, input, output]) => ({ id: dice.hex(24), name, input, output }));
  const world: AlteryxWorld = { dice, users, workflows, jobs: [] };
  const createJob = createJobFactory(world);
  const route = createRouter({
    world,
    tokens,
    now,
    maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
    noDetailEvery: options.noDetailEvery,
  });

  const startedAt = now();
  populate(world, createJob, startCount, startedAt);
  const arrive = createArrivals(world, createJob, options.arrivals !== false, startedAt);

  return {
    vendor: 'alteryx',
    get jobs() {
      return world.jobs;
    },
    handle: route,
    tick(at: number) {
      arrive(at);
      for (const job of world.jobs) advance(world, job, at);
      schedule(world.jobs, at);
      prune(world, jobCap);
    },
    sourceConfig(url: string, name: string) {
      return { name, type: 'alteryx', url, clientId: ALTERYX_DEMO_CLIENT_ID, clientSecret: ALTERYX_DEMO_CLIENT_SECRET };
    },
    inject(seed: AlteryxJobSeed = {}) {
      const at = now();
      const finished = seed.status !== undefined && isFinished(seed.status);
      const job = createJob({ ...seed, queuedAt: seed.queuedAt ?? at - (finished ? 600_000 : 60_000) }, at);
      placeJob(world, job, seed.status ?? 'Queued', at, seed.startedAt);
      world.jobs.push(job);
      sortByQueueTime(world.jobs);
      return job;
    },
    revokeTokens() {
      tokens.revokeAll();
    },
  };
}
