/**
 * An in-memory fake of the VectorCharts Portal API, wire-faithful to the vendor's Portal API reference
 * (docs.vectorcharts.com/oem/portal-api-reference; docs/vendors.md):
 * - `GET /api/portal/v1/jobs?activeOnly&limit&offset`: newest first, `limit` default 25 and clamped to
 *   200 (the applied value is echoed in `pagination.limit`), `activeOnly=true` = pending + running,
 *   `{jobs, pagination: {limit, offset, total}}`; steps and logs inline; ms-epoch times, ISO log times.
 * - `POST /api/portal/v1/jobs {jobType}`: 200 `{jobId, jobState: "pending"}`, 400 for a missing or
 *   unstartable type, 409 while a job of that type is pending or running.
 * - Before pagination (`listShape: 'bare-array'`, servers from before the docs change of 2026-06-03;
 *   the demo fleet's `demo-legacy-vectorcharts`): `GET /jobs` answers a bare array of every job (no
 *   `priority` yet) and ignores `limit`/`offset`.
 * - `POST /api/portal/v1/auth/logout` with the session's Bearer token ends it (200; 401 otherwise).
 * - `POST /api/portal/v1/auth/login {username, password}`: the login response with `token.id`;
 *   400 malformed body, 401 bad credentials. Every other Portal path needs `Authorization: Bearer`
 *   with the demo API token or a live session token, else 401. Error bodies are `{"error": "..."}`.
 * - No get-one, cancel, delete or retry endpoint (404), as in the real API.
 *
 * Choices where the vendor's docs are silent: a non-integer or < 1 `limit`, a negative `offset` and an
 * `activeOnly` other than true/false get 400; a retried step shows as two step records (attempt 1
 * failed with its error, attempt 2); `cancelled` happens to a few jobs (an administrator's doing).
 *
 * Every job's whole lifecycle is planned (seeded) when it is created, so the state at a given clock
 * is the same however finely tick() is called.
 *
 * The pieces live in ./vectorcharts/: constants, wire-format (records), job-templates,
 * lifecycle-plan, job-store, sessions, routes. This file composes them.
 */
import { createRandom, randomUuid, type SimulatorOptions, type VendorSimulator } from './kit.js';
import { VECTORCHARTS_DEMO_PASSWORD, VECTORCHARTS_DEMO_USERNAME } from './vectorcharts/constants.js';
import { createJobStore } from './vectorcharts/job-store.js';
import { handlePortalRequest, type VectorChartsListShape } from './vectorcharts/routes.js';
import { createPortalSessions } from './vectorcharts/sessions.js';
import { newJobRecord, type VectorChartsJobRecord } from './vectorcharts/wire-format.js';

// Re-exported: importers keep using this file's path.
export {
  VECTORCHARTS_DEMO_API_TOKEN,
  VECTORCHARTS_DEMO_PASSWORD,
  VECTORCHARTS_DEMO_USERNAME,
  VECTORCHARTS_ERRORS,
  VECTORCHARTS_STARTABLE_TYPES,
} from './vectorcharts/constants.js';
export type {
  VectorChartsJobRecord,
  VectorChartsLogRecord,
  VectorChartsStepRecord,
} from './vectorcharts/wire-format.js';

/** The simulator plus small test hooks; the HTTP behaviour stays the real wire format. */
export interface VectorChartsSimulator extends VendorSimulator {
  /** Every job record, newest first, as the list orders them (read only). */
  jobs(): readonly VectorChartsJobRecord[];
  /** Adds a record as given (defaults for the rest) with no lifecycle: it stays as inserted. */
  insertJob(fields: Partial<VectorChartsJobRecord>): VectorChartsJobRecord;
  /** Forgets every session token, as a logout or server restart would. */
  revokeSessions(): void;
  /** How many session tokens are live (logged in, not logged out). */
  liveSessions(): number;
}

/** Simulator options: the common ones plus the list shape the server speaks. */
export interface VectorChartsSimulatorOptions extends SimulatorOptions {
  /** `bare-array`: a server from before the Portal list had pagination (default `paged`). */
  listShape?: VectorChartsListShape;
}

export type { VectorChartsListShape } from './vectorcharts/routes.js';

/** Creates the VectorCharts Portal simulator. */
export function createVectorChartsSimulator(options: VectorChartsSimulatorOptions = {}): VectorChartsSimulator {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const random = createRandom(seed);
  // why: separate streams, so logins and test inserts never shift the seeded job plans.
  const tokenRandom = createRandom(seed + 7919);
  const insertRandom = createRandom(seed + 104729);
  const startCount = Math.max(0, Math.floor(options.jobCount ?? 40));
  const store = createJobStore({ random, start: now(), startCount, arrivals: options.arrivals !== false });
  const sessions = createPortalSessions(tokenRandom);

  return {
    vendor: 'vectorcharts',
    handle: (request) =>
      handlePortalRequest(request, { store, sessions, now, listShape: options.listShape ?? 'paged' }),
    tick: (time) => store.tick(time),
    sourceConfig(url, name) {
      return {
        name,
        type: 'vectorcharts',
        url,
        username: VECTORCHARTS_DEMO_USERNAME,
        password: VECTORCHARTS_DEMO_PASSWORD,
      };
    },
    jobs: () => store.records(),
    insertJob(fields) {
      const createdAt = fields.createdAt ?? now();
      const record = newJobRecord(randomUuid(insertRandom), createdAt, fields);
      store.insert(record);
      return record;
    },
    revokeSessions: () => sessions.revoke(),
    liveSessions: () => sessions.live(),
  };
}
