/** The Alteryx source's options and the fixed limits it polls with. */
import type { BaseSourceOptions } from '../contract.js';

/** Config of an Alteryx source: the `.../webapi` url and the user's API key and secret. */
export interface AlteryxOptions extends BaseSourceOptions {
  clientId?: string;
  clientSecret?: string;
  /**
   * Disposition look-ups per poll (default ALTERYX_ENRICH_PER_POLL). One-shot commands set it
   * to the limit, since they have no next poll to finish the work in.
   */
  enrichPerPoll?: number;
  /** Clock used for token expiry (tests share the simulator's fake clock); default Date.now. */
  now?: () => number;
}

/** Page size asked of `GET /v3/jobs` (the docs' example shows 50; 100 keeps polls short). */
export const ALTERYX_PAGE_SIZE = 100;

/** Most completed jobs whose disposition is looked up in one poll. */
export const ALTERYX_ENRICH_PER_POLL = 25;
