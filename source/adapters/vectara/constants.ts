/** A Vectara source's options, API version and declared capabilities (docs/vendors.md). */
import type { BaseSourceOptions, SourceCapabilities } from '../contract.js';

/** Options of a Vectara source (config `type: vectara`). */
export interface VectaraOptions extends BaseSourceOptions {
  /** Personal API key (or a query key on v2), sent as `x-api-key`. */
  apiKey?: string;
  /** Which Jobs API to speak; v1 was retired on 2025-08-16. Default 'v2'. */
  apiVersion?: 'v2' | 'v1';
  /** Numeric customer id, sent as the `customer-id` header (required by v1). */
  customerId?: string;
  /** OAuth2 client-credentials app id (alternative to apiKey). */
  clientId?: string;
  clientSecret?: string;
  /** OAuth2 token endpoint; defaults to Vectara's for api.vectara.io, else `<url>/oauth2/token`. */
  tokenUrl?: string;
  /** Clock used for token expiry (tests inject one); default Date.now. */
  now?: () => number;
}

/** The Jobs API version a record or source speaks. */
export type VectaraApiVersion = 'v2' | 'v1';

/** Largest page either version serves (v2 `limit`, v1 `numResults`). */
export const VECTARA_MAX_PAGE_SIZE = 100;

/** What a Vectara source can do: detail only; no actions exist in either API version. */
export const VECTARA_CAPABILITIES: SourceCapabilities = {
  detail: true,
  steps: false,
  messages: false,
  result: false,
  stats: false,
  actions: {},
  missing: {
    steps: 'Vectara jobs have no steps.',
    messages: 'Vectara has no per-job messages or logs.',
    result: 'Vectara reports no job result.',
  },
};
