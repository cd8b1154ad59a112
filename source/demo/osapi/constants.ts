/** The fixed numbers of the OSAPI demo controller: its signing key, token lifetimes, KV TTL and arrival rate. */

/** The HS256 signing key the demo controller verifies tokens with (its `controller.api.signing_key`). */
export const OSAPI_DEMO_SIGNING_KEY = 'jobtop-demo-osapi-signing-key';

/** The `sub` claim of demo tokens. */
export const OSAPI_DEMO_SUBJECT = 'jobtop-demo';

/** The KV bucket TTL (`nats.kv.ttl`, default 1 h): every record and event expires this long after it was written. */
export const OSAPI_JOB_TTL_MS = 3_600_000;

/** How long the token in sourceConfig() stays valid: ten years. */
export const DEMO_TOKEN_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

/** Default lifetime of minted tokens: three months, like `osapi token generate`. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 90 * 24 * 3600;

/** Mean time between arriving jobs (an exponential draw). */
export const ARRIVAL_MEAN_MS = 10_000;
