/** The Vectara simulator's demo credentials, page limits and the corpora and users its jobs belong to. */

/** Demo Personal API key: accepted by v2 and v1. */
export const VECTARA_DEMO_API_KEY = 'zut_jobtop_demo_personal_key';
/** Demo Query API key: accepted by v2 jobs, refused by v1 (PERMISSION_DENIED). */
export const VECTARA_DEMO_QUERY_KEY = 'zqt_jobtop_demo_query_key';
/** Demo Index API key: refused by both (v2 403, v1 PERMISSION_DENIED). */
export const VECTARA_DEMO_INDEX_KEY = 'zwt_jobtop_demo_index_key';
/** Demo customer id for the v1 `customer-id` header. */
export const VECTARA_DEMO_CUSTOMER_ID = '1366999410';
/** Demo OAuth2 client id for `POST /oauth2/token`. */
export const VECTARA_DEMO_CLIENT_ID = 'jobtop-demo-app';
/** Demo OAuth2 client secret for `POST /oauth2/token`. */
export const VECTARA_DEMO_CLIENT_SECRET = 'jobtop-demo-app-secret';
/** Lifetime of the demo OAuth2 tokens, in seconds. */
export const VECTARA_DEMO_TOKEN_LIFETIME_SECONDS = 3600;

/** One second in ms. */
export const SECOND = 1000;
/** Largest page either version serves (v2 `limit`, v1 `numResults`). */
export const MAX_PAGE_SIZE = 100;
/** v2 `limit` when none is given. */
export const DEFAULT_V2_LIMIT = 10;
/** v1 `numResults` when it is 0 or absent (our choice; the docs give none). */
export const DEFAULT_V1_NUM_RESULTS = 10;
/** How far back a v1 list reaches at most (and by default): 180 days. */
export const V1_WINDOW_SECONDS = 180 * 24 * 3600;
/** What a v2 `corpus_key` must look like. */
export const CORPUS_KEY_PATTERN = /^[a-zA-Z0-9_=-]{1,50}$/;

/** The demo account's corpora: v2 keys with their v1 numeric ids. */
export const CORPORA = [
  { key: 'support-articles', id: 12 },
  { key: 'product-catalog', id: 17 },
  { key: 'legal-contracts', id: 23 },
  { key: 'engineering-wiki', id: 31 },
  { key: 'sales-playbooks', id: 44 },
  { key: 'customer-tickets', id: 58 },
  { key: 'hr-policies', id: 61 },
  { key: 'release-notes', id: 75 },
] as const;
/** Usernames that start jobs (system jobs have none). */
export const USERS = [
  'alice.chen',
  'bob.okafor',
  'carla.mendes',
  'dmitri.volkov',
  'erin.walsh',
  'farid.haddad',
  'ingest-bot',
];
