/** What the Vectara route handlers act on. */
import type { JobStore } from './job-store.js';
import type { OAuthTokens } from './oauth-tokens.js';

/** The store, the token endpoint, the clock and the request-id source the handlers share. */
export interface VectaraContext {
  store: JobStore;
  tokens: OAuthTokens;
  now: () => number;
  /** A fresh `request_id` for a v2 error body. */
  requestId: () => string;
  /** How many jobs a page holds for a requested size (short pages: about half, with a page key). */
  pageSize: (asked: number) => number;
}
