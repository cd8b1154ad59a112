/** The VectorCharts Portal simulator's demo credentials, error messages and list limits (the Portal API reference). */

/** The demo API token the simulator accepts (a long-lived Portal API token). */
export const VECTORCHARTS_DEMO_API_TOKEN = 'vcp_demo_4f1c2e9a7b3d5860a1c2';
/** The demo login (the Portal's factory default admin account). */
export const VECTORCHARTS_DEMO_USERNAME = 'admin';
/** The demo login's password. */
export const VECTORCHARTS_DEMO_PASSWORD = 'admin';

/** The job types `POST /api/portal/v1/jobs` can start (the Portal API reference, "Create a job"). */
export const VECTORCHARTS_STARTABLE_TYPES = ['refresh-public-charts', 'clear-tiles', 'vacuum-analyze'] as const;

/** The simulator's exact error messages, sent as `{"error": message}`. */
export const VECTORCHARTS_ERRORS = {
  missingToken: 'Missing or malformed Authorization header; expected "Bearer <token>"',
  invalidToken: 'Invalid or expired token',
  badCredentials: 'Invalid username or password',
  loginBody: 'username and password are required',
  invalidJson: 'Request body must be valid JSON',
  missingJobType: 'jobType is required',
  badJobType: `jobType must be one of: ${VECTORCHARTS_STARTABLE_TYPES.join(', ')}`,
  activeJob: (jobType: string) => `A ${jobType} job is already pending or running`,
  badLimit: 'limit must be a positive integer',
  badOffset: 'offset must be a non-negative integer',
  badActiveOnly: 'activeOnly must be true or false',
  notFound: 'Not found',
  methodNotAllowed: 'Method not allowed',
} as const;

/** Path prefix of the Portal API. */
export const PORTAL_PREFIX = '/api/portal/v1';
/** `limit` when the list request gives none. */
export const LIMIT_DEFAULT = 25;
/** Largest `limit` the list applies (a larger one is clamped and echoed). */
export const LIMIT_CAP = 200;
/** Job states `activeOnly=true` keeps, and that make `POST /jobs` answer 409. */
export const ACTIVE_STATES: ReadonlySet<string> = new Set(['pending', 'running']);
/** Job states a job never leaves. */
export const TERMINAL_STATES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);
/** Most session tokens kept at once; the oldest is forgotten beyond it. */
export const MAX_SESSIONS = 1000;
