/** A VectorCharts Portal source's options, API paths and declared capabilities (Portal API reference). */
import type { BaseSourceOptions, SourceCapabilities } from '../contract.js';

/** Options of a VectorCharts Portal source: an API token, or a username and password to log in with. */
export interface VectorChartsOptions extends BaseSourceOptions {
  token?: string;
  username?: string;
  password?: string;
}

/** Path prefix of the Portal API below the server root. */
export const VECTORCHARTS_API_PREFIX = '/api/portal/v1';

/** Largest `limit` the Portal list accepts (jobs/list: `limit` max 200). */
export const VECTORCHARTS_PAGE_SIZE_CAP = 200;

/** The job list path. */
export const JOBS_PATH = `${VECTORCHARTS_API_PREFIX}/jobs`;
/** The login path that issues session tokens. */
export const LOGIN_PATH = `${VECTORCHARTS_API_PREFIX}/auth/login`;
/** The logout path that ends a session token (authentication/logout.md). */
export const LOGOUT_PATH = `${VECTORCHARTS_API_PREFIX}/auth/logout`;

/** What the Portal API can and cannot do, declared for the UI (the Portal API has no job actions at all). */
export const VECTORCHARTS_CAPABILITIES: SourceCapabilities = {
  // why: there is no get-one endpoint, but every list item carries steps, logs and result inline.
  detail: true,
  steps: true,
  messages: true,
  result: true,
  // why: pagination.total counts all matching jobs; there are no per-state counts.
  stats: true,
  actions: {},
  missing: {},
};
